"""ContentLibrary: find pages under ``content/<locale>/<topic>/<page>.md`` and load them lazily.

Start-up only lists files; a page is parsed when it is first asked for, and cached until its file
changes on disk (so ``--watch`` sees edits). A broken file raises ContentError for that page only;
every other page keeps working.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from rightsguide.core.content import frontmatter, yamlfile
from rightsguide.core.content.locales import LocaleRegistry, load_registry
from rightsguide.core.content.source import FILES, ContentSource
from rightsguide.core.errors import ContentError, PageNotFound
from rightsguide.core.model import Page, PageEntry, PageMeta, TopicEntry

PAGE_ID_RE = re.compile(r"^[a-z0-9][a-z0-9-]*/[a-z0-9][a-z0-9-]*$")


@dataclass(frozen=True, slots=True)
class Resolved:
    """A page found along a locale's fallback chain."""

    page: Page
    requested_locale: str

    @property
    def is_fallback(self) -> bool:
        """True when the page is shown in another language than the one asked for."""
        return self.page.locale != self.requested_locale


class ContentLibrary:
    """All pages of a content tree, in every registered locale."""

    def __init__(
        self,
        root: Path,
        registry: LocaleRegistry | None = None,
        source: ContentSource = FILES,
    ) -> None:
        """Index ``root``; reads ``root/locales.yaml`` unless a registry is given.

        ``source``: where files are read (a signed kiosk: the pack's verified bytes).
        """
        self.root = root
        self.source = source
        self.registry = registry if registry is not None else load_registry(root, source)
        self._files: dict[str, dict[str, Path]] = {}
        self._cache: dict[Path, tuple[int, Page | ContentError]] = {}
        # how front matter is read: ``check`` puts its cached reading here (same results)
        self.parse_meta: Callable[[str, Path], PageMeta] = frontmatter.parse_meta
        self.rescan()

    def rescan(self) -> None:
        """List the page files again (cheap: no file is read).

        Each language's folder is listed when it is first needed, so opening one page lists
        only the folders of its language and fallbacks (start-up time).
        """
        self._files = {}

    def _listed(self, locale: str) -> dict[str, Path]:
        """Page id -> file in the folder of ``locale`` (empty for an unregistered code)."""
        found = self._files.get(locale)
        if found is None:
            found = {}
            folder = self.root / locale
            if locale in self.registry and self.source.is_dir(folder):
                for path in self.source.glob(folder, "*/*.md"):
                    page_id = f"{path.parent.name}/{path.stem}"
                    if PAGE_ID_RE.match(page_id) and self.source.is_file(path):
                        found[page_id] = path
            self._files[locale] = found
        return found

    def page_ids(self, locale: str) -> list[str]:
        """Page ids that exist as files in ``locale`` (no fallback)."""
        return list(self._listed(locale))

    def path_of(self, page_id: str, locale: str) -> Path | None:
        """The file of ``page_id`` in ``locale`` itself, or None."""
        return self._listed(locale).get(page_id)

    def exists(self, page_id: str, locale: str) -> bool:
        """True when the page exists in ``locale`` or along its fallback chain."""
        return any(page_id in self._listed(c) for c in self.registry.chain(locale))

    def load_file(self, path: Path, locale: str, page_id: str) -> Page:
        """Parse one file (cached by modification time); raise ContentError when broken."""
        try:
            changed, size = self.source.stamp(path)
        except OSError as exc:
            raise ContentError(path, 0, f"cannot read the file: {exc.strerror}") from None
        stamp = changed ^ size
        cached = self._cache.get(path)
        if cached is not None and cached[0] == stamp:
            result = cached[1]
        else:
            result = self._parse(path, locale, page_id, size)
            self._cache[path] = (stamp, result)
        if isinstance(result, ContentError):
            raise result
        return result

    def _parse(self, path: Path, locale: str, page_id: str, size: int) -> Page | ContentError:
        try:
            if size > frontmatter.MAX_FILE_BYTES:
                raise ContentError(path, 0, "the file is larger than 1 MB; split it into pages")
            if self.source.live:  # the file system: a regular file only, bounded
                raw = yamlfile.read_bytes(path, frontmatter.MAX_FILE_BYTES)
            else:  # a signed pack's verified bytes
                raw = self.source.read_bytes(path)
            text = frontmatter.decode(raw, path)
            yaml_text, body, body_line = frontmatter.split(text, path)
            meta = self.parse_meta(yaml_text, path)
        except ContentError as exc:
            return exc
        except (OSError, RecursionError) as exc:
            return ContentError(path, 0, f"cannot read the file: {exc}")
        return Page(page_id, locale, path, meta, body, body_line)

    def page(self, page_id: str, locale: str) -> Page:
        """The page in exactly ``locale``; raise PageNotFound or ContentError."""
        path = self.path_of(page_id, locale)
        if path is None:
            raise PageNotFound(page_id, locale)
        return self.load_file(path, locale, page_id)

    def resolve(self, page_id: str, locale: str) -> Resolved:
        """The page in the first locale of the chain that has a file for it.

        A broken file is not skipped: its ContentError propagates, so a translator sees the
        problem instead of a silent fallback.
        """
        for code in self.registry.chain(locale):
            if page_id in self._listed(code):
                return Resolved(self.page(page_id, code), locale)
        raise PageNotFound(page_id, locale)

    def _entries(self, locale: str, ids: list[str]) -> list[tuple[str, Page | None]]:
        """Each id with the best page that parses (a broken one falls back), or None."""
        out: list[tuple[str, Page | None]] = []
        for page_id in ids:
            found: Page | None = None
            for code in self.registry.chain(locale):
                try:
                    found = self.page(page_id, code)
                    break
                except (ContentError, PageNotFound):
                    continue
            out.append((page_id, found))
        return out

    def _all_ids(self, locale: str) -> list[str]:
        ids: dict[str, None] = {}
        for code in self.registry.chain(locale):
            ids.update(dict.fromkeys(self._listed(code)))
        return list(ids)

    def topics(self, locale: str) -> list[TopicEntry]:
        """Home-screen tiles: every topic with an ``index.md``, sorted by ``order``."""
        ids = [i for i in self._all_ids(locale) if i.endswith("/index")]
        tiles = [_tile(pid, p, locale) for pid, p in self._entries(locale, ids)]
        return sorted(tiles, key=lambda t: (t.order, t.topic))

    def topic(self, locale: str, topic: str) -> TopicEntry | None:
        """The tile of one topic, as :meth:`topics` gives it; None when it has no ``index.md``.

        Reads that topic's ``index.md`` only (a page's breadcrumb names its topic).
        """
        page_id = f"{topic}/index"
        if not self.exists(page_id, locale):
            return None
        return _tile(page_id, self._entries(locale, [page_id])[0][1], locale)

    def pages(self, locale: str, topic: str) -> list[PageEntry]:
        """The pages of a topic (without its index), sorted by ``order``."""
        ids = [
            i
            for i in self._all_ids(locale)
            if i.startswith(f"{topic}/") and not i.endswith("/index")
        ]
        entries = [
            PageEntry(pid, p.meta.title, p.meta.summary, p.meta.order, p.locale)
            if p is not None
            else PageEntry(pid, pid.split("/")[1], "", 1000, locale)
            for pid, p in self._entries(locale, ids)
        ]
        return sorted(entries, key=lambda e: (e.order, e.page_id))


def _tile(page_id: str, page: Page | None, locale: str) -> TopicEntry:
    """A topic's tile from its ``index.md`` (a plain one when no file of it parses)."""
    if page is None:
        topic = page_id.split("/", maxsplit=1)[0]
        return TopicEntry(topic, topic, "", 1000, None, locale)
    meta = page.meta
    return TopicEntry(page.topic, meta.title, meta.summary, meta.order, meta.icon, page.locale)
