"""An install's files and folders, handled so that nothing planted in ``ROOT`` redirects them.

Someone who can write inside the packs folder (but has no signing key) may swap a folder for a
link, or plant a FIFO, while an install runs. On POSIX systems the new copy is therefore written
through handles of the folders it created (a link swapped in later is never followed), checked
to still be that folder before it is switched to, and folders are removed through a handle of
their parent, never following a link. Windows has no directory handles: there, paths are used.
"""

from __future__ import annotations

import os
import shutil
import stat
from pathlib import Path
from typing import IO, Literal

POSIX = os.name == "posix"
_DIRECTORY = getattr(os, "O_DIRECTORY", 0) | getattr(os, "O_NOFOLLOW", 0)


class NotAFile(OSError):
    """A path that must be a regular file is something else (a FIFO, a device, a folder)."""


def open_regular(path: Path) -> IO[bytes]:
    """``path`` opened for reading, once it is known to be a regular file (never blocks).

    A FIFO would block a plain ``open`` until someone writes to it, and ``/dev/zero`` never
    ends: both are refused (``NotAFile``).
    """
    fh = open(path, "rb", opener=_without_waiting)  # noqa: SIM115 (returned open; Path.open has no opener)
    try:
        if not stat.S_ISREG(os.fstat(fh.fileno()).st_mode):
            raise NotAFile(f"{path} is not a file")
        if POSIX:
            os.set_blocking(fh.fileno(), True)
    except BaseException:
        fh.close()
        raise
    return fh


def _without_waiting(path: str, flags: int) -> int:
    return os.open(path, flags | getattr(os, "O_NONBLOCK", 0))


def open_lock(path: Path) -> int:
    """A descriptor of the lock file ``path``, created if needed, never through a link."""
    fd = os.open(path, os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0), 0o644)
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        os.close(fd)
        raise NotAFile(f"{path} is not a file")
    return fd


def plain_folder(path: Path | None, parent: Path) -> bool:
    """True when ``path`` is a folder (not a link) right in ``parent``.

    ``path``'s own folder may be spelled another way (``ROOT`` reached through a link, as an
    administrator may set it up, or the absolute links older versions wrote): it must be the
    same folder as ``parent``. ``.`` and ``..`` are never a folder in it.
    """
    if path is None or path.name in ("", ".", ".."):
        return False
    try:
        return stat.S_ISDIR(path.lstat().st_mode) and os.path.samestat(
            path.parent.stat(), parent.stat()
        )
    except OSError:
        return False


def same_folder(one: Path, other: Path | None) -> bool:
    """True when both paths reach the same folder (however each is spelled)."""
    try:
        return other is not None and one.samefile(other)
    except OSError:
        return False


def remove_folder(parent: Path, name: str) -> None:
    """Remove the folder ``parent/name`` and all in it, following no link.

    Anything that is not a folder there (a link, a FIFO planted under a leftover's name) is
    left as it is, and so is a folder thousands deep (``shutil.rmtree`` would recurse).
    """
    if not POSIX:  # pragma: no cover - Windows: no directory handles
        if plain_folder(parent / name, parent):
            shutil.rmtree(parent / name, ignore_errors=True)
        return
    try:
        fd = os.open(parent, os.O_RDONLY | _DIRECTORY)
    except OSError:
        return  # (no longer a folder: left as it is)
    try:
        if stat.S_ISDIR(os.stat(name, dir_fd=fd, follow_symlinks=False).st_mode):
            shutil.rmtree(name, dir_fd=fd, ignore_errors=True)
    except (OSError, RecursionError):
        pass  # gone already, or a planted folder thousands deep: no longer used
    finally:
        os.close(fd)


Identity = tuple[int, int]  # a folder's device and inode: the same folder whatever its name


def identity_of(path: Path) -> Identity | None:
    """The identity of the folder ``path`` reaches (following links), or None."""
    try:
        found = path.stat()
    except OSError:
        return None
    return _identity(found) if stat.S_ISDIR(found.st_mode) else None


Outcome = Literal["removed", "kept", "not a folder", "failed"]


class Folder:
    """A folder opened once, without following a link, to look through and remove from.

    What is in it is listed, checked and removed through this one handle: swapping the folder
    for a link or for another folder meanwhile changes nothing of what is done. (Windows:
    paths.)
    """

    def __init__(self, path: Path) -> None:
        """Open ``path`` (raises OSError if it is a link or not a folder)."""
        self.path = path
        self._fd = os.open(path, os.O_RDONLY | _DIRECTORY) if POSIX else None

    def __enter__(self) -> Folder:
        """The folder itself."""
        return self

    def __exit__(self, *_exc: object) -> None:
        """Close its handle."""
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None

    def writable_by_others(self) -> str:
        """Why someone else than this user could rename what is in it ("": no one; Windows)."""
        if self._fd is None:  # pragma: no cover - Windows: no such owner and mode bits
            return ""
        found = os.fstat(self._fd)
        if found.st_uid != os.geteuid():
            return f"{self.path} belongs to another user"
        if found.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
            return f"{self.path} can be written by other users (chmod go-w {self.path})"
        return ""

    def names(self) -> list[str]:
        """The names in it, sorted."""
        return sorted(os.listdir(self._fd if self._fd is not None else self.path))  # noqa: PTH208 (a handle)

    def remove_unless_kept(self, name: str, kept: set[Identity]) -> Outcome:
        """Remove the folder ``name`` in it unless it is one of ``kept``.

        That folder is opened without following a link and known by its identity, then
        emptied through its handle: renaming folders meanwhile cannot make this remove one
        of ``kept`` (the last step removes the name only if it is an empty folder). A link, a
        file or a FIFO is "not a folder"; a folder that could not be emptied (thousands deep,
        a name swapped meanwhile) "failed".
        """
        if self._fd is None:  # pragma: no cover - Windows: no directory handles
            target = self.path / name
            if not plain_folder(target, self.path):
                return "not a folder"
            if identity_of(target) in kept:
                return "kept"
            shutil.rmtree(target, ignore_errors=True)
            return "failed" if target.exists() else "removed"
        try:
            return _remove_in(self._fd, name, kept)
        except (OSError, RecursionError):
            return "failed"


def _remove_in(parent_fd: int, name: str, kept: set[Identity]) -> Outcome:
    """:meth:`Folder.remove_unless_kept` through the parent folder's handle (raises OSError)."""
    try:
        fd = os.open(name, os.O_RDONLY | _DIRECTORY, dir_fd=parent_fd)
    except OSError:
        return "not a folder"  # gone, a link, or something else
    try:
        if _identity(os.fstat(fd)) in kept:
            return "kept"
        with os.scandir(fd) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    shutil.rmtree(entry.name, dir_fd=fd)
                else:
                    os.unlink(entry.name, dir_fd=fd)
    finally:
        os.close(fd)
    os.rmdir(name, dir_fd=parent_fd)  # (an empty folder only: one swapped in is kept)
    return "removed"


class Staging:
    """A new folder that an install writes its checked files into.

    ``write`` creates each file and folder inside the folder this created, through handles of
    those folders (with ``O_NOFOLLOW`` and ``O_EXCL``): swapping one of them for a link
    afterwards redirects nothing. The folder is made, and renamed, through a handle of its
    parent, opened once (a parent swapped for a link later is noticed, not followed).
    ``is_at(path)`` says whether ``path`` is still that folder, in its parent.
    """

    def __init__(self, parent: Path, name: str) -> None:
        """Create the folder ``parent/name`` (it must not exist; ``parent`` must be no link)."""
        self.parent, self.name, self.placed = parent, name, False
        self._fds: dict[str, int] = {}
        self._identity: Identity | None = None
        self._parent_fd: int | None = None
        self._parent_identity: Identity | None = None
        if not POSIX:  # pragma: no cover - Windows
            (parent / name).mkdir()
            return
        self._parent_fd = os.open(parent, os.O_RDONLY | _DIRECTORY)
        self._parent_identity = _identity(os.fstat(self._parent_fd))
        try:
            os.mkdir(name, 0o755, dir_fd=self._parent_fd)
            fd = self._fds[""] = os.open(name, os.O_RDONLY | _DIRECTORY, dir_fd=self._parent_fd)
        except BaseException:
            self.close()
            raise
        self._identity = _identity(os.fstat(fd))

    @property
    def path(self) -> Path:
        """Where the folder is (its name changes when it is renamed into place)."""
        return self.parent / self.name

    @property
    def identity(self) -> Identity | None:
        """The folder's device and inode (None on Windows)."""
        return self._identity

    @property
    def held(self) -> Path:
        """A path that reaches this very folder even if its name is swapped for a link meanwhile.

        Linux's ``/proc/<pid>/fd/N`` of the folder's handle (this process's id, not ``self``:
        the check's worker processes read it too); elsewhere its path.
        """
        fd = self._fds.get("")
        handles = Path(f"/proc/{os.getpid()}/fd")
        if fd is not None and handles.is_dir():
            return handles / str(fd)
        return self.path

    def write(self, name: str, data: bytes) -> None:
        """Write the file ``name`` (``a/b/c.md``, inside the folder) and sync it."""
        if not POSIX:  # pragma: no cover - Windows
            target = self.path / name
            target.parent.mkdir(parents=True, exist_ok=True)
            with target.open("xb") as fh:
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
            return
        folder, _, leaf = name.rpartition("/")
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW
        fd = os.open(leaf, flags, 0o644, dir_fd=self._folder(folder))
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view) :]
            os.fsync(fd)
        finally:
            os.close(fd)

    def _folder(self, rel: str) -> int:
        """The handle of the folder ``rel`` inside this one, created the first time."""
        fd = self._fds.get(rel)
        if fd is None:
            head, _, leaf = rel.rpartition("/")
            parent = self._folder(head)
            os.mkdir(leaf, 0o755, dir_fd=parent)  # (one this install did not make: refused)
            fd = self._fds[rel] = os.open(leaf, os.O_RDONLY | _DIRECTORY, dir_fd=parent)
        return fd

    def sync(self) -> None:
        """Sync every folder written (their entries reach the disk before the switch)."""
        for fd in self._fds.values():
            os.fsync(fd)

    def rename(self, name: str) -> None:
        """Rename the folder to ``name`` in its parent (through the parent's handle), synced."""
        if self._parent_fd is None:  # pragma: no cover - Windows
            self.path.rename(self.parent / name)
        else:
            os.rename(self.name, name, src_dir_fd=self._parent_fd, dst_dir_fd=self._parent_fd)
            os.fsync(self._parent_fd)
        self.name, self.placed = name, True

    def is_at(self, path: Path) -> bool:
        """True when ``path`` is this folder itself, and its parent the one it was made in."""
        try:
            found, parent = path.lstat(), path.parent.lstat()
        except OSError:
            return False
        if not stat.S_ISDIR(found.st_mode) or not stat.S_ISDIR(parent.st_mode):
            return False
        if self._identity is None:  # pragma: no cover - Windows
            return True
        return (self._identity, self._parent_identity) == (_identity(found), _identity(parent))

    def close(self) -> None:
        """Close the folders' handles."""
        for fd in self._fds.values():
            os.close(fd)
        self._fds.clear()
        if self._parent_fd is not None:
            os.close(self._parent_fd)
            self._parent_fd = None


def _identity(found: os.stat_result) -> Identity:
    return found.st_dev, found.st_ino
