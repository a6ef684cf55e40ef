"""Guide: the facade the UI and the CLI use to list topics and open pages in a language.

It owns the content library, the renderer and one document composer per reader language, so a
language switch costs one catalog load the first time and nothing after.
"""

from __future__ import annotations

import datetime as dt
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from rightsguide.core import i18n
from rightsguide.core.content import sections
from rightsguide.core.content.library import ContentLibrary
from rightsguide.core.errors import ContentError, PageNotFound
from rightsguide.core.i18n import Translator
from rightsguide.core.model import ABOUT_PAGE_ID as ABOUT_PAGE
from rightsguide.core.model import CLINIC_PAGE_ID as CLINIC_PAGE
from rightsguide.core.model import Direction, Page, PageEntry, Problem, TocEntry, TopicEntry
from rightsguide.core.packs import provenance
from rightsguide.core.packs.provenance import ContentInfo, Trust
from rightsguide.core.render.document import HELP_PAGE, DocumentComposer, Staleness
from rightsguide.core.render.renderer import Renderer
from rightsguide.core.resources import DataDirs

if TYPE_CHECKING:
    from rightsguide.core.content.clinic import Clinic  # loaded with --clinic only
    from rightsguide.core.search.index import SearchHit, SearchIndex

_SECNUM_RE = re.compile(r'<span class="secnum">[^<]*</span>')  # a lone section has no number


@dataclass(frozen=True, slots=True)
class ShownPage:
    """Everything the reader displays for one page."""

    page_id: str
    requested_locale: str
    locale: str  # the language the page is in (a fallback when it differs)
    title: str
    html: str
    toc: tuple[TocEntry, ...]
    direction: Direction
    problems: tuple[Problem, ...]
    broken: bool = False
    path: Path | None = None


class Guide:
    """Topics and pages of a content tree, ready to display in any registered language."""

    def __init__(
        self,
        dirs: DataDirs,
        today: Callable[[], dt.date] = dt.date.today,
        *,
        clinic: Clinic | None = None,
        cache_dir: Path | None = None,
        trust: Trust | None = None,
        show_folder: bool = True,
        content_info: ContentInfo | None = None,
        search_index: bytes | None = None,
    ) -> None:
        """Open the content at ``dirs.content``; raises RegistryError when locales.yaml is bad.

        ``clinic``: the clinic's own contact page, shown first under "Get help" in every language.
        ``cache_dir``: where the search index may be cached; None keeps it in memory (kiosk).
        ``trust``: trusted publishers' keys and the content's maximum age (About, age warning).
        ``show_folder``: the About page names the content folder (not at a kiosk).
        ``content_info``: already checked at start-up (a kiosk with ``require_signed``).
        ``search_index``: the index a signed pack carries, opened instead of building one.
        Every file is read through ``dirs.source`` (a signed kiosk: the pack's verified bytes).
        """
        self.dirs = dirs
        self.clinic = clinic
        self.trust = trust or Trust()
        self._show_folder = show_folder
        self._info = self._checked = content_info  # _checked survives a reload
        self._dated: tuple[str, dt.date | None] | None = None
        self._cache_dir = cache_dir
        self._index: SearchIndex | None = None
        self._prebuilt_index = search_index
        self._index_lock = threading.Lock()
        self._dates: dict[tuple[object, ...], dict[str, dt.date]] = {}
        self.library = ContentLibrary(dirs.content, source=dirs.source)
        self.registry = self.library.registry
        self.renderer = Renderer(self.library, dirs.assets)
        self._today = today
        styles, source = dirs.assets / "styles", dirs.source
        self._base_css = source.read_text(styles / "reader.css")
        self._contrast_css = source.read_text(styles / "reader-contrast.css")
        self._css = {"": self._base_css}  # shared with the composers: set_high_contrast edits it
        for extra in source.glob(styles, "reader.*.css"):  # reader.ar.css: one script's spacing
            self._css[extra.name.split(".")[1]] = source.read_text(extra)
        self._translators: dict[str, Translator] = {}
        self._composers: dict[str, DocumentComposer] = {}

    def translator(self, locale: str) -> Translator:
        """The UI catalog of ``locale`` (cached)."""
        if locale not in self._translators:
            self._translators[locale] = i18n.translator(self.dirs.locales, locale, self.dirs.source)
        return self._translators[locale]

    def _composer(self, locale: str) -> DocumentComposer:
        if locale not in self._composers:
            self._composers[locale] = DocumentComposer(
                self.registry,
                self.translator(locale),
                self._css,
                self.library.exists(HELP_PAGE, locale),
            )
        return self._composers[locale]

    def set_high_contrast(self, on: bool) -> None:
        """Pages rendered from now on use the high-contrast style sheet (or not)."""
        self._css[""] = self._base_css + (self._contrast_css if on else "")

    def style_sheet(self, locale: str) -> str:
        """The reader's CSS, with the script-specific additions for ``locale``."""
        return self._css[""] + self._css.get(locale, "")

    def content_info(self) -> ContentInfo:
        """Version, date and signer of the content (the signature is checked once, when asked)."""
        if self._info is None:
            self._info = provenance.inspect(self.dirs.content, self.registry, self.trust)
        return self._info

    def outdated_since(self) -> dt.date | None:
        """The content's publication date when it is older than the configured age, else None."""
        if self._dated is None and self._checked is not None:  # never re-read from disk
            self._dated = self._checked.version, self._checked.published
        if self._dated is None:
            self._dated = provenance.dated_version(self.dirs.content, self.registry)
        published = self._dated[1]
        if provenance.too_old(published, self._today(), self.trust.max_age_months):
            return published
        return None

    def topics(self, locale: str) -> list[TopicEntry]:
        """Home-screen tiles in ``locale``."""
        return self.library.topics(locale)

    def topic(self, locale: str, topic: str) -> TopicEntry | None:
        """One home-screen tile in ``locale`` (None when the topic has no index page)."""
        return self.library.topic(locale, topic)

    def pages(self, locale: str, topic: str) -> list[PageEntry]:
        """A topic's pages in ``locale`` (with the clinic's page first under its topic)."""
        pages = self.library.pages(locale, topic)
        if self.clinic is not None and topic == CLINIC_PAGE.split("/")[0]:
            title = self.translator(locale).gettext("Get help here")
            pages.insert(0, PageEntry(CLINIC_PAGE, title, self.clinic.name, 0, locale))
        if topic == ABOUT_PAGE.split("/")[0] and pages:
            _ = self.translator(locale).gettext
            summary = _("Version and date of this guide, who published it, and privacy.")
            pages.append(PageEntry(ABOUT_PAGE, _("About this guide"), summary, 999, locale))
        return pages

    def open_page(
        self, page_id: str, locale: str, *, show_details: bool = True, ui_locale: str = ""
    ) -> ShownPage:
        """Render a page for a reader of ``locale``; a broken file gives a calm error page.

        ``ui_locale``: the language of the notices when it differs from the page's (a search
        hit in another language). ``show_details``: False for paper (a handout, a PDF): an
        error page names no file, and no notice has a "Show in English" link. Raises
        PageNotFound when no locale in the chain has the page.
        """
        composer = self._composer(ui_locale or locale)
        if page_id == CLINIC_PAGE and self.clinic is not None:
            direction = self.registry.get(locale).direction
            title = self.translator(locale).gettext("Get help here")
            html = composer.compose_clinic(self.clinic)
            return ShownPage(page_id, locale, locale, title, html, (), direction, ())
        if page_id == ABOUT_PAGE:
            return self._about(composer, locale)
        try:
            resolved = self.library.resolve(page_id, locale)
        except ContentError as exc:
            html = composer.compose_error(exc, show_details)
            problem = Problem(exc.path, exc.line, exc.message)
            return ShownPage(
                page_id,
                locale,
                locale,
                page_id,
                html,
                (),
                self.registry.get(locale).direction,
                (problem,),
                broken=True,
                path=exc.path,
            )
        page = resolved.page
        body = self.renderer.render(page, locale)
        stale = self.staleness(page, locale)
        return ShownPage(
            page_id,
            locale,
            page.locale,
            page.meta.title,
            composer.compose(
                resolved, body, self._today(), stale, self.outdated_since(), screen=show_details
            ),
            body.toc,
            self.registry.get(page.locale).direction,
            body.problems,
            path=page.path,
        )

    def _about(self, composer: DocumentComposer, locale: str) -> ShownPage:
        from rightsguide.core.render import about  # when the About page is first opened

        info = self.content_info()
        facts = about.AboutFacts(
            info,
            provenance.too_old(info.published, self._today(), self.trust.max_age_months),
            len(self.registry.all()),
            self.dirs.content if self._show_folder else None,
            public=not self._show_folder,  # a kiosk
        )
        tr = self.translator(locale)
        html = about.compose(composer, facts, tr)
        direction = self.registry.get(locale).direction
        title = tr.gettext("About this guide")
        return ShownPage(ABOUT_PAGE, locale, locale, title, html, (), direction, ())

    def is_generated(self, page_id: str) -> bool:
        """True for pages the app makes itself (the clinic's page, About), not content files."""
        return page_id in (CLINIC_PAGE, ABOUT_PAGE)

    def staleness(self, page: Page, locale: str) -> Staleness | None:
        """Compare a translated page with its source page now; None for source pages."""
        translation = page.meta.translation
        if translation is None:
            return None
        try:
            source = self.library.page(page.page_id, translation.source_locale)
        except (ContentError, PageNotFound):
            return None
        current = sections.section_hashes(source.body, source.meta.title, source.meta.summary)
        recorded = translation.source_hashes
        if not recorded:
            return Staleness(translation.source_locale, unstamped=True, sections={}, meta=False)
        changed = sections.stale_sections(recorded, current)
        texts = sections.split_sections(source.body)
        own = sections.split_sections(page.body)
        order = [key for key in texts if key != sections.LEAD]
        shown: dict[str, str] = {}
        missing: dict[str, tuple[str | None, str]] = {}
        for anchor in changed:
            if anchor == sections.META:
                continue
            if anchor == sections.LEAD or anchor in own:
                _heading, _, rest = texts[anchor].partition("\n")
                if anchor == sections.LEAD:
                    rest = texts[anchor]  # the lead has no heading line
                shown[anchor] = self._source_html(source, rest, locale)
            else:  # new in the source: shown whole, before the next section the page has
                later = order[order.index(anchor) + 1 :]
                before = next((key for key in later if key in own), None)
                missing[anchor] = (before, self._source_html(source, texts[anchor], locale))
        dates = self._change_dates(source, recorded, (*shown, *missing))
        return Staleness(
            translation.source_locale,
            False,
            shown,
            sections.META in changed,
            dates,
            missing=missing,
        )

    def _source_html(self, source: Page, text: str, locale: str) -> str:
        """A piece of the source page, rendered without section numbers."""
        fragment = replace(source, body=text, body_line=source.body_line)
        return _SECNUM_RE.sub("", self.renderer.render(fragment, locale).html)

    def _change_dates(
        self, source: Page, recorded: dict[str, str], anchors: tuple[str, ...]
    ) -> dict[str, dt.date]:
        """When each stale source section changed, from git; asked once per source version.

        Looking it up runs git several times, so the answer is kept until the source file
        changes, instead of being asked again every time the page is opened.
        """
        from rightsguide.core.translation import history  # only for stale translations

        if not self.library.source.live:  # a signed pack's bytes: no history from the disk
            return {}
        key = (
            source.path,
            source.path.stat().st_mtime_ns,
            tuple(sorted(recorded.items())),
            anchors,
        )
        if key not in self._dates:
            self._dates[key] = {
                c.section: c.changed_on
                for c in history.changes(source.path, recorded, list(anchors))
                if c.changed_on is not None
            }
        return self._dates[key]

    def search(self, query: str, locale: str) -> list[SearchHit]:
        """Search every language, ``locale`` first (the index is built on first use)."""
        return self._search_index().search(query, locale)

    def suggestions(self, query: str) -> list[str]:
        """Words close to the query, for "nothing found"."""
        return self._search_index().suggestions(query)

    @property
    def search_ready(self) -> bool:
        """True once the search index is built (a search now costs no more than any other)."""
        return self._index is not None

    def prepare_search(self) -> threading.Thread | None:
        """Build the search index in a background thread now, so the first search is instant.

        Called after the first paint. A search made before it is ready waits for it. Returns
        the thread (None when there is nothing to do), for callers that want to wait.
        """
        if self._index is not None or self._index_lock.locked():
            return None
        from rightsguide.core import threads
        from rightsguide.core.search import index  # here, on the main thread: see core.threads

        return threads.start(self._search_index, "search-index", index.BACKGROUND_IMPORTS)

    def use_cache_dir(self, folder: Path | None) -> None:
        """Cache the search index in ``folder`` from now on (before the index is first built).

        The window looks its cache folder up after the first paint (the look-up imports
        platformdirs), so it passes none to the constructor and sets it here.
        """
        self._cache_dir = folder

    def _search_index(self) -> SearchIndex:
        with self._index_lock:
            return self._built_index()

    def _built_index(self) -> SearchIndex:
        if self._index is None:
            from rightsguide.core.search.index import (
                SearchIndex,  # on first search, not at start-up
            )

            self._index = SearchIndex(self.library, self._cache_dir, prebuilt=self._prebuilt_index)
        return self._index

    def watched_files(self, page_id: str, locale: str) -> list[Path]:
        """Files a page depends on: its file in every locale of the chain and the registry."""
        files = [self.dirs.content / "locales.yaml"]
        for code in self.registry.chain(locale):
            path = self.library.path_of(page_id, code)
            if path is not None:
                files.append(path)
        return files

    def findings(self, page_id: str, locale: str) -> list[Problem]:
        """What ``check`` says about the page file shown for ``locale`` (or its fallback)."""
        from rightsguide.core.translation import check  # translator mode only

        for code in self.registry.chain(locale):
            if self.library.path_of(page_id, code) is not None:
                return check.check_page(self.library, self.renderer, page_id, code)
        return []

    def reload(self) -> None:
        """Notice added or removed files (edited files are re-read on their own)."""
        self.library.rescan()
        self._composers.clear()
        with self._index_lock:  # a background build finishes first, then is dropped
            self._index = None  # rebuilt from the new content on the next search
        self._info, self._dated = self._checked, None

    def page_exists(self, page_id: str, locale: str) -> bool:
        """True when the page can be opened in ``locale`` (directly or by fallback)."""
        if page_id == CLINIC_PAGE:
            return self.clinic is not None
        if page_id == ABOUT_PAGE:
            return True
        return self.library.exists(page_id, locale)

    def asset_path(self, url_path: str) -> Path | None:
        """The local file behind an ``asset:`` URL path, or None."""
        return self.renderer.asset_path(url_path)

    def asset_data(self, url_path: str) -> bytes | None:
        """The bytes behind an ``asset:`` URL path (the reader's images), or None."""
        return self.renderer.asset_data(url_path)


__all__ = ["Guide", "PageNotFound", "ShownPage"]
