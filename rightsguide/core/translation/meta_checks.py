"""``check``'s rules for the front matter a page shows or cites: plain-text fields and sources.

- Title and summary are shown as plain text everywhere (labels, tiles, search results,
  handouts): HTML tags or entities would show literally (errors); markdown emphasis, links and
  code marks would show their ``*`` and brackets (warnings).
- Sources (issue 18): every source says when it was last checked (``accessed``) and what kind
  it is (``kind``), and a page cites at least one ``primary`` or ``legal-org`` source
  (warnings). Translations copy ``sources`` from the source page, so these warnings are given on
  the source page only, once, not once per language.
"""

from __future__ import annotations

import re

from rightsguide.core.model import SOURCE_KINDS, Page, Problem, Severity
from rightsguide.core.render.mdext.nohtml import RAW_HTML_RE

_ENTITY = re.compile(r"&(?:[A-Za-z][A-Za-z0-9]{1,31}|#[0-9]{1,7}|#x[0-9A-Fa-f]{1,6});")
_MARKDOWN = re.compile(r"\*\*|__|\]\(|`|(?<!\w)\*(?=\S)|!\[")
STRONG_KINDS = ("primary", "legal-org")


def plain_text(page: Page) -> list[Problem]:
    """Markup in the title or summary (line 2 and 3 are where they usually stand)."""
    problems = []
    for key, value in (("title", page.meta.title), ("summary", page.meta.summary)):
        found = RAW_HTML_RE.search(value) or _ENTITY.search(value)
        if found is not None:
            problems.append(
                Problem(
                    page.path,
                    _line_of(page, key),
                    f"{key}: {found.group(0)!r} is shown as it is written (the {key} is plain "
                    "text); remove the markup",
                )
            )
        elif (mark := _MARKDOWN.search(value)) is not None:
            problems.append(
                Problem(
                    page.path,
                    _line_of(page, key),
                    f"{key}: {mark.group(0)!r} is shown as it is written (the {key} is plain "
                    "text, not markdown)",
                    Severity.WARNING,
                )
            )
    return problems


def _line_of(page: Page, key: str) -> int:
    try:
        head = page.path.read_text(encoding="utf-8-sig").split("\n")[: page.body_line]
    except (OSError, UnicodeDecodeError):
        return 1
    return next((i + 1 for i, line in enumerate(head) if line.startswith(f"{key}:")), 1)


def sources(page: Page) -> list[Problem]:
    """Warnings about the sources of a source-language page."""
    problems = []
    for number, source in enumerate(page.meta.sources, start=1):
        if source.accessed is None:
            problems.append(
                Problem(
                    page.path,
                    source.line,
                    f"sources[{number}]: no 'accessed: YYYY-MM-DD': add the day someone last "
                    "checked this source",
                    Severity.WARNING,
                )
            )
        if source.kind is None:
            problems.append(
                Problem(
                    page.path,
                    source.line,
                    f"sources[{number}]: no 'kind:'; say which it is: {', '.join(SOURCE_KINDS)}",
                    Severity.WARNING,
                )
            )
    if page.meta.sources and not any(s.kind in STRONG_KINDS for s in page.meta.sources):
        problems.append(
            Problem(
                page.path,
                page.meta.sources[0].line,
                "no primary or legal-org source: cite the agency, court or an established legal "
                "organisation, not only news or other sites",
                Severity.WARNING,
            )
        )
    return problems
