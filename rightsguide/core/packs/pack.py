"""Signed content packs: how a clinic updates a kiosk from a USB stick and knows it is authentic.

A pack is a zip file holding ``content/`` (pages, registry, glossaries), ``locales/`` (UI
catalogs), ``manifest.json`` and, once signed, ``manifest.sig``. The manifest lists the pack's
version, creation date, languages, the minimum app version, release notes and the SHA-256 of
every file. ``manifest.sig`` is an Ed25519 signature of ``manifest.json``'s exact bytes.

Installing never touches the active content until the new one is complete and valid::

    ROOT/versions/<version>/   unpacked packs (the previous one is kept for rollback)
    ROOT/current               symbolic link to the active version (switched with one rename)
    ROOT/previous              symbolic link to the version before it

Run the app with ``--content ROOT/current/content``.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import os
import shutil
import zipfile
from pathlib import Path, PurePosixPath

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from rightsguide import __version__
from rightsguide.core.content.locales import load_registry
from rightsguide.core.packs.manifest import (
    MANIFEST,
    SIGNATURE,
    Manifest,
    PackError,
    manifest_bytes,
    read_manifest,
)

__all__ = [
    "Manifest",
    "PackError",
    "build",
    "install",
    "installed_signer",
    "keygen",
    "public_key",
    "rollback",
    "sign",
    "verify",
    "verify_installed",
]

MAX_PACK_BYTES = 200_000_000
MAX_FILES = 20_000


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _version_tuple(text: str) -> tuple[int, ...]:
    return tuple(int(p) for p in text.split(".") if p.isdigit())


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
    try:
        return Ed25519PublicKey.from_public_bytes(base64.b64decode(text.strip(), validate=True))
    except ValueError as exc:
        raise PackError(f"not a valid public key: {text.strip()[:20]}... ({exc})") from None


# --- build and sign ---


def build(content: Path, locales: Path, out: Path, version: str, notes: str = "") -> Manifest:
    """Zip ``content`` and ``locales`` with a manifest of hashes (unsigned)."""
    registry = load_registry(content)
    files: dict[str, bytes] = {}
    for prefix, root in (("content", content), ("locales", locales)):
        for path in sorted(p for p in root.rglob("*") if p.is_file() and not p.is_symlink()):
            if path.suffix in (".mo", ".pyc") or any(part.startswith(".") for part in path.parts):
                continue
            files[f"{prefix}/{path.relative_to(root).as_posix()}"] = path.read_bytes()
    manifest = Manifest(
        version=version,
        created=dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        locales=tuple(loc.code for loc in registry.all()),
        min_app_version=__version__,
        notes=notes,
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
    with zipfile.ZipFile(pack, "r") as zf:
        entries = {info.filename: zf.read(info) for info in zf.infolist()}
    if MANIFEST not in entries:
        raise PackError(f"{pack} has no {MANIFEST}: build it with 'rightsguide pack build'")
    entries[SIGNATURE] = base64.b64encode(key.sign(entries[MANIFEST]))
    tmp = pack.with_suffix(pack.suffix + ".tmp")
    with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for name, data in entries.items():
            zf.writestr(name, data)
    tmp.replace(pack)


# --- verify ---


def _safe_name(name: str) -> bool:
    path = PurePosixPath(name)
    return (
        not path.is_absolute()
        and ".." not in path.parts
        and bool(path.parts)
        and path.parts[0] in ("content", "locales")
        and "\\" not in name
    )


def verify(pack: Path, trusted: list[str]) -> Manifest:
    """Check the signature against ``trusted`` keys and every file's hash; return the manifest."""
    if not trusted:
        raise PackError("no trusted public key is configured: add one to the kiosk configuration")
    try:
        if pack.stat().st_size > MAX_PACK_BYTES:
            raise PackError(f"{pack} is larger than {MAX_PACK_BYTES // 1_000_000} MB")
        with zipfile.ZipFile(pack, "r") as zf:
            infos = zf.infolist()
            if len(infos) > MAX_FILES:
                raise PackError(f"{pack} holds too many files")
            names = [i.filename for i in infos]
            if MANIFEST not in names or SIGNATURE not in names:
                raise PackError(f"{pack} is not signed (no {SIGNATURE})")
            manifest_bytes, signature = zf.read(MANIFEST), zf.read(SIGNATURE)
            _check_signature(manifest_bytes, signature, trusted)
            manifest = read_manifest(manifest_bytes)
            payload = [n for n in names if n not in (MANIFEST, SIGNATURE) and not n.endswith("/")]
            unsafe = [n for n in payload if not _safe_name(n)]
            if unsafe:
                raise PackError(f"the pack holds a file outside content/ and locales/: {unsafe[0]}")
            if set(payload) != set(manifest.files):
                extra = sorted(set(payload) ^ set(manifest.files))
                raise PackError(f"files differ from the manifest: {', '.join(extra[:5])}")
            for name in payload:
                if _sha256(zf.read(name)) != manifest.files[name]:
                    raise PackError(f"{name} was changed after the pack was signed")
    except (zipfile.BadZipFile, EOFError, OSError) as exc:
        raise PackError(f"{pack} is damaged or incomplete ({exc})") from None
    if _version_tuple(manifest.min_app_version) > _version_tuple(__version__):
        raise PackError(
            f"this pack needs rightsguide {manifest.min_app_version} or newer "
            f"(this is {__version__})"
        )
    return manifest


def _check_signature(manifest: bytes, signature: bytes, trusted: list[str]) -> str:
    """Return the trusted key that made ``signature``; raise PackError when none did."""
    try:
        raw = base64.b64decode(signature, validate=True)
    except ValueError:
        raise PackError("the signature is damaged") from None
    for key in trusted:
        try:
            public_key(key).verify(raw, manifest)
            return key
        except InvalidSignature:
            continue
    raise PackError("the signature does not match any trusted key: do not install this pack")


# --- install and rollback ---


def _switch(link: Path, target: Path) -> None:
    """Point ``link`` at ``target`` with one atomic rename."""
    tmp = link.with_name(link.name + ".new")
    if tmp.is_symlink() or tmp.exists():
        tmp.unlink()
    tmp.symlink_to(target, target_is_directory=True)
    tmp.replace(link)


def install(pack: Path, root: Path, trusted: list[str], assets: Path) -> Manifest:
    """Verify, unpack to a staging folder, validate like ``check``, then switch in one step.

    Any failure leaves ``root/current`` exactly as it was.
    """
    from rightsguide.core.model import Severity
    from rightsguide.core.translation.check import check_tree

    manifest = verify(pack, trusted)
    versions = root / "versions"
    versions.mkdir(parents=True, exist_ok=True)
    final = versions / manifest.version
    staging = versions / f".staging-{manifest.version}-{os.getpid()}"
    shutil.rmtree(staging, ignore_errors=True)
    try:
        with zipfile.ZipFile(pack, "r") as zf:
            for name in manifest.files:
                target = staging / name
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(zf.read(name))
            # kept beside the content, so a kiosk can check it at every start
            (staging / MANIFEST).write_bytes(zf.read(MANIFEST))
            (staging / SIGNATURE).write_bytes(zf.read(SIGNATURE))
        errors = [
            p for p in check_tree(staging / "content", assets) if p.severity is Severity.ERROR
        ]
        if errors:
            raise PackError(f"the pack's content has {len(errors)} errors, e.g. {errors[0]}")
        if final.exists():
            shutil.rmtree(final)
        staging.rename(final)
    except OSError as exc:
        raise PackError(
            f"could not unpack the pack ({exc.strerror or exc}); nothing was changed"
        ) from None
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    current = root / "current"
    if current.is_symlink():
        _switch(root / "previous", current.resolve())
    _switch(current, final)
    return manifest


def verify_installed(content: Path, trusted: list[str]) -> Manifest:
    """Check an installed content folder against its pack's signed manifest (kiosk start-up).

    ``content`` is ``<version>/content``; the manifest and signature sit beside it. Every file
    listed must be unchanged, and no file may have been added.
    """
    return installed_signer(content, trusted)[0]


def installed_signer(content: Path, trusted: list[str]) -> tuple[Manifest, str]:
    """Like :func:`verify_installed`, and also return the trusted key that signed the pack."""
    base = content.parent
    try:
        manifest_bytes = (base / MANIFEST).read_bytes()
        signature = (base / SIGNATURE).read_bytes()
    except OSError:
        raise PackError(f"{content} was not installed from a signed pack") from None
    if not trusted:
        raise PackError("no trusted public key is configured: add one to the kiosk configuration")
    key = _check_signature(manifest_bytes, signature, trusted)
    manifest = read_manifest(manifest_bytes)
    listed = {n for n in manifest.files if n.startswith("content/")}
    for name in sorted(listed):
        path = base / name
        try:
            data = path.read_bytes()
        except OSError:
            raise PackError(f"{path} is missing") from None
        if _sha256(data) != manifest.files[name]:
            raise PackError(f"{path} was changed after the pack was installed")
    present = {
        f"content/{p.relative_to(content).as_posix()}" for p in content.rglob("*") if p.is_file()
    }
    added = sorted(present - listed)
    if added:
        raise PackError(f"{base / added[0]} is not part of the signed pack")
    return manifest, key


def rollback(root: Path) -> str:
    """Make the previous version active again; return its name."""
    current, previous = root / "current", root / "previous"
    if not previous.is_symlink() or not previous.resolve().is_dir():
        raise PackError("there is no previous version to go back to")
    before, active = previous.resolve(), current.resolve()
    _switch(current, before)
    _switch(previous, active)
    return before.name
