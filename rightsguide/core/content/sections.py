r"""Split a page body into sections and hash them, to tell when a translation went stale.

A section is a ``##`` heading with its ``{#id}`` and everything up to the next ``##`` (``###``
subsections belong to their ``##``). Text before the first heading is the section ``_lead``; the
title and summary together are ``_meta``. The hash ignores whitespace-only edits (runs of spaces
and line breaks are collapsed), so re-wrapping a paragraph does not make a translation stale,
while any change of words does.

Example::

    >>> section_hashes("Intro\\n\\n## Charging {#charging}\\nEvery day.\\n")
    {'_lead': '...', 'charging': '...'}
"""

from __future__ import annotations

import re

HEADING_RE = re.compile(r"^##(?!#)\s+(.*?)\s*\{#([^}\s]+)\}\s*$")
SUBHEADING_RE = re.compile(r"^###(?!#)\s+(.*?)\s*\{#([^}\s]+)\}\s*$")
LEAD, META = "_lead", "_meta"
_FENCE = ("```", "~~~")


def split_sections(body: str, *, subsections: bool = False) -> dict[str, str]:
    """Map section id to its text (heading line included); ``_lead`` for text before the first.

    With ``subsections``, ``###`` headings that have an id start sections of their own (search
    uses this to open a hit at the exact subsection).
    """
    sections: dict[str, list[str]] = {LEAD: []}
    current = LEAD
    fenced = False
    for line in body.split("\n"):
        # the 'in' and startswith tests spare most lines the fence test and both regexes
        if ("```" in line or "~~~" in line) and line.lstrip().startswith(_FENCE):
            fenced = not fenced
        match = None
        if not fenced and line.startswith("##"):
            match = HEADING_RE.match(line)
            if match is None and subsections:
                match = SUBHEADING_RE.match(line)
        if match is not None:
            current = match.group(2)
            sections.setdefault(current, [])
        sections[current].append(line)
    texts = {key: "\n".join(lines) for key, lines in sections.items()}
    if not texts[LEAD].strip():
        del texts[LEAD]
    return texts


def digest(text: str) -> str:
    """A short, whitespace-insensitive hash of ``text``."""
    import hashlib  # OpenSSL: only for a translated page (start-up time)

    normal = " ".join(text.split())
    return hashlib.sha256(normal.encode("utf-8")).hexdigest()[:16]


def section_hashes(
    body: str, title: str = "", summary: str = "", *, split: dict[str, str] | None = None
) -> dict[str, str]:
    """Hashes of every section, plus ``_meta`` (title and summary) when given.

    ``split`` is ``split_sections(body)`` when the caller already has it (``check`` splits each
    page once and shares the result).
    """
    parts = split if split is not None else split_sections(body)
    hashes = {key: digest(text) for key, text in parts.items()}
    if title or summary:
        hashes[META] = digest(f"{title}\n{summary}")
    return hashes


def stale_sections(recorded: dict[str, str], current: dict[str, str]) -> list[str]:
    """Section ids whose source changed since ``recorded`` (a never-stamped page: all of them)."""
    return [key for key, value in current.items() if recorded.get(key) != value]


def out_of_order(ids: list[str], source_ids: list[str]) -> tuple[str, str] | None:
    """The first section that comes too early, compared with the source's order, or None.

    Returns ``(early, before)``: ``early`` stands where the source has ``before``. Sections only
    one of the two has are left out (missing and extra sections are reported apart).
    """
    common = set(ids) & set(source_ids)
    # each id once, where it first stands (an id given twice is reported on its own)
    mine = list(dict.fromkeys(i for i in ids if i in common))
    theirs = list(dict.fromkeys(i for i in source_ids if i in common))
    for early, before in zip(mine, theirs, strict=True):
        if early != before:
            return early, before
    return None
