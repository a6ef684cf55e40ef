"""TopicView: a topic's introduction and its pages as large tiles."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QScrollArea, QVBoxLayout, QWidget

from rightsguide.core.model import PageEntry
from rightsguide.ui import qtconv
from rightsguide.ui.signals import emit
from rightsguide.ui.tile import Tile


class TopicView(QScrollArea):
    """The page list of one topic.

    Signals:
        page_chosen: emitted with the page id when a page tile is pressed.
    """

    page_chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        """Build an empty view."""
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFrameShape(QScrollArea.Shape.NoFrame)
        body = QWidget(self)
        self._layout = QVBoxLayout(body)
        self._layout.setContentsMargins(32, 24, 32, 24)
        self._layout.setSpacing(12)
        self.heading = QLabel(body)
        qtconv.plain_text(self.heading)
        self.heading.setObjectName("pageHeading")
        self.heading.setWordWrap(True)
        self.intro = QLabel(body)
        qtconv.plain_text(self.intro)
        self.intro.setObjectName("intro")
        self.intro.setWordWrap(True)
        self.intro.setMinimumWidth(120)  # see tile.MIN_TEXT_WIDTH
        self._layout.addWidget(self.heading)
        self._layout.addWidget(self.intro)
        self._layout.addStretch(1)
        self.setWidget(body)
        self.tiles: list[Tile] = []

    def show_topic(self, title: str, summary: str, pages: list[PageEntry]) -> None:
        """Show a topic's title, summary and pages."""
        self.heading.setText(qtconv.in_ui_direction(title))
        self.intro.setText(qtconv.in_ui_direction(summary))
        for tile in self.tiles:
            self._layout.removeWidget(tile)
            tile.hide()  # gone from the screen now, not at the next event loop turn
            tile.deleteLater()
        self.tiles = []
        for index, page in enumerate(pages):
            tile = Tile(page.title, page.summary, None, self)
            tile.clicked.connect(lambda _checked=False, p=page.page_id: emit(self.page_chosen, p))
            self._layout.insertWidget(2 + index, tile)
            self.tiles.append(tile)
        self.verticalScrollBar().setValue(0)
