"""UI tests run offscreen; pytest-qt creates the QApplication lazily, after this line."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable

import pytest
from PySide6.QtWidgets import QApplication

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from rightsguide.core.guide import Guide
from rightsguide.core.kiosk import KioskConfig
from rightsguide.core.resources import DataDirs
from rightsguide.ui import app
from rightsguide.ui.kiosk import KioskMode
from rightsguide.ui.mainwindow import MainWindow

TODAY = dt.date(2026, 11, 28)


@pytest.fixture
def guide(fixture_dirs: DataDirs) -> Guide:
    return Guide(fixture_dirs, today=lambda: TODAY)


@pytest.fixture
def make_main_window(qtbot, qapp) -> Callable[..., MainWindow]:
    def make(
        locale: str = "en", guide: Guide | None = None, dirs: DataDirs | None = None
    ) -> MainWindow:
        from tests.conftest import FIXTURES, ROOT

        g = guide or Guide(
            dirs or DataDirs(FIXTURES / "content", FIXTURES / "locales", ROOT / "assets"),
            today=lambda: TODAY,
        )
        window, _language = app.build_window(g, locale)
        qtbot.add_widget(window)
        window.resize(1000, 700)
        window.show_location(window.session.current)
        window.show()
        return window

    return make


KIOSK_PIN = "730519"


def shown(label) -> str:
    """A label's text without the mark of the window's direction (qtconv.in_ui_direction)."""
    return str(label.text()).lstrip("\u200e\u200f")


class FakeClock:
    """A clock the kiosk's idle timer reads; tests move it forward by hand."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def kiosk(make_main_window):
    """(window, KioskMode, clock): a kiosk on the fixture content, torn down cleanly."""
    clock = FakeClock()
    window = make_main_window("en")
    config = KioskConfig(
        idle_seconds=120,
        countdown_seconds=3,
        languages=("en", "ar", "es"),
        default_language="en",
        exit_pin=KIOSK_PIN,
    )
    mode = KioskMode(window, config, clock=clock)
    yield window, mode, clock
    if hasattr(mode, "guard"):
        mode.guard.enable(False)
    qt_app = QApplication.instance()
    assert qt_app is not None
    qt_app.removeEventFilter(mode)  # later tests must not pay for this filter
