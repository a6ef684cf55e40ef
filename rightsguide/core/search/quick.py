"""``rightsguide search`` in a new process, answered from the cache with few imports.

A search in a new process pays for its imports before it searches: the content library, its
YAML and markdown modules cost several times Python's own start. When the content folder has
not changed since the last full ``rightsguide search`` (:func:`rightsguide.cli.cmd_search`),
the cached index answers on its own: the name, size and modification time of every file under
the content folder are compared with those recorded beside the cache, as git's index does, and
no content file is read or parsed. The record also holds what the registry would say (each
language's name and fallback chain), since ``locales.yaml`` is one of those files.

Anything else goes the full way, which prints the same thing: an option this module does not
know (``--help``, ``--no-cache``), an unknown language, a folder that changed, a file modified
in the last two seconds (it may change again within its time stamp), no cache yet, a data or
cache folder this module cannot place as :mod:`rightsguide.core.resources` would.

What this path imports is measured (``python -X importtime``): ``sqlite3`` (with ``datetime``
and ``functools``), ``re`` and the index's own modules. Left out, for what they cost a new
process: ``rightsguide.core.resources`` (``dataclasses``, which imports ``inspect``: ~7 ms),
``platformdirs`` (``typing``, ``tempfile``, ``shutil``...: ~6 ms) and ``pathlib`` (with
``urllib.parse``: ~3.5 ms). :func:`content_folder` and :func:`user_cache_dir` give their
answers with ``os.path``, and tests hold them equal to theirs. The console command ends the
process once the answer is printed (:func:`rightsguide.console.main`).
"""

# os.path on purpose here, not pathlib (see above)
# ruff: noqa: PTH111, PTH116, PTH118, PTH120, PTH123

from __future__ import annotations

import os
import sqlite3
import stat
import sys
import time
import zlib

from rightsguide.core.search.index import (
    RACY_SECONDS,
    SCHEMA,
    SearchHit,
    SearchIndex,
    file_key,
    replace_file,
)
from rightsguide.core.terminal import CONTROLS

TYPE_CHECKING = False  # not typing's: importing typing costs a new process ~2 ms
if TYPE_CHECKING:
    from collections.abc import Sequence
    from pathlib import Path

    from rightsguide.core.content.locales import LocaleRegistry

APP_NAME = "rightsguide"  # resources.APP_NAME
FROZEN_DATA = "data"  # resources.FROZEN_DATA

PREFIX = "quick-"  # the record's file name in the cache folder: quick-<checksum of the folder>
_SEPARATOR = "\n\x1e\n"  # between a record's languages and its listing of the folder
RECORD_HEAD_CHARS = 64 * 1024  # a record's index name and languages: far less than this


def folder_key(root: Path | str) -> str | None:
    """The path, size and modification time of every file under ``root``, one a line.

    None when a file was modified in the last two seconds, or the folder cannot be listed.
    (Kept whole, not hashed: comparing it costs less than importing a hash.)
    """
    entries: list[str] = []
    newest = 0.0
    folders = [str(root)]
    try:
        while folders:
            with os.scandir(folders.pop()) as listing:
                for entry in listing:
                    if entry.is_dir():
                        folders.append(entry.path)
                        continue
                    st = entry.stat()
                    entries.append(f"{entry.path}\0{file_key(st)}\n")
                    newest = max(newest, st.st_mtime)
    except OSError:
        return None
    if time.time() - newest <= RACY_SECONDS:
        return None
    return f"schema {SCHEMA}\n" + "".join(sorted(entries))


def _record_name(root: str) -> str:
    """The name of the file that records what is known about the content folder ``root``."""
    return f"{PREFIX}{zlib.crc32(root.encode('utf-8', 'surrogateescape')):08x}"


def _record(cache_dir: Path, root: Path) -> Path:
    """The file that records what is known about the content folder ``root``."""
    return cache_dir / _record_name(str(root))


def remember(
    cache_dir: Path, root: Path, key: str | None, index_file: Path, registry: LocaleRegistry
) -> None:
    """Record that the folder ``root``, as ``key`` lists it, is searched with ``index_file``.

    ``key`` is :func:`folder_key` taken before the index was opened or built; the record
    and the index are in ``cache_dir``. The record: the index's file name, then one line per
    language (code, name, fallback chain), then ``_SEPARATOR`` and ``key``.
    """
    if key is None or index_file.parent != cache_dir:
        return
    lines = [index_file.name]
    for loc in registry.all():
        if any(c in loc.native_name for c in "\t\n\r" + _SEPARATOR):
            return  # a name this record cannot hold: always the full way
        lines.append(f"{loc.code}\t{loc.native_name}\t{' '.join(registry.chain(loc.code))}")
    text = "\n".join(lines) + _SEPARATOR + key
    try:
        replace_file(_record(cache_dir, root), text.encode("utf-8", "surrogateescape"))
    except OSError:  # a record that cannot be written only costs time
        return


def _recalled(
    cache_dir: str, root: str, key: str
) -> tuple[str, dict[str, str], dict[str, list[str]]]:
    """The index file, language names and chains recorded for ``root`` as ``key`` lists it.

    Raises:
        OSError, ValueError: no record, one of the folder as it was before, or a damaged one.
    """
    record = os.path.join(cache_dir, _record_name(root))
    with open(record, encoding="utf-8", errors="surrogateescape") as f:
        text = f.read(len(key) + RECORD_HEAD_CHARS)  # (a planted huge file is not read whole)
    head, separator, listing = text.partition(_SEPARATOR)
    if not separator or listing != key:
        raise ValueError("the folder changed since the record was written")
    first, *languages = head.split("\n")
    names: dict[str, str] = {}
    chains: dict[str, list[str]] = {}
    for line in languages:
        code, name, chain = line.split("\t")
        names[code], chains[code] = name, chain.split()
    if not first.startswith("search-") or "/" in first or os.sep in first:
        raise ValueError(first)
    return os.path.join(cache_dir, first), names, chains


# what Path.as_uri() leaves as it is (urllib.parse.quote_from_bytes, safe="/")
_URI_SAFE = frozenset(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.-~/")


def file_uri(path: str) -> str:
    """``Path(path).as_uri()`` for an absolute POSIX path, without pathlib.

    (pathlib costs a new process ~3.5 ms, with the ``urllib.parse`` it imports.) Elsewhere,
    pathlib's answer. Raises ValueError for a relative path, as ``as_uri`` does.
    """
    if os.name == "nt":
        from pathlib import Path

        return Path(path).as_uri()
    if not path.startswith("/"):
        raise ValueError("relative path can't be expressed as a file URI")
    data = os.fsencode(path)
    return "file://" + "".join(chr(b) if b in _URI_SAFE else f"%{b:02X}" for b in data)


def _arguments(argv: Sequence[str]) -> tuple[str | None, str, str] | None:
    """(content folder, locale, query) of ``search`` arguments; None for anything else."""
    content: str | None = None
    locale = ""
    words: list[str] = []
    optioned = False  # an option came after the words
    rest = list(argv)
    while rest:
        arg = rest.pop(0)
        name, equals, value = arg.partition("=")
        if name in ("--locale", "--content"):
            if not equals:
                if not rest:
                    return None
                value = rest.pop(0)
            if name == "--locale":
                locale = value
            else:
                content = value
        elif arg.startswith("-"):
            return None  # --help, --no-cache, "--", or a word argparse would refuse
        elif optioned:
            return None  # words, an option, then more words: argparse refuses those
        else:
            words.append(arg)
            continue
        optioned = bool(words)
    if not locale or not words:
        return None
    return content, locale, " ".join(words)


def run(argv: Sequence[str]) -> int | None:
    """Answer ``rightsguide search ARGV`` from the cache; None when it must go the full way."""
    parsed = _arguments(argv)
    found = _cached_index(parsed[0]) if parsed is not None else None
    if parsed is None or found is None or parsed[1] not in found[1]:
        return None  # (an unknown language: the full way says so)
    (_content, locale, query), (index, names) = parsed, found
    try:  # everything read before anything is printed: a damaged file goes the full way
        hits = index.search(query, locale)
        for hit in hits:
            _ = hit.snippet
        if not hits:
            index.suggestions(query)
    except sqlite3.DatabaseError:
        return None
    try:
        return print_results(index, hits, query, names)
    except BrokenPipeError:  # output piped into `head` and closed: not an error
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


def _is_dir(path: str) -> bool | None:
    """``Path(path).is_dir()``; None where that would raise (the full way reports it)."""
    try:
        return stat.S_ISDIR(os.stat(path).st_mode)
    except (FileNotFoundError, NotADirectoryError, ValueError):
        return False
    except OSError:
        return None


def _data_roots() -> list[str]:
    """:func:`rightsguide.core.resources.data_roots` as strings (this file is a folder deeper)."""
    roots: list[str] = []
    if getattr(sys, "frozen", False):
        bundle = getattr(sys, "_MEIPASS", None)
        if bundle:
            roots.append(os.path.join(bundle, FROZEN_DATA))
        roots.append(os.path.join(os.path.dirname(os.path.realpath(sys.executable)), FROZEN_DATA))
    package = os.path.dirname(os.path.dirname(os.path.dirname(os.path.realpath(__file__))))
    return [*roots, os.path.join(package, "_data"), os.path.dirname(package)]


def content_folder(content: str | None) -> str | None:
    """``str(resources.data_dirs(content).content)`` without importing resources.

    None when ``data_dirs`` would raise (a data folder missing) or might (a folder that cannot
    be looked at): the full way then says what is wrong.
    """
    roots = _data_roots()
    found: dict[str, str] = {}
    for name in ("content", "locales", "assets"):
        if name == "content" and content is not None:
            continue
        for root in roots:
            is_dir = _is_dir(os.path.join(root, name))
            if is_dir is None:
                return None
            if is_dir:
                found[name] = os.path.join(root, name)
                break
        else:
            return None
    return os.path.realpath(content if content is not None else found["content"])


def user_cache_dir() -> str | None:
    """``str(resources.cache_dir())``: on Linux and macOS, platformdirs' rule without its imports.

    platformdirs (4.14): ``$XDG_CACHE_HOME`` when it is an absolute path, else ``~/.cache``
    (Linux) or ``~/Library/Caches`` (macOS), then the app's name. Where that rule is not the
    whole story (Windows, Android, iOS, a relative or missing ``HOME``), platformdirs answers.
    """
    if sys.platform == "darwin":
        default = "~/Library/Caches"
    elif sys.platform.startswith("linux") and not (
        hasattr(sys, "getandroidapilevel")
        or (os.getenv("ANDROID_DATA") == "/data" and os.getenv("ANDROID_ROOT") == "/system")
    ):
        default = "~/.cache"
    else:
        return _platformdirs_cache_dir()
    xdg = os.environ.get("XDG_CACHE_HOME", "")
    if xdg.startswith("/"):
        return _posix_path(os.path.join(xdg, APP_NAME))
    if not os.environ.get("HOME", "").startswith("/"):
        return _platformdirs_cache_dir()
    return _posix_path(os.path.join(os.path.expanduser(default), APP_NAME))


def _posix_path(path: str) -> str:
    """``str(PurePosixPath(path))``: repeated slashes and ``.`` parts dropped (not ``..``)."""
    head = "//" if path[:2] == "//" and path[2:3] != "/" else "/" if path[:1] == "/" else ""
    return head + "/".join(part for part in path.split("/") if part not in ("", ".")) or "."


def _platformdirs_cache_dir() -> str | None:
    from rightsguide.core.errors import RightsGuideError
    from rightsguide.core.resources import cache_dir

    try:
        return str(cache_dir())
    except (RightsGuideError, RuntimeError):
        return None


def _cached_index(content: str | None) -> tuple[SearchIndex, dict[str, str]] | None:
    """The cached index of the content folder and its languages' names, when still valid."""
    root = content_folder(content)
    cache = user_cache_dir() if root is not None else None
    if root is None or cache is None:
        return None
    key = folder_key(root)
    if key is None:
        return None
    try:
        index_file, names, chains = _recalled(cache, root, key)
        if not stat.S_ISREG(os.stat(index_file).st_mode):  # (a FIFO there would never answer)
            return None
        return SearchIndex.open_file(file_uri(index_file), chains), names
    except (OSError, ValueError, sqlite3.Error):
        return None


def _marked(text: str, marks: tuple[tuple[int, int], ...]) -> str:
    out, last = [], 0
    for start, end in marks:
        out += [text[last:start], "\u00ab", text[start:end], "\u00bb"]
        last = end
    return "".join([*out, text[last:]])


def print_results(
    index: SearchIndex, hits: list[SearchHit], query: str, names: dict[str, str]
) -> int:
    """Print ranked hits, or suggestions when there are none; the command's exit status.

    ``names``: each language's own name, by code. What comes from content is printed with its
    control characters replaced (``rightsguide.core.terminal``).
    """
    if not hits:
        print(f"Nothing found for {query!r}.")
        suggestions = index.suggestions(query)
        if suggestions:
            print("Did you mean: " + ", ".join(suggestions) + "?")
        return 1
    for number, hit in enumerate(hits, start=1):
        where = f"{hit.page_id}#{hit.anchor}" if hit.anchor else hit.page_id
        section = f" \u203a {hit.section_title}" if hit.section_title else ""
        line = f"{number}. [{names[hit.locale]}] {hit.page_title}{section}  ({where}, "
        print(line.translate(CONTROLS) + f"score {hit.score:.1f})")
        print(f"   {_marked(hit.snippet, hit.highlights).translate(CONTROLS)}")
    return 0
