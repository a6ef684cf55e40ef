"""Conversions between core values and Qt types."""

from __future__ import annotations

from PySide6.QtCore import Qt

from rightsguide.core.model import Direction


def layout_direction(direction: Direction) -> Qt.LayoutDirection:
    """Direction -> Qt.LayoutDirection."""
    if direction is Direction.RTL:
        return Qt.LayoutDirection.RightToLeft
    return Qt.LayoutDirection.LeftToRight
