"""Where the content on screen comes from: its version, its date, who signed it, and its age.

Content installed from a pack (``rightsguide pack install``) has the pack's signed manifest
beside it: its version and creation date are the content's, and the trusted key that signed it
names the publisher. A plain content tree (the bundled one, ``--content DIR``) takes its version
and date from ``locales.yaml`` (``version:`` and ``published:``) and is shown as not signed.

Rules change fast, so content older than ``max_age_months`` (default 6) is flagged: the reader
shows a warning on every page, the home screen and the About page, and handouts carry it too.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

from rightsguide import __version__
from rightsguide.core.content.locales import LocaleRegistry
from rightsguide.core.content.source import MemorySource
from rightsguide.core.packs import manifest as packfile
from rightsguide.core.resources import DataDirs

DEFAULT_MAX_AGE_MONTHS = 6


class Signature(Enum):
    """How far the content on screen can be trusted."""

    UNSIGNED = "unsigned"  # a plain folder: fine for translators and development
    TRUSTED = "trusted"  # a pack signed by a trusted key, every file unchanged
    UNCHECKED = "unchecked"  # a signed pack, but no trusted key is configured to check it
    INVALID = "invalid"  # the signature or the files do not match: ``detail`` says why


@dataclass(frozen=True, slots=True)
class Trust:
    """The trusted publishers' keys (with names, when given) and the content's maximum age."""

    keys: tuple[str, ...] = ()
    names: tuple[tuple[str, str], ...] = ()  # (key, publisher name)
    max_age_months: int = DEFAULT_MAX_AGE_MONTHS
    revoked: tuple[str, ...] = ()  # keys whose packs are refused even when trusted

    def name_of(self, key: str) -> str:
        """The publisher's name for ``key``, or its fingerprint when it has no name."""
        return dict(self.names).get(key) or packfile.key_id(key)


@dataclass(frozen=True, slots=True)
class ContentInfo:
    """What the About page, handouts and the age warning say about the content."""

    version: str
    published: dt.date | None
    signature: Signature
    signer: str = ""  # for TRUSTED: the publisher's name or the key's fingerprint
    fingerprint: str = ""  # for TRUSTED: the signing key's fingerprint (``3F2A-91C0-...``)
    detail: str = ""  # for INVALID: what did not match
    notes: str = ""  # the pack's release notes
    app_version: str = __version__


def _manifest_date(created: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(created[:10])
    except ValueError:
        return None


def dated_version(content: Path, registry: LocaleRegistry) -> tuple[str, dt.date | None]:
    """The content's version and date, cheaply (no signature check): for the age warning."""
    manifest = packfile.installed_manifest(content)
    if manifest is not None:
        return manifest.version, _manifest_date(manifest.created)
    return registry.version, registry.published


def inspect(content: Path, registry: LocaleRegistry, trust: Trust) -> ContentInfo:
    """Everything about the content, with the signature and every file checked (About page)."""
    manifest = packfile.installed_manifest(content)
    if manifest is None:
        return ContentInfo(
            registry.version, registry.published, Signature.UNSIGNED, notes=registry.notes
        )
    date, notes = _manifest_date(manifest.created), manifest.notes
    if not trust.keys:
        return ContentInfo(manifest.version, date, Signature.UNCHECKED, notes=notes)
    try:
        return trusted(content, trust)
    except packfile.PackError as exc:
        return ContentInfo(manifest.version, date, Signature.INVALID, detail=str(exc), notes=notes)


def trusted(content: Path, trust: Trust) -> ContentInfo:
    """The info of content installed from a pack that a trusted key signed, every file checked.

    Raises PackError saying what does not match (a kiosk with ``require_signed`` stops on it).
    """
    from rightsguide.core.packs import pack  # the signature library, only when asked

    manifest, key = pack.installed_signer(content, list(trust.keys), trust.revoked)
    return _trusted_info(manifest, key, trust)


def _trusted_info(manifest: packfile.Manifest, key: str, trust: Trust) -> ContentInfo:
    date = _manifest_date(manifest.created)
    return ContentInfo(
        manifest.version,
        date,
        Signature.TRUSTED,
        trust.name_of(key),
        packfile.key_id(key),
        notes=manifest.notes,
    )


# what a signed kiosk needs from the pack besides its content: without them it would show the
# app's own files from disk, which nobody signed
REQUIRED_ASSETS = ("assets/styles/reader.css", "assets/styles/app.qss", "locales/")


@dataclass(frozen=True, slots=True)
class SignedContent:
    """A signed pack's verified bytes, ready to serve: a kiosk with ``require_signed`` shows these.

    ``dirs.source`` serves exactly the pack's files from memory; nothing is read from disk after
    the check.
    """

    info: ContentInfo
    dirs: DataDirs
    search_index: bytes | None  # the index built with the pack (None: an older pack format)


def signed_content(content: Path, trust: Trust) -> SignedContent:
    """Read the installed pack behind ``content`` once, check it, and keep its bytes.

    Raises PackError saying what does not match, or what the pack lacks.
    """
    from rightsguide.core.packs import pack  # the signature library, only when asked

    installed = pack.load_installed(content, list(trust.keys), trust.revoked)
    for needed in REQUIRED_ASSETS:
        if not any(name.startswith(needed) for name in installed.files):
            raise packfile.PackError(
                f"the pack has no {needed}: build it again with this version of rightsguide"
            )
    base = installed.base
    source = MemorySource({base / name: data for name, data in installed.files.items()})
    dirs = DataDirs(base / "content", base / "locales", base / "assets", source)
    info = _trusted_info(installed.manifest, installed.key, trust)
    return SignedContent(info, dirs, installed.files.get(pack.index_name()))


def add_months(date: dt.date, months: int) -> dt.date:
    """``date`` plus whole months (31 January + 1 month is 28 or 29 February)."""
    index = date.year * 12 + date.month - 1 + months
    year, month = divmod(index, 12)
    day = min(date.day, calendar.monthrange(year, month + 1)[1])
    return dt.date(year, month + 1, day)


def too_old(published: dt.date | None, today: dt.date, max_age_months: int) -> bool:
    """True when content published on ``published`` is older than ``max_age_months`` today."""
    return published is not None and today > add_months(published, max_age_months)
