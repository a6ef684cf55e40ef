"""Register the bundled fonts so every shipped script renders on a machine with only DejaVu."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QByteArray
from PySide6.QtGui import QFontDatabase

from rightsguide.core.content.source import FILES, ContentSource
from rightsguide.core.model import BASE_FONT_FAMILY, Locale

log = logging.getLogger(__name__)

BASE_FAMILY = BASE_FONT_FAMILY
_registered: dict[Path | str, list[str]] = {}  # Qt's font database is process-wide; register once
_font_data: list[QByteArray] = []  # fonts registered from a signed pack's bytes


def register_fonts(fonts_dir: Path, source: ContentSource = FILES) -> list[str]:
    """Add every ``.ttf``/``.otf`` under ``fonts_dir``; return the families now available.

    ``source``: where the fonts are read (a signed kiosk: the fonts its pack carries).
    A missing or corrupt file is reported on stderr (for the administrator) and skipped.
    """
    families: list[str] = []
    found = [*source.glob(fonts_dir, "*.ttf"), *source.glob(fonts_dir, "*.otf")]
    for path in sorted(found):
        key: Path | str = path
        data = None
        if not source.live:  # a pack's bytes: the same font from another pack registers once
            import hashlib  # OpenSSL: not needed for the fonts on disk (start-up time)

            data = QByteArray(source.read_bytes(path))
            key = hashlib.sha256(data.data()).hexdigest()
        if key not in _registered:
            if data is None:
                font_id = QFontDatabase.addApplicationFont(str(path))
            else:
                _font_data.append(data)  # Qt may keep pointing at the bytes: keep them alive
                font_id = QFontDatabase.addApplicationFontFromData(data)
            if font_id < 0:
                log.error("font %s could not be loaded; some text may show as boxes", path.name)
                continue
            _registered[key] = QFontDatabase.applicationFontFamilies(font_id)
        families.extend(f for f in _registered[key] if f not in families)
    return families


def families() -> list[str]:
    """Every family registered so far by :func:`register_fonts`."""
    return list(dict.fromkeys(f for names in _registered.values() for f in names))


def report_missing(locales: list[Locale], available: list[str], fonts_dir: Path) -> list[str]:
    """Tell the administrator (stderr) which languages lack their font; return those codes.

    The app keeps running: those languages fall back to the base font, which may draw some
    of their letters as empty boxes.
    """
    missing = [loc for loc in locales if loc.font and loc.font not in available]
    for loc in missing:
        log.error(
            "the font %r for %s (%s) is missing or damaged in %s, so its text may show as "
            "empty boxes; reinstall rightsguide, or copy the font file there",
            loc.font,
            loc.english_name,
            loc.code,
            fonts_dir,
        )
    # its bold file alone: every letter of the language is drawn in bold, with no word
    bold_only = [
        loc
        for loc in locales
        if loc.font and loc.font in available and loc not in missing and not _has_regular(loc.font)
    ]
    for loc in bold_only:
        log.error(
            "the regular font of %r for %s (%s) is missing or damaged in %s, so all its text "
            "shows in bold; reinstall rightsguide, or copy the font file there",
            loc.font,
            loc.english_name,
            loc.code,
            fonts_dir,
        )
    return [loc.code for loc in (*missing, *bold_only)]


def _has_regular(family: str) -> bool:
    """Whether ``family`` has a style that is not bold (its regular file is there)."""
    return any("bold" not in style.casefold() for style in QFontDatabase.styles(family))


def families_for(locale_font: str | None, available: list[str]) -> list[str]:
    """Font families for a locale: its script font first (when bundled), then the base font."""
    chosen = [locale_font] if locale_font and locale_font in available else []
    return [*chosen, BASE_FAMILY, *[f for f in available if f not in chosen]]


def missing_characters(text: str, available: list[str]) -> str:
    """The characters of ``text`` that none of the ``available`` families can draw (boxes).

    Spaces and control characters are ignored. Used by the self-test report, so an installed
    program can show that its bundled fonts cover what is on screen.
    """
    import unicodedata

    from PySide6.QtGui import QFont, QFontInfo, QFontMetrics

    metrics = []
    for family in available:
        font = QFont(family)
        if QFontInfo(font).family() == family:  # not a stand-in chosen by the system
            metrics.append(QFontMetrics(font))
    wanted = sorted({c for c in text if unicodedata.category(c)[0] not in "CZ"})
    return "".join(c for c in wanted if not any(m.inFontUcs4(ord(c)) for m in metrics))
