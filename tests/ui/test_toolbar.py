"""The toolbar: buttons named for screen readers, and a layout that fits narrow screens."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QToolButton


def test_narrow_window_keeps_the_language_picker_on_the_toolbar(make_main_window, qtbot):
    window = make_main_window()
    window.resize(1400, 700)
    qtbot.wait_until(window.language_label.isVisible)
    assert window.language_label.text() == "Language:"
    window.resize(1024, 700)  # an old kiosk screen: icons only, the picker stays
    qtbot.wait_until(window.picker.isVisible)
    assert window.language_label.text() == ""  # a globe marks the picker instead of the word
    assert not window.language_label.pixmap().isNull()


def test_icon_only_buttons_stay_icons_when_the_window_widens(make_main_window, qtbot):
    window = make_main_window()
    window.resize(1000, 700)
    window.resize(1400, 700)
    qtbot.wait_until(window.language_label.isVisible)
    home = window.toolbar.widgetForAction(window.home_action)
    about = window.toolbar.widgetForAction(window.about_action)
    assert isinstance(home, QToolButton)
    assert isinstance(about, QToolButton)
    assert home.toolButtonStyle() is Qt.ToolButtonStyle.ToolButtonTextBesideIcon
    assert about.toolButtonStyle() is Qt.ToolButtonStyle.ToolButtonIconOnly
    assert about.accessibleName() == "About this guide"
