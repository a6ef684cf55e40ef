"""How ``translate import`` reads and writes pages safely (its checks are in exchange_import).

- :class:`PlannedSource`: the file system, with the pages an import would write read as it
  would write them, so each page can be checked as ``rightsguide check`` would before any
  write;
- :func:`one_import`: one import at a time writes a content folder;
- :func:`write_all`: each page written whole, through a temporary file beside it.
"""

from __future__ import annotations

import contextlib
import fnmatch
import os
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path, PurePosixPath

from rightsguide.core.content.source import ContentSource
from rightsguide.core.model import Problem


class Refused(Exception):
    """A page could not be written, or the folder is busy; nothing else was changed."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.message)
        self.problem = problem


class PlannedSource(ContentSource):
    """The file system, with the pages an import would write read as it would write them."""

    def __init__(self, planned: dict[Path, bytes]) -> None:
        super().__init__()
        self._planned = planned

    @property
    def live(self) -> bool:
        """False: every file is read through :meth:`read_bytes` (the planned pages too)."""
        return False

    def read_bytes(self, path: Path) -> bytes:
        """A planned page's bytes as they would be written; any other file's from the disk."""
        planned = self._planned.get(path)
        return planned if planned is not None else super().read_bytes(path)

    def is_file(self, path: Path) -> bool:
        """True for a planned page (a new one too) and for files on the disk."""
        return path in self._planned or super().is_file(path)

    def is_dir(self, path: Path) -> bool:
        """True for a folder a planned page would be in (a new one too) and for folders."""
        return any(path in p.parents for p in self._planned) or super().is_dir(path)

    def stamp(self, path: Path) -> tuple[int, int]:
        """A planned page's stamp: a constant and its size (it is read once)."""
        planned = self._planned.get(path)
        return (0, len(planned)) if planned is not None else super().stamp(path)

    def glob(self, folder: Path, pattern: str) -> list[Path]:
        """Files on the disk and planned pages under ``folder`` matching ``pattern``, sorted."""
        found = set(super().glob(folder, pattern))
        wanted = PurePosixPath(pattern).parts
        for path in self._planned:
            parts = path.relative_to(folder).parts if path.is_relative_to(folder) else ()
            if len(parts) == len(wanted) and all(map(fnmatch.fnmatchcase, parts, wanted)):
                found.add(path)
        return sorted(found)

    def real(self, path: Path) -> Path | None:
        """A planned page as it is named; any other file resolved, as on the disk."""
        return path if path in self._planned else super().real(path)


@contextlib.contextmanager
def one_import(root: Path) -> Iterator[None]:
    """Hold a lock on the content folder itself while an import runs (POSIX; no file is made).

    Windows cannot lock a folder: there, two imports at once are not stopped.
    """
    if os.name != "posix":  # pragma: no cover - Windows
        yield
        return
    import fcntl

    try:
        fd = os.open(root, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        yield  # (no such folder: the import reports it)
        return
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            raise Refused(
                Problem(root, 0, "another import is writing this content folder; wait for it")
            ) from None
        yield
    finally:
        os.close(fd)  # (closing releases the lock)


def write_all(planned: list[tuple[Path, str]]) -> None:
    """Write every page whole: each to a temporary file beside it, synced, then moved.

    A full disk or any other error while writing leaves every page as it was (Refused naming
    the file). Moving a written file into place is one rename each; should one fail
    (a folder in the page's place, a file Windows holds open), the pages moved before it
    stay written, the others as they were, and the error names the page and how many were.
    """
    temporary: list[tuple[Path, Path]] = []
    target = planned[0][0] if planned else Path()
    try:
        for target, text in planned:
            target.parent.mkdir(parents=True, exist_ok=True)
            handle, name = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
            tmp = Path(name)
            temporary.append((tmp, target))
            with os.fdopen(handle, "wb") as fh:
                fh.write(text.encode("utf-8"))
                fh.flush()
                mode = 0o644  # (mkstemp's own is 0600: a new page gets the usual mode)
                with contextlib.suppress(FileNotFoundError):
                    mode = stat.S_IMODE(target.stat().st_mode)  # (a group's write access)
                tmp.chmod(mode)
                os.fsync(fh.fileno())
    except OSError as exc:
        _remove_all(temporary)
        raise Refused(Problem(target, 0, f"could not write it ({exc.strerror or exc})")) from None
    for done, (tmp, target) in enumerate(temporary):
        try:
            tmp.replace(target)
        except OSError as exc:
            _remove_all(temporary[done:])
            raise Refused(
                Problem(
                    target,
                    0,
                    f"could not put it in place ({exc.strerror or exc}); {done} of "
                    f"{len(temporary)} pages were written before it, the rest are as they were",
                )
            ) from None


def _remove_all(temporary: list[tuple[Path, Path]]) -> None:
    """Remove the temporary files not moved into place."""
    for tmp, _target in temporary:
        with contextlib.suppress(OSError):
            tmp.unlink()
