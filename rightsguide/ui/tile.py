"""Tile: a large button with an optional icon, a bold title and a summary line."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from rightsguide.ui import assetload

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
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(16, 14, 16, 14)
        layout.setSpacing(16)
        if icon is not None and assetload.is_file(icon):
            picture = QLabel(self)
            picture.setPixmap(assetload.icon(icon).pixmap(QSize(ICON_SIZE, ICON_SIZE)))
            picture.setFixedSize(ICON_SIZE, ICON_SIZE)
            layout.addWidget(picture, 0, Qt.AlignmentFlag.AlignTop)
        text = QVBoxLayout()
        text.setSpacing(4)
        self.title_label = QLabel(title, self)
        self.title_label.setObjectName("tileTitle")
        self.title_label.setWordWrap(True)
        self.summary_label = QLabel(summary, self)
        self.summary_label.setObjectName("tileSummary")
        self.summary_label.setWordWrap(True)
        text.addWidget(self.title_label)
        text.addWidget(self.summary_label)
        text.addStretch(1)
        layout.addLayout(text, 1)
        for label in (self.title_label, self.summary_label):
            label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
            label.setTextFormat(Qt.TextFormat.PlainText)
            # Chinese has no spaces: without an explicit minimum, Qt sizes a wrapped label to
            # its whole text and the tiles overflow the window.
            label.setMinimumWidth(MIN_TEXT_WIDTH)
        self.setAccessibleName(title)
        self.setAccessibleDescription(summary)
        self.setMinimumHeight(96)

    def sizeHint(self) -> QSize:
        """Tall enough for the wrapped title and summary."""
        layout = self.layout()
        hint = layout.sizeHint() if layout is not None else QSize(300, 96)
        return QSize(max(hint.width(), 280), max(hint.height(), 96))

    def heightForWidth(self, width: int) -> int:
        """Let the grid give wrapped text the height it needs."""
        layout = self.layout()
        return layout.heightForWidth(width) if layout is not None else 96

    def hasHeightForWidth(self) -> bool:
        """Tiles wrap their text."""
        return True
