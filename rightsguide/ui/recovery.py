"""Recovery: an unexpected error shows a calm message and returns to the start; the app runs on.

Qt calls ``sys.excepthook`` for an exception raised in a slot. The error is logged to stderr
(never to a file: a kiosk writes nothing), the reader sees one calm sentence in their language,
and the window goes back to the start (a kiosk also wipes the session).
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from types import TracebackType

from PySide6.QtCore import QObject, Signal

from rightsguide.ui.mainwindow import MainWindow
from rightsguide.ui.signals import emit

log = logging.getLogger(__name__)
MESSAGE_MS = 15_000


class Recovery(QObject):
    """Catches unexpected errors for one window.

    Signals:
        recovered: emitted after the window went back to the start.
    """

    recovered = Signal()

    def __init__(self, window: MainWindow, back_to_start: Callable[[], None] | None = None) -> None:
        """``back_to_start`` is the kiosk's wipe; the home screen otherwise."""
        super().__init__(window)
        self.window = window
        self._back = back_to_start
        self._previous = sys.excepthook

    def install(self) -> None:
        """Become ``sys.excepthook``."""
        self._previous = sys.excepthook
        sys.excepthook = self.handle

    def uninstall(self) -> None:
        """Give ``sys.excepthook`` back."""
        sys.excepthook = self._previous

    def handle(
        self, kind: type[BaseException], value: BaseException, traceback: TracebackType | None
    ) -> None:
        """Log, go back to the start, and say so calmly."""
        if issubclass(kind, KeyboardInterrupt):
            self._previous(kind, value, traceback)
            return
        log.error("unexpected error; back to the start", exc_info=(kind, value, traceback))
        try:
            if self._back is not None:
                self._back()
            else:
                self.window.show_location(self.window.session.home())
            _ = self.window.language.translator.gettext
            self.window.notify(
                _("Something went wrong, so the guide went back to the start. You can go on."),
                MESSAGE_MS,
            )
        except Exception:
            log.exception("could not recover the window")
        emit(self.recovered)
