"""The kiosk forgets whoever used it, whichever way they came in, and Quick exit is always one tap.

Found by an attacker's pass (December 2026): a person who started from the toolbar or the start
screen's language list instead of a language button was never forgotten; Quick exit could not
be tapped under the countdown's veil, an open language list or the web-address dialog.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from rightsguide.ui.kioskdialogs import KioskLinkDialog
from rightsguide.ui.mainwindow import PAGE_SPLIT


def _tap(window: QWidget, widget: QWidget) -> None:
    """A tap through the window, as a finger reaches it: Qt finds what is under the point."""
    point = widget.mapTo(window, widget.rect().center())
    QTest.mouseClick(window.windowHandle(), Qt.MouseButton.LeftButton, pos=point)


def _dialog() -> KioskLinkDialog:
    (dialog,) = [w for w in QApplication.topLevelWidgets() if isinstance(w, KioskLinkDialog)]
    return dialog


@pytest.mark.qt_log_ignore("This plugin does not support grabbing")  # (the list's popup)
@pytest.mark.parametrize("route", ["home", "about", "search", "language list"])
def test_whoever_starts_from_the_toolbar_is_forgotten_too(qtbot, kiosk, route):
    window, mode, _clock = kiosk
    qtbot.waitExposed(window)
    assert window.stack.currentWidget() is mode.language_screen
    if route == "home":
        _tap(window, window.toolbar.widgetForAction(window.home_action))
    elif route == "about":
        _tap(window, window.toolbar.widgetForAction(window.about_action))
    elif route == "search":
        _tap(window, window.search_box)
        QTest.keyClicks(window.search_box, "charge")
    else:
        _tap(window, window.picker)
    assert mode.idle_timer.isActive()  # so the idle reset comes
    with qtbot.wait_signal(mode.idle_prompt_shown, timeout=1000):
        mode.idle_timer.timeout.emit()  # (the idle time, run out)
    with qtbot.wait_signal(mode.session_wiped, timeout=5000) as wiped:
        for _ in range(mode.config.countdown_seconds):
            mode.tick_timer.timeout.emit()
    assert wiped.args == ["idle"]
    assert window.search_box.text() == ""


def test_nobody_there_no_countdown(qtbot, kiosk):
    """After a wipe the start screen waits: no question for an empty room, over and over."""
    window, mode, _clock = kiosk
    qtbot.waitExposed(window)
    assert not mode.idle_timer.isActive()
    mode.quick_exit()
    _tap(window, mode.neutral_screen)  # the next person
    assert window.stack.currentWidget() is mode.language_screen
    assert not mode.idle_timer.isActive()


def test_quick_exit_is_one_tap_under_the_countdown(qtbot, kiosk):
    window, mode, _clock = kiosk
    qtbot.waitExposed(window)
    mode.choose_language("en")
    mode.idle_timer.timeout.emit()
    assert mode.prompt.isVisible()  # its veil covers the whole window
    with qtbot.wait_signal(mode.session_wiped, timeout=1000) as wiped:
        _tap(window, mode.quick_exit_button)
    assert wiped.args == ["quick-exit"]
    assert window.stack.currentWidget() is mode.neutral_screen


@pytest.mark.qt_log_ignore("This plugin does not support grabbing")
def test_quick_exit_is_one_tap_with_the_language_list_open(qtbot, kiosk):
    window, mode, _clock = kiosk
    qtbot.waitExposed(window)
    mode.choose_language("en")
    window.picker.showPopup()
    qtbot.waitUntil(lambda: QApplication.activePopupWidget() is not None)
    with qtbot.wait_signal(mode.session_wiped, timeout=1000) as wiped:
        _tap(window, mode.quick_exit_button)  # not a first tap that only closes the list
    assert wiped.args == ["quick-exit"]
    assert QApplication.activePopupWidget() is None


def test_the_web_address_has_its_own_quick_exit(qtbot, kiosk):
    """The dialog blocks the window under it, Quick exit included."""
    window, mode, _clock = kiosk
    qtbot.waitExposed(window)
    mode.choose_language("en")
    wiped: list[str] = []
    mode.session_wiped.connect(wiped.append)

    def tap_its_quick_exit() -> None:
        dialog = _dialog()
        assert dialog.quick_exit_button is not None
        assert dialog.quick_exit_button.text() == "Quick exit"
        _tap(dialog, dialog.quick_exit_button)

    QTimer.singleShot(0, tap_its_quick_exit)
    window.follow_link("https://www.justice.gov/eoir")  # returns when the dialog closes
    assert wiped == ["quick-exit"]
    assert window.stack.currentWidget() is mode.neutral_screen


def test_the_countdown_is_not_hidden_behind_a_web_address(qtbot, kiosk):
    window, mode, _clock = kiosk
    qtbot.waitExposed(window)
    mode.choose_language("en")
    answered: list[bool] = []
    mode.prompt.still_here.connect(lambda: answered.append(True))

    def countdown_then_answer() -> None:
        assert _dialog().isVisible()
        mode.idle_timer.timeout.emit()  # the person stood still, the address on screen

    QTimer.singleShot(0, countdown_then_answer)
    window.follow_link("https://www.justice.gov/eoir")  # the question closes the dialog
    assert mode.prompt.isVisible()
    _tap(window, mode.prompt.button)
    assert answered == [True]


def test_nothing_of_the_person_is_on_the_first_blank_screen(qtbot, kiosk, monkeypatch):
    window, mode, _clock = kiosk
    qtbot.waitExposed(window)
    mode.choose_language("es")
    mode.idle_timer.timeout.emit()  # "Are you still there?", in Spanish
    on_glass: list[bool] = []
    repaint = window.repaint

    def first_paint() -> None:
        on_glass.append(mode.prompt.isVisible())
        repaint()

    monkeypatch.setattr(window, "repaint", first_paint)
    mode.quick_exit()
    assert on_glass == [False]


def test_the_last_pages_sections_and_divider_are_not_kept(qtbot, kiosk):
    window, mode, _clock = kiosk
    window.resize(1400, 800)  # wide: the sections list beside the page
    qtbot.waitExposed(window)
    mode.choose_language("en")
    with qtbot.wait_signal(window.reader.page_shown, timeout=2000):
        window.open_page("device-care/charging")
    qtbot.waitUntil(lambda: window.page_view.sizes()[0] > 0)
    assert not window.page_view.childrenCollapsible()  # a finger cannot drag the page away
    handle = window.page_view.handle(1)
    start = handle.mapTo(window, handle.rect().center())
    end = QPoint(window.width() - 5, start.y())  # as far right as the window goes
    QTest.mousePress(window.windowHandle(), Qt.MouseButton.LeftButton, pos=start)
    for step in range(1, 11):
        QTest.mouseMove(window.windowHandle(), start + (end - start) * step / 10)
    QTest.mouseRelease(window.windowHandle(), Qt.MouseButton.LeftButton, pos=end)
    dragged = window.page_view.sizes()
    assert dragged[1] > 0  # the page is still there
    assert window.toc_button.menu() is not None
    mode.quick_exit()
    assert window.toc_button.menu().actions() == []  # the narrow window's "On this page" list
    mode.neutral_screen.start.click()
    mode.language_screen.buttons[0].click()
    with qtbot.wait_signal(window.reader.page_shown, timeout=2000):
        window.open_page("device-care/charging")
    qtbot.waitUntil(lambda: window.page_view.sizes()[0] > 0)
    assert window.page_view.sizes()[0] == PAGE_SPLIT[0]  # not where the last person left it


def test_the_language_list_offers_only_the_kiosks_languages(kiosk):
    window, mode, _clock = kiosk
    listed = [window.picker.itemData(i) for i in range(window.picker.count())]
    assert listed == list(mode.config.languages)  # as the start screen, in its order
    assert window.picker.currentData() == "en"


def test_a_kiosk_that_prints_has_a_plain_print_button(make_main_window, qtbot):
    """The menu's entries (print with English, the whole topic) are not offered at a kiosk."""
    from PySide6.QtWidgets import QToolButton

    from rightsguide.core.kiosk import KioskConfig
    from rightsguide.ui.kiosk import KioskMode

    window = make_main_window("en")
    config = KioskConfig(idle_seconds=120, languages=("en",), default_language="en", printing=True)
    mode = KioskMode(window, config)
    try:
        button = window.toolbar.widgetForAction(window.print_action)
        assert isinstance(button, QToolButton)
        assert window.print_action.isVisible()
        assert button.menu() is None  # no arrow to an empty menu
        assert button.popupMode() is QToolButton.ToolButtonPopupMode.DelayedPopup
    finally:
        app = QApplication.instance()
        assert app is not None
        app.removeEventFilter(mode)
