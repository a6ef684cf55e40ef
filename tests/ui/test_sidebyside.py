from __future__ import annotations

from PySide6.QtWidgets import QApplication

from rightsguide.ui.compare import Compare
from rightsguide.ui.reader import anchor_positions
from rightsguide.ui.sidebyside import aligned_value


def test_aligned_value_keeps_the_same_part_of_the_same_section():
    source = [(0.0, "a"), (100.0, "b"), (300.0, "c")]
    target = {"a": 0.0, "b": 150.0, "c": 500.0}
    assert aligned_value(50.0, source, target, 900.0) == 75.0  # halfway through section a
    assert aligned_value(200.0, source, target, 900.0) == 325.0  # halfway through b
    assert aligned_value(-5.0, source, target, 900.0) is None


def open_side_by_side(qtbot, make_main_window, locale):
    window = make_main_window(locale)
    compare = Compare(window)
    with qtbot.wait_signal(window.reader.page_shown, timeout=2000):
        window.open_page("start-here/welcome")
    compare.action.trigger()
    return window, compare


def test_side_by_side_shows_both_languages_and_scrolls_together(qtbot, make_main_window):
    window, compare = open_side_by_side(qtbot, make_main_window, "ar")
    view = compare.view
    assert window.stack.currentWidget() is view
    assert view.codes == ("ar", "en")
    assert "مرحبا بك في الدليل" in view.left.toPlainText()
    assert "Welcome to the guide" in view.right.toPlainText()
    view.left.resize(300, 120)
    view.right.resize(300, 120)
    QApplication.processEvents()
    left = {a: y for y, a in anchor_positions(view.left, ["what", "help"])}
    view.left.verticalScrollBar().setValue(round(left["help"]))
    right = {a: y for y, a in anchor_positions(view.right, ["what", "help"])}
    expected = min(round(right["help"]), view.right.verticalScrollBar().maximum())
    assert abs(view.right.verticalScrollBar().value() - expected) <= 2


def test_swap_and_pick_languages(qtbot, make_main_window):
    _window, compare = open_side_by_side(qtbot, make_main_window, "ar")
    compare.view.swap_button.click()
    assert compare.view.codes == ("en", "ar")
    assert "Welcome to the guide" in compare.view.left.toPlainText()
    compare.view.right_picker.setCurrentIndex(compare.view.right_picker.findData("fr"))
    compare.view.right_picker.activated.emit(compare.view.right_picker.currentIndex())
    assert "Bienvenue dans le guide" in compare.view.right.toPlainText()


def test_english_full_screen(qtbot, make_main_window):
    _window, compare = open_side_by_side(qtbot, make_main_window, "ar")
    compare.view.english_button.click()
    assert compare.full_screen is not None
    qtbot.add_widget(compare.full_screen)
    assert compare.full_screen.isFullScreen()
    assert "Welcome to the guide" in compare.full_screen.reader.toPlainText()
    compare.full_screen.close_button.click()
    assert not compare.full_screen.isVisible()


def test_ctrl_d_toggles_side_by_side_off_again(qtbot, make_main_window):
    window, compare = open_side_by_side(qtbot, make_main_window, "ar")
    assert window.stack.currentWidget() is compare.view
    compare.action.trigger()
    assert window.stack.currentWidget() is window.page_view
    compare.action.trigger()
    assert window.stack.currentWidget() is compare.view


def test_each_pane_has_its_notices_in_its_own_language(qtbot, make_main_window):
    _window, compare = open_side_by_side(qtbot, make_main_window, "ar")
    english = compare.view.right.toPlainText()
    assert "Last reviewed on November 1, 2026" in english  # the officer reading English
    assert "نوفمبر" not in english
    assert "1 نوفمبر 2026" in compare.view.left.toPlainText()  # the Arabic side: Arabic


def test_panes_scroll_together_from_the_top(qtbot, make_main_window):
    _window, compare = open_side_by_side(qtbot, make_main_window, "ar")
    view = compare.view
    view.left.resize(300, 120)
    view.right.resize(300, 120)
    QApplication.processEvents()
    first = min(y for y, _a in anchor_positions(view.left, ["what", "help"]))
    assert first > 20
    view.left.verticalScrollBar().setValue(round(first / 2))
    assert view.right.verticalScrollBar().value() > 0


SECTIONS = ["charge-every-day", "daily-routine", "battery-life", "will-not-charge"]


def _at(reader, anchor):
    """How far ``reader``'s top is from the start of section ``anchor`` (in pixels)."""
    ys = {a: y for y, a in anchor_positions(reader, SECTIONS)}
    return abs(reader.verticalScrollBar().value() - round(ys[anchor]))


def test_side_by_side_and_english_full_screen_open_where_the_reader_was(qtbot, make_main_window):
    from rightsguide.core.resources import DataDirs
    from tests.conftest import ROOT

    window = make_main_window(
        "ar", dirs=DataDirs(ROOT / "content", ROOT / "locales", ROOT / "assets")
    )
    compare = Compare(window)
    with qtbot.wait_signal(window.reader.page_shown, timeout=2000):
        window.open_page("device-care/charging", "battery-life")  # (as a search hit opens)
    QApplication.processEvents()
    assert _at(window.reader, "battery-life") <= 2
    compare.action.trigger()
    view = compare.view
    QApplication.processEvents()
    assert _at(view.left, "battery-life") <= 2  # before: both panes at the page's title
    assert _at(view.right, "battery-life") <= 2
    compare.view.english_button.click()
    assert compare.full_screen is not None
    qtbot.add_widget(compare.full_screen)
    QApplication.processEvents()
    assert _at(compare.full_screen.reader, "battery-life") <= 2
    compare.full_screen.close()
    # other languages in the panes: they stay at that section
    view.right_picker.setCurrentIndex(view.right_picker.findData("es"))
    view.right_picker.activated.emit(view.right_picker.currentIndex())
    QApplication.processEvents()
    assert _at(view.left, "battery-life") <= 2
    assert _at(view.right, "battery-life") <= 2


def test_an_english_pane_in_the_arabic_window_runs_left_to_right(qtbot, make_main_window):
    from PySide6.QtCore import Qt

    _window, compare = open_side_by_side(qtbot, make_main_window, "ar")
    assert compare.view.left.layoutDirection() is Qt.LayoutDirection.RightToLeft
    # its scroll bar on the right, where English has it (it was on the left, mirrored)
    assert compare.view.right.layoutDirection() is Qt.LayoutDirection.LeftToRight


def test_closing_side_by_side_leaves_the_page_where_the_comparison_was(qtbot, make_main_window):
    from rightsguide.core.resources import DataDirs
    from tests.conftest import ROOT

    dirs = DataDirs(ROOT / "content", ROOT / "locales", ROOT / "assets")
    window = make_main_window("ar", dirs=dirs)
    compare = Compare(window)
    with qtbot.wait_signal(window.reader.page_shown, timeout=2000):
        window.open_page("device-care/charging")
    compare.action.trigger()
    QApplication.processEvents()
    ys = {a: y for y, a in anchor_positions(compare.view.left, SECTIONS)}
    compare.view.left.verticalScrollBar().setValue(round(ys["daily-routine"]))
    compare.action.trigger()  # Ctrl+D again: the page alone
    QApplication.processEvents()
    assert window.stack.currentWidget() is window.page_view
    assert _at(window.reader, "daily-routine") <= 2  # before: back at the page's title
