"""Theme: the normal look or high contrast, and the one source of truth for text size.

Every size of text comes from one number, the base text size in pixels (16 px on a desktop,
20 px at a kiosk). The application font gets it; the style sheets never name a fixed size:
they write ``rem`` (a multiple of the base size: the controls) or ``em`` (a multiple of the
current reading size: the base size with the reader's zoom steps), and :func:`expand_sizes`
turns both into pixels. The page text (a QTextDocument's default font) is the reading size.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication

from rightsguide.core.guide import Guide
from rightsguide.ui.signals import emit

NORMAL_TEXT_PX = 16  # 12 pt at 96 dpi: the page text on a desktop
KIOSK_TEXT_PX = 20  # at a touch-screen kiosk, read from a step away
ZOOM_MIN, ZOOM_MAX, ZOOM_STEP = -2, 8, 2  # zoom steps; one step is 1/16 of the base size
_SIZE = re.compile(r"(?<![\w.])(\d+(?:\.\d+)?)(rem|em)\b")


def reading_px(base_px: int, zoom: int) -> int:
    """The page text size in pixels for ``zoom`` steps around ``base_px``."""
    return max(10, round(base_px * (1 + zoom / 16)))


def expand_sizes(qss: str, base_px: int, text_px: int) -> str:
    """Replace ``rem`` (times the base size) and ``em`` (times the reading size) by pixels."""

    def px(match: re.Match[str]) -> str:
        unit = base_px if match.group(2) == "rem" else text_px
        return f"{round(float(match.group(1)) * unit)}px"

    return _SIZE.sub(px, qss)


class Theme(QObject):
    """Holds the style sheets (read by the composition root) and switches between them.

    Signals:
        changed: emitted with True when high contrast is turned on, False when off.
    """

    changed = Signal(bool)

    def __init__(
        self,
        guide: Guide,
        base_qss: str,
        contrast_qss: str,
        parent: QObject | None = None,
        base_px: int = NORMAL_TEXT_PX,
    ) -> None:
        """``base_qss`` is always applied; ``contrast_qss`` is added for high contrast."""
        super().__init__(parent)
        self._guide, self._base, self._contrast = guide, base_qss, contrast_qss
        self.high_contrast = False
        self._touch = ""  # the kiosk's extra style sheet (touch sizes)
        self._base_px = base_px
        self._text_px = base_px
        self._apply()

    @property
    def base_px(self) -> int:
        """The base text size (controls, and the page text without zoom)."""
        return self._base_px

    @property
    def text_px(self) -> int:
        """The reading size: the base size with the zoom steps."""
        return self._text_px

    def set_base_px(self, px: int) -> None:
        """A new base size (the kiosk's larger text); the zoom starts again from it."""
        self._base_px = self._text_px = px
        self._apply()

    def set_touch(self, touch_qss: str, base_px: int = KIOSK_TEXT_PX) -> None:
        """The kiosk: larger text and ``touch_qss`` (48 px touch targets, wide scroll bars)."""
        self._touch = touch_qss
        self.set_base_px(base_px)

    def set_zoom(self, zoom: int) -> int:
        """Apply ``zoom`` steps around the base size; return the reading size in pixels."""
        px = reading_px(self._base_px, zoom)
        if px != self._text_px:
            self._text_px = px
            self._apply()
        return px

    def _apply(self) -> None:
        app = QApplication.instance()
        if isinstance(app, QApplication):
            font = QFont(app.font())
            font.setPixelSize(self._base_px)
            app.setFont(font)
            qss = self._base + self._touch + (self._contrast if self.high_contrast else "")
            app.setStyleSheet(expand_sizes(qss, self._base_px, self._text_px))
        self._guide.set_high_contrast(self.high_contrast)

    def restyle(self) -> None:
        """Set the style sheet again (every widget takes the application's font anew)."""
        self._apply()

    def set_high_contrast(self, on: bool) -> None:
        """Switch the theme (pages shown afterwards use it too)."""
        if on != self.high_contrast:
            self.high_contrast = on
            self._apply()
            emit(self.changed, on)
