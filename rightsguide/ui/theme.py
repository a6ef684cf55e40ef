"""Theme: the normal look or high contrast, for the controls and the page text alike."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication

from rightsguide.core.guide import Guide
from rightsguide.ui.signals import emit


class Theme(QObject):
    """Holds the style sheets (read by the composition root) and switches between them.

    Signals:
        changed: emitted with True when high contrast is turned on, False when off.
    """

    changed = Signal(bool)

    def __init__(
        self, guide: Guide, base_qss: str, contrast_qss: str, parent: QObject | None = None
    ) -> None:
        """``base_qss`` is always applied; ``contrast_qss`` is added for high contrast."""
        super().__init__(parent)
        self._guide, self._base, self._contrast = guide, base_qss, contrast_qss
        self.high_contrast = False
        self._apply()

    def _apply(self) -> None:
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.setStyleSheet(self._base + (self._contrast if self.high_contrast else ""))
        self._guide.set_high_contrast(self.high_contrast)

    def set_high_contrast(self, on: bool) -> None:
        """Switch the theme (pages shown afterwards use it too)."""
        if on != self.high_contrast:
            self.high_contrast = on
            self._apply()
            emit(self.changed, on)
