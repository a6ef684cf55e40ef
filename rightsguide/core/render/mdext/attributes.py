"""Attributes written in content: only a heading's ``{#id}`` is kept, everything else is dropped.

attr_list would put any attribute on any element (``{onclick="..."}``, ``{style="..."}``), and
fenced code would put ``{#id .cls key=value}`` on ``<pre>``/``<code>``. Here attr_list keeps
only ``#id`` (``id=``) on headings, and a fenced block keeps only its language word (shown as a
``language-x`` class, which nothing reads; that part is in :mod:`.fenced`). Every dropped
attribute is recorded with its line, so ``check`` reports it.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from markdown import Markdown
from markdown.extensions.attr_list import (
    AttrListExtension,
    AttrListTreeprocessor,
    get_attrs_and_remainder,
)

from rightsguide.core.render.mdext.context import RenderContext

HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})


def as_written(key: str, value: str | None) -> str:
    """An attribute as the author wrote it (``.cls``, ``#id``, ``key="value"``), for messages."""
    if key == ".":
        return f".{value}"
    if key == "id":
        return f"#{value}"
    return key if value is None else f'{key}="{value}"'


class SafeAttrListProcessor(AttrListTreeprocessor):
    """attr_list that assigns ``id`` on headings only and records the rest."""

    def __init__(self, md: Markdown, ctx_holder: list[RenderContext]) -> None:
        super().__init__(md)
        self._holder = ctx_holder

    def assign_attrs(self, elem: ET.Element, attrs_string: str, *, strict: bool = False) -> str:
        """Keep ``#id`` on a heading; record every other attribute as dropped."""
        attrs, remainder = get_attrs_and_remainder(attrs_string)
        if strict and remainder:
            return remainder
        ctx = self._holder[0] if self._holder else None
        for key, value in attrs:
            if key == "id" and elem.tag in HEADINGS and value:
                elem.set("id", value)
            elif ctx is not None:
                written = as_written(key, value)
                ctx.dropped.append((written, ctx.offset_of(written.split("=")[0], "attr")))
        return remainder


class SafeAttrListExtension(AttrListExtension):
    """Registers :class:`SafeAttrListProcessor` in attr_list's place."""

    def __init__(self, ctx_holder: list[RenderContext]) -> None:
        super().__init__()
        self._holder = ctx_holder

    def extendMarkdown(self, md: Markdown) -> None:
        """Register the processor under attr_list's name and priority."""
        md.treeprocessors.register(SafeAttrListProcessor(md, self._holder), "attr_list", 8)
        md.registerExtension(self)
