"""UI tests run offscreen; pytest-qt creates the QApplication lazily, after this line."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from rightsguide.core.guide import Guide
from rightsguide.core.resources import DataDirs
from rightsguide.ui import app
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
