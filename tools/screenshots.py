"""Render the screens a reviewer should look at, in every language, to build/screenshots/.

Usage: QT_QPA_PLATFORM=offscreen .venv/bin/python tools/screenshots.py [LOCALE...]
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication

from rightsguide.core.guide import Guide
from rightsguide.core.resources import data_dirs
from rightsguide.ui.app import build_window

OUT = Path("build/screenshots")
QUERIES = {
    "en": "charging",
    "es": "grillete",
    "ar": "شحن",
    "zh-Hans": "电池",
    "ru": "батарея",
    "fr": "batterie",
    "pt-BR": "tornozeleira",
    "ht": "batri",
    "pa": "ਬੈਟਰੀ",
}


def main(locales: list[str]) -> None:
    """Home, a page and a search in each locale."""
    app = QApplication(sys.argv[:1])
    OUT.mkdir(parents=True, exist_ok=True)
    for code in locales or list(QUERIES):
        window, _lang = build_window(Guide(data_dirs()), code)
        window.resize(1200, 800)
        window.show_location(window._session.current)
        window.show()
        app.processEvents()
        window.grab().save(str(OUT / f"{code}-home.png"))
        window.open_page("device-care/charging")
        app.processEvents()
        window.grab().save(str(OUT / f"{code}-page.png"))
        window.search_box.setText(QUERIES.get(code, "ICE"))
        app.processEvents()
        window.grab().save(str(OUT / f"{code}-search.png"))
        window.close()
    print(f"saved to {OUT}/")


if __name__ == "__main__":
    main(sys.argv[1:])
