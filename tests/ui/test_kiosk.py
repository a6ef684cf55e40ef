from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QCloseEvent, QContextMenuEvent, QKeyEvent
from PySide6.QtWidgets import QApplication, QDialog

from rightsguide.core.navigation import View
from rightsguide.ui.kiosk import KioskMode
from rightsguide.ui.kioskdialogs import KioskLinkDialog
from tests.conftest import FIXTURES, ROOT, start_kiosk


def first_tab_stop(start):
    """The widget Tab moves to after ``start`` (skipping what Tab cannot reach)."""
    widget = start.nextInFocusChain()
    while not (
        widget.focusPolicy() & Qt.FocusPolicy.TabFocus and widget.isVisibleTo(start.window())
    ):
        widget = widget.nextInFocusChain()
    return widget


def press_shift(mode: KioskMode, window) -> None:
    target = QApplication.focusWidget() or window
    event = QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_Shift, Qt.KeyboardModifier.ShiftModifier)
    mode.eventFilter(target, event)


def use_the_guide(qtbot, window, mode) -> None:
    mode.choose_language("ar")
    with qtbot.wait_signal(window.reader.page_shown, timeout=2000):
        window.open_page("start-here/welcome")
    window.larger_action.trigger()
    window.set_high_contrast(True)
    window.search_box.setText("guide")


def test_starts_on_language_picker_with_quick_exit_first(kiosk):
    window, mode, _clock = kiosk
    assert window.stack.currentWidget() is mode.language_screen
    assert [b.accessibleName() for b in mode.language_screen.buttons] == [
        "English",
        "العربية",
        "Español",
    ]
    assert all(b.minimumHeight() >= 44 for b in mode.language_screen.buttons)
    assert window.focusWidget() is mode.quick_exit_button  # focused first
    assert first_tab_stop(window) is mode.quick_exit_button
    assert first_tab_stop(mode.quick_exit_button) is window.toolbar.widgetForAction(
        window.home_action
    )
    assert window.toolbar.widgetForAction(window.toolbar.actions()[0]) is mode.quick_exit_button


def test_choosing_a_language_opens_the_guide_in_it(kiosk):
    window, mode, _clock = kiosk
    mode.language_screen.buttons[1].click()
    assert window.language.code == "ar"
    assert window.isRightToLeft()
    assert window.stack.currentWidget() is window.home_view
    assert mode.idle_timer.isActive()
    assert mode.quick_exit_button.text() == "خروج سريع"


def test_idle_countdown_then_wipe(qtbot, kiosk):
    window, mode, _clock = kiosk
    use_the_guide(qtbot, window, mode)
    with qtbot.wait_signal(mode.idle_prompt_shown, timeout=1000):
        mode.idle_timer.timeout.emit()
    assert mode.prompt.isVisible()
    mode.tick_timer.timeout.emit()
    assert "2" in mode.prompt.countdown.text()
    mode.tick_timer.timeout.emit()
    with qtbot.wait_signal(mode.session_wiped, timeout=1000) as blocker:
        mode.tick_timer.timeout.emit()
    assert blocker.args == ["idle"]
    assert window.stack.currentWidget() is mode.language_screen
    assert_wiped(window, mode)


def assert_wiped(window, mode) -> None:
    assert window.language.code == "en"
    assert not window.isRightToLeft()
    assert window.search_box.text() == ""
    assert window.zoom == 0
    assert not window.contrast_action.isChecked()
    assert window.reader.toPlainText() == ""
    assert not window.session.can_go_back
    assert window.session.current.view is View.HOME
    assert not mode.prompt.isVisible()
    assert not mode.idle_timer.isActive()


def test_still_here_keeps_the_session(qtbot, kiosk):
    window, mode, _clock = kiosk
    use_the_guide(qtbot, window, mode)
    mode.idle_timer.timeout.emit()
    mode.prompt.button.click()
    assert not mode.prompt.isVisible()
    assert not mode.tick_timer.isActive()
    assert mode.idle_timer.isActive()
    assert window.language.code == "ar"


def test_quick_exit_button_blanks_and_wipes(qtbot, kiosk):
    window, mode, _clock = kiosk
    use_the_guide(qtbot, window, mode)
    with qtbot.wait_signal(mode.session_wiped, timeout=1000) as blocker:
        qtbot.mouseClick(mode.quick_exit_button, Qt.MouseButton.LeftButton)
    assert blocker.args == ["quick-exit"]
    assert window.stack.currentWidget() is mode.neutral_screen
    assert window.breadcrumb.text() == ""
    assert_wiped(window, mode)
    mode.neutral_screen.start.click()
    assert window.stack.currentWidget() is mode.language_screen


def test_shift_three_times_is_quick_exit(qtbot, kiosk):
    window, mode, clock = kiosk
    use_the_guide(qtbot, window, mode)
    press_shift(mode, window)
    clock.now += 0.5
    press_shift(mode, window)
    clock.now += 0.5
    with qtbot.wait_signal(mode.session_wiped, timeout=1000):
        press_shift(mode, window)
    assert window.stack.currentWidget() is mode.neutral_screen


def test_slow_or_interrupted_shift_presses_do_nothing(qtbot, kiosk):
    window, mode, clock = kiosk
    use_the_guide(qtbot, window, mode)
    with qtbot.assert_not_emitted(mode.session_wiped):
        press_shift(mode, window)
        clock.now += 3
        press_shift(mode, window)
        clock.now += 3
        press_shift(mode, window)
        press_shift(mode, window)
        target = QApplication.focusWidget() or window
        mode.eventFilter(
            target,
            QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_A, Qt.KeyboardModifier.NoModifier, "a"),
        )
        press_shift(mode, window)
    assert window.language.code == "ar"


def test_wipe_closes_open_dialogs(qtbot, kiosk):
    window, mode, _clock = kiosk
    dialog = KioskLinkDialog("https://example.org/x", window.language.translator, window)
    dialog.show()
    mode.quick_exit()
    assert not dialog.isVisible()
    assert dialog.result() == QDialog.DialogCode.Rejected


def test_links_show_address_and_qr_code_and_open_nothing(qtbot, kiosk, monkeypatch):
    window, _mode, _clock = kiosk
    shown = []

    def fake_exec(self: KioskLinkDialog) -> int:
        shown.append(self)
        return 0

    monkeypatch.setattr(KioskLinkDialog, "exec", fake_exec)
    window.follow_link("https://www.justice.gov/eoir")
    assert shown[0].address.text() == "https://www.justice.gov/eoir"
    assert not shown[0].code.pixmap().isNull()
    assert shown[0].code.pixmap().width() >= 150


def test_context_menus_and_drops_are_blocked(kiosk):
    window, mode, _clock = kiosk
    event = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, QPoint(5, 5), QPoint(5, 5))
    assert mode.eventFilter(window.reader.viewport(), event) is True
    assert mode.eventFilter(window.reader, QEvent(QEvent.Type.Drop)) is True


def test_admin_exit_needs_the_pin(kiosk, monkeypatch):
    window, mode, clock = kiosk
    from rightsguide.ui import kioskdialogs

    quits = []
    monkeypatch.setattr(QApplication, "quit", lambda: quits.append(True))
    combo = (
        Qt.KeyboardModifier.ControlModifier
        | Qt.KeyboardModifier.AltModifier
        | Qt.KeyboardModifier.ShiftModifier
    )
    target = QApplication.focusWidget() or window
    for typed, expected in (("000000", []), ("730519", [True])):
        monkeypatch.setattr(
            kioskdialogs.PinDialog, "ask", classmethod(lambda cls, tr, p=None, t=typed: t)
        )
        mode.eventFilter(target, QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_Q, combo))
        assert quits == expected
        clock.now += 2  # past the wait after a wrong PIN


def test_search_in_kiosk_writes_nothing(qtbot, kiosk, tmp_path, monkeypatch):
    window, mode, _clock = kiosk
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    mode.choose_language("en")
    with qtbot.wait_signal(window.searched, timeout=2000):
        window.search_box.setText("charge")
    assert list(tmp_path.rglob("*")) == []


def test_kiosk_session_writes_nothing_to_home_or_xdg_dirs(tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    report = tmp_path / "report.json"
    # A fresh copy of the sources, without bytecode caches, shows whether the kiosk writes any.
    src = tmp_path / "src"
    shutil.copytree(
        ROOT / "rightsguide", src / "rightsguide", ignore=shutil.ignore_patterns("__pycache__")
    )
    for name in ("assets", "locales"):
        (src / name).symlink_to(ROOT / name)
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONDONTWRITEBYTECODE",)}
    env.update({"QT_QPA_PLATFORM": "offscreen", "HOME": str(home), "PYTHONPATH": str(src)})
    for name in (
        "XDG_CACHE_HOME",
        "XDG_CONFIG_HOME",
        "XDG_DATA_HOME",
        "XDG_STATE_HOME",
        "XDG_RUNTIME_DIR",
    ):
        env[name] = str(home / name.lower())
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "rightsguide",
            "--kiosk",
            "--content",
            str(FIXTURES / "content"),
            "--page",
            "start-here/welcome",
            "--self-test",
            str(report),
        ],
        capture_output=True,
        text=True,
        env=env,
        cwd=str(tmp_path),  # not the checkout: `-m` puts the working folder first
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert report.is_file()
    assert sorted(str(p.relative_to(home)) for p in home.rglob("*")) == []
    assert json.loads(report.read_text(encoding="utf-8"))["title"]
    # Python compiles the package's __init__ before any of the app's code runs (an installed
    # wheel already has it); from there on the kiosk sets sys.dont_write_bytecode itself.
    written = sorted(str(p.relative_to(src)) for p in src.rglob("*.pyc"))
    first = [p for p in written if p.startswith("rightsguide/__pycache__/__init__.")]
    assert first  # the copy is the one that ran
    assert [p for p in written if p not in first] == []


def test_bad_kiosk_configuration_stops_start_up(tmp_path):
    config = tmp_path / "kiosk.yaml"
    config.write_text("idle_seconds: 120\nlanguages: [en, xx]\n", encoding="utf-8")
    done = start_kiosk(config, tmp_path / "s.png")
    assert done.returncode == 1
    assert f"{config}:2: language 'xx' is not in content/locales.yaml" in done.stderr
    assert not Path(tmp_path / "s.png").exists()


def test_kiosk_prints_without_dialogs_or_not_at_all(kiosk):
    window, _mode, _clock = kiosk
    assert window.print_asks is False
    assert not window.print_english_action.isVisible()
    assert not window.print_action.isVisible()  # `printing: true` is not in the configuration


def test_closing_the_window_is_refused(kiosk):
    window, mode, _clock = kiosk
    event = QCloseEvent()
    assert mode.eventFilter(window, event) is True
    assert not event.isAccepted()


def test_kiosk_requiring_signed_content_refuses_unsigned(tmp_path):
    config = tmp_path / "kiosk.yaml"
    key = "A" * 43 + "="  # a well-formed key (32 bytes) that signed nothing here
    config.write_text(f"require_signed: true\ntrusted_keys: [{key}]\n", encoding="utf-8")
    done = start_kiosk(config, tmp_path / "s.png")
    assert done.returncode == 1
    assert "this kiosk only shows signed content" in done.stderr
    assert "not installed from a signed pack" in done.stderr
