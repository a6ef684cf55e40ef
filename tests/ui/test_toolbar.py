"""The toolbar: buttons named for screen readers, and a layout that fits narrow screens."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QToolButton


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


def test_the_toolbar_keeps_its_height_and_places_when_the_text_size_changes(
    make_main_window, qtbot
):
    window = make_main_window("en")
    window.resize(1366, 768)
    window.open_page("device-care/charging")
    qtbot.wait_until(window.language_label.isVisible)  # laid out for the wide window
    QApplication.processEvents()
    bar = window.toolbar
    smaller = bar.widgetForAction(window.smaller_action)
    before = (bar.height(), smaller.geometry())
    window.larger_action.trigger()
    window.smaller_action.trigger()
    QApplication.processEvents()
    # (the style sheet set again laid the toolbar out with its own spacing and padding only
    # then: it grew from 57 to 61 px and every button moved)
    assert (bar.height(), smaller.geometry()) == before


def test_a_toolbar_button_keeps_its_size_when_it_takes_the_focus(make_main_window, qtbot):
    for width in (1366, 820):  # wide, and tight (an 800x600 kiosk)
        window = make_main_window("en")
        window.resize(width, 700)
        QApplication.processEvents()
        window.larger_action.trigger()  # (the style sheet set again: every rule applies)
        window.smaller_action.trigger()
        window.reader.setFocus()
        QApplication.processEvents()
        bar = window.toolbar
        home = bar.widgetForAction(window.home_action)
        before = (bar.height(), home.size())
        home.setFocus(Qt.FocusReason.TabFocusReason)  # a keyboard user on Home makes the text
        qtbot.wait_until(home.hasFocus)  # larger (Ctrl++): the toolbar is laid out again
        window.larger_action.trigger()
        window.smaller_action.trigger()
        QApplication.processEvents()
        assert (bar.height(), home.size()) == before, width
