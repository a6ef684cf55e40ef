"""Never render raw HTML from content: it is shown as text, and ``check`` reports it.

Python-Markdown passes HTML through by default. Removing its ``html_block`` preprocessor and its
inline ``html`` pattern makes the serializer escape ``<tag>`` like any other text.
"""

from __future__ import annotations

import re

from markdown import Markdown
from markdown.extensions import Extension

# A start tag or a comment (end tags would only repeat the finding).
# Autolinks like <https://x> are not HTML.
RAW_HTML_RE = re.compile(r"<!--|<[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>")
_CODE_SPAN_RE = re.compile(r"`[^`]*`")


def find_raw_html(body: str) -> list[tuple[int, str]]:
    """(0-based line offset, tag) for every raw HTML tag outside code spans and fences."""
    found: list[tuple[int, str]] = []
    if "<" not in body:  # every tag and comment starts with '<'
        return found
    fenced = False
    for offset, line in enumerate(body.split("\n")):
        if line.lstrip().startswith(("```", "~~~")):
            fenced = not fenced
            continue
        if fenced or "<" not in line:
            continue
        for match in RAW_HTML_RE.finditer(_CODE_SPAN_RE.sub("", line)):
            found.append((offset, match.group(0)))
    return found


class NoHtmlExtension(Extension):
    """Deregisters raw-HTML handling so tags are escaped."""

    def extendMarkdown(self, md: Markdown) -> None:
        """Remove the HTML block preprocessor and inline HTML pattern."""
        md.preprocessors.deregister("html_block")
        md.inlinePatterns.deregister("html")
