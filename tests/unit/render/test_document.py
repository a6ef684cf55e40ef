from __future__ import annotations

import datetime as dt
import re

import pytest

from rightsguide.core.guide import Guide
from rightsguide.core.navigation import Location, View, parse_link
from rightsguide.core.render.document import right_to_left_tables

TODAY = dt.date(2026, 11, 28)


@pytest.fixture
def guide(fixture_dirs) -> Guide:
    return Guide(fixture_dirs, today=lambda: TODAY)


def test_root_carries_direction_and_language_of_the_page(guide):
    shown = guide.open_page("start-here/welcome", "ar")
    assert shown.html.startswith('<!DOCTYPE html><html dir="rtl" lang="ar">')
    assert shown.locale == "ar"


def test_fallback_page_names_both_languages_in_the_readers_language(guide):
    shown = guide.open_page("device-care/charging", "ar")
    assert shown.locale == "en"
    assert '<html dir="ltr" lang="en">' in shown.html
    assert "هذه الصفحة غير متوفرة بعد باللغة \u2068العربية\u2069" in shown.html
    assert "\u2068English\u2069" in shown.html
    assert 'dir="rtl" lang="ar"' in shown.html  # the notice keeps the reader's direction


def test_fallback_notice_in_english_catalog(guide):
    shown = guide.open_page("device-care/charging", "es")
    assert (
        "This page is not yet available in \u2068Español\u2069. It is shown in \u2068English\u2069."
        in shown.html
    )


def test_machine_translation_notice(guide):
    assert "Translated by machine" in guide.open_page("start-here/welcome", "ar").html
    assert "Translated by machine" not in guide.open_page("start-here/welcome", "fr").html
    assert "Translated by machine" not in guide.open_page("start-here/welcome", "en").html


def notice_paragraphs(html: str) -> list[str]:
    return re.findall(r'<p class="notice"[^>]*>(.*?)</p>', html)


def test_machine_translation_notice_is_one_line_with_show_in_english(guide):
    html = guide.open_page("start-here/welcome", "ar").html
    machine = [p for p in notice_paragraphs(html) if "Translated by machine" in p]
    assert len(machine) == 1  # one compact paragraph: the sentence and its action
    assert '<a href="guide:/start-here/welcome?lang=en">' in machine[0]
    assert parse_link("guide:/start-here/welcome?lang=en") == Location(
        View.PAGE, "start-here/welcome", "", "en"
    )


def test_fallback_notice_offers_english_only_when_not_already_english(guide):
    shown = guide.open_page("device-care/charging", "ar")
    assert "?lang=en" not in shown.html  # it is already shown in English


def test_notice_and_call_out_bars_are_on_the_right_in_arabic(guide):
    html = guide.open_page("start-here/welcome", "ar").html
    for row in re.findall(r"<tr>(.*?)</tr>", html):
        if 'width="6"' in row:  # a coloured bar: the last cell, on the right of RTL text
            assert row.endswith('bgcolor="' + row.rsplit('bgcolor="', 1)[1])
            assert not row.startswith('<td width="6"')
    assert re.search(r"<table(?![^>]*dir=)", html) is None  # every table has a direction
    english = guide.open_page("start-here/welcome", "en").html
    assert '<tr><td width="6"' in english


def test_review_line_is_not_small_print(guide):
    html = guide.open_page("start-here/welcome", "en").html
    assert '<p class="review"' in html
    assert "A lawyer has not reviewed it yet." in html
    assert "p.review { color: #333333;" in html


def test_review_date_and_level_are_shown(guide):
    html = guide.open_page("start-here/welcome", "en").html
    assert (
        "Last reviewed on November 1, 2026 by the editors. A lawyer has not reviewed it yet."
        in html
    )


def test_overdue_review_warns(fixture_dirs):
    late = Guide(fixture_dirs, today=lambda: dt.date(2027, 2, 1))
    assert (
        "due for a new review on December 31, 2026"
        in late.open_page("device-care/charging", "en").html
    )
    assert (
        "due for a new review"
        not in Guide(fixture_dirs, today=lambda: TODAY).open_page("device-care/charging", "en").html
    )


def test_every_page_ends_with_not_legal_advice(guide):
    html = guide.open_page("start-here/welcome", "fr").html
    assert "general information, not legal advice" in html.split("<hr/>")[-1]


def test_title_and_summary_are_escaped(content_copy, fixture_dirs):
    from dataclasses import replace

    from tests.conftest import FRONT, write_page

    write_page(content_copy, "en/start-here/evil.md", FRONT.format(title='"<b>x</b>"') + "body\n")
    g = Guide(replace(fixture_dirs, content=content_copy), today=lambda: TODAY)
    html = g.open_page("start-here/evil", "en").html
    assert "<h1>&lt;b&gt;x&lt;/b&gt;</h1>" in html


def test_broken_page_gives_calm_error_page(content_copy, fixture_dirs):
    from dataclasses import replace

    from tests.conftest import write_page

    write_page(content_copy, "en/start-here/broken.md", "---\ntitle: [\n---\n")
    g = Guide(replace(fixture_dirs, content=content_copy), today=lambda: TODAY)
    shown = g.open_page("start-here/broken", "en")
    assert shown.broken
    assert "This page cannot be shown right now" in shown.html
    assert "broken.md:2" in shown.html
    assert "broken.md" not in g.open_page("start-here/broken", "en", show_details=False).html


def test_unstamped_translation_says_it_was_not_checked(guide):
    assert (
        "has not yet been checked against the" in guide.open_page("start-here/welcome", "ar").html
    )


def test_stale_section_shows_marker_and_current_source_text(content_copy, fixture_dirs):
    from dataclasses import replace

    from rightsguide.core.translation.stamp import stamp_file

    g = Guide(replace(fixture_dirs, content=content_copy), today=lambda: TODAY)
    stamp_file(g.library, content_copy / "ar/start-here/welcome.md")
    fresh = g.open_page("start-here/welcome", "ar").html
    assert "changed after this translation" not in fresh
    assert "not yet been checked" not in fresh
    src = content_copy / "en/start-here/welcome.md"
    src.write_text(
        src.read_text(encoding="utf-8").replace("See a [lawyer]", "Call a [lawyer]"),
        encoding="utf-8",
    )
    html = g.open_page("start-here/welcome", "ar").html
    marker_at = html.index("The \u2068English\u2069 text of this section changed")
    assert html.index('<h2 id="help">') < marker_at
    assert "Call a" in html[marker_at:]
    assert html.count("text of this section changed") == 1  # only the changed section


def _stamped_guide(content_copy, fixture_dirs):
    from dataclasses import replace

    from rightsguide.core.translation.stamp import stamp_file

    g = Guide(replace(fixture_dirs, content=content_copy), today=lambda: TODAY)
    stamp_file(g.library, content_copy / "ar/start-here/welcome.md")
    return g, content_copy / "en/start-here/welcome.md"


def test_section_new_in_the_source_is_shown_in_the_source_language(content_copy, fixture_dirs):
    """A reader of a translation still sees what the English gained (e.g. a new warning)."""
    g, src = _stamped_guide(content_copy, fixture_dirs)
    text = src.read_text(encoding="utf-8")
    first = text.index("\n## ")
    new = "\n## Bring proof {#proof}\n\nBring proof of two years in the U.S.\n"
    src.write_text(text[:first] + new + text[first:], encoding="utf-8")
    html = g.open_page("start-here/welcome", "ar").html
    assert "This section is new in the \u2068English\u2069 text" in html
    new_at = html.index("Bring proof of two years")
    assert new_at < html.index('<h2 id="what">')  # where the source has it: before that section
    assert "parts of this page changed after this translation" in html


def test_section_added_at_the_end_of_the_source_is_shown_at_the_end(content_copy, fixture_dirs):
    g, src = _stamped_guide(content_copy, fixture_dirs)
    src.write_text(
        src.read_text(encoding="utf-8") + "\n## Last words {#last}\n\nA new last part.\n",
        encoding="utf-8",
    )
    html = g.open_page("start-here/welcome", "ar").html
    assert html.index("A new last part.") > html.rindex("<h2 id=")


def test_changed_opening_text_of_the_source_is_shown_too(content_copy, fixture_dirs):
    g, src = _stamped_guide(content_copy, fixture_dirs)
    text = src.read_text(encoding="utf-8")
    body_at = text.index("---", 3) + 4
    src.write_text(text[:body_at] + "\nA new first warning.\n" + text[body_at:], encoding="utf-8")
    html = g.open_page("start-here/welcome", "ar").html
    warning_at = html.index("A new first warning.")
    assert warning_at < html.index("<h2 id=")


def test_stale_marker_gives_the_date_from_git(content_copy, fixture_dirs):
    from dataclasses import replace

    from rightsguide.core.translation.stamp import stamp_file
    from tests.unit.translation.test_status import commit_stamps_then_edit_the_source, git

    g = Guide(replace(fixture_dirs, content=content_copy), today=lambda: TODAY)
    git(content_copy, "init", "-q")
    stamp_file(g.library, content_copy / "ar/start-here/welcome.md")
    commit_stamps_then_edit_the_source(content_copy)
    html = g.open_page("start-here/welcome", "ar").html
    from rightsguide.core.i18n import format_date

    assert f"text of this section changed on {format_date(dt.date.today(), 'ar')}." in html


def test_a_call_out_with_several_paragraphs_is_mirrored_too():
    body = (
        '<table class="callout warning"><tr><td bgcolor="#b3261e" width="6"></td>'
        '<td class="callout-body"><p>one</p>\n<p>two</p></td></tr></table>'
    )
    assert right_to_left_tables(body) == (
        '<table dir="rtl" class="callout warning"><tr><td class="callout-body"><p>one</p>\n'
        '<p>two</p></td><td bgcolor="#b3261e" width="6"></td></tr></table>'
    )


def test_clinic_phone_and_address_are_large_and_isolated(fixture_dirs):
    from rightsguide.core.content.clinic import PAGE_ID, Clinic

    clinic = Clinic(
        "Legal Aid", address="12 Main St", phone="+1 555 0100", website="https://x.org/"
    )
    html = Guide(fixture_dirs, today=lambda: TODAY, clinic=clinic).open_page(PAGE_ID, "ar").html
    assert '<span class="big">12 Main St</span>' in html
    assert '<span class="big">\u2068+1 555 0100\u2069</span>' in html
    assert "\u2068https://x.org/\u2069" in html  # the trailing "/" stays at the end in Arabic
    assert "span.big { font-size: x-large; font-weight: bold; }" in html


def test_about_at_a_kiosk_shows_version_and_date_and_tells_the_administrator(fixture_dirs, capsys):
    from rightsguide.core.render import about

    about._told.clear()
    kiosk = Guide(fixture_dirs, today=lambda: TODAY, show_folder=False)
    html = kiosk.open_page(about.PAGE_ID, "en").html
    assert "Content version" in html
    assert "Published" in html
    assert "This content is not signed" not in html  # not for the public
    assert "not signed" in capsys.readouterr().err  # for the administrator, on stderr
    desk = Guide(fixture_dirs, today=lambda: TODAY).open_page(about.PAGE_ID, "en").html
    assert "This content is not signed" in desk  # a volunteer's copy still says so
