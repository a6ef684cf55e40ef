"""A whole GUI session opens no network connection."""

from __future__ import annotations

import sys

from PySide6.QtCore import Qt

_events: list[str] = []
_recording = [False]


def _hook(event: str, _args: tuple[object, ...]) -> None:
    if _recording[0] and event.startswith(("socket.", "urllib.", "http.", "ftplib.", "smtplib.")):
        _events.append(event)


sys.addaudithook(_hook)  # audit hooks cannot be removed; this one only records while enabled


def test_full_session_opens_no_socket(qtbot, make_main_window):
    _recording[0] = True
    try:
        window = make_main_window("en")
        qtbot.mouseClick(window.home_view.tiles[0], Qt.MouseButton.LeftButton)
        with qtbot.wait_signal(window.reader.page_shown, timeout=2000):
            qtbot.mouseClick(window.topic_view.tiles[0], Qt.MouseButton.LeftButton)
        window.reader.link_activated.emit("guide:/device-care/charging#daily")
        with qtbot.wait_signal(window.reader.page_shown, timeout=2000):
            window.change_language("ar")
        window.larger_action.trigger()
        window.back_action.trigger()
        window.grab()
    finally:
        _recording[0] = False
    assert _events == []
