"""The plain front-matter reader: whatever it accepts, the full YAML reading gives the same.

``check`` reads plain front matter with :mod:`rightsguide.core.content.plainmeta` instead of
composing YAML; that is only right if, for every text it accepts, :func:`parse_meta` returns
an equal :class:`PageMeta` (with the same source lines) and reports no problem.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rightsguide.core.content import frontmatter, plainmeta
from rightsguide.core.errors import ContentError
from tests.conftest import ROOT

PATH = Path("page.md")

# values that are text for YAML, and values that YAML reads another way or cannot read
TEXT = st.sampled_from(
    ["Call ICE", "Dónde", "محكمة الهجرة", "听证会", "a-b", "x's", 'say "hi"', "1-800-898-7180"]
)
ODD = st.sampled_from(
    [
        "yes",
        "No",
        "on",
        "~",
        "null",
        "",
        "1.5",
        "12",
        "010",
        "0x1f",
        "1_000",
        "2026-11-28",
        "2026-02-30",
        "2026-1-5",
        "a: b",
        "a #b",
        "a:",
        "#c",
        "&a x",
        "*a",
        "!x y",
        "- x",
        "[a, b]",
        "{a: b}",
        "'q'",
        '"q"',
        "'it''s'",
        '"a\\tb"',
        "'a'b'",
        '"a"b"',
        "a\tb",
        "a\xa0",
        "\u2028",
        "|",
        ">",
        "%x",
        "@x",
        "`x",
        "?x",
        "a, b",
        "２０２６-11-28",
        "١٢",
        "8",
        "0",
        "-3",
        "  padded  ",
        "x # y",
        '"EOIR: Legal"',
        "'a: b'",
        "a [b] c",
    ]
)


@st.composite
def valid_front_matter(draw: st.DrawFn) -> list[tuple[str, str, str]]:
    """(indent, key, value) lines of valid front matter, in the usual layout."""
    lines = [("", "title", draw(TEXT)), ("", "summary", draw(TEXT))]
    if draw(st.booleans()):
        lines.append(("", "order", str(draw(st.integers(0, 10**6)))))
    if draw(st.booleans()):
        words = draw(st.lists(st.sampled_from(["a", "b c", "Dónde", "ATD", "x-y"]), max_size=4))
        lines.append(("", "keywords", "[" + ", ".join(words) + "]"))
    lines += [
        ("", "reviewed", ""),
        ("  ", "on", str(draw(st.dates()))),
        ("  ", "by", draw(TEXT)),
        ("  ", "level", draw(st.sampled_from(["editorial", "legal"]))),
    ]
    if draw(st.booleans()):
        lines.append(("", "valid_until", str(draw(st.dates()))))
    if draw(st.booleans()):
        lines.append(("", "icon", draw(TEXT)))
    sources = draw(st.integers(0, 3))
    if sources:
        lines.append(("", "sources", ""))
    for _ in range(sources):
        lines += [("  - ", "title", draw(TEXT)), ("    ", "url", "https://example.org/x")]
        if draw(st.booleans()):
            lines.append(("    ", "accessed", str(draw(st.dates()))))
        if draw(st.booleans()):
            lines.append(("    ", "kind", draw(st.sampled_from(["primary", "legal-org", "news"]))))
    if draw(st.booleans()):
        lines += [
            ("", "translation", ""),
            ("  ", "from", "en"),
            ("  ", "provenance", draw(st.sampled_from(["machine", "human", "reviewed"]))),
        ]
        if draw(st.booleans()):
            lines.append(("  ", "source_hashes", ""))
            lines += [
                ("    ", k, "ab12cd")
                for k in draw(st.sets(st.sampled_from(["_lead", "s0", "p"]), min_size=1))
            ]
    return lines


@st.composite
def front_matter(draw: st.DrawFn) -> str:
    """Valid front matter, as is or with up to three changes that may make it doubtful."""
    lines = draw(valid_front_matter())
    for _ in range(draw(st.integers(0, 3))):
        at = draw(st.integers(0, len(lines) - 1))
        indent, key, value = lines[at]
        change = draw(st.sampled_from(["value", "key", "twice", "drop", "stray", "indent"]))
        if change == "value":
            lines[at] = (indent, key, draw(ODD))
        elif change == "key":
            lines[at] = (
                indent,
                draw(st.sampled_from(["valid_untill", "source", "on", "x"])),
                value,
            )
        elif change == "twice":
            lines.insert(at, lines[at])
        elif change == "drop":
            del lines[at]
        elif change == "stray":
            lines.insert(at, ("", draw(st.sampled_from(["", "# note", "- a", "\t", "---"])), ""))
        else:
            lines[at] = (draw(st.sampled_from(["", " ", "  ", "    ", "   "])), key, value)
    return "\n".join(
        f"{indent}{key}: {value}" if value else f"{indent}{key}:" if key else indent
        for indent, key, value in lines
    )


def _same(text: str) -> None:
    fast = plainmeta.parse(text)
    if fast is None:
        return
    full = frontmatter.parse_meta(text, PATH)  # must not raise: the fast reader saw it valid
    assert fast == full
    assert [s.line for s in fast.sources] == [s.line for s in full.sources]


@settings(max_examples=1000, deadline=None)
@given(front_matter())
def test_whatever_is_accepted_reads_the_same_in_full(text):
    _same(text)


def test_every_real_front_matter_it_accepts_reads_the_same(tmp_path):
    accepted = total = 0
    for path in sorted((ROOT / "content").rglob("*.md")):
        text = frontmatter.split(frontmatter.decode(path.read_bytes(), path), path)[0]
        total += 1
        if plainmeta.parse(text) is not None:
            accepted += 1
            _same(text)
    assert accepted > total // 2  # it is worth having


VALID = """title: A page
summary: What it says.
order: 5
keywords: [a, b c]
reviewed:
  on: 2026-11-01
  by: test editors
  level: editorial
sources:
  - title: "EOIR: Example"
    url: https://example.org/
    accessed: 2026-11-02
    kind: primary"""


def test_a_plain_page_is_accepted():
    meta = plainmeta.parse(VALID)
    assert meta == frontmatter.parse_meta(VALID, PATH)
    assert [s.line for s in meta.sources] == [11]  # the file line of '  - title:'


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("order: 5", "order: 05"),
        ("order: 5", "ordre: 5"),
        ("summary: What it says.", "summary: yes"),
        ("on: 2026-11-01", "on: 2026-11-31"),
        ("level: editorial", "level: lawyer"),
        ("kind: primary", "kind: blog"),
        ("keywords: [a, b c]", "keywords: [a, 1]"),
        ("title: A page", "title: A: page"),
        ("title: A page", "title: A page # draft"),
        ("title: A page", 'title: "A \\"page\\""'),
        ("title: A page", "title: A page\ntitle: Again"),
        ("  by: test editors", "  by: test editors\n  by: again"),
    ],
)
def test_doubtful_or_invalid_front_matter_is_read_in_full(old, new):
    text = VALID.replace(old, new)
    assert text != VALID
    assert plainmeta.parse(text) is None
    with contextlib.suppress(ContentError):  # most of them are errors, reported in full
        frontmatter.parse_meta(text, PATH)
