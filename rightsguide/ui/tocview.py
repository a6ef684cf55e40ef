"""TocView: the numbered list of a page's sections, to jump to one."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QWidget

from rightsguide.core.model import TocEntry
from rightsguide.ui.signals import emit

# Qt.ItemDataRole.UserRole: a role is an int (the first paint loads no Qt enums: ui.qtconv)
ANCHOR_ROLE = 0x0100
SECTION_LEVEL = 2  # '##'; deeper headings are indented


class TocView(QListWidget):
    """Sections of the current page.

    Signals:
        section_chosen: emitted with the section's anchor id.
    """

    section_chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        """Build an empty list."""
        super().__init__(parent)
        self.setObjectName("toc")
        self.setWordWrap(True)
        self.itemActivated.connect(self._activate)
        self.itemClicked.connect(self._activate)

    def show_toc(self, toc: tuple[TocEntry, ...]) -> None:
        """Show the ``##`` sections (``###`` are indented)."""
        self.clear()
        for entry in toc:
            indent = "    " if entry.level > SECTION_LEVEL else ""
            item = QListWidgetItem(f"{indent}{entry.number}  {entry.title}")
            item.setData(ANCHOR_ROLE, entry.anchor)
            self.addItem(item)

    def _activate(self, item: QListWidgetItem) -> None:
        emit(self.section_chosen, str(item.data(ANCHOR_ROLE)))
