"""MainToolbar: the window's buttons, search field and language picker, in the UI language.

It only builds and labels the controls; :class:`~rightsguide.ui.mainwindow.MainWindow` decides
what they do. Every button can be reached with Tab and has a name and a description for screen
readers. On a narrow screen the buttons show only their icons, so the search field and the
language picker still fit.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QAction, QIcon, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QSizePolicy,
    QToolBar,
    QToolButton,
    QWidget,
)

from rightsguide.core.i18n import Translator
from rightsguide.core.model import Locale
from rightsguide.ui import assetload, qtconv
from rightsguide.ui.languagepicker import LanguagePicker
from rightsguide.ui.searchbox import SearchBox

NARROW_WIDTH = 1200  # below this, toolbar buttons show only their icons
TIGHT_WIDTH = 900  # below this (an 800x600 kiosk), the icons sit closer, so search still fits
# (each button's own, over app.qss's 6px 10px; 2px less with the focus ring, as app.qss has it)
TIGHT_STYLE = "QToolButton { padding: 4px 2px; } QToolButton:focus { padding: 2px 0px; }"
TIGHT_BAR = "QToolBar { spacing: 2px; }"  # (the toolbar's own, over app.qss's 6px)
# The toolbar's own style sheet when it is not tight: nothing of its own. QToolBar takes its
# padding and spacing from the style when it is made, before its name lets app.qss's
# "QToolBar#toolbar" rule match, and again only when its style changes after it is polished
# (the app's style sheet is set before that): the first text size change (the style sheet set
# again) made the bar 4 px taller and moved every button. A style sheet of its own, set when it
# is first shown, is such a change.
OWN_STYLE = "/* the toolbar: app.qss */"


class MainToolbar(QToolBar):
    """Home, Back, text size, contrast, About, Print; then search and the language picker."""

    def __init__(self, icons: Path, locales: list[Locale], parent: QWidget | None = None) -> None:
        """``icons``: the folder of ``<name>.svg``; ``locales``: the picker's languages."""
        super().__init__(parent)
        self._icons = icons
        self._icon_only: list[QAction] = []
        self._narrow = False  # (the style set below)
        self._tight = False
        self._restyled = False
        self.setObjectName("toolbar")
        self.setMovable(False)
        qtconv.set_enum(self, "toolButtonStyle", "ToolButtonTextBesideIcon")
        # Created first so it is first in keyboard order; kiosk mode shows and wires it.
        self.quick_exit_button = QPushButton(self)
        self.quick_exit_button.setObjectName("quickExit")
        # never narrower than its words: on a narrow screen the toolbar squeezes the others
        self.quick_exit_button.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.quick_exit_action = self.addWidget(self.quick_exit_button)
        self.quick_exit_action.setVisible(False)
        self.home_action = QAction(self._icon("home"), "", self)
        self.back_action = QAction(self)
        self.smaller_action = QAction("\u2066A\u2212\u2069", self)
        self.larger_action = QAction("\u2066A+\u2069", self)
        # setShortcuts([...]), not setShortcut: see ui.qtconv
        self.home_action.setShortcuts([QKeySequence("Alt+Home")])
        self.back_action.setShortcuts([QKeySequence(QKeySequence.StandardKey.Back)])
        self.smaller_action.setShortcuts([QKeySequence(QKeySequence.StandardKey.ZoomOut)])
        self.larger_action.setShortcuts([QKeySequence(QKeySequence.StandardKey.ZoomIn)])
        self.contrast_action = QAction(self._icon("contrast"), "", self)
        self.contrast_action.setCheckable(True)
        self.about_action = QAction(self._icon("about"), "", self)
        self.print_action = QAction(self._icon("print"), "", self)
        self.print_action.setShortcuts([QKeySequence(QKeySequence.StandardKey.Print)])
        self.print_english_action = QAction(self)
        self.print_topic_action = QAction(self)
        self.print_menu = QMenu(self)
        self.print_menu.addAction(self.print_english_action)
        self.print_menu.addAction(self.print_topic_action)
        for action in self._buttons():
            self.add_button(action)
        for action in (self.contrast_action, self.about_action):  # the name is for readers
            self.make_icon_only(action)
        print_button = self.widgetForAction(self.print_action)
        if isinstance(print_button, QToolButton):  # "Print with English below" in its menu
            print_button.setMenu(self.print_menu)
            print_button.setPopupMode(QToolButton.ToolButtonPopupMode.MenuButtonPopup)
        spacer = QWidget(self)
        spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.addWidget(spacer)
        self.search_box = SearchBox(self)
        self.addWidget(self.search_box)
        self._language_box_action = self.addWidget(self._build_language_box(locales))
        self._language_kept = False

    def _build_language_box(self, locales: list[Locale]) -> QWidget:
        """The label (the word "Language:" or a globe) and the picker."""
        self.language_label = QLabel(self)
        qtconv.plain_text(self.language_label)
        self._language_text = ""
        self.picker = LanguagePicker(locales, self)
        self.language_label.setBuddy(self.picker)
        box = self.language_box = QWidget(self)
        box_layout = QHBoxLayout(box)
        box_layout.setContentsMargins(8, 0, 8, 0)
        box_layout.addWidget(self.language_label)
        box_layout.addWidget(self.picker)
        return box

    def take_language_box(self) -> QWidget:
        """Take the language control out of the toolbar (never hidden in its overflow).

        The kiosk puts it where it is always on screen: a globe and the language's own name.
        """
        self.removeAction(self._language_box_action)
        self._language_kept = True
        self.picker.set_compact(True)
        self._show_language_label(True)
        return self.language_box

    def _icon(self, name: str) -> QIcon:
        return assetload.icon(self._icons / f"{name}.svg")

    def _buttons(self) -> tuple[QAction, ...]:
        return (
            self.home_action,
            self.back_action,
            self.smaller_action,
            self.larger_action,
            self.contrast_action,
            self.about_action,
            self.print_action,
        )

    def print_without_menu(self) -> None:
        """Print is a plain button: no arrow to a menu (the kiosk hides the menu's entries)."""
        print_button = self.widgetForAction(self.print_action)
        if isinstance(print_button, QToolButton):
            print_button.setMenu(None)  # type: ignore[arg-type]  # (Qt takes none; the stub not)
            print_button.setPopupMode(QToolButton.ToolButtonPopupMode.DelayedPopup)

    def add_button(self, action: QAction, before: QAction | None = None) -> None:
        """Add ``action`` as a button (before ``before``), reachable with Tab."""
        if before is None:
            self.addAction(action)
        else:
            self.insertAction(before, action)
        button = self.widgetForAction(action)
        if button is not None:  # QToolBar makes its buttons unreachable by Tab; undo that
            qtconv.set_enum(button, "focusPolicy", "StrongFocus")

    def make_icon_only(self, action: QAction) -> None:
        """Show ``action``'s button as an icon (its name stays for screen readers)."""
        if action not in self._icon_only:
            self._icon_only.append(action)
        button = self.widgetForAction(action)
        if isinstance(button, QToolButton):
            qtconv.set_enum(button, "toolButtonStyle", "ToolButtonIconOnly")

    def showEvent(self, event: QShowEvent) -> None:
        """Once, when first shown (polished by then): lay the bar out by app.qss's rule."""
        super().showEvent(event)
        if not self._restyled:  # (see OWN_STYLE)
            self._restyled = True
            self.setStyleSheet(TIGHT_BAR if self._tight else OWN_STYLE)

    def fit_width(self, width: int) -> None:
        """Icons only below :data:`NARROW_WIDTH`, so the search field and the picker still fit.

        Below :data:`TIGHT_WIDTH` the icons sit closer too: with the kiosk's Quick exit, an
        800 px screen would otherwise push the search field into the toolbar's overflow.
        """
        tight = width < TIGHT_WIDTH
        if tight != self._tight:
            self._tight = tight
            self.setStyleSheet(TIGHT_BAR if tight else OWN_STYLE)
            for action in self._buttons():
                button = self.widgetForAction(action)
                if isinstance(button, QToolButton):
                    button.setStyleSheet(TIGHT_STYLE if tight else "")
        narrow = width < NARROW_WIDTH
        if narrow != self._narrow:
            self._narrow = narrow
            style = "ToolButtonIconOnly" if narrow else "ToolButtonTextBesideIcon"
            qtconv.set_enum(self, "toolButtonStyle", style)  # (resets each button's own style)
            for action in self._icon_only:
                self.make_icon_only(action)
            if not self._language_kept:
                self.picker.set_compact(narrow)  # each language by its own name only
                self._show_language_label(narrow)

    def _show_language_label(self, narrow: bool) -> None:
        """The word "Language:" beside the picker; a globe instead on a narrow window."""
        if narrow:
            size = self.iconSize().height()
            self.language_label.setPixmap(self._icon("globe").pixmap(size, size))
        else:
            self.language_label.setText(self._language_text)

    def name_button(self, action: QAction, name: str, description: str) -> None:
        """What a screen reader says for ``action``'s button."""
        button = self.widgetForAction(action)
        if button is not None:
            button.setAccessibleName(name)
            button.setAccessibleDescription(description)

    def retranslate_ui(self, tr: Translator, right_to_left: bool) -> None:
        """Every label, tooltip and accessible name in the UI language."""
        _ = tr.gettext
        labels = {  # text, tooltip, screen-reader name
            self.home_action: (_("Home"), _("Go to the list of topics"), _("Home")),
            self.back_action: (_("Back"), _("Go back to the previous screen"), _("Back")),
            self.smaller_action: (
                "\u2066A\u2212\u2069",
                _("Make the text smaller"),
                _("Smaller text"),
            ),
            self.larger_action: ("\u2066A+\u2069", _("Make the text larger"), _("Larger text")),
            self.contrast_action: (
                _("High contrast"),
                _("White text on black, for low vision"),
                _("High contrast"),
            ),
            self.about_action: (
                _("About this guide"),
                _("Version, date and publisher of this guide"),
                _("About this guide"),
            ),
            self.print_action: (_("Print"), _("Print this page as a handout"), _("Print")),
        }
        for action, (text, tip, name) in labels.items():
            action.setText(text)
            action.setToolTip(tip)
            self.name_button(action, name, tip)
        arrow = "forward" if right_to_left else "back"  # "back" points to the start
        self.back_action.setIcon(self._icon(arrow))
        self.print_english_action.setText(_("Print with English below"))
        self.print_topic_action.setText(_("Print every page of this topic"))
        overflow = self.findChild(QToolButton, "qt_toolbar_ext_button")
        if overflow is not None:  # Qt's ">>" button when the window is too narrow
            overflow.setAccessibleName(_("More buttons"))
            overflow.setAccessibleDescription(_("Shows the buttons that do not fit"))
        self._language_text = _("Language:")
        self._show_language_label(self.picker.compact)
        self.language_label.setAccessibleName(_("Language:"))
        self.search_box.setPlaceholderText(_("Search"))
        self.search_box.setAccessibleName(_("Search the guide"))
        self.search_box.setAccessibleDescription(
            _("Type words to find pages in every language. Up and Down choose, Enter opens.")
        )
        self.search_box.set_clear_name(_("Clear the search"))
        self.picker.setAccessibleName(_("Language"))
        self.picker.setAccessibleDescription(_("Choose the language of the guide"))
