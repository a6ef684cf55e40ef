"""Full-text search over every page of every language, on SQLite FTS5 (standard library).

Each ``##`` section of each page is one row with five searched columns, weighted for BM25 as
title 10, heading 6, keywords 6, summary 3, body 1 (title > headings and keywords > body).
Text and queries go through :func:`rightsguide.core.search.textnorm.segment`, so search
ignores case, accents, Arabic harakat and tatweel, and apostrophe-like letters, and finds Chinese by
character pairs. The tokenizer counts marks as word characters, so Gurmukhi vowel signs stay
inside their words.

Query grammar: words separated by spaces or punctuation; all must match (AND); the last word
also matches as a prefix while typing (``bater`` finds ``batería``). FTS5 operators typed by
the user (``"``, ``*``, ``NEAR``, ``AND``, ``:``, parentheses) are plain text here, never syntax.
A single typed letter is not used as a prefix (it would match almost everything).
A word that the language's glossary lists under ``also`` also finds the glossary's term
(``grillete`` finds pages that say "grillete electrónico" and English "ankle monitor").

Scores are BM25 values from SQLite, negated so larger is better (typically 0.5 to 30).
Results: one hit per page (its best section), the reader's language first, then others. Each
language has its own FTS5 table (its own word statistics), so the reader's language is searched
on its own first, and other languages only when it gives fewer than ``MAX_HITS`` pages, one at a
time (the reader's fallback chain, then the registry's order) until the list is full: a
frequent word is scored in one language, not all, and the reader's pages are never crowded out
by better-scoring rows in other languages.

Storage (what the index file holds, and what a pack carries): one contentless FTS5 table per
language (FTS5 keeps no copy of the text), the body its first column (FTS5 marks positions in
any other column with the column's number); each page's locale, id, title and first rowid once;
and, per row, what a hit shows (its section's title and text) compressed on its own with zlib and
a preset dictionary of the language's most frequent words. A hit unpacks its section and makes
its snippet only when they are read: the window reads them for the results it lists.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import os
import re
import sqlite3
import stat
import time
import unicodedata
import zlib
from collections.abc import Callable, Iterable, Iterator, Sequence

from rightsguide.core.errors import ContentError, RightsGuideError
from rightsguide.core.search import textnorm

TYPE_CHECKING = False  # not typing's: importing typing costs a new process ~2 ms
if TYPE_CHECKING:
    from pathlib import Path  # (pathlib: ~3.5 ms; a cached index is opened without it)
    from typing import TypeVar

    T = TypeVar("T")  # (what SearchIndex._healing reads)

    from rightsguide.core.content.library import ContentLibrary
    from rightsguide.core.model import Page

# Building an index reads the content (YAML, markdown sections): those modules are imported
# when an index is built, not to search a cached one (``rightsguide search`` in a new process).
_BUILD_MODULES = (
    "hashlib",
    "logging",
    "rightsguide.core.content.frontmatter",
    "rightsguide.core.content.glossary",
    "rightsguide.core.content.sections",
    "rightsguide.core.content.yamlfile",
    "rightsguide.core.content.library",
    "rightsguide.core.content.locales",
)

RACY_SECONDS = 2  # a file this recently modified may change again within its time stamp
ABANDONED_BUILD_SECONDS = 3600  # a running build writes its temporary file far more often
SCHEMA = 18  # 6: glossary synonyms stored; 7: contentless FTS5 + shown rows (zlib);
# 8: one FTS5 table per language; 9: pages stored once; 10: each page's first rowid;
# 11: the body is the first column; 12: shown text compressed with a dictionary;
# 13: each language's FTS5 rowids from 1, leaves of 8100 bytes; 14: synonyms looked up by word
# 15: a dictionary per batch, made in the workers; 16: headings on one line, bounded patterns
# 17: emphasis and code marks stripped without a space (CJK text stays one phrase)
# 18: a finished index is marked (PRAGMA user_version = SCHEMA); only a marked file is opened
# (Still 18: list items' "- " stored as "• " for snippets. The words indexed are the same, so
# an older index and a pack's are still right; a kiosk would otherwise build one at each start
# until its next pack. Their snippets show "- " until the content changes.)
# The FTS5 columns, body first: FTS5 marks each position in any other column with its column
# number (two more bytes), and nearly every word is in a body. BM25 weights in that order:
# title 10, heading 6, keywords 6, summary 3, body 1.
COLUMNS = ("body", "title", "heading", "keywords", "summary")
WEIGHTS = (1.0, 10.0, 6.0, 6.0, 3.0)
MAX_HITS = 25
PROBE_ROWS = 3  # a language's matching rows looked at before ranking them (see _search)
RANKED_ROWS = 200  # rows of one language ranked at a time (more when they make too few pages)
SHOWN = 10  # hits the window shows at first (their snippets are made; the rest on demand)
MIN_PREFIX = 2  # one typed letter matches only the one-letter word, not every word
SNIPPET_CHARS = 90
TOKENIZE = "unicode61 remove_diacritics 2 categories 'L* N* Co M*'"
BUILD_HASH_BYTES = 32 << 20  # FTS5 memory for pending index entries while building
LEAF_BYTES = 8100  # FTS5's leaf size (its default, 4050, fits one 4 KB page)
# What building the index imports lazily, beyond this module: imported on the main thread before
# the index is built in a background thread, which must import nothing (rightsguide.core.threads).
BACKGROUND_IMPORTS: tuple[str, ...] = (
    "rightsguide.core.search.index",
    *_BUILD_MODULES,
    "encodings.utf_8_sig",  # codecs are imported on first use: page files are read as utf-8-sig
    # the worker-process path (ProcessPoolExecutor, "spawn"): imported when first used, so a
    # search in a new process (rightsguide search) does not pay for them
    "multiprocessing",
    "concurrent.futures",
    "concurrent.futures.process",
    "multiprocessing.synchronize",
    "multiprocessing.spawn",
    *(
        ("multiprocessing.popen_spawn_win32",)
        if os.name == "nt"
        else (
            "multiprocessing.resource_tracker",
            "multiprocessing.popen_spawn_posix",
            "multiprocessing.popen_fork",
            "_posixshmem",
        )
    ),
)
PARALLEL_MIN_PAGES = 1000  # more pages than this are prepared in worker processes
PARALLEL_BATCH = 250  # pages per task sent to a worker

# Building an index strips markdown with these; a search never does, so they are compiled when
# plain() is first called (compiling them costs a new process ~0.5 ms). (pattern, flags, repl):
_MD_NOISE_SOURCES: list[tuple[str, int, str]] = [
    # Bounded repeats (ids, link texts and addresses longer than these are left as written):
    # an unbounded one is rescanned to the end of the text from every "{#" or "![", so a
    # hostile page of "![![![..." would take minutes (quadratic); bounded, it is linear.
    (r"\{#[^}]{0,200}\}", 0, ""),
    (r"!\[([^\]]{0,500})\]\([^)]{0,2000}\)", 0, r"\1"),
    (r"\[([^\]]{0,500})\]\([^)]{0,2000}\)", 0, r"\1"),
    (r'^\s*!!!\s+\w+\s*(?:"([^"]*)")?', re.M, r"\1"),
    (r"^#+\s*", re.M, ""),
    # a list item's "* " is a "- " (below, a bullet), before emphasis marks go (not a rule)
    (r"^(\s*)\*(?=[ \t](?![-*+ \t]*$))", re.M, r"\1-"),
    # emphasis and code marks go without a trace ("或者**完全**认可" is one phrase, as shown);
    # underscores (snake_case), table bars and quote marks part words
    (r"[*`]+", 0, ""),
    (r"[_|>]+", 0, " "),
    (r"^\s*-{3,}\s*$|^\s*[-+:| ]+$", re.M, ""),  # rules, table rows, items of marks only
    # a list item's "- " or "+ " shows as a bullet in a snippet ("to: • ask the court")
    (r"^(\s*)[-+](?=[ \t])", re.M, "\\1\u2022"),
    (r"[ \t]+", 0, " "),
]
# What each pattern needs in the text to change anything: a pattern is skipped when the text has
# none of these (a plain ``in`` scan is much cheaper than a regex pass). Notes:
# - the ``---``/table-row pattern can only delete whitespace-only lines when there is no ``-``,
#   ``+`` or ``:`` (``|`` is gone by then), and such lines are dropped at the end anyway;
# - ``[ \t]+`` -> " " changes nothing unless there is a tab or two spaces in a row, and then
#   ``[ \t]{2,}|\t`` does the same with far fewer replacements.
_NEEDS = [
    ("{#",),
    ("![",),
    ("](",),
    ("!!!",),
    ("#",),
    ("* ", "*\t"),
    ("*", "`"),
    ("_", "|", ">"),
    ("-", ":", "+"),
    ("- ", "+ ", "-\t", "+\t"),
]
_SPACES_SOURCE = r"[ \t]{2,}|\t"
# plain()'s compiled patterns (with _NEEDS) and _SPACES_SOURCE's: empty until it is first called
_FAST_NOISE: list[tuple[re.Pattern[str], str, tuple[str, ...]]] = []
_SPACES: list[re.Pattern[str]] = []


def _compiled() -> tuple[list[tuple[re.Pattern[str], str, tuple[str, ...]]], re.Pattern[str]]:
    """plain()'s patterns, compiled on first use (a search in a new process strips no markdown).

    Two threads compiling them at once is harmless, and ``re`` imports nothing more for them
    (a background thread must import nothing: rightsguide.core.threads).
    """
    if not _SPACES:
        _FAST_NOISE[:] = [
            (re.compile(source, flags), repl, needs)
            for (source, flags, repl), needs in zip(_MD_NOISE_SOURCES, _NEEDS, strict=False)
        ]
        _SPACES[:] = [re.compile(_SPACES_SOURCE)]
    return _FAST_NOISE, _SPACES[0]


def plain(markdown_text: str) -> str:
    """Markdown reduced to its words, for indexing and snippets."""
    fast, spaces = (_FAST_NOISE, _SPACES[0]) if _SPACES else _compiled()
    text = markdown_text
    for pattern, repl, needs in fast:
        for needle in needs:
            if needle in text:
                text = pattern.sub(repl, text)
                break
    if "  " in text or "\t" in text:
        text = spaces.sub(" ", text)
    return "\n".join([line for line in map(str.strip, text.splitlines()) if line])


class SearchHit:
    """One page that matches, with its best section.

    A hit is an immutable value, compared and hashed by value like a frozen dataclass (written
    out by hand: importing ``dataclasses`` costs a new process ~7 ms, most of it ``inspect``).
    Its ``section_title``, ``snippet`` (plain text around the first match) and ``highlights``
    (``(start, end)`` of the matched words in the snippet) are unpacked and made the first time
    one is read: the window lists every hit but shows only those on screen (:data:`SHOWN` at
    first).
    """

    __slots__ = ("_made", "_score", "_source", "anchor", "locale", "page_id", "page_title")

    locale: str
    page_id: str
    anchor: str  # "" when the best match is the page's lead or title
    page_title: str
    _score: float | Callable[[], float]  # a function until first read (see SearchIndex._search)
    _source: tuple[bytes, bytes, tuple[str, ...]]  # stored section, dictionary, words
    _made: tuple[str, str, tuple[tuple[int, int], ...]] | None  # title, snippet, highlights

    def __init__(
        self,
        locale: str,
        page_id: str,
        *,
        anchor: str,
        page_title: str,
        source: tuple[bytes, bytes, tuple[str, ...]],
        score: float | Callable[[], float],
    ) -> None:
        """A hit; ``source``: its section as stored, the language's dictionary, the words.

        ``score``: the page's score, or what gives it when it is first read.
        """
        put = object.__setattr__
        put(self, "locale", locale)
        put(self, "page_id", page_id)
        put(self, "anchor", anchor)
        put(self, "page_title", page_title)
        put(self, "_score", score)
        put(self, "_source", source)
        put(self, "_made", None)

    if not TYPE_CHECKING:  # hidden from mypy, which would then allow any attribute to be set

        def __setattr__(self, name: str, value: object) -> None:
            raise AttributeError(f"cannot assign to field {name!r}")

        def __delattr__(self, name: str) -> None:
            raise AttributeError(f"cannot delete field {name!r}")

    def _unpack(self) -> tuple[str, str, tuple[tuple[int, int], ...]]:
        made = self._made
        if made is None:
            stored, dictionary, words = self._source
            title, body = _unpacked(stored, dictionary) if stored else ("", "")
            made = (title, *snippet_for(body or title or self.page_title, list(words)))
            object.__setattr__(self, "_made", made)
        return made

    @property
    def score(self) -> float:
        """The page's BM25 score in its language: its best matching row's (higher is better)."""
        score = self._score
        if callable(score):
            score = score()
            object.__setattr__(self, "_score", score)
        return score

    @property
    def section_title(self) -> str:
        """The title of the section the hit opens ("" for the page's top)."""
        return self._unpack()[0]

    @property
    def snippet(self) -> str:
        """Plain text around the first match."""
        return self._unpack()[1]

    @property
    def highlights(self) -> tuple[tuple[int, int], ...]:
        """(start, end) of the matched words in :attr:`snippet`."""
        return self._unpack()[2]

    _FIELDS = (
        "locale",
        "page_id",
        "anchor",
        "page_title",
        "section_title",
        "snippet",
        "highlights",
        "score",
    )

    def _fields(self) -> tuple[object, ...]:
        return tuple(getattr(self, name) for name in self._FIELDS)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, SearchHit) or other.__class__ is not self.__class__:
            return NotImplemented
        return self._fields() == other._fields()

    def __hash__(self) -> int:
        return hash(self._fields())

    def __repr__(self) -> str:
        inner = ", ".join(f"{name}={getattr(self, name)!r}" for name in self._FIELDS)
        return f"{self.__class__.__qualname__}({inner})"


def _indexed_files(library: ContentLibrary) -> list[Path]:
    from rightsguide.core.content import glossary

    files: list[Path] = []
    for loc in library.registry.all():
        for pid in sorted(library.page_ids(loc.code)):
            path = library.path_of(pid, loc.code)
            if path is not None:
                files.append(path)
        files.append(library.root / loc.code / glossary.FILE_NAME)
    return files


def content_fingerprint(library: ContentLibrary, cache_dir: Path | None = None) -> str:
    """A hash of every page and glossary file's bytes (the cache key of an index).

    (See :func:`_fingerprint`, which also gives the files' status key it was taken with.)
    """
    return _fingerprint(library, cache_dir)[0]


def _fingerprint(library: ContentLibrary, cache_dir: Path | None) -> tuple[str, str | None]:
    """(:func:`content_fingerprint`, the files' status key then: None without a cache).

    With a ``cache_dir``, the files' names, sizes and modification times are looked at first,
    as git's index does: when none of them changed since the hash was last computed, the hash
    kept beside the cache is used and no file is read. A file modified in the last two seconds
    is never trusted that way (its next edit could keep the same time stamp).
    """
    source = library.source
    stats = None  # each file with its status, looked up once (a folder on disk, with a cache)
    stamp = None
    if cache_dir is not None and source.live:
        stats = _file_stats(_indexed_files(library))
        files = [path for path, _st in stats]
        stamp = _stat_key(library.root, stats)
        known = cache_dir / f"stat-{stamp[:32]}"
        try:
            value = known.read_text(encoding="ascii").strip() if known.is_file() else ""
        except (OSError, UnicodeDecodeError):  # a cache folder that cannot be read: hash
            value = ""
        if re.fullmatch(r"[0-9a-f]{64}", value):
            return value, stamp
    else:
        files = [p for p in _indexed_files(library) if source.is_file(p)]
    import hashlib  # here: a cached index opened by rightsguide.core.search.quick needs none

    digest = hashlib.sha256(f"schema{SCHEMA}".encode())
    for path in files:
        digest.update(str(path.relative_to(library.root)).encode())
        digest.update(_file_bytes(path) if source.live else source.read_bytes(path))
    value = digest.hexdigest()
    if cache_dir is not None and stats is not None and stamp is not None and _settled(stats):
        _remember(cache_dir, f"stat-{stamp[:32]}", value)
    return value, stamp


def _file_stats(paths: list[Path]) -> list[tuple[Path, os.stat_result]]:
    """The regular files among ``paths`` (as ``Path.is_file`` says), each with its status."""
    found = []
    for path in paths:
        try:
            st = path.stat()
        except (OSError, ValueError):
            continue
        if stat.S_ISREG(st.st_mode):
            found.append((path, st))
    return found


def _stat_key(root: Path, stats: list[tuple[Path, os.stat_result]]) -> str:
    import hashlib

    digest = hashlib.sha256(f"schema{SCHEMA}:{root.resolve()}".encode())
    for path, st in stats:
        line = f"{path.relative_to(root)}\0{file_key(st)}\n"
        digest.update(line.encode())
    return digest.hexdigest()


def file_key(st: os.stat_result) -> str:
    """What says a file changed without reading it, as git's index keeps it.

    Size and modification time alone miss a copy that keeps them (``cp -p``, ``rsync -a``,
    ``tar x``, ``touch -d``); the inode and the status change time (which no program can set
    back) do not.
    """
    return f"{st.st_size}\0{st.st_mtime_ns}\0{st.st_ino}\0{st.st_ctime_ns}"


def _settled(stats: list[tuple[Path, os.stat_result]]) -> bool:
    """True when no file was modified in the last two seconds (see content_fingerprint)."""
    newest = max((st.st_mtime for _path, st in stats), default=0.0)
    return time.time() - newest > RACY_SECONDS


def _remember(cache_dir: Path, name: str, value: str) -> None:
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        for old in cache_dir.glob("stat-*"):
            old.unlink(missing_ok=True)
        replace_file(cache_dir / name, value.encode("ascii"))
    except OSError:
        pass  # a cache that cannot be written only costs time


def _own_temporary(target: Path) -> Path:
    """A temporary file's name for ``target``, this process's own: ``<name>.<pid>-<random>.tmp``.

    (:func:`_process_runs` reads the process's number back.)
    """
    return target.with_name(f"{target.name}.{os.getpid()}-{os.urandom(4).hex()}.tmp")


def replace_file(target: Path, data: bytes) -> None:
    """Write ``target`` whole: a new file of this process's own, renamed into place.

    The new file is created exclusively, never through a link someone put at its name, so the
    bytes land in the cache folder and nowhere else. Raises OSError.
    """
    tmp = _own_temporary(target)
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    fd = os.open(tmp, flags, 0o600)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        tmp.replace(target)
    except BaseException:
        _remove(tmp)
        raise


def _file_bytes(path: Path) -> bytes:
    """A file's bytes for the fingerprint; an unreadable file (one broken page) is hashed as such.

    It must not stop the index: the page is left out of the results, and ``check`` reports it.
    """
    from rightsguide.core.content import frontmatter, yamlfile

    try:
        return yamlfile.read_bytes(path, frontmatter.MAX_FILE_BYTES)
    except ContentError as exc:
        return f"\0unreadable: {exc.message}".encode()


Row = tuple[str, ...]


def _page_rows(locale: str, page_id: str, page: Page) -> list[Row]:
    """The index rows of one page: the page (title, keywords, summary, lead), then sections.

    Each ``##`` section and each ``###`` subsection with an id is a row of its own.
    """
    from rightsguide.core.content import sections

    meta = page.meta
    parts = sections.split_sections(page.body, subsections=True)
    lead = plain(parts.pop(sections.LEAD, ""))
    # the page row: title, keywords and summary count once per page, not per section
    rows: list[Row] = [
        (
            locale,
            page_id,
            "",
            meta.title,
            "",
            lead or meta.summary,
            textnorm.segment(meta.title),
            "",
            textnorm.segment(" ".join(meta.keywords)),
            textnorm.segment(meta.summary),
            textnorm.segment(lead),
        )
    ]
    for key, text in parts.items():
        heading, _, rest = text.partition("\n")
        # one line: plain() splits at every line break str.splitlines() knows (\x85, \u2028...),
        # and the stored title ends at the first "\n"
        heading_text, body = plain(heading).replace("\n", " "), plain(rest)
        rows.append(
            (
                locale,
                page_id,
                key,
                meta.title,
                heading_text,
                body,
                "",
                textnorm.segment(heading_text),
                "",
                "",
                textnorm.segment(body),
            )
        )
    return rows


# A batch of prepared rows: the rows (their shown title and text emptied), the dictionary their
# shown text is compressed with, and each row's compressed shown text.
Batch = tuple[list[Row], bytes, list[bytes]]
PageRef = tuple[str, str, "Path"]  # (locale, page id, file)


def _packed_batch(rows: list[Row]) -> Batch:
    """Compress a batch's shown text with a dictionary of its most frequent words."""
    words = _dictionary(f"{r[4]}\n{r[5]}" for r in rows)  # from its first rows
    packer = _packer(words)
    packed = [_packed(r[4], r[5], packer) for r in rows]
    return [(*r[:4], "", "", *r[6:]) for r in rows], words, packed


def _prepare_pages(root: Path, pages: list[PageRef]) -> Batch:
    """Load and prepare a batch of pages (runs in a worker process, or here as a fallback)."""
    from rightsguide.core.content.library import ContentLibrary
    from rightsguide.core.content.locales import LocaleRegistry

    loader = ContentLibrary(root, LocaleRegistry([], ""))  # parses files; lists none
    rows: list[Row] = []
    for locale, page_id, path in pages:
        try:
            page = loader.load_file(path, locale, page_id)
        except ContentError:
            continue  # a broken page is not searchable; check reports it
        rows += _page_rows(locale, page_id, page)
    return _packed_batch(rows)


def _batches(pages: list[PageRef]) -> list[list[PageRef]]:
    """Pages in batches of one language each, at most ``PARALLEL_BATCH`` pages, in order."""
    out: list[list[PageRef]] = []
    for _locale, group in itertools.groupby(pages, key=lambda page: page[0]):
        language = list(group)
        out += [language[i : i + PARALLEL_BATCH] for i in range(0, len(language), PARALLEL_BATCH)]
    return out


def _batches_in_processes(root: Path, batches: list[list[PageRef]]) -> Iterator[Batch]:
    """The prepared batches, on every core, in order.

    Processes are started with "spawn", never "fork": the index is built in a background thread
    of the Qt application. If the pool cannot start or breaks, the remaining batches are prepared
    in this process, so the rows are the same either way.
    """
    import concurrent.futures  # here, not at start: see BACKGROUND_IMPORTS
    import multiprocessing
    from concurrent.futures.process import BrokenProcessPool

    done = 0
    try:
        workers = min(os.cpu_count() or 1, len(batches), 4)
        context = multiprocessing.get_context("spawn")
        with concurrent.futures.ProcessPoolExecutor(
            workers, mp_context=context, initializer=_end_with_parent, initargs=(os.getpid(),)
        ) as pool:
            for batch in pool.map(_prepare_pages, [root] * len(batches), batches):
                done += 1
                yield batch
    except (OSError, BrokenProcessPool) as exc:
        import logging

        logging.getLogger(__name__).warning(
            "search index: worker processes failed (%s); preparing pages here", exc
        )
    for pages in batches[done:]:
        yield _prepare_pages(root, pages)


PARENT_CHECK_SECONDS = 1.0  # how often a worker process looks whether the app still runs


def _end_with_parent(parent: int) -> None:
    """In a worker process: end it when the process that started it has ended.

    A killed app (or a `rightsguide search` stopped with Ctrl+C) would otherwise leave its
    workers waiting for ever to hand back a batch nobody reads.
    """
    import threading  # (a worker process: no Qt here, nothing to deadlock with)

    stop = threading.Event()
    threading.Thread(
        target=_watch_parent, args=(parent, stop.wait), name="parent-watch", daemon=True
    ).start()


def _watch_parent(parent: int, wait: Callable[[float], bool]) -> None:
    """Call ``os._exit`` once this process's parent is no longer ``parent``."""
    while os.getppid() == parent:
        wait(PARENT_CHECK_SECONDS)
    os._exit(1)


def _file_name(fingerprint: str) -> str:
    """The name of the cache file of the index of the content with this fingerprint."""
    return f"search-{fingerprint[:32]}.sqlite"


def _ranked_sql(table: int) -> str:
    """One language's next :data:`RANKED_ROWS` best rows after ``?2``: (rowid, score).

    Each page's score is its best row's; the section a hit opens is its best matching
    section, else the page's top (its first row: title, keywords, summary and lead).
    """
    weights = ", ".join(map(str, WEIGHTS))
    return (
        f"SELECT rowid, -bm25(docs_{table}, {weights}) AS score FROM docs_{table} "
        f"WHERE docs_{table} MATCH ?1 ORDER BY score DESC LIMIT {RANKED_ROWS} OFFSET ?2"
    )


def _best_sql(table: int) -> str:
    """The best score, as :func:`_ranked_sql` gives it, of one language's rows ``?2`` to ``?3``."""
    weights = ", ".join(map(str, WEIGHTS))
    return (
        f"SELECT -bm25(docs_{table}, {weights}) AS score FROM docs_{table} "
        f"WHERE docs_{table} MATCH ?1 AND rowid BETWEEN ?2 AND ?3 ORDER BY score DESC LIMIT 1"
    )


def _probe_sql(table: int) -> str:
    """One language's first rows that match ``?1``, by rowid.

    Enough to see whether they are one page's own row and at most one of its sections: then
    nothing needs ranking (see :meth:`SearchIndex._search`).
    """
    return f"SELECT rowid FROM docs_{table} WHERE docs_{table} MATCH ?1 LIMIT {PROBE_ROWS}"


# A phrase the warm-up searches for: the statement and its table matter, not its hits.
_NO_TERM = '"rightsguidewarmup"'


def _connect(target: Path | str) -> sqlite3.Connection:
    """A connection usable from the thread that searches, whichever thread built the index.

    The index may be built in a background thread (:meth:`Guide.prepare_search`); it is only
    ever used by one thread at a time (the guide hands it over under a lock).
    """
    return sqlite3.connect(target, check_same_thread=False)


def _vocab_view(languages: int) -> str:
    """The ``vocab`` view of an index of ``languages`` languages (the one view it has)."""
    every = " UNION ALL ".join(f"SELECT term, doc, cnt FROM vocab_{n}" for n in range(languages))
    return (
        "CREATE VIEW vocab AS SELECT term, sum(doc) AS doc, sum(cnt) AS cnt "
        f"FROM ({every or 'SELECT NULL AS term, 0 AS doc, 0 AS cnt'}) GROUP BY term"
    )


_TABLES = ("langs", "synonyms", "pages", "shown", "dictionaries")
_FTS5_PARTS = ("data", "idx", "docsize", "config")  # the tables FTS5 keeps a table in


def _check_schema(db: sqlite3.Connection) -> None:
    """Raise sqlite3.DatabaseError unless ``db`` holds only what :meth:`SearchIndex._build` makes.

    An index from a pack is opened from its bytes, which a signer's broken or hostile tool
    could have made: a view named like a table (one that never ends), a trigger, another
    virtual table. Only the tables, the FTS5 and fts5vocab tables of each language, their
    indexes and the ``vocab`` view, exactly as built, are accepted.
    """
    rows = db.execute("SELECT type, name, sql FROM sqlite_master").fetchall()
    kinds = {str(name): str(kind) for kind, name, _sql in rows}
    if any(kinds.get(name) != "table" for name in _TABLES):
        raise sqlite3.DatabaseError("not a search index: its tables are not tables")
    languages = int(db.execute("SELECT count(*) FROM langs").fetchone()[0])
    allowed = dict.fromkeys(_TABLES, "table")
    for n in range(languages):
        allowed[f"docs_{n}"] = allowed[f"vocab_{n}"] = "table"
        allowed.update({f"docs_{n}_{part}": "table" for part in _FTS5_PARTS})
    allowed["vocab"] = "view"
    for kind, name, sql in rows:
        if kind == "index" and str(name).startswith("sqlite_autoindex_"):
            continue
        if allowed.get(str(name)) != kind:
            raise sqlite3.DatabaseError(f"not a search index: a {kind} {name!r}")
        if kind == "view" and sql != _vocab_view(languages):
            raise sqlite3.DatabaseError("not a search index: its vocab view was changed")


# What a damaged or crafted index raises while it is searched (a value of the wrong type, a
# row that is not there, a dictionary that does not inflate): the index is built again.
_DAMAGED = (sqlite3.DatabaseError, zlib.error, KeyError, IndexError, TypeError, ValueError)

SQL_STEP_CHUNK = 10_000  # SQLite program steps between two looks at the budget
# A search may take 5,000 chunks (50 million steps): the synthetic corpus's slowest takes 5.
SQL_BUDGET_CHUNKS = 5_000


def _bounded(db: sqlite3.Connection) -> list[int]:
    """Stop any statement on ``db`` past the budget: the budget's counter, to refill per search.

    A statement stopped raises sqlite3.OperationalError ("interrupted"): what a crafted file
    gets (a recursive view, a huge join) instead of a window that never answers again.
    """
    left = [SQL_BUDGET_CHUNKS]

    def over() -> int:
        left[0] -= 1
        return 1 if left[0] < 0 else 0

    db.set_progress_handler(over, SQL_STEP_CHUNK)
    return left


def _opened(path: Path) -> sqlite3.Connection:
    """The finished index in the cache file ``path``.

    Raises:
        sqlite3.DatabaseError: the file is damaged, of another schema, or not finished (a build
            marks its file last, just before it is renamed into place), or gone (SQLite then
            makes an empty one, which is not finished either).
    """
    db = _connect(path)
    _bounded(db)
    try:
        _check_complete(db)
    except sqlite3.DatabaseError:
        db.close()
        raise
    return db


def _check_complete(db: sqlite3.Connection) -> None:
    """Raise sqlite3.DatabaseError unless ``db`` is a finished index of this :data:`SCHEMA`."""
    mark = db.execute("PRAGMA user_version").fetchone()[0]
    if mark != SCHEMA:
        raise sqlite3.DatabaseError(f"not a finished search index of schema {SCHEMA}: {mark}")
    db.execute("SELECT count(*) FROM langs").fetchone()  # (a planted file with the mark only)


def _remove(path: Path) -> None:
    """Delete ``path`` if it is there and can be deleted (a file open on Windows cannot)."""
    try:
        path.unlink(missing_ok=True)
    except OSError:  # left for a later build to remove
        return


def _remove_other_indexes(cache_dir: Path, keep: Path) -> None:
    """Delete the cached indexes of other content (never trusted) but ``keep``.

    ``keep``, the index of this content, may have been put there by another process's build
    since this one found no such file.
    """
    for old in cache_dir.glob("search-*.sqlite"):
        if old != keep:
            _remove(old)


def _remove_abandoned_builds(cache_dir: Path) -> None:
    """Delete the temporary files of builds that were stopped (the app closed or killed).

    A build's file is named after its process (``search-<content>.<pid>-<random>.tmp``). On
    Windows a file still being built is open and cannot be deleted; elsewhere it is kept while
    its process runs, unless nothing has written to it for :data:`ABANDONED_BUILD_SECONDS`
    (its number may have been given to a new process).
    """
    now = time.time()
    for tmp in cache_dir.glob("search-*.tmp"):
        try:
            if _abandoned(tmp, now):
                tmp.unlink()
        except OSError:  # gone already, or open (Windows): left for a later build
            continue


def _abandoned(tmp: Path, now: float) -> bool:
    """Whether ``tmp`` is the temporary file of a build that was stopped (raises OSError)."""
    if os.name != "posix":
        return True  # a build still running has its file open, and deleting it fails
    if now - tmp.stat().st_mtime > ABANDONED_BUILD_SECONDS:
        return True
    return not _process_runs(tmp.name)


def _process_runs(name: str) -> bool:
    """Whether the process a build's temporary file is named after still runs (POSIX)."""
    try:
        pid = int(name.rsplit(".", 2)[1].split("-", maxsplit=1)[0])
    except (IndexError, ValueError):
        return True  # not named by a build of this version: only its age counts
    if pid == os.getpid():
        return True  # another build in this process (a thread)
    try:
        os.kill(pid, 0)  # signal 0: only asks whether it exists
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # another user's process
    return True


MAX_QUERY_WORDS = 16  # more is no search anyone types, and FTS5's AND of n words costs n^2


def query_words(query: str) -> list[str]:
    """The words searched for: each once, the first :data:`MAX_QUERY_WORDS` of them.

    A pasted page or a word typed a thousand times would otherwise keep SQLite busy for
    seconds to minutes on each keystroke ("the" 4,000 times: 25 s).
    """
    return list(dict.fromkeys(textnorm.words(query)))[:MAX_QUERY_WORDS]


def _quoted(phrase: str) -> str:
    """A glossary phrase as an FTS5 string (a ``"`` in it doubled: plain text, never syntax)."""
    return '"' + phrase.replace('"', '""') + '"'


class SearchIndex:
    """An FTS5 index of a content library, in memory or in a cache file."""

    def __init__(
        self,
        library: ContentLibrary,
        cache_dir: Path | None = None,
        *,
        prebuilt: bytes | None = None,
    ) -> None:
        """Open the cached index for this exact content, or build it (and cache it when allowed).

        ``cache_dir`` None keeps everything in memory (kiosk mode writes nothing to disk).
        ``prebuilt``: the index a signed pack carries (:meth:`to_bytes` when the pack was
        built), opened in memory instead of building one.
        """
        self._library = library
        self.fingerprint, self._stamp = _fingerprint(library, cache_dir)
        cached = cache_dir is not None and prebuilt is None
        self.path = cache_dir / _file_name(self.fingerprint) if cached and cache_dir else None
        self._chains: dict[str, list[str]] | None = None  # None: the library's registry's
        if prebuilt is not None:
            try:
                self._db, self.built = self._deserialized(prebuilt), False
                self._loaded()
                self._warm()
                return
            except _DAMAGED:
                pass  # damaged or not as built: one is built here from the verified pages
        self._db, self.built = self._open(cache_dir)
        self._loaded()
        self._warm()

    @classmethod
    def open_file(cls, uri: str, chains: dict[str, list[str]]) -> SearchIndex:
        """A cached index file, given as a ``file:`` URI, opened read-only without its library.

        ``chains``: each language's fallback chain (:meth:`LocaleRegistry.chain`), which
        orders the other languages' hits. What ``rightsguide search`` uses when
        :mod:`rightsguide.core.search.quick` knows the content has not changed.

        Raises:
            sqlite3.DatabaseError: the file is missing, damaged or not an index.
        """
        index = cls.__new__(cls)  # no library: nothing here may build or fingerprint
        index._db = sqlite3.connect(uri + "?mode=ro", uri=True)
        try:
            _check_complete(index._db)
        except sqlite3.DatabaseError:
            index._db.close()
            raise
        index.fingerprint, index.built, index.path = "", False, None
        index._chains = chains
        index._loaded()
        return index

    def _loaded(self) -> None:
        """Read what every search needs from the opened database."""
        self._budget = _bounded(self._db)
        self._synonyms: dict[str, tuple[str, ...]] = {}  # looked up when a query uses a word
        self._tables: dict[str, int] = {}  # locale -> its FTS5 table's number
        self._bases: dict[int, int] = {}  # table number -> its rowids' base (rowid + base: id)
        for code, n, base in self._db.execute("SELECT code, n, base FROM langs ORDER BY n"):
            self._tables[str(code)], self._bases[int(n)] = int(n), int(base)
        # locale -> the tables to search, in order: their queries and rowid base
        self._orders: dict[str, list[tuple[str, str, str, int]]] = {}
        self._starts: list[int] | None = None  # read on the first search
        self._dictionary_starts: list[int] | None = None  # each dictionary's first rowid
        self._dictionaries: dict[int, bytes] = {}  # first rowid -> that dictionary

    def _warm(self) -> None:
        """Do now what a search would do the first time it meets each language.

        The first statement on each FTS5 table connects it (FTS5 reads its configuration and
        makes its tokenizer: ~0.1 ms a table), and a batch's dictionary is unpacked for its
        first snippet (~0.2 ms): a first search whose hits came from many languages paid
        both, several milliseconds for the synthetic corpus's 51. Done while the index is
        opened (the window opens it in a background thread after the first paint), so that
        the first search costs what any other does (a word's synonyms are still looked up when
        a search first uses it). Not for :meth:`open_file`, which answers one search.
        """
        self._healing(lambda: self._in_transaction(self._warm_once))

    def _warm_once(self) -> None:
        for n in self._bases:
            self._db.execute(_probe_sql(n), (_NO_TERM,)).fetchall()
            self._db.execute(_ranked_sql(n), (_NO_TERM, 0)).fetchall()
        self._page_starts()
        for first, words in self._db.execute("SELECT first, words FROM dictionaries ORDER BY 1"):
            self._dictionaries[int(first)] = _dictionary_of(words)
        self._dictionary_starts = list(self._dictionaries)  # (in order: read so)

    @staticmethod
    def _deserialized(data: bytes) -> sqlite3.Connection:
        db = _connect(":memory:")
        db.deserialize(data)
        db.execute("PRAGMA trusted_schema = OFF")  # (nothing in its schema runs a function)
        _bounded(db)
        try:
            _check_complete(db)
            _check_schema(db)
        except sqlite3.DatabaseError:
            db.close()
            raise
        return db

    def to_bytes(self) -> bytes:
        """The whole index as one SQLite database image (what a pack carries)."""
        return self._db.serialize()

    def _open(self, cache_dir: Path | None) -> tuple[sqlite3.Connection, bool]:
        if cache_dir is None:
            return self._in_memory(), True
        path = cache_dir / _file_name(self.fingerprint)
        if path.is_file():
            try:
                db = _opened(path)
            except sqlite3.DatabaseError:
                _remove(path)  # damaged, or never finished: built again below
            else:
                _remove_abandoned_builds(cache_dir)
                return db, False
        try:
            uncached = self._build_file(cache_dir, path)
            return (uncached or _opened(path)), True
        except (OSError, sqlite3.Error):
            # A cache that cannot be written (a read-only or full disk), or an index another
            # process removed again meanwhile: this one stays in memory (search works; the next
            # start tries the cache again).
            return self._in_memory(), True

    def _in_memory(self) -> sqlite3.Connection:
        db = _connect(":memory:")
        self._build(db)
        return db

    def _content_moved(self) -> bool:
        """Whether a content file changed since the fingerprint was taken (a folder on disk)."""
        if self._stamp is None:
            return False
        stats = _file_stats(_indexed_files(self._library))
        return _stat_key(self._library.root, stats) != self._stamp

    def _build_file(self, cache_dir: Path, path: Path) -> sqlite3.Connection | None:
        """Build the index into the cache file ``path`` (raises OSError, sqlite3.Error).

        None once it is there; the index itself when it must not be cached.
        """
        cache_dir.mkdir(parents=True, exist_ok=True)
        _remove_other_indexes(cache_dir, keep=path)
        _remove_abandoned_builds(cache_dir)
        # A temporary file of this build's own: the window and `rightsguide search` may build
        # the same index at the same time, and neither may move the other's half-written file
        # into place. Used only once complete (marked, then renamed below): no journal, no
        # waiting for the disk at each language's commit.
        tmp = _own_temporary(path.with_suffix(""))
        try:
            db = sqlite3.connect(tmp)
            try:
                db.execute("PRAGMA journal_mode = OFF")
                db.execute("PRAGMA synchronous = OFF")
                self._build(db)
            finally:
                db.close()
            if self._content_moved():
                # A page changed while it was read: this index is not of the content the
                # fingerprint names, so it is not cached; this process searches what it read.
                return _connect(tmp)
            try:
                tmp.replace(path)
            except OSError:
                if not path.is_file():
                    raise
                # (Windows) another build put it there first and has it open: that one is used
        finally:
            _remove(tmp)  # (a file still open stays readable until it is closed)
        return None

    def _prepared(self) -> Iterable[Batch]:
        """Every row of the index, in batches with their shown text compressed.

        The order is fixed: pages in registry and file order.
        """
        lib = self._library
        pages = [
            (loc.code, page_id, path)
            for loc in lib.registry.all()
            for page_id in lib.page_ids(loc.code)
            if (path := lib.path_of(page_id, loc.code)) is not None
        ]
        batches = _batches(pages)
        parallel = len(pages) > PARALLEL_MIN_PAGES and (os.cpu_count() or 1) > 1
        if parallel and lib.source.live:  # workers read files; a pack's bytes are here only
            yield from _batches_in_processes(lib.root, batches)
            return
        for batch in batches:
            rows: list[Row] = []
            for locale, page_id, _path in batch:
                try:
                    page = lib.page(page_id, locale)
                except ContentError:
                    continue  # a broken page is not searchable; check reports it
                rows += _page_rows(locale, page_id, page)
            yield _packed_batch(rows)

    def _build(self, db: sqlite3.Connection) -> None:
        db.executescript("""
            CREATE TABLE langs(
                n INTEGER PRIMARY KEY, code TEXT NOT NULL UNIQUE, base INTEGER DEFAULT 0);
            CREATE TABLE synonyms(word TEXT, phrase TEXT, PRIMARY KEY (word, phrase))
                WITHOUT ROWID;
            CREATE TABLE pages(
                n INTEGER PRIMARY KEY, locale TEXT, page_id TEXT, page_title TEXT,
                first INTEGER, anchors TEXT);
            CREATE TABLE shown(id INTEGER PRIMARY KEY, text BLOB);
            CREATE TABLE dictionaries(first INTEGER PRIMARY KEY, words BLOB NOT NULL);
        """)
        codes = [loc.code for loc in self._library.registry.all()]
        for n, code in enumerate(codes):
            db.execute("INSERT INTO langs(n, code) VALUES (?, ?)", (n, code))
            db.executescript(f"""
                CREATE VIRTUAL TABLE docs_{n} USING fts5(
                    {", ".join(COLUMNS)},
                    content = '', tokenize = "{TOKENIZE}");
                CREATE VIRTUAL TABLE vocab_{n} USING fts5vocab(docs_{n}, row);
            """)
            # FTS5 flushes its in-memory term table to a new segment every 1 MB by default,
            # then merges the segments; a larger table writes a language in one go.
            db.execute(
                f"INSERT INTO docs_{n}(docs_{n}, rank) VALUES('hashsize', ?)", (BUILD_HASH_BYTES,)
            )
            # Leaves of two 4 KB SQLite pages (the default fills one): fewer leaf headers and
            # half-empty pages (1.5 % smaller on the synthetic corpus).
            db.execute(f"INSERT INTO docs_{n}(docs_{n}, rank) VALUES('pgsz', ?)", (LEAF_BYTES,))
        # every language's words with their row counts (for tools; suggestions read vocab_N)
        db.execute(_vocab_view(len(codes)))
        pairs = sorted((w, p) for w, phrases in self._load_synonyms().items() for p in phrases)
        db.executemany("INSERT INTO synonyms VALUES (?, ?)", pairs)
        table = {code: n for n, code in enumerate(codes)}
        # The index keeps only what is searched (contentless: FTS5 stores no copy of the
        # normalised text). A page's locale, id, title, first rowid (its rows are consecutive:
        # the page's own, then its sections) and its sections' anchors are in ``pages``; what
        # a row shows is in ``shown``: its title and text compressed with a dictionary of the
        # most frequent words of its batch (up to PARALLEL_BATCH pages of one language; zlib's
        # preset dictionary: a section alone is too short to compress well), whose first rowid
        # keys it in ``dictionaries``. (One row per page would be smaller to list but larger to
        # store: SQLite fits only two rows of 1-2 KB in a 4 KB page.) Rows come language by
        # language; each language's terms are written when it ends.
        page_n = rowid = 0
        bases: dict[str, int] = {}
        for rows, words, packed in self._prepared():  # one language's pages in each batch
            if not rows:
                continue
            code = rows[0][0]
            n = table[code]
            if code not in bases:
                db.commit()  # the previous language's pending terms go to disk now
                # A language's FTS5 rowids count from 1 (each row's id less the language's
                # base): each word's list of rows starts with a small number.
                bases[code] = rowid
                db.execute("UPDATE langs SET base = ? WHERE n = ?", (rowid, n))
            base = bases[code]
            db.execute(
                "INSERT INTO dictionaries VALUES (?, ?)", (rowid + 1, zlib.compress(words, 9))
            )
            pages: list[tuple[object, ...]] = []
            shown: list[tuple[object, ...]] = []
            searched: list[tuple[object, ...]] = []
            numbered = list(enumerate(zip(rows, packed, strict=True), start=rowid + 1))
            for page_id, group in itertools.groupby(numbered, key=lambda item: item[1][0][1]):
                sections = [(i, r, text) for i, (r, text) in group]
                first, top, _text = sections[0]
                page_n += 1
                anchors = "\n".join(r[2] for _i, r, _t in sections[1:])  # ids hold no spaces
                pages.append((page_n, code, page_id, top[3], first, anchors))
                shown += [(i, text) for i, _r, text in sections]
                searched += [(i - base, r[10], *r[6:10]) for i, r, _t in sections]
            self._write(db, n, (pages, shown, searched))
            rowid += len(rows)
        db.execute(f"PRAGMA user_version = {SCHEMA}")  # finished (see _opened)
        db.commit()

    @staticmethod
    def _write(
        db: sqlite3.Connection, table: int, pending: tuple[list[tuple[object, ...]], ...]
    ) -> None:
        """Insert one language's pending pages, shown rows and searched rows; forget them."""
        pages, shown, searched = pending
        db.executemany("INSERT INTO pages VALUES (?,?,?,?,?,?)", pages)
        db.executemany("INSERT INTO shown VALUES (?,?)", shown)
        db.executemany(
            f"INSERT INTO docs_{table}(rowid, {', '.join(COLUMNS)}) VALUES (?,?,?,?,?,?)", searched
        )
        for rows in pending:
            rows.clear()

    def _synonyms_of(self, word: str) -> tuple[str, ...]:
        """The phrases a normalised word (or words) also finds, sorted (glossary ``also``).

        Stored in the index when it was built (no YAML to read); looked up per word and kept,
        so opening an index reads none of them.
        """
        found = self._synonyms.get(word)
        if found is None:
            rows = self._db.execute("SELECT phrase FROM synonyms WHERE word = ?", (word,))
            found = self._synonyms[word] = tuple(str(r[0]) for r in rows)  # in phrase order
        return found

    def _load_synonyms(self) -> dict[str, set[str]]:
        """Normalised everyday word -> phrases it should also find (any language)."""
        from rightsguide.core.content import glossary

        found: dict[str, set[str]] = {}
        for loc in self._library.registry.all():
            path = self._library.root / loc.code / glossary.FILE_NAME
            source = self._library.source
            try:
                terms = glossary.load_cached(path, source) if source.is_file(path) else []
            except ContentError:
                continue
            for entry in terms:
                targets = {textnorm.segment(w).strip() for w in (entry.term, *entry.use)}
                targets.discard("")  # a term of punctuation only ("’") finds nothing
                for word in entry.also:
                    if targets and (key := textnorm.segment(word).strip()):
                        found.setdefault(key, set()).update(targets)
        return found

    def _match_expression(self, words: list[str], prefix: bool) -> str:
        if not words:
            return ""
        whole = " ".join(words)
        parts = []
        for i, word in enumerate(words):
            last = i == len(words) - 1
            star = (
                "*"
                if prefix and last and (len(word) >= MIN_PREFIX or textnorm.is_cjk(word))
                else ""
            )
            options = [f'"{word}"{star}']
            options += [_quoted(phrase) for phrase in self._synonyms_of(word)]
            parts.append(options[0] if len(options) == 1 else "(" + " OR ".join(options) + ")")
        expression = " AND ".join(parts)
        if len(words) > 1 and (phrases := self._synonyms_of(whole)):
            alternatives = " OR ".join(map(_quoted, phrases))
            expression = f"({expression}) OR {alternatives}"
        return expression

    def search(self, query: str, locale: str, *, prefix: bool = True) -> list[SearchHit]:
        """Hits for ``query``: ``locale`` first, then other languages; never raises on input.

        A cached file found damaged here (a bad disk, an edit by hand) is removed and this
        index built again in memory, once; the next start caches it again.
        """
        return self._healing(lambda: self._search_once(query_words(query), locale, prefix))

    def _healing(self, read: Callable[[], T]) -> T:
        """``read()`` within a fresh step budget; once more on a rebuilt index if it was damaged."""
        self._budget[0] = SQL_BUDGET_CHUNKS
        try:
            return read()
        except _DAMAGED:
            if not self._rebuilt():
                raise
            return read()

    def _rebuilt(self) -> bool:
        """Drop a damaged cached file and build this index in memory (False: cannot)."""
        library = getattr(self, "_library", None)  # (none: opened with open_file)
        if library is None or self.built:
            return False
        damaged, self.path = self.path, None
        self._db.close()
        if damaged is not None:
            _remove(damaged)
        self._db = self._in_memory()
        self.built = True
        self._loaded()
        return True

    def _search_once(self, words: list[str], locale: str, prefix: bool) -> list[SearchHit]:
        expression = self._match_expression(words, prefix)
        if not expression:
            return []
        return self._in_transaction(lambda: self._search(words, expression, locale))

    def _in_transaction(self, read: Callable[[], T]) -> T:
        """``read()`` in one read transaction.

        Each statement outside one takes and releases the file's lock and rereads its header
        (~3 us each, and a search in every language runs one statement per language).
        """
        own = not self._db.in_transaction
        if own:
            self._db.execute("BEGIN")
        try:
            return read()
        finally:
            if own and self._db.in_transaction:  # (SQLite ends it itself after an I/O error)
                self._db.execute("COMMIT")

    def _search(self, found: list[str], expression: str, locale: str) -> list[SearchHit]:
        # Each language has its own FTS5 table: the reader's language is searched on its own
        # (a frequent word is scored in one language, not fifty), and its pages alone fill the
        # list when they can. Only then are other languages searched, one by one in the
        # order of the reader's fallback chain then the registry, until the list is full.
        #
        # Ranking costs: BM25 reads each matching row's size, and its first call in a statement
        # counts every row that holds each word. So a language's first few matching rows are
        # looked at first (by rowid, which costs little): when they are one page's own row and
        # at most one of its sections, that page is the language's only hit and its section is
        # known; its score is worked out only if it is read (the window never reads it). A
        # search in many languages meets mostly such languages (two words of different
        # languages: ~1 page in each of 30).
        score: dict[int, float | Callable[[], float]] = {}  # page number -> its best row's score
        section: dict[int, int] = {}  # page number -> the rowid of the row to open
        order: list[int] = []
        starts = self._page_starts()
        for probe, sql, best_sql, base in self._language_order(locale):
            first = [number + base for (number,) in self._db.execute(probe, (expression,))]
            if not first:
                continue
            page = bisect.bisect_right(starts, first[0])
            if (
                len(first) < PROBE_ROWS
                and bisect.bisect_right(starts, first[-1]) == page
                and (len(first) == 1 or first[0] == starts[page - 1])
            ):
                order.append(page)
                section[page] = first[-1]  # its section when it has one (rows in rowid order)
                score[page] = functools.partial(
                    self._best_score, best_sql, expression, first[0] - base, first[-1] - base
                )
                if len(order) >= MAX_HITS:
                    break
                continue
            seen = 0  # this language's rows read: the next RANKED_ROWS when they gave too few pages
            while True:  # (a page with hundreds of matching sections must not hide the rest)
                ranked = self._db.execute(sql, (expression, seen)).fetchall()
                for number, value in ranked:
                    rowid = number + base
                    page = bisect.bisect_right(starts, rowid)  # a page's rows are consecutive
                    best = section.get(page)
                    if best is None:  # rows come best first: a page's first is its best
                        score[page], section[page] = float(value), rowid
                        order.append(page)
                    elif best == starts[page - 1]:
                        section[page] = rowid  # the best matching section, not the page's top
                seen += len(ranked)
                if len(ranked) < RANKED_ROWS or len(order) >= MAX_HITS:
                    break
            if len(order) >= MAX_HITS:
                break
        order = order[:MAX_HITS]
        if not order:
            return []
        pairs = [value for page in order for value in (section[page], page)]
        shown = {
            row[0]: row[1:]
            for row in self._db.execute(
                f"WITH hit(id, page) AS (VALUES {','.join(['(?,?)'] * len(order))}) "
                "SELECT hit.id, p.locale, p.page_id, p.page_title, hit.id - p.first, p.anchors, "
                "s.text FROM hit JOIN pages AS p ON p.n = hit.page "
                "JOIN shown AS s ON s.id = hit.id",
                pairs,
            )
        }
        words = (*found, *(p for w in found for p in self._synonyms_of(w)))
        return [
            self._hit(shown[section[page]], self._words(section[page]), words, score[page])
            for page in order
        ]

    def _best_score(self, sql: str, expression: str, low: int, high: int) -> float:
        """The best score of a language's rows ``low`` to ``high`` (its own rowids).

        Read when a hit's score is first read, maybe long after its search (``==`` and
        ``hash()`` read it too): an index that can no longer be read gives NaN, and is never
        rebuilt from here.
        """
        self._budget[0] = SQL_BUDGET_CHUNKS
        try:
            row = self._db.execute(sql, (expression, low, high)).fetchone()
        except _DAMAGED:
            return float("nan")
        return float(row[0]) if row else float("nan")

    def _words(self, rowid: int) -> bytes:
        """The compression dictionary of row ``rowid``'s shown text (b"" for none)."""
        if self._dictionary_starts is None:
            self._dictionary_starts = [
                int(r[0]) for r in self._db.execute("SELECT first FROM dictionaries ORDER BY 1")
            ]
        at = bisect.bisect_right(self._dictionary_starts, rowid) - 1
        if at < 0:
            return b""
        first = self._dictionary_starts[at]
        words = self._dictionaries.get(first)
        if words is None:
            row = self._db.execute(
                "SELECT words FROM dictionaries WHERE first = ?", (first,)
            ).fetchone()
            words = self._dictionaries[first] = _dictionary_of(row[0]) if row else b""
        return words

    def _language_order(self, locale: str) -> list[tuple[str, str, str, int]]:
        """The tables to search for a reader of ``locale``: theirs, its fallbacks, the rest.

        Each as its queries (:func:`_probe_sql`, :func:`_ranked_sql`, :func:`_best_sql`) and
        its rowids' base.
        """
        if locale not in self._orders:
            try:
                chain = (
                    self._chains.get(locale, [])
                    if self._chains is not None
                    else self._library.registry.chain(locale)
                )
            except RightsGuideError:
                chain = []
            codes = [locale, *chain, *self._tables]
            tables = [self._tables[c] for c in dict.fromkeys(codes) if c in self._tables]
            self._orders[locale] = [
                (_probe_sql(n), _ranked_sql(n), _best_sql(n), self._bases[n]) for n in tables
            ]
        return self._orders[locale]

    def _page_starts(self) -> list[int]:
        """The rowid of each page's first row (its own: title, keywords, summary, lead)."""
        if self._starts is None:
            self._starts = [
                int(r[0]) for r in self._db.execute("SELECT first FROM pages ORDER BY n")
            ]
        return self._starts

    def _hit(
        self,
        row: tuple[object, ...],
        dictionary: bytes,
        words: tuple[str, ...],
        score: float | Callable[[], float],
    ) -> SearchHit:
        """A hit whose section title and snippet are unpacked when first read.

        ``row``: its page's locale, id and title, the row's place in the page (0: the page's
        own row), the page's anchors, and the row's stored text.
        """
        locale, page_id, page_title, part, anchors, stored = row
        place = int(str(part))
        return SearchHit(
            str(locale),
            str(page_id),
            anchor=str(anchors).split("\n")[place - 1] if place > 0 else "",
            page_title=str(page_title),
            source=(stored if isinstance(stored, bytes) else b"", dictionary, words),
            score=score,
        )

    def suggestions(self, query: str, limit: int = 3) -> list[str]:
        """Indexed words close to the query's last word, for "did you mean"."""
        return self._healing(lambda: self._suggestions(query, limit))

    def _suggestions(self, query: str, limit: int) -> list[str]:
        words = query_words(query)
        if not words or textnorm.is_cjk(words[-1]):
            return []
        import difflib

        last = words[-1]
        every = " UNION ALL ".join(
            f"SELECT term, doc FROM vocab_{n} WHERE term >= ?1 AND term < ?2"
            for n in self._tables.values()
        )
        if not every:
            return []
        vocabulary = [
            r[0]
            for r in self._db.execute(
                f"SELECT term FROM ({every}) GROUP BY term ORDER BY sum(doc) DESC LIMIT 5000",
                (last[:1], last[:1] + "\uffff"),
            )
        ]
        return difflib.get_close_matches(last, vocabulary, n=limit, cutoff=0.75)


MAX_SHOWN_BYTES = 4 << 20  # a section as stored, unpacked: far more than any page has
DICTIONARY_BYTES = 32 * 1024 - 262  # what zlib can use: its 32 KB window, less its lookahead
DICTIONARY_SAMPLE = 256 * 1024  # characters of a language's text its dictionary is built from


def _dictionary(texts: Iterable[str]) -> bytes:
    """A preset dictionary for zlib: the most frequent words of ``texts``, the most frequent last.

    zlib finds repeated strings in the 32 KB before each position, the dictionary included,
    and codes the nearest ones in the fewest bits.
    """
    from collections import Counter

    counts: Counter[str] = Counter()
    seen = 0
    for text in texts:
        counts.update(text.split())
        seen += len(text)
        if seen > DICTIONARY_SAMPLE:
            break
    chosen: list[bytes] = []
    size = 0
    for word, _count in counts.most_common():
        data = word.encode("utf-8")
        if size + len(data) + 1 > DICTIONARY_BYTES:
            break
        chosen.append(data)
        size += len(data) + 1
    return b" ".join(reversed(chosen))


def _dictionary_of(stored: bytes) -> bytes:
    """A stored dictionary, unpacked; zlib.error when it is not one (it unpacks to more).

    A crafted index could hold a blob of a few hundred KB that unpacks to gigabytes: it is
    read no further than a dictionary can be, and the index is then damaged (rebuilt).
    """
    unpacker = zlib.decompressobj()
    words = unpacker.decompress(stored, DICTIONARY_BYTES + 1)
    if len(words) > DICTIONARY_BYTES or not unpacker.eof:
        raise zlib.error("not a dictionary: it unpacks to more than one can hold")
    return words


def _packer(words: bytes) -> zlib._Compress:
    """A compressor primed with a language's dictionary; each section uses a copy of it.

    Copying is cheaper than starting a compressor and reading the dictionary; memory level 5
    (a smaller hash table) halves the cost of each copy for sections <1 % larger. Level 3:
    with the dictionary, higher levels make sections no smaller here, only slower to build.
    Raw deflate (no zlib header or checksum: ten bytes a section); SQLite holds the bytes.
    """
    if not words:
        return zlib.compressobj(3, zlib.DEFLATED, -15, 5)
    return zlib.compressobj(3, zlib.DEFLATED, -15, 5, zdict=words)


def _packed(title: str, body: str, packer: zlib._Compress) -> bytes:
    """A section's title and text as stored (compressed by a copy of the language's packer)."""
    copy = packer.copy()
    return copy.compress(f"{title}\n{body}".encode()) + copy.flush()


def _unpacked(stored: bytes, words: bytes) -> tuple[str, str]:
    """(title, text) of a section as :func:`_packed` stored it; empty when damaged."""
    unpacker = zlib.decompressobj(-15, zdict=words) if words else zlib.decompressobj(-15)
    try:
        data = unpacker.decompress(stored, MAX_SHOWN_BYTES + 1)
        if len(data) > MAX_SHOWN_BYTES or not unpacker.eof:
            return "", ""  # (a crafted blob that would unpack to gigabytes: damaged)
        title, _, body = data.decode().partition("\n")
    except (zlib.error, UnicodeDecodeError):
        return "", ""
    return title, body


def snippet_for(text: str, words: list[str]) -> tuple[str, tuple[tuple[int, int], ...]]:
    """A window of ``text`` around the first matched word, and where the words are in it."""
    # Find the first match in the whole text cheaply, then map characters only near it.
    # Normalising rarely moves a character far: the match is looked for near the same index
    # in the original, and only when it is not there (normalisation removed or added many
    # characters before it: Arabic harakat, ligatures) is every character's place worked out.
    whole = textnorm.normalize(text)
    found = [i for i in (_find(whole, w) for w in words if w) if i >= 0]
    # Most text: every character folds to one, in place, so the whole text's normalisation
    # has every position (ASCII of the same length lost no apostrophe; other text: each of
    # its distinct characters folds to one character and is not a combining mark that
    # normalisation could move).
    simple = len(whole) == len(text) and (text.isascii() or _all_simple(text))
    snippet, marks = _snippet_at(text, words, min(found, default=0), whole if simple else None)
    if found and not marks and not simple:
        norm, positions = _normalized_with_positions(text)
        at = min((i for i in (_find(norm, w) for w in words if w) if i >= 0), default=-1)
        if at >= 0:
            snippet, marks = _snippet_at(text, words, positions[at], None)
    return snippet, marks


def _snippet_at(
    text: str, words: list[str], first: int, whole: str | None
) -> tuple[str, tuple[tuple[int, int], ...]]:
    """:func:`snippet_for` with the first match at ``first`` (``whole``: the text folded)."""
    base = max(0, first - SNIPPET_CHARS)
    if base:  # start on a word: back to the space before it (text without spaces: as is)
        reach = max(0, base - WORD_REACH)
        space = max(text.rfind(" ", reach, base), text.rfind("\n", reach, base))
        base = space + 1 if space >= 0 else base
    end = first + 2 * SNIPPET_CHARS
    folded = whole[base:end] if whole is not None else None
    # the characters just outside the slice: a word cut at its edge does not stand alone
    edges = (text[base - 1 : base] if base else "", text[end : end + 1])
    text = text[base:end]
    snippet, marks = _window(text, words, folded, edges)
    return ("\u2026" + snippet if base and not snippet.startswith("\u2026") else snippet), (
        tuple((a + 1, b + 1) for a, b in marks)
        if base and not snippet.startswith("\u2026")
        else marks
    )


def _window(
    text: str, words: list[str], folded: str | None = None, edges: tuple[str, str] = ("", "")
) -> tuple[str, tuple[tuple[int, int], ...]]:
    """The snippet of ``text`` around its first match, and where the words are in it.

    ``folded``: the normalisation of ``text``, when it is known to keep every character's
    position (else it is computed character by character). ``edges``: the characters just
    before and after ``text`` in the text it was cut from ("": none).
    """
    positions: Sequence[int]
    if folded is not None:
        norm, positions = folded, range(len(folded))
    else:
        norm, positions = _normalized_with_positions(text)
    marks = []
    for word in words:
        size = len(word)
        at = _find(norm, word, 0, edges) if size else -1
        while at >= 0:  # each occurrence, left to right, not overlapping
            end = positions[at + size - 1] + 1
            while end < len(text) and unicodedata.combining(text[end]):
                end += 1  # a mark folding removed (harakat) stays with its letter
            marks.append((positions[at], end))
            at = _find(norm, word, at + size, edges)
    marks = _merged(marks)
    start = max(0, (marks[0][0] if marks else 0) - SNIPPET_CHARS // 3)
    end = min(len(text), start + SNIPPET_CHARS)
    start, end = _on_words(text, start, end, marks[0][0] if marks else end)
    window = text[start:end].replace("\n", " ")
    prefix = "\u2026" if start > 0 else ""
    suffix = "\u2026" if end < len(text) else ""
    shift = len(prefix) - start
    inside = tuple((a + shift, b + shift) for a, b in marks if a >= start and b <= end)
    return prefix + window + suffix, inside


def _find(norm: str, word: str, start: int = 0, edges: tuple[str, str] = ("", "")) -> int:
    """Where ``word`` is next in the folded text ``norm`` from ``start`` (-1: nowhere).

    A one-letter word (not Chinese or Japanese) matched only itself (:data:`MIN_PREFIX`): it is
    found only standing alone, not inside longer words ("a" in "a fee", not in "paid"; next
    to Chinese, as in "的A号码", it stands alone). ``edges``: the characters just before and
    after ``norm`` when it was cut from a longer text. Longer words are found anywhere: a
    search word inside a longer one is often the same word with a particle attached (Arabic
    "المحامي", "the lawyer"), which a reader expects to see marked.
    """
    at = norm.find(word, start)
    if len(word) >= MIN_PREFIX or at < 0 or textnorm.is_cjk(word):
        return at
    while at >= 0:
        before = norm[at - 1] if at > 0 else edges[0]
        after = norm[at + 1] if at + 1 < len(norm) else edges[1]
        if not (before and _joins(before)) and not (after and _joins(after)):
            break
        at = norm.find(word, at + 1)
    return at


def _joins(char: str) -> bool:
    """True when ``char`` next to a letter makes them one word, as the index splits text.

    Chinese and Japanese characters never do: the index splits them from other letters.
    """
    return textnorm.is_word_char(char) and not textnorm.is_cjk(char)


WORD_REACH = 20  # how far a snippet's edge may move to land between words
_SPACE = re.compile(r"\s")  # what str.isspace() is true for


def _on_words(text: str, start: int, end: int, first_mark: int) -> tuple[int, int]:
    """Move a window's edges to word boundaries (never past the first match).

    Text without spaces near the edge (Chinese) keeps the edge where it was.
    """
    if start > 0 and not text[start - 1].isspace():
        ahead = _SPACE.search(text, start, min(first_mark, start + WORD_REACH))
        if ahead:
            start = ahead.start() + 1
    if end < len(text) and not text[end].isspace():
        back = list(_SPACE.finditer(text, max(start, end - WORD_REACH) + 1, end))
        if back:
            end = back[-1].start()
    while start < first_mark and text[start].isspace():
        start += 1
    while end > max(start, first_mark) and text[end - 1].isspace():
        end -= 1
    return start, end


def _merged(marks: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sorted, non-overlapping spans (a word and a synonym phrase may cover the same text)."""
    out: list[tuple[int, int]] = []
    for start, end in sorted(marks):
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return out


class _Folded(dict[int, str]):
    """Code point -> its normalisation, computed once per character (a ``str.translate`` table)."""

    def __missing__(self, code: int) -> str:
        folded = self[code] = textnorm.normalize(chr(code))
        return folded


_FOLDED = _Folded()
_SIMPLE: set[str] = set()  # characters that fold to one character and are not combining marks
_UNEVEN: set[str] = set()  # characters seen that do not
# A pattern that finds a character not known to be simple when it was compiled, and how many
# were known then. One regex pass costs a fifth of building a text's set of characters; it is
# compiled again only when a text brought no new character and the known ones have grown by a
# quarter since, so compiling costs a bounded multiple of one compile over a whole session.
_NOT_SIMPLE: list[tuple[re.Pattern[str], int]] = []


def _all_simple(text: str) -> bool:
    """True when every character of ``text`` folds to exactly one and is not a combining mark."""
    if _NOT_SIMPLE:
        other = _NOT_SIMPLE[0][0].search(text)
        if other is None:
            return True
        if other.group() in _UNEVEN:
            return False
    new = set(text) - _SIMPLE  # set operations run in C
    if new:
        for char in new - _UNEVEN:
            simple = len(_FOLDED[ord(char)]) == 1 and not unicodedata.combining(char)
            (_SIMPLE if simple else _UNEVEN).add(char)
        return not new & _UNEVEN
    if _SIMPLE and (not _NOT_SIMPLE or len(_SIMPLE) > _NOT_SIMPLE[0][1] * 5 // 4):
        _NOT_SIMPLE[:] = [(re.compile(f"[^{_ranges(_SIMPLE)}]"), len(_SIMPLE))]
    return True


def _ranges(chars: set[str]) -> str:
    """A regex character class's contents for ``chars`` (not empty): runs as ``a-z``."""
    codes = sorted(map(ord, chars))
    out: list[str] = []
    start = previous = codes[0]
    for code in [*codes[1:], -1]:
        if code != previous + 1:
            low, high = re.escape(chr(start)), re.escape(chr(previous))
            out.append(low if start == previous else f"{low}-{high}")
            start = code
        previous = code
    return "".join(out)


def _normalized_with_positions(text: str) -> tuple[str, Sequence[int]]:
    """``normalize`` applied character by character, with each output char's source index."""
    if text.isascii() and "'" not in text and "`" not in text:
        return text.lower(), range(len(text))  # what _FOLDED does to these, at C speed
    # one character in, one out (nearly all text): positions are unchanged; the distinct
    # characters are checked, not every one
    uneven = [c for c in set(text) if len(_FOLDED[ord(c)]) != 1]
    if not uneven:
        return text.translate(_FOLDED), range(len(text))
    out: list[str] = []
    positions: list[int] = []
    last = 0
    for match in re.finditer("[" + "".join(map(re.escape, uneven)) + "]", text):
        index = match.start()
        if index > last:  # a run of even characters
            out.append(text[last:index].translate(_FOLDED))
            positions.extend(range(last, index))
        folded = _FOLDED[ord(text[index])]
        out.append(folded)
        positions.extend([index] * len(folded))
        last = index + 1
    out.append(text[last:].translate(_FOLDED))
    positions.extend(range(last, len(text)))
    return "".join(out), positions
