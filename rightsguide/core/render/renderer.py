"""Markdown to safe HTML plus a table of contents, with Python-Markdown.

One :class:`Renderer` keeps one configured ``markdown.Markdown`` and resets it between pages.
Extensions: tables, attr_list (explicit ``{#id}``), admonition (call-out boxes), sane_lists,
fenced_code, and ours in :mod:`rightsguide.core.render.mdext` (no raw HTML, safe links, numbered
sections, Qt-friendly boxes).
"""

from __future__ import annotations

from pathlib import Path

import markdown
from markdown.extensions.admonition import AdmonitionExtension
from markdown.extensions.attr_list import AttrListExtension
from markdown.extensions.fenced_code import FencedCodeExtension
from markdown.extensions.sane_lists import SaneListExtension
from markdown.extensions.tables import TableExtension

from rightsguide.core.content.library import ContentLibrary
from rightsguide.core.model import Page, Problem, RenderedBody
from rightsguide.core.render.mdext.callouts import CalloutsExtension
from rightsguide.core.render.mdext.context import ASSET_SCHEME, RenderContext
from rightsguide.core.render.mdext.headings import HeadingsExtension
from rightsguide.core.render.mdext.links import LinksExtension
from rightsguide.core.render.mdext.nohtml import NoHtmlExtension, find_raw_html
from rightsguide.core.translation.consistency import BIDI_CONTROLS

MAX_NESTING = 40


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
                TableExtension(),
                AttrListExtension(),
                AdmonitionExtension(),
                SaneListExtension(),
                FencedCodeExtension(),
                NoHtmlExtension(),
                LinksExtension(self._holder),
                HeadingsExtension(self._holder),
                CalloutsExtension(),
            ],
            output_format="html",
        )

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

    def render(self, page: Page, locale: str) -> RenderedBody:
        """Render ``page`` for a reader of ``locale`` (links resolve along its chain)."""
        ctx = RenderContext(
            page_id=page.page_id,
            page_path=page.path,
            body=page.body,
            body_line=page.body_line,
            page_exists=lambda pid: self._library.exists(pid, locale),
            asset_url=self.asset_url,
        )
        for offset, tag in find_raw_html(page.body):
            ctx.problems.append(
                Problem(
                    page.path,
                    page.body_line + offset,
                    f"raw HTML {tag!r} is not shown; use markdown instead",
                )
            )
        self._holder[:] = [ctx]
        try:
            html = self._md.reset().convert(_limit_nesting(page.body))
        except RecursionError:
            ctx.problems.append(Problem(page.path, page.body_line, "the page is nested too deeply"))
            html = ""
        finally:
            self._holder.clear()
        # direction controls could show text in another order than it is stored ("check"
        # reports them as errors); the reader drops them
        html = BIDI_CONTROLS.sub("", html)
        return RenderedBody(html, tuple(ctx.toc), tuple(ctx.links), tuple(ctx.problems))


def _limit_nesting(body: str) -> str:
    """Flatten absurdly deep list/quote nesting that would exhaust the parser's recursion."""
    lines = []
    for line in body.split("\n"):
        stripped = line.lstrip(" >")
        deep = len(line) - len(stripped) > MAX_NESTING * 4
        lines.append(line[: MAX_NESTING * 4].rstrip() + " " + stripped if deep else line)
    return "\n".join(lines)
