"""How a section is built, line by line, to compare a translation's with its source's.

The reader builds boxes, headings, lists, tables and paragraphs from the lines' starts, and a
translator editing markdown by hand can change them without meaning to: a box whose text lost
its 4-space indent shows empty, a title missing its closing quote is no box at all, a box type
written in another language (``!!! advertencia``) shows as a plain note, a line starting with
``#`` becomes a heading, a deleted item is gone. Each section gets a *shape*: one word per block
(``h2``, ``box:warning``, ``box-p`` for a paragraph inside a box, ``p``, ``li``, ``tr``,
``bad-box``), in order. This is no parser of its own: it reads only where blocks start, the way
the reader's Python-Markdown extensions (``render.mdext``) decide it, and only to compare.

A different order of headings and boxes (or a box that became empty, or not a box) is an
error: readers would see another page. Only a different number of paragraphs, list items or
table rows is a warning: a translation may split a sentence in two, but a left-out item is lost.
"""

from __future__ import annotations

import re

from rightsguide.core.render.mdext.callouts import COLOURS

BOX_KINDS = tuple(COLOURS)  # the kinds the reader draws
# As Python-Markdown's admonition reads it: a kind, maybe more classes, maybe a title in quotes
# (the title may hold quotes of its own: it ends at the line's last one)
_BOX_RE = re.compile(r'^!!! ?([\w-]+)(?: +[\w-]+)*(?: +"(.*)")? *$')
_FENCE = ("```", "~~~")
_HEADING_RE = re.compile(r"^(#{1,6})")  # (Python-Markdown needs no space after the marks)
_ITEM_RE = re.compile(r"^ *(?:[-*+]|\d{1,9}[.)])(?: |$)")
COUNTED = {
    "p": "paragraphs",
    "li": "list items",
    "tr": "table rows",
    "box-p": "paragraphs in boxes",
}


def shape(text: str) -> str:  # noqa: PLR0912 - one branch for each kind of line
    """The blocks of ``text`` (one section), as words separated by spaces."""
    parts: list[str] = []
    box, blank, last = False, True, ""
    fence = ""  # the fence of the code block the lines are in ("": none)
    for raw in text.split("\n"):
        line = raw.rstrip()
        if fence:  # code: its lines are text, whatever they start with
            if line.strip().startswith(fence):
                fence, last, blank = "", "code", False
            continue
        if line.lstrip().startswith(_FENCE):
            fence = line.lstrip()[:3]
            parts.append("code")
            box = False
            continue
        if not line.strip():
            blank = True
            continue
        indented = line[:1] in (" ", "\t")
        if box and indented:  # (the reader takes 1 to 3 spaces as the box's 4: mdext.editor)
            if blank or last != "box-p":
                parts.append("box-p")
            last, blank = "box-p", False
            continue
        box = False
        if line.startswith("!!!"):
            match = _BOX_RE.match(line)
            parts.append(f"box:{match.group(1)}" if match else "bad-box")
            box, last = match is not None, "box"
        elif heading := _HEADING_RE.match(line):
            parts.append(f"h{len(heading.group(1))}")
            last = "h"
        elif _ITEM_RE.match(line):
            parts.append("li")
            last = "li"
        elif line.lstrip().startswith("|"):
            parts.append("tr")
            last = "tr"
        elif indented and last == "li":
            pass  # the item goes on
        elif blank or last in ("h", "box", "tr", "box-p", "code"):
            parts.append("p")
            last = "p"
        blank = False
    return " ".join(parts)


def _skeleton(parts: list[str]) -> list[str]:
    """Headings and boxes in order, each box marked when nothing is inside it."""
    found: list[str] = []
    for index, part in enumerate(parts):
        if part.startswith("box:"):
            inside = index + 1 < len(parts) and parts[index + 1] == "box-p"
            found.append(part if inside else f"{part}:empty")
        elif part not in COUNTED:
            found.append(part)
    return found


def _describe(part: str | None) -> str:
    if part is None:
        return "nothing more"
    if part == "code":
        return "a block of code"
    if part == "bad-box":
        return 'a line starting with "!!!" that is no box (does its title end with its quote?)'
    if part.startswith("box:"):
        kind, _, empty = part[4:].partition(":")
        if empty:
            return f"an empty '{kind}' box (its text must be indented by 4 spaces)"
        return f"a '{kind}' box"
    return f"a heading '{'#' * int(part[1:])}'"


def difference(source: str, translation: str) -> tuple[str, bool] | None:
    """How ``translation``'s shape differs from ``source``'s: (message, an error?), or None."""
    if source == translation:
        return None
    mine, theirs = translation.split(), source.split()
    wanted, have = _skeleton(theirs), _skeleton(mine)
    if wanted != have:
        index = next(
            (i for i, (a, b) in enumerate(zip(wanted, have, strict=False)) if a != b),
            min(len(wanted), len(have)),
        )
        a = wanted[index] if index < len(wanted) else None
        b = have[index] if index < len(have) else None
        return (
            f"is built differently from its source section: where the source has {_describe(a)}, "
            f"the translation has {_describe(b)}",
            True,
        )
    for part, name in COUNTED.items():
        if (n := theirs.count(part)) != (m := mine.count(part)):
            return (
                f"has {m} {name} where its source section has {n}: check that nothing was "
                "left out or added",
                False,
            )
    return None


def box_problems(body: str) -> list[tuple[int, str]]:
    """Lines of a page's body that start a box the reader does not draw as meant: (offset, why)."""
    found: list[tuple[int, str]] = []
    if "!!!" not in body:
        return found
    starts = [0] if body.startswith("!!!") else []
    at = body.find("\n!!!")
    while at != -1:  # (str.find: far faster than splitting every page into lines)
        starts.append(at + 1)
        at = body.find("\n!!!", at + 1)
    if "```" in body or "~~~" in body:  # (a "!!!" line inside code is text)
        inside = _code_lines(body)
        starts = [s for s in starts if body.count("\n", 0, s) not in inside]
    for start in starts:
        end = body.find("\n", start)
        match = _BOX_RE.match((body[start:] if end == -1 else body[start:end]).rstrip())
        if match is not None and match.group(1) in BOX_KINDS:
            continue
        why = (
            'this line is no box: write !!! kind "Title", the title in quotes'
            if match is None
            else f"unknown box type '{match.group(1)}' (shown as a note): use one of "
            f"{', '.join(BOX_KINDS)}, in English in every language"
        )
        found.append((body.count("\n", 0, start), why))
    return found


def _code_lines(body: str) -> set[int]:
    """The offsets of the lines inside fenced code blocks (their fences too)."""
    inside: set[int] = set()
    fence = ""
    for offset, line in enumerate(body.split("\n")):
        stripped = line.strip()
        if fence:
            inside.add(offset)
            if stripped.startswith(fence):
                fence = ""
        elif stripped.startswith(_FENCE):
            fence = stripped[:3]
            inside.add(offset)
    return inside
