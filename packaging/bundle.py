"""What the PyInstaller bundle leaves out; shared by the Linux and Windows spec files.

The spec files add this folder to ``sys.path`` and call :func:`trim` on the Analysis. What is
kept, and why:

- Qt: QtCore, QtGui, QtWidgets, QtPrintSupport, QtSvg (icons) and what they load. No QtNetwork
  plugins (tls, networkinformation): the app never touches the network. No text-to-speech or
  multimedia (the optional "Listen" button is not in the packages).
- Qt plugins: the platforms xcb (X11), wayland (the cage kiosk), offscreen (screenshots, PDF
  export without a screen) and windows; no GTK or portal theme (the GTK theme plugin pulls in all
  of GTK), no eglfs, linuxfb, vnc or vkkhrdisplay.
- Qt's own translations (qtbase_*.qm) only for the languages in content/locales.yaml.
- Babel's CLDR data only for the registered languages and their parents up to root (what
  Babel loads to format their dates and plural forms), plus English.
"""

from __future__ import annotations

import re
from pathlib import Path

EXCLUDES = [
    "tkinter",
    "unittest",
    "pydoc",
    "doctest",
    "PySide6.QtNetwork",
    "PySide6.QtQml",
    "PySide6.QtQuick",
    "PySide6.QtTextToSpeech",
    "PySide6.QtMultimedia",
    "PySide6.QtOpenGL",
    "PySide6.QtOpenGLWidgets",
    "PySide6.QtDBus",
    # Babel falls back to it below Python 3.10 only; bundled, PyInstaller's runtime hook imports it
    # at every start: ~60 ms of each frozen `rightsguide search` (170 -> 110 ms)
    "pkg_resources",
]

_DROP_PLUGINS = re.compile(
    r"plugins[/\\]("
    r"platformthemes|tls|networkinformation|egldeviceintegrations|texttospeech|multimedia"
    r"|sqldrivers|qmltooling|position|sensors|canbus|webview|geoservices|designer|generic"
    r"|platforms[/\\](lib)?q(eglfs|linuxfb|vnc|vkkhrdisplay|minimalegl|direct2d)"
    r"|platforminputcontexts[/\\](lib)?qtvirtualkeyboard"
    r"|wayland-graphics-integration-client[/\\][a-z-]*-server"
    r"|wayland-shell-integration[/\\](lib)?(fullscreen-shell|ivi-shell|qt-shell|wl-shell)"
    r"|imageformats[/\\](lib)?q(icns|tga|tiff|wbmp)"
    r")"
)
_QT_TRANSLATION = re.compile(r"translations[/\\](qt[a-z_]*?)_([a-zA-Z_]+)\.qm$")
_BABEL_DATA = re.compile(r"babel[/\\]locale-data[/\\]([A-Za-z0-9_]+)\.dat$")
_QT_NAMES = {"zh-Hans": "zh_CN", "zh-Hant": "zh_TW"}


def registered_languages(locales_yaml: Path) -> list[str]:
    """The ``code:`` values of content/locales.yaml (read without importing the app)."""
    codes = re.findall(r"^\s*-\s*code:\s*([A-Za-z-]+)", locales_yaml.read_text("utf-8"), re.M)
    return codes or ["en"]


def _keep_qt_translation(name: str, codes: list[str]) -> bool:
    match = _QT_TRANSLATION.search(name)
    if match is None:
        return True
    if match.group(1) != "qtbase":
        return False  # qt_help_*, qtmultimedia_*, ...: modules the app does not use
    lang = match.group(2)
    wanted = {_QT_NAMES.get(c, c.replace("-", "_")) for c in codes} | {c.split("-")[0] for c in codes}
    return lang in wanted


def babel_names(codes: list[str]) -> set[str]:
    """The CLDR files Babel loads for ``codes``: each locale and its parents, up to root."""
    from babel import core

    exceptions = core.get_global("parent_exceptions")
    names = {"root"}
    for code in [*codes, "en"]:
        try:
            name = str(core.Locale.parse(code.replace("-", "_")))
        except (ValueError, core.UnknownLocaleError):
            continue  # a language CLDR does not know (ht): its dates are shown as ISO 8601
        while name and name != "root":
            names.add(name)
            name = exceptions.get(name) or (name.rsplit("_", 1)[0] if "_" in name else "root")
    return names


_babel_cache: dict[tuple[str, ...], set[str]] = {}


def _keep_babel(name: str, codes: list[str]) -> bool:
    match = _BABEL_DATA.search(name)
    if match is None:
        return True
    wanted = _babel_cache.setdefault(tuple(codes), babel_names(codes))
    return match.group(1) in wanted


def _keep(name: str, codes: list[str]) -> bool:
    return (
        _DROP_PLUGINS.search(name) is None
        and _keep_qt_translation(name, codes)
        and _keep_babel(name, codes)
    )


def trim(entries: list, codes: list[str]) -> list:  # type: ignore[type-arg]
    """Drop the binaries/datas the app does not need (entries are PyInstaller TOC tuples)."""
    return [e for e in entries if _keep(e[0], codes) and _keep(e[1], codes)]


def _needed(path: str) -> list[str]:
    """The DT_NEEDED names of an ELF file (empty when readelf cannot read it)."""
    import subprocess

    done = subprocess.run(["readelf", "-d", path], capture_output=True, text=True, check=False)
    return re.findall(r"\(NEEDED\)\s+Shared library: \[([^\]]+)\]", done.stdout)


def prune_libraries(binaries: list) -> list:  # type: ignore[type-arg]
    """Drop the shared libraries that only the left-out plugins needed (Linux; needs readelf).

    The roots are the Python extension modules, the Qt plugins that were kept and libpython;
    a library stays when a root needs it, directly or through other kept libraries.
    """
    import shutil
    import sys

    if not sys.platform.startswith("linux") or shutil.which("readelf") is None:
        return binaries
    by_name = {Path(dest).name: (dest, src) for dest, src, _kind in binaries}
    roots = [
        (dest, src)
        for dest, src, kind in binaries
        if kind == "EXTENSION"
        or "plugins/" in dest.replace("\\", "/")
        or Path(dest).name.startswith("libpython")
    ]
    kept: set[str] = set()
    todo = [src for _dest, src in roots]
    kept.update(dest for dest, _src in roots)
    while todo:
        for name in _needed(todo.pop()):
            if name in by_name and by_name[name][0] not in kept:
                kept.add(by_name[name][0])
                todo.append(by_name[name][1])
    return [e for e in binaries if e[2] != "BINARY" or e[0] in kept]
