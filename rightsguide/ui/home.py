"""HomeView: the topic tiles."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QLabel, QScrollArea, QVBoxLayout, QWidget

from rightsguide.core.model import TopicEntry
from rightsguide.ui.signals import emit
from rightsguide.ui.tile import Tile

COLUMNS = 2


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
        self.heading = QLabel(body)
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        self.heading.setObjectName("pageHeading")
        self.heading.setWordWrap(True)
        self.intro = QLabel(body)
        self.intro.setTextFormat(Qt.TextFormat.PlainText)
        self.intro.setWordWrap(True)
        self.intro.setMinimumWidth(120)  # see tile.MIN_TEXT_WIDTH
        self.intro.setObjectName("intro")
        self.notice = QLabel(body)  # the content is old: rules may have changed
        self.notice.setObjectName("outdatedNotice")
        self.notice.setWordWrap(True)
        self.notice.setTextFormat(Qt.TextFormat.PlainText)
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
        self.heading.setText(heading)
        self.intro.setText(intro)
        self.notice.setText(notice)
        self.notice.setVisible(bool(notice))

    def show_topics(self, topics: list[TopicEntry]) -> None:
        """Replace the tiles."""
        for tile in self.tiles:
            self._grid.removeWidget(tile)
            tile.deleteLater()
        self.tiles = []
        for index, topic in enumerate(topics):
            icon = self._icons / f"{topic.icon}.svg" if topic.icon else None
            tile = Tile(topic.title, topic.summary, icon, self)
            tile.clicked.connect(lambda _checked=False, t=topic.topic: emit(self.topic_chosen, t))
            self._grid.addWidget(tile, index // COLUMNS, index % COLUMNS, Qt.AlignmentFlag.AlignTop)
            self.tiles.append(tile)
