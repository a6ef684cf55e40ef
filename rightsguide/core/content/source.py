"""Where the bytes the app shows come from: the file system, or a signed pack's verified bytes.

Everything the reader shows (pages, the language registry, glossaries, images, UI catalogs,
style sheets, icons, fonts) is read through a :class:`ContentSource`. Two exist:

- :data:`FILES` reads the file system. Normal mode and the translator tools (``--watch``,
  ``check``, ``status``) use it, so an edit on disk shows up.
- :class:`MemorySource` serves a fixed set of files held in memory. A kiosk with
  ``require_signed`` reads its installed pack once at start, checks the signature and every
  hash, and then serves only those bytes: no path runs through the file system between the
  signature check and the screen, so a file planted, replaced or edited on disk (a folder, a
  symbolic or hard link, a name that differs only in case or Unicode form) changes nothing.

Files are named by absolute :class:`~pathlib.Path` in both sources, so error messages keep
their ``file:line`` form and callers need not know which source they read.
"""

from __future__ import annotations

import fnmatch
import itertools
import os
from collections.abc import Mapping
from pathlib import Path, PurePosixPath

_tokens = itertools.count(1)


class ContentSource:
    """Read-only access to files by absolute path (the file-system implementation)."""

    def __init__(self) -> None:
        """A new source; ``token`` tells its caches apart from other sources'."""
        self.token = next(_tokens)

    @property
    def live(self) -> bool:
        """True when files may change while the app runs (the file system)."""
        return True

    def read_bytes(self, path: Path) -> bytes:
        """The file's bytes; raise OSError (FileNotFoundError) when it cannot be read."""
        return path.read_bytes()

    def read_text(self, path: Path, encoding: str = "utf-8") -> str:
        """The file's text (raises OSError or UnicodeDecodeError)."""
        return self.read_bytes(path).decode(encoding)

    def is_file(self, path: Path) -> bool:
        """True when ``path`` is a file this source can read."""
        return path.is_file()

    def is_dir(self, path: Path) -> bool:
        """True when ``path`` is a folder holding files of this source."""
        return path.is_dir()

    def stamp(self, path: Path) -> tuple[int, int]:
        """(change stamp, size) of a file, for caches; raise OSError when it is missing."""
        stat = path.stat()
        return stat.st_mtime_ns, stat.st_size

    def glob(self, folder: Path, pattern: str) -> list[Path]:
        """Files under ``folder`` whose relative path matches ``pattern`` (``*/*.md``), sorted."""
        return sorted(folder.glob(pattern))

    def real(self, path: Path) -> Path | None:
        """The file ``path`` names after resolving ``..`` and links, or None when it is none."""
        try:
            resolved = path.resolve(strict=True)
        except (OSError, RuntimeError):
            return None
        return resolved if resolved.is_file() else None


FILES = ContentSource()


class MemorySource(ContentSource):
    """A fixed set of files in memory (a signed pack's verified bytes); nothing else exists."""

    def __init__(self, files: Mapping[Path, bytes]) -> None:
        """Serve exactly ``files`` (absolute path -> bytes); they never change."""
        super().__init__()
        self._files = {Path(os.path.normpath(p)): data for p, data in files.items()}
        self._dirs = {parent for p in self._files for parent in p.parents}

    @property
    def live(self) -> bool:
        """Never: the bytes were checked once and are kept."""
        return False

    def _key(self, path: Path) -> Path:
        return Path(os.path.normpath(path))

    def read_bytes(self, path: Path) -> bytes:
        """The verified bytes of ``path``; FileNotFoundError for any other name."""
        try:
            return self._files[self._key(path)]
        except KeyError:
            raise FileNotFoundError(2, "not part of the signed pack", str(path)) from None

    def is_file(self, path: Path) -> bool:
        """True only for files of the pack."""
        return self._key(path) in self._files

    def is_dir(self, path: Path) -> bool:
        """True for folders that hold files of the pack."""
        return self._key(path) in self._dirs

    def stamp(self, path: Path) -> tuple[int, int]:
        """A constant stamp (the bytes never change) and the size."""
        return 0, len(self.read_bytes(path))

    def glob(self, folder: Path, pattern: str) -> list[Path]:
        """Pack files under ``folder`` matching ``pattern`` segment by segment."""
        base = self._key(folder)
        wanted = PurePosixPath(pattern).parts
        found = []
        for path in self._files:
            if not path.is_relative_to(base):
                continue
            parts = path.relative_to(base).parts
            if len(parts) == len(wanted) and all(
                fnmatch.fnmatchcase(part, glob) for part, glob in zip(parts, wanted, strict=True)
            ):
                found.append(path)
        return sorted(found)

    def real(self, path: Path) -> Path | None:
        """``path`` with ``..`` folded (no link is followed), when it is a file of the pack."""
        key = self._key(path)
        return key if key in self._files else None

    def names(self) -> list[Path]:
        """Every file, sorted."""
        return sorted(self._files)
