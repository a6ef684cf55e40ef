"""Forget the person who used the kiosk: what Qt itself remembers, beyond the app's own state.

:meth:`MainWindow.reset_session` resets what the app keeps (history, language, zoom, contrast).
This module clears what Qt widgets keep on their own and a key or a click could bring back:

- the undo and redo history of every text field (``QLineEdit.clear()`` can be undone with
  Ctrl+Z; ``setText`` starts a new history);
- the clipboard, the X primary selection (middle click) and the find buffer;
- the search results, the list of sections and the topic list;
- scroll positions (a fling still running is stopped), open menus, pop-ups and tooltips.
"""

from __future__ import annotations

from PySide6.QtGui import QClipboard
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QApplication,
    QDialog,
    QLineEdit,
    QMenu,
    QScroller,
    QTextEdit,
    QToolTip,
    QWidget,
)


def text_fields(root: QWidget) -> None:
    """Empty every line edit under ``root``, with no undo or redo history left."""
    for edit in root.findChildren(QLineEdit):
        blocked = edit.blockSignals(True)  # emptying the search field must not search
        edit.deselect()
        edit.setText("")  # unlike clear(), this cannot be undone: the history starts again
        edit.setModified(False)
        edit.blockSignals(blocked)
    for text in root.findChildren(QTextEdit):
        text.textCursor().clearSelection()
        if text.isUndoRedoEnabled():  # editable text: drop its history
            text.setUndoRedoEnabled(False)
            text.setUndoRedoEnabled(True)


def clipboard() -> None:
    """Clear the clipboard, the primary selection and the find buffer (where the system has one)."""
    board = QApplication.clipboard()
    board.clear(QClipboard.Mode.Clipboard)
    if board.supportsSelection():
        board.clear(QClipboard.Mode.Selection)
    if board.supportsFindBuffer():
        board.clear(QClipboard.Mode.FindBuffer)


def scroll_positions(root: QWidget) -> None:
    """Every scroll area back to its top-left, a finger's fling stopped first.

    A fling that still ran would go on scrolling the next person's first page.
    """
    for area in root.findChildren(QAbstractScrollArea):
        if QScroller.hasScroller(area.viewport()):
            QScroller.scroller(area.viewport()).stop()
        for bar in (area.verticalScrollBar(), area.horizontalScrollBar()):
            bar.setValue(bar.minimum())


def popups() -> None:
    """Close open menus, pop-ups (a combo box's list) and tooltips."""
    QToolTip.hideText()
    popup = QApplication.activePopupWidget()
    while popup is not None:
        popup.close()
        next_popup = QApplication.activePopupWidget()
        if next_popup is popup:
            break
        popup = next_popup
    for widget in QApplication.allWidgets():
        if isinstance(widget, QMenu) and widget.isVisible():
            widget.close()


def dialogs() -> None:
    """Close every dialog that is open (a web address, the PIN)."""
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, QDialog) and widget.isVisible():
            widget.reject()
