"""Compare a translation's sections with its source page's: missing, extra, in another order.

Sections are matched by their ``{#id}``. A heading that lost its id is one mistake, and gets one
error, at its own line, naming the id to write:

- a heading with no ``{#id}`` (``## Battery life``): the reader gives it a placeholder id
  (``section-3``), which no one wrote, so it is never named. It stands for the first source
  section of its level, between the translation's sections before and after it, that the
  translation lacks;
- a section heading written with another number of ``#`` (``# Battery life {#battery-life}``),
  which the reader does not take for a section.

The source section is then not also "missing"; and the translation's section that runs on over
such a heading (it holds two sections' text) is not compared piece by piece until the heading
is fixed (:attr:`Parity.merged`): every difference found there would follow from the one
mistake.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass, field

from rightsguide.core.content import sections
from rightsguide.core.model import Page, Problem
from rightsguide.core.render import judge
from rightsguide.core.translation.lint import Scan

# a heading line that ends with an id, with any number of '#' (the reader needs no space)
_ANY_HEADING_RE = re.compile(r"^(#{1,6})(?!#)\s*(.*?)\s*\{#([^}\s]+)\}\s*$")
_FENCE = ("```", "~~~")


@dataclass(frozen=True, slots=True)
class Parity:
    """What the comparison found."""

    problems: list[Problem] = field(default_factory=list)
    # the reader's own problems that ``problems`` says better (a '##' heading without an id)
    replaced: set[Problem] = field(default_factory=set)
    # the translation's sections that run on over a lost heading: not to compare piece by piece
    merged: set[str] = field(default_factory=set)


def _stand_ins(scan: Scan, source_ids: list[str], levels: dict[str, int]) -> dict[int, str]:
    """For each heading of the translation with no id (by its index), the source id it lacks."""
    ids = scan.section_ids
    named = {h.anchor for h in scan.headings if h.anchor}
    place = {anchor: n for n, anchor in reversed(list(enumerate(source_ids)))}  # (first one)
    taken: set[str] = set()
    found: dict[int, str] = {}
    for index, heading in enumerate(scan.headings):
        if heading.anchor or ids[index] in place:  # (a '###' without an id in both pages)
            continue
        before = next((place[a] for a in reversed(ids[:index]) if a in place), -1)
        after = next(
            (place[a] for a in ids[index + 1 :] if place.get(a, -1) > before), len(source_ids)
        )
        for anchor in source_ids[before + 1 : after]:
            if anchor not in named and anchor not in taken and levels.get(anchor) == heading.level:
                taken.add(anchor)
                found[index] = anchor
                break
    return found


def _written_headings(body: str, wanted: Collection[str]) -> dict[str, tuple[int, str, str]]:
    """The headings with a ``wanted`` id that the reader takes for no section.

    Id -> (the body line's offset, the '#' marks, the title), outside code blocks; a '##' or
    '###' one is a section already.
    """
    found: dict[str, tuple[int, str, str]] = {}
    fenced = False
    for offset, line in enumerate(body.split("\n")):
        if line.lstrip().startswith(_FENCE):
            fenced = not fenced
        if fenced or not line.startswith("#") or "{#" not in line:
            continue
        match = _ANY_HEADING_RE.match(line)
        if match is not None and len(match.group(1)) not in (2, 3) and match.group(3) in wanted:
            found.setdefault(match.group(3), (offset, match.group(1), match.group(2)))
    return found


def _sections_at(body: str, offsets: Collection[int]) -> set[str]:
    """The sections (as :func:`sections.split_sections` cuts them) holding these body lines."""
    found: set[str] = set()
    current, fenced = sections.LEAD, False
    for offset, line in enumerate(body.split("\n")):
        if line.lstrip().startswith(_FENCE):
            fenced = not fenced
        if not fenced and (match := sections.HEADING_RE.match(line)) is not None:
            current = match.group(2)
        if offset in offsets:
            found.add(current)
    return found


def _lost(
    page: Page, scan: Scan, source_ids: list[str], levels: dict[str, int], stale: Collection[str]
) -> tuple[dict[str, Problem], Parity]:
    """Source id -> the error of the translation's heading that lost it; and what it changes."""
    lost: dict[str, Problem] = {}
    parity = Parity()
    offsets: list[int] = []
    for index, anchor in _stand_ins(scan, source_ids, levels).items():
        heading = scan.headings[index]
        line = page.body_line + heading.line
        marks = "#" * heading.level
        lost[anchor] = Problem(
            page.path,
            line,
            f"heading '{heading.title}' has no id: in the source page this section is "
            f"{{#{anchor}}}; write '{marks} {heading.title} {{#{anchor}}}'",
        )
        if heading.level == 2:  # noqa: PLR2004 - the reader reports it; the sections split otherwise
            parity.replaced.add(judge.missing_id(page.path, line, heading.title))
            offsets.append(heading.line)
    missing = [a for a in source_ids if a in levels and a not in scan.section_ids]
    wanted = [a for a in missing if a not in lost and a not in stale]
    for anchor, (offset, marks, title) in _written_headings(page.body, wanted).items():
        right = "#" * levels[anchor]
        lost[anchor] = Problem(
            page.path,
            page.body_line + offset,
            f"heading '{title}' starts with '{marks}', so it is no section: in the source page "
            f"it starts with '{right}'; write '{right} {title} {{#{anchor}}}'",
        )
        offsets.append(offset)
    parity.merged.update(_sections_at(page.body, offsets))
    return lost, parity


def compare(
    page: Page,
    scan: Scan,
    source_ids: list[str],
    levels: dict[str, int],
    stale: Collection[str] = (),
) -> Parity:
    """Sections missing or extra compared with the source, at the line of a heading.

    ``scan`` is the translation's; ``source_ids`` and ``levels`` (id -> 2 or 3, for the
    source's headings that have an id) the source page's. An extra section is named at its own
    heading; a missing one at the heading of the next source section the translation has (where
    it should go), else after the one before it. A section the source gained since the stamp
    (in ``stale``) is stale, not missing: the reader shows it.
    """
    lost, parity = _lost(page, scan, source_ids, levels, stale)
    problems = parity.problems
    problems.extend(lost.values())
    ids, lines = scan.section_ids, scan.heading_lines
    for index, anchor in enumerate(source_ids):
        if anchor in ids or anchor in stale or anchor in lost:
            continue
        problems.append(_missing(page, anchor, source_ids[:index], source_ids[index + 1 :], lines))
    problems.extend(
        Problem(
            page.path,
            lines.get(anchor, page.body_line),
            f"sections not in the source page (check the {{#id}}): {anchor}",
        )
        for anchor, heading in zip(ids, scan.headings, strict=True)
        if heading.anchor and anchor not in source_ids
    )
    order = sections.out_of_order(ids, source_ids)
    if order is not None:
        early, before = order
        problems.append(
            Problem(
                page.path,
                lines.get(early, page.body_line),
                f"the sections are in another order than the source's: there, '{before}' "
                f"comes before '{early}'",
            )
        )
    return parity


def _missing(
    page: Page, anchor: str, before: list[str], after: list[str], lines: dict[str, int]
) -> Problem:
    """A source section the translation lacks, at the heading it should stand by."""
    message = f"sections missing compared with the source page: {anchor}"
    following = next((lines[a] for a in after if a in lines), None)
    if following is not None:
        where = "(in the source it comes before the section on this line)"
        return Problem(page.path, following, f"{message} {where}")
    previous = next((lines[a] for a in reversed(before) if a in lines), None)
    if previous is not None:
        where = "(in the source it comes after the section on this line)"
        return Problem(page.path, previous, f"{message} {where}")
    return Problem(page.path, page.body_line, message)
