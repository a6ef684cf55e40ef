"""Rewrite links and images so the reader can only reach local pages, local images and https.

- ``other.md#x`` and ``../topic/page.md`` become ``guide:/topic/page#x``; a missing page is
  reported and shown as plain text.
- ``#x`` becomes ``guide:/<this page>#x``.
- ``https://`` links stay, marked ``class="external"``.
- Any other scheme (``javascript:``, ``file:``, ``data:``, ``http:``, ``mailto:``...) is reported
  and shown as plain text: never clickable.
- Images must be relative paths to files inside the content tree or ``assets/``; they become
  ``asset:`` URLs that only the app's own resource loader serves. Anything else is dropped and
  replaced by its alt text.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from urllib.parse import unquote, urlsplit

from markdown import Markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

from rightsguide.core.mdext.context import GUIDE_SCHEME, RenderContext


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
        parts = urlsplit(href)
        if parts.scheme == "https" and parts.netloc:
            el.set("class", "external")
            el.set("title", href)
            return
        if parts.scheme or parts.netloc:
            ctx.report(href, f"link '{href}' is not allowed: use https:// or a relative .md link")
            _unlink(el, "blocked-link")
            return
        if not parts.path:
            el.set("href", f"{GUIDE_SCHEME}:/{ctx.page_id}#{parts.fragment}")
            return
        target = ctx.page_id_for(unquote(parts.path))
        if target is None or not ctx.page_exists(target):
            ctx.report(href, f"link '{href}' points to a page that does not exist")
            _unlink(el, "broken-link")
            return
        ctx.links.append(target)
        frag = f"#{parts.fragment}" if parts.fragment else ""
        el.set("href", f"{GUIDE_SCHEME}:/{target}{frag}")

    def _image(self, ctx: RenderContext, parent: ET.Element, img: ET.Element) -> None:
        src = (img.get("src") or "").strip()
        parts = urlsplit(src)
        url = None
        if not parts.scheme and not parts.netloc and parts.path:
            url = ctx.asset_url(ctx.page_path.parent / unquote(parts.path))
        if url is not None:
            img.set("src", url)
            return
        ctx.report(src, f"image '{src}' must be a local file under assets/ or the content folder")
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
