"""Reader: shows one composed page; all navigation decisions live in the main window/session."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import QImage, QTextDocument
from PySide6.QtWidgets import QTextBrowser, QWidget

from rightsguide.core.guide import ShownPage
from rightsguide.core.mdext.context import ASSET_SCHEME


class Reader(QTextBrowser):
    """A read-only rich-text view that loads nothing but the app's own images.

    Signals:
        page_shown: emitted with the page id after a page is displayed.
        link_activated: emitted with the URL string of a clicked link.
    """

    page_shown = Signal(str)
    link_activated = Signal(str)

    def __init__(
        self, asset_path: Callable[[str], Path | None], parent: QWidget | None = None
    ) -> None:
        """``asset_path`` maps an ``asset:`` URL path to a local file (or None)."""
        super().__init__(parent)
        self._asset_path = asset_path
        self.setObjectName("reader")
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.anchorClicked.connect(lambda url: self.link_activated.emit(url.toString()))
        self.page_id = ""

    def show_page(self, shown: ShownPage, fragment: str = "") -> None:
        """Display a page and scroll to ``fragment`` (or the top)."""
        self.setHtml(shown.html)
        self.page_id = shown.page_id
        if fragment:
            self.scrollToAnchor(fragment)
        else:
            self.verticalScrollBar().setValue(0)
        self.page_shown.emit(shown.page_id)

    def loadResource(self, kind: int, name: QUrl | str) -> object:
        """Serve ``asset:`` images from local files; refuse everything else (no network)."""
        url = QUrl(name) if isinstance(name, str) else name
        image_kind = QTextDocument.ResourceType.ImageResource.value
        if getattr(kind, "value", kind) == image_kind and url.scheme() == ASSET_SCHEME:
            path = self._asset_path(url.path())
            if path is not None:
                image = QImage(str(path))
                if not image.isNull():
                    return image
        return None
