"""The packs folder given with ``--root``: checked, made, locked, and unmade when an install fails.

``ROOT`` holds ``current``, ``previous``, ``versions/`` and ``.install.lock`` (see
:mod:`rightsguide.core.packs.pack`). Before anything is written there:

- :func:`check` refuses a root inside an installed copy (``ROOT/current``, anything under
  ``ROOT/versions/``) or a folder that is content or an installed copy itself, naming the
  root to use instead;
- :func:`require_installed` (rollback) refuses a root where no content is installed: a
  mistyped ``--root`` creates nothing.

An install may create the root (the first install). :func:`locked` records every folder it
made and whether it created the lock file; if the install then fails, those are removed again
(empty folders only: nothing else can be removed that way), so its "nothing was changed" is
true. A lock file is removed only while it is held; one who opened it before it was removed
sees that it is no longer the file at its name, and opens the new one.
"""

from __future__ import annotations

import contextlib
import errno
import os
from collections.abc import Iterator
from pathlib import Path

from rightsguide.core.packs import folders
from rightsguide.core.packs.manifest import MANIFEST, SIGNATURE, PackError

LOCK = ".install.lock"
LINKS = ("current", "previous")
EXAMPLE_ROOT = "/var/lib/rightsguide"
# what only content, or an installed copy of it, holds: never a packs folder
CONTENT_MARKERS = (MANIFEST, SIGNATURE, "locales.yaml", "content/locales.yaml")
_ATTEMPTS = 3  # opening the lock again after a failed first install removed it meanwhile


def packs_folder(path: Path) -> bool:
    """True when ``path`` holds what an install writes (``current``, ``previous``, the lock)."""
    return any((path / name).is_symlink() for name in LINKS) or os.path.lexists(path / LOCK)


def check(root: Path) -> None:
    """Raise PackError when ``root`` is no packs folder of its own (see the module's docstring).

    ``root`` is followed through links (``ROOT/current`` reaches ``ROOT/versions/<version>``).
    """
    try:
        resolved = root.resolve()
    except (OSError, RuntimeError):  # (a loop of links: the lock's checks say so)
        return
    for folder in (resolved, *resolved.parents):
        if folder.name == "versions" and packs_folder(folder.parent):
            where = "is" if folder == resolved else f"is inside {folder},"
            raise PackError(
                f"{root} {where} where the installed copies are kept: use --root "
                f"{folder.parent} instead"
            )
    for folder in resolved.parents:
        if (folder / SIGNATURE).is_file():
            raise PackError(
                f"{root} is inside {folder}, an installed copy of the content: give --root "
                f"a folder of its own for the packs, such as {EXAMPLE_ROOT}"
            )
        if (folder / "locales.yaml").is_file():  # (copies would land in the content itself)
            raise PackError(
                f"{root} is inside {folder}, a content folder: give --root a folder of its "
                f"own for the packs, such as {EXAMPLE_ROOT}"
            )
    if packs_folder(resolved):
        return  # (already one: what else it holds is checked where it matters, as damage)
    for marker in CONTENT_MARKERS:
        if os.path.lexists(resolved / marker):
            what = "an installed copy" if marker in (MANIFEST, SIGNATURE) else "content"
            raise PackError(
                f"{root} holds {what} ({marker}), not installed packs: give --root a folder "
                f"of its own for the packs, such as {EXAMPLE_ROOT}"
            )


def require_installed(root: Path) -> None:
    """Raise PackError unless content is installed in ``root`` (it has ``current``)."""
    if not any((root / name).is_symlink() for name in LINKS):
        raise PackError(
            f"no content is installed in {root}: check that --root is the packs folder the "
            f"packs were installed in (such as {EXAMPLE_ROOT}), or install a pack first"
        )


def _refusal(root: Path, exc: OSError) -> PackError:
    """What an OSError while making or locking ``root`` means, in a sentence."""
    if isinstance(exc, PermissionError):
        return PackError(
            f"permission denied in {root}: installing and rolling back need an administrator "
            "(sudo rightsguide pack ...)"
        )
    if isinstance(exc, FileExistsError | NotADirectoryError):
        return PackError(f"{root} is not a folder: give --root the packs folder")
    if exc.errno == errno.ENOSPC:
        return PackError(
            f"the disk is full: there is no room in {root}; free some space on it, then try "
            "again. Nothing was changed"
        )
    if isinstance(exc, folders.NotAFile) or exc.errno in (errno.ELOOP, errno.EISDIR):
        # (a link planted at its name is not followed: it would create a file elsewhere)
        return PackError(f"{root / LOCK} is not a plain file; remove it and try again")
    return PackError(
        f"cannot write in {root} ({exc.strerror or exc}): check that --root is the packs "
        "folder, then try again. Nothing was changed"
    )


class Made:
    """The folders an install made (parents first) and whether it created the lock file."""

    def __init__(self, root: Path) -> None:
        """Nothing made yet in or above ``root``."""
        self.root = root
        self.folders: list[Path] = []
        self.lock = False

    def mkdirs(self, path: Path) -> None:
        """Make ``path`` and the folders missing above it, noting each one made (OSError)."""
        missing = []
        while not os.path.lexists(path) and path.parent != path:
            missing.append(path)
            path = path.parent
        for folder in reversed(missing):
            try:
                folder.mkdir()
            except FileExistsError:
                continue  # (made by someone else meanwhile: not ours to remove)
            self.folders.append(folder)

    def make(self, path: Path) -> None:
        """:meth:`mkdirs`, raising PackError (in words) instead of OSError."""
        try:
            self.mkdirs(path)
        except OSError as exc:
            raise _refusal(path, exc) from None

    def undo(self) -> None:
        """Remove the lock file if this created it, and the folders made if they are empty.

        Called only while the lock is held (or was never taken): see :func:`locked`.
        """
        # the folders inside the root first, while the lock still keeps a second install out
        # (which would find them there and not make them itself); then the lock; then the root
        inside = [f for f in self.folders if f != self.root and f.is_relative_to(self.root)]
        for folder in reversed(inside):
            with contextlib.suppress(OSError):  # (not empty: someone else's now; left)
                folder.rmdir()
        if self.lock:
            with contextlib.suppress(OSError):
                (self.root / LOCK).unlink()
            self.lock = False
        for folder in reversed([f for f in self.folders if f not in inside]):  # root, parents
            with contextlib.suppress(OSError):
                folder.rmdir()
        self.folders.clear()


def _same_file(fd: int, path: Path) -> bool:
    """True when ``path`` is still the file ``fd`` was opened on (POSIX; elsewhere True)."""
    if not folders.POSIX:  # pragma: no cover - Windows: an open file cannot be removed
        return True
    try:
        return os.path.samestat(os.fstat(fd), path.lstat())
    except OSError:
        return False


def _flock(fd: int) -> bool:
    """Take the lock on ``fd`` without waiting; False when someone else holds it."""
    try:
        if os.name == "posix":
            import fcntl

            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        else:  # pragma: no cover - Windows
            import msvcrt

            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)  # type: ignore[attr-defined,unused-ignore]
    except OSError:
        return False
    return True


def _take(root: Path, made: Made, *, create: bool) -> int:
    """The descriptor of ``ROOT/.install.lock``, locked (raises PackError, having undone)."""
    for _attempt in range(_ATTEMPTS):
        try:
            if create:
                made.mkdirs(root)
            new = not os.path.lexists(root / LOCK)
            fd = folders.open_lock(root / LOCK)
        except OSError as exc:
            made.undo()
            raise _refusal(root, exc) from None
        made.lock = new
        if not _flock(fd):
            os.close(fd)
            made.lock = False  # (someone else holds it: theirs now, never removed here)
            made.undo()
            raise PackError(
                f"another install or rollback is running in {root}; wait for it to finish"
            )
        if _same_file(fd, root / LOCK):
            return fd
        os.close(fd)  # removed by a failed first install meanwhile: open the new one
    made.undo()
    raise PackError(f"another install or rollback is running in {root}; wait for it to finish")


@contextlib.contextmanager
def locked(root: Path, *, create: bool) -> Iterator[Made]:
    """Hold ``ROOT/.install.lock``: one install or rollback at a time, never two.

    ``create``: make ``root`` (and the folders above it) if missing, as a first install does.
    The :class:`Made` yielded records what was made; more can be made with it
    (``versions/``). If the body raises, all of it is removed again, before the lock is let go.
    """
    made = Made(root)
    fd = _take(root, made, create=create)
    try:
        yield made
    except BaseException:
        made.undo()
        raise
    finally:
        os.close(fd)  # closing releases the lock
