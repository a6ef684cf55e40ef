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


def _real_window(make_main_window):
    """A window on the bundled content: enough pages for more than one screen of results."""
    from rightsguide.core.resources import DataDirs
    from tests.conftest import ROOT

    return make_main_window(
        "en", dirs=DataDirs(ROOT / "content", ROOT / "locales", ROOT / "assets")
    )


def _searched(qtbot, window, text):
    with qtbot.wait_signal(window.searched, timeout=2000):
        window.search_box.setText(text)
    return window.search_view


def test_the_first_results_are_listed_and_a_button_lists_the_rest(qtbot, make_main_window):
    from rightsguide.core.search.index import SHOWN

    window = _real_window(make_main_window)
    view = _searched(qtbot, window, "court")
    assert len(view.hits) > SHOWN
    assert view.results.count() == SHOWN
    assert not view.more.isHidden()
    assert view.more.text() == "Show more results"
    qtbot.mouseClick(view.more, Qt.MouseButton.LeftButton)
    assert view.results.count() == len(view.hits)
    assert view.more.isHidden()
    assert view.results.currentRow() == SHOWN  # the first result that was not listed
    label = view.results.itemWidget(view.results.item(SHOWN))
    assert view.hits[SHOWN].page_title in label.text()
    assert view.hits[SHOWN].snippet[:20] in label.text().replace("<b>", "").replace("</b>", "")


def test_down_from_the_last_listed_result_lists_the_rest(qtbot, make_main_window):
    from rightsguide.core.search.index import SHOWN

    window = _real_window(make_main_window)
    view = _searched(qtbot, window, "court")
    view.results.setCurrentRow(SHOWN - 1)
    window.search_box.setFocus()
    qtbot.keyClick(window.search_box, Qt.Key.Key_Down)
    assert view.results.count() == len(view.hits)
    assert view.results.currentRow() == SHOWN
    assert view.more.isHidden()


def test_a_short_list_has_no_more_button_and_a_new_search_starts_short(qtbot, make_main_window):
    from rightsguide.core.search.index import SHOWN

    window = _real_window(make_main_window)
    view = _searched(qtbot, window, "court")
    qtbot.mouseClick(view.more, Qt.MouseButton.LeftButton)
    view = _searched(qtbot, window, "courts")
    assert view.results.count() == min(SHOWN, len(view.hits))
    view = _searched(qtbot, window, "interpreter")
    assert 0 < len(view.hits) <= SHOWN
    assert view.results.count() == len(view.hits)
    assert view.more.isHidden()


def test_the_kiosk_wipe_hides_the_more_button(qtbot, make_main_window):
    window = _real_window(make_main_window)
    view = _searched(qtbot, window, "court")
    assert not view.more.isHidden()
    view.forget()
    assert view.more.isHidden()
    assert view.results.count() == 0


def test_what_acts_on_a_page_is_off_on_the_results(qtbot, make_main_window):
    """Print, side by side and "On this page" took the page left behind, under "Search results"."""
    from rightsguide.ui.compare import Compare

    window = make_main_window("en")
    compare = Compare(window)
    window.resize(900, 700)  # narrow: the sections are an "On this page" button
    with qtbot.wait_signal(window.reader.page_shown, timeout=2000):
        window.open_page("start-here/welcome")
    assert window.print_action.isEnabled()
    assert compare.action.isEnabled()
    assert window.toc_button.isVisible()
    with qtbot.wait_signal(window.searched, timeout=2000):
        window.search_box.setText("guide")
    assert window.stack.currentWidget() is window.search_view
    assert not window.print_action.isEnabled()
    assert not compare.action.isEnabled()
    assert not window.toc_button.isVisible()
    window.search_box.setText("")  # back to the page
    assert window.stack.currentWidget() is window.page_view
    assert window.print_action.isEnabled()
    assert compare.action.isEnabled()
    assert window.toc_button.isVisible()


def test_no_clear_button_is_left_once_the_field_is_emptied(qtbot, make_main_window):
    """After opening a result, or a wipe: an "x" left in an empty field shows someone searched."""
    window = make_main_window("en")
    with qtbot.wait_signal(window.searched, timeout=2000):
        window.search_box.setText("nigh")
    assert window.search_box.clear_button.isVisible()
    with qtbot.wait_signal(window.reader.page_shown, timeout=2000):
        window.open_hit(window.search_view.hits[0])
    assert window.search_box.text() == ""
    assert not window.search_box.clear_button.isVisible()
    window.search_box.setText("guide")
    window.reset_session("en")
    assert window.search_box.text() == ""
    assert not window.search_box.clear_button.isVisible()


def test_each_result_runs_in_its_own_languages_direction(qtbot, make_main_window):
    """In the Arabic window, an English hit runs left to right (its full stop at its end)."""
    window = make_main_window("ar")
    with qtbot.wait_signal(window.searched, timeout=2000):
        window.search_box.setText("charge")
    results = window.search_view.results
    marks = {
        hit.locale: results.itemWidget(results.item(row)).text()[:1]
        for row, hit in enumerate(window.search_view.hits[: results.count()])
    }
    assert marks.get("en") == "\u200e"  # a left-to-right mark
    assert marks.get("ar", "\u200f") == "\u200f"


def _open_result(qtbot, window, row):
    window.search_view.results.setCurrentRow(row)
    hit = window.search_view.hits[row]
    with qtbot.wait_signal(window.reader.page_shown, timeout=2000):
        window.search_view.activate_current()
    return hit


def test_back_from_a_result_returns_to_the_results_at_that_result(qtbot, make_main_window):
    window = _real_window(make_main_window)
    window.resize(1024, 700)
    with qtbot.wait_signal(window.reader.page_shown, timeout=2000):
        window.open_page("start-here/what-is-atd")
    _searched(qtbot, window, "court")
    assert len(window.search_view.hits) > 11
    window.search_view.show_more()
    hit = _open_result(qtbot, window, 11)  # one of "Show more results"
    assert window.reader.page_id == hit.page_id
    with qtbot.wait_signal(window.searched, timeout=2000):
        window.back_action.trigger()
    assert window.stack.currentWidget() is window.search_view
    assert window.search_box.text() == "court"  # what was searched, as it was
    assert window.search_view.results.currentRow() == 11
    assert window.back_action.isEnabled()
    with qtbot.wait_signal(window.reader.page_shown, timeout=2000):
        window.back_action.trigger()
    assert window.reader.page_id == "start-here/what-is-atd"


def test_new_words_on_returned_results_replace_that_step(qtbot, make_main_window):
    window = _real_window(make_main_window)
    with qtbot.wait_signal(window.reader.page_shown, timeout=2000):
        window.open_page("start-here/what-is-atd")
    _searched(qtbot, window, "battery")
    _open_result(qtbot, window, 0)
    with qtbot.wait_signal(window.searched, timeout=2000):
        window.back_action.trigger()
    _searched(qtbot, window, "lawyer")
    _open_result(qtbot, window, 0)
    with qtbot.wait_signal(window.searched, timeout=2000):
        window.back_action.trigger()
    assert window.search_box.text() == "lawyer"
    # emptying the field leaves the results for the page they were searched from
    with qtbot.wait_signal(window.reader.page_shown, timeout=2000):
        window.search_box.setText("")
    assert window.reader.page_id == "start-here/what-is-atd"
    assert window.stack.currentWidget() is window.page_view
    assert (window.session.current.view.value, window.session.current.target) == (
        "page",
        "start-here/what-is-atd",
    )


def test_a_right_to_left_result_separates_page_and_section_with_a_left_arrow(
    qtbot, make_main_window
):
    from rightsguide.core.resources import DataDirs
    from tests.conftest import ROOT

    dirs = DataDirs(ROOT / "content", ROOT / "locales", ROOT / "assets")
    window = make_main_window("ar", dirs=dirs)
    _searched(qtbot, window, "محكمة")
    results = window.search_view.results
    labels = {
        window.search_view.hits[i].locale: results.itemWidget(results.item(i))
        for i in range(results.count())
        if window.search_view.hits[i].section_title
    }
    assert "\u2039" in labels["ar"].text()
    assert "\u203a" not in labels["ar"].text()  # Qt draws it pointing right, into the title
