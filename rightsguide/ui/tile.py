"""Tile: a large button with an optional icon, a bold title and a summary line."""

from __future__ import annotations

from pathlib import Path

from PySide6 import QtCore
from PySide6.QtCore import QSize
from PySide6.QtGui import QEnterEvent
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from rightsguide.ui import assetload, qtconv

ICON_SIZE = 56
MIN_TEXT_WIDTH = 120


class Tile(QPushButton):
    """A big, plain, touch-friendly button for a topic or a page."""

    def __init__(
        self, title: str, summary: str, icon: Path | None = None, parent: QWidget | None = None
    ) -> None:
        """Build the tile; ``icon`` is an SVG/PNG file or None."""
        super().__init__(parent)
        self.setObjectName("tile")
        self._hand = False  # set up for the pointer when it first comes (enterEvent)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(16, 14, 16, 14)
        layout.setSpacing(16)
        if icon is not None and assetload.is_file(icon):
            picture = QLabel(self)
            picture.setPixmap(assetload.icon(icon).pixmap(QSize(ICON_SIZE, ICON_SIZE)))
            picture.setFixedSize(ICON_SIZE, ICON_SIZE)
            layout.addWidget(picture)  # (a fixed size: centred in its row)
        text = QVBoxLayout()
        text.setSpacing(4)
        self.title_label = QLabel(qtconv.in_ui_direction(title), self)
        self.title_label.setObjectName("tileTitle")
        self.title_label.setWordWrap(True)
        self.summary_label = QLabel(qtconv.in_ui_direction(summary), self)
        self.summary_label.setObjectName("tileSummary")
        self.summary_label.setWordWrap(True)
        text.addStretch(1)  # a taller tile (portrait screen) keeps its text together, centred
        text.addWidget(self.title_label)
        text.addWidget(self.summary_label)
        text.addStretch(1)
        layout.addLayout(text, 1)
        # "it opens": the chevron points the way the line runs (to the left in Arabic)
        self.chevron = QLabel("\u2039" if QApplication.isRightToLeft() else "\u203a", self)
        self.chevron.setObjectName("tileChevron")
        qtconv.plain_text(self.chevron)
        self.chevron.setAccessibleName("")
        layout.addWidget(self.chevron)  # as tall as the row, its text centred (QLabel's default)
        self._min_height = 96 if icon is not None and icon.is_file() else 56  # topics: large
        for label in (self.title_label, self.summary_label):
            qtconv.plain_text(label)
            # Chinese has no spaces: without an explicit minimum, Qt sizes a wrapped label to
            # its whole text and the tiles overflow the window.
            label.setMinimumWidth(MIN_TEXT_WIDTH)
        self.setAccessibleName(title)
        self.setAccessibleDescription(summary)
        self.setMinimumHeight(self._min_height)

    def enterEvent(self, event: QEnterEvent) -> None:
        """When the pointer first comes: a hand, and the tile gets the moves over its text.

        Set here, not when the tile is made (``ui.qtconv``: no ``Qt`` enum before the first
        paint). A label passes a press on to the tile but keeps the moves over it, and the
        tile lights up only on moves it gets: without this, a tile that appears under the
        pointer (the next screen, after a tap) stays unlit over its text.
        """
        if not self._hand:
            self._hand = True
            self.setCursor(QtCore.Qt.CursorShape.PointingHandCursor)
            for label in self.findChildren(QLabel):
                label.setAttribute(QtCore.Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        super().enterEvent(event)

    def set_min_height(self, height: int) -> None:
        """At least ``height`` px tall (portrait screens give tiles the room they have)."""
        self.setMinimumHeight(max(height, self._min_height))

    def sizeHint(self) -> QSize:
        """As tall as the wrapped title and summary: no half-empty cards."""
        layout = self.layout()
        hint = layout.sizeHint() if layout is not None else QSize(300, self._min_height)
        return QSize(max(hint.width(), 280), max(hint.height(), self.minimumHeight()))

    def heightForWidth(self, width: int) -> int:
        """Let the grid give wrapped text the height it needs."""
        layout = self.layout()
        needed = layout.heightForWidth(width) if layout is not None else 0
        return max(needed, self.minimumHeight())

    def hasHeightForWidth(self) -> bool:
        """Tiles wrap their text."""
        return True
