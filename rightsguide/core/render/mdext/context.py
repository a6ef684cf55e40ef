"""What the extensions need to know about the page being rendered, and what they record.

The extensions do not judge the page: they record what the parse found (:class:`PageFacts`:
sections, links, images, raw HTML, dropped attributes, neutralised constructs), each with its
line, and :mod:`rightsguide.core.render.judge` turns the facts into problems. ``check`` judges
the same facts, so it approves exactly what the reader shows.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from rightsguide.core.model import TocEntry

_UNDERLINE = re.compile(r"^ {0,3}(?:=+|-+)[ \t]*$")
GUIDE_SCHEME = "guide"
ASSET_SCHEME = "asset"


@dataclass(frozen=True, slots=True)
class HeadingFact:
    """A ``##`` or ``###`` heading as the reader shows it."""

    level: int
    title: str
    anchor: str  # the explicit id, "" when the heading has none
    line: int  # 0-based line offset in the body


@dataclass(frozen=True, slots=True)
class PageFacts:
    """What one parse of a page body found; a pure function of the body text.

    Every ``line`` is a 0-based offset into the body (add the page's ``body_line``).
    """

    headings: tuple[HeadingFact, ...] = ()
    links: tuple[tuple[str, int], ...] = ()  # (href as written, line)
    images: tuple[tuple[str, int], ...] = ()  # (src as written, line)
    raw_html: tuple[tuple[str, int], ...] = ()  # (tag shown as text, line)
    dropped: tuple[tuple[str, int], ...] = ()  # (attribute as written, line)
    limited: tuple[tuple[str, int], ...] = ()  # (what was neutralised, line)
    too_deep: bool = False  # nesting was flattened (or the parser gave up)


@dataclass
class RenderContext:
    """Mutable per-render state shared by the extensions of one Markdown instance."""

    page_id: str
    page_path: Path
    body: str
    body_line: int
    page_exists: Callable[[str], bool]
    asset_url: Callable[[Path], str | None]
    toc: list[TocEntry] = field(default_factory=list)
    links: list[str] = field(default_factory=list)
    headings: list[HeadingFact] = field(default_factory=list)
    hrefs: list[tuple[str, int]] = field(default_factory=list)
    images: list[tuple[str, int]] = field(default_factory=list)
    raw_html: list[tuple[str, int]] = field(default_factory=list)
    dropped: list[tuple[str, int]] = field(default_factory=list)
    limited: list[tuple[str, int]] = field(default_factory=list)
    too_deep: bool = False
    _lines: list[str] | None = None
    _cursors: dict[str, int] = field(default_factory=dict)

    @property
    def lines(self) -> list[str]:
        """The body's lines (split once)."""
        if self._lines is None:
            self._lines = self.body.split("\n")
        return self._lines

    def offset_of(self, needle: str, kind: str = "", *, next_line: bool = False) -> int:
        """The 0-based body line where ``needle`` next appears, for facts of ``kind``.

        Facts are recorded in document order, so each kind keeps a cursor: the second link to
        the same address is found on the line after the first one. When the text is not found
        after the cursor (markdown rewrote it), the search starts again from the top; when it is
        not found at all, the cursor's line is given. With ``next_line``, the search starts on
        the line after the previous fact of this kind (two headings never share a line).
        """
        start = self._cursors.get(kind, -1) + 1 if next_line else self._cursors.get(kind, 0)
        start = min(start, max(len(self.lines) - 1, 0))
        lines = self.lines
        first = needle.split("\n", maxsplit=1)[0].strip()
        needles = [n for n in (needle, needle.strip(), first) if n]
        for candidate in needles:
            for begin in (start, 0):
                for offset in range(begin, len(lines)):
                    if candidate in lines[offset]:
                        self._cursors[kind] = offset
                        return offset
        return start

    def heading_offset(self, anchor: str, title: str) -> int:
        """The body line of the next heading: a ``#`` line or a line over ``===``/``---``.

        Among such lines after the previous heading, the first that holds ``{#anchor}`` (or the
        title, for a heading without an id) is taken; else the text search of
        :meth:`offset_of`.
        """
        lines = self.lines
        needle = anchor if anchor else title
        for offset in range(self._cursors.get("heading", -1) + 1, len(lines)):
            line = lines[offset]
            setext = offset + 1 < len(lines) and _UNDERLINE.match(lines[offset + 1])
            if (line.startswith("#") or (setext and line.strip())) and needle in line:
                self._cursors["heading"] = offset
                return offset
        return self.offset_of(f"#{anchor}" if anchor else (title or "#"), "heading", next_line=True)

    def facts(self) -> PageFacts:
        """The recorded facts, frozen."""
        return PageFacts(
            tuple(self.headings),
            tuple(self.hrefs),
            tuple(self.images),
            tuple(self.raw_html),
            tuple(self.dropped),
            tuple(self.limited),
            self.too_deep,
        )
