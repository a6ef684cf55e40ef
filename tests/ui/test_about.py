"""The About page and the content-age warning in the window."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from rightsguide.core.guide import Guide
from rightsguide.core.navigation import View
from rightsguide.core.render import about
from tests.conftest import ROOT, publish


def test_about_button_opens_the_about_page(make_main_window, qtbot):
    window = make_main_window()
    assert window.about_action.toolTip() == "Version, date and publisher of this guide"
    with qtbot.wait_signal(window.location_shown) as shown:
        window.about_action.trigger()
    assert shown.args[0].view is View.PAGE
    assert window.reader.page_id == about.PAGE_ID
    text = window.reader.toPlainText()
    assert "About this guide" in text
    assert "Not signed" in text
    assert window.print_action.isEnabled()  # it prints like any page


def test_home_warns_when_the_content_is_old(make_main_window, fixture_dirs, content_copy):
    publish(content_copy, "2026-03-10")
    dirs = replace(fixture_dirs, content=content_copy, locales=ROOT / "locales")
    old = Guide(dirs, today=lambda: dt.date(2026, 11, 28))
    window = make_main_window(guide=old)
    notice = window.home_view.notice
    assert notice.isVisibleTo(window)
    assert "March 10, 2026" in notice.text()
    assert "may be out of date" in notice.text()
    window.change_language("es")
    assert "10 de marzo de 2026" in notice.text()
    assert "Puede estar desactualizada" in notice.text()


def test_home_has_no_warning_for_recent_content(make_main_window, fixture_dirs, content_copy):
    publish(content_copy, "2026-10-01")
    recent = Guide(replace(fixture_dirs, content=content_copy), today=lambda: dt.date(2026, 11, 28))
    window = make_main_window(guide=recent)
    assert not window.home_view.notice.isVisibleTo(window)


def test_release_notes_show_one_line_for_each_change(make_main_window, qtbot):
    """They were one run-on paragraph: "... (December 2, 2026): - Every page ... - Copies ..."."""
    from rightsguide.core.resources import data_dirs
    from tests.ui.conftest import TODAY

    window = make_main_window("en", Guide(data_dirs(), today=lambda: TODAY))
    with qtbot.wait_signal(window.location_shown):
        window.about_action.trigger()
    lines = window.reader.toPlainText().split("\n")
    notes = window.guide.content_info().notes.strip().split("\n")
    items = [n.strip()[2:] for n in notes if n.strip().startswith("- ")]
    assert len(items) > 3
    for item in items[:3]:
        assert any(item[-40:] in line and "\u2022" in line for line in lines), item
