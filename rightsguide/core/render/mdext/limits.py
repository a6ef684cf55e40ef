"""Bound the parser's work: no page may freeze the reader.

Python-Markdown's inline link pattern scans from every ``[`` to the end of its paragraph for a
matching ``]``: a paragraph of ``n`` unmatched brackets costs ``n`` times its length (20 kB of
``[`` took a minute). Every other construct measured (emphasis runs, link chains, backticks,
``<``, tables) grows linearly. So, before inline parsing:

- a paragraph whose bracket work (``[`` count times length) is over :data:`BLOCK_WORK`, and the
  costliest paragraphs while the page's total is over :data:`PAGE_WORK`, get their brackets
  escaped: they show as the same characters, as text, but none of their links work. The
  paragraph's line is recorded and ``check`` reports it.
- list and quote nesting deeper than :data:`MAX_NESTING` levels is flattened (recursion).

With both limits a page within the 1 MB file limit renders in well under a second.
"""

from __future__ import annotations

import re

from markdown import Markdown
from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor

from rightsguide.core.render.mdext.context import RenderContext

MAX_NESTING = 40
BLOCK_WORK = 400_000  # '[' count x paragraph length; a normal paragraph is a few thousand
PAGE_WORK = 2_000_000
_CODE_SPAN = re.compile(r"(`+).+?(?<!`)\1(?!`)", re.DOTALL)
_BRACKET = re.compile(r"(?<!\\)([\[\]])")


def bracket_work(block: str) -> int:
    """The link pattern's work on one paragraph (an upper bound, in characters scanned)."""
    opens = block.count("[")
    return opens * len(block) if opens else 0


def _escape(block: str) -> str:
    """Escape every ``[`` and ``]`` outside code spans."""
    out, last = [], 0
    for match in _CODE_SPAN.finditer(block) if "`" in block else ():
        out.append(_BRACKET.sub(r"\\\1", block[last : match.start()]))
        out.append(match.group(0))
        last = match.end()
    out.append(_BRACKET.sub(r"\\\1", block[last:]))
    return "".join(out)


def _blocks(lines: list[str]) -> list[tuple[int, int]]:
    """(start, end) line ranges of the runs of non-blank lines."""
    ranges, start = [], None
    for i, line in enumerate(lines):
        if line.strip():
            if start is None:
                start = i
        elif start is not None:
            ranges.append((start, i))
            start = None
    if start is not None:
        ranges.append((start, len(lines)))
    return ranges


def limit_brackets(lines: list[str]) -> tuple[list[str], list[int]]:
    """The lines with over-costly paragraphs' brackets escaped, and those paragraphs' lines."""
    if not any("[" in line for line in lines):
        return lines, []
    costs = []
    for start, end in _blocks(lines):
        work = bracket_work("\n".join(lines[start:end]))
        if work:
            costs.append((work, start, end))
    total = sum(c[0] for c in costs)
    chosen = []
    for work, start, end in sorted(costs, reverse=True):
        if work <= BLOCK_WORK and total <= PAGE_WORK:
            break
        chosen.append((start, end))
        total -= work
    if not chosen:
        return lines, []
    out = list(lines)
    for start, end in chosen:
        out[start:end] = _escape("\n".join(lines[start:end])).split("\n")
    return out, sorted(start for start, _end in chosen)


def limit_nesting(lines: list[str]) -> tuple[list[str], str | None]:
    """Flatten absurdly deep list/quote nesting that would exhaust the parser's recursion.

    Returns the lines and the text of the first flattened line (None if none was).
    """
    out, first = [], None
    for line in lines:
        stripped = line.lstrip(" >")
        if len(line) - len(stripped) > MAX_NESTING * 4:
            out.append(line[: MAX_NESTING * 4].rstrip() + " " + stripped)
            first = stripped if first is None else first
        else:
            out.append(line)
    return out, first


class NestingLimit(Preprocessor):
    """Flattens deep nesting (before anything else reads the lines)."""

    def __init__(self, md: Markdown, ctx_holder: list[RenderContext]) -> None:
        super().__init__(md)
        self._holder = ctx_holder

    def run(self, lines: list[str]) -> list[str]:
        """Return the limited lines."""
        lines, first = limit_nesting(lines)
        if first is not None and self._holder:
            ctx = self._holder[0]
            ctx.limited.append(("nesting", ctx.offset_of(first, "limit")))
        return lines


class BracketLimit(Preprocessor):
    """Escapes the brackets of paragraphs that would cost too much (after fenced code)."""

    def __init__(self, md: Markdown, ctx_holder: list[RenderContext]) -> None:
        super().__init__(md)
        self._holder = ctx_holder

    def run(self, lines: list[str]) -> list[str]:
        """Return the limited lines; record where."""
        lines, starts = limit_brackets(lines)
        if starts and self._holder:
            ctx = self._holder[0]
            for start in starts:
                first = lines[start].strip()[:40]
                ctx.limited.append(("[", ctx.offset_of(first.replace("\\", ""), "limit")))
        return lines


class LimitsExtension(Extension):
    """Registers the two limits."""

    def __init__(self, ctx_holder: list[RenderContext]) -> None:
        super().__init__()
        self._holder = ctx_holder

    def extendMarkdown(self, md: Markdown) -> None:
        """Nesting before the editor fixes (26) and fenced code (25); brackets after them."""
        md.preprocessors.register(NestingLimit(md, self._holder), "rg_nesting", 29)
        md.preprocessors.register(BracketLimit(md, self._holder), "rg_brackets", 24)
