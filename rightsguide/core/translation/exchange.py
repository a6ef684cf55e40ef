"""``rightsguide translate export``: a language's pages as units for translators' tools.

One file per **topic** (``<topic>/<ll>.po`` with the English template ``<topic>/<topic>.pot``,
or ``<topic>/<ll>.xlf``): a topic is a handful of pages, which is the size translators take on
at once, and Weblate can take each topic as one component (file mask ``<topic>/*.po``).

Each unit (see :mod:`units`) has the context ``<page id>#<section id>/<piece>``. The target is
the existing translation; a unit whose English changed since its section was stamped is fuzzy,
with the English as it was then (``#| msgid``; in XLIFF ``state="needs-translation"`` and a note)
when the git history has it. How the page was made (machine, human, reviewed) and the glossary's
word for each key term in the unit travel as comments.

Each unit also records what the page held when it was exported (``page at export: <mark>``,
a comment in PO and a note in XLIFF), so that an import can tell an edit made in the file from
one made in the page since (see :mod:`exchange_import`), and an export into a folder that
already has the file can keep the translations that were not imported yet (see
:mod:`exchange_merge`).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field

from rightsguide.core.content import glossary, sections
from rightsguide.core.content.library import ContentLibrary
from rightsguide.core.errors import ContentError
from rightsguide.core.model import Page
from rightsguide.core.translation import history, units

PAGE_NOTE = "page at export: "  # the comment (PO) or note (XLIFF) with the page's mark


def page_mark(text: str) -> str:
    """A short mark of a unit's text in the page ("none": the page had no text for it)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16] if text else "none"


@dataclass
class ExportUnit:
    """One unit as it goes to the translator."""

    page_id: str
    unit: units.Unit  # the English unit
    target: str = ""
    fuzzy: bool = False
    previous: str | None = None  # the English when the translation was stamped
    notes: list[str] = field(default_factory=list)
    page_text: str = ""  # what the page has for this unit now ("" none), whatever target says

    @property
    def context(self) -> str:
        """The stable context: page id, section id and piece."""
        return f"{self.page_id}#{self.unit.key}"

    @property
    def source(self) -> str:
        """The current English."""
        return self.unit.text


@dataclass
class ExportPage:
    """One page's units, with how the existing translation was made."""

    page_id: str
    english: units.PageUnits
    provenance: str | None
    units: list[ExportUnit]


def context_of(context: str) -> tuple[str, str]:
    """(page id, unit key) of a context; ValueError when it is not one of ours."""
    page_id, sep, key = context.partition("#")
    if not sep or "/" not in key or "/" not in page_id:
        raise ValueError(context)
    return page_id, key


def _hints(terms: list[tuple[str, str]], text: str) -> list[str]:
    """Glossary notes for the terms in ``text`` (whole words; "lawyers" has "lawyer")."""
    return [
        f"glossary: {en} = {use}"
        for en, use in terms
        if re.search(r"(?<![\w-])" + re.escape(en) + r"(?:s|es)?(?![\w-])", text, re.IGNORECASE)
    ]


def glossary_pairs(library: ContentLibrary, locale: str) -> list[tuple[str, str]]:
    """(English term, the word to use in ``locale``) for every glossary term that has one."""
    path = library.root / locale / glossary.FILE_NAME
    if not path.is_file():
        return []
    return [(t.term, t.use[0]) for t in glossary.load(path) if t.use]


def _old_units(
    source: Page, recorded: dict[str, str], stale: list[str]
) -> dict[str, dict[str, str]]:
    """For each stale section with known history: its units' English when stamped."""
    found: dict[str, dict[str, str]] = {}
    for key, text in history.stamped_versions(source.path, recorded, stale).items():
        try:
            old = units.split_page(source.path, text)
        except ContentError:
            continue
        found[key] = {u.key: u.text for u in old.units if u.section == key}
    return found


def export_page(
    library: ContentLibrary, page_id: str, locale: str, terms: list[tuple[str, str]]
) -> ExportPage:
    """The units of one page for ``locale``, filled from the existing translation."""
    registry = library.registry
    source = library.page(page_id, registry.source)
    english = units.split_page(source.path)
    path = library.path_of(page_id, locale)
    result = ExportPage(page_id, english, None, [])
    theirs: dict[str, units.Unit] = {}
    stale: set[str] = {u.section for u in english.units}
    mismatched: set[str] = set()
    old: dict[str, dict[str, str]] = {}
    if path is not None:
        page = library.page(page_id, locale)
        translated = units.split_page(path)
        theirs = translated.by_key()
        translation = page.meta.translation
        if translation is not None:
            result.provenance = translation.provenance.value
            current = sections.section_hashes(source.body, source.meta.title, source.meta.summary)
            recorded = translation.source_hashes or {}
            stale = set(sections.stale_sections(recorded, current)) if recorded else stale
            old = _old_units(source, recorded, sorted(stale)) if recorded else {}
        # a body section whose pieces differ from the English's: its keys may not line up
        # (the front matter's three units are matched by name, so they always do)
        mismatched = {u.section for u in english.units if u.key not in theirs} | {
            u.section for u in translated.units if u.key not in english.by_key()
        }
        mismatched.discard(sections.META)
        stale |= mismatched
    for unit in english.units:
        item = ExportUnit(page_id, unit, notes=_hints(terms, unit.text))
        mine = theirs.get(unit.key)
        if mine is not None:
            item.target = item.page_text = mine.text
            if result.provenance:
                item.notes.insert(0, f"translation made by: {result.provenance}")
        if mine is not None and unit.section in stale:
            before = old.get(unit.section)
            if before is None or unit.section in mismatched:
                item.fuzzy = True
                item.notes.append(
                    "the English of this section changed since the translation was stamped "
                    "(the earlier English is not in the history)"
                )
            elif before.get(unit.key) != unit.text:
                item.fuzzy = True
                item.previous = before.get(unit.key)
                item.notes.append("the English changed since the translation was stamped")
        result.units.append(item)
    return result


def export_locale(
    library: ContentLibrary, locale: str, page_ids: list[str] | None = None
) -> dict[str, list[ExportPage]]:
    """Pages by topic, in the home screen's topic order and each topic's page order."""
    registry = library.registry
    registry.get(locale)
    if locale == registry.source:
        raise ContentError(library.root / locale, 0, "the source language is not exported")
    terms = glossary_pairs(library, locale)
    wanted = page_ids or library.page_ids(registry.source)
    by_topic: dict[str, list[ExportPage]] = {}
    for page_id in wanted:
        page = export_page(library, page_id, locale, terms)
        by_topic.setdefault(page_id.split("/")[0], []).append(page)
    return by_topic
