"""Collect ``##``/``###`` section ids (set by attr_list from ``{#id}``) into a numbered TOC.

Python-Markdown's default slugs break on Arabic, so ids must be explicit. A heading without one
gets a stable placeholder id (``section-3``) so the page still works; every heading is recorded
as a :class:`HeadingFact` (with its line) and judged in :mod:`rightsguide.core.render.judge`.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from markdown import Markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

from rightsguide.core.model import TocEntry
from rightsguide.core.render.mdext.context import HeadingFact, RenderContext


def _text(el: ET.Element) -> str:
    return "".join(el.itertext()).strip()


def _prefix_number(el: ET.Element, number: str) -> None:
    """Show the section number before the heading text ("2.1 Charging")."""
    span = ET.Element("span", {"class": "secnum"})
    span.text = f"{number} "
    span.tail = el.text
    el.text = None
    el.insert(0, span)


class HeadingProcessor(Treeprocessor):
    """Numbers sections and records them in the context."""

    def __init__(self, md: Markdown, ctx_holder: list[RenderContext]) -> None:
        super().__init__(md)
        self._holder = ctx_holder

    def run(self, root: ET.Element) -> None:
        """Process the element tree in place."""
        ctx = self._holder[0]
        major = minor = 0
        for el in root.iter():
            if el.tag not in ("h2", "h3"):
                continue
            title = _text(el)
            if el.tag == "h2":
                major, minor = major + 1, 0
                number = str(major)
            else:
                minor += 1
                number = f"{major}.{minor}"
            anchor = el.get("id", "")
            line = ctx.heading_offset(anchor, title)
            ctx.headings.append(HeadingFact(int(el.tag[1]), title, anchor, line))
            if not anchor:
                anchor = f"section-{number.replace('.', '-')}"
                el.set("id", anchor)
            ctx.toc.append(TocEntry(anchor, title, int(el.tag[1]), number))
            _prefix_number(el, number)


class HeadingsExtension(Extension):
    """Registers :class:`HeadingProcessor` after attr_list has set the ids."""

    def __init__(self, ctx_holder: list[RenderContext]) -> None:
        super().__init__()
        self._holder = ctx_holder

    def extendMarkdown(self, md: Markdown) -> None:
        """Register the processor."""
        md.treeprocessors.register(HeadingProcessor(md, self._holder), "rg_headings", 4)
