from __future__ import annotations

import contextlib
import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rightsguide import cli
from rightsguide.core.content import frontmatter
from rightsguide.core.errors import ContentError
from rightsguide.core.model import Provenance, ReviewLevel

P = Path("page.md")
GOOD = """title: Charging
summary: Charge every day.
order: 3
keywords: [battery, charger]
reviewed:
  on: 2026-11-01
  by: editors
  level: editorial
sources:
  - title: A source
    url: https://example.org/
    accessed: 2026-10-01
translation:
  from: en
  provenance: machine
  source_hashes: {intro: abc}
"""


def test_valid_front_matter_parses_into_typed_fields():
    meta = frontmatter.parse_meta(GOOD, P)
    assert meta.title == "Charging"
    assert meta.order == 3
    assert meta.keywords == ("battery", "charger")
    assert meta.reviewed.on == dt.date(2026, 11, 1)
    assert meta.reviewed.level is ReviewLevel.EDITORIAL
    assert meta.sources[0].accessed == dt.date(2026, 10, 1)
    assert meta.translation is not None
    assert meta.translation.provenance is Provenance.MACHINE
    assert meta.translation.source_hashes == {"intro": "abc"}


def test_missing_title_names_its_line():
    with pytest.raises(ContentError) as err:
        frontmatter.parse_meta(GOOD.replace("title: Charging\n", ""), P)
    assert "title" in err.value.message


def test_wrong_type_names_the_line_of_the_key():
    text = GOOD.replace("order: 3", "order: three")
    with pytest.raises(ContentError) as err:
        frontmatter.parse_meta(text, P)
    assert err.value.line == 4  # line 1 is '---', so 'order' on yaml line 3 is file line 4
    assert "whole number" in err.value.message


def test_bad_date_in_nested_mapping():
    with pytest.raises(ContentError, match=r"reviewed\.on"):
        frontmatter.parse_meta(GOOD.replace("on: 2026-11-01", "on: yesterday"), P)


def test_broken_yaml_reports_line():
    with pytest.raises(ContentError) as err:
        frontmatter.parse_meta("title: x\nsummary: [unclosed\n", P)
    assert err.value.line >= 2
    assert "not valid YAML" in err.value.message


def test_yaml_tags_that_build_objects_are_refused():
    with pytest.raises(ContentError):
        frontmatter.parse_meta("title: !!python/object/apply:os.system ['true']\n", P)


def test_split_finds_body_and_its_first_line():
    yaml_text, body, line = frontmatter.split("---\ntitle: x\n---\nHello\n", P)
    assert yaml_text == "title: x"
    assert body == "Hello\n"
    assert line == 4


@pytest.mark.parametrize("text", ["no front matter\n", "---\ntitle: x\n"])
def test_split_requires_both_fences(text):
    with pytest.raises(ContentError):
        frontmatter.split(text, P)


def test_decode_accepts_bom_and_crlf():
    assert frontmatter.decode(b"\xef\xbb\xbf---\r\ntitle: x\r\n", P) == "---\ntitle: x\n"


def test_decode_reports_the_line_of_invalid_utf8():
    with pytest.raises(ContentError) as err:
        frontmatter.decode(b"---\ntitle: ok\nsummary: \xff\n", P)
    assert err.value.line == 3


@given(st.text(max_size=300))
def test_any_text_gives_meta_or_content_error(text):
    with contextlib.suppress(ContentError):
        frontmatter.parse_meta(text, P)


@given(st.binary(max_size=300))
def test_any_bytes_decode_or_content_error(raw):
    try:
        text = frontmatter.decode(raw, P)
        frontmatter.split(text, P)
    except ContentError:
        pass


def test_merge_key_keeps_the_line_of_each_key():
    """Building a value from a merge key rewrites the node tree: lines still come from the text."""
    text = "base: &b {level: editorial}\n" + GOOD.replace(
        "  level: editorial\n", "  <<: *b\n  level: 7\n"
    )
    with pytest.raises(frontmatter.FrontMatterErrors) as info:
        frontmatter.parse_meta(text, P)
    lines = {e.line: e.message for e in info.value.errors}
    assert "level" in lines[11]  # 'level: 7' (line 1 is the '---'), not the merged 'level'
    assert "base: unknown key" in lines[2]  # the anchor's own key is not a page field
    with pytest.raises(frontmatter.FrontMatterErrors) as info:
        frontmatter.parse_meta(text.replace("level: 7", "level: legal"), P)
    assert [e.line for e in info.value.errors] == [2]


@pytest.mark.parametrize(
    ("wrong", "right"),
    [("valid_untill", "valid_until"), ("keyword", "keywords"), ("source", "sources")],
)
def test_unknown_key_is_an_error_with_a_did_you_mean(wrong, right):
    with pytest.raises(frontmatter.FrontMatterErrors) as info:
        frontmatter.parse_meta(GOOD + f"{wrong}: x\n", P)
    assert f"did you mean '{right}'?" in info.value.message
    assert info.value.line == GOOD.count("\n") + 2


def test_every_problem_of_a_file_in_one_run():
    text = (
        GOOD.replace("order: 3", "order: three")
        .replace("  level: editorial", "  level: lawyerly\n  reviewer: me")
        .replace("    accessed: 2026-10-01", "    accessed: soon\n    kind: blog")
    )
    with pytest.raises(frontmatter.FrontMatterErrors) as info:
        frontmatter.parse_meta(text, P)
    found = [(e.line, e.message.split(":")[0]) for e in info.value.errors]
    assert found == [
        (4, "order"),
        (9, "reviewed.level"),
        (10, "reviewed.reviewer"),
        (14, "sources[1].accessed"),
        (15, "sources[1].kind"),
    ]


def test_a_key_written_twice_is_an_error():
    with pytest.raises(ContentError, match=r"'title' is given twice .*: keep one of them$"):
        frontmatter.parse_meta(GOOD + "title: Again\n", P)


@pytest.mark.parametrize(
    ("line", "advice"),
    [
        (
            "title: Court: what to expect",
            "put the title in quotes, like title: \"...\": it contains ': '",
        ),
        (
            'title: "Court" dates',
            "it starts with '\"' but goes on after it ends; a '\"' inside a value in double "
            'quotes is written \\"',
        ),
        ("title: 'Don't' go", "a \"'\" inside a value in single quotes is written twice ('')"),
        ('title: "Court dates', "the title starts with '\"' but has no closing '\"'"),
        ("title: @home", "it starts with '@'"),
        ("keywords: [a, b", "is not closed: end it with ']'"),
    ],
)
def test_yaml_errors_say_what_to_do(line, advice):
    with pytest.raises(ContentError) as info:
        frontmatter.parse_meta(GOOD.replace("title: Charging", line), P)
    assert advice in info.value.message
    assert info.value.line == 2


NO_CLOSING = (
    "the front matter is not valid YAML: the title starts with {q!r} but has no closing {q!r}: "
    "end the title with {q!r} on the same line"
)


@pytest.mark.parametrize(
    ("title", "later"),
    [
        ('"Charging', ("summary: Charge every day.", 'summary: "Charge every day."')),
        ('"Charging', ("    url: https://example.org/", '    url: "https://example.org/"')),
        ("'Charging", ("  by: editors", "  by: 'editors'")),
    ],
    ids=["next line", "ten lines down", "single quote"],
)
def test_a_quote_never_closed_is_named_at_its_own_line(title, later):
    """YAML reads on to the next quote; the error is the title's, not the line of that quote."""
    text = GOOD.replace("title: Charging", f"title: {title}").replace(*later)
    with pytest.raises(ContentError) as info:
        frontmatter.parse_meta(text, P)
    assert (info.value.line, info.value.message) == (2, NO_CLOSING.format(q=title[0]))


def test_source_kind_is_read():
    meta = frontmatter.parse_meta(
        GOOD.replace("    accessed:", "    kind: legal-org\n    accessed:"), P
    )
    assert meta.sources[0].kind == "legal-org"
    assert meta.sources[0].line == 11  # the '- title:' line of the entry


def test_a_key_indented_wrongly_is_reported_at_its_own_line():
    """Not at the block's first line: a translator would hunt through 40 lines for it."""
    text = GOOD + "translation:\n  from: en\n provenance: machine\n"
    bad = text.split("\n").index(" provenance: machine") + 2  # (the file's first line is ---)
    with pytest.raises(ContentError) as info:
        frontmatter.parse_meta(text, P)
    assert info.value.line == bad
    assert "check the indentation" in info.value.message


def test_a_key_given_twice_names_both_lines_as_file_lines(content_copy, capsys):
    """The translator's `sed -i '3a title: otra'`: the first title is on file line 2, not 1."""
    page = content_copy / "fr/start-here/welcome.md"
    lines = page.read_text(encoding="utf-8").split("\n")
    page.write_text("\n".join([*lines[:3], "title: autre", *lines[3:]]), encoding="utf-8")
    assert cli.main(["check", "--content", str(content_copy)]) == 1
    assert (
        f"{page}:4: error: the front matter is not valid YAML: 'title' is given twice "
        "(first on line 2): keep one of them"
    ) in capsys.readouterr().out.split("\n")


def test_a_quoted_value_closed_on_its_next_line_is_not_called_unclosed():
    """YAML lets a quoted value go on over lines; text after its end is the mistake."""
    text = GOOD.replace("title: Charging", 'title: "Charging\n  every day" now')
    with pytest.raises(ContentError) as info:
        frontmatter.parse_meta(text, P)
    assert "has no closing" not in info.value.message
    assert info.value.line == 3  # where the text after the quote is
