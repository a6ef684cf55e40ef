"""Fill the whole screen, with or without a window manager."""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication, QScreen
from PySide6.QtWidgets import QWidget


def fill_screen(widget: QWidget) -> None:
    """Show ``widget`` over its whole screen.

    ``showFullScreen`` alone asks the window manager; on bare X or a kiosk compositor with
    none, the window would keep its old size. The screen's geometry is set first.
    """
    screen: QScreen | None = widget.screen()
    if screen is None:  # no screen yet: the primary one
        screen = QGuiApplication.primaryScreen()
    widget.setGeometry(screen.geometry())
    widget.showFullScreen()
