"""Rewrite links and images so the reader can only reach local pages, local images and https.

- ``other.md#x`` and ``../topic/page.md`` become ``guide:/topic/page#x``; a missing page is
  reported and shown as plain text.
- ``#x`` becomes ``guide:/<this page>#x``.
- ``https://`` links stay, marked ``class="external"``.
- Any other scheme (``javascript:``, ``file:``, ``data:``, ``http:``, ``mailto:``...) is reported
  and shown as plain text: never clickable.
- Images must be relative paths to files inside the content tree or ``assets/``; they become
  ``asset:`` URLs that only the app's own resource loader serves. Anything else is dropped and
  replaced by its alt text. An allowed image is scaled down to fit the reader's width.

Every address is recorded with its line in the context; the problems are made from those
records by :mod:`rightsguide.core.render.judge`, the same way for the reader and ``check``.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from markdown import Markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

from rightsguide.core.render.linkrules import LinkKind, judge_image, judge_link
from rightsguide.core.render.mdext.context import GUIDE_SCHEME, RenderContext

# Qt's rich text honours max-width on images (a 1545 px poster fits a 600 px reader, keeping its
# proportions; smaller images keep their size). width="100%" would stretch small ones.
FIT_WIDTH = "max-width:100%"


def _unlink(el: ET.Element, cls: str) -> None:
    """Turn an ``<a>`` into a ``<span>`` that keeps its text."""
    el.tag = "span"
    for attr in list(el.attrib):
        del el.attrib[attr]
    el.set("class", cls)


class LinkProcessor(Treeprocessor):
    """Rewrites ``<a href>`` and ``<img src>`` in place."""

    def __init__(self, md: Markdown, ctx_holder: list[RenderContext]) -> None:
        super().__init__(md)
        self._holder = ctx_holder

    def run(self, root: ET.Element) -> None:
        """Process the element tree in place."""
        ctx = self._holder[0]
        for el in root.iter("a"):
            self._link(ctx, el)
        for parent in list(root.iter()):
            for child in list(parent):
                if child.tag == "img":
                    self._image(ctx, parent, child)

    def _link(self, ctx: RenderContext, el: ET.Element) -> None:
        href = (el.get("href") or "").strip()
        ctx.hrefs.append((href, ctx.offset_of(href, "link")))
        verdict = judge_link(href, ctx.page_id, ctx.page_exists)
        if verdict.kind is LinkKind.EXTERNAL:
            el.set("class", "external")
            el.set("title", href)
        elif verdict.kind is LinkKind.ANCHOR:
            el.set("href", f"{GUIDE_SCHEME}:/{ctx.page_id}#{verdict.fragment}")
        elif verdict.kind is LinkKind.PAGE:
            ctx.links.append(verdict.target)
            frag = f"#{verdict.fragment}" if verdict.fragment else ""
            el.set("href", f"{GUIDE_SCHEME}:/{verdict.target}{frag}")
        else:
            blocked = verdict.kind is LinkKind.BLOCKED
            _unlink(el, "blocked-link" if blocked else "broken-link")

    def _image(self, ctx: RenderContext, parent: ET.Element, img: ET.Element) -> None:
        src = (img.get("src") or "").strip()
        ctx.images.append((src, ctx.offset_of(src, "image")))
        url, _message = judge_image(src, ctx.page_path, ctx.asset_url)
        if url is not None:
            img.set("src", url)
            img.set("style", FIT_WIDTH)  # Qt scales a wider image down to the reader's width
            return
        alt = img.get("alt") or ""
        span = ET.Element("span", {"class": "missing-image"})
        span.text = f"[{alt}]" if alt else ""
        span.tail = img.tail
        index = list(parent).index(img)
        parent.remove(img)
        parent.insert(index, span)


class LinksExtension(Extension):
    """Registers :class:`LinkProcessor` after inline processing."""

    def __init__(self, ctx_holder: list[RenderContext]) -> None:
        super().__init__()
        self._holder = ctx_holder

    def extendMarkdown(self, md: Markdown) -> None:
        """Register the processor."""
        md.treeprocessors.register(LinkProcessor(md, self._holder), "rg_links", 5)
