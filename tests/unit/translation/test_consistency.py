from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path

import pytest

from rightsguide.core.model import Page, PageMeta, Review, ReviewLevel
from rightsguide.core.translation import consistency
from rightsguide.core.translation.consistency import bidi_controls, compare, tokens
from tests.conftest import ROOT

META = PageMeta("T", "S", 1, Review(dt.date(2026, 1, 1), "x", ReviewLevel.EDITORIAL))
SOURCE = (
    "## Court {#court}\nCall 1-800-898-7180. File EOIR-33 and AR-11. ICE and ISAP.\n"
    "See [EOIR](https://www.justice.gov/eoir). Fine up to $200.\n\n## Other {#other}\nNothing.\n"
)


def page(body: str, name: str = "t.md") -> Page:
    return Page("t/p", "es", Path(name), META, body, 20)


def test_tokens_find_what_must_not_change():
    found = tokens(SOURCE)
    for item in (
        "1-800-898-7180",
        "EOIR-33",
        "AR-11",
        "ICE",
        "ISAP",
        "EOIR",
        "$200",
        "https://www.justice.gov/eoir",
    ):
        assert found[item] >= 1, item
    assert tokens("llame al (866) 633-1182")["(866) 633-1182"] == 1


def test_tokens_work_inside_chinese_text():
    found = tokens("请填写EOIR-33表和I-220A表格")
    assert found["EOIR-33"] == 1
    assert found["I-220A"] == 1


def _tokens_without_hints(text: str) -> Counter[str]:
    """tokens() as it was before the cheap pre-tests: every pattern on every text."""
    found: Counter[str] = Counter()
    for pattern in (
        consistency.PHONE_RE,
        consistency.FORM_RE,
        consistency.AMOUNT_RE,
        consistency.URL_RE,
    ):
        found.update(m.group(0).rstrip(".,;:") for m in pattern.finditer(text))
    for name in {m.group(0) for m in consistency.NAMES_RE.finditer(text)}:
        found[name] = 1
    return found


@pytest.mark.parametrize(
    "text",
    [
        SOURCE,
        "",
        "no tokens here, just words-and-hyphens 12-3456",
        "١-٨٠٠-٨٩٨-٧١٨٠ and (866)\n633-1182 and 866-633-1182x",
        "EOIR-33/ABC, EOIR-, AR-111, I-220A, I-22, xI-220, ICEBERG, BICE, SmartLINK.",
        "$ $5 $1,000.00. https:// https://a.gov/x).",
    ],
)
def test_token_pre_tests_change_nothing(text: str):
    assert tokens(text) == _tokens_without_hints(text)


def test_faithful_translation_passes():
    es = SOURCE.replace("Call", "Llame al").replace("Nothing.", "Nada.")
    assert compare(page(es), page(SOURCE)) == []


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (("898-7180", "898-7188"), "1-800-898-7180"),
        (("EOIR-33", "EOIR-34"), "EOIR-33"),
        (("$200", "$20"), "$200"),
        (("ISAP", "el programa"), "ISAP"),
        (("https://www.justice.gov/eoir", "https://example.org"), "https://www.justice.gov/eoir"),
    ],
)
def test_changed_number_form_amount_name_or_url_is_an_error_at_its_section(change, expected):
    translated = SOURCE.replace(*change)
    problems = compare(page(translated), page(SOURCE))
    assert len(problems) == 1
    assert problems[0].line == 20  # the 'court' heading is the first body line
    assert expected in problems[0].message


def test_bidi_controls_are_found_with_their_line():
    problems = bidi_controls("ok\nabc\u202edef\n", Path("x.md"))
    assert [(p.line, "U+202E" in p.message) for p in problems] == [(2, True)]
    assert bidi_controls("سلام \u200f ok", Path("x.md")) == []  # a plain RLM mark is allowed


def test_utf8_bidi_pattern_matches_the_same_characters():
    for code in [*range(0x80, 0x3000), 0xFEFF, 0x1F600]:
        char = chr(code)
        in_text = consistency.BIDI_CONTROLS.search(char) is not None
        in_bytes = consistency.BIDI_CONTROLS_UTF8.search(char.encode()) is not None
        assert in_text == in_bytes, hex(code)


def test_hidden_characters_of_a_file_reads_lines_like_the_text(tmp_path: Path):
    path = tmp_path / "p.md"
    path.write_bytes("\ufeffok\r\nabc\u2067def\rx\n".encode())
    found = consistency.hidden_characters(path, path.read_bytes())
    assert [(p.line, p.message[:31]) for p in found] == [(2, "invisible direction control U+2")]
    path.write_text("no controls \u200f here", encoding="utf-8")
    assert consistency.hidden_characters(path, path.read_bytes()) == []


def test_utf8_control_pattern_matches_the_same_characters():
    for code in [*range(0x3000), 0xFEFF, 0x1F600]:
        char = chr(code)
        in_text = consistency.CONTROLS.search(char) is not None
        in_bytes = consistency.has_controls(char.encode())
        assert in_text == in_bytes, hex(code)


def test_control_characters_in_a_page_are_errors_with_their_line(content_copy):
    from rightsguide.core.translation.check import check_tree

    page = content_copy / "fr/start-here/welcome.md"
    text = page.read_text(encoding="utf-8")
    page.write_text(text.rstrip("\n") + "\n\nUn \x1b[2J bip\x07 et\u2028fin.\n", encoding="utf-8")
    line = len(text.rstrip("\n").split("\n")) + 2
    found = [
        (p.line, p.message[:25])
        for p in check_tree(content_copy, ROOT / "assets")
        if p.path == page and "control character" in p.message
    ]
    assert found == [
        (line, "control character U+001B "),
        (line, "control character U+0007 "),
        (line, "control character U+2028 "),
    ]
