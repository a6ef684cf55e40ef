"""A content pack's manifest: what it says about itself, read without any cryptography.

Kept apart from :mod:`rightsguide.core.packs.pack` so the reader can show the content's version and
date (and warn when it is old) without loading the signature library at start-up.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from rightsguide.core.errors import RightsGuideError

MANIFEST, SIGNATURE = "manifest.json", "manifest.sig"


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
    """Parse manifest bytes; raise PackError when they are damaged."""
    try:
        raw = json.loads(data.decode("utf-8"))
        return Manifest(
            str(raw["version"]),
            str(raw["created"]),
            tuple(raw["locales"]),
            str(raw["min_app_version"]),
            str(raw.get("notes", "")),
            {str(k): str(v) for k, v in raw["files"].items()},
        )
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise PackError(f"the manifest is damaged: {exc}") from None


def key_id(key: str) -> str:
    """A short, readable fingerprint of a public key (``3F2A-91C0-77D4``), to tell keys apart."""
    digest = hashlib.sha256(key.strip().encode("ascii", "replace")).hexdigest().upper()
    return "-".join(digest[i : i + 4] for i in (0, 4, 8))


def installed_manifest(content: Path) -> Manifest | None:
    """The manifest beside installed content, NOT verified (for its date); None when absent."""
    try:
        return read_manifest((content.parent / MANIFEST).read_bytes())
    except (OSError, PackError):
        return None
