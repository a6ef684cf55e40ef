"""Tiles: a tap anywhere on one opens it, its hand cursor, and its icon and chevron centred."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QEnterEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel

from rightsguide.ui.tile import Tile


def _picture(tile: Tile) -> QLabel:
    (picture,) = [w for w in tile.findChildren(QLabel) if not w.pixmap().isNull()]
    return picture


@pytest.mark.parametrize("part", ["title", "summary", "chevron", "picture"])
def test_a_tap_on_any_part_of_a_topic_tile_opens_the_topic(qtbot, make_main_window, part):
    window = make_main_window("en")
    qtbot.waitExposed(window)
    tile = window.home_view.tiles[1]
    widget = {
        "title": tile.title_label,
        "summary": tile.summary_label,
        "chevron": tile.chevron,
        "picture": _picture(tile),
    }[part]
    # Through the window, as a finger or a mouse reaches it: Qt finds the widget under the
    # point (the label) and the tile must get the click.
    point = widget.mapTo(window, widget.rect().center())
    assert window.childAt(point) in (widget, tile)
    with qtbot.wait_signal(window.home_view.topic_chosen, timeout=2000) as chosen:
        QTest.mouseClick(window.windowHandle(), Qt.MouseButton.LeftButton, pos=point)
    assert chosen.args == ["device-care"]
    assert window.stack.currentWidget() is window.topic_view


def test_the_pointer_is_a_hand_over_a_tile(qtbot, make_main_window):
    window = make_main_window("en")
    tile = window.home_view.tiles[0]
    centre = QPointF(tile.rect().center())
    enter = QEnterEvent(centre, centre, QPointF(tile.mapToGlobal(tile.rect().center())))
    QApplication.sendEvent(tile, enter)
    assert enter.type() == QEvent.Type.Enter
    assert tile.cursor().shape() is Qt.CursorShape.PointingHandCursor


@pytest.mark.parametrize("locale", ["en", "ar"])
def test_a_tiles_icon_and_chevron_are_centred_on_its_height(make_main_window, qtbot, locale):
    window = make_main_window(locale)
    qtbot.waitExposed(window)
    for tile in window.home_view.tiles:
        tile.set_min_height(200)  # a portrait screen's taller tile
    qtbot.waitUntil(lambda: window.home_view.tiles[0].height() >= 200)
    tile = window.home_view.tiles[0]
    middle = tile.contentsRect().center().y()
    assert abs(_picture(tile).geometry().center().y() - middle) <= 1
    chevron = tile.chevron
    text_middle = chevron.y() + chevron.contentsRect().center().y()
    assert abs(text_middle - middle) <= 1  # its text is drawn centred in it
    assert chevron.alignment() & Qt.AlignmentFlag.AlignVCenter


def _margin_colour(tile: Tile) -> str:
    """The tile's background just inside its border (its hover colour shows there)."""
    return tile.grab().toImage().pixelColor(6, tile.height() // 2).name()


@pytest.mark.parametrize("part", ["title", "summary", "chevron"])
def test_a_tile_lights_up_when_the_pointer_lands_on_its_text(qtbot, make_main_window, part):
    """After a click the next screen's tile can appear right under the pointer, on its text."""
    window = make_main_window("en")
    qtbot.waitExposed(window)
    tile = window.home_view.tiles[1]
    resting = _margin_colour(tile)
    widget = {"title": tile.title_label, "summary": tile.summary_label, "chevron": tile.chevron}
    target = widget[part]
    point = target.mapTo(window, target.rect().center())
    away = window.home_view.heading.mapTo(window, window.home_view.heading.rect().center())
    QTest.mouseMove(window.windowHandle(), away)  # the pointer starts off the tile
    qtbot.waitUntil(lambda: not tile.underMouse())
    QTest.mouseMove(window.windowHandle(), point)  # and lands on its text
    qtbot.waitUntil(tile.underMouse)
    QTest.mouseMove(window.windowHandle(), point + QPoint(1, 1))  # a move over the text
    qtbot.waitUntil(lambda: _margin_colour(tile) != resting)
