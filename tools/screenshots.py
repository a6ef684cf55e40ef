"""Screens a reviewer should look at, reached by navigating (home -> topic -> page -> search).

Usage:
  QT_QPA_PLATFORM=offscreen .venv/bin/python tools/screenshots.py [--out DIR] [--size WxH]...
      [--kiosk] [--readme] [LOCALE...]

``--readme`` writes the few small screenshots the README shows (docs/screenshots/).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication

from rightsguide.core.guide import Guide
from rightsguide.core.kiosk import KioskConfig
from rightsguide.core.navigation import Location, View
from rightsguide.core.resources import data_dirs
from rightsguide.ui.app import build_window
from rightsguide.ui.mainwindow import MainWindow

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
PAGE = "device-care/charging"
README_SHOTS = (  # (file, locale, size, kiosk, screen)
    ("home-en-1280x800.png", "en", (1280, 800), False, "home"),
    ("page-en-1280x800.png", "en", (1280, 800), False, "page"),
    ("page-ar-1024x600.png", "ar", (1024, 600), False, "page"),
    ("kiosk-start-1280x800.png", "en", (1280, 800), True, "start"),
)


def _settle(app: QApplication) -> None:
    for _ in range(3):
        app.processEvents()


def _window(code: str, size: tuple[int, int], kiosk: bool) -> MainWindow:
    window, _lang = build_window(Guide(data_dirs(), cache_dir=None), code)
    window.resize(*size)
    if kiosk:
        from rightsguide.ui.kiosk import KioskMode

        offered = tuple(loc.code for loc in window.guide.registry.all() if loc.kiosk)
        mode = KioskMode(window, KioskConfig(languages=offered, default_language="en"))
        window.setProperty("kioskMode", mode)
    else:
        window.show_location(window.session.current)
    window.show()
    return window


def _route(window: MainWindow, code: str, kiosk: bool, app: QApplication) -> dict[str, QImage]:
    """Navigate like a reader; the image of each screen on the way."""
    shots: dict[str, QImage] = {}
    if kiosk:
        _settle(app)
        shots["start"] = window.grab().toImage()
        mode = window.property("kioskMode")
        mode.choose_language(code)
    _settle(app)
    shots["home"] = window.grab().toImage()
    window.go(Location(View.TOPIC, PAGE.split("/", maxsplit=1)[0]))
    _settle(app)
    shots["topic"] = window.grab().toImage()
    window.go(Location(View.PAGE, PAGE))
    _settle(app)
    shots["page"] = window.grab().toImage()
    window.search_box.setText(QUERIES.get(code, "ICE"))
    _settle(app)
    shots["search"] = window.grab().toImage()
    window.search_box.clear()
    return shots


def _save(image: QImage, path: Path, small: bool) -> None:
    if small:  # README: a smaller image and fewer colours keep each file small
        image = image.scaledToWidth(
            image.width() * 3 // 4, Qt.TransformationMode.SmoothTransformation
        )
        image = image.convertToFormat(QImage.Format.Format_Indexed8)
    image.save(str(path), "PNG")


def main(argv: list[str]) -> None:
    """Write the screenshots."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", type=Path, default=Path("build/screenshots"))
    parser.add_argument("--size", action="append", default=[])
    parser.add_argument("--kiosk", action="store_true")
    parser.add_argument("--readme", action="store_true")
    parser.add_argument("locales", nargs="*")
    args = parser.parse_args(argv)
    app = QApplication(sys.argv[:1])
    args.out.mkdir(parents=True, exist_ok=True)
    if args.readme:
        for name, code, size, kiosk, screen in README_SHOTS:
            window = _window(code, size, kiosk)
            _save(_route(window, code, kiosk, app)[screen], args.out / name, small=True)
            window.close()
            window.deleteLater()
        print(f"saved to {args.out}/")
        return
    sizes = [tuple(int(n) for n in s.split("x")) for s in args.size] or [(1280, 800)]
    mode = "kiosk" if args.kiosk else "normal"
    for code in args.locales or list(QUERIES):
        for width, height in sizes:
            window = _window(code, (width, height), args.kiosk)
            for screen, image in _route(window, code, args.kiosk, app).items():
                _save(image, args.out / f"{mode}-{code}-{width}x{height}-{screen}.png", small=False)
            window.close()
            window.deleteLater()
    print(f"saved to {args.out}/")


if __name__ == "__main__":
    main(sys.argv[1:])
