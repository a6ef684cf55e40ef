"""Every control has a name a screen reader can say, in the current UI language."""

from __future__ import annotations

import pytest
from babel.messages import pofile
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QLineEdit,
    QTextBrowser,
    QWidget,
)

from rightsguide.core.guide import Guide
from rightsguide.core.kiosk import KioskConfig
from rightsguide.core.resources import data_dirs
from rightsguide.ui.kiosk import KioskMode
from tests.conftest import ROOT

INTERACTIVE = (QAbstractButton, QLineEdit, QComboBox, QAbstractItemView, QTextBrowser)
CODES = ["en", "es", "pt-BR", "ht", "fr", "ar", "zh-Hans", "ru", "pa"]


def english_ui_strings() -> set[str]:
    with (ROOT / "locales" / "rightsguide.pot").open("rb") as fh:
        return {m.id for m in pofile.read_po(fh) if isinstance(m.id, str) and m.id}


ENGLISH = english_ui_strings()


def names(window: QWidget) -> dict[QWidget, tuple[str, str]]:
    """(accessible name, description) of every visible control."""
    found: dict[QWidget, tuple[str, str]] = {}
    for widget in window.findChildren(QWidget):
        if isinstance(widget, INTERACTIVE) and widget.isVisibleTo(window):
            face = QAccessible.queryAccessibleInterface(widget)
            found[widget] = (
                face.text(QAccessible.Text.Name),
                face.text(QAccessible.Text.Description),
            )
    return found


@pytest.mark.parametrize("code", CODES)
def test_every_control_has_a_translated_name(qtbot, make_main_window, code):
    window = make_main_window(code, guide=Guide(data_dirs()))
    kiosk = KioskMode(window, KioskConfig(languages=tuple(CODES), default_language=code))
    try:
        screens = []
        screens.append(names(window))  # kiosk start screen
        kiosk.choose_language(code)
        screens.append(names(window))  # home
        with qtbot.wait_signal(window.reader.page_shown, timeout=3000):
            window.open_page("device-care/charging")
        screens.append(names(window))  # reader
        for found in screens:
            unnamed = [
                f"{type(w).__name__}:{w.objectName()}" for w, (n, _d) in found.items() if not n
            ]
            assert unnamed == []
            undescribed = [f"{type(w).__name__}:{n}" for w, (n, d) in found.items() if not d]
            assert undescribed == []
            if code != "en":
                texts = {t for pair in found.values() for t in pair}
                assert sorted(texts & ENGLISH) == []
    finally:
        instance = QApplication.instance()
        assert instance is not None
        instance.removeEventFilter(kiosk)


def test_kiosk_touch_targets_are_at_least_44_px(qtbot, make_main_window):
    window = make_main_window("en", guide=Guide(data_dirs()))
    kiosk = KioskMode(window, KioskConfig(languages=tuple(CODES), default_language="en"))
    try:
        window.resize(1280, 800)
        kiosk.choose_language("en")
        qtbot.wait_until(lambda: window.home_view.tiles[0].height() > 0)
        small = [
            f"{type(w).__name__} {w.accessibleName() or w.objectName()} {w.width()}x{w.height()}"
            for w in window.findChildren(QAbstractButton)
            if w.isVisibleTo(window) and (w.height() < 44 or w.width() < 44)
        ]
        assert small == []
    finally:
        instance = QApplication.instance()
        assert instance is not None
        instance.removeEventFilter(kiosk)


@pytest.mark.parametrize("code", ["en", "ar"])
def test_tab_order_follows_the_reading_direction(qtbot, make_main_window, code):
    window = make_main_window(code)
    window.resize(1280, 800)
    qtbot.wait_until(lambda: window.toolbar.width() > 1000)
    stops: list[int] = []
    widget = window.toolbar.widgetForAction(window.home_action)
    while widget is not None and len(stops) < 4:
        if widget.focusPolicy() & Qt.FocusPolicy.TabFocus and widget.isVisibleTo(window):
            stops.append(widget.mapTo(window, widget.rect().center()).x())
        widget = widget.nextInFocusChain()
    ordered = sorted(stops, reverse=(code == "ar"))
    assert stops == ordered  # left to right in English, right to left in Arabic
