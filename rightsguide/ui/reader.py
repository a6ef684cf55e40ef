"""Reader: shows one composed page; all navigation decisions live in the main window/session."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QByteArray, QUrl, Signal
from PySide6.QtGui import QImage, QTextDocument
from PySide6.QtWidgets import QTextBrowser, QWidget

from rightsguide.core.guide import ShownPage
from rightsguide.core.render.mdext.context import ASSET_SCHEME
from rightsguide.ui import qtconv
from rightsguide.ui.signals import emit


def anchor_positions(browser: QTextBrowser, anchors: list[str]) -> list[tuple[float, str]]:
    """(y, anchor) of each section heading in a laid-out document, top to bottom."""
    doc = browser.document()
    layout = doc.documentLayout()
    wanted = set(anchors)
    found = []
    block = doc.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            names = it.fragment().charFormat().anchorNames()
            for name in names:
                if name in wanted:
                    found.append((layout.blockBoundingRect(block).top(), name))
                    wanted.discard(name)
            it += 1
        block = block.next()
    return sorted(found)


def section_text(browser: QTextBrowser, anchors: list[str]) -> str:
    """The text of the section at the top of the view (the whole page when it has none)."""
    doc = browser.document()
    positions = anchor_positions(browser, anchors)
    top = browser.verticalScrollBar().value()
    start, end = 0.0, float("inf")
    for index, (y, _anchor) in enumerate(positions):
        if y <= top + 4:
            start = y
            end = positions[index + 1][0] if index + 1 < len(positions) else float("inf")
    parts = []
    block = doc.begin()
    layout = doc.documentLayout()
    while block.isValid():
        y = layout.blockBoundingRect(block).top()
        if start <= y < end and block.text().strip():
            parts.append(block.text())
        block = block.next()
    return "\n".join(parts)


class Reader(QTextBrowser):
    """A read-only rich-text view that loads nothing but the app's own images.

    Signals:
        page_shown: emitted with the page id after a page is displayed.
        link_activated: emitted with the URL string of a clicked link.
    """

    page_shown = Signal(str)
    link_activated = Signal(str)

    def __init__(
        self, asset_data: Callable[[str], bytes | None], parent: QWidget | None = None
    ) -> None:
        """``asset_data`` maps an ``asset:`` URL path to the image's bytes (or None).

        The bytes come from the guide's content source: at a signed kiosk, the pack's verified
        bytes in memory, never a file read when the page is shown.
        """
        super().__init__(parent)
        self._asset_data = asset_data
        self.setObjectName("reader")
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.anchorClicked.connect(lambda url: emit(self.link_activated, url.toString()))
        self.page_id = ""

    def show_page(self, shown: ShownPage, fragment: str = "") -> None:
        """Display a page and scroll to ``fragment`` (or the top).

        The view takes the page's direction: an English page in the Arabic window (side by
        side, a result in English) has its scroll bar on the right, where English has it.
        """
        qtconv.set_layout_direction(self, shown.direction)  # (by name: see qtconv)
        self.setHtml(shown.html)
        self.page_id = shown.page_id
        if fragment:
            self.scrollToAnchor(fragment)
        else:
            self.verticalScrollBar().setValue(0)
        emit(self.page_shown, shown.page_id)

    def loadResource(self, kind: int, name: QUrl | str) -> object:
        """Serve ``asset:`` images from the content source; refuse everything else.

        Nothing else is ever loaded: no file path, no style sheet, no network address. What is
        refused is an empty image or no bytes, never "nothing": for nothing (None), Qt's text
        document reads the address itself, from the disk when it is a path.
        """
        url = QUrl(name) if isinstance(name, str) else name
        image_kind = QTextDocument.ResourceType.ImageResource.value
        if getattr(kind, "value", kind) == image_kind:
            if url.scheme() == ASSET_SCHEME:
                data = self._asset_data(url.path())
                if data is not None:
                    image = QImage.fromData(data)
                    if not image.isNull():
                        return image
            return QImage()
        return QByteArray()
