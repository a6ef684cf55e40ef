"""Hidden ``--probe FILE``: proves that the event loop still answers after start-up.

Used by ``make soak`` (``tools/hang_soak.py`` starts the app hundreds of times under CPU load) and
by ``make bench`` (the longest stall of the event loop). After the first paint the app does what
it always does then (the search index in the background, speech, the watchdog), and the probe
does what a person would do at once: it opens the first page of the first topic. A 10 ms timer
measures every gap between its ticks and prints a heartbeat line on standard output every tenth
tick, so the harness sees the loop answering while it waits. When the index is ready and the
loop has answered for a second more, the probe writes a JSON report and quits. A loop whose
heartbeats stop is a hang; a start that is merely slow (a very busy machine) is not.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QApplication

from rightsguide.core.guide import Guide
from rightsguide.ui.mainwindow import MainWindow

TICK_MS = 10
SETTLE_S = 1.0  # how long the loop must keep answering once everything has started


class Probe(QObject):
    """Ticks on the event loop, records the longest gap, and reports when start-up is over."""

    def __init__(self, window: MainWindow, guide: Guide, out: Path) -> None:
        super().__init__(window)
        self._window, self._guide, self._out = window, guide, out
        self._timer = QTimer(self)
        self._timer.timeout.connect(self._tick)
        self._started = self._last = time.monotonic()
        self._ready_at: float | None = None
        self._ticks = 0
        self._longest = 0.0

    def start(self) -> None:
        """Start ticking, and open a page as a person would."""
        self._started = self._last = time.monotonic()
        self._timer.start(TICK_MS)
        QTimer.singleShot(0, self, self._touch)

    def _touch(self) -> None:
        code = self._window.language.code
        topics = self._guide.topics(code)
        pages = self._guide.pages(code, topics[0].topic) if topics else []
        if pages:
            self._window.open_page(pages[0].page_id)

    def _tick(self) -> None:
        now = time.monotonic()
        self._longest = max(self._longest, now - self._last)
        self._last = now
        self._ticks += 1
        if self._ticks % 10 == 0:
            sys.stdout.write(f"tick {self._ticks}\n")
            sys.stdout.flush()
        if self._ready_at is None and self._guide.search_ready:
            self._ready_at = now
        if self._ready_at is not None and now - self._ready_at >= SETTLE_S:
            self._timer.stop()
            report = {
                "ok": True,
                "ticks": self._ticks,
                "longest_stall_ms": round(self._longest * 1000, 1),
                "ready_after_ms": round((self._ready_at - self._started) * 1000, 1),
                "page_id": self._window.reader.page_id,
            }
            self._out.write_text(json.dumps(report), encoding="utf-8")
            sys.stdout.write("probe: done\n")  # the harness stops watching for a hang here
            sys.stdout.flush()
            QApplication.exit(0)
