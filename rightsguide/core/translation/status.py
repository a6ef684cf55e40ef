"""``rightsguide status``: how complete and current each translation is.

For every locale: each source page is *complete* (translated and up to date), *stale* (the source
changed since the translation was stamped, or it was never stamped), *missing* (no file; the
reader falls back along the chain, named in ``shown_in``) or *broken* (the file does not load).
UI strings are *translated*, *fuzzy*, *broken* (translated, but the app shows English because
the ``{fields}`` do not match) or *missing*. The overall percentage counts complete pages
and translated UI strings together: ``(complete + ui_translated) / (pages + ui_total)``.

Pages are ordered by what matters most: missing first, then stale, then broken, then complete;
within each, by topic order on the home screen (the topics people open first come first).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from pathlib import Path

from babel.messages import pofile

from rightsguide.core.content import sections
from rightsguide.core.content.library import ContentLibrary
from rightsguide.core.errors import ContentError, PageNotFound
from rightsguide.core.model import Page
from rightsguide.core.translation import history
from rightsguide.core.translation.catalogs import broken_count


class PageState(enum.Enum):
    """A translated page's state."""

    MISSING = "missing"
    STALE = "stale"
    BROKEN = "broken"
    COMPLETE = "complete"


_RANK = {PageState.MISSING: 0, PageState.STALE: 1, PageState.BROKEN: 2, PageState.COMPLETE: 3}


@dataclass(frozen=True, slots=True)
class PageStatus:
    """One page of one locale."""

    page_id: str
    state: PageState
    provenance: str | None = None
    shown_in: str | None = None  # for a missing page: the locale the reader falls back to
    unstamped: bool = False
    stale_sections: tuple[str, ...] = ()
    changes: tuple[history.SectionChange, ...] = ()
    problem: str = ""


@dataclass(frozen=True, slots=True)
class UiStatus:
    """Counts of a UI catalog."""

    total: int = 0
    translated: int = 0
    fuzzy: int = 0
    missing: int = 0
    error: str = ""
    broken: int = 0


@dataclass
class LocaleStatus:
    """Everything ``status`` reports for one locale."""

    code: str
    native_name: str
    english_name: str
    is_source: bool
    pages: list[PageStatus] = field(default_factory=list)
    ui: UiStatus = field(default_factory=UiStatus)

    def count(self, state: PageState) -> int:
        """How many pages are in ``state``."""
        return sum(p.state is state for p in self.pages)

    @property
    def stale_section_count(self) -> int:
        """Stale sections over all pages."""
        return sum(len(p.stale_sections) for p in self.pages)

    def provenance(self) -> dict[str, int]:
        """How the existing translations were made (machine/human/reviewed)."""
        counts: dict[str, int] = {}
        for p in self.pages:
            if p.provenance:
                counts[p.provenance] = counts.get(p.provenance, 0) + 1
        return counts

    @property
    def percent(self) -> int:
        """Complete pages plus translated UI strings, as a whole percentage."""
        total = len(self.pages) + self.ui.total
        done = self.count(PageState.COMPLETE) + self.ui.translated
        return round(100 * done / total) if total else 100


def ui_status(po_path: Path) -> UiStatus:
    """Counts for a ``.po`` file (all missing when the file does not exist)."""
    try:
        with po_path.open("rb") as fh:
            catalog = pofile.read_po(fh, abort_invalid=True)
    except FileNotFoundError:
        return UiStatus(error="no catalog")
    except (OSError, ValueError, pofile.PoFileError) as exc:
        return UiStatus(error=str(exc))
    messages = [m for m in catalog if m.id]
    fuzzy = sum(bool(m.fuzzy and _has_text(m.string)) for m in messages)
    broken = broken_count(po_path)
    translated = sum(_has_text(m.string) and not m.fuzzy for m in messages) - broken
    return UiStatus(
        len(messages), translated, fuzzy, len(messages) - translated - fuzzy - broken, "", broken
    )


def _has_text(value: object) -> bool:
    if isinstance(value, (tuple, list)):
        return any(value)
    return bool(value)


class StatusBuilder:
    """Builds the status of every locale of a library."""

    def __init__(self, library: ContentLibrary, locales_dir: Path, *, diffs: bool = True) -> None:
        """``diffs``: look up what changed in stale sections (git history)."""
        self._library = library
        self._locales_dir = locales_dir
        self._diffs = diffs
        topics = [t.topic for t in library.topics(library.registry.source)]
        self._topic_rank = {topic: i for i, topic in enumerate(topics)}

    def _page(self, page_id: str, code: str) -> PageStatus:
        lib = self._library
        path = lib.path_of(page_id, code)
        if path is None:
            chain = lib.registry.chain(code)[1:]
            shown = next((c for c in chain if lib.path_of(page_id, c) is not None), None)
            return PageStatus(page_id, PageState.MISSING, shown_in=shown)
        try:
            page = lib.page(page_id, code)
        except ContentError as exc:
            return PageStatus(page_id, PageState.BROKEN, problem=f"{exc.line}: {exc.message}")
        return self._compare(page)

    def _compare(self, page: Page) -> PageStatus:
        translation = page.meta.translation
        if translation is None:
            return PageStatus(page.page_id, PageState.BROKEN, problem="no 'translation:' block")
        provenance = translation.provenance.value
        try:
            source = self._library.page(page.page_id, translation.source_locale)
        except (ContentError, PageNotFound):
            return PageStatus(
                page.page_id, PageState.BROKEN, provenance, problem="source page broken"
            )
        current = sections.section_hashes(source.body, source.meta.title, source.meta.summary)
        if not translation.source_hashes:
            return PageStatus(page.page_id, PageState.STALE, provenance, unstamped=True)
        stale = sections.stale_sections(translation.source_hashes, current)
        if not stale:
            return PageStatus(page.page_id, PageState.COMPLETE, provenance)
        found = (
            history.changes(source.path, translation.source_hashes, stale) if self._diffs else []
        )
        return PageStatus(
            page.page_id,
            PageState.STALE,
            provenance,
            stale_sections=tuple(stale),
            changes=tuple(found),
        )

    def _order(self, status: PageStatus) -> tuple[int, int, str]:
        topic = status.page_id.split("/")[0]
        return _RANK[status.state], self._topic_rank.get(topic, 99), status.page_id

    def build(self) -> list[LocaleStatus]:
        """The status of every registered locale, source first."""
        registry = self._library.registry
        source_ids = self._library.page_ids(registry.source)
        result = []
        for loc in registry.all():
            is_source = loc.code == registry.source
            status = LocaleStatus(loc.code, loc.native_name, loc.english_name, is_source)
            if not is_source:
                status.pages = sorted(
                    (self._page(pid, loc.code) for pid in source_ids), key=self._order
                )
            else:
                status.pages = [PageStatus(pid, PageState.COMPLETE) for pid in source_ids]
            po = self._locales_dir / loc.gettext_code / "LC_MESSAGES" / "rightsguide.po"
            ui = ui_status(po)
            # the source language's UI strings are the msgids themselves
            status.ui = UiStatus(ui.total, ui.total) if is_source and not ui.error else ui
            result.append(status)
        return result
