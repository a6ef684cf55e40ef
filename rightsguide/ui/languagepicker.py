"""LanguagePicker: every language by its own name, with the English name beside it."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import cache
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Signal
from PySide6.QtWidgets import QComboBox, QWidget

from rightsguide.core.model import Locale
from rightsguide.ui.signals import emit

if TYPE_CHECKING:
    from PySide6.QtCore import QModelIndex, QPersistentModelIndex
    from PySide6.QtWidgets import QStyledItemDelegate, QStyleOptionViewItem


def label(loc: Locale) -> str:
    """The picker's text, e.g. "Español — Spanish"; English shows its name once."""
    if loc.native_name == loc.english_name:
        return loc.native_name
    return f"{loc.native_name} \u2014 {loc.english_name}"


@cache
def _tall_rows() -> Callable[[int, QWidget], QStyledItemDelegate]:
    """The delegate class of :meth:`LanguagePicker.set_row_height`.

    Defined on first use (the kiosk): the item-view classes it needs are not loaded before the
    window's first paint (start-up time).
    """
    from PySide6.QtWidgets import QStyledItemDelegate

    class TallRows(QStyledItemDelegate):
        """Item rows at least ``height`` px tall."""

        def __init__(self, height: int, parent: QWidget) -> None:
            super().__init__(parent)
            self._height = height

        def sizeHint(
            self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
        ) -> QSize:
            """The usual size, but never shorter than a finger."""
            hint = super().sizeHint(option, index)
            return QSize(hint.width(), max(hint.height(), self._height))

    return TallRows


class LanguagePicker(QComboBox):
    """A combo box of the registered languages.

    Signals:
        language_chosen: emitted with the locale code the user picked.
    """

    language_chosen = Signal(str)

    def __init__(self, locales: list[Locale], parent: QWidget | None = None) -> None:
        """List ``locales`` in registry order."""
        super().__init__(parent)
        self.setObjectName("languagePicker")
        self._locales = locales
        self.compact = False
        for loc in locales:
            self.addItem(label(loc), loc.code)
        # as wide as the longest name: a name is never cut ("Chinese (Simplifiec")
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.activated.connect(lambda index: emit(self.language_chosen, str(self.itemData(index))))

    def minimumSizeHint(self) -> QSize:
        """As wide as its names now (a narrow window shows each language's own name only).

        Qt's combo box keeps the minimum it worked out for its first names ("English -
        English") when they are renamed: the toolbar then took the picker for wider than
        it is, and hid it in its overflow (">>") at 1024 px.
        """
        return self.sizeHint()

    def offer_only(self, codes: Sequence[str]) -> None:
        """List only the languages ``codes``, in that order (a kiosk's own, no others)."""
        by_code = {loc.code: loc for loc in self._locales}
        self._locales = [by_code[code] for code in codes if code in by_code]
        current = self.currentData()
        self.clear()
        for loc in self._locales:
            self.addItem(loc.native_name if self.compact else label(loc), loc.code)
        self.select(str(current))

    def set_compact(self, compact: bool) -> None:
        """Only each language's own name (a narrow window); both names otherwise."""
        if compact == self.compact:
            return
        self.compact = compact
        for index, loc in enumerate(self._locales):
            self.setItemText(index, loc.native_name if compact else label(loc))
        self.adjustSize()

    def set_row_height(self, px: int) -> None:
        """Rows of the open list at least ``px`` tall (a finger at a kiosk)."""
        self.setItemDelegate(_tall_rows()(px, self))

    def select(self, code: str) -> None:
        """Show ``code`` as the current language without emitting ``language_chosen``."""
        index = self.findData(code)
        if index >= 0:
            self.setCurrentIndex(index)
