"""Kiosk mode: private at a clinic kiosk (design section 7; README "Kiosk").

- Starts on the language screen; full screen, no window frame, no context menus, no drag and
  drop, no file dialogs; nothing is written to disk (the search index stays in memory).
- Idle reset: after ``idle_seconds`` without a touch or key, "Are you still there?" counts down
  ``countdown_seconds``; without an answer the session is wiped and the language screen returns.
- Quick exit: a button always first on screen and first in keyboard order, or Shift pressed
  three times within two seconds: the screen blanks to a neutral page at once and the session
  is wiped (history, search text, scroll, language, text size, any open dialog).
- Closing: Ctrl+Alt+Shift+Q, then the ``exit_pin`` from the configuration. Without a PIN in the
  configuration the kiosk cannot be closed from the keyboard. Each wrong PIN makes the next try
  wait longer, and after a few the PIN is locked for minutes (:mod:`rightsguide.core.pinlock`).
- The window puts itself back when minimised, hidden or left (:mod:`rightsguide.ui.windowguard`).
- The wipe also clears what Qt keeps on its own: undo history, clipboard and primary selection,
  results, scroll positions, menus (:mod:`rightsguide.ui.forget`).
- Printing: no print service is contacted unless the configuration says ``printing: true``, and
  then only when Print is pressed.

Time is injectable (``clock``), and the timers are plain QTimers that tests trigger directly.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QMouseEvent, QTouchEvent
from PySide6.QtWidgets import QApplication

from rightsguide.core.kiosk import KioskConfig
from rightsguide.core.navigation import HOME
from rightsguide.core.pinlock import PinLock, Verdict, Wait
from rightsguide.ui import forget, touch
from rightsguide.ui.kioskdialogs import KioskLinkDialog, PinDialog
from rightsguide.ui.kioskscreens import IdlePrompt, LanguageScreen, NeutralScreen
from rightsguide.ui.mainwindow import MainWindow
from rightsguide.ui.signals import emit
from rightsguide.ui.windowguard import WindowGuard

SHIFT_PRESSES, SHIFT_WINDOW_S = 3, 2.0
PIN_MESSAGE_MS = 10_000
ACTIVITY = (
    QEvent.Type.MouseButtonPress,
    QEvent.Type.TouchBegin,
    QEvent.Type.KeyPress,
    QEvent.Type.Wheel,
)
PRESSES = (QEvent.Type.MouseButtonPress, QEvent.Type.TouchBegin)
BLOCKED = (QEvent.Type.ContextMenu, QEvent.Type.DragEnter, QEvent.Type.DragMove, QEvent.Type.Drop)


RESTART_EXIT = 75  # "try again" (EX_TEMPFAIL): its service starts it again (Windows: see wipe)


def _where(link: Path) -> str:
    """Where ``link`` leads now (its real path; "" when it leads nowhere)."""
    try:
        return os.path.realpath(link, strict=True)
    except OSError:
        return ""


class KioskMode(QObject):
    """Adds the kiosk's screens, timers and keys to a main window.

    Signals:
        session_wiped: emitted with "idle" or "quick-exit" after the session is wiped.
        idle_prompt_shown: emitted when "Are you still there?" appears.
    """

    session_wiped = Signal(str)
    idle_prompt_shown = Signal()

    def __init__(
        self, window: MainWindow, config: KioskConfig, clock: Callable[[], float] = time.monotonic
    ) -> None:
        """Turn ``window`` into a kiosk."""
        super().__init__(window)
        self.window, self.config, self._clock = window, config, clock
        self._shifts: list[float] = []
        self._closing_allowed = False
        self._content_link: Path | None = None  # current/content, when followed (follow_content)
        self._content_at = ""
        self._remaining = 0
        self.pin_lock = PinLock(config.exit_pin, clock)
        self.guard = WindowGuard(window)  # enabled once the window is full screen (app.main)
        registry = window.guide.registry
        self.language_screen = LanguageScreen(
            [registry.get(c) for c in config.languages],
            window,
            [window.guide.translator(c).gettext("Choose your language") for c in config.languages],
            # every offered script, the source language's font first (see LanguageScreen)
            list(
                dict.fromkeys(
                    f
                    for c in (registry.source, *config.languages)
                    for f in window.language.families_for(c)
                )
            ),
        )
        self.neutral_screen = NeutralScreen(window)
        window.stack.addWidget(self.language_screen)
        window.stack.addWidget(self.neutral_screen)
        window.stack.currentChanged.connect(self._crumbs_follow)
        self.prompt = IdlePrompt(window)
        self.quick_exit_button = window.quick_exit_button  # first in the toolbar and in Tab order
        self.quick_exit_button.setMinimumHeight(44)
        window.quick_exit_action.setVisible(True)
        window.external_link_handler = lambda url, tr, parent: KioskLinkDialog.ask(
            url, tr, parent, quick_exit=self.quick_exit
        )
        window.setProperty("kiosk", "true")  # style sheet: larger touch targets
        touch.make_touch_friendly(window)  # larger text, 48 px targets, kinetic scrolling
        window.keep_language_on_screen()  # never in the toolbar's overflow
        if config.languages:  # the toolbar's list offers what the start screen offers
            window.picker.offer_only(config.languages)
        window.page_view.setChildrenCollapsible(False)  # a finger cannot drag the page away
        window.print_asks = False  # never a dialog: the default printer, or no Print button
        window.print_english_action.setVisible(False)
        window.print_topic_action.setVisible(False)
        window.toolbar.print_without_menu()  # (its menu would open empty)
        # Not a question to the print service: it is asked only when Print is pressed.
        window.print_action.setVisible(config.printing)
        if not config.printing:  # no Print at all: not by Ctrl+P, not by a hidden action
            for action in (window.print_action, window.print_english_action):
                action.triggered.disconnect()
                action.setShortcut(QKeySequence())
            window.print_topic_action.triggered.disconnect()
        self.idle_timer = QTimer(self)
        self.idle_timer.setSingleShot(True)
        self.idle_timer.setInterval(config.idle_seconds * 1000)
        self.tick_timer = QTimer(self)
        self.tick_timer.setInterval(1000)
        self._connect_signals()
        app = QApplication.instance()
        assert app is not None
        app.installEventFilter(self)
        self.retranslate_ui()
        self.show_start()

    def _connect_signals(self) -> None:
        self.quick_exit_button.clicked.connect(self.quick_exit)
        self.language_screen.language_chosen.connect(self.choose_language)
        self.neutral_screen.start_requested.connect(self.show_start)
        self.idle_timer.timeout.connect(self._ask_if_still_there)
        self.tick_timer.timeout.connect(self._tick)
        self.prompt.still_here.connect(self._still_here)
        self.window.language.language_changed.connect(lambda _c: self.retranslate_ui())

    def retranslate_ui(self) -> None:
        """Set the kiosk's own strings in the current language."""
        tr = self.window.language.translator
        _ = tr.gettext
        self.quick_exit_button.setText(_("Quick exit"))
        self.quick_exit_button.setAccessibleName(_("Quick exit"))
        self.quick_exit_button.setAccessibleDescription(
            _("Clears the screen at once. You can also press Shift three times.")
        )
        self.language_screen.retranslate_ui(tr)
        self.neutral_screen.retranslate_ui(tr)

    # --- screens ------------------------------------------------------------------------------

    def show_start(self) -> None:
        """The language screen, in the default language."""
        touch.forget_screens(self.window)  # nothing of the last reader's screens stays
        self.window.show_chrome(True, crumbs=False)
        self.window.stack.setCurrentWidget(self.language_screen)
        self.quick_exit_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def _crumbs_follow(self, _index: int) -> None:
        """The breadcrumb row is back as soon as anything but the language screen shows.

        (However the person left it: a language button, Home, the search field.)
        """
        if self.window.toolbar.isVisible():
            on_start = self.window.stack.currentWidget() is self.language_screen
            self.window.show_chrome(True, crumbs=not on_start)

    def choose_language(self, code: str) -> None:
        """Start reading in ``code``."""
        self.window.change_language(code)
        self.window.show_location(self.window.session.go(HOME))
        self.idle_timer.start()

    # --- wiping -------------------------------------------------------------------------------

    def follow_content(self, link: Path) -> None:
        """Restart on new content between two people: ``link`` is ``current/content``.

        A pack installed while the kiosk runs switches ``current`` to a new copy, and a
        later install removes the copy the kiosk started on. So at each wipe, when ``link``
        no longer leads where it led at start, the kiosk ends (RESTART_EXIT), and its service
        starts it again on the new content, before the next person touches it.
        """
        self._content_link, self._content_at = link, _where(link)

    def _content_changed(self) -> bool:
        link = self._content_link
        return link is not None and _where(link) != self._content_at

    def wipe(self, reason: str) -> None:
        """Forget everything about the person who used the kiosk."""
        self.idle_timer.stop()
        self.tick_timer.stop()
        self.prompt.hide()
        if self.window.speech is not None:
            self.window.speech.stop()
        self._shifts.clear()
        forget.popups()
        forget.dialogs()
        self.window.reset_session(self.config.default_language or self.window.language.code)
        self._forget_widgets()
        emit(self.session_wiped, reason)
        if reason == "idle" and self._content_changed():  # (not at Quick exit: someone is there)
            sys.stderr.write(
                "rightsguide: the content was updated; the kiosk restarts to show it\n"
            )
            if os.name == "nt":  # pragma: no cover - Windows: its log-on task does not restart it
                import subprocess

                frozen = getattr(sys, "frozen", False)
                subprocess.Popen([sys.executable, *(sys.argv[1:] if frozen else sys.argv)])
                QApplication.exit(0)
            else:
                QApplication.exit(RESTART_EXIT)

    def _forget_widgets(self) -> None:
        """What the widgets keep on their own: undo history, clipboard, results, scrolling."""
        window = self.window
        forget.text_fields(window)
        forget.clipboard()
        window.search_view.forget()
        window.toc.show_toc(())
        menu = window.toc_button.menu()
        if menu is not None:
            menu.clear()  # the narrow window's "On this page" list of the last page
        window.topic_view.show_topic("", "", [])
        forget.scroll_positions(window)
        window.clear_notice()
        self.quick_exit_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def recover(self) -> None:
        """After an unexpected error: wipe and show the language screen again."""
        self.wipe("error")
        self.show_start()

    def quick_exit(self) -> None:
        """Blank to the neutral screen at once, then wipe."""
        self.prompt.hide()  # "Are you still there?" in their language: not on the blank screen
        forget.popups()
        self.window.show_chrome(False)  # no toolbar, no Quick exit: nothing of the guide
        self.window.stack.setCurrentWidget(self.neutral_screen)
        self.window.breadcrumb.clear()
        self.window.repaint()  # the neutral screen is on the glass before anything else happens
        self.wipe("quick-exit")
        self.window.show_chrome(False)
        self.window.stack.setCurrentWidget(self.neutral_screen)
        self.window.breadcrumb.clear()
        self.neutral_screen.setFocus(Qt.FocusReason.OtherFocusReason)  # a key starts again

    def _ask_if_still_there(self) -> None:
        forget.dialogs()  # a web address left open would hide the question
        self._remaining = self.config.countdown_seconds
        self.prompt.show_seconds(self._remaining, self.window.language.translator)
        self.tick_timer.start()
        emit(self.idle_prompt_shown)

    def _tick(self) -> None:
        self._remaining -= 1
        if self._remaining <= 0:
            self.wipe("idle")
            self.show_start()
        else:
            self.prompt.show_seconds(self._remaining, self.window.language.translator)

    def _still_here(self) -> None:
        self.tick_timer.stop()
        self.prompt.hide()
        self.idle_timer.start()

    # --- input ----------------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Block context menus and drops; count activity; watch Shift and the admin keys."""
        kind = event.type()
        if kind in BLOCKED:
            return True
        if kind == QEvent.Type.Close and watched is self.window and not self._closing_allowed:
            event.ignore()  # Alt+F4 or the window manager: only the administrator closes a kiosk
            return True
        if kind in PRESSES and self._on_quick_exit(event):
            self.quick_exit()  # whatever covers it: the countdown's veil, an open list
            return True
        if kind in ACTIVITY and not self.tick_timer.isActive() and self._in_use():
            # Any touch or key (re)starts the idle time, on every screen but the neutral one:
            # a person may start from the toolbar or the start screen's list, not only from a
            # language button, and must be forgotten all the same.
            self.idle_timer.start()
        if kind == QEvent.Type.KeyPress and isinstance(event, QKeyEvent) and self._first(watched):
            return self._key(event)
        return False

    def _in_use(self) -> bool:
        """Someone is using the kiosk: it shows anything but the neutral screen."""
        return self.window.stack.currentWidget() is not self.neutral_screen

    def _on_quick_exit(self, event: QEvent) -> bool:
        """Whether a press or touch lands on the Quick exit button, even through a cover."""
        button = self.quick_exit_button
        if not button.isVisible():
            return False
        if isinstance(event, QMouseEvent):
            where = event.globalPosition().toPoint()
        elif isinstance(event, QTouchEvent) and event.points():
            where = event.points()[0].globalPosition().toPoint()
        else:
            return False
        return button.rect().contains(button.mapFromGlobal(where))

    def _first(self, watched: QObject) -> bool:
        """True for the first delivery of a key event (not its propagation to parents)."""
        focus = QApplication.focusWidget()
        return watched is focus or (focus is None and watched is self.window)

    def _key(self, event: QKeyEvent) -> bool:
        mods = event.modifiers()
        admin = (
            Qt.KeyboardModifier.ControlModifier
            | Qt.KeyboardModifier.AltModifier
            | Qt.KeyboardModifier.ShiftModifier
        )
        if event.key() == Qt.Key.Key_Q and (mods & admin) == admin:
            self._ask_pin()
            return True
        if event.key() != Qt.Key.Key_Shift or event.isAutoRepeat():
            self._shifts.clear()
            return False
        now = self._clock()
        self._shifts = [t for t in self._shifts if now - t <= SHIFT_WINDOW_S] + [now]
        if len(self._shifts) >= SHIFT_PRESSES:
            self._shifts.clear()
            self.quick_exit()
            return True
        return False

    def _ask_pin(self) -> None:
        if not self.config.exit_pin:
            return
        wait = self.pin_lock.wait()
        if wait is not None:
            self._say_wait(wait)
            return
        pin = PinDialog.ask(self.window.language.translator, self.window)
        if pin is None:
            return
        verdict = self.pin_lock.try_pin(pin)
        if verdict is Verdict.RIGHT:
            self._closing_allowed = True
            self.guard.enable(False)
            self.window.close()
            QApplication.quit()
            return
        wait = self.pin_lock.wait()
        if wait is not None:
            self._say_wait(wait)

    def _say_wait(self, wait: Wait) -> None:
        """Tell the administrator why no PIN is taken now."""
        tr = self.window.language.translator
        if wait.locked:
            minutes = max(1, (wait.seconds + 59) // 60)
            text = tr.ngettext(
                "Too many wrong PINs. The PIN is locked for {minutes} minute.",
                "Too many wrong PINs. The PIN is locked for {minutes} minutes.",
                minutes,
            ).format(minutes=minutes)
        else:
            text = tr.ngettext(
                "Wrong PIN. Wait {seconds} second before trying again.",
                "Wrong PIN. Wait {seconds} seconds before trying again.",
                wait.seconds,
            ).format(seconds=wait.seconds)
        self.window.notify(text, PIN_MESSAGE_MS)
