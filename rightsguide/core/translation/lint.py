"""A fast scan of a page's markdown for ``check``: sections, links, images and raw HTML.

Rendering every page with Python-Markdown costs milliseconds per page, too slow to check
thousands of pages in a few seconds. This scanner reads the same markdown line by line (outside
code fences and code spans) and applies the same rules as the renderer
(:mod:`rightsguide.core.render.linkrules`, ids as in
:mod:`rightsguide.core.render.mdext.headings`), so
``check`` and the reader agree. Setext headings (underlined) and raw HTML blocks are not content
syntax here: the first is not used, the second is reported.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from rightsguide.core.model import Page, Problem
from rightsguide.core.render.linkrules import LinkKind, judge_image, judge_link
from rightsguide.core.render.mdext.headings import ID_RE
from rightsguide.core.render.mdext.nohtml import find_raw_html

_HEADING = re.compile(r"^(#{1,6})[ \t]+(.*?)[ \t#]*$")
_ATTR_ID = re.compile(r"\s*\{:?\s*#([^\s}]+)[^}]*\}\s*$")
_LINK = re.compile(
    r"(!?)\[((?:[^\[\]]|\[[^\]]*\])*)\]\(\s*<?([^\s)>]*)>?(?:\s+[\"'][^\"']*[\"'])?\s*\)"
)
_REF_DEF = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s+.*)?$")
_AUTOLINK = re.compile(r"<([a-zA-Z][a-zA-Z0-9+.-]*:[^\s>]*)>")
_CODE_SPAN = re.compile(r"`+[^`]*`+")
_FENCE = re.compile(r"^\s{0,3}(```|~~~)")


@dataclass
class Scan:
    """What the scanner found in one page."""

    section_ids: list[str] = field(default_factory=list)  # '##' and '###' ids, in order
    problems: list[Problem] = field(default_factory=list)


def _headings(scan: Scan, path: Path, line_no: int, line: str, seen: set[str]) -> None:
    match = _HEADING.match(line)
    if match is None or len(match.group(1)) not in (2, 3):
        return
    text = match.group(2)
    id_match = _ATTR_ID.search(text)
    if id_match is None:
        if len(match.group(1)) == 2:  # noqa: PLR2004
            title = text.strip()
            scan.problems.append(
                Problem(path, line_no, f"heading '{title}' needs an id, like {{#my-section}}")
            )
        return
    anchor = id_match.group(1)
    if not ID_RE.match(anchor):
        scan.problems.append(
            Problem(path, line_no, f"section id '{anchor}' may use only a-z, 0-9 and '-'")
        )
    if anchor in seen:
        scan.problems.append(
            Problem(path, line_no, f"section id '{anchor}' is used twice on this page")
        )
    seen.add(anchor)
    scan.section_ids.append(anchor)


def _links(
    scan: Scan,
    page: Page,
    line: tuple[int, str],
    *,
    page_exists: Callable[[str], bool],
    asset_url: Callable[[Path], str | None],
) -> None:
    line_no, text = line
    targets = [(m.group(1) == "!", m.group(3)) for m in _LINK.finditer(text)]
    ref = _REF_DEF.match(text)
    if ref is not None:
        targets.append((False, ref.group(1)))
    targets += [(False, m.group(1)) for m in _AUTOLINK.finditer(text)]
    for is_image, href in targets:
        if is_image:
            url, message = judge_image(href, page.path, asset_url)
            if url is None:
                scan.problems.append(Problem(page.path, line_no, message))
            continue
        verdict = judge_link(href, page.page_id, page_exists)
        if verdict.kind in (LinkKind.BLOCKED, LinkKind.BROKEN):
            scan.problems.append(Problem(page.path, line_no, verdict.message))


def scan_page(
    page: Page, page_exists: Callable[[str], bool], asset_url: Callable[[Path], str | None]
) -> Scan:
    """Scan ``page``'s body; problems carry file line numbers.

    Most lines are plain prose: the ``in`` tests skip the regexes for them (each regex needs
    the text tested first), which makes the scan several times faster on a large tree.
    """
    scan = Scan()
    seen: set[str] = set()
    fenced = False
    for offset, raw in enumerate(page.body.split("\n")):
        if ("```" in raw or "~~~" in raw) and _FENCE.match(raw):
            fenced = not fenced
            continue
        if fenced:
            continue
        line = _CODE_SPAN.sub("", raw) if "`" in raw else raw
        if line.startswith("#"):
            _headings(scan, page.path, page.body_line + offset, line, seen)
        if "](" in line or "]:" in line or "<" in line:  # what _LINK, _REF_DEF, _AUTOLINK need
            line_no = page.body_line + offset
            _links(scan, page, (line_no, line), page_exists=page_exists, asset_url=asset_url)
    scan.problems.extend(
        Problem(
            page.path,
            page.body_line + offset,
            f"raw HTML {tag!r} is not shown; use markdown instead",
        )
        for offset, tag in find_raw_html(page.body)
    )
    return scan
