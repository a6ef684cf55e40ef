r"""A fast, conservative recogniser of plain pages: their facts without the full parse.

``check`` needs each page's :class:`PageFacts` (sections, ids, links, images, raw HTML,
attributes, limits). The full Python-Markdown parse costs about 2 ms a page; most pages use
only a plain subset of markdown whose facts can be read off the lines directly:

- ``##``/``###`` headings (with or without a trailing ``{#id}``), each with a blank line (or
  the page's start or end) before and after it;
- paragraphs, ``1.``/``-``/``*``/``+`` list items at the start of a line;
- tables whose rows all start and end with ``|`` and have as many cells as the header, with a
  blank line before and after;
- a call-out (``!!! kind "Title"``) whose body lines are indented by exactly four spaces,
  with a blank line before and after it;
- inline links ``[text](address)`` with a plain text and a plain address.

Anything else, or anything doubtful, is refused (:func:`facts` returns None) and the full
parse runs: any character that starts other markup (`````, ``\\``, ``<``, ``>``, ``&``, ``{``,
``}``, ``~``, ``[`` or ``]`` outside such a link, ``#`` outside a heading's marks or an address,
``|`` outside such a table, ``*`` or ``_`` in a heading), images (``![``), any indented line
outside a call-out, lines that could underline a heading or be a rule, whitespace other than
spaces, control characters, and pages whose markup would come near the work limits. The line
numbers are found by the reader's own :class:`RenderContext` search, so they are the same. A
property test (``tests/unit/render/test_plain_facts.py``) shows that for every page this
accepts, the facts equal the full parse's.
"""

from __future__ import annotations

import re
from pathlib import Path

from rightsguide.core.render.mdext.context import HeadingFact, PageFacts, RenderContext
from rightsguide.core.render.mdext.limits import BLOCK_WORK, bracket_work

# Characters that may start markup this module does not model; ']' '[' '#' are allowed only
# where the patterns below consume them. '\s' other than a space (tabs, no-break spaces, line
# and paragraph separators...) and control characters are refused too (but for line ends).
_REFUSED = re.compile(
    "[\\\\`<>&{}~\\[\\]#|\x00-\x09\x0b-\x1f\x7f"
    "\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]"
)
_LINK = re.compile(r"\[(?<!!\[)[^\[\]\\`<>&{}~#!*_()\"|\n]+\]\(([A-Za-z0-9./#:%-]+)\)")
_HEADING = re.compile(r"^(#{2,3}) +([^#*_!|]*?)(?: +\{#([a-z0-9][a-z0-9-]*)\})? *$")
_CALLOUT = re.compile(r'^!!! [a-z]+(?: "[^"]*")? *$')
_BODY = "    "
# a line that could underline the line above (a setext heading) or be a rule
_UNDERLINE = re.compile(r"^ *(?:=+|-+|([-*_])(?: *\1){2,}) *$")
_SPECIAL = frozenset("#!| =-*_")  # first characters of the lines read one by one
_WORK = BLOCK_WORK // 2  # far from the limit: nothing is shown as plain text


def _blank(lines: list[str], index: int) -> bool:
    """True when line ``index`` is blank or outside the page (its start or end)."""
    return index < 0 or index >= len(lines) or not lines[index].strip(" ")


def _table_end(lines: list[str], start: int) -> int | None:
    """The end of a run of ``|`` rows that is safe to read, else None.

    Every row must start and end with ``|`` and have as many cells as the first (the table
    extension drops cells beyond the header's), with a blank line (or the end) after the run.
    """
    end = start
    while end < len(lines) and lines[end].startswith("|"):
        end += 1
    if not _blank(lines, end):
        return None
    rows = [row.rstrip(" ") for row in lines[start:end]]
    cells = rows[0].count("|")
    if any(len(row) < 2 or not row.endswith("|") or row.count("|") != cells for row in rows):  # noqa: PLR2004
        return None
    return end


def _callout_end(lines: list[str], start: int) -> int | None:
    """The end of a call-out at ``start`` (its body: lines indented by four spaces), else None."""
    if _CALLOUT.match(lines[start]) is None or _REFUSED.search(lines[start]) is not None:
        return None
    end = start + 1
    if end == len(lines) or not lines[end].startswith(_BODY):
        return None
    while not _blank(lines, end):
        line = lines[end]
        if not line.startswith(_BODY) or line[4] in " !" or _UNDERLINE.match(line[4:]):
            return None
        end += 1
    return end


def _heading(lines: list[str], index: int) -> tuple[int, str, str] | None:
    """(level, title, anchor) of a heading line with a blank line after it, else None."""
    match = _HEADING.match(lines[index])
    if match is None or not _blank(lines, index + 1):
        return None
    title = match.group(2).strip(" ")
    if not title or _REFUSED.search(title) is not None:
        return None
    return len(match.group(1)), title, match.group(3) or ""


def _special_lines(lines: list[str], text: list[str], headings: list[tuple[int, str, str]]) -> bool:
    """Read the lines that start with ``#``, ``!``, ``|``, a space or a rule's character.

    False if doubtful: lines that could be a rule or underline a heading are.

    ``text`` is the lines with their links taken out; a heading or call-out line is blanked in
    it, a call-out's body and a table's rows are left as the text they show.
    """
    done = 0  # lines before this one belong to a call-out or table already read
    for index, line in enumerate(lines):
        if index < done or line[:1] not in _SPECIAL:
            continue
        first = line[0]
        if first in "=-*_":
            if _UNDERLINE.match(line) is not None:
                return False  # it could make the line above a heading
            continue
        if first == " " and not line.strip(" "):
            continue  # a blank line
        if first == " " or not _blank(lines, index - 1):
            return False
        if first == "#":
            heading = _heading(lines, index)
            if heading is None:
                return False
            headings.append(heading)
            text[index] = ""
        elif first == "!":
            end = _callout_end(lines, index)
            if end is None:
                return False
            text[index] = ""
            text[index + 1 : end] = [row[4:] for row in text[index + 1 : end]]
            done = end
        else:
            end = _table_end(lines, index)
            if end is None:
                return False
            text[index:end] = [row.replace("|", " ") for row in text[index:end]]
            done = end
    return True


def facts(body: str) -> PageFacts | None:
    """The page's facts when the body is plain enough to read directly, else None."""
    if bracket_work(body) > _WORK:
        return None
    lines = body.split("\n")
    if "[" in body:
        parts = _LINK.split(body)  # text, address, text, address, ..., text
        hrefs, text = parts[1::2], "".join(parts[::2]).split("\n")
    else:
        hrefs, text = [], list(lines)
    headings: list[tuple[int, str, str]] = []  # (level, title, anchor)
    if not _special_lines(lines, text, headings) or _REFUSED.search("\n".join(text)):
        return None
    ctx = RenderContext("", Path(), body, 0, bool, lambda _p: None)
    links = tuple((href, ctx.offset_of(href, "link")) for href in hrefs)
    found = tuple(
        HeadingFact(level, title, anchor, ctx.heading_offset(anchor, title))
        for level, title, anchor in headings
    )
    return PageFacts(found, links)
