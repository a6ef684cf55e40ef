"""The plain-page recogniser: whatever it accepts, its facts are the full parse's.

``check`` reads the facts of plain pages without the Python-Markdown parse
(:mod:`rightsguide.core.render.mdext.plain`); "check approves exactly what the reader shows"
holds only if, for every body it accepts, the facts (sections, ids, lines, links, images, raw
HTML, attributes, limits) equal those of the reader's parse.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rightsguide.core.content.library import ContentLibrary
from rightsguide.core.render.mdext import plain
from rightsguide.core.render.renderer import Renderer
from tests.conftest import ROOT
from tests.unit.render.conftest import page

WORD = st.sampled_from(
    ["Call", "ICE", "1-800-898-7180", "la", "cita", "محكمة", "听证会", "суд", "ਵਕੀਲ", "kenbe", "x"]
)
TEXT = st.lists(WORD, min_size=1, max_size=6).map(" ".join)
HREF = st.sampled_from(
    ["../start/page-017.md", "other.md#part", "#part", "https://example.org/a", "javascript:x"]
)
LINK = st.builds("[{}]({})".format, TEXT, HREF)
LINE = st.lists(st.one_of(TEXT, LINK), min_size=1, max_size=4).map(" ".join)
ANCHOR = st.sampled_from(["s0", "s1", "part", "same", "a-b-9"])
HEADING = st.builds(
    lambda marks, title, anchor: f"{marks} {title}" + (f" {{#{anchor}}}" if anchor else ""),
    st.sampled_from(["##", "###"]),
    TEXT,
    st.one_of(st.none(), ANCHOR),
)
PARAGRAPH = st.lists(LINE, min_size=1, max_size=3).map("\n".join)
LIST = st.lists(LINE, min_size=1, max_size=4).map(
    lambda items: "\n".join(f"{i + 1}. {item}" for i, item in enumerate(items))
)
BULLETS = st.lists(LINE, min_size=1, max_size=3).map(
    lambda lines: "\n".join(f"- {i}" for i in lines)
)
TABLE = st.lists(st.tuples(LINE, LINE), min_size=1, max_size=3).map(
    lambda rows: "| a | b |\n|---|---|\n" + "\n".join(f"| {x} | {y} |" for x, y in rows)
)
CALLOUT = st.builds(
    lambda kind, body: f'!!! {kind} "Note"\n' + "\n".join(f"    {line}" for line in body),
    st.sampled_from(["warning", "note", "tip"]),
    st.lists(LINE, min_size=1, max_size=3),
)
BLOCK = st.one_of(HEADING, PARAGRAPH, LIST, BULLETS, TABLE, CALLOUT)
PLAIN_PAGE = st.lists(BLOCK, max_size=12).map("\n\n".join)

# pieces that break the plain subset in every way the recogniser must notice
DOUBTFUL = [
    *list("<>[]()!#*_-=`\"' :/\n\t{}|~\\&"),
    "\xa0",
    "\u2028",
    "\x02",
    "\n---\n",
    "\n===\n",
    "\n* * *\n",
    "\n    ",
    "\n  ",
    "![a](b.png)",
    "[r]: x.md",
    "[a][r]",
    "<https://x>",
    "```\n",
    "~~~\n",
    "{#id}",
    '{onclick="x()"}',
    "## ",
    "# ",
    "#### ",
    "> ",
    "!!! warning\n",
    "[a](b)",
    "[a](<b c>)",
    '[a](b "t")',
    "**b**",
    "&amp;",
]
# call-outs whose body holds doubtful lines too (a heading's underline, a rule, code...)
MIXED_CALLOUT = st.builds(
    lambda body: '!!! note "N"\n' + "\n".join(f"    {line}" for line in body),
    st.lists(
        st.one_of(LINE, st.sampled_from(["---", "===", "* * *", "    code", "## H", "!!! tip"])),
        min_size=1,
        max_size=4,
    ),
)
MIXED_PAGE = st.lists(
    st.one_of(BLOCK, MIXED_CALLOUT, st.sampled_from(DOUBTFUL), st.just("\n\n")), max_size=25
).map("".join)


@settings(max_examples=300, deadline=None)
@given(PLAIN_PAGE)
def test_plain_pages_are_recognised_with_the_parse_s_facts(renderer, body):
    found = plain.facts(body)
    assert found is not None, body
    assert found == renderer.facts(page(body))


@settings(max_examples=600, deadline=None)
@given(MIXED_PAGE)
def test_whatever_is_recognised_has_the_parse_s_facts(renderer, body):
    found = plain.facts(body)
    if found is not None:
        assert found == renderer.facts(page(body))


def test_real_pages_it_accepts_have_the_parse_s_facts():
    library = ContentLibrary(ROOT / "content")
    renderer = Renderer(library, ROOT / "assets")
    accepted = total = 0
    for loc in library.registry.all():
        for page_id in library.page_ids(loc.code):
            real = library.page(page_id, loc.code)
            total += 1
            found = plain.facts(real.body)
            if found is not None:
                accepted += 1
                assert found == renderer.facts(real), real.path
    assert accepted > total // 2  # it is worth having


@pytest.mark.parametrize(
    "body",
    [
        "Title\n---\n",  # a setext heading
        "Title\n===\n",
        "## Part {#part}\ntext right under it\n",  # no blank line after a heading
        "text\n## Part {#part}\n",  # nor before
        "![poster](poster.png)\n",
        "[a][r]\n\n[r]: ../x/y.md\n",
        "    [code](x.md)\n",  # indented code
        "```\n[code](x.md)\n```\n",
        "## Title {#Bad_Id}\n",
        "## Title *em* {#x}\n",
        "## Title\xa0{#x}\n",
        "text\twith a tab\n",
        "<b>bold</b>\n",
        'Text\n{onclick="alert(1)"}\n',
        "!!! warning\nnot indented\n",
        "!!! warning\n    Title\n    ---\n",  # a heading inside the call-out
        "!!! warning\n    text\n    ***\n",
        "- item\n    - nested\n",
        "[a](<b c>)\n",
        "[" * 30_000 + "\n",
        "##\n",
    ],
)
def test_doubtful_pages_are_left_to_the_parse(body):
    assert plain.facts(body) is None
