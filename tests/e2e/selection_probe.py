"""Run by test_kiosk_selection under Xvfb: does anything of the last person survive a wipe?

Builds a kiosk window on a real X server, puts text on the clipboard and the X primary
selection (as a person selecting and copying would), wipes the session, then pastes with Ctrl+V,
Shift+Insert and a middle click into the search field. Prints a JSON report.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QClipboard
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from rightsguide.core.guide import Guide
from rightsguide.core.kiosk import KioskConfig
from rightsguide.core.resources import DataDirs
from rightsguide.ui import app
from rightsguide.ui.kiosk import KioskMode


def main() -> int:
    """Select, copy, wipe, paste; report what the search field and the clipboard hold."""
    content, locales, assets = (Path(p).resolve() for p in sys.argv[1:4])
    qapp = app.create_application(sys.argv[:1])
    window, _language = app.build_window(Guide(DataDirs(content, locales, assets)), "en")
    mode = KioskMode(window, KioskConfig(languages=("en",), default_language="en"))
    window.resize(1000, 700)
    window.show()
    QTest.qWaitForWindowExposed(window)
    mode.choose_language("en")
    board = QApplication.clipboard()
    board.setText("copied by the last person", QClipboard.Mode.Clipboard)
    board.setText("selected by the last person", QClipboard.Mode.Selection)
    qapp.processEvents()
    before = {"clipboard": board.text(), "selection": board.text(QClipboard.Mode.Selection)}
    mode.quick_exit()
    mode.neutral_screen.start.click()
    mode.language_screen.buttons[0].click()
    box = window.search_box
    box.setFocus()
    QTest.keyClick(box, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClick(box, Qt.Key.Key_Insert, Qt.KeyboardModifier.ShiftModifier)
    QTest.mouseClick(box, Qt.MouseButton.MiddleButton, Qt.KeyboardModifier.NoModifier, QPoint(8, 8))
    qapp.processEvents()
    report = {
        "supports_selection": board.supportsSelection(),
        "before": before,
        "search_text": box.text(),
        "clipboard": board.text(),
        "selection": board.text(QClipboard.Mode.Selection),
    }
    print(json.dumps(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
