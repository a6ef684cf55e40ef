"""CrumbLabel: the breadcrumb, shortened with "…" at a word when the window is too narrow."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QLabel, QWidget

ELLIPSIS = "\u2026"
SEPARATORS = ("\u203a", "\u2039")  # the breadcrumb's "›" and, right to left, "‹"
MARKS = "\u200e\u200f"  # the mark of the window's direction the text starts with


def shortened(text: str, fits: Callable[[str], int], width: int) -> str:
    """``text`` cut at its end to fit ``width`` (``fits(s) -> pixels``), at a word if it can.

    Text without a space near the cut (Chinese) is cut between characters. The end is cut, the
    page's title: "Home › Topic" stays, and the reader sees the title goes on.
    """
    if fits(text) <= width:
        return text
    low, high = 0, len(text)  # the longest start that fits with the ellipsis
    while low < high:
        mid = (low + high + 1) // 2
        if fits(text[:mid].rstrip() + ELLIPSIS) <= width:
            low = mid
        else:
            high = mid - 1
    start = text[:low]
    space = start.rfind(" ")
    if space > 0 and low - space <= WORD_REACH:  # a word cut in two: end before it
        start = start[:space]
    start = start.rstrip()
    if not start.lstrip(MARKS):
        return ""
    spaced = start + " " + ELLIPSIS  # "Home › Topic › …": the title goes on
    return spaced if start.endswith(SEPARATORS) and fits(spaced) <= width else start + ELLIPSIS


WORD_REACH = 24  # how many characters back a cut may go to end at a word


class CrumbLabel(QLabel):
    """A one-line label whose text is shortened to its width.

    Before, a long trail at 800 px was clipped mid-word with no sign ("Akèy › Obligasyon ou yo ›
    R"). Screen readers get the whole trail (its accessible name).
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        """An empty breadcrumb."""
        super().__init__(parent)
        self._trail = ""

    def trail(self) -> str:
        """The whole text, however much of it is shown."""
        return self._trail

    def setText(self, text: str) -> None:  # noqa: N802 - QLabel's name
        """Show ``text``, shortened to the label's width when it does not fit."""
        self._trail = text
        self.setAccessibleName(text)  # (no tooltip: Qt would take a title with "<b>" for markup)
        self._fit()

    def clear(self) -> None:
        """Show nothing."""
        self.setText("")

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Shorten the text again for the new width."""
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        width = self.contentsRect().width()
        metrics = self.fontMetrics()
        text = self._trail
        super().setText(text if width <= 0 else shortened(text, metrics.horizontalAdvance, width))
