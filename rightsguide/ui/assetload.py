"""Icons from the content source: files on disk normally, a signed pack's bytes at a kiosk.

:func:`use` is called once when the window is built (:func:`rightsguide.ui.app.build_window`);
widgets then ask :func:`icon` for ``<name>.svg`` and never open a file themselves, so a kiosk
with ``require_signed`` shows only icons that were signed with its pack.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QIcon

from rightsguide.core.content.source import FILES, ContentSource

SIZES = (16, 24, 32, 48, 56, 64, 96, 128)  # rendered once; Qt picks the nearest
_state: dict[str, ContentSource] = {"source": FILES}


def use(source: ContentSource) -> None:
    """Read icons through ``source`` from now on."""
    _state["source"] = source


def is_file(path: Path) -> bool:
    """True when the current source has the file ``path``."""
    return _state["source"].is_file(path)


def icon(path: Path) -> QIcon:
    """The icon in ``path`` (an empty icon when the source does not have it)."""
    source = _state["source"]
    if source.live:
        return QIcon(str(path))  # Qt reads the file itself and scales the SVG
    # a signed pack's bytes (a kiosk): drawn here; these classes load only then (start-up time)
    from PySide6.QtCore import QByteArray, QSize, Qt
    from PySide6.QtGui import QImage, QPainter, QPixmap
    from PySide6.QtSvg import QSvgRenderer

    try:
        data = source.read_bytes(path)
    except OSError:
        return QIcon()
    if path.suffix.lower() != ".svg":
        pixmap = QPixmap()
        return QIcon(pixmap) if pixmap.loadFromData(data) else QIcon()
    renderer = QSvgRenderer(QByteArray(data))
    result = QIcon()
    if not renderer.isValid():
        return result
    for side in SIZES:
        image = QImage(QSize(side, side), QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        renderer.render(painter)
        painter.end()
        result.addPixmap(QPixmap.fromImage(image))
    return result
