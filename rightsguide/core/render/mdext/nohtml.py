"""Never render raw HTML from content: it is shown as text, and ``check`` reports it.

Python-Markdown passes HTML through by default. Removing its ``html_block`` preprocessor and its
inline ``html`` pattern makes the serializer escape ``<tag>`` like any other text. A tree
processor then records every tag that is shown as text (outside code), with its line, from the
parsed page itself: what the reader shows is what ``check`` reports.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from markdown import Markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

from rightsguide.core.render.mdext.context import RenderContext

# A start tag or a comment (end tags would only repeat the finding).
# Autolinks like <https://x> are not HTML.
RAW_HTML_RE = re.compile(r"<!--|<[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>")
_CODE = ("code", "pre")


class RawHtmlRecorder(Treeprocessor):
    """Records the tags left as text by the inline processor."""

    def __init__(self, md: Markdown, ctx_holder: list[RenderContext]) -> None:
        super().__init__(md)
        self._holder = ctx_holder

    def run(self, root: ET.Element) -> None:
        """Record, in document order; the tree is not changed."""
        ctx = self._holder[0]

        def record(text: str | None) -> None:
            if text and "<" in text:
                for match in RAW_HTML_RE.finditer(text):
                    tag = match.group(0)
                    ctx.raw_html.append((tag, ctx.offset_of(tag, "html")))

        def walk(el: ET.Element) -> None:
            if el.tag not in _CODE:
                record(el.text)
                for child in el:
                    walk(child)
            record(el.tail)

        for child in root:
            walk(child)


class NoHtmlExtension(Extension):
    """Deregisters raw-HTML handling so tags are escaped, and records them."""

    def __init__(self, ctx_holder: list[RenderContext]) -> None:
        super().__init__()
        self._holder = ctx_holder

    def extendMarkdown(self, md: Markdown) -> None:
        """Remove the HTML block preprocessor and inline HTML pattern; add the recorder."""
        md.preprocessors.deregister("html_block")
        md.inlinePatterns.deregister("html")
        md.treeprocessors.register(RawHtmlRecorder(md, self._holder), "rg_raw_html", 19)
