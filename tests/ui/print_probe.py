"""Run by test_printing_network in its own process: start the normal window, then press Print.

Prints "ready" once the window is shown with a page (the test then counts print-service
connections so far), waits for a line on stdin, presses Print (the print dialog is answered
"Cancel"), prints "done" and exits.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication

from rightsguide.core.guide import Guide
from rightsguide.core.resources import DataDirs
from rightsguide.ui import app


def main() -> int:
    """Start, say ready, wait, press Print, say done."""
    content, locales, assets = (Path(p).resolve() for p in sys.argv[1:4])
    qapp = app.create_application(sys.argv[:1])
    guide = Guide(DataDirs(content, locales, assets))
    window, _language = app.build_window(guide, "en")
    window.show()
    window.open_page("start-here/welcome")
    qapp.processEvents()
    print("ready", flush=True)
    sys.stdin.readline()
    from PySide6.QtPrintSupport import QPrintDialog

    QPrintDialog.exec = lambda self: int(QPrintDialog.DialogCode.Rejected)  # type: ignore[method-assign]
    window.print_action.trigger()
    QApplication.processEvents()
    print("done", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
