"""SearchView: the results of a search, one line per page, grouped by language.

The first :data:`~rightsguide.core.search.index.SHOWN` results are listed (a screenful and a
little more); "Show more results" lists the rest. Only listed results make their snippets.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from rightsguide.core.i18n import Translator
from rightsguide.ui import qtconv
from rightsguide.ui.signals import emit

if TYPE_CHECKING:
    from rightsguide.core.search.index import SearchHit  # the search module loads on first search

HIT_ROLE = Qt.ItemDataRole.UserRole


def hit_html(hit: SearchHit, language: str, *, right_to_left: bool = False) -> str:
    """Rich text of one result: page › section [language], then the snippet with matches bold.

    ``language`` is empty for hits in the reader's own language. ``right_to_left``: the hit's
    language is written right to left; its separator then points left, as the window's
    breadcrumb does (Qt draws "›" as it is, not mirrored, in right-to-left text).
    """
    parts, last = [], 0
    for start, end in hit.highlights:
        text, match = hit.snippet[last:start], hit.snippet[start:end]
        parts += [html.escape(text), "<b>", html.escape(match), "</b>"]
        last = end
    snippet = "".join([*parts, html.escape(hit.snippet[last:])])
    arrow = "\u2039" if right_to_left else "\u203a"
    section = f" {arrow} {html.escape(hit.section_title)}" if hit.section_title else ""
    label = f' <span style="color:#5a5a5a">[{html.escape(language)}]</span>' if language else ""
    return (
        f'<span style="font-size:large; color:#1f4e79"><b>{html.escape(hit.page_title)}</b>'
        f"{section}</span>{label}<br/>{snippet}"
    )


class SearchView(QWidget):
    """Results list, or a friendly "nothing found" with suggestions.

    Signals:
        hit_chosen: emitted with the SearchHit to open.
        suggestion_chosen: emitted with a suggested word to search for instead.
    """

    hit_chosen = Signal(object)
    suggestion_chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        """Build an empty view."""
        super().__init__(parent)
        self._rtl: frozenset[str] = frozenset()
        self.setObjectName("searchView")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 24, 32, 24)
        self.heading = QLabel(self)
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        self.heading.setObjectName("pageHeading")
        self.heading.setWordWrap(True)
        self.results = QListWidget(self)
        self.results.setObjectName("results")
        self.results.setWordWrap(True)
        self.results.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.empty = QLabel(self)
        self.empty.setTextFormat(Qt.TextFormat.PlainText)
        self.empty.setWordWrap(True)
        self.empty.setObjectName("intro")
        self._suggestions = QHBoxLayout()
        self.more = QPushButton(self)
        self.more.setObjectName("moreResults")
        self.more.hide()
        layout.addWidget(self.heading)
        layout.addWidget(self.empty)
        layout.addLayout(self._suggestions)
        layout.addWidget(self.results, 1)
        layout.addWidget(self.more, 0, Qt.AlignmentFlag.AlignLeading)
        self.results.itemActivated.connect(self._activated)
        self.results.itemClicked.connect(self._activated)
        self.more.clicked.connect(self._more_clicked)
        self.hits: list[SearchHit] = []
        self._names: dict[str, str] = {}
        self._reader = ""

    def show_results(
        self,
        hits: list[SearchHit],
        names: dict[str, str],
        reader: str,
        tr: Translator,
        right_to_left: frozenset[str] = frozenset(),
    ) -> None:
        """List ``hits``; ``names`` maps codes to language names; ``reader``'s are unlabelled.

        ``right_to_left``: the languages written right to left (each hit runs in its own).
        """
        self._rtl = right_to_left
        _ = tr.gettext
        self._clear_suggestions()
        self.hits = hits
        self.heading.setText(_("Search results"))
        self.empty.hide()
        self.results.show()
        self.results.clear()
        self._names, self._reader = names, reader
        from rightsguide.core.search.index import SHOWN  # loaded: a search made these hits

        self._add(hits[:SHOWN])
        self.more.setText(_("Show more results"))
        self.more.setVisible(len(hits) > SHOWN)
        self._relayout()
        self.results.setCurrentRow(0)

    def show_more(self) -> None:
        """List the results not listed yet, and select the first of them."""
        first = self.results.count()
        if first >= len(self.hits):
            return
        self._add(self.hits[first:])
        self.more.hide()
        self._relayout()
        self.results.setCurrentRow(first)
        self.results.scrollToItem(self.results.item(first))

    def select(self, row: int) -> None:
        """Select result ``row`` and scroll to it (listing the rest first if it is among them)."""
        if row >= self.results.count():
            self.show_more()
        item = self.results.item(row)
        if item is not None:
            self.results.setCurrentRow(row)
            self.results.scrollToItem(item)

    def _more_clicked(self) -> None:
        self.show_more()
        self.results.setFocus(Qt.FocusReason.OtherFocusReason)  # the button is gone

    def _add(self, hits: list[SearchHit]) -> None:
        for hit in hits:
            item = QListWidgetItem()
            item.setData(HIT_ROLE, hit)
            language = "" if hit.locale == self._reader else self._names.get(hit.locale, hit.locale)
            # in the hit's own direction: an English hit in the Arabic window runs left to right
            rtl = hit.locale in self._rtl
            label = QLabel(
                (qtconv.RLM if rtl else qtconv.LRM) + hit_html(hit, language, right_to_left=rtl)
            )
            label.setWordWrap(True)
            label.setTextFormat(Qt.TextFormat.RichText)
            label.setContentsMargins(8, 8, 8, 8)
            label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
            label.setMinimumWidth(120)
            self.results.addItem(item)
            self.results.setItemWidget(item, label)

    def _relayout(self) -> None:
        """Give each result the height its wrapped text needs at the list's current width."""
        # room for the scroll bar even before it appears (it is wide at a kiosk)
        bar = self.results.verticalScrollBar().sizeHint().width()
        frame = 2 * self.results.frameWidth()
        width = max(200, self.results.width() - frame - bar - 4)
        for row in range(self.results.count()):
            item = self.results.item(row)
            label = self.results.itemWidget(item)
            if label is not None:
                item.setSizeHint(QSize(width, label.heightForWidth(width)))

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Re-wrap the results when the window changes size."""
        super().resizeEvent(event)
        self._relayout()

    def show_nothing(self, query: str, suggestions: list[str], tr: Translator) -> None:
        """Say that nothing was found, and offer close words and a way back to the topics."""
        _ = tr.gettext
        self.hits = []
        self.results.clear()
        self.results.hide()
        self.more.hide()
        self._clear_suggestions()
        self.heading.setText(_("Nothing found for \u201c{query}\u201d").format(query=query))
        self.empty.setText(
            _("Try fewer words or another spelling, or go back to the topics with the Home button.")
        )
        self.empty.show()
        if suggestions:
            did_you_mean = QLabel(_("Did you mean:"), self)
            did_you_mean.setTextFormat(Qt.TextFormat.PlainText)
            self._suggestions.addWidget(did_you_mean)
            for word in suggestions:
                button = QPushButton(word, self)
                button.clicked.connect(lambda _c=False, w=word: emit(self.suggestion_chosen, w))
                self._suggestions.addWidget(button)
            self._suggestions.addStretch(1)

    def _clear_suggestions(self) -> None:
        while self._suggestions.count():
            item = self._suggestions.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()

    def move_selection(self, delta: int) -> None:
        """Move the selection up or down (down from the last listed result lists the rest)."""
        count = self.results.count()
        if (
            count
            and delta > 0
            and self.results.currentRow() == count - 1
            and count < len(self.hits)
        ):
            self.show_more()
            return
        if count:
            row = max(0, min(count - 1, self.results.currentRow() + delta))
            self.results.setCurrentRow(row)

    def activate_current(self) -> None:
        """Open the selected result."""
        item = self.results.currentItem()
        if item is not None:
            self._activated(item)

    def _activated(self, item: QListWidgetItem) -> None:
        emit(self.hit_chosen, item.data(HIT_ROLE))

    def forget(self) -> None:
        """Drop the results, the heading and the suggestions (the kiosk's wipe)."""
        self.hits = []
        self._names, self._reader = {}, ""
        self.results.clear()
        self.more.hide()
        self._clear_suggestions()
        self.heading.clear()
        self.empty.clear()
