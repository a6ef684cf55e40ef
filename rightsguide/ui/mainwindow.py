"""MainWindow: wires the toolbar, the home screen, topic lists and the reader.

No logic here: where to go is decided by
:class:`~rightsguide.core.navigation.ReaderSession`, what to show by
:class:`~rightsguide.core.guide.Guide`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6 import QtCore
from PySide6.QtCore import Signal
from PySide6.QtGui import QAction, QFont, QKeySequence, QResizeEvent
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMenu,
    QSizePolicy,
    QSplitter,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from rightsguide.core.errors import PageNotFound
from rightsguide.core.guide import Guide, ShownPage
from rightsguide.core.i18n import Translator
from rightsguide.core.model import ABOUT_PAGE_ID as ABOUT_PAGE
from rightsguide.core.model import Direction
from rightsguide.core.navigation import External, Location, ReaderSession, View, parse_link
from rightsguide.core.render.document import outdated_sentence
from rightsguide.ui import assetload, qtconv
from rightsguide.ui.crumb import CrumbLabel
from rightsguide.ui.home import HomeView
from rightsguide.ui.language import LanguageController
from rightsguide.ui.reader import Reader, section_text
from rightsguide.ui.signals import emit
from rightsguide.ui.speech import Speech
from rightsguide.ui.theme import NORMAL_TEXT_PX, ZOOM_MAX, ZOOM_MIN, ZOOM_STEP, Theme, reading_px
from rightsguide.ui.tocview import TocView
from rightsguide.ui.toolbar import MainToolbar
from rightsguide.ui.topicview import TopicView

TOC_COLLAPSE_WIDTH = 1100  # below this, "On this page" is a button, the page gets the width

if TYPE_CHECKING:
    from rightsguide.core.search.index import SearchHit  # the search module loads on first search
    from rightsguide.ui.findings import FindingsPanel
    from rightsguide.ui.searchview import SearchView  # built on the first search
    from rightsguide.ui.watch import PageWatcher


PAGE_SPLIT = [280, 900]  # the sections list and the page side by side, in px
PRINT_MESSAGE_MS = 10_000  # a kiosk says for this long whether Print printed


class MainWindow(QMainWindow):
    """The guide's window.

    Signals:
        location_shown: emitted with the Location after a screen is displayed.
        page_reloaded: emitted with the page id after ``--watch`` reloaded the page on screen.
        searched: emitted with the query after search results (or "nothing found") are shown.
    """

    location_shown = Signal(object)
    page_reloaded = Signal(str)
    searched = Signal(str)

    def __init__(
        self,
        guide: Guide,
        language: LanguageController,
        session: ReaderSession,
        theme: Theme | None = None,
        parent: QWidget | None = None,
    ) -> None:
        """Build the window; call :meth:`show_location` to display something."""
        super().__init__(parent)
        self._guide, self._lang, self._session = guide, language, session
        self.theme = theme
        self._zoom = 0
        self._shown: ShownPage | None = None
        self._watcher: PageWatcher | None = None
        self.findings: FindingsPanel | None = None
        self.print_asks = True  # kiosk mode prints on the default printer without a dialog
        self.speech: Speech | None = None
        self.listen_action: QAction | None = None
        # what an https link does; None: a dialog with the address (kiosk mode sets its own)
        self.external_link_handler: Callable[[str, Translator, QWidget], None] | None = None
        self.setObjectName("mainWindow")
        self._icons = guide.dirs.assets / "icons"
        self._adopt_toolbar(MainToolbar(self._icons, guide.registry.all(), self))
        self.home_view = HomeView(guide.dirs.assets / "icons" / "topics", self)
        self.topic_view = TopicView(self)
        self.reader = Reader(guide.asset_data, self)
        self.toc = TocView(self)
        self.toc_heading = qtconv.plain_text(QLabel(self))
        self.toc_heading.setObjectName("tocHeading")
        side = self.toc_panel = QWidget(self)
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(8, 8, 8, 8)
        side_layout.addWidget(self.toc_heading)
        side_layout.addWidget(self.toc)
        self.page_view = QSplitter(parent=self)  # side by side (the default; see ui.qtconv)
        self.page_view.addWidget(side)
        self.page_view.addWidget(self.reader)
        self.page_view.setStretchFactor(1, 1)
        self.page_view.setSizes(PAGE_SPLIT)
        self._search_view: SearchView | None = None  # built on first use (search_view)
        self._notice_hides = False  # the status bar hides with its message (notify)
        self.stack = QStackedWidget(self)
        # Its screens scroll (or wrap) when the window is short: none may make the window
        # taller than the screen (an old 800x600 kiosk; large text; a taller script).
        self.stack.setMinimumHeight(1)
        for widget in (self.home_view, self.topic_view, self.page_view):
            self.stack.addWidget(widget)
        self.breadcrumb = qtconv.plain_text(CrumbLabel(self))
        self.breadcrumb.setObjectName("breadcrumb")
        crumbs = self._crumbs_row()
        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(crumbs)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self._connect_signals()
        self.retranslate_ui()

    def _crumbs_row(self) -> QWidget:
        """The breadcrumb, and "On this page" as a button on a narrow window."""
        self.toc_button = QToolButton(self)
        self.toc_button.setObjectName("tocButton")
        self.toc_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.toc_button.setMenu(QMenu(self.toc_button))
        self.toc_button.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.toc_button.hide()
        # a long breadcrumb is shortened (ui.crumb); the buttons beside it keep their whole text
        self.breadcrumb.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        crumbs = QWidget(self)
        crumbs.setObjectName("crumbs")
        row = QHBoxLayout(crumbs)
        row.setContentsMargins(0, 0, 16, 0)
        row.addWidget(self.breadcrumb, 1)
        row.addWidget(self.toc_button)
        self._crumbs = crumbs
        return crumbs

    def keep_language_on_screen(self) -> None:
        """The language control beside the breadcrumb, out of the toolbar (the kiosk)."""
        box = self.toolbar.take_language_box()
        box.setParent(self._crumbs)
        layout = self._crumbs.layout()
        if isinstance(layout, QHBoxLayout):
            layout.addWidget(box)
        box.show()

    def notify(self, text: str, milliseconds: int) -> None:
        """A short message at the window's foot; the bar is there only while it shows one.

        (A status bar left in place would take 30 px from every screen after the first
        message, and from every kiosk session after the first wipe.)
        """
        bar = self.statusBar()
        if not self._notice_hides:
            bar.messageChanged.connect(lambda message: bar.setVisible(bool(message)))
            self._notice_hides = True
        bar.show()
        bar.showMessage(text, milliseconds)

    def clear_notice(self) -> None:
        """Take away the message of :meth:`notify`, if there is one (and its bar with it)."""
        if self._notice_hides:
            self.statusBar().clearMessage()
            self.statusBar().hide()

    def show_chrome(self, visible: bool, *, crumbs: bool | None = None) -> None:
        """The toolbar and the breadcrumb row: hidden on the kiosk's neutral screen.

        ``crumbs``: the breadcrumb row alone, when it differs (none on the kiosk's language
        screen: it has no place to name, and the language is what that screen picks).
        """
        self.toolbar.setVisible(visible)
        self._crumbs.setVisible(visible if crumbs is None else crumbs)

    @property
    def search_view(self) -> SearchView:
        """The search results screen, built the first time it is needed (not at start-up)."""
        if self._search_view is None:
            from rightsguide.ui.searchview import SearchView

            view = self._search_view = SearchView(self)
            self.stack.addWidget(view)
            view.hit_chosen.connect(self.open_hit)
            view.suggestion_chosen.connect(self.search_box.setText)
        return self._search_view

    @property
    def guide(self) -> Guide:
        """The content this window shows."""
        return self._guide

    @property
    def language(self) -> LanguageController:
        """The language controller (current locale and UI catalog)."""
        return self._lang

    @property
    def session(self) -> ReaderSession:
        """Where the reader is and has been."""
        return self._session

    def _adopt_toolbar(self, tb: MainToolbar) -> None:
        """Add the toolbar; its controls keep their names on the window (callers, tests)."""
        self.toolbar = tb
        self.addToolBar(tb)
        self.quick_exit_button, self.quick_exit_action = tb.quick_exit_button, tb.quick_exit_action
        self.home_action, self.back_action = tb.home_action, tb.back_action
        self.smaller_action, self.larger_action = tb.smaller_action, tb.larger_action
        self.contrast_action, self.about_action = tb.contrast_action, tb.about_action
        self.print_action, self.print_menu = tb.print_action, tb.print_menu
        self.print_english_action = tb.print_english_action
        self.print_topic_action = tb.print_topic_action
        self.search_box, self.picker = tb.search_box, tb.picker
        self.language_label = tb.language_label
        self.search_action = QAction(self)
        self.search_action.setShortcuts(
            [QKeySequence(QKeySequence.StandardKey.Find), QKeySequence("/")]
        )
        self.search_action.triggered.connect(self._focus_search)
        self.addAction(self.search_action)

    def enable_speech(self, speech: Speech) -> None:
        """Add "Listen": reads the section at the top of the page aloud (hidden without a voice)."""
        self.speech = speech
        self.listen_action = QAction(assetload.icon(self._icons / "listen.svg"), "", self)
        self.toolbar.add_button(self.listen_action, before=self.print_action)
        self.listen_action.triggered.connect(self.listen)
        self._lang.language_changed.connect(lambda _c: self._update_listen())
        self.location_shown.connect(lambda _loc: self._update_listen())
        self._update_listen()

    def _update_listen(self) -> None:
        if self.speech is None or self.listen_action is None:
            return
        self.speech.stop()
        _ = self._lang.translator.gettext
        shown = self._shown if self.stack.currentWidget() is self.page_view else None
        # the engine loads the first time a page is shown, not at start-up
        self.listen_action.setVisible(shown is not None and self.speech.available(shown.locale))
        self.listen_action.setText(_("Listen"))
        self.listen_action.setToolTip(_("Read this section aloud"))
        self.toolbar.name_button(self.listen_action, _("Listen"), _("Read this section aloud"))

    def listen(self) -> bool:
        """Read the section at the top of the page aloud, in the page's language."""
        if self.speech is None or self._shown is None:
            return False
        text = section_text(self.reader, [e.anchor for e in self._shown.toc if e.level == 2])  # noqa: PLR2004
        return self.speech.say(text, self._shown.locale)

    def set_high_contrast(self, on: bool) -> None:
        """High contrast on or off, for the controls and the page on screen."""
        if self.theme is None:
            return
        self.contrast_action.setChecked(on)
        self.theme.set_high_contrast(on)
        if self.stack.currentWidget() is self.page_view:
            scroll = self.reader.verticalScrollBar().value()
            self.show_location(self._session.current)  # re-render with the new style sheet
            self.reader.verticalScrollBar().setValue(scroll)

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Let the toolbar fit the new width (icons only on a narrow screen)."""
        self.toolbar.fit_width(event.size().width())
        self._fit_toc(event.size().width())
        super().resizeEvent(event)

    def _fit_toc(self, width: int) -> None:
        """The sections: a side list on a wide window, an "On this page" button on a narrow one."""
        has_toc = self._shown is not None and bool(self._shown.toc)
        on_page = self.stack.currentWidget() is self.page_view
        narrow = width < TOC_COLLAPSE_WIDTH
        self.toc_panel.setVisible(has_toc and not narrow)
        self.toc_button.setVisible(has_toc and narrow and on_page)

    def _fill_toc_menu(self, shown: ShownPage) -> None:
        menu = self.toc_button.menu()
        menu.clear()
        for entry in shown.toc:
            indent = "    " if entry.level > 2 else ""  # noqa: PLR2004
            action = menu.addAction(f"{indent}{entry.number}  {entry.title}")
            action.triggered.connect(lambda _c=False, a=entry.anchor: self.reader.scrollToAnchor(a))

    def _connect_signals(self) -> None:
        self.contrast_action.toggled.connect(self.set_high_contrast)
        self.about_action.triggered.connect(lambda: self.open_page(ABOUT_PAGE))
        self.print_action.triggered.connect(lambda: self.print_page(with_english=False))
        self.print_english_action.triggered.connect(lambda: self.print_page(with_english=True))
        self.print_topic_action.triggered.connect(
            lambda: self.print_page(with_english=False, whole_topic=True)
        )
        self.home_action.triggered.connect(self.go_home)
        self.back_action.triggered.connect(self.go_back)
        self.smaller_action.triggered.connect(lambda: self.set_zoom(self._zoom - ZOOM_STEP))
        self.larger_action.triggered.connect(lambda: self.set_zoom(self._zoom + ZOOM_STEP))
        self.picker.language_chosen.connect(self.change_language)
        self.home_view.topic_chosen.connect(lambda t: self.go(Location(View.TOPIC, t)))
        self.topic_view.page_chosen.connect(lambda p: self.go(Location(View.PAGE, p)))
        self.toc.section_chosen.connect(self.reader.scrollToAnchor)
        self.reader.link_activated.connect(self.follow_link)
        self._lang.language_changed.connect(self._on_language_changed)
        self.search_box.textChanged.connect(self.search)
        self.search_box.navigate.connect(self._move_in_results)
        self.search_box.chosen.connect(self._choose_result)
        self.search_box.dismissed.connect(self.search_box.clear)

    def retranslate_ui(self) -> None:
        """Set every UI string in the current language."""
        _ = self._lang.translator.gettext
        self.setWindowTitle(_("Rights guide: Alternatives to Detention"))
        self.toolbar.retranslate_ui(self._lang.translator, self.isRightToLeft())
        self.toc_heading.setText(_("On this page"))
        self.toc_button.setText(_("On this page"))
        self.toc_button.setAccessibleName(_("Sections of this page"))
        self.toc_button.setAccessibleDescription(_("Choose a section to go to it"))
        self.toc.setAccessibleName(_("Sections of this page"))
        self.toc.setAccessibleDescription(_("Choose a section to go to it"))
        self.reader.setAccessibleName(_("Page text"))
        self.reader.setAccessibleDescription(
            _("The text of the page. Links to other pages can be followed with Tab and Enter.")
        )
        if self.findings is not None:
            self.findings.retranslate_ui(self._lang.translator)
        outdated = self._guide.outdated_since()
        self.home_view.set_texts(
            _("What do you need to know?"),
            _("Choose a topic. This guide gives general information, not legal advice."),
            outdated_sentence(self._lang.translator, outdated) if outdated is not None else "",
        )
        self.picker.select(self._lang.code)

    @property
    def shown_page(self) -> ShownPage | None:
        """The page last shown in the reader (None before any, and after a kiosk's reset)."""
        return self._shown

    def go(self, location: Location) -> None:
        """Visit a location and display it."""
        self._leave()
        self.show_location(self._session.go(location))

    def go_quietly(self, location: Location) -> None:
        """Make ``location`` a step of the history without showing it (it is on screen)."""
        self._leave()
        self._session.go(location)

    def go_home(self) -> None:
        """The home screen (a step of the history)."""
        self._leave()
        self.show_location(self._session.home())

    def go_back(self) -> None:
        """Back one step, to the place the reader left there (a page's scroll, a result)."""
        self._leave()
        location = self._session.back()
        self.show_location(location)
        place = self._session.place
        if place is not None and location.view is View.PAGE:
            self.reader.verticalScrollBar().setValue(place)
        elif place is not None and location.view is View.SEARCH:
            self.search_view.select(place)

    def _leave(self) -> None:
        """Record where the reader is on the current step before going elsewhere."""
        current = self._session.current
        if current.view is View.PAGE and self.reader.page_id:
            self._session.remember_place(self.reader.verticalScrollBar().value())

    def open_page(self, page_id: str, fragment: str = "") -> None:
        """Open a page by id (used by ``--page`` and tests)."""
        self.go(Location(View.PAGE, page_id, fragment))

    def show_location(self, location: Location) -> None:
        """Display ``location`` in the current language."""
        code = self._lang.code
        if location.view is View.SEARCH:
            self.search_box.set_quietly(location.target)
            self.search(location.target)
            self.back_action.setEnabled(self._session.can_go_back)
            emit(self.location_shown, location)
            return
        if location.view is View.HOME:
            self.home_view.show_topics(self._guide.topics(code))
            self.stack.setCurrentWidget(self.home_view)
        elif location.view is View.TOPIC:
            self._show_topic(location.target)
        else:
            try:
                shown = self._guide.open_page(
                    location.target, location.locale or code, ui_locale=code
                )
            except PageNotFound:
                self.show_location(self._session.back())
                return
            self._shown = shown
            self._apply_zoom()
            self.toc.show_toc(shown.toc)
            self._fill_toc_menu(shown)
            self.stack.setCurrentWidget(self.page_view)
            self.reader.show_page(shown, location.fragment)
            self._update_watch(location.target)
        self._fit_toc(self.width())
        self.back_action.setEnabled(self._session.can_go_back)
        self.print_action.setEnabled(location.view is View.PAGE)
        if self.listen_action is not None:
            self.listen_action.setEnabled(True)
        self._update_breadcrumb(location)
        emit(self.location_shown, location)

    def _move_in_results(self, delta: int) -> None:
        self.search_view.move_selection(delta)

    def _choose_result(self) -> None:
        self.search_view.activate_current()

    def _focus_search(self) -> None:
        self.search_box.setFocus(QtCore.Qt.FocusReason.ShortcutFocusReason)
        self.search_box.selectAll()

    def search(self, text: str) -> None:
        """Show results as the reader types; an empty box returns to where the reader was."""
        searching = self._session.current.view is View.SEARCH  # back at results, typing again
        if not text.strip():
            if searching:
                self.go_back()
            elif self._search_view is not None and self.stack.currentWidget() is self._search_view:
                self.show_location(self._session.current)
            return
        if searching and self._session.current.target != text:
            self._session.replace(Location(View.SEARCH, text))
        tr = self._lang.translator
        self.stack.setCurrentWidget(self.search_view)  # first, so results wrap at its width
        hits = self._guide.search(text, self._lang.code)
        if hits:
            names = {loc.code: loc.native_name for loc in self._guide.registry.all()}
            rtl = frozenset(
                loc.code for loc in self._guide.registry.all() if loc.direction is Direction.RTL
            )
            self.search_view.show_results(hits, names, self._lang.code, tr, rtl)
        else:
            self.search_view.show_nothing(text, self._guide.suggestions(text), tr)
        self.stack.setCurrentWidget(self.search_view)
        # what acts on a page does not act on the results: "On this page", Print (and its
        # Ctrl+P), side by side (ui.compare) would all take the page left behind
        self.print_action.setEnabled(False)
        if self.listen_action is not None:
            self.listen_action.setEnabled(False)
        self._fit_toc(self.width())
        separator = " \u2039 " if self.isRightToLeft() else " \u203a "
        self.breadcrumb.setText(
            qtconv.in_ui_direction(
                separator.join([tr.gettext("Home"), tr.gettext("Search results")])
            )
        )
        emit(self.searched, text)

    def open_hit(self, hit: SearchHit) -> None:
        """Open a search result at its section (in its own language when it is another)."""
        other = hit.locale if hit.locale != self._lang.code else ""
        # the results are a step of the history: Back returns to them, at this hit
        query = self.search_box.text()
        if query.strip():
            self.go_quietly(Location(View.SEARCH, query))
        row = next((i for i, h in enumerate(self.search_view.hits) if h is hit), None)
        if row is not None and self._session.current.view is View.SEARCH:
            self._session.remember_place(row)
        self.search_box.clear_quietly()
        self._session.go(Location(View.PAGE, hit.page_id, hit.anchor, other))
        self.show_location(self._session.current)
        self.reader.setFocus(QtCore.Qt.FocusReason.OtherFocusReason)

    def enable_watch(self) -> None:
        """Translator mode: reload on file changes and show check's findings for the page."""
        from rightsguide.ui.findings import FindingsPanel  # translator mode only
        from rightsguide.ui.watch import PageWatcher

        self._watcher = PageWatcher(self)
        self.findings = FindingsPanel(self)
        self.addDockWidget(QtCore.Qt.DockWidgetArea.BottomDockWidgetArea, self.findings)
        self._watcher.files_changed.connect(self.reload_current)
        self.findings.show_problems([], self._lang.translator)

    def _update_watch(self, page_id: str) -> None:
        if self._watcher is None or self.findings is None:
            return
        code = self._lang.code
        self._watcher.watch(self._guide.watched_files(page_id, code))
        self.findings.show_problems(self._guide.findings(page_id, code), self._lang.translator)

    def reload_current(self) -> None:
        """Show the current screen again from the files on disk, keeping the scroll position."""
        scroll = self.reader.verticalScrollBar().value()
        self._guide.reload()
        location = self._session.current
        self.show_location(location)
        if location.view is View.PAGE:
            self.reader.verticalScrollBar().setValue(scroll)
            emit(self.page_reloaded, location.target)

    def _show_topic(self, topic: str) -> None:
        code = self._lang.code
        entry = self._guide.topic(code, topic)
        title, summary = (entry.title, entry.summary) if entry else (topic, "")
        self.topic_view.show_topic(title, summary, self._guide.pages(code, topic))
        self.stack.setCurrentWidget(self.topic_view)

    def _update_breadcrumb(self, location: Location) -> None:
        _ = self._lang.translator.gettext
        parts = [_("Home")]
        if location.view is not View.HOME:
            topic = location.target.split("/")[0]
            entry = self._guide.topic(self._lang.code, topic)
            parts.append(entry.title if entry else topic)
        if location.view is View.PAGE and self._shown is not None:
            parts.append(self._shown.title)
        separator = " \u2039 " if self.isRightToLeft() else " \u203a "
        self.breadcrumb.setText(qtconv.in_ui_direction(separator.join(parts)))

    def follow_link(self, url: str) -> None:
        """Act on a clicked link: a page, a section, or an outside address."""
        target = parse_link(url)
        if isinstance(target, External):
            from rightsguide.ui.dialogs import ExternalLinkDialog  # on the first website link

            handler = self.external_link_handler or ExternalLinkDialog.ask
            handler(target.url, self._lang.translator, self)
        elif isinstance(target, Location):
            current = self._session.current
            if current.view is View.PAGE and current.target == target.target and target.fragment:
                self.reader.scrollToAnchor(target.fragment)
            else:
                self.go(target)

    def change_language(self, code: str) -> None:
        """Switch the whole window to ``code``."""
        self._session.locale = code
        self._lang.apply(code)

    def _on_language_changed(self, _code: str) -> None:
        self.retranslate_ui()
        if self.theme is not None and self.stack.font().families() != self._lang.families_for(
            self._lang.code
        ):
            # Under a style sheet, Qt passes a new font down to a widget's children only when
            # more than its families changed: after a switch from English to Arabic, the
            # screens under the stack kept DejaVu Sans ("On this page" in one cramped line,
            # with a scroll bar). Setting the style sheet again gives them the new families.
            self.theme.restyle()
        self._apply_zoom()
        self.show_location(self._session.current)

    def print_page(self, *, with_english: bool, whole_topic: bool = False) -> bool:
        """Print the page on screen (or all pages of its topic) as a handout.

        Kiosk mode prints on the default printer, without a dialog.
        """
        if self._shown is None or self.stack.currentWidget() is not self.page_view:
            return False
        page_ids = [self._shown.page_id]
        if whole_topic:
            topic = self._shown.page_id.split("/")[0]
            page_ids = [p.page_id for p in self._guide.pages(self._lang.code, topic)]
        from rightsguide.core.render.handout import build_handout  # on first print, not at start
        from rightsguide.ui import printing

        handout = build_handout(
            self._guide,
            page_ids,
            self._lang.code,
            with_english=with_english,
            today=dt.date.today(),
        )
        families = self._lang.families_for(self._lang.code)
        printed = printing.print_handout(handout, families, self, ask=self.print_asks)
        if not self.print_asks:  # (the kiosk: no dialog says what happened, so this does)
            _ = self._lang.translator.gettext
            self.notify(
                _("Sent to the printer.")
                if printed
                else _("No printer is ready. Ask the staff for a paper copy."),
                PRINT_MESSAGE_MS,
            )
        return printed

    def reset_session(self, locale: str) -> None:
        """Forget the reader: history, search text, scroll, text size; back to ``locale``."""
        self._session.start_locale = locale
        self._session.reset()
        self.search_box.clear_quietly()
        self.reader.clear()
        self.reader.page_id = ""
        self._shown = None
        self._zoom = 0
        self.set_high_contrast(False)
        self.page_view.setSizes(PAGE_SPLIT)  # where the last reader dragged the divider: not kept
        if self._lang.code != locale:
            self.change_language(locale)  # also re-applies the text size
        else:
            self._apply_zoom()
        self.show_location(self._session.current)

    def set_zoom(self, zoom: int) -> None:
        """Make the text larger or smaller (clamped)."""
        self._zoom = max(ZOOM_MIN, min(ZOOM_MAX, zoom))
        self._apply_zoom()

    @property
    def zoom(self) -> int:
        """Text-size steps above (or below) the base size."""
        return self._zoom

    @property
    def text_px(self) -> int:
        """The page text size in pixels (the theme's base size with the zoom steps)."""
        if self.theme is None:
            return reading_px(NORMAL_TEXT_PX, self._zoom)
        return reading_px(self.theme.base_px, self._zoom)

    def _apply_zoom(self) -> None:
        px = self.theme.set_zoom(self._zoom) if self.theme is not None else self.text_px
        font = QFont(QApplication.font())
        font.setPixelSize(px)
        self.stack.setFont(font)
        page_font = QFont(font)  # the page's own script font: it may differ from the UI's
        page_code = self._shown.locale if self._shown is not None else self._lang.code
        page_font.setFamilies(self._lang.families_for(page_code))
        self.reader.setFont(page_font)
        self.smaller_action.setEnabled(self._zoom > ZOOM_MIN)
        self.larger_action.setEnabled(self._zoom < ZOOM_MAX)
