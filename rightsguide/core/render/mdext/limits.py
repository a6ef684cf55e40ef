"""Bound the parser's work: no page may freeze the reader.

Python-Markdown's inline processing is quadratic in one text node: its link pattern scans from
every ``[`` to the end of the paragraph, in Python, for a matching ``]`` (20 kB of ``[`` took a
minute), and every inline match (an escape, emphasis, a code span...) copies the rest of the
text. So the cost of a paragraph is about its length times its markup, with ``[`` weighing
:data:`BRACKET_WEIGHT` times more. Before inline parsing (after fenced code is taken out):

- a paragraph (a run of non-blank lines) whose cost is over :data:`BLOCK_WORK`, and the
  costliest paragraphs while the page's total is over :data:`PAGE_WORK`, are shown as plain
  text: the same characters, with no formatting and no working links. The paragraph's line is
  recorded and ``check`` reports it.
- list and quote nesting deeper than :data:`MAX_NESTING` levels is flattened (recursion).

One unit of work is a few nanoseconds here; with both limits a page within the 1 MB file limit
renders in well under a second. Real pages cost a thousandth of the limit.
"""

from __future__ import annotations

import html

from markdown import Markdown
from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor

from rightsguide.core.render.mdext.context import RenderContext

MAX_NESTING = 40
BRACKET_WEIGHT = 40  # the bracket scan runs in Python, a character at a time
BLOCK_WORK = 100_000_000
PAGE_WORK = 200_000_000
_MARKUP = ("\\", "`", "*", "_", "<", "&", "!", "]")


def bracket_work(block: str) -> int:
    """The inline parser's work on one paragraph (an upper bound, in units of work).

    The whole run of lines counts as one text: list items and table cells are smaller texts,
    but a quote's lines (or lines that only look like table rows) are one, so this never
    underestimates.
    """
    marks = BRACKET_WEIGHT * block.count("[") + sum(block.count(m) for m in _MARKUP)
    return marks * len(block)


def _blocks(lines: list[str]) -> list[tuple[int, int]]:
    """(start, end) line ranges of the runs of non-empty lines.

    Only an empty line ends a run, as Python-Markdown's block parser splits the text at empty
    lines (its whitespace preprocessor, which runs first, empties lines of spaces). A line of
    other white space (a form feed, U+3000) does not split a paragraph, so it must not split a
    run here either, or a paragraph's cost would be underestimated.
    """
    ranges, start = [], None
    for i, line in enumerate(lines):
        if line:
            if start is None:
                start = i
        elif start is not None:
            ranges.append((start, i))
            start = None
    if start is not None:
        ranges.append((start, len(lines)))
    return ranges


def over_budget(lines: list[str]) -> list[tuple[int, int]]:
    """The (start, end) line ranges to show as plain text, in page order."""
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
    return sorted(chosen)


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
    """Shows the paragraphs that would cost too much as plain text (after fenced code)."""

    def __init__(self, md: Markdown, ctx_holder: list[RenderContext]) -> None:
        super().__init__(md)
        self._holder = ctx_holder

    def run(self, lines: list[str]) -> list[str]:
        """Return the limited lines; record where."""
        chosen = over_budget(lines)
        if not chosen:
            return lines
        ctx = self._holder[0] if self._holder else None
        if ctx is not None:
            for start, _end in chosen:
                ctx.limited.append(("[", ctx.offset_of(lines[start].strip()[:40], "limit")))
            ctx.limited.sort(key=lambda item: item[1])
        out = list(lines)
        for start, end in reversed(chosen):
            text = html.escape("\n".join(lines[start:end]), quote=False)
            out[start:end] = [self.md.htmlStash.store(f"<p>{text}</p>")]
        return out


class LimitsExtension(Extension):
    """Registers the two limits."""

    def __init__(self, ctx_holder: list[RenderContext]) -> None:
        super().__init__()
        self._holder = ctx_holder

    def extendMarkdown(self, md: Markdown) -> None:
        """Nesting before the editor fixes (26) and fenced code (25); brackets after them."""
        md.preprocessors.register(NestingLimit(md, self._holder), "rg_nesting", 29)
        md.preprocessors.register(BracketLimit(md, self._holder), "rg_brackets", 24)
