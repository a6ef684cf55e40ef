"""``rightsguide check``: validate a content tree and report every problem with file and line.

Checks: the language registry; every page's front matter; sources on every non-index page;
section ids (present, well-formed, unique, the same as the source page in every translation);
links and images; raw HTML; bidi controls; in translations, the phone numbers, form numbers,
amounts, URLs and program names of each source section, the glossary's terms (warnings) and
staleness (warnings); glossary files; folders that are not registered locales; translations of
pages that no longer exist in the source; topics without an ``index.md``.

Each page body is parsed by the reader's own Markdown (:mod:`rightsguide.core.translation.lint`),
and what it finds is judged by the reader's rules, so ``check`` approves exactly what the reader
shows. Parses are cached by content hash (``check_tree``'s ``cache_file``), so thousands of pages
check in seconds; facts about each source page are computed once and shared by its
translations. A large tree is checked by one process per core (see :func:`check_tree`).
"""

from __future__ import annotations

import multiprocessing
import os
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rightsguide.core.content import glossary, sections
from rightsguide.core.content.library import ContentLibrary
from rightsguide.core.content.locales import REGISTRY_FILE
from rightsguide.core.errors import ContentError, PageNotFound
from rightsguide.core.model import Page, Problem, Severity
from rightsguide.core.render.renderer import Renderer
from rightsguide.core.translation import consistency, lint, meta_checks, parity, structure


@dataclass(frozen=True, slots=True)
class _Source:
    """What every translation of one source page is compared with."""

    page: Page
    ids: list[str]
    levels: dict[str, int]  # id -> 2 or 3, of each heading that has one
    sections: dict[str, str]
    hashes: dict[str, str]
    tokens: dict[str, Counter[str]]


def _staleness(source: _Source, page: Page) -> list[Problem]:
    translation = page.meta.translation
    assert translation is not None
    if not translation.source_hashes:
        return [
            Problem(
                page.path,
                2,
                "this translation was never stamped: when it matches the "
                "source, run 'rightsguide stamp' on it",
                Severity.WARNING,
            )
        ]
    stale = sections.stale_sections(translation.source_hashes, source.hashes)
    if not stale:
        return []
    names = ", ".join("title/summary" if s == sections.META else s for s in stale)
    return [
        Problem(
            page.path,
            2,
            f"the source changed since this translation was stamped, in: "
            f"{names}. Update the translation, then run 'rightsguide stamp'",
            Severity.WARNING,
        )
    ]


class Checker:
    """Checks pages of one library, caching what translations share."""

    def __init__(
        self, library: ContentLibrary, renderer: Renderer, cache: lint.FactsCache | None = None
    ) -> None:
        """``renderer`` parses pages as the reader does; ``cache`` keeps its facts by body hash."""
        self.library = library
        self._renderer = renderer
        self.cache = cache if cache is not None else lint.FactsCache()
        self._sources: dict[tuple[str, str], _Source | None] = {}
        self._terms: dict[str, list[glossary.Term]] = {}
        self._known: dict[tuple[str, str], bool] = {}

    def _exists(self, page_id: str, locale: str) -> bool:
        """:meth:`ContentLibrary.exists`, asked once per page and locale (links repeat)."""
        key = (page_id, locale)
        found = self._known.get(key)
        if found is None:
            found = self._known[key] = self.library.exists(page_id, locale)
        return found

    def _scan(self, page: Page, locale: str) -> lint.Scan:
        return lint.scan_page(
            page, self._renderer, lambda pid: self._exists(pid, locale), self.cache
        )

    def _source(self, page_id: str, locale: str) -> _Source | None:
        key = (page_id, locale)
        if key not in self._sources:
            try:
                page = self.library.page(page_id, locale)
            except (ContentError, PageNotFound):
                self._sources[key] = None  # the source's own problem is reported on its file
            else:
                split = sections.split_sections(page.body)
                scan = self._scan(page, locale)
                self._sources[key] = _Source(
                    page,
                    scan.section_ids,
                    {h.anchor: h.level for h in scan.headings if h.anchor},
                    split,
                    sections.section_hashes(
                        page.body, page.meta.title, page.meta.summary, split=split
                    ),
                    consistency.source_tokens(page, split),
                )
        return self._sources[key]

    def _load_glossary(self, locale: str) -> ContentError | None:
        """Load ``locale``'s glossary into the cache once; its error, if it does not load."""
        path = self.library.root / locale / glossary.FILE_NAME
        try:
            self._terms[locale] = glossary.load(path) if path.is_file() else []
        except ContentError as exc:
            self._terms[locale] = []  # reported once per file by glossary_files()
            return exc
        return None

    def _glossary(self, locale: str) -> list[glossary.Term]:
        if locale not in self._terms:
            self._load_glossary(locale)
        return self._terms[locale]

    def _translation(self, page: Page, scan: lint.Scan) -> parity.Parity:
        """The translation's own problems (and the reader's that they replace)."""
        source_locale = self.library.registry.source
        if page.page_id not in self.library.page_ids(source_locale):
            message = (
                f"the source page {source_locale}/{page.page_id}.md "
                "does not exist; delete this translation or rename it to match"
            )
            return parity.Parity([Problem(page.path, 1, message)])
        if page.meta.translation is None:
            message = (
                "translation: a translated page needs a "
                "'translation:' block with from and provenance"
            )
            return parity.Parity([Problem(page.path, 2, message)])
        source = self._source(page.page_id, page.meta.translation.source_locale)
        if source is None:
            return parity.Parity()
        # Sections whose source changed since the stamp are reported as stale (a warning) and
        # the reader shows their current source text beside them; their numbers and names are
        # compared again once the translation is brought up to date and stamped.
        recorded = page.meta.translation.source_hashes
        stale = set(sections.stale_sections(recorded, source.hashes)) if recorded else set()
        stale_ids = stale | {  # ### ids belong to their ## section
            match.group(2)
            for key in stale & source.sections.keys()
            for line in source.sections[key].split("\n")
            if (match := sections.SUBHEADING_RE.match(line))
        }
        found = parity.compare(page, scan, source.ids, source.levels, stale_ids)
        skip = stale | found.merged  # (a section that runs on over a lost heading: see parity)
        found.problems.extend(_staleness(source, page))
        found.problems.extend(
            consistency.compare(
                page, source.page, source.tokens, skip=skip, found=self.cache.tokens(page)
            )
        )
        terms = self._glossary(page.locale)
        if terms:  # (most locales have none: nothing to split)
            split = sections.split_sections(page.body)
            own = {key: text for key, text in split.items() if key not in found.merged}
            found.problems.extend(
                glossary.compare(
                    page,
                    source.page,
                    terms,
                    splits=(own, source.sections),
                    lines=scan.heading_lines,
                )
            )
        return found

    def check_page(self, page_id: str, locale: str) -> list[Problem]:
        """Every problem of one page file (used by ``check`` and the ``--watch`` panel)."""
        path = self.library.path_of(page_id, locale)
        if path is None:
            return []
        try:
            page = self.library.load_file(path, locale, page_id)
        except ContentError as exc:
            return [Problem(e.path, e.line, e.message) for e in getattr(exc, "errors", [exc])]
        problems = meta_checks.plain_text(page)
        if not page.is_index and not page.meta.sources:
            problems.append(Problem(path, 2, "sources: every page must cite at least one source"))
        elif locale == self.library.registry.source:  # translations copy them: reported once
            problems.extend(meta_checks.sources(page))
        scan = self._scan(page, locale)
        translated = parity.Parity()
        if locale != self.library.registry.source:
            translated = self._translation(page, scan)
        problems.extend(p for p in scan.problems if p not in translated.replaced)
        try:
            raw = self.library.source.read_bytes(path)
        except OSError:
            raw = b""  # (load_file read it a moment ago)
        problems.extend(consistency.hidden_characters(path, raw))
        problems.extend(
            Problem(path, page.body_line + offset, message)
            for offset, message in structure.box_problems(page.body)
        )
        problems.extend(translated.problems)
        return problems

    def glossary_files(self) -> list[Problem]:
        """Glossary files that do not load."""
        problems = []
        for loc in self.library.registry.all():
            error = self._load_glossary(loc.code)  # and keep the terms for the pages
            if error is not None:
                problems.append(Problem(error.path, error.line, error.message))
        return problems

    def stray_folders(self) -> list[Problem]:
        """Folders that are not locales, and source topics without an index."""
        problems = []
        root, registry = self.library.root, self.library.registry
        for entry in sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith(".")):
            if entry.name not in registry:
                problems.append(
                    Problem(entry, 0, f"folder '{entry.name}' is not a locale in {REGISTRY_FILE}")
                )
            else:
                problems.extend(_unused_files(entry))
                if entry.name == registry.source:
                    for topic in sorted(p for p in entry.iterdir() if p.is_dir()):
                        if not (topic / "index.md").is_file():
                            problems.append(
                                Problem(topic, 0, "topic folder has no index.md", Severity.WARNING)
                            )
        return problems


# An editor's own copies are left alone: backups (page.md~, .bak, .orig) and hidden files.
_BACKUP_ENDINGS = ("~", ".bak", ".orig", ".swp", ".tmp")
_PICTURES = (".png", ".jpg", ".jpeg", ".svg", ".gif", ".webp")


def _unused_files(language: Path) -> list[Problem]:
    """Files in a language's folder that no page, glossary or picture is read from.

    A page saved as ``charging.MD``, ``charging.markdown`` or ``charging.md.txt`` (Notepad),
    or put at the language's root, is silently missing from the guide otherwise.
    """
    found = []
    # (os.walk: no stat of each file, as Path.rglob with is_dir does: ~0.15 s on 10,000 pages)
    for folder, folders, names in os.walk(language):
        folders[:] = sorted(f for f in folders if not f.startswith("."))
        depth = len(Path(folder).relative_to(language).parts)
        for name in sorted(names):
            if name.startswith(".") or name.endswith(_BACKUP_ENDINGS):
                continue
            if (depth == 0 and name == glossary.FILE_NAME) or (depth == 1 and name.endswith(".md")):
                continue  # the glossary; a page: <topic>/<page>.md
            if Path(name).suffix.lower() in _PICTURES:
                continue  # a picture a page shows (links to it are checked on the page)
            where = "pages are <topic>/<page>.md" if "." in name else "a page needs the .md ending"
            found.append(
                Problem(
                    Path(folder) / name,
                    0,
                    f"this file is not used ({where}); rename or move it",
                    Severity.WARNING,
                )
            )
    return found


def check_page(
    library: ContentLibrary, renderer: Renderer, page_id: str, locale: str
) -> list[Problem]:
    """Every problem of one page file."""
    return Checker(library, renderer).check_page(page_id, locale)


# A tree with fewer pages is checked in this process: starting worker processes costs more than
# it saves (and tests and the real content stay single-process).
PARALLEL_MIN_PAGES = 500
_CHUNKS_PER_PROCESS = 64  # small chunks: at the end this process waits for at most two

_Job = tuple[str, str]  # (page id, locale)

# The Checker of a worker process, made once by _start_worker so that the facts about each
# source page are computed once per process, not once per chunk; or why it could not be made.
_worker_checker: Checker | None = None
_worker_failed = ""


class _WorkerFailed(Exception):
    """A worker process could not start checking (its chunks are then checked in this one)."""


def _checker(library: ContentLibrary, assets: Path, cache_file: Path | None) -> Checker:
    """A checker of ``library`` whose pages' front matter is read through its facts cache."""
    cache = lint.FactsCache(cache_file)
    library.parse_meta = cache.parse_meta  # the registry was read already: pages only
    return Checker(library, Renderer(library, assets), cache)


def _start_worker(root: Path, assets: Path, cache_file: Path | None) -> None:
    """Worker process initializer: its own library and checker of the same tree.

    It never raises: an initializer that raises breaks the whole pool, and Python 3.11 then
    prints tracebacks (the worker's, and an ``InvalidStateError`` for each chunk this
    process had taken back). The reason is kept, and each chunk sent to this worker raises
    it (:class:`_WorkerFailed`); this process then checks that chunk itself, with the same
    result.
    """
    global _worker_checker, _worker_failed  # noqa: PLW0603 - per-process state, set once
    try:
        _worker_checker = _checker(ContentLibrary(root), assets, cache_file)
    except Exception as exc:  # (whatever it is, this process checks the chunk instead)
        _worker_failed = f"{type(exc).__name__}: {exc}"


def _check_jobs(checker: Checker, jobs: list[_Job]) -> list[Problem]:
    """Every problem of some pages, in the order given."""
    return [p for page_id, locale in jobs for p in checker.check_page(page_id, locale)]


def _check_chunk(jobs: list[_Job]) -> tuple[list[Problem], dict[str, Any]]:
    """:func:`_check_jobs` in a worker process, and the facts it parsed (for the cache)."""
    if _worker_checker is None:
        raise _WorkerFailed(_worker_failed or "_start_worker did not run")
    problems = _check_jobs(_worker_checker, jobs)
    return problems, _worker_checker.cache.take_new()


def _check_in_processes(
    checker: Checker, assets: Path, jobs: list[_Job], processes: int
) -> list[Problem]:
    """:func:`_check_jobs` shared by this process and ``processes - 1`` worker processes.

    The jobs are cut into chunks, all queued for the workers; meanwhile this process takes
    chunks from the end of the queue (those it can still cancel), so no core waits for a worker
    to start. Results are put back in chunk order: the output is the same as in one process.
    Workers are spawned, never forked: this code also runs inside the Qt app, whose threads and
    state a fork would copy half-way.
    """
    size = max(1, -(-len(jobs) // (processes * _CHUNKS_PER_PROCESS)))
    chunks = [jobs[i : i + size] for i in range(0, len(jobs), size)]
    done_here: dict[int, list[Problem]] = {}
    with ProcessPoolExecutor(
        max_workers=processes - 1,
        mp_context=multiprocessing.get_context("spawn"),
        initializer=_start_worker,
        initargs=(checker.library.root, assets, checker.cache.path),
    ) as pool:
        futures = [pool.submit(_check_chunk, chunk) for chunk in chunks]
        for index in reversed(range(len(chunks))):
            if not futures[index].cancel():
                break  # a worker has this chunk, and the ones before it
            done_here[index] = _check_jobs(checker, chunks[index])
        problems = []
        for index, future in enumerate(futures):
            if index in done_here:
                problems.extend(done_here[index])
            else:
                try:
                    found, facts = future.result()
                except _WorkerFailed:  # (the same tree, read by this process's library)
                    found, facts = _check_jobs(checker, chunks[index]), {}
                problems.extend(found)
                checker.cache.add(facts)
        return problems


def _registry_date(library: ContentLibrary) -> list[Problem]:
    """A warning when the registry has no ``published`` date (no age warning is possible)."""
    if library.registry.published is not None:
        return []
    return [
        Problem(
            library.root / REGISTRY_FILE,
            1,
            "no 'published:' date, so the app cannot warn readers when this content gets old; "
            "add the release date, like published: 2026-11-28",
            Severity.WARNING,
        )
    ]


def check_tree(
    root: Path,
    assets: Path,
    *,
    parallel_min_pages: int = PARALLEL_MIN_PAGES,
    cache_file: Path | None = None,
    cache_min_pages: int = PARALLEL_MIN_PAGES,
) -> list[Problem]:
    """Every problem in the content tree at ``root``, errors and warnings, in file order.

    A tree of at least ``parallel_min_pages`` pages is checked by one process per core, unless
    the cache holds an entry for every page (little is left to parse); the problems and their
    order are the same as in one process. For a tree of at least
    ``cache_min_pages`` pages, ``cache_file`` keeps the parse of each page body between runs
    (the result is the same with or without it; a small tree is parsed in a moment).
    """
    try:
        library = ContentLibrary(root)
    except ContentError as exc:
        return [Problem(exc.path, exc.line, exc.message)]
    jobs = [
        (page_id, loc.code)
        for loc in library.registry.all()
        for page_id in library.page_ids(loc.code)
    ]
    kept = cache_file if len(jobs) >= cache_min_pages else None
    checker = _checker(library, assets, kept)
    try:
        return _check_library(checker, assets, jobs, parallel_min_pages)
    finally:
        checker.cache.save()


def _check_library(
    checker: Checker, assets: Path, jobs: list[_Job], parallel_min_pages: int
) -> list[Problem]:
    library = checker.library
    problems = _registry_date(library) + checker.stray_folders() + checker.glossary_files()
    processes = min(os.cpu_count() or 1, len(jobs))
    # A cache that holds an entry for every page (a warm run) leaves little to parse: starting
    # a worker (its imports, its own copy of the cache) then costs more than it saves on a
    # busy machine, so such a run stays in this process. The result is the same either way.
    warm = checker.cache.entries() >= len(jobs) > 0
    if processes > 1 and len(jobs) >= parallel_min_pages and not warm:
        try:
            return problems + _check_in_processes(checker, assets, jobs, processes)
        except (OSError, BrokenProcessPool):
            pass  # no worker processes here (a sandbox without semaphores...): check in this one
    for page_id, locale in jobs:
        problems.extend(checker.check_page(page_id, locale))
    return problems
