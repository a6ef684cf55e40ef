"""SearchBox: the search field in the toolbar; arrows and Enter drive the result list."""

from __future__ import annotations

from PySide6 import QtCore
from PySide6.QtCore import Signal
from PySide6.QtGui import QCursor, QKeyEvent, QResizeEvent
from PySide6.QtWidgets import QLineEdit, QToolButton, QWidget

from rightsguide.ui import qtconv
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
        self.setMinimumWidth(220)
        # our own clear button: inside the field, only with text, as tall as the field (touch)
        self.clear_button = QToolButton(self)
        self.clear_button.setObjectName("searchClear")
        self.clear_button.setText("\u00d7")
        self.clear_button.setCursor(QCursor())  # the arrow, not the field's text cursor
        # Escape clears from the keyboard
        qtconv.set_enum(self.clear_button, "focusPolicy", "NoFocus")
        self.clear_button.clicked.connect(self.clear)
        self.clear_button.hide()
        self.textChanged.connect(lambda text: self._place_clear(bool(text)))

    def clear_quietly(self) -> None:
        """Empty the field without searching again (its clear button goes with the text).

        (With its signals blocked, the field emptied but kept its "x", a sign that someone
        had searched.)
        """
        self.blockSignals(True)
        try:
            self.clear()
        finally:
            self.blockSignals(False)
        self._place_clear(False)

    def set_quietly(self, text: str) -> None:
        """Show ``text`` in the field without searching again (going back to results)."""
        self.blockSignals(True)
        try:
            self.setText(text)
        finally:
            self.blockSignals(False)
        self._place_clear(bool(text))

    def set_clear_name(self, name: str) -> None:
        """What a screen reader says for the clear button."""
        self.clear_button.setAccessibleName(name)
        self.clear_button.setAccessibleDescription(name)
        self.clear_button.setToolTip(name)

    def _place_clear(self, visible: bool) -> None:
        side = self.height() - 4
        self.clear_button.setFixedSize(side, side)
        x = 2 if self.isRightToLeft() else self.width() - side - 2
        self.clear_button.move(x, 2)
        self.clear_button.setVisible(visible)
        margin = side if visible else 0
        if self.isRightToLeft():
            self.setTextMargins(margin, 0, 0, 0)
        else:
            self.setTextMargins(0, 0, margin, 0)

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Keep the clear button at the end of the field."""
        super().resizeEvent(event)
        self._place_clear(bool(self.text()))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Turn navigation keys into signals; type everything else."""
        key = event.key()
        if key in (QtCore.Qt.Key.Key_Up, QtCore.Qt.Key.Key_Down):
            emit(self.navigate, -1 if key == QtCore.Qt.Key.Key_Up else 1)
        elif key in (QtCore.Qt.Key.Key_Return, QtCore.Qt.Key.Key_Enter):
            emit(self.chosen)
        elif key == QtCore.Qt.Key.Key_Escape:
            emit(self.dismissed)
        else:
            super().keyPressEvent(event)
