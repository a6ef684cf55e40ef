"""Compare: the volunteer's side-by-side view and the English full-screen view, for one window."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QFont, QIcon, QKeySequence

from rightsguide.ui.mainwindow import MainWindow
from rightsguide.ui.screen import fill_screen

if TYPE_CHECKING:
    from rightsguide.core.guide import ShownPage
    from rightsguide.ui.sidebyside import FullScreenText, Place, SideBySide


class Compare(QObject):
    """Adds "Side by side" to a main window (normal mode only; a kiosk has no such button)."""

    def __init__(self, window: MainWindow) -> None:
        """Add the view and its toolbar button to ``window``."""
        super().__init__(window)
        self.window = window
        guide = window.guide
        self._view: SideBySide | None = None  # built when first needed, not at start-up
        icon = QIcon(str(guide.dirs.assets / "icons" / "compare.svg"))
        self.action = QAction(icon, "", window)
        self.action.setShortcuts([QKeySequence("Ctrl+D")])
        window.toolbar.add_button(self.action, before=window.print_action)
        window.toolbar.make_icon_only(self.action)  # like contrast: the name is for readers
        self.full_screen: FullScreenText | None = None
        self.action.triggered.connect(self.open)
        window.location_shown.connect(lambda loc: self.action.setEnabled(loc.view.value == "page"))
        window.searched.connect(lambda _text: self.action.setEnabled(False))  # (the results)
        window.language.language_changed.connect(lambda _c: self.retranslate_ui())
        self.retranslate_ui()

    @property
    def view(self) -> SideBySide:
        """The side-by-side screen (made on first use)."""
        if self._view is None:
            from rightsguide.ui.sidebyside import SideBySide

            guide, window = self.window.guide, self.window
            view = self._view = SideBySide(guide.registry.all(), guide.asset_data, window)
            window.stack.addWidget(view)
            view.languages_changed.connect(self._show)
            view.english_full_screen.connect(self.show_english)
            for side in (view.left, view.right):  # a link leaves the comparison
                side.link_activated.connect(window.follow_link)
            view.retranslate_ui(window.language.translator)
        return self._view

    def retranslate_ui(self) -> None:
        """Set the strings in the current language."""
        _ = self.window.language.translator.gettext
        self.action.setText(_("Side by side"))
        self.action.setToolTip(_("Show this page in two languages side by side"))
        self.window.toolbar.name_button(
            self.action, _("Side by side"), _("Show this page in two languages side by side")
        )
        if self._view is not None:
            self._view.retranslate_ui(self.window.language.translator)

    def _page_id(self) -> str:
        return self.window.reader.page_id

    def open(self) -> None:
        """The page on screen in the reader's language and in English (or Spanish for English).

        A second Ctrl+D (or the button) while side by side goes back to the page alone.
        """
        view = self._view
        if view is not None and self.window.stack.currentWidget() is view:
            from rightsguide.ui.sidebyside import go_to_place, place_of

            # back to the page alone, where the comparison was (its reader's-language side)
            pane = view.right if view.codes[1] == self.window.language.code else view.left
            place = place_of(pane, view.anchors)
            self.window.show_location(self.window.session.current)
            go_to_place(self.window.reader, place, view.anchors)
            return
        if not self._page_id():
            return
        reader = self.window.language.code
        source = self.window.guide.registry.source
        other = (
            source
            if reader != source
            else next(
                (loc.code for loc in self.window.guide.registry.all() if loc.code != source), source
            )
        )
        from rightsguide.ui.sidebyside import place_of

        shown = self.window.shown_page
        anchors = self._anchors_of(shown) if shown is not None else []
        self._show(reader, other, (place_of(self.window.reader, anchors), anchors))

    def _show(self, left: str, right: str, place: tuple[Place, list[str]] | None = None) -> None:
        """The page in ``left`` and ``right``, at ``place`` (default: where the left pane is).

        ``place``: a reader's place on the page and the page's section ids.
        """
        from rightsguide.ui.sidebyside import go_to_place, place_of

        guide = self.window.guide
        page_id = self._page_id()
        if place is None and self._view is not None:  # other languages: stay where it was
            place = (place_of(self._view.left, self._view.anchors), self._view.anchors)
        pages = (  # each pane's notices and review line in that pane's own language
            guide.open_page(page_id, left, ui_locale=left),
            guide.open_page(page_id, right, ui_locale=right),
        )
        for reader, shown in zip((self.view.left, self.view.right), pages, strict=True):
            font = QFont(self.window.reader.font())  # the reader's text size...
            font.setFamilies(self.window.language.families_for(shown.locale))  # ...its script
            reader.setFont(font)
        self.view.show_pages(*pages)
        self.window.stack.setCurrentWidget(self.view)
        if place is not None:  # where the reader was, not the top (the right pane follows)
            if (layout := self.view.layout()) is not None:
                layout.activate()  # (laid out at their width now, to find the sections)
            (value, starts), anchors = place
            go_to_place(self.view.left, (value, starts), anchors)

    @staticmethod
    def _anchors_of(shown: ShownPage) -> list[str]:
        return [e.anchor for e in shown.toc if e.level == 2]  # noqa: PLR2004 (sections)

    def show_english(self) -> None:
        """The page in the source language, alone on the whole screen."""
        guide = self.window.guide
        shown = guide.open_page(
            self._page_id(), guide.registry.source, ui_locale=guide.registry.source
        )
        from rightsguide.ui.sidebyside import FullScreenText

        self.full_screen = FullScreenText(guide.asset_data, guide.translator(guide.registry.source))
        self.full_screen.reader.show_page(shown)
        fill_screen(self.full_screen)
        view = self._view
        if view is not None and self.window.stack.currentWidget() is view:
            from rightsguide.ui.sidebyside import go_to_place, place_of

            # at the section the English pane (else the left one) is on
            pane = view.right if view.codes[1] == guide.registry.source else view.left
            if (layout := self.full_screen.layout()) is not None:
                layout.activate()
            go_to_place(self.full_screen.reader, place_of(pane, view.anchors), view.anchors)
