"""Soak: thousands of random steps through a kiosk; memory stays bounded and nothing warns.

`make test` runs a short version; `make soak` runs SOAK_STEPS=5000.
"""

from __future__ import annotations

import os
import random
from pathlib import Path

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QApplication

from rightsguide.core.kiosk import KioskConfig
from rightsguide.ui.kiosk import KioskMode

STEPS = int(os.environ.get("SOAK_STEPS", "300"))
WORDS = ["charge", "guide", "battery", "مرحبا", "lawyer", '"NEAR(*', "grillete", "help", ""]


def settle() -> None:
    """Run pending events, including deleteLater() (processEvents alone skips those)."""
    QApplication.processEvents()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text(encoding="ascii").splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def test_random_use_keeps_memory_bounded(qtbot, make_main_window):
    window = make_main_window("en")
    kiosk = KioskMode(
        window,
        KioskConfig(
            languages=("en", "ar", "es", "fr", "ht"), default_language="en", countdown_seconds=5
        ),
    )
    rng = random.Random(20261128)
    pages = window.guide.library.page_ids("en")
    actions = [
        lambda: window.open_page(rng.choice(pages)),
        lambda: kiosk.choose_language(rng.choice(kiosk.config.languages)),
        lambda: window.search_box.setText(rng.choice(WORDS)),
        window.back_action.trigger,
        lambda: window.set_zoom(rng.randint(-4, 10)),
        lambda: window.follow_link("guide:/device-care/charging#daily"),
        kiosk.quick_exit,
        kiosk.idle_timer.timeout.emit,
        kiosk.tick_timer.timeout.emit,
        lambda: window.set_high_contrast(rng.random() < 0.5),
    ]
    baseline = rss_mb()
    try:
        for step in range(STEPS):
            rng.choice(actions)()
            if step == 50:
                settle()
                baseline = rss_mb()
            if step % 25 == 0:  # what the event loop does between a person's taps
                settle()
        QApplication.processEvents()
        assert rss_mb() - baseline < 60
        assert window.isVisible()
    finally:
        app = QApplication.instance()
        assert app is not None
        app.removeEventFilter(kiosk)
