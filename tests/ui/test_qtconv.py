"""ui.qtconv: what the first paint sets by an enum key's name is set, or fails loudly."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QLabel, QToolButton

from rightsguide.core.model import Direction
from rightsguide.ui import qtconv


def test_a_plain_text_label_shows_markup_as_typed(qtbot):
    label = qtconv.plain_text(QLabel())
    qtbot.addWidget(label)
    label.setText("<b>bold</b> <img src='x'>")
    assert label.textFormat() is Qt.TextFormat.PlainText  # never rendered as rich text


def test_an_enum_property_is_set_by_its_key(qtbot):
    button = QToolButton()
    qtbot.addWidget(button)
    qtconv.set_enum(button, "focusPolicy", "StrongFocus")
    qtconv.set_enum(button, "toolButtonStyle", "ToolButtonIconOnly")
    assert button.focusPolicy() == Qt.FocusPolicy.StrongFocus
    assert button.toolButtonStyle() is Qt.ToolButtonStyle.ToolButtonIconOnly


@pytest.mark.parametrize(("name", "key"), [("focusPolicy", "Strong"), ("noSuchProperty", "x")])
def test_a_misspelt_key_or_property_is_an_error_not_a_no_op(qtbot, name, key):
    button = QToolButton()
    qtbot.addWidget(button)
    with pytest.raises(ValueError, match=name):
        qtconv.set_enum(button, name, key)
    assert button.focusPolicy() == Qt.FocusPolicy.TabFocus  # unchanged (a tool button's default)


def test_the_layout_direction_follows_the_language(qapp):
    try:
        qtconv.set_layout_direction(qapp, Direction.RTL)
        assert QGuiApplication.layoutDirection() is Qt.LayoutDirection.RightToLeft
        qtconv.set_layout_direction(qapp, Direction.LTR)
        assert QGuiApplication.layoutDirection() is Qt.LayoutDirection.LeftToRight
    finally:
        QGuiApplication.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
