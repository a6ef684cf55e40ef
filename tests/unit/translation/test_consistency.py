from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path

import pytest

from rightsguide.core.model import Page, PageMeta, Review, ReviewLevel
from rightsguide.core.translation import consistency, structure
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
    for target in [*consistency.LINK_RE.findall(text), *consistency.AUTOLINK_RE.findall(text)]:
        if not target.startswith("https://"):
            found[f"link {target}"] += 1
    for name in {m.group(0) for m in consistency.NAMES_RE.finditer(text)}:
        found[name] = 1
    for number in consistency.numbers(text):
        found[consistency.NUMBER + number] = 1
    found[consistency.SHAPE + structure.shape(text)] = 1
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
        "[a](../x.md#y) [b](<z.md>) <mailto:a@b.org> <https://a.gov> [c] (d.md) a < b",
    ],
)
def test_token_pre_tests_change_nothing(text: str):
    assert tokens(text) == _tokens_without_hints(text)


def test_faithful_translation_passes():
    es = SOURCE.replace("Call", "Llame al").replace("Nothing.", "Nada.")
    assert compare(page(es), page(SOURCE)) == []


@pytest.mark.parametrize(
    ("change", "expected", "line"),
    [
        (("898-7180", "898-7188"), "source: 1-800-898-7180; it has instead: 1-800-898-7188", 21),
        (("EOIR-33", "EOIR-34"), "EOIR-33; it has instead: EOIR-34", 21),
        (("$200", "$20"), "$200; it has instead: $20", 22),
        (("ISAP", "el programa"), "ISAP", 20),
        (
            ("https://www.justice.gov/eoir", "https://example.org"),
            "https://www.justice.gov/eoir; it has instead: https://example.org",
            22,
        ),
    ],
)
def test_changed_number_form_amount_name_or_url_is_an_error_at_its_line(change, expected, line):
    """Reported where the changed value stands (else at the section's heading, line 20)."""
    translated = SOURCE.replace(*change)
    problems = compare(page(translated), page(SOURCE))
    assert len(problems) == 1
    assert problems[0].line == line
    assert expected in problems[0].message


LINKED = "## Help {#help}\nRead [device problems](device-problems.md#what-to-do). Or call ICE.\n"


@pytest.mark.parametrize(
    ("translated", "expected"),
    [
        # a link the English does not have, to a scam site
        (
            "## Ayuda {#help}\nLea [problemas](device-problems.md#what-to-do). Pague su fianza en "
            "[este sitio](https://fianza-rapida.example.com). ICE.\n",
            "has what its source section does not: https://fianza-rapida.example.com",
        ),
        # an internal link turned into an external one
        (
            "## Ayuda {#help}\nLea [problemas](https://evil.example.com). ICE.\n",
            "must keep exactly as in the source: link device-problems.md#what-to-do; it has "
            "instead: https://evil.example.com",
        ),
        # a translated anchor, and a link to another page
        (
            "## Ayuda {#help}\nLea [problemas](device-problems.md#que-hacer). ICE.\n",
            "link device-problems.md#what-to-do; it has instead: link device-problems.md#que-hacer",
        ),
        (
            "## Ayuda {#help}\nLea [estafas](../get-help/scams.md). ICE.\n",
            "it has instead: link ../get-help/scams.md",
        ),
        # a link lost to a space before its parenthesis: the reader shows brackets (reported at
        # the section's heading: nothing of it is there to point at)
        (
            "## Ayuda {#help}\nLea [problemas] (device-problems.md#what-to-do). ICE.\n",
            "keep exactly",
        ),
    ],
)
def test_a_link_added_changed_or_lost_is_an_error_at_its_line(translated, expected):
    problems = compare(page(translated), page(LINKED))
    assert len(problems) == 1
    assert expected in problems[0].message
    assert problems[0].line == (20 if "] (" in translated else 21)


def test_names_and_values_said_once_more_are_no_new_values():
    translated = (
        "## Ayuda {#help}\nLea [problemas](device-problems.md#what-to-do) "
        "([otra vez](device-problems.md#what-to-do)). ICE e ISAP: llame a ICE.\n"
    )
    assert compare(page(translated), page(LINKED)) == []


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


DEADLINE = "## Appeal {#appeal}\nYou have 30 days to appeal. Since 2021, calls last 4-5 hours.\n"


@pytest.mark.parametrize(
    ("translated", "message"),
    [
        (
            "Tiene 90 días para apelar. Desde 2021, 4-5 horas.",
            "the source has 30, the translation 90",
        ),
        (
            "Tiene 30 días para apelar. Desde 2012, 4-5 horas.",
            "the source has 2021, the translation 2012",
        ),
        (
            "Tiene 30 días. Desde 2021, las llamadas duran de 4 a 6 horas.",
            "has 5, the translation 6",
        ),
    ],
)
def test_a_changed_number_is_an_error_at_its_line(translated, message):
    """A deadline, a year or an hour that a translation changed: the reader would act on it."""
    problems = compare(page(f"## Apelar {{#appeal}}\n{translated}\n"), page(DEADLINE))
    assert [(p.line, p.severity.value) for p in problems] == [(21, "error")]
    assert message in problems[0].message


@pytest.mark.parametrize(
    ("english", "translated"),
    [
        ("Calls last 4-5 hours.", "Las llamadas duran de 4 a 5 horas."),  # a range in words
        ("About 36,000 people.", "Unas 36 mil personas."),  # thousands in a word
        ("About 36,000 people.", "Environ 36\u202f000 personnes."),  # a thin space
        ("About 36,000 people.", "Cerca de 36.000 pessoas."),
        ("About 36,000 people.", "约3.6万人。"),
        ("Worth 121,000,000 dollars.", "价值1.21亿美元。"),
        ("It is open 8 a.m. to 8 p.m.", "Atende das 8h às 20h."),  # a 24-hour clock
        ("In June 2025, three groups sued.", "2025年6月，3个团体起诉。"),  # month and "three"
        ("It is 1.5 miles.", "Son 1,5 millas."),  # a decimal comma
        ("It opens at 9:00.", "Ouvre à 9 h."),
    ],
)
def test_numbers_written_the_way_a_language_writes_them_pass(english, translated):
    problems = compare(page(f"## A {{#a}}\n{translated}\n"), page(f"## A {{#a}}\n{english}\n"))
    assert problems == []


def test_a_number_written_as_a_word_is_a_warning():
    problems = compare(
        page("## A {#a}\nTiene siete días.\n"), page("## A {#a}\nYou have 7 days.\n")
    )
    assert [(p.severity.value, "number 7" in p.message) for p in problems] == [("warning", True)]


@pytest.mark.parametrize(
    ("english", "translated"),
    [
        ("You have 10 days.", "Tiene 22 días."),  # 22 is no hour here: no 24-hour clock
        ("You have 7 days.", "Tiene 19 días."),
        ("About 36,000 people.", "Unas 3.600 personas."),  # no word for thousands after it
        ("Since 2026.", "Desde 2."),
        ("About 1,200 people.", "Unas 12 personas."),
    ],
)
def test_a_changed_number_is_not_taken_for_a_clock_or_a_word_for_thousands(english, translated):
    problems = compare(page(f"## A {{#a}}\n{translated}\n"), page(f"## A {{#a}}\n{english}\n"))
    assert [p.severity.value for p in problems] == ["error"], [p.message for p in problems]


@pytest.mark.parametrize(
    ("english", "translated"),
    [
        ("It is 1.5 miles.", "إنها ١٫٥ ميل."),  # Arabic's own decimal mark
        ("About 36,000 people.", "حوالي ٣٦٬٠٠٠ شخص."),  # and its group mark
        ("See https://www.ice.gov/check-in.", "请看https://www.ice.gov/check-in。"),
        ("See https://www.ice.gov/check-in.", "انظر https://www.ice.gov/check-in،"),
    ],
)
def test_arabic_number_marks_and_cjk_or_arabic_punctuation_are_no_change(english, translated):
    problems = compare(page(f"## A {{#a}}\n{translated}\n"), page(f"## A {{#a}}\n{english}\n"))
    assert problems == []


def test_a_changed_number_is_reported_at_its_own_line():
    """Not at the line of a phone number that happens to hold the same digits (898)."""
    english = "## A {#a}\nCall 1-800-898-7180.\n\nIt is open.\n\nYou have 8 days.\n"
    translated = "## A {#a}\nLlame al 1-800-898-7180.\n\nEstá abierto.\n\nTiene 9 días.\n"
    problems = compare(page(translated), page(english))
    assert [(p.line, "the translation 9" in p.message) for p in problems] == [(25, True)]
