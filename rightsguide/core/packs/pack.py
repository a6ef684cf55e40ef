"""Signed content packs: how a clinic updates a kiosk from a USB stick and knows it is authentic.

A pack is a zip file holding ``content/`` (pages, registry, glossaries), ``locales/`` (UI
catalogs), ``assets/`` (the app's style sheets, icons and fonts), ``index/`` (the search index
built with the pack), ``manifest.json`` and, once signed, ``manifest.sig``: an Ed25519 signature
of ``manifest.json``'s exact bytes. The manifest lists the pack's version (``YYYY.MM.DD[.N]``),
creation date, languages, the minimum app version, release notes and the SHA-256 of every file.
See docs/packs.md.

Reading a pack opens it once: its size, file count and every file's declared size and
compression ratio are checked before anything is inflated; then the signature over the
manifest's bytes, before the manifest is parsed; then each file is inflated (bounded) and
hashed, and only bytes that match are handed on.

Installing never touches the active content until the new one is complete, valid and synced::

    ROOT/versions/<version>/   unpacked packs: the active one and the previous one (kept for
                               rollback; older ones are removed once an install has switched);
                               a copy made again over a damaged one: <version>+repaired-<hex>/
    ROOT/current               link to the active version (relative; switched with one rename)
    ROOT/previous              link to the version before it
    ROOT/.install.lock         held by one install or rollback at a time

Run the app with ``--content ROOT/current/content``. What ``--root`` may be, and how a first
install that fails leaves nothing behind: :mod:`rightsguide.core.packs.rootdir`.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import datetime as dt
import enum
import errno
import hashlib
import os
import secrets
import unicodedata
import zipfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import IO

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from rightsguide import __version__
from rightsguide.core.content.locales import load_registry
from rightsguide.core.packs import folders, rootdir
from rightsguide.core.packs.manifest import (
    MANIFEST,
    MAX_MANIFEST_BYTES,
    MAX_SIGNATURE_BYTES,
    SIGNATURE,
    Manifest,
    PackError,
    key_id,
    manifest_bytes,
    parse_version,
    raw_key,
    read_bounded,
    read_manifest,
)

__all__ = [
    "Installed",
    "Manifest",
    "PackError",
    "Removed",
    "RemovedCopy",
    "build",
    "install",
    "installed_signer",
    "keygen",
    "load_installed",
    "public_key",
    "rollback",
    "sign",
    "verify",
    "verify_installed",
]

MAX_PACK_BYTES = 100_000_000
MAX_FILES = 20_000
MAX_FILE_BYTES = 64_000_000  # one file, inflated (the search index is the largest)
MAX_TOTAL_BYTES = 400_000_000  # every file, inflated
MAX_RATIO = 200  # inflated size / compressed size of one file (a zip bomb is thousands)
RATIO_MIN_BYTES = 1000  # smaller files may have any ratio
PREFIXES = ("content", "locales", "assets", "index")
ASSET_FOLDERS = ("styles", "icons", "fonts")
STAGING = ".staging-"
REPAIRED = "+repaired-"  # versions/<version>+repaired-<hex>: a damaged active copy made again
AGAIN = "+again-"  # versions/<version>+again-<hex>: a version installed again beside its copy

# Called with the name of each step of an install (tests stop the process there, as a power
# cut would). Never set outside tests.
_step_hook: Callable[[str], None] | None = None


def _step(name: str) -> None:
    if _step_hook is not None:
        _step_hook(name)


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _version_tuple(text: str) -> tuple[int, ...]:
    return tuple(int(p) for p in text.split(".") if p.isdigit())


def index_name() -> str:
    """The search index's name inside a pack (its schema version in the name)."""
    from rightsguide.core.search.index import SCHEMA

    return f"index/search-v{SCHEMA}.sqlite"


# --- keys ---


def keygen(private_path: Path, public_path: Path) -> str:
    """Write a new key pair; return the public key (base64) that kiosks will trust."""
    key = Ed25519PrivateKey.generate()
    pem = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    fd = os.open(private_path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as fh:
        fh.write(pem)
    public = base64.b64encode(
        key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    ).decode("ascii")
    public_path.write_text(public + "\n", encoding="ascii")
    return public


def _private_key(path: Path) -> Ed25519PrivateKey:
    try:
        key = serialization.load_pem_private_key(path.read_bytes(), password=None)
    except (OSError, ValueError) as exc:
        raise PackError(f"cannot read the signing key {path}: {exc}") from None
    if not isinstance(key, Ed25519PrivateKey):
        raise PackError(f"{path} is not an Ed25519 key")
    return key


def public_key(text: str) -> Ed25519PublicKey:
    """A trusted public key written as base64 (what ``keygen`` prints)."""
    return Ed25519PublicKey.from_public_bytes(raw_key(text))


# --- names ---


def _safe_name(name: str) -> bool:
    path = PurePosixPath(name)
    return (
        not path.is_absolute()
        and bool(path.parts)
        and path.parts[0] in PREFIXES
        and len(path.parts) > 1
        and not any(part in (".", "..") or part.startswith(".") for part in path.parts)
        and path.as_posix() == name
        and "\\" not in name
        and not any(unicodedata.category(c).startswith("C") for c in name)
    )


def _fold(name: str) -> str:
    """What a case-insensitive or Unicode-normalising file system would see."""
    return unicodedata.normalize("NFC", name).casefold()


def _look_alike(names: list[str]) -> str | None:
    """A name that another one shadows on some file system (case or Unicode form), or None."""
    seen: dict[str, str] = {}
    for name in names:
        if unicodedata.normalize("NFC", name) != name:
            return name
        other = seen.setdefault(_fold(name), name)
        if other != name:
            return name
    return None


# --- build and sign ---


def _tree(prefix: str, root: Path, files: dict[str, bytes]) -> None:
    for path in sorted(root.rglob("*")):
        if path.is_symlink() or not path.is_file():
            continue
        rel = path.relative_to(root)
        if path.suffix in (".mo", ".pyc") or any(part.startswith(".") for part in rel.parts):
            continue
        files[f"{prefix}/{rel.as_posix()}"] = path.read_bytes()


def build(
    content: Path,
    locales: Path,
    out: Path,
    version: str,
    notes: str | None = None,
    *,
    assets: Path | None = None,
) -> Manifest:
    """Zip the content, UI catalogs, app assets and a search index with a manifest (unsigned).

    ``notes``: the release notes; None takes ``notes:`` from ``content/locales.yaml``.
    ``assets``: the app's ``assets/`` folder (default: the bundled one).
    """
    from rightsguide.core.content.library import ContentLibrary
    from rightsguide.core.model import Severity
    from rightsguide.core.resources import data_dirs
    from rightsguide.core.search.index import SearchIndex
    from rightsguide.core.translation.check import check_tree

    parse_version(version)
    registry = load_registry(content)
    assets = assets if assets is not None else data_dirs().assets
    # what an install checks, checked here first: a pack it would refuse is never made
    errors = [p for p in check_tree(content, assets) if p.severity is Severity.ERROR]
    if errors:
        shown = "; ".join(str(p) for p in errors[:3])
        raise PackError(
            f"the content has {len(errors)} errors, and a kiosk would refuse the pack: {shown}"
            + (" ..." if len(errors) > 3 else "")  # noqa: PLR2004
            + " (run 'rightsguide check' for all of them)"
        )
    files: dict[str, bytes] = {}
    _tree("content", content, files)
    _tree("locales", locales, files)
    for folder in ASSET_FOLDERS:
        _tree(f"assets/{folder}", assets / folder, files)
    bad = [name for name in files if not _safe_name(name)]
    shadow = _look_alike(sorted(files))
    if bad or shadow:
        raise PackError(f"cannot pack a file with this name: {bad[0] if bad else shadow}")
    files[index_name()] = SearchIndex(ContentLibrary(content, registry)).to_bytes()
    manifest = Manifest(
        version=version,
        created=dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        locales=tuple(loc.code for loc in registry.all()),
        min_app_version=__version__,
        notes=registry.notes if notes is None else notes,
        files={name: _sha256(data) for name, data in files.items()},
    )
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(MANIFEST, manifest_bytes(manifest))
        for name, data in files.items():
            zf.writestr(name, data)
    return manifest


def sign(pack: Path, private_path: Path) -> None:
    """Add ``manifest.sig`` (Ed25519 over the manifest's bytes) to the pack."""
    key = _private_key(private_path)
    try:
        with zipfile.ZipFile(pack, "r") as zf:
            entries = {info.filename: zf.read(info) for info in zf.infolist()}
    except (zipfile.BadZipFile, EOFError) as exc:
        raise PackError(f"{pack} is not a pack ({exc})") from None
    if MANIFEST not in entries:
        raise PackError(f"{pack} has no {MANIFEST}: build it with 'rightsguide pack build'")
    entries[SIGNATURE] = base64.b64encode(key.sign(entries[MANIFEST]))
    tmp = pack.with_suffix(pack.suffix + ".tmp")
    with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for name, data in entries.items():
            zf.writestr(name, data)
    tmp.replace(pack)


# --- verify ---


def _check_signature(
    manifest: bytes, signature: bytes, trusted: list[str], revoked: tuple[str, ...] = ()
) -> str:
    """Return the trusted key that made ``signature``; raise PackError when none did.

    A key listed in ``revoked`` is refused even when it is also trusted.
    """
    if not trusted:
        raise PackError("no trusted public key is configured: add one to the kiosk configuration")
    try:
        raw = base64.b64decode(signature.strip(), validate=True)
    except (binascii.Error, ValueError):
        raise PackError("the signature is damaged") from None
    refused = {raw_key(k) for k in revoked}
    for key in trusted:
        try:
            public_key(key).verify(raw, manifest)
        except InvalidSignature:
            continue
        if raw_key(key) in refused:
            raise PackError(
                f"the pack is signed by a revoked key ({key_id(key)}): do not install it"
            )
        return key
    raise PackError("the signature does not match any trusted key: do not install this pack")


def _check_sizes(infos: list[zipfile.ZipInfo], size: int) -> None:
    """Refuse a pack whose declared sizes are out of bounds, before anything is inflated."""
    if size > MAX_PACK_BYTES:
        raise PackError(f"the pack is larger than {MAX_PACK_BYTES // 1_000_000} MB")
    if len(infos) > MAX_FILES + 2:
        raise PackError(f"the pack holds more than {MAX_FILES} files")
    total = 0
    for info in infos:
        limit = MAX_MANIFEST_BYTES if info.filename == MANIFEST else MAX_FILE_BYTES
        if info.file_size > limit:
            raise PackError(f"{info.filename[:80]} is too large ({info.file_size} bytes)")
        if info.file_size > RATIO_MIN_BYTES and info.file_size > MAX_RATIO * max(
            info.compress_size, 1
        ):
            raise PackError(f"{info.filename[:80]} is compressed suspiciously well (a zip bomb?)")
        if info.flag_bits & 0x1 or info.compress_type not in (
            zipfile.ZIP_STORED,
            zipfile.ZIP_DEFLATED,
        ):
            raise PackError(f"{info.filename[:80]} is stored in a way packs never use")
        total += info.file_size
    if total > MAX_TOTAL_BYTES:
        raise PackError(f"the pack unpacks to more than {MAX_TOTAL_BYTES // 1_000_000} MB")


def _inflate(zf: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int) -> bytes:
    """One file's bytes, never more than ``limit`` (nor than its declared size)."""
    chunks, size = [], 0
    with zf.open(info) as fh:
        while chunk := fh.read(1 << 20):
            size += len(chunk)
            if size > min(limit, info.file_size):
                raise PackError(f"{info.filename[:80]} is larger than the pack says")
            chunks.append(chunk)
    return b"".join(chunks)


@dataclass(frozen=True, slots=True)
class _Opened:
    manifest: Manifest
    manifest_bytes: bytes
    signature: bytes
    key: str


def _read_pack(
    fh: IO[bytes],
    trusted: list[str],
    revoked: tuple[str, ...],
    on_manifest: Callable[[Manifest], None],
    sink: Callable[[str, bytes], None],
) -> _Opened:
    """Check a pack in one pass; hand each file's verified bytes to ``sink``."""
    size = os.fstat(fh.fileno()).st_size
    if size > MAX_PACK_BYTES:
        raise PackError(f"the pack is larger than {MAX_PACK_BYTES // 1_000_000} MB")
    with zipfile.ZipFile(fh, "r") as zf:
        infos = [i for i in zf.infolist() if not i.is_dir()]
        _check_sizes(infos, size)
        names = [i.filename for i in infos]
        if len(set(names)) != len(names):
            raise PackError("the pack holds two files with the same name")
        by_name = {i.filename: i for i in infos}
        if MANIFEST not in by_name or SIGNATURE not in by_name:
            raise PackError(
                f"the pack is not signed (it has no {SIGNATURE}): do not install it; use the "
                "pack file exactly as the publishers sent it, or ask them for a signed pack"
            )
        signature = _inflate(zf, by_name[SIGNATURE], MAX_SIGNATURE_BYTES)
        raw_manifest = _inflate(zf, by_name[MANIFEST], MAX_MANIFEST_BYTES)
        key = _check_signature(raw_manifest, signature, trusted, revoked)
        manifest = read_manifest(raw_manifest)  # parsed only once the signature holds
        if _version_tuple(manifest.min_app_version) > _version_tuple(__version__):
            raise PackError(
                f"this pack needs rightsguide {manifest.min_app_version} or newer "
                f"(this is {__version__})"
            )
        payload = [n for n in names if n not in (MANIFEST, SIGNATURE)]
        unsafe = [n for n in [*payload, *manifest.files] if not _safe_name(n)]
        if unsafe:
            raise PackError(f"the pack holds a file outside {', '.join(PREFIXES)}: {unsafe[0]}")
        shadow = _look_alike(sorted(manifest.files))
        if shadow is not None:
            raise PackError(f"two files' names differ only in case or Unicode form: {shadow}")
        if set(payload) != set(manifest.files):
            extra = sorted(set(payload) ^ set(manifest.files))
            raise PackError(f"files differ from the manifest: {', '.join(extra[:5])}")
        on_manifest(manifest)
        for name in sorted(payload):
            data = _inflate(zf, by_name[name], MAX_FILE_BYTES)
            if _sha256(data) != manifest.files[name]:
                raise PackError(f"{name} was changed after the pack was signed")
            sink(name, data)
    return _Opened(manifest, raw_manifest, signature, key)


@contextlib.contextmanager
def _opened(pack: Path) -> Iterator[IO[bytes]]:
    """The pack file, read once (a FIFO or a device given as the pack is refused, not read)."""
    try:
        with folders.open_regular(pack) as fh:
            yield fh
    except (zipfile.BadZipFile, EOFError, zipfile.LargeZipFile, zlib.error):
        # (not the zip module's words: "Bad CRC-32" says nothing to an administrator)
        raise PackError(
            f"the pack file {pack} is damaged or incomplete: copy it onto the USB stick again "
            "(or download it again), then try again"
        ) from None
    except IsADirectoryError:
        raise PackError(_a_folder(pack)) from None
    except OSError as exc:
        raise PackError(f"cannot read {pack}: {exc.strerror or exc}") from None


def _a_folder(folder: Path) -> str:
    """What to say when a folder (the USB stick's, say) is given instead of a pack file."""
    try:
        found = sorted(p for p in folder.glob("*.pack") if p.is_file())
    except OSError:
        found = []
    said = f"{folder} is a folder, not a pack file: give the .pack file itself"
    if len(found) == 1:
        return f"{said} (did you mean {found[0]}?)"
    if found:
        return f"{said}; the pack files in it are: {', '.join(str(p) for p in found[:5])}"
    return f"{said}; there is no .pack file in this folder"


def verify(pack: Path, trusted: list[str], revoked: tuple[str, ...] = ()) -> Manifest:
    """Check the signature against ``trusted`` keys and every file's hash; return the manifest."""
    return verify_signed(pack, trusted, revoked)[0]


def verify_signed(
    pack: Path, trusted: list[str], revoked: tuple[str, ...] = ()
) -> tuple[Manifest, str]:
    """Like :func:`verify`, and also return the trusted key that signed the pack."""
    if not trusted:
        raise PackError("no trusted public key is configured: add one to the kiosk configuration")
    with _opened(pack) as fh:
        opened = _read_pack(fh, trusted, revoked, lambda _m: None, lambda _n, _d: None)
    return opened.manifest, opened.key


# --- installed content ---


@dataclass(frozen=True, slots=True)
class Installed:
    """An installed pack's verified bytes: what a kiosk with ``require_signed`` shows."""

    base: Path  # ROOT/versions/<version>, resolved once
    manifest: Manifest
    key: str
    files: dict[str, bytes]  # name inside the pack -> its verified bytes


def load_installed(content: Path, trusted: list[str], revoked: tuple[str, ...] = ()) -> Installed:
    """Read an installed pack once (manifest, signature, every listed file), and check it all.

    ``content`` is ``<version>/content``. The signature is checked before the manifest is
    parsed, and every file against its hash; the bytes returned are the ones checked. Files on
    disk that the manifest does not list are not read (they cannot be shown).
    """
    base = content.resolve().parent
    try:
        signature = read_bounded(base / SIGNATURE, MAX_SIGNATURE_BYTES)
        raw_manifest = read_bounded(base / MANIFEST, MAX_MANIFEST_BYTES)
    except OSError:
        raise PackError(f"{content} was not installed from a signed pack") from None
    key = _check_signature(raw_manifest, signature, trusted, revoked)
    manifest = read_manifest(raw_manifest)
    unsafe = [n for n in manifest.files if not _safe_name(n)]
    if unsafe:
        raise PackError(f"the manifest names a file outside the pack: {unsafe[0]}")
    files, total = {}, 0
    for name in sorted(manifest.files):
        path = base / name
        try:
            data = read_bounded(path, MAX_FILE_BYTES)
        except FileNotFoundError:
            raise PackError(f"{path} is missing") from None
        except OSError as exc:
            raise PackError(f"{path} cannot be read as the pack installed it ({exc})") from None
        total += len(data)
        if total > MAX_TOTAL_BYTES:
            raise PackError(f"{base} holds more than {MAX_TOTAL_BYTES // 1_000_000} MB")
        if _sha256(data) != manifest.files[name]:
            raise PackError(f"{path} was changed after the pack was installed")
        files[name] = data
    return Installed(base, manifest, key, files)


def _unlisted(base: Path, listed: set[str]) -> str | None:
    """A file, link or special file in the installed folder ``base`` that is not listed, or None.

    ``listed``: the manifest's files, relative to ``base``. Links are reported, not followed
    (a linked folder is never part of a pack); folders are looked into one by one, not by
    recursion (a planted folder may be thousands deep).
    """
    pending = [base]
    while pending:
        with os.scandir(pending.pop()) as entries:
            for entry in entries:
                rel = Path(entry.path).relative_to(base).as_posix()
                if entry.is_symlink():
                    return rel
                if entry.is_dir(follow_symlinks=False):
                    pending.append(Path(entry.path))
                elif rel not in listed or not entry.is_file(follow_symlinks=False):
                    return rel
    return None


def verify_installed(content: Path, trusted: list[str]) -> Manifest:
    """Check an installed content folder against its pack's signed manifest.

    Every file listed must be unchanged, and nothing (a file or a link, anywhere in the pack's
    folder: its content, screen texts, assets or index) may have been added: the reader outside
    a kiosk reads the folder itself.
    """
    return installed_signer(content, trusted)[0]


def installed_signer(
    content: Path, trusted: list[str], revoked: tuple[str, ...] = ()
) -> tuple[Manifest, str]:
    """Like :func:`verify_installed`, and also return the trusted key that signed the pack."""
    installed = load_installed(content, trusted, revoked)
    added = _unlisted(installed.base, {*installed.manifest.files, MANIFEST, SIGNATURE})
    if added is not None:
        raise PackError(f"{installed.base / added} is not part of the signed pack")
    return installed.manifest, installed.key


# --- install and rollback ---


def _fsync_dir(path: Path) -> None:
    if os.name != "posix":
        return  # Windows has no directory handles to sync; NTFS journals renames
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _absolute(root: Path) -> Path:
    """``root`` made absolute without following links (a relative ``--root`` works)."""
    return Path.cwd() / root if not root.is_absolute() else root


def _target(link: Path) -> Path | None:
    """The folder a ``current``/``previous`` link points at (absolute), or None."""
    if not link.is_symlink():
        return None
    target = link.readlink()
    return target if target.is_absolute() else link.parent / target


def _switch(link: Path, target: Path) -> None:
    """Point ``link`` at ``target`` (written relative to the link's folder) with one rename."""
    tmp = link.with_name(f"{link.name}.new-{os.getpid()}")
    if tmp.is_symlink() or tmp.exists():
        if tmp.is_dir() and not tmp.is_symlink():  # (planted: unlink() cannot remove it)
            raise IsADirectoryError(errno.EISDIR, "a folder is in the way; remove it", str(tmp))
        tmp.unlink()
    tmp.symlink_to(os.path.relpath(target, link.parent), target_is_directory=True)
    tmp.replace(link)


def _clean_leftovers(versions: Path) -> tuple[RemovedCopy, ...]:
    """Remove what installs that were killed left (only ever called under the lock).

    Staging folders, and a copy that was never made active (a kill before its switch): one
    that ``current`` or ``previous`` points at is kept. Returns the copies removed (a FIFO or
    a link under such a name is left, and not named).
    """
    found = sorted(p.name for p in versions.glob(f"{STAGING}*"))
    for marker in (REPAIRED, AGAIN):
        found += sorted(
            p.name for p in versions.glob(f"*{marker}*") if not _linked(versions.parent, p)
        )
    removed = []
    for name in found:
        folders.remove_folder(versions, name)
        if not os.path.lexists(versions / name):
            removed.append(RemovedCopy(name, Removed.LEFTOVER))
    for link in ("current", "previous"):  # (_switch's half-made links; nobody else's)
        for leftover in versions.parent.glob(f"{link}.new-*"):
            if leftover.is_symlink():
                leftover.unlink()
    return tuple(removed)


def installed_version(root: Path) -> str | None:
    """The active version's number (from its manifest, not verified), or None."""
    current = _target(root / "current")
    if current is None:
        return None
    try:
        return _version_of(current)
    except (OSError, PackError):
        return None


def _version_of(folder: Path) -> str:
    """The version in the manifest of the installed copy ``folder``."""
    return read_manifest(read_bounded(folder / MANIFEST, MAX_MANIFEST_BYTES)).version


class _AlreadyInstalled(Exception):
    def __init__(self, manifest: Manifest) -> None:
        super().__init__(manifest.version)
        self.manifest = manifest


class _WriteFailed(Exception):
    """Writing the new copy failed (kept apart from reading the pack, to say which)."""

    def __init__(self, error: OSError) -> None:
        super().__init__(str(error))
        self.error = error


@contextlib.contextmanager
def _writing() -> Iterator[None]:
    """Turn an OSError while the new copy is written into :class:`_WriteFailed`."""
    try:
        yield
    except OSError as exc:
        raise _WriteFailed(exc) from None


class Removed(enum.Enum):
    """What a copy removed from ``versions/`` was (the command line says it in words)."""

    DAMAGED = "damaged"  # the active copy, damaged: this install made it again and switched
    BEFORE_PREVIOUS = "before previous"  # the one ``previous`` pointed at until this install
    LEFTOVER = "leftover"  # left by an install that was cut off (never made active)
    OLD = "old"  # another copy named after a version, that neither link pointed at


@dataclass(frozen=True, slots=True)
class RemovedCopy:
    """A copy removed from ``versions/``: its folder's name, and what it was."""

    name: str
    what: Removed

    @property
    def version(self) -> str:
        """The version the folder is named after (``2026.12.01`` of ``2026.12.01+again-1f``)."""
        return self.name.partition("+")[0]


@dataclass(frozen=True, slots=True)
class InstallResult:
    """What ``install`` did: ``changed`` is False when the version was already active, intact.

    ``repaired``: why the active copy of this same version was made again ("" when it was
    not); ``changed`` is then True. ``removed``: every copy removed from ``versions/``:
    leftovers of installs that were cut off (removed first, even when nothing else changes),
    then, once the switch was made, the copies neither ``current`` nor ``previous`` points at.
    ``kept_old``: why old copies were left there ("" when none was).
    """

    manifest: Manifest
    changed: bool
    repaired: str = ""
    removed: tuple[RemovedCopy, ...] = ()
    kept_old: str = ""


def _failure(exc: _WriteFailed | PackError | OSError, versions: Path) -> PackError:
    """What a failed install says: writing the new copy failed, reading the pack, or a check."""
    if isinstance(exc, PackError):
        return exc
    if isinstance(exc, _WriteFailed):
        error = exc.error
        full = ": the disk is full; free some space on it, then try again. Nothing was changed"
        return PackError(
            f"could not write the new copy in {versions} ({error.strerror or error})"
            + (full if error.errno == errno.ENOSPC else "; nothing was changed")
        )
    return PackError(f"could not unpack the pack ({exc.strerror or exc}); nothing was changed")


def _noting(error: PackError, leftovers: tuple[RemovedCopy, ...]) -> PackError:
    """``error``, saying which leftovers were removed before it (every removal is named)."""
    if not leftovers:
        return error
    names = ", ".join(c.name for c in leftovers)
    return PackError(
        f"{error} (Before that, leftovers of an install that was cut off were removed from "
        f"versions/: {names}.)"
    )


def install(  # noqa: PLR0915 - one transaction, step by step, reads best in one place
    pack: Path,
    root: Path,
    trusted: list[str],
    assets: Path,
    *,
    revoked: tuple[str, ...] = (),
    allow_downgrade: bool = False,
) -> InstallResult:
    """Verify, unpack to a staging folder, validate like ``check``, sync, then switch.

    Any failure (or a kill at any point) leaves ``root/current`` exactly as it was. A version
    older than the active one is refused unless ``allow_downgrade``. Installing the active
    version again changes nothing when its copy on disk is intact and is this pack; when that
    copy is damaged (even its manifest), the pack is installed as a new copy of the same
    version and made active, ``previous`` staying as it was. The new copy is written through
    the folders' handles (:class:`folders.Staging`), and is switched to only if it is still
    the folder written. A ``root`` inside an installed copy is refused; one that did not exist
    is made, and if the install fails, what it made (``root``, ``versions/``, the lock) is
    removed again (:mod:`rootdir`).
    """
    from rightsguide.core.model import Severity
    from rightsguide.core.translation.check import check_tree

    if not trusted:
        raise PackError("no trusted public key is configured: add one to the kiosk configuration")
    root = _absolute(root)
    rootdir.check(root)
    versions = root / "versions"
    with rootdir.locked(root, create=True) as made:
        if versions.is_symlink():  # (everything below is written in it, and removed from it)
            raise PackError(f"{versions} is a link: it must be a folder of the packs folder")
        made.make(versions)
        leftovers = _clean_leftovers(versions)
        live = _target(root / "current")  # the active version's folder (None: none yet)
        # the copies current and previous reach now, known by identity (whatever their names)
        linked = {name: folders.identity_of(root / name) for name in ("current", "previous")}
        # its version: its manifest's, or its folder's name when the manifest is damaged
        active = installed_version(root) or _version_named(live)
        staged: list[folders.Staging] = []
        damage: list[str] = []  # why the active copy of this same version needs repair

        def on_manifest(manifest: Manifest) -> None:
            if live is not None and manifest.version in (active, live.name):
                problem = _damage(live, manifest, trusted, revoked)
                if not problem:
                    raise _AlreadyInstalled(manifest)  # nothing to do; rollback is kept
                damage.append(problem)  # damaged on disk: this pack makes it again
            elif (
                active is not None
                and not allow_downgrade
                and parse_version(manifest.version) < parse_version(active)
            ):
                raise PackError(
                    f"version {manifest.version} is older than the installed {active}; "
                    "to go back, use 'pack rollback' (or --allow-downgrade)"
                )
            with _writing():
                name = f"{STAGING}{os.getpid()}-{secrets.token_hex(4)}"
                staged.append(folders.Staging(versions, name))

        written = [0]

        def sink(name: str, data: bytes) -> None:
            with _writing():
                staged[0].write(name, data)
            written[0] += 1
            _step(f"file {written[0]}")

        try:
            with _opened(pack) as fh:
                opened = _read_pack(fh, trusted, revoked, on_manifest, sink)
            manifest = opened.manifest
            staging = staged[0]
            with _writing():
                staging.write(MANIFEST, opened.manifest_bytes)
                staging.write(SIGNATURE, opened.signature)
            _check_in_place(staging, staging.path)
            # checked through the folder's handle: what is checked is what was written, even
            # if its name is swapped for a link to other files while the check reads it
            held = staging.held
            errors = [
                p for p in check_tree(held / "content", assets) if p.severity is Severity.ERROR
            ]
            if errors:  # (named inside the pack: the folder it was unpacked to is removed)
                first = str(errors[0]).replace(f"{held}{os.sep}", "")
                raise PackError(
                    f"the pack's content has {len(errors)} errors, e.g. {first}; do not use this "
                    "pack: tell the publishers. Nothing was changed"
                )
            staging.sync()
            _step("staged")
            final = versions / manifest.version
            if damage or final.is_symlink() or final.exists():  # never replace a folder in use
                marker = REPAIRED if damage else AGAIN
                final = versions / f"{manifest.version}{marker}{secrets.token_hex(4)}"
            _place(staging, final)
            _step("renamed")
            if damage:
                _switch(root / "current", final)
                _fsync_dir(root)
                still: tuple[str, ...] = ("previous",)  # (not changed; not the damaged copy)
            else:  # the active copy is previous now, or (an odd current) previous is as it was
                still = ("current",) if _switch_to(root, final) else ("current", "previous")
            _step("switched")
            # (the new copy by its handle's identity; on Windows, which has none, by its path)
            new = staging.identity or folders.identity_of(final)
            kept = {i for i in (new, *(linked[n] for n in still)) if i is not None}
        except _AlreadyInstalled as already:
            return InstallResult(already.manifest, False, removed=leftovers)
        except (_WriteFailed, PackError, OSError) as exc:
            raise _noting(_failure(exc, versions), leftovers) from None
        finally:
            for staging in staged:
                staging.close()
                if not staging.placed:
                    folders.remove_folder(versions, staging.name)
        # the new version is active: what follows only frees disk space, and never fails it
        # what the copies the links reached were (for the words only: nothing depends on it)
        was = [("current", Removed.DAMAGED)] if damage else []
        roles = {linked[n]: r for n, r in [*was, ("previous", Removed.BEFORE_PREVIOUS)]}
        removed, left = _remove_old_copies(root, kept, roles)
    return InstallResult(manifest, True, damage[0] if damage else "", leftovers + removed, left)


def _place(staging: folders.Staging, final: Path) -> None:
    """Rename the staging folder to ``final``, if it is still the folder written.

    Raises PackError if it was swapped (for a link to elsewhere, say) before or during the
    rename; a link renamed into place is removed again.
    """
    _check_in_place(staging, staging.path)
    staging.rename(final.name)
    try:
        _check_in_place(staging, final)
    except PackError:
        if final.is_symlink():
            final.unlink()
        raise


def _check_in_place(staging: folders.Staging, path: Path) -> None:
    """Raise PackError unless ``path`` is still the folder the new copy was written in."""
    if not staging.is_at(path):
        raise PackError("the new copy was moved while it was installed; nothing was changed")


def _switch_to(root: Path, final: Path) -> bool:
    """Make ``final`` active, the active version becoming ``previous``; undone if it fails.

    ``previous`` only ever points at a plain folder in ``versions/``: a ``current`` that is a
    link to elsewhere, a loop or missing is not carried into it. Returns whether ``previous``
    now points at the copy that was active (else it was left as it was).
    """
    versions = root / "versions"
    before, active = _target(root / "previous"), _target(root / "current")
    moved_previous = False
    if active is not None and folders.plain_folder(active, versions):
        _switch(root / "previous", active)
        moved_previous = True
        _step("previous")
    try:
        _switch(root / "current", final)
    except OSError:
        if moved_previous:  # "nothing was changed" stays true
            if before is not None:
                _switch(root / "previous", before)
            else:
                (root / "previous").unlink()
        raise
    _fsync_dir(root)
    return moved_previous


def _remove_old_copies(
    root: Path, kept: set[folders.Identity], roles: dict[folders.Identity | None, Removed]
) -> tuple[tuple[RemovedCopy, ...], str]:
    """Remove the copies in ``versions/`` no longer in use: (those removed, why any was left).

    ``roles``: what the copies the links reached when the install started were (the damaged
    active copy, the one before the previous), by identity; any other copy is ``OLD``.

    Called once ``current`` is switched (and synced), with ``kept``: the identities of the
    new copy and of the one ``previous`` now points at, as the links reached them when the
    install started (both, when ``current`` was odd and not moved). Those stay, so the disk
    holds two versions, not every version ever installed; so does any folder either link
    reaches now (links swapped meanwhile can only keep more). Only folders named after a
    version (a damaged or replaced copy's too) are removed, each known by its identity
    through a handle (:meth:`folders.Folder.remove_unless_kept`): renaming folders meanwhile
    cannot get a copy in use removed. Files, links and other folders are left as they are. Nothing
    is removed when someone else can rename what is in ``versions/``: they could give any
    folder there a version's name. An error here is reported, never raised: the install
    itself is done.
    """
    versions = root / "versions"
    removed: list[RemovedCopy] = []
    failed = 0
    try:
        with folders.Folder(versions) as folder:
            others = folder.writable_by_others()
            if others:
                return (), f"{others}: anyone who can could give any folder there a version's name"
            for name in folder.names():
                if _version_named(versions / name) is None:
                    continue
                now = {folders.identity_of(root / link) for link in ("current", "previous")}
                # (what it was, by the identity its name has now: for the message only)
                identity = folders.identity_of(versions / name)
                what = roles.get(identity, Removed.OLD) if identity else Removed.OLD
                outcome = folder.remove_unless_kept(name, kept | {i for i in now if i})
                if outcome == "removed":
                    removed.append(RemovedCopy(name, what))
                failed += outcome == "failed"
    except OSError as exc:
        return tuple(removed), f"could not look through {versions} ({exc.strerror or exc})"
    finally:
        _step("cleaned")
    return tuple(removed), f"{failed} could not be removed" if failed else ""


def _linked(root: Path, folder: Path) -> bool:
    """True when ``current`` or ``previous`` points at ``folder`` (however either is spelled)."""
    return any(
        folders.same_folder(folder, _target(root / name)) for name in ("current", "previous")
    )


def _version_named(folder: Path | None) -> str | None:
    """The version a folder in ``versions/`` is named after (a copy's too), or None."""
    if folder is None:
        return None
    name = folder.name.partition("+")[0]
    try:
        parse_version(name)
    except PackError:
        return None
    return name


def _damage(
    live: Path, expected: Manifest | None, trusted: list[str], revoked: tuple[str, ...]
) -> str:
    """Why the installed copy ``live`` is not exactly a signed pack ("" when it is).

    ``expected``: the pack it must be (None: any trusted one).
    """
    try:
        for linked in (live, live / "content"):
            if linked.is_symlink():
                return f"{linked} is a link, not part of the signed pack"
        found, _key = installed_signer(live / "content", trusted, revoked)
    except PackError as exc:
        return str(exc)
    except (OSError, RuntimeError, RecursionError) as exc:  # (a loop of links, deep folders)
        return f"{live} cannot be checked ({exc})"
    if expected is not None and found.version == expected.version and found.files != expected.files:
        # intact and signed, but another build: not damage to repair, and not for us to choose
        raise PackError(
            f"another pack with the same version {found.version} is installed (made "
            f"{found.created[:10]}; this one was made {expected.created[:10]}): a changed pack "
            "needs a new version number, so ask the publishers for one. Nothing was changed"
        )
    if expected is not None and (found.version, found.files) != (expected.version, expected.files):
        return f"{live} holds another signed pack (version {found.version})"
    return ""


def rollback(root: Path, trusted: list[str], revoked: tuple[str, ...] = ()) -> str:
    """Make the previous version active again, once its files are checked; return its version.

    A ``root`` where no content is installed (a mistyped ``--root``) is refused, and nothing
    is created there.
    """
    root = _absolute(root)
    rootdir.check(root)
    rootdir.require_installed(root)
    versions = root / "versions"
    instead = "install the newest pack again instead ('rightsguide pack install')"
    with rootdir.locked(root, create=False):
        before, active = _target(root / "previous"), _target(root / "current")
        if before is None or not before.is_dir():
            raise PackError(
                f"there is no previous version to go back to in {root} (none is kept before the "
                "content in use); to use other content, install its pack"
            )
        if not folders.plain_folder(before, versions):
            raise PackError(
                f"the previous version {before} is not a folder in {versions}: do not go back "
                f"to it; {instead}"
            )
        problem = _damage(before, None, trusted, revoked)
        if problem:
            raise PackError(
                f"the previous version is damaged, so it was not made active: {problem}. "
                f"Do not go back to it; {instead}"
            )
        version = _version_of(before)  # (checked just now)
        _switch(root / "current", before)
        if active is not None and folders.plain_folder(active, versions):
            _switch(root / "previous", active)
        else:
            (root / "previous").unlink()  # (the active one was no plain folder: not kept)
        _fsync_dir(root)
    return version
