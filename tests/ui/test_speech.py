"""Read aloud, tested with Qt's mock speech engine (no sound card needed)."""

from __future__ import annotations

import pytest

pytest.importorskip("PySide6.QtTextToSpeech", exc_type=ImportError)

from rightsguide.ui.speech import Speech


def test_listen_reads_the_section_on_screen(qtbot, make_main_window):
    window = make_main_window("en")
    window.enable_speech(Speech("mock"))
    assert window.listen_action is not None
    assert not window.listen_action.isVisible()  # nothing to read on the home screen
    with qtbot.wait_signal(window.reader.page_shown, timeout=2000):
        window.open_page("device-care/charging")
    assert window.listen_action.isVisible()
    assert window.speech is not None
    with qtbot.wait_signal(window.speech.speaking_changed, timeout=3000) as blocker:
        assert window.listen()
    assert blocker.args == [True]


def test_listen_is_hidden_without_a_voice_for_the_language(make_main_window):
    window = make_main_window("ar")  # the mock engine has English, Norwegian and Finnish voices
    window.enable_speech(Speech("mock"))
    window.open_page("start-here/welcome")
    assert window.listen_action is not None
    assert not window.listen_action.isVisible()


def test_no_engine_means_no_listen_button(make_main_window):
    window = make_main_window("en")
    window.enable_speech(Speech("no-such-engine"))
    window.open_page("start-here/welcome")
    assert window.listen_action is not None
    assert not window.listen_action.isVisible()
