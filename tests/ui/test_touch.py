"""The kiosk is a touch product: sizes, screens and what a finger can reach (issue 13)."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QFontInfo
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QLineEdit,
    QScroller,
    QWidget,
)

from rightsguide.core.guide import Guide
from rightsguide.core.kiosk import KioskConfig
from rightsguide.core.navigation import Location, View
from rightsguide.core.resources import DataDirs
from rightsguide.ui import touch
from rightsguide.ui.kiosk import KioskMode
from rightsguide.ui.kioskdialogs import KioskLinkDialog
from rightsguide.ui.selftest import body_px
from tests.conftest import FIXTURES, ROOT

TOUCH = touch.TOUCH_MIN


@pytest.fixture
def kiosk(make_main_window, qapp):
    window = make_main_window("en")
    config = KioskConfig(languages=("en", "ar", "es"), default_language="en", idle_seconds=60)
    mode = KioskMode(window, config)
    yield window, mode
    qapp.removeEventFilter(mode)


def settle(window, size=(1024, 600)) -> None:
    window.resize(*size)
    for _ in range(3):
        QApplication.processEvents()


def too_small(root: QWidget) -> list[str]:
    """Every visible touchable widget under ``root`` smaller than 48 x 48 px."""
    small = []
    for widget in [root, *root.findChildren(QWidget)]:
        if not widget.isVisible() or not isinstance(
            widget, (QAbstractButton, QComboBox, QLineEdit)
        ):
            continue
        if widget.width() < TOUCH or widget.height() < TOUCH:
            name = widget.objectName() or widget.accessibleName() or type(widget).__name__
            small.append(f"{name} {widget.width()}x{widget.height()}")
    return small


def test_kiosk_text_is_at_least_20_px_on_every_screen(qtbot, kiosk):
    window, mode = kiosk
    mode.choose_language("en")
    settle(window)
    assert QFontInfo(window.home_view.intro.font()).pixelSize() >= 20
    window.open_page("start-here/welcome")
    assert body_px(window.reader) >= 20


def test_every_touchable_widget_is_at_least_48_px(qtbot, kiosk):
    window, mode = kiosk
    settle(window)
    assert too_small(window) == []  # the language screen
    mode.choose_language("en")
    settle(window)
    assert too_small(window) == []  # home
    window.go(Location(View.TOPIC, "start-here"))
    settle(window)
    assert too_small(window) == []
    window.resize(1280, 800)  # the side list of sections is shown from 1100 px
    window.open_page("start-here/welcome")
    settle(window, (1280, 800))
    assert too_small(window) == []
    rows = [window.toc.visualItemRect(window.toc.item(i)) for i in range(window.toc.count())]
    assert rows
    assert min(r.height() for r in rows) >= TOUCH  # contents rows
    window.search_box.setText("guide")
    settle(window, (1280, 800))
    assert window.search_box.clear_button.isVisible()
    assert too_small(window) == []  # with the search clear button
    picker = window.picker
    assert picker.view().sizeHintForRow(0) >= TOUCH  # language rows


def test_kiosk_dialog_buttons_are_touch_size(qtbot, kiosk):
    window, _mode = kiosk
    dialog = KioskLinkDialog("https://example.org/", window.language.translator, window)
    qtbot.add_widget(dialog)
    dialog.show()
    QApplication.processEvents()
    assert too_small(dialog) == []


def test_views_scroll_with_a_finger(kiosk):
    window, _mode = kiosk
    for area in touch.scroll_areas(window):
        assert QScroller.hasScroller(area.viewport())
    bar = window.reader.verticalScrollBar()
    assert bar.sizeHint().width() >= 24


@pytest.mark.parametrize("width", [800, 1024, 1280, 1920])
def test_language_control_is_always_on_screen(qtbot, kiosk, width):
    window, mode = kiosk
    mode.choose_language("ar")
    settle(window, (width, 700))
    picker = window.picker
    assert picker.isVisible()
    assert picker.currentText() == "العربية"  # the language's own name
    assert window.toolbar.language_label.pixmap() is not None  # and a globe
    assert not window.toolbar.language_label.pixmap().isNull()
    fits = picker.fontMetrics().horizontalAdvance(picker.currentText())
    assert picker.width() > fits
    top_left = picker.mapTo(window, picker.rect().topLeft())
    assert top_left.x() >= 0
    assert top_left.x() + picker.width() <= window.width()


def test_start_screen_asks_in_every_offered_language(make_main_window, qapp):
    guide = Guide(DataDirs(FIXTURES / "content", ROOT / "locales", ROOT / "assets"))
    window = make_main_window("en", guide=guide)
    config = KioskConfig(languages=("en", "ar", "es"), default_language="en")
    mode = KioskMode(window, config)
    qapp.removeEventFilter(mode)
    screen = mode.language_screen
    assert screen.heading.text() == "Choose your language"
    assert "اختر\u00a0لغتك" in screen.prompts.text()  # each from its own catalog
    assert "Elija\u00a0su\u00a0idioma" in screen.prompts.text()  # never broken inside


def test_quick_exit_leaves_nothing_of_the_guide_and_a_touch_starts_again(qtbot, kiosk):
    window, mode = kiosk
    mode.choose_language("ar")
    window.open_page("start-here/welcome")
    mode.quick_exit()
    assert window.stack.currentWidget() is mode.neutral_screen
    assert not window.toolbar.isVisible()
    assert not mode.quick_exit_button.isVisible()
    assert window.breadcrumb.text() == ""
    visible_text = [
        w.text()
        for w in window.findChildren(QAbstractButton)
        if w.isVisible() and w is not mode.neutral_screen.start
    ]
    assert visible_text == []
    qtbot.mouseClick(mode.neutral_screen, qtbot_left())
    assert window.stack.currentWidget() is mode.language_screen
    assert window.toolbar.isVisible()
    assert window.language.code == "en"


def qtbot_left():
    from PySide6.QtCore import Qt

    return Qt.MouseButton.LeftButton


def test_a_key_on_the_neutral_screen_starts_again(qtbot, kiosk):
    from PySide6.QtCore import Qt

    window, mode = kiosk
    mode.quick_exit()
    qtbot.keyClick(mode.neutral_screen, Qt.Key.Key_Space)
    assert window.stack.currentWidget() is mode.language_screen


def test_idle_prompt_is_large_and_centred_over_a_dimmed_page(qtbot, kiosk):
    window, mode = kiosk
    mode.choose_language("en")
    window.open_page("start-here/welcome")
    settle(window, (1280, 800))
    corner = (window.width() // 2, window.height() - 4)
    before = window.grab().toImage().pixelColor(*corner).lightness()
    mode.idle_timer.timeout.emit()
    prompt = mode.prompt
    after = window.grab().toImage().pixelColor(*corner).lightness()
    assert after < before - 60
    assert prompt.isVisible()
    assert prompt.veil.isVisible()
    assert prompt.veil.geometry() == window.rect()
    centre = prompt.geometry().center()
    assert abs(centre.x() - window.width() // 2) <= 2
    assert abs(centre.y() - window.height() // 2) <= 2
    assert prompt.width() >= 600
    assert prompt.button.height() >= 88
    for _ in range(60):
        if not prompt.isVisible():
            break
        mode.tick_timer.timeout.emit()
    assert not prompt.veil.isVisible()
    assert window.stack.currentWidget() is mode.language_screen
    assert window.breadcrumb.text() == ""  # nothing of the last screen remains
    assert window.topic_view.heading.text() == ""
    assert window.reader.toPlainText() == ""
