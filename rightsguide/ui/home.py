"""HomeView: the topic tiles."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QGridLayout, QLabel, QScrollArea, QVBoxLayout, QWidget

from rightsguide.core.model import TopicEntry
from rightsguide.ui import qtconv
from rightsguide.ui.signals import emit
from rightsguide.ui.tile import Tile

COLUMNS = 2
PORTRAIT_RATIO = 1.2  # taller than wide by this much: one column of larger tiles
MAX_TILE_HEIGHT = 240


class HomeView(QScrollArea):
    """A heading and a grid of large topic tiles.

    Signals:
        topic_chosen: emitted with the topic id when a tile is pressed.
    """

    topic_chosen = Signal(str)

    def __init__(self, icons_dir: Path, parent: QWidget | None = None) -> None:
        """``icons_dir`` holds ``<icon>.svg`` for the tiles."""
        super().__init__(parent)
        self._icons = icons_dir
        self.setWidgetResizable(True)
        self.setFrameShape(QScrollArea.Shape.NoFrame)
        body = QWidget(self)
        outer = QVBoxLayout(body)
        outer.setContentsMargins(32, 24, 32, 24)
        outer.setSpacing(16)
        self.heading = qtconv.plain_text(QLabel(body))
        self.heading.setObjectName("pageHeading")
        self.heading.setWordWrap(True)
        self.intro = qtconv.plain_text(QLabel(body))
        self.intro.setWordWrap(True)
        self.intro.setMinimumWidth(120)  # see tile.MIN_TEXT_WIDTH
        self.intro.setObjectName("intro")
        # the content is old: rules may have changed
        self.notice = qtconv.plain_text(QLabel(body))
        self.notice.setObjectName("outdatedNotice")
        self.notice.setWordWrap(True)
        self.notice.setMinimumWidth(120)
        self.notice.hide()
        self._grid = QGridLayout()
        self._grid.setSpacing(16)
        outer.addWidget(self.heading)
        outer.addWidget(self.intro)
        outer.addWidget(self.notice)
        outer.addLayout(self._grid)
        outer.addStretch(1)
        self.setWidget(body)
        self.tiles: list[Tile] = []

    def set_texts(self, heading: str, intro: str, notice: str = "") -> None:
        """Set the translated heading, introduction and warning (hidden when empty)."""
        self.heading.setText(qtconv.in_ui_direction(heading))
        self.intro.setText(qtconv.in_ui_direction(intro))
        self.notice.setText(qtconv.in_ui_direction(notice))
        self.notice.setVisible(bool(notice))

    def show_topics(self, topics: list[TopicEntry]) -> None:
        """Replace the tiles."""
        for tile in self.tiles:
            self._grid.removeWidget(tile)
            tile.hide()  # gone from the screen now, not at the next event loop turn
            tile.deleteLater()
        self.tiles = []
        for topic in topics:
            icon = self._icons / f"{topic.icon}.svg" if topic.icon else None
            tile = Tile(topic.title, topic.summary, icon, self)
            tile.clicked.connect(lambda _checked=False, t=topic.topic: emit(self.topic_chosen, t))
            self.tiles.append(tile)
        self._layout_tiles()

    def _columns(self) -> int:
        size = self.viewport().size()
        portrait = size.height() > size.width() * PORTRAIT_RATIO
        return 1 if portrait or size.width() < 640 else COLUMNS  # noqa: PLR2004

    def _layout_tiles(self) -> None:
        """Two columns on a landscape screen; on a portrait one, one column of taller tiles."""
        columns = self._columns()
        for index, tile in enumerate(self.tiles):
            self._grid.removeWidget(tile)
            self._grid.addWidget(tile, index // columns, index % columns)
        if columns == 1 and self.tiles:  # use the height: tiles grow and stack
            free = self.viewport().height() - self.heading.height() - self.intro.height() - 120
            share = free // len(self.tiles) - self._grid.spacing()
            for tile in self.tiles:
                tile.set_min_height(min(MAX_TILE_HEIGHT, share))
        else:
            for tile in self.tiles:
                tile.set_min_height(0)

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Lay the tiles out again for the new shape of the window."""
        super().resizeEvent(event)
        self._layout_tiles()
