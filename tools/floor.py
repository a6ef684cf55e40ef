"""The start-up floor for `make bench`: a QApplication showing one Python-Markdown page.

Prints JSON {"painted_at": wall-clock time of the first paint, "peak_rss_mb": ...}.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import markdown
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QTextBrowser


class Painted(QObject):
    """Reports once the browser has painted."""

    def eventFilter(self, _watched: QObject, event: QEvent) -> bool:
        """Quit after the first paint of the viewport."""
        if event.type() == QEvent.Type.Paint:
            QTimer.singleShot(0, report)
        return False


def report() -> None:
    """Print the figures and quit."""
    rss = None
    for line in Path("/proc/self/status").read_text(encoding="ascii").splitlines():
        if line.startswith("VmHWM:"):
            rss = round(int(line.split()[1]) / 1024, 1)
    print(json.dumps({"painted_at": time.time(), "peak_rss_mb": rss}))
    QApplication.exit(0)


def main() -> int:
    """Show one page and exit after it is painted."""
    app = QApplication(sys.argv[:1])
    text = Path(sys.argv[1]).read_text(encoding="utf-8").split("---", 2)[2]
    browser = QTextBrowser()
    browser.setHtml(markdown.markdown(text, extensions=["tables", "attr_list", "admonition"]))
    watcher = Painted()
    browser.viewport().installEventFilter(watcher)
    browser.resize(1280, 800)
    browser.show()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
