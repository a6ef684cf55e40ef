"""The kiosk window puts itself back: full screen, raised and active.

When the window manager's menu (Alt+Space, then Minimise), a key of the desktop or another
window of the session minimises, hides, un-full-screens or lowers the kiosk, or takes the
activation away from it, the guard restores it on the next turn of the event loop. The
kiosk's own dialogs (a web address, the PIN) may take the activation: they belong to the app.

A guard inside the app cannot stop everything (another program can always draw over it): the
deployment runs the kiosk in a session with nothing else to switch to (docs/security.md,
"Leaving the kiosk").
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QWidget

from rightsguide.ui.signals import emit

RETRIES, RETRY_MS = 20, 100
WATCHED = (
    QEvent.Type.WindowStateChange,
    QEvent.Type.Hide,
    QEvent.Type.WindowDeactivate,  # not ActivationChange: a failed re-activation must not loop
)


class WindowGuard(QObject):
    """Keeps one window full screen, raised and active while it is enabled.

    Signals:
        restored: emitted after the guard put the window back.
    """

    restored = Signal()

    def __init__(self, window: QWidget) -> None:
        """Watch ``window`` (call :meth:`enable` once it is shown full screen)."""
        super().__init__(window)
        self.window = window
        self.enabled = False
        self._pending = False
        self._tries = 0
        window.installEventFilter(self)

    def enable(self, on: bool = True) -> None:
        """Start (or stop, when closing is allowed) putting the window back."""
        self.enabled = on
        if on:
            self._schedule()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Notice minimise, hide, state changes and lost activation; never eat the event."""
        if self.enabled and watched is self.window and event.type() in WATCHED:
            self._schedule()
        return False

    def needs_restoring(self) -> bool:
        """True when the window is not visible, full screen, unminimised and ours to activate."""
        state = self.window.windowState()
        if not self.window.isVisible() or state & Qt.WindowState.WindowMinimized:
            return True
        if not state & Qt.WindowState.WindowFullScreen:
            return True
        active = QApplication.activeWindow()
        if active is None:  # another program's window (or none) is active
            return QGuiApplication.focusWindow() is not self.window.windowHandle()
        return (
            active is not self.window
            and active.window() is not self.window
            and not (_owned_by(active, self.window))
        )

    def _schedule(self, delay_ms: int = 0) -> None:
        if not self._pending:
            self._pending = True
            QTimer.singleShot(delay_ms, self, self._restore)

    def _restore(self) -> None:
        self._pending = False
        if not self.enabled or not self.needs_restoring():
            self._tries = 0
            return
        window = self.window
        state = window.windowState() & ~Qt.WindowState.WindowMinimized
        window.setWindowState(state | Qt.WindowState.WindowFullScreen)
        window.showFullScreen()
        window.raise_()
        window.activateWindow()
        emit(self.restored)
        # A window shown again may be activated only once it is mapped: look again shortly,
        # a bounded number of times (a platform that never activates it must not spin).
        self._tries += 1
        if self._tries <= RETRIES:
            self._schedule(RETRY_MS)
        else:
            self._tries = 0


def _owned_by(widget: QWidget, window: QWidget) -> bool:
    """True for the app's own dialogs and pop-ups (their parent chain reaches ``window``)."""
    parent = widget.parentWidget()
    while parent is not None:
        if parent is window:
            return True
        parent = parent.parentWidget()
    return False
