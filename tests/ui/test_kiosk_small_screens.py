"""The kiosk on the old touch screens clinics have: 1024x600 and 800x600, all nine languages.

Every screen fits the screen (nothing pushes the window taller than it), every language button
is whole and its name fits it, search stays on the toolbar, and what one person did (Arabic,
larger text, high contrast, a wrong PIN) changes none of this for the next one.
"""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication, QStatusBar

from rightsguide.core.guide import Guide
from rightsguide.core.kiosk import KioskConfig
from rightsguide.core.resources import data_dirs
from rightsguide.ui import kioskscreens
from rightsguide.ui.kiosk import KioskMode
from tests.ui.conftest import KIOSK_PIN, TODAY, FakeClock

LANGUAGES = ("es", "en", "ht", "pt-BR", "fr", "ar", "zh-Hans", "ru", "pa")
SCREENS = [(1024, 600), (800, 600)]


@pytest.fixture
def small_kiosk(make_main_window):
    """A kiosk on the bundled content, offering every language (as examples/kiosk.yaml does)."""
    window = make_main_window("en", Guide(data_dirs(), today=lambda: TODAY))
    config = KioskConfig(
        idle_seconds=120,
        countdown_seconds=3,
        languages=LANGUAGES,
        default_language="en",
        exit_pin=KIOSK_PIN,
    )
    mode = KioskMode(window, config, clock=FakeClock())
    mode.show_start()
    yield window, mode
    mode.guard.enable(False)
    qt_app = QApplication.instance()
    assert qt_app is not None
    qt_app.removeEventFilter(mode)


def _settle(window, width: int, height: int) -> None:
    window.resize(width, height)
    QApplication.processEvents()
    QApplication.processEvents()


def _whole(widget) -> bool:
    """Nothing of ``widget`` is cut off by the window or by its scroll area."""
    return bool(widget.visibleRegion().boundingRect().size() == widget.size())


def _start_screen_fits(window, mode, width: int, height: int) -> None:
    assert window.stack.currentWidget() is mode.language_screen
    assert (window.width(), window.height()) == (width, height)  # not taller than the screen
    screen = mode.language_screen
    for button in screen.buttons:
        assert _whole(button), button.accessibleName()
        metrics = button.fontMetrics()
        for line in button.text().split("\n"):
            assert (
                metrics.horizontalAdvance(line) + getattr(kioskscreens, "BUTTON_PADDING", 40) // 2
                <= button.width()
            ), line
    assert not any(
        bar.isVisible() for bar in window.findChildren(QStatusBar)
    )  # no message, no bar taking the bottom of the screen


@pytest.mark.parametrize(("width", "height"), SCREENS)
def test_the_start_screen_fits_a_small_screen_whole(small_kiosk, width, height):
    window, mode = small_kiosk
    _settle(window, width, height)
    _start_screen_fits(window, mode, width, height)
    assert not window.breadcrumb.isVisible()  # nothing to name on the start screen
    assert window.search_box.isVisible()  # search from the start, not in the overflow
    assert window.search_box.geometry().right() <= window.toolbar.width()
    assert mode.quick_exit_button.width() >= mode.quick_exit_button.sizeHint().width()


@pytest.mark.parametrize(("width", "height"), SCREENS)
def test_the_next_person_finds_the_start_screen_as_the_first_did(small_kiosk, qtbot, width, height):
    """Arabic, larger text twice, high contrast, a wrong PIN, a search: then the idle wipe."""
    window, mode = small_kiosk
    _settle(window, width, height)
    mode.choose_language("ar")
    assert window.breadcrumb.isVisible()
    with qtbot.wait_signal(window.reader.page_shown, timeout=2000):
        window.open_page("start-here/what-is-atd")
    window.larger_action.trigger()
    window.larger_action.trigger()
    window.set_high_contrast(True)
    window.notify("Wrong PIN. Wait 2 seconds before trying again.", 60_000)
    window.search_box.setText("بطارية")
    _settle(window, width, height)
    assert window.height() == height  # the person's own larger text scrolls, too
    assert window.search_box.isVisible()
    mode.wipe("idle")
    mode.show_start()
    _settle(window, width, height)
    _start_screen_fits(window, mode, width, height)


def test_leaving_the_start_screen_by_the_toolbar_brings_the_breadcrumb_back(small_kiosk):
    window, _mode = small_kiosk
    _settle(window, 1024, 600)
    window.home_action.trigger()
    assert window.stack.currentWidget() is window.home_view
    assert window.breadcrumb.isVisible()


@pytest.mark.parametrize("locale", ["ht", "pa"])
def test_a_long_breadcrumb_ends_with_an_ellipsis_at_800x600(small_kiosk, locale):
    window, mode = small_kiosk
    _settle(window, 800, 600)
    mode.choose_language(locale)
    window.open_page("obligations/check-ins")
    _settle(window, 800, 600)
    crumb = window.breadcrumb
    assert crumb.trail().endswith(window.shown_page.title)
    shown = crumb.text()
    # before: clipped mid-word with no sign ("Akèy › Obligasyon ou yo › R")
    assert shown == crumb.trail() or shown.endswith("\u2026")
    assert crumb.fontMetrics().horizontalAdvance(shown) <= crumb.contentsRect().width()


@pytest.mark.parametrize(("width", "height"), SCREENS)
def test_an_arabic_kiosks_start_screen_fits_as_an_english_ones_does(
    make_main_window, width, height
):
    """In Arabic's taller fonts, the last row of languages was below a 600 px screen."""
    window = make_main_window("ar", Guide(data_dirs(), today=lambda: TODAY))
    config = KioskConfig(
        idle_seconds=120, countdown_seconds=3, languages=LANGUAGES, default_language="ar",
        exit_pin=KIOSK_PIN,
    )  # fmt: skip
    mode = KioskMode(window, config, clock=FakeClock())
    mode.show_start()
    try:
        _settle(window, width, height)
        _start_screen_fits(window, mode, width, height)
        assert not mode.language_screen.verticalScrollBar().isVisible()
    finally:
        mode.guard.enable(False)
        qt_app = QApplication.instance()
        assert qt_app is not None
        qt_app.removeEventFilter(mode)
