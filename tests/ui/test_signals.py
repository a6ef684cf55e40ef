"""Qt calls must not drain the counts of True and None (PySide6 6.12.0 did: see ui/signals.py).

On CPython 3.11, True and None are freed, and the process aborts, when their count reaches zero
("deallocating None"). PySide6 6.12.0 dropped a reference to True on every emit and to None on
every call that returns nothing, so a kiosk died after some hundreds of page views. The project
pins PySide6 6.11.3, which has neither bug; these tests fail on a PySide6 that brings them back.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QLabel

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


def test_reading_pages_and_switching_languages_keeps_the_count_of_true_and_none(
    qtbot, make_main_window
):
    window = make_main_window("en")
    before, none_before = sys.getrefcount(True), sys.getrefcount(None)
    for index in range(100):
        window.change_language("ar" if index % 2 else "en")
        window.open_page("start-here/welcome")
        window.home_action.trigger()
    assert sys.getrefcount(True) >= before
    assert sys.getrefcount(None) >= none_before - 50  # a few Nones held or let go, not hundreds


def test_qt_calls_that_return_nothing_keep_the_count_of_none(qtbot):
    label = QLabel()
    qtbot.addWidget(label)
    before = sys.getrefcount(None)
    for _ in range(2000):
        label.setText("x")
    assert sys.getrefcount(None) >= before - 10


def test_a_pyside6_that_may_have_the_bug_gets_the_compensation():
    from rightsguide.ui import signals

    assert signals._compensation((6, 11, 3, "", "")) is None  # never had it: no ctypes
    incref = signals._compensation((6, 12, 0, "", ""))
    assert incref is not None
    before = sys.getrefcount(True)
    for _ in range(1000):
        incref(True)
    assert sys.getrefcount(True) >= before + 990  # a few others held or let go meanwhile
