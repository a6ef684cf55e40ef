"""PySide6 6.12's Signal.emit() drops a reference to True; the app must not (see ui/signals.py)."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal

from rightsguide.ui.signals import emit


class Source(QObject):
    happened = Signal(str)


def test_emit_keeps_the_count_of_true():
    source = Source()
    source.happened.connect(lambda _text: None)
    before = sys.getrefcount(True)
    for _ in range(500):
        emit(source.happened, "x")
    assert sys.getrefcount(True) >= before


def test_reading_pages_and_switching_languages_keeps_the_count_of_true(qtbot, make_main_window):
    window = make_main_window("en")
    before = sys.getrefcount(True)
    for index in range(100):
        window.change_language("ar" if index % 2 else "en")
        window.open_page("start-here/welcome")
        window.home_action.trigger()
    assert sys.getrefcount(True) >= before
