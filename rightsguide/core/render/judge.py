"""Turn what one parse of a page found (:class:`PageFacts`) into problems, with file lines.

The reader (its notices, the ``--watch`` panel) and ``check`` both call :func:`judge` on the
facts of the same Python-Markdown parse, so ``check`` reports exactly what the reader shows.
Facts depend only on the body text; the verdicts also depend on which pages and images exist.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from rightsguide.core.content import sections
from rightsguide.core.model import Page, Problem, Severity
from rightsguide.core.render.linkrules import LinkKind, judge_image, judge_link
from rightsguide.core.render.mdext.context import PageFacts
from rightsguide.core.render.mdext.limits import MAX_NESTING

ID_RE = re.compile(r"^[a-z0-9][a-z0-9-]*$")


def _one_line(message: str) -> str:
    """A message on one line (an address written over two lines is joined with a space)."""
    return " ".join(message.split("\n"))


def section_ids(facts: PageFacts) -> list[str]:
    """The ``##``/``###`` anchors in the reader's order (placeholders for missing ids)."""
    ids, major, minor = [], 0, 0
    for heading in facts.headings:
        if heading.level == 2:  # noqa: PLR2004
            major, minor = major + 1, 0
            number = str(major)
        else:
            minor += 1
            number = f"{major}-{minor}"
        ids.append(heading.anchor or f"section-{number}")
    return ids


def missing_id(path: Path, line: int, title: str) -> Problem:
    """The problem of a ``##`` heading without an id (``check`` says it better in translations)."""
    return Problem(path, line, f"heading '{title}' needs an id, like {{#my-section}}")


def _headings(page: Page, facts: PageFacts) -> list[Problem]:
    problems, seen = [], set()
    lines = page.body.split("\n") if facts.headings else []
    for heading in facts.headings:
        line = page.body_line + heading.line
        anchor = heading.anchor
        if not anchor:
            if heading.level == 2:  # noqa: PLR2004
                problems.append(missing_id(page.path, line, heading.title))
            continue
        if not ID_RE.match(anchor):
            problems.append(
                Problem(page.path, line, f"section id '{anchor}' may use only a-z, 0-9 and '-'")
            )
        if anchor in seen:
            problems.append(
                Problem(page.path, line, f"section id '{anchor}' is used twice on this page")
            )
        seen.add(anchor)
        if heading.level == 2:  # noqa: PLR2004
            written = lines[heading.line] if heading.line < len(lines) else ""
            match = sections.HEADING_RE.match(written)
            if match is None or match.group(2) != anchor:
                problems.append(
                    Problem(
                        page.path,
                        line,
                        f"heading '{heading.title}' is a section in the reader, but not for "
                        f"'stamp' and search: write it on one line as "
                        f"'## {heading.title} {{#{anchor}}}'",
                    )
                )
    return problems


def judge(
    page: Page,
    facts: PageFacts,
    page_exists: Callable[[str], bool],
    asset_url: Callable[[Path], str | None],
) -> list[Problem]:
    """Every problem the facts show, in a stable order (headings, links, images, the rest)."""
    at = page.body_line
    problems = _headings(page, facts)
    for href, line in facts.links:
        verdict = judge_link(href, page.page_id, page_exists)
        if verdict.kind in (LinkKind.BLOCKED, LinkKind.BROKEN):
            problems.append(Problem(page.path, at + line, _one_line(verdict.message)))
    for src, line in facts.images:
        url, message = judge_image(src, page.path, asset_url)
        if url is None:
            problems.append(Problem(page.path, at + line, _one_line(message)))
    problems.extend(
        Problem(page.path, at + line, f"raw HTML {tag!r} is not shown; use markdown instead")
        for tag, line in facts.raw_html
    )
    problems.extend(
        Problem(
            page.path,
            at + line,
            f"attribute {{{written}}} is not allowed and is not shown: only a heading's "
            "{#id} is (see docs/content-format.md)",
        )
        for written, line in facts.dropped
    )
    problems.extend(
        Problem(
            page.path,
            at + line,
            "this paragraph has too many '[' (or too much other markup) to format in time: "
            "the reader shows it as plain text, without links. Remove stray '[' or split "
            "the paragraph",
        )
        for what, line in facts.limited
        if what == "["
    )
    problems.extend(
        Problem(
            page.path,
            at + line,
            f"lists or quotes are nested more than {MAX_NESTING} levels deep; "
            "the reader flattens them",
            Severity.WARNING,
        )
        for what, line in facts.limited
        if what == "nesting"
    )
    if facts.too_deep:
        problems.append(Problem(page.path, at, "the page is nested too deeply to be shown"))
    return problems
