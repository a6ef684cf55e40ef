"""SearchBox: the search field in the toolbar; arrows and Enter drive the result list."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLineEdit, QWidget

from rightsguide.ui.signals import emit


class SearchBox(QLineEdit):
    """A line edit that forwards Up/Down/Enter/Escape as intents.

    Signals:
        navigate: emitted with -1 or +1 when Up or Down is pressed.
        chosen: emitted when Enter is pressed.
        dismissed: emitted when Escape is pressed.
    """

    navigate = Signal(int)
    chosen = Signal()
    dismissed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        """Build an empty search field."""
        super().__init__(parent)
        self.setObjectName("searchBox")
        self.setClearButtonEnabled(True)
        self.setMinimumWidth(220)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Turn navigation keys into signals; type everything else."""
        key = event.key()
        if key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            emit(self.navigate, -1 if key == Qt.Key.Key_Up else 1)
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            emit(self.chosen)
        elif key == Qt.Key.Key_Escape:
            emit(self.dismissed)
        else:
            super().keyPressEvent(event)
