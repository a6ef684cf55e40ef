from __future__ import annotations

import sys

import pytest
from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication

from rightsguide.core.kiosk import KioskConfig
from rightsguide.core.navigation import View
from rightsguide.ui.kiosk import KioskMode
from rightsguide.ui.recovery import Recovery


class Trigger(QObject):
    fired = Signal()


def fail() -> None:
    raise RuntimeError("a bug somewhere in the UI")


@pytest.mark.qt_no_exception_capture
@pytest.mark.allow_log_warnings
def test_an_error_in_a_slot_returns_home_calmly(qtbot, make_main_window):
    window = make_main_window("ar")
    with qtbot.wait_signal(window.reader.page_shown, timeout=2000):
        window.open_page("start-here/welcome")
    recovery = Recovery(window)
    recovery.install()
    try:
        trigger = Trigger()
        trigger.fired.connect(fail)
        with qtbot.wait_signal(recovery.recovered, timeout=2000):
            trigger.fired.emit()
    finally:
        recovery.uninstall()
    assert window.session.current.view is View.HOME
    assert window.stack.currentWidget() is window.home_view
    assert window.statusBar().currentMessage().startswith("Something went wrong")
    assert window.isVisible()


@pytest.mark.qt_no_exception_capture
@pytest.mark.allow_log_warnings
def test_a_kiosk_wipes_and_starts_over_after_an_error(qtbot, make_main_window):
    window = make_main_window("en")
    kiosk = KioskMode(window, KioskConfig(languages=("en", "ar"), default_language="en"))
    recovery = Recovery(window, back_to_start=kiosk.recover)
    recovery.install()
    try:
        kiosk.choose_language("ar")
        trigger = Trigger()
        trigger.fired.connect(fail)
        with qtbot.wait_signal(kiosk.session_wiped, timeout=2000) as blocker:
            trigger.fired.emit()
    finally:
        recovery.uninstall()
        instance = QApplication.instance()
        assert instance is not None
        instance.removeEventFilter(kiosk)
    assert blocker.args == ["error"]
    assert window.stack.currentWidget() is kiosk.language_screen
    assert window.language.code == "en"
    assert sys.excepthook is not recovery.handle


@pytest.mark.allow_log_warnings
def test_missing_font_is_named_for_the_administrator_and_the_app_still_works(
    tmp_path, make_main_window, caplog
):
    import shutil
    from dataclasses import replace

    from rightsguide.core.guide import Guide
    from tests.conftest import ROOT

    assets = tmp_path / "assets"
    shutil.copytree(ROOT / "assets", assets)
    for font in (assets / "fonts").glob("NotoSansGurmukhi-*"):
        font.unlink()
    window = make_main_window("pa", guide=Guide(replace(_real_dirs(), assets=assets)))
    messages = [r.getMessage() for r in caplog.records]
    assert any("'Noto Sans Gurmukhi' for Punjabi (Gurmukhi) (pa) is missing" in m for m in messages)
    assert not any("Arabic" in m for m in messages)  # only what is really missing
    window.open_page("device-care/charging")
    assert window.reader.page_id == "device-care/charging"  # the app keeps working


def _real_dirs():
    from rightsguide.core.resources import DataDirs
    from tests.conftest import ROOT

    return DataDirs(ROOT / "content", ROOT / "locales", ROOT / "assets")
