from __future__ import annotations

from PySide6.QtCore import Qt


def test_typing_shows_results_and_enter_opens_the_section(qtbot, make_main_window):
    window = make_main_window("en")
    window.search_action.trigger()
    assert window.focusWidget() is window.search_box
    with qtbot.wait_signal(window.searched, timeout=2000):
        qtbot.keyClicks(window.search_box, "nigh")
    assert window.stack.currentWidget() is window.search_view
    first = window.search_view.hits[0]
    assert (first.page_id, first.anchor) == ("device-care/charging", "night")
    with qtbot.wait_signal(window.reader.page_shown, timeout=2000) as blocker:
        qtbot.keyClick(window.search_box, Qt.Key.Key_Return)
    assert blocker.args == ["device-care/charging"]
    assert window.search_box.text() == ""
    assert window.reader.verticalScrollBar().value() >= 0


def test_down_arrow_moves_the_selection(qtbot, make_main_window):
    window = make_main_window("en")
    with qtbot.wait_signal(window.searched, timeout=2000):
        window.search_box.setText("guide")
    assert window.search_view.results.currentRow() == 0
    qtbot.keyClick(window.search_box, Qt.Key.Key_Down)
    assert window.search_view.results.currentRow() == 1


def test_results_in_other_languages_are_labelled_and_open_in_that_language(qtbot, make_main_window):
    window = make_main_window("ar")
    with qtbot.wait_signal(window.searched, timeout=2000):
        window.search_box.setText("charge")
    hit = window.search_view.hits[0]
    assert hit.locale == "en"
    label = window.search_view.results.itemWidget(window.search_view.results.item(0))
    assert "[English]" in label.text()
    with qtbot.wait_signal(window.reader.page_shown, timeout=2000):
        window.search_view.activate_current()
    assert "Charge every day" in window.reader.toPlainText()
    assert "هذه الصفحة غير متوفرة" not in window.reader.toPlainText()


def test_nothing_found_offers_suggestions(qtbot, make_main_window):
    window = make_main_window("en")
    with qtbot.wait_signal(window.searched, timeout=2000):
        window.search_box.setText("chargr")
    assert window.search_view.heading.text() == "Nothing found for \u201cchargr\u201d"
    assert window.search_view.results.isHidden()
    with qtbot.wait_signal(window.searched, timeout=2000) as blocker:
        window.search_view.suggestion_chosen.emit("charge")
    assert blocker.args == ["charge"]
    assert window.search_view.hits


def test_clearing_the_box_returns_to_the_page(qtbot, make_main_window):
    window = make_main_window("en")
    with qtbot.wait_signal(window.reader.page_shown, timeout=2000):
        window.open_page("start-here/welcome")
    with qtbot.wait_signal(window.searched, timeout=2000):
        window.search_box.setText("charge")
    with qtbot.wait_signal(window.location_shown, timeout=2000):
        qtbot.keyClick(window.search_box, Qt.Key.Key_Escape)
    assert window.stack.currentWidget() is window.page_view
