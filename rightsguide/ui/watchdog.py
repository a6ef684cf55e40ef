"""Pings the service manager's watchdog from the event loop, so a frozen kiosk gets restarted.

The ping is a timer on the main thread's event loop: while the loop answers, systemd hears from
the kiosk; when the loop is stuck (a deadlock, an endless page), the pings stop and systemd kills
and restarts the kiosk after ``WatchdogSec``. See :mod:`rightsguide.core.sdnotify`.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer

from rightsguide.core import sdnotify


class Watchdog(QObject):
    """Says READY=1 once, then WATCHDOG=1 on a timer, when a service manager asked for it."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.timeout.connect(self._ping)
        self.interval_ms = sdnotify.watchdog_interval_ms()

    def start(self) -> None:
        """Report ready (first page on screen) and start pinging, if a watchdog is set."""
        sdnotify.notify("READY=1")
        if self.interval_ms is not None:
            self._timer.start(self.interval_ms)

    def _ping(self) -> None:
        sdnotify.notify("WATCHDOG=1")
