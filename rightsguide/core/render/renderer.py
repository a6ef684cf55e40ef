"""Markdown to safe HTML plus a table of contents, with Python-Markdown.

One :class:`Renderer` keeps one configured ``markdown.Markdown`` and resets it between pages.
Extensions: tables, attr_list (only a heading's ``{#id}``), admonition (call-out boxes),
sane_lists, fenced_code (no attributes), and ours in :mod:`rightsguide.core.render.mdext` (no raw
HTML, safe links, numbered sections, Qt-friendly boxes, editor-style lists, work limits).

Each render records what the parse found (:class:`PageFacts`); its problems come from
:func:`rightsguide.core.render.judge.judge`, which ``check`` applies to the same facts.
"""

from __future__ import annotations

from pathlib import Path

import markdown
from markdown.extensions.admonition import AdmonitionExtension
from markdown.extensions.sane_lists import SaneListExtension
from markdown.extensions.tables import TableExtension

from rightsguide.core.content.library import ContentLibrary
from rightsguide.core.model import Page, RenderedBody
from rightsguide.core.render.judge import judge
from rightsguide.core.render.mdext.attributes import SafeAttrListExtension
from rightsguide.core.render.mdext.callouts import CalloutsExtension
from rightsguide.core.render.mdext.context import ASSET_SCHEME, PageFacts, RenderContext
from rightsguide.core.render.mdext.editor import EditorExtension
from rightsguide.core.render.mdext.headings import HeadingsExtension
from rightsguide.core.render.mdext.limits import LimitsExtension
from rightsguide.core.render.mdext.links import LinksExtension
from rightsguide.core.render.mdext.nohtml import NoHtmlExtension
from rightsguide.core.translation.consistency import BIDI_CONTROLS

# Text a fenced code block must contain. Python-Markdown finds a fence only at the start of a
# line of three or more backticks or tildes; the preprocessors that run before it (whitespace,
# nesting limit, editor fixes) only change white space and drop STX/ETX, never add these.
FENCES = ("```", "~~~")


def has_fence(body: str) -> bool:
    """True when ``body`` may hold a fenced code block (its fences written in the text)."""
    text = body.replace("\x02", "").replace("\x03", "")  # dropped by Markdown first
    return any(fence in text for fence in FENCES)


class Renderer:
    """Renders pages of one content library."""

    def __init__(self, library: ContentLibrary, assets_dir: Path) -> None:
        """Use ``library`` to check link targets and ``assets_dir`` for images."""
        self._library = library
        self._source = library.source
        live = self._source.live  # a pack's bytes are named by their paths as they are
        self._assets = assets_dir.resolve() if live else assets_dir
        self._content = library.root.resolve() if live else library.root
        self._holder: list[RenderContext] = []
        self._md = markdown.Markdown(
            extensions=[  # instances: names would make Markdown scan every installed package
                TableExtension(use_align_attribute=True),
                SafeAttrListExtension(self._holder),
                AdmonitionExtension(),
                SaneListExtension(),
                # fenced code: added by _convert for the first page that has a fence
                NoHtmlExtension(self._holder),
                LimitsExtension(self._holder),
                EditorExtension(),
                LinksExtension(self._holder),
                HeadingsExtension(self._holder),
                CalloutsExtension(),
            ],
            output_format="html",
        )
        self._fenced = False

    def _add_fenced_code(self) -> None:
        """Fenced code, at its own priority: the same parse as when it is there from the start.

        Its import (Python-Markdown's fenced_code and codehilite, and Pygments when installed)
        is left until a page has a fence; most pages have none, and the window's first page is
        painted sooner (start-up budget, design section 6).
        """
        from rightsguide.core.render.mdext.fenced import SafeFencedCodeExtension

        self._md.registerExtensions([SafeFencedCodeExtension(self._holder)], {})
        self._fenced = True

    def asset_url(self, path: Path) -> str | None:
        """``asset:`` URL for a file inside the content tree or assets, else None.

        Symbolic links are resolved first, so a link that points out of the tree is refused.
        """
        real = self._source.real(path)
        if real is None:
            return None
        for prefix, root in (("content", self._content), ("assets", self._assets)):
            if real.is_relative_to(root):
                return f"{ASSET_SCHEME}:/{prefix}/{real.relative_to(root).as_posix()}"
        return None

    def asset_path(self, url_path: str) -> Path | None:
        """The file behind an ``asset:`` URL path (``/assets/x.svg``), or None if not allowed."""
        prefix, _, rest = url_path.lstrip("/").partition("/")
        root = {"content": self._content, "assets": self._assets}.get(prefix)
        if root is None or not rest:
            return None
        candidate = root / rest
        return candidate if self.asset_url(candidate) is not None else None

    def asset_data(self, url_path: str) -> bytes | None:
        """The bytes behind an ``asset:`` URL path (read through the content source), or None."""
        path = self.asset_path(url_path)
        if path is None:
            return None
        try:
            return self._source.read_bytes(self._source.real(path) or path)
        except OSError:
            return None

    def _convert(self, page: Page, locale: str) -> tuple[str, RenderContext]:
        """(HTML, the context holding the facts) of one parse of ``page``."""
        ctx = RenderContext(
            page_id=page.page_id,
            page_path=page.path,
            body=page.body,
            body_line=page.body_line,
            page_exists=lambda pid: self._library.exists(pid, locale),
            asset_url=self.asset_url,
        )
        if not self._fenced and has_fence(page.body):
            self._add_fenced_code()
        self._holder[:] = [ctx]
        try:
            html = self._md.reset().convert(page.body)
        except RecursionError:
            ctx.too_deep = True
            html = ""
        finally:
            self._holder.clear()
        return html, ctx

    def facts(self, page: Page) -> PageFacts:
        """What the reader's parse of ``page`` finds (a pure function of its body)."""
        return self._convert(page, page.locale)[1].facts()

    def render(self, page: Page, locale: str) -> RenderedBody:
        """Render ``page`` for a reader of ``locale`` (links resolve along its chain)."""
        html, ctx = self._convert(page, locale)
        problems = judge(page, ctx.facts(), ctx.page_exists, self.asset_url)
        # direction controls could show text in another order than it is stored ("check"
        # reports them as errors); the reader drops them
        html = BIDI_CONTROLS.sub("", html)
        return RenderedBody(html, tuple(ctx.toc), tuple(ctx.links), tuple(problems))
