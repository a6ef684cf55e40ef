"""A content pack's manifest: what it says about itself, read without any cryptography.

Kept apart from :mod:`rightsguide.core.packs.pack` so the reader can show the content's version and
date (and warn when it is old) without loading the signature library at start-up.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import json
import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path

from rightsguide.core.errors import RightsGuideError

MANIFEST, SIGNATURE = "manifest.json", "manifest.sig"
MAX_MANIFEST_BYTES = 4_000_000  # the manifest of ~20,000 files
MAX_SIGNATURE_BYTES = 1_000
KEY_BYTES = 32  # an Ed25519 public key
VERSION_FORMAT = "YYYY.MM.DD or YYYY.MM.DD.N (the publication date, then a release number)"
# ASCII digits only: \d would take Arabic-Indic or full-width digits, and so folder names
_VERSION_RE = re.compile(r"^([0-9]{4})\.([0-9]{2})\.([0-9]{2})(?:\.([1-9][0-9]{0,3}))?$")
_SHA256_RE = re.compile(r"^[0-9a-f]{64}$")


class PackError(RightsGuideError):
    """A pack cannot be built, verified, installed or rolled back; the message says why."""


@dataclass(frozen=True, slots=True)
class Manifest:
    """What a pack says about itself."""

    version: str
    created: str
    locales: tuple[str, ...]
    min_app_version: str
    notes: str
    files: dict[str, str]  # path inside the pack -> sha256 hex


def parse_version(text: str) -> tuple[int, int, int, int]:
    """A pack version as numbers to compare; raise PackError unless it is ``YYYY.MM.DD[.N]``.

    The version names a folder when the pack is installed, so nothing but digits and dots
    (never a separator, ``.`` or ``..``) is accepted.
    """
    match = _VERSION_RE.fullmatch(text)
    try:
        if match is None:
            raise ValueError(text)
        year, month, day = (int(g) for g in match.groups()[:3])
        dt.date(year, month, day)
    except ValueError:
        shown = repr(text)[:40]
        raise PackError(f"the version {shown} is not valid: write it as {VERSION_FORMAT}") from None
    return year, month, day, int(match.group(4) or 0)


def manifest_bytes(manifest: Manifest) -> bytes:
    """The manifest as the exact bytes that are signed (sorted keys, UTF-8)."""
    data = {
        "version": manifest.version,
        "created": manifest.created,
        "locales": list(manifest.locales),
        "min_app_version": manifest.min_app_version,
        "notes": manifest.notes,
        "files": manifest.files,
    }
    return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True).encode("utf-8")


def read_manifest(data: bytes) -> Manifest:
    """Parse manifest bytes; raise PackError when they are damaged or the version is invalid."""
    if len(data) > MAX_MANIFEST_BYTES:
        raise PackError(f"the manifest is larger than {MAX_MANIFEST_BYTES // 1_000_000} MB")
    try:
        raw = json.loads(data.decode("utf-8"))
        manifest = Manifest(
            str(raw["version"]),
            str(raw["created"]),
            tuple(str(c) for c in raw["locales"]),
            str(raw["min_app_version"]),
            str(raw.get("notes", "")),
            {str(k): str(v) for k, v in raw["files"].items()},
        )
    except (ValueError, KeyError, TypeError, AttributeError, RecursionError) as exc:
        raise PackError(f"the manifest is damaged: {exc}") from None
    parse_version(manifest.version)
    bad = next((k for k, v in manifest.files.items() if not _SHA256_RE.fullmatch(v)), None)
    if bad is not None:
        raise PackError(f"the manifest is damaged: no valid SHA-256 for {bad[:80]}")
    return manifest


SPKI_BYTES = 44  # an Ed25519 key as OpenSSL writes it: DER SubjectPublicKeyInfo (RFC 8410)


def raw_key(key: str) -> bytes:
    """The 32 bytes of a public key written as base64; raise PackError when it is not one.

    As ``rightsguide pack keygen`` prints it (the key's 32 bytes), or as ``openssl pkey
    -pubout`` does (``MCowBQYDK2VwAyEA...``: the same key in a SubjectPublicKeyInfo).
    """
    try:
        raw = base64.b64decode(key.strip(), validate=True)
    except (binascii.Error, ValueError):
        raw = b""
    if len(raw) == SPKI_BYTES:
        from cryptography.exceptions import UnsupportedAlgorithm
        from cryptography.hazmat.primitives import serialization
        from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

        try:
            loaded = serialization.load_der_public_key(raw)
        except (ValueError, UnsupportedAlgorithm):
            loaded = None
        if isinstance(loaded, Ed25519PublicKey):
            return loaded.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    if len(raw) != KEY_BYTES:
        raise PackError(
            f"not a valid public key: {key.strip()[:20]}... (write it as 'rightsguide pack "
            "keygen' prints it)"
        )
    return raw


def key_id(key: str) -> str:
    """A short, readable fingerprint of a public key (``3F2A-91C0-77D4-0B1E``), to tell keys apart.

    It is the SHA-256 of the key's 32 bytes (of its text when it is not a valid key).
    """
    try:
        material = raw_key(key)
    except PackError:
        material = key.strip().encode("ascii", "replace")
    import hashlib  # OpenSSL: not needed to open a page (start-up time)

    digest = hashlib.sha256(material).hexdigest().upper()
    return "-".join(digest[i : i + 4] for i in (0, 4, 8, 12))


def read_bounded(path: Path, limit: int) -> bytes:
    """Read a regular file of at most ``limit`` bytes, never following a final symbolic link.

    A FIFO, device (``/dev/zero``) or link put in a file's place raises OSError instead of
    blocking or filling the memory.
    """
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    flags |= getattr(os, "O_BINARY", 0)
    fd = os.open(path, flags)
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise OSError(f"{path} is not a regular file")
        if info.st_size > limit:
            raise OSError(f"{path} is larger than {limit} bytes")
        chunks, size = [], 0
        while chunk := os.read(fd, 1 << 20):
            size += len(chunk)
            if size > limit:
                raise OSError(f"{path} is larger than {limit} bytes")
            chunks.append(chunk)
        return b"".join(chunks)
    finally:
        os.close(fd)


def installed_manifest(content: Path) -> Manifest | None:
    """The manifest beside installed content, NOT verified (for its date); None when absent."""
    try:
        return read_manifest(read_bounded(content.parent / MANIFEST, MAX_MANIFEST_BYTES))
    except (OSError, PackError):
        return None
