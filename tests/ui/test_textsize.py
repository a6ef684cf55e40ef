"""One source of truth for text size: the page text keeps its size whatever the route."""

from __future__ import annotations

from PySide6.QtGui import QFontInfo

from rightsguide.core.kiosk import KioskConfig
from rightsguide.ui.kiosk import KioskMode
from rightsguide.ui.selftest import body_px, run_route
from rightsguide.ui.theme import NORMAL_TEXT_PX, expand_sizes, reading_px


def test_sizes_in_the_style_sheet_are_relative_to_one_base():
    qss = "QLabel#h { font-size: 1.5em; } QPushButton { font-size: 1.25rem; margin: 2px; }"
    assert expand_sizes(qss, 16, 20) == (
        "QLabel#h { font-size: 30px; } QPushButton { font-size: 20px; margin: 2px; }"
    )
    assert reading_px(16, 0) == 16
    assert reading_px(16, 4) == 20
    assert reading_px(20, 0) == 20


def test_body_text_is_the_same_size_after_home_topic_page_and_languages(qtbot, make_main_window):
    window = make_main_window("en")
    window.open_page("start-here/welcome")
    route = run_route(window)
    direct = route[0]["body_px"]
    assert direct == NORMAL_TEXT_PX
    on_page = [s for s in route if s["page_id"]]
    assert [s["step"] for s in on_page] == ["direct", "page", "language", "language back"]
    assert {s["body_px"] for s in on_page} == {direct}


def test_zoom_steps_are_relative_to_the_base_size_and_survive_navigation(qtbot, make_main_window):
    window = make_main_window("en")
    window.open_page("start-here/welcome")
    window.larger_action.trigger()
    window.larger_action.trigger()
    larger = body_px(window.reader)
    assert larger == reading_px(NORMAL_TEXT_PX, 4) > NORMAL_TEXT_PX
    run_route(window)
    assert body_px(window.reader) == larger
    heading = QFontInfo(window.topic_view.heading.font()).pixelSize()
    assert heading > larger  # headings grow with the text, they are not a fixed size


def test_kiosk_text_is_at_least_20_px(qtbot, make_main_window, qapp):
    window = make_main_window("en")
    config = KioskConfig(languages=("en", "ar"), default_language="en")
    mode = KioskMode(window, config)
    try:
        mode.choose_language("en")
        window.open_page("start-here/welcome")
        assert body_px(window.reader) >= 20
        assert QFontInfo(qapp.font()).pixelSize() >= 20
    finally:
        qapp.removeEventFilter(mode)
