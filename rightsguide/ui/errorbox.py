"""A message box for the windowed program, which has no console to print errors on."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMessageBox

TITLE = "rightsguide"


def build(text: str) -> QMessageBox:
    """The QMessageBox that shows ``text`` (a QApplication is created when there is none)."""
    from PySide6.QtWidgets import QApplication, QMessageBox

    if QApplication.instance() is None:
        QApplication(sys.argv[:1])
    box = QMessageBox(QMessageBox.Icon.Critical, TITLE, text.splitlines()[0])
    if "\n" in text:
        box.setDetailedText(text)  # the whole message (or traceback), selectable and copyable
        box.setInformativeText("\n".join(text.splitlines()[1:6]))
    return box


def show(text: str) -> None:
    """Show ``text`` and wait for OK; without Qt, use the Windows message box (or stderr)."""
    try:
        box = build(text)
    except ImportError:  # Qt itself cannot load (a missing system library)
        if sys.platform == "win32":
            import ctypes

            ctypes.windll.user32.MessageBoxW(None, text, TITLE, 0x10)
        elif sys.__stderr__ is not None:
            sys.__stderr__.write(text + "\n")
        return
    box.exec()
