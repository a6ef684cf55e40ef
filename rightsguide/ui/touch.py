"""Touch screens (the kiosk): larger text, 48 px touch targets and kinetic scrolling."""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractScrollArea, QScroller

from rightsguide.ui.mainwindow import MainWindow
from rightsguide.ui.theme import KIOSK_TEXT_PX

TOUCH_MIN = 48  # px: the smallest thing a finger should have to hit


def scroll_areas(window: MainWindow) -> list[QAbstractScrollArea]:
    """The window's scrolling views: page, home, topic, sections, search results."""
    return [
        window.reader,
        window.home_view,
        window.topic_view,
        window.toc,
        window.search_view.results,
    ]


def make_touch_friendly(window: MainWindow) -> None:
    """Kiosk look: the kiosk text size and style sheet; a finger drags the views (QScroller)."""
    if window.theme is not None:
        styles = window.guide.dirs.assets / "styles"
        window.theme.set_touch(
            (styles / "app-kiosk.qss").read_text(encoding="utf-8"), KIOSK_TEXT_PX
        )
        window.set_zoom(0)
    window.picker.set_row_height(TOUCH_MIN)
    for area in scroll_areas(window):
        QScroller.grabGesture(area.viewport(), QScroller.ScrollerGestureType.TouchGesture)


def forget_screens(window: MainWindow) -> None:
    """Empty the screens behind the kiosk's start screen: no title or breadcrumb remains."""
    window.breadcrumb.clear()
    window.topic_view.show_topic("", "", [])
    window.search_view.results.clear()
    window.reader.clear()
    window.toc.clear()
    window.toc_button.hide()
