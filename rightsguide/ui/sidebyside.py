"""SideBySide: one page in two languages, sections aligned by their ids, scrolling together."""

from __future__ import annotations

import bisect
from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from rightsguide.core.guide import ShownPage
from rightsguide.core.i18n import Translator
from rightsguide.core.model import Locale
from rightsguide.ui.languagepicker import LanguagePicker
from rightsguide.ui.reader import Reader, anchor_positions
from rightsguide.ui.signals import emit


def aligned_value(
    value: float, source: list[tuple[float, str]], target: dict[str, float], target_end: float
) -> float | None:
    """Where the other side should scroll so the same section (and part of it) is on top."""
    ys = [y for y, _ in source]
    index = bisect.bisect_right(ys, value) - 1
    if index < 0 or source[index][1] not in target:
        return None
    start, anchor = source[index]
    end = source[index + 1][0] if index + 1 < len(source) else None
    t_start = target[anchor]
    following = [target[a] for _, a in source[index + 1 :] if a in target]
    t_end = following[0] if following else target_end
    if end is None or end <= start:
        return t_start + (value - start)
    return t_start + (value - start) / (end - start) * (t_end - t_start)


TOP = ""  # the start of the page, before its first section heading


class SideBySide(QWidget):
    """Two readers with their own language pickers.

    Signals:
        languages_changed: emitted with (left, right) codes when either side changes language.
        english_full_screen: emitted when the reader asks to show the English text full screen.
    """

    languages_changed = Signal(str, str)
    english_full_screen = Signal()

    def __init__(
        self,
        locales: list[Locale],
        asset_data: Callable[[str], bytes | None],
        parent: QWidget | None = None,
    ) -> None:
        """Build both sides."""
        super().__init__(parent)
        self.setObjectName("sideBySide")
        self.left = Reader(asset_data, self)
        self.right = Reader(asset_data, self)
        self.left_picker = LanguagePicker(locales, self)
        self.right_picker = LanguagePicker(locales, self)
        self.swap_button = QPushButton(self)
        self.english_button = QPushButton(self)
        bar = QHBoxLayout()
        bar.addWidget(self.left_picker)
        bar.addWidget(self.swap_button)
        bar.addWidget(self.english_button)
        bar.addStretch(1)
        bar.addWidget(self.right_picker)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self.left)
        splitter.addWidget(self.right)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(splitter, 1)
        self._anchors: list[str] = []
        self._syncing = False
        self.left.verticalScrollBar().valueChanged.connect(lambda v: self._sync(self.left, v))
        self.right.verticalScrollBar().valueChanged.connect(lambda v: self._sync(self.right, v))
        self.swap_button.clicked.connect(self.swap)
        self.english_button.clicked.connect(self.english_full_screen)
        self.left_picker.language_chosen.connect(lambda _c: self._languages_picked())
        self.right_picker.language_chosen.connect(lambda _c: self._languages_picked())

    def retranslate_ui(self, tr: Translator) -> None:
        """Set the buttons' text in the reader's language."""
        _ = tr.gettext
        self.swap_button.setText(_("Swap sides"))
        self.swap_button.setAccessibleName(_("Swap sides"))
        self.english_button.setText(_("English full screen"))
        self.english_button.setAccessibleName(_("Show the English text full screen"))
        self.left_picker.setAccessibleName(_("Language on the left"))
        self.right_picker.setAccessibleName(_("Language on the right"))
        self.left.setAccessibleName(_("Page text, first language"))
        self.right.setAccessibleName(_("Page text, second language"))

    @property
    def codes(self) -> tuple[str, str]:
        """The (left, right) languages."""
        return str(self.left_picker.currentData()), str(self.right_picker.currentData())

    def show_pages(self, left: ShownPage, right: ShownPage) -> None:
        """Show the same page in two languages."""
        self.left_picker.select(left.requested_locale)
        self.right_picker.select(right.requested_locale)
        self._anchors = [e.anchor for e in left.toc if e.level == 2]  # noqa: PLR2004
        self._syncing = True
        self.left.show_page(left)
        self.right.show_page(right)
        self._syncing = False

    def swap(self) -> None:
        """Exchange the two languages."""
        left, right = self.codes
        self.left_picker.select(right)
        self.right_picker.select(left)
        self._languages_picked()

    def _languages_picked(self) -> None:
        emit(self.languages_changed, *self.codes)

    @property
    def anchors(self) -> list[str]:
        """The ids of the shown page's sections."""
        return self._anchors

    def _sync(self, moved: Reader, _value: int) -> None:
        if self._syncing:
            return
        other = self.right if moved is self.left else self.left
        # the top of the page is a section too: the panes scroll together before the first heading
        self._syncing = True
        go_to_place(other, place_of(moved, self._anchors), self._anchors)
        self._syncing = False


Place = tuple[float, list[tuple[float, str]]]  # a scroll value, and where each section starts


def place_of(reader: Reader, anchors: list[str]) -> Place:
    """Where ``reader`` is on its page: its scroll and its sections' places (the top as one)."""
    return float(reader.verticalScrollBar().value()), [
        (0.0, TOP),
        *anchor_positions(reader, anchors),
    ]


def go_to_place(target: Reader, place: Place, anchors: list[str]) -> None:
    """Scroll ``target`` (the same page, maybe in another language) to ``place``.

    To the same section, and as far into it: how the two panes keep together.
    """
    value, start = place
    there = {TOP: 0.0, **{a: y for y, a in anchor_positions(target, anchors)}}
    end = float(target.verticalScrollBar().maximum())
    aligned = aligned_value(value, start, there, end)
    if aligned is not None:
        target.verticalScrollBar().setValue(round(aligned))


class FullScreenText(QWidget):
    """One page alone on the whole screen, to show an officer; Escape or the button closes it."""

    def __init__(self, asset_data: Callable[[str], bytes | None], tr: Translator) -> None:
        """Build the (top-level) window."""
        super().__init__()
        self.setObjectName("fullScreenText")
        self.reader = Reader(asset_data, self)
        self.close_button = QPushButton(tr.gettext("Close"), self)
        self.close_button.setMinimumHeight(44)
        self.close_button.clicked.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignRight)
        layout.addWidget(self.reader, 1)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self, self.close)
