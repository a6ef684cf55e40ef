"""Issue #11, 3-4: after a wipe nothing of the last person comes back; nobody leaves the kiosk."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QClipboard, QGuiApplication, QKeyEvent
from PySide6.QtWidgets import QApplication, QMenu, QWidget

from rightsguide.core.guide import Guide
from rightsguide.core.kiosk import KioskConfig
from rightsguide.core.resources import DataDirs
from rightsguide.ui import kiosk as kiosk_module
from rightsguide.ui.kiosk import KioskMode
from rightsguide.ui.kioskdialogs import PinDialog
from tests.conftest import ROOT
from tests.ui.conftest import KIOSK_PIN, FakeClock

PIN = KIOSK_PIN
ADMIN = (
    Qt.KeyboardModifier.ControlModifier
    | Qt.KeyboardModifier.AltModifier
    | Qt.KeyboardModifier.ShiftModifier
)


def wipe_by(route: str, qtbot, window, mode) -> None:
    """Wipe the session the way a person would: Quick exit, or walking away (idle reset)."""
    with qtbot.wait_signal(mode.session_wiped, timeout=2000):
        if route == "quick-exit":
            qtbot.mouseClick(mode.quick_exit_button, Qt.MouseButton.LeftButton)
        else:
            mode.idle_timer.timeout.emit()
            for _ in range(mode.config.countdown_seconds):
                mode.tick_timer.timeout.emit()
    if route == "quick-exit":
        mode.neutral_screen.start.click()
    mode.language_screen.buttons[0].click()  # the next person starts


def read_a_page(qtbot, window, mode, page_id: str = "start-here/welcome") -> None:
    """A person picks English and opens a page."""
    mode.choose_language("en")
    with qtbot.wait_signal(window.reader.page_shown, timeout=2000):
        window.open_page(page_id)


def type_a_search(qtbot, window, mode, text: str = "charge") -> None:
    mode.choose_language("en")
    window.search_box.setFocus()
    with qtbot.wait_signal(window.searched, timeout=3000):
        qtbot.keyClicks(window.search_box, text)


ROUTES = ["quick-exit", "idle"]


@pytest.mark.parametrize("route", ROUTES)
@pytest.mark.parametrize(
    "keys",
    [
        [(Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)],
        [
            (Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier),
            (Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier),
        ],
        [(Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)],
    ],
    ids=["ctrl-z", "ctrl-shift-z", "ctrl-y"],
)
def test_undo_and_redo_cannot_bring_back_the_last_search(qtbot, kiosk, route, keys):
    window, mode, _clock = kiosk
    type_a_search(qtbot, window, mode)
    window.search_box.undo()  # the last person undid some typing: redo would bring it back
    qtbot.keyClicks(window.search_box, "secret")
    wipe_by(route, qtbot, window, mode)
    window.search_box.setFocus()
    with qtbot.assert_not_emitted(window.searched):
        for key, mods in keys:
            qtbot.keyClick(window.search_box, key, mods)
    assert window.search_box.text() == ""
    assert not window.search_box.isUndoAvailable()
    assert not window.search_box.isRedoAvailable()


@pytest.mark.parametrize("route", ROUTES)
def test_paste_and_middle_click_bring_back_nothing(qtbot, kiosk, route):
    window, mode, _clock = kiosk
    read_a_page(qtbot, window, mode)
    window.reader.selectAll()
    window.reader.copy()
    board = QApplication.clipboard()
    assert board.text() != ""
    if board.supportsSelection():
        board.setText("selected by the last person", QClipboard.Mode.Selection)
    wipe_by(route, qtbot, window, mode)
    assert board.text() == ""
    if board.supportsSelection():
        assert board.text(QClipboard.Mode.Selection) == ""
    window.search_box.setFocus()
    with qtbot.assert_not_emitted(window.searched):
        qtbot.keyClick(window.search_box, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
        qtbot.keyClick(window.search_box, Qt.Key.Key_Insert, Qt.KeyboardModifier.ShiftModifier)
        qtbot.mouseClick(window.search_box, Qt.MouseButton.MiddleButton, pos=QPoint(10, 10))
    assert window.search_box.text() == ""
    assert window.reader.textCursor().selectedText() == ""


@pytest.mark.parametrize("route", ROUTES)
def test_results_lists_and_scroll_positions_are_gone(qtbot, kiosk, route):
    window, mode, _clock = kiosk
    type_a_search(qtbot, window, mode, "guide")
    assert window.search_view.results.count() > 0
    window.search_view.results.verticalScrollBar().setValue(5)
    window.home_view.topic_chosen.emit("device-care")
    assert window.topic_view.tiles
    with qtbot.wait_signal(window.reader.page_shown, timeout=2000):
        window.open_page("device-care/charging")
    window.reader.verticalScrollBar().setValue(window.reader.verticalScrollBar().maximum())
    assert window.toc.count() > 0
    wipe_by(route, qtbot, window, mode)
    assert window.search_view.hits == []
    assert window.search_view.results.count() == 0
    assert window.search_view.heading.text() == ""
    assert window.toc.count() == 0
    assert window.topic_view.tiles == []
    assert window.topic_view.heading.text() == ""
    assert window.reader.verticalScrollBar().value() == 0
    assert window.search_view.results.verticalScrollBar().value() == 0
    assert window.zoom == 0
    assert not window.contrast_action.isChecked()


@pytest.mark.parametrize("route", ROUTES)
def test_a_fling_still_running_is_stopped_by_the_wipe(qtbot, kiosk, route):
    from PySide6.QtCore import QPointF
    from PySide6.QtWidgets import QScroller

    window, mode, _clock = kiosk
    read_a_page(qtbot, window, mode, "device-care/charging")
    scroller = QScroller.scroller(window.reader.viewport())
    scroller.scrollTo(QPointF(0, 400), 5000)  # as a finger's fling: it goes on for seconds
    qtbot.waitUntil(lambda: scroller.state() == QScroller.State.Scrolling)
    wipe_by(route, qtbot, window, mode)
    assert scroller.state() == QScroller.State.Inactive
    assert window.reader.verticalScrollBar().value() == 0


@pytest.mark.qt_log_ignore("This plugin does not support grabbing")  # offscreen menus
def test_open_menus_and_popups_are_closed(qtbot, kiosk):
    window, mode, _clock = kiosk
    mode.choose_language("en")
    menu = QMenu(window)  # a menu the last person left open
    menu.addAction("Print with English below")
    menu.popup(window.mapToGlobal(QPoint(20, 20)))
    qtbot.waitUntil(menu.isVisible)
    mode.quick_exit()
    assert not menu.isVisible()
    window.picker.showPopup()
    mode.quick_exit()
    assert QApplication.activePopupWidget() is None


def test_the_pin_typed_is_not_kept_in_a_hidden_dialog(qtbot, kiosk, monkeypatch):
    window, mode, _clock = kiosk

    def type_and_accept(dialog: PinDialog) -> int:
        dialog.field.setText("999999")
        return 1

    monkeypatch.setattr(PinDialog, "exec", type_and_accept)
    press_admin_keys(window, mode)
    qtbot.waitUntil(lambda: not window.findChildren(PinDialog))


def test_an_unreadable_page_does_not_break_search_or_the_session(qtbot, make_main_window, tmp_path):
    import shutil

    from tests.conftest import FIXTURES

    content = tmp_path / "content"
    shutil.copytree(FIXTURES / "content", content)
    pages = sorted((content / "en").glob("*/*.md"))
    pages[0].write_bytes(b"---\ntitle: \xff\xfe\n---\n")
    text = pages[1].read_text(encoding="utf-8")
    pages[1].write_text(text.replace("order:", "order: " + "9" * 5000 + "\nx:", 1), "utf-8")
    guide = Guide(DataDirs(content, FIXTURES / "locales", ROOT / "assets"))
    window = make_main_window("en", guide=guide)
    shutil.rmtree(content / "es", ignore_errors=True)  # gone after start, as on a failing disk
    unreadable = pages[2]
    unreadable.unlink()
    unreadable.mkdir()  # listed at start, cannot be read now (as with permissions 000)
    mode = KioskMode(window, KioskConfig(languages=("en",), default_language="en"))
    try:
        mode.choose_language("en")
        with qtbot.assert_not_emitted(mode.session_wiped):
            for word in ("guide", "charge", "guide"):
                window.search(word)
        assert window.search_view.hits or window.search_view.heading.text()
    finally:
        QApplication.instance().removeEventFilter(mode)  # type: ignore[union-attr]


# --- 4. Nobody leaves without the PIN ------------------------------------------------------------


def full_screen_and_active(window) -> bool:
    state = window.windowState()
    return (
        window.isVisible()
        and bool(state & Qt.WindowState.WindowFullScreen)
        and not state & Qt.WindowState.WindowMinimized
        and (  # offscreen: a window shown again has the focus but is not "active" in Qt's books
            QApplication.activeWindow() is window
            or QGuiApplication.focusWindow() is window.windowHandle()
        )
    )


@pytest.fixture
def guarded(qtbot, kiosk):
    window, mode, clock = kiosk
    window.showFullScreen()
    window.activateWindow()
    mode.guard.enable()
    qtbot.waitUntil(lambda: full_screen_and_active(window))
    return window, mode, clock


@pytest.mark.parametrize(
    "leave",
    [
        lambda w: w.showMinimized(),
        lambda w: w.hide(),
        lambda w: w.setWindowState(Qt.WindowState.WindowNoState),
        lambda w: w.setWindowState(Qt.WindowState.WindowMinimized),
        lambda w: w.showNormal(),
    ],
    ids=["minimised", "hidden", "not-full-screen", "state-minimised", "normal"],
)
def test_the_kiosk_puts_itself_back(qtbot, guarded, leave):
    window, _mode, _clock = guarded
    leave(window)
    qtbot.waitUntil(lambda: full_screen_and_active(window), timeout=3000)


def test_the_kiosk_takes_the_activation_back_from_another_window(qtbot, guarded):
    window, _mode, _clock = guarded
    other = QWidget()  # a terminal or a file manager, as far as the kiosk knows
    qtbot.add_widget(other)
    other.show()
    other.activateWindow()
    qtbot.waitUntil(lambda: full_screen_and_active(window), timeout=3000)


def test_the_kiosks_own_dialogs_may_take_the_activation(qtbot, guarded):
    window, mode, _clock = guarded
    from rightsguide.ui.kioskdialogs import KioskLinkDialog

    dialog = KioskLinkDialog("https://example.org/", window.language.translator, window)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    assert not mode.guard.needs_restoring()
    mode.quick_exit()


def press_admin_keys(window, mode) -> None:
    target = QApplication.focusWidget() or window
    mode.eventFilter(target, QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_Q, ADMIN))


def test_wrong_pins_wait_longer_each_time_then_lock(kiosk, monkeypatch):
    from rightsguide.core import pinlock

    window, mode, clock = kiosk
    asked: list[str] = []
    quits: list[bool] = []
    monkeypatch.setattr(QApplication, "quit", lambda: quits.append(True))

    def wrong_pin(cls: type[PinDialog], tr: object, parent: object = None) -> str:
        asked.append("x")
        return "000000"

    monkeypatch.setattr(PinDialog, "ask", classmethod(wrong_pin))
    waits = []
    for _ in range(pinlock.LOCKOUT_TRIES - 1):
        press_admin_keys(window, mode)
        wait = mode.pin_lock.wait()
        assert wait is not None
        assert "Wrong PIN. Wait" in window.statusBar().currentMessage()
        waits.append(wait.seconds)
        press_admin_keys(window, mode)  # during the wait: no dialog at all
        clock.now += wait.seconds
    assert waits == [1, 2, 4, 8]
    assert len(asked) == pinlock.LOCKOUT_TRIES - 1
    press_admin_keys(window, mode)  # the fifth wrong PIN
    assert "Too many wrong PINs. The PIN is locked for 5 minutes." in (
        window.statusBar().currentMessage()
    )
    clock.now += pinlock.LOCKOUT_S - 10
    press_admin_keys(window, mode)
    assert len(asked) == pinlock.LOCKOUT_TRIES  # still locked: not asked again
    mode.quick_exit()  # a wipe does not reset the count
    clock.now += 11
    monkeypatch.setattr(PinDialog, "ask", classmethod(lambda cls, tr, p=None: PIN))
    press_admin_keys(window, mode)
    assert quits == [True]


def test_forty_wrong_pins_take_hours_not_seconds():
    from rightsguide.core import pinlock

    clock = FakeClock()
    lock = pinlock.PinLock(PIN, clock)
    start = clock.now
    for _ in range(40):
        wait = lock.wait()
        if wait is not None:
            clock.now += wait.seconds
        assert lock.try_pin("000000") is not pinlock.Verdict.RIGHT
    assert clock.now - start > 2 * 3600  # it was 19 s
    assert lock.wait() is not None


def test_ctrl_p_prints_nothing_in_a_kiosk_without_printing(qtbot, kiosk, monkeypatch):
    window, mode, _clock = kiosk
    from rightsguide.ui import printing

    asked: list[str] = []

    def ask_the_print_service(*_args: object, **_kwargs: object) -> bool:
        asked.append("print service")
        return True

    monkeypatch.setattr(printing, "default_printer_available", ask_the_print_service)
    monkeypatch.setattr(printing, "print_handout", ask_the_print_service)
    read_a_page(qtbot, window, mode)
    window.reader.setFocus()
    qtbot.keyClick(window.reader, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    window.print_action.trigger()  # even if something triggered the hidden action
    assert asked == []


def test_a_kiosk_with_printing_prints_on_the_default_printer_when_asked(
    qtbot, make_main_window, monkeypatch
):
    from rightsguide.ui import printing

    calls: list[bool] = []

    def fake_print(handout: object, families: object, parent: object, *, ask: bool) -> bool:
        calls.append(ask)
        return True

    monkeypatch.setattr(printing, "print_handout", fake_print)
    window = make_main_window("en")
    config = KioskConfig(languages=("en",), default_language="en", exit_pin=PIN, printing=True)
    mode = KioskMode(window, config)
    try:
        assert window.print_action.isVisible()
        read_a_page(qtbot, window, mode)
        window.print_action.trigger()
        assert calls == [False]  # no dialog: the default printer
    finally:
        QApplication.instance().removeEventFilter(mode)  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("printer", "said"),
    [
        (True, "Sent to the printer."),
        (False, "No printer is ready. Ask the staff for a paper copy."),
    ],
)
def test_a_kiosk_says_whether_print_printed(qtbot, make_main_window, monkeypatch, printer, said):
    """No dialog shows at a kiosk: without a word, a printer that is off looks like a dead Print."""
    from rightsguide.ui import printing

    monkeypatch.setattr(printing, "default_printer_available", lambda: printer)
    monkeypatch.setattr(printing, "print_to", lambda *_args: 1)
    window = make_main_window("en")
    config = KioskConfig(languages=("en",), default_language="en", exit_pin=PIN, printing=True)
    mode = KioskMode(window, config)
    try:
        read_a_page(qtbot, window, mode)
        window.print_action.trigger()
        assert window.statusBar().currentMessage() == said
        assert window.statusBar().isVisible()
        mode.wipe("idle")
        assert not window.statusBar().isVisible()  # gone for the next person
    finally:
        QApplication.instance().removeEventFilter(mode)  # type: ignore[union-attr]


def test_a_kiosk_restarts_on_new_content_between_two_people(kiosk, tmp_path, monkeypatch):
    """A pack installed while it runs, the copy it started on is later removed as an old copy.

    (Every page then "cannot be shown".) At the next wipe it ends; its service restarts it.
    """
    _window, mode, _clock = kiosk
    (tmp_path / "versions/2026.12.01/content").mkdir(parents=True)
    (tmp_path / "versions/2026.12.02/content").mkdir(parents=True)
    current = tmp_path / "current"
    current.symlink_to("versions/2026.12.01")
    exits: list[int] = []
    monkeypatch.setattr(QApplication, "exit", lambda code=0: exits.append(code))
    mode.follow_content(current / "content")
    mode.wipe("idle")
    assert exits == []  # the same content: nothing to do
    current.unlink()
    current.symlink_to("versions/2026.12.02")  # what an install does
    mode.quick_exit()
    assert exits == []  # someone is there: not at a Quick exit
    mode.wipe("idle")
    assert exits == [kiosk_module.RESTART_EXIT]
