"""Conversions between core values and Qt types, and what the first paint sets by name.

PySide6 builds the Python enums of the whole ``Qt`` namespace (93 of them, ~13 ms on the bench
machine, 6 % of the start) the first time any of them is used, or returned, or tried by the
overloads of a call. The first paint of a page or of the home screen needs none
(``tests/ui/test_screenshot.py`` checks it; a tile sets its hand cursor when the pointer first
comes). What the widgets set before then that takes one of those enums
is set here by the enum key's name, through the property Qt declares for it
(``QObject.setProperty``), and checked; and the calls they make are the overloads that take no
such enum: ``QAction.setShortcuts([...])`` (``setShortcut``'s overloads try ``Qt.Key``),
``QSplitter(parent=...)`` (side by side, the default; its other constructor takes
``Qt.Orientation``) and ``QCursor()`` (the arrow). Screens reached later use ``Qt`` freely.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rightsguide.core.model import Direction

if TYPE_CHECKING:
    from PySide6.QtCore import QObject
    from PySide6.QtWidgets import QLabel


def set_enum(target: QObject, name: str, key: str) -> None:
    """Set the enum property ``name`` of ``target`` to the value named ``key`` ("PlainText")."""
    if not target.setProperty(name, key):
        raise ValueError(f"{type(target).__name__} has no {name} {key!r}")


def plain_text(label: QLabel) -> QLabel:
    """``label``, showing its text as plain text, never as rich text (``PlainText``)."""
    set_enum(label, "textFormat", "PlainText")
    return label


RLM, LRM = "\u200f", "\u200e"


def in_ui_direction(text: str) -> str:
    """``text`` laid out in the window's direction, whatever its first letter.

    A label finds a paragraph's direction from its first strong letter: in Arabic, a summary
    that starts with "ATD" ran left to right, aligned left, its full stop at the wrong end. An
    invisible mark of the window's direction comes first (screen readers skip it).
    """
    from PySide6.QtWidgets import QApplication  # (at start-up: already imported by the window)

    return (RLM if QApplication.isRightToLeft() else LRM) + text if text else text


def set_layout_direction(app: QObject, direction: Direction) -> None:
    """Lay ``app`` (or a widget) out right to left or left to right (``setLayoutDirection``)."""
    key = "RightToLeft" if direction is Direction.RTL else "LeftToRight"
    set_enum(app, "layoutDirection", key)
