"""Issue 12, "Bounded rendering" and "Nothing active": no page freezes the reader, none is active.

The property tests use hypothesis' own ``deadline`` for time (a test fails when one example
takes longer than the budget) and a counted-work bound for the bracket limit; no wall-clock
assertions.
"""

from __future__ import annotations

import datetime as dt
import re
from html.parser import HTMLParser

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rightsguide.core.render.mdext import limits
from rightsguide.core.render.mdext.links import FIT_WIDTH
from rightsguide.core.translation import lint
from tests.unit.render.conftest import page

BUDGET = dt.timedelta(seconds=1)  # per example, as the reader's budget

# every attribute the renderer itself writes, per tag; content can add none of its own
ALLOWED = {
    "a": {"href", "class", "title"},
    "img": {"src", "alt", "title", "style"},
    "span": {"class"},
    "h1": {"id"},
    "h2": {"id"},
    "h3": {"id"},
    "h4": {"id"},
    "h5": {"id"},
    "h6": {"id"},
    "p": {"class"},
    "code": {"class"},
    "ol": {"start"},
    "table": {"class", "width", "cellspacing", "cellpadding", "bgcolor", "border"},
    "td": {"class", "width", "bgcolor", "align"},
    "th": {"align"},
}

PIECES = [
    *list("<>[]()!#*_-=`\"' :/\n\tabc.{}|~\\"),
    "javascript:",
    "<script>",
    "](",
    "![",
    "[" * 50,
    "![" * 30,
    "*a **b ",
    "[a](b)",
    "{#id}",
    "{: .cls}",
    '{onclick="x()"}',
    '{style="background-image:url(https://e/x)"}',
    '{: onmouseover="y"}',
    "```{.py #i formaction=x}\n",
    "```\n",
    "````\n",
    "## ",
    "### ",
    "\n---\n",
    "\n- ",
    "\n  - ",
    "\n1. ",
    "!!! warning\n  ",
    "\n    ",
    "> ",
    "| a | b |\n|---|---|\n",
    "[r]: ",
    "<https://x>",
]
MARKDOWN = st.lists(st.sampled_from(PIECES), max_size=120).map("".join)


class Attributes(HTMLParser):
    """Every (tag, attribute) in rendered HTML that the renderer does not write itself."""

    def __init__(self) -> None:
        super().__init__()
        self.foreign: list[tuple[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.foreign += [(tag, name) for name, _v in attrs if name not in ALLOWED.get(tag, ())]
        self.foreign += [(tag, f"style={v}") for n, v in attrs if n == "style" and v != FIT_WIDTH]


def foreign_attributes(html: str) -> list[tuple[str, str]]:
    parser = Attributes()
    parser.feed(html)
    return parser.foreign


@settings(max_examples=200, deadline=BUDGET)
@given(MARKDOWN)
def test_any_markdown_renders_in_budget_with_nothing_active(renderer, body):
    out = renderer.render(page(body), "en")
    assert foreign_attributes(out.html) == []
    scan = lint.scan_page(page(body), renderer, lambda _pid: True)
    assert scan.section_ids == [entry.anchor for entry in out.toc]  # check's list = reader's
    assert {(p.line, p.message) for p in scan.problems} <= {
        (p.line, p.message) for p in out.problems
    } | {(p.line, p.message) for p in scan.problems if "does not exist" in p.message}


PIECE = st.sampled_from(["[", "]", "![", "a", " ", "\n", "\n\n", "`", "[a](b)", "*", "\\"])


@settings(max_examples=200, deadline=None)
@given(st.lists(PIECE, max_size=400), st.integers(1, 200))
def test_work_left_to_the_inline_parser_is_bounded(pieces, repeat):
    """Counted work, not time: what is left to format stays under the budgets."""
    lines = ("".join(pieces) * repeat).split("\n")
    plain = {i for start, end in limits.over_budget(lines) for i in range(start, end)}
    kept = "\n".join("" if i in plain else line for i, line in enumerate(lines))
    # the parser's paragraphs: runs of non-empty lines (a line of spaces is not empty here: the
    # limit runs on lines as given, so it may only count more than the parser, never less)
    works = [limits.bracket_work(block) for block in re.split(r"\n{2,}", kept)]
    assert sum(works) <= limits.PAGE_WORK
    assert max(works, default=0) <= limits.BLOCK_WORK


def test_a_line_of_other_white_space_does_not_split_a_paragraph_for_the_limit():
    """Python-Markdown keeps a form feed or U+3000 line inside a paragraph, so the limit must."""
    for space in ("\x0c", "\u3000", "\x0b"):
        lines = (("[" * 300 + "\n" + space + "\n") * 20).split("\n")
        plain = {i for start, end in limits.over_budget(lines) for i in range(start, end)}
        assert plain, f"{space!r}: 20 lines of [ joined by {space!r} lines are one paragraph"


def test_pages_of_brackets_joined_by_other_white_space_render_in_budget(renderer):
    body = ("[" * 300 + "\n\x0c\n") * 20
    out = renderer.render(page(body), "en")
    assert "[" * 300 in out.html
    assert out.problems  # check and the reader say the paragraph is shown as plain text


PATHOLOGICAL = {
    "20 kB of [": "[" * 20_000,
    "![ x 4000": "![" * 4000,
    "[![a](b) x 2000": "[![a](b)" * 2000,
    "[a]( x 4000": "[a](" * 4000,
    "nested emphasis": "*a **b _c " * 4000,
    "long link chain": "[a](https://e.org/)" * 5000,
    "many paragraphs of [": "\n\n".join(["[" * 600] * 300),
}


@settings(max_examples=1, deadline=BUDGET * 2)  # one run each, with the time budget
@given(st.sampled_from(sorted(PATHOLOGICAL)))
def test_pathological_pages_render_in_budget(renderer, name):
    out = renderer.render(page(PATHOLOGICAL[name]), "en")
    assert out.html


@pytest.mark.parametrize("name", sorted(PATHOLOGICAL))
def test_pathological_pages_show_their_text_and_check_says_why(renderer, name):
    body = PATHOLOGICAL[name]
    out = renderer.render(page(body), "en")
    limited = [p for p in out.problems if "too many '['" in p.message]
    blocks = body.split("\n\n")
    if sum(limits.bracket_work(block) for block in blocks) > limits.PAGE_WORK:
        assert limited, name
        assert out.html.count("[") >= body.count("[") - body.count("](")  # shown as text
    else:
        assert limited == []


def test_links_in_normal_paragraphs_still_work_next_to_a_limited_one(renderer):
    out = renderer.render(page("[" * 20_000 + "\n\nSee [help](#part).\n"), "en")
    assert 'href="guide:/start-here/welcome#part"' in out.html
    assert out.problems[0].line == 10
