"""Fenced code blocks whose ``{...}`` keeps only the language word (see :mod:`.attributes`).

Imported by :class:`~rightsguide.core.render.renderer.Renderer` only when a page has a fence:
Python-Markdown's fenced_code imports codehilite, which imports Pygments when it is installed
(about 3.5 ms of the window's start, for pages that have no fenced code).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from markdown import Markdown
from markdown.extensions.fenced_code import FencedBlockPreprocessor, FencedCodeExtension

from rightsguide.core.render.mdext.attributes import as_written
from rightsguide.core.render.mdext.context import RenderContext

_LANG_RE = re.compile(r"^[A-Za-z0-9_+-]{1,30}$")


class SafeFencedBlockPreprocessor(FencedBlockPreprocessor):
    """Fenced code whose ``{...}`` keeps only the language; no key=value on ``<code>``."""

    def __init__(
        self, md: Markdown, config: dict[str, Any], ctx_holder: list[RenderContext]
    ) -> None:
        super().__init__(md, config)
        self._holder = ctx_holder
        self.checked_for_deps = True  # no codehilite, and no key=value pairs from attr_list
        self.use_attr_list = False

    def handle_attrs(
        self, attrs: Iterable[tuple[str, str | None]]
    ) -> tuple[str, list[str], dict[str, Any]]:
        """Only the first class, if it is a plain word, is kept (as the language)."""
        ctx = self._holder[0] if self._holder else None
        classes: list[str] = []
        for key, value in attrs:
            if not classes and key == "." and value and _LANG_RE.match(value):
                classes.append(value)
            elif ctx is not None:
                written = as_written(key, value)
                ctx.dropped.append((written, ctx.offset_of(written.split("=")[0], "attr")))
        return "", classes, {}


class SafeFencedCodeExtension(FencedCodeExtension):
    """Registers :class:`SafeFencedBlockPreprocessor` in fenced_code's place."""

    def __init__(self, ctx_holder: list[RenderContext]) -> None:
        super().__init__()
        self._holder = ctx_holder

    def extendMarkdown(self, md: Markdown) -> None:
        """Register the preprocessor under fenced_code's name and priority."""
        md.registerExtension(self)
        md.preprocessors.register(
            SafeFencedBlockPreprocessor(md, self.getConfigs(), self._holder),
            "fenced_code_block",
            25,
        )
