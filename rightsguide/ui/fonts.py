"""Register the bundled fonts so every shipped script renders on a machine with only DejaVu."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtGui import QFontDatabase

from rightsguide.core.content.source import FILES, ContentSource
from rightsguide.core.model import Locale

log = logging.getLogger(__name__)

BASE_FAMILY = "DejaVu Sans"
_registered: dict[Path, list[str]] = {}  # Qt's font database is process-wide; register once


def register_fonts(fonts_dir: Path, source: ContentSource = FILES) -> list[str]:
    """Add every ``.ttf``/``.otf`` under ``fonts_dir``; return the families now available.

    ``source``: where the fonts are read (a signed kiosk: the fonts its pack carries).
    A missing or corrupt file is reported on stderr (for the administrator) and skipped.
    """
    families: list[str] = []
    found = [*source.glob(fonts_dir, "*.ttf"), *source.glob(fonts_dir, "*.otf")]
    for path in sorted(found):
        if path not in _registered:
            if source.live:
                font_id = QFontDatabase.addApplicationFont(str(path))
            else:
                font_id = QFontDatabase.addApplicationFontFromData(source.read_bytes(path))
            if font_id < 0:
                log.error("font %s could not be loaded; some text may show as boxes", path.name)
                continue
            _registered[path] = QFontDatabase.applicationFontFamilies(font_id)
        families.extend(f for f in _registered[path] if f not in families)
    return families


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
    return [loc.code for loc in missing]


def families_for(locale_font: str | None, available: list[str]) -> list[str]:
    """Font families for a locale: its script font first (when bundled), then the base font."""
    chosen = [locale_font] if locale_font and locale_font in available else []
    return [*chosen, BASE_FAMILY, *[f for f in available if f not in chosen]]
