"""The index on hostile content, checked against a simple reference written here.

Every hit's anchor must be a section of its page, its section title that section's heading, and
its snippet text from that section; both the in-process build and the worker-process build.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest

from rightsguide.core.content.library import ContentLibrary
from rightsguide.core.search import index as search
from rightsguide.core.search.index import SearchIndex, plain, snippet_for
from rightsguide.core.search.textnorm import normalize, words
from tests.conftest import FIXTURES, FRONT, write_page

_HEADING = re.compile(r"^###?(?!#)\s+(.*?)\s*\{#([^}\s]+)\}\s*$")


def _marker(i: int) -> str:
    """A word found nowhere else: 'qz' and ``i`` in letters."""
    letters = ""
    while True:
        letters = "abcdefghijklmnopqrstuvwxyz"[i % 26] + letters
        i //= 26
        if not i:
            return "qz" + letters


def _reference_sections(body: str) -> dict[str, tuple[str, str]]:
    """Section id -> (heading text, plain text of the section), the first heading of an id."""
    found: dict[str, tuple[str, list[str]]] = {}
    current = ""
    fenced = False
    for line in body.split("\n"):
        if line.lstrip().startswith(("```", "~~~")):
            fenced = not fenced
        match = None if fenced else _HEADING.match(line)
        if match:
            current = match.group(2)
            if current not in found:
                found[current] = (match.group(1), [])
                continue
        found.setdefault(current, ("", []))[1].append(line)
    return {key: (title, "\n".join(lines)) for key, (title, lines) in found.items()}


def _write_corpus(root: Path) -> dict[str, str]:
    """Hostile pages; returns marker word -> the id of the one section that holds it."""
    where: dict[str, str] = {}
    count = 0

    def mark(section: str) -> str:
        nonlocal count
        word = _marker(count)
        count += 1
        where[word] = section
        return word

    many = "".join(f"\n## Part {i} {{#p{i}}}\n\nText {mark(f'p{i}')} here.\n" for i in range(300))
    write_page(root, "en/device-care/many.md", FRONT.format(title="Many") + many)
    dup = f"\n## First {{#same}}\n\nalpha {mark('same')}\n\n## Second {{#same}}\n\nbeta\n"
    dup += f"\n### Sub {{#sub}}\n\nsubtext {mark('sub')}\n"
    write_page(root, "en/device-care/dup.md", FRONT.format(title="Dup") + dup)
    empty = f"\n## {mark('e1')} {{#e1}}\n## {mark('e2')} {{#e2}}\n\n## Last {{#e3}}\n"
    write_page(root, "en/device-care/empty.md", FRONT.format(title="Empty") + empty)
    paragraph = "Lorem ipsum dolor sit amet, consectetur adipiscing elit. " * 20 + "\n\n"
    big = "".join(f"\n## Big {i} {{#b{i}}}\n\n{paragraph * 40}" for i in range(19))
    big += f"\n## End {{#end}}\n\n{paragraph * 10}{mark('end')} {paragraph}"
    write_page(root, "en/device-care/big.md", FRONT.format(title="Big") + big)
    assert 800_000 < len(big) < 1_000_000
    control = (
        f"\n## Ctl\x00nul {{#ctl}}\n\nbefore\x00{mark('ctl')}\x07\x1b[31m after\n"
        f"\n## Next\x85line\u2028sep {{#nl}}\n\nwords\x0b{mark('nl')}\x0c more\n"
    )
    write_page(root, "en/device-care/control.md", FRONT.format(title="Control") + control)
    long_word = "x" * 40_000
    lw = f"\n## Long {{#long}}\n\n{long_word}\n\n## After {{#after}}\n\n{mark('after')}\n"
    write_page(root, "en/device-care/longword.md", FRONT.format(title="Longword") + lw)
    harakat = " ".join(["مَرْحَبًا بِكُمْ فِي الدَّلِيلِ"] * 60)
    ar = f"\n## عَنْ {{#about}}\n\n{harakat} البَطَّارِيَّةُ {harakat}\n"
    write_page(root, "ar/device-care/harakat.md", FRONT.format(title="حركات") + ar)
    zh = "\n## 电池 {#battery}\n\n" + "每天给设备充电。" * 50 + "电池没电了会报警。\n"
    write_page(root, "zh-Hans/device-care/zh.md", FRONT.format(title="设备") + zh)
    for path in (root / "fr").rglob("*.md"):  # a language whose every page is broken
        path.write_text("no front matter\n", encoding="utf-8")
    write_page(root, "fr/device-care/broken.md", "---\ntitle: [unclosed\n---\n")
    return where


def _add_chinese(root: Path) -> None:
    registry = root / "locales.yaml"
    text = registry.read_text(encoding="utf-8")
    if "zh-Hans" not in text:
        text += "  - code: zh-Hans\n    native: 中文\n    english: Chinese\n"
        registry.write_text(text, encoding="utf-8")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> tuple[Path, dict[str, str]]:
    root = tmp_path_factory.mktemp("hostile") / "content"
    shutil.copytree(FIXTURES / "content", root)
    _add_chinese(root)
    return root, _write_corpus(root)


def _check_hit(root: Path, hit: search.SearchHit) -> None:
    """The hit's anchor, section title and snippet agree with the reference."""
    path = root / hit.locale / f"{hit.page_id}.md"
    body = path.read_text(encoding="utf-8").split("---\n", 2)[2]
    reference = _reference_sections(body)
    if hit.anchor:
        assert hit.anchor in reference, (hit.page_id, hit.anchor)
        heading, text = reference[hit.anchor]
        assert hit.section_title == " ".join(plain(heading).split("\n"))
    else:
        assert hit.section_title == ""
        text = reference.get("", ("", ""))[1]
    inner = hit.snippet.strip("\u2026")
    if inner and hit.anchor:
        flat = " ".join(plain(text).split("\n"))
        assert inner in flat or inner in hit.section_title, (hit.page_id, hit.anchor, inner)


def _indexes(root: Path, monkeypatch: pytest.MonkeyPatch) -> list[SearchIndex]:
    monkeypatch.setattr(search, "PARALLEL_BATCH", 3)  # batches of both paths: the same
    single = SearchIndex(ContentLibrary(root))
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    monkeypatch.setattr(search, "PARALLEL_MIN_PAGES", 0)
    parallel = SearchIndex(ContentLibrary(root))
    rows = "SELECT * FROM shown ORDER BY id"
    assert parallel._db.execute(rows).fetchall() == single._db.execute(rows).fetchall()
    return [single, parallel]


def test_every_hit_on_hostile_content_is_its_own_section(corpus, monkeypatch):
    root, where = corpus
    for index in _indexes(root, monkeypatch):
        for word, section in where.items():
            hits = [h for h in index.search(word, "en", prefix=False) if h.locale == "en"]
            assert [h.anchor for h in hits] == [section], word
            _check_hit(root, hits[0])
            assert [hits[0].snippet[a:b] for a, b in hits[0].highlights] == [word]
        for query in ("part", "lorem", "text", "alpha beta", "xxx", "sub", "nul", "line"):
            for hit in index.search(query, "en"):
                _check_hit(root, hit)


def test_a_language_whose_every_page_is_broken_is_empty_not_an_error(corpus, monkeypatch):
    root, _where = corpus
    for index in _indexes(root, monkeypatch):
        assert [h for h in index.search("guide", "fr") if h.locale == "fr"] == []
        assert index.search("guide", "fr")  # the other languages still answer


@pytest.mark.parametrize(
    "case",
    [
        ("البطارية", "ar", "device-care/harakat", "about"),  # Arabic with harakat
        ("报警", "zh-Hans", None, "battery"),  # Chinese
    ],
)
def test_a_snippet_shows_the_match(corpus, monkeypatch, case):
    """(query, reader's language, the page if it must be that one, its section)."""
    query, locale, page_id, anchor = case
    root, _where = corpus
    for index in _indexes(root, monkeypatch):
        hits = [
            h
            for h in index.search(query, locale)
            if h.locale == locale and (page_id is None or h.page_id == page_id)
        ]
        assert hits
        assert hits[0].anchor == anchor
        assert [normalize(hits[0].snippet[a:b]) for a, b in hits[0].highlights] == [query]


@pytest.mark.parametrize(
    "text",
    [
        " ".join(["مَرْحَبًا بِكُمْ"] * 80) + " البَطَّارِيَّةُ",  # harakat: normalised text shorter
        "\ufb01" * 200 + " battery here",  # a ligature: normalised text longer
        "\u00bd " * 100 + " battery here",  # one half: three characters once normalised
    ],
)
def test_a_snippet_shows_the_match_whatever_normalisation_does_to_the_length(text):
    word = words(text)[-2] if "battery" in text else "البطارية"
    snippet, marks = snippet_for(text, [word])
    assert [normalize(snippet[a:b]) for a, b in marks] == [word], snippet


@pytest.mark.parametrize("term", ['x "y', 'the "a:b" c', 'say "NEAR(" x', 'q"', '"-"'])
def test_a_glossary_phrase_with_quotes_never_breaks_a_search(content_copy, term):
    write_page(
        content_copy,
        "en/glossary.yaml",
        "terms:\n  - term: '" + term.replace("'", "''") + "'\n    also: [shackle]\n",
    )
    page = FRONT.format(title="Shackles") + "\n## S {#s}\n\nA shackle.\n"
    write_page(content_copy, "en/device-care/shackle.md", page)
    index = SearchIndex(ContentLibrary(content_copy))
    assert [h.anchor for h in index.search("shackle", "en")] == ["s"]
    assert [h.anchor for h in index.search("big shackle", "en")] == []


def test_a_glossary_term_of_punctuation_only_does_not_move_the_snippet(content_copy):
    write_page(content_copy, "en/glossary.yaml", "terms:\n  - term: '\u2019'\n    also: [tether]\n")
    page = FRONT.format(title="T") + "\n## S {#s}\n\n" + "Words before. " * 30 + "A tether.\n"
    write_page(content_copy, "en/device-care/tether.md", page)
    index = SearchIndex(ContentLibrary(content_copy))
    hit = index.search("tether", "en")[0]
    assert [hit.snippet[a:b] for a, b in hit.highlights] == ["tether"]


def test_a_page_with_hundreds_of_matching_sections_does_not_hide_the_others(content_copy):
    faq = "".join(f"\n## Q {i} {{#q{i}}}\n\nThe monitor.\n" for i in range(250))
    write_page(content_copy, "en/device-care/faq.md", FRONT.format(title="FAQ") + faq)
    other = "\n## S {#s}\n\nCharge the monitor every day before you sleep at night.\n"
    write_page(content_copy, "en/device-care/other.md", FRONT.format(title="Other") + other)
    index = SearchIndex(ContentLibrary(content_copy))
    hits = index.search("monitor", "en")
    assert [(h.page_id, h.anchor) for h in hits] == [
        ("device-care/faq", "q0"),
        ("device-care/other", "s"),
    ]


def test_a_page_of_unclosed_brackets_is_indexed_in_linear_time(content_copy):
    """900 KB of "![", "{#" and "[a](": unbounded patterns took ~20 minutes on such a page
    (each rescanned to the end from every opening); the suite's timeout fails the test then."""
    hostile = "![" * 150_000 + "{#" * 150_000 + "[a](" * 75_000
    write_page(
        content_copy,
        "en/device-care/brackets.md",
        FRONT.format(title="Brackets") + "\nqzbrackets\n\n" + hostile + "\n",
    )
    hits = SearchIndex(ContentLibrary(content_copy)).search("qzbrackets", "en")
    assert [h.page_id for h in hits] == ["device-care/brackets"]
    assert plain("![" * 1000 + "![alt](x) done").endswith("alt done")
