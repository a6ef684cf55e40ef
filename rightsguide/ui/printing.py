"""Handouts on paper or in a PDF, with Qt's own printing (no hand-written PDF)."""

from __future__ import annotations

import functools
from pathlib import Path

from PySide6.QtCore import QMarginsF, QRectF, QSizeF, Qt, QUrl
from PySide6.QtGui import (
    QFont,
    QImage,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QTextDocument,
    QTextFormat,
    QTextTable,
)
from PySide6.QtWidgets import QWidget

from rightsguide.core.render.handout import Handout
from rightsguide.ui.qr import qr_image

QR_SCALE = 4
LIST_INDENT_EM = 2.2  # a list's indent on paper, in text sizes (Qt's default is 40 points)
LAYOUT_DPI = 72  # the handout is laid out in points: a font's point is a point on paper


@functools.cache
def _points_device() -> QImage:
    """A paint device of 72 dots per inch, for laying out in points whatever the screen."""
    image = QImage(1, 1, QImage.Format.Format_RGB32)
    dots_per_meter = round(LAYOUT_DPI / 0.0254)
    image.setDotsPerMeterX(dots_per_meter)
    image.setDotsPerMeterY(dots_per_meter)
    return image


def document_for(handout: Handout, families: list[str], point_size: float = 10) -> QTextDocument:
    """A QTextDocument of the handout, its QR codes loaded as resources.

    It is laid out at 72 dots per inch: ``point_size`` is the size of the text on paper. (Laid
    out for the screen, at 96 dots per inch, and painted in points, 10 pt printed as 13.3 pt and
    a handout's length depended on the screen's resolution.)
    """
    doc = QTextDocument()
    doc.documentLayout().setPaintDevice(_points_device())
    doc.setUseDesignMetrics(True)  # a glyph's width as designed, not hinted for 72 dpi
    font = QFont()
    font.setFamilies(families)
    font.setPointSizeF(point_size)
    doc.setDefaultFont(font)
    doc.setIndentWidth(LIST_INDENT_EM * point_size)  # room for "10." and a bullet, no more
    for index, url in enumerate(handout.qr_urls):
        doc.addResource(
            QTextDocument.ResourceType.ImageResource.value,
            QUrl(f"qr:{index}"),
            qr_image(url, QR_SCALE),
        )
    doc.setHtml(handout.html)
    return doc


FOOTER_PT = 16.0  # room at the foot of each sheet for "Page 2 of 3" (9 pt)
MARGINS_MM = (11.0, 10.0, 11.0, 10.0)  # left, top, right, bottom: inside what printers print
NEAR_EMPTY = 0.2  # a last sheet filled less than this: print a little smaller instead
SMALLER_STEPS = (12.0, 11.5, 11.0, 10.5, 10.0)  # sizes of the text on paper, largest first
ENOUGH_SHEETS = 2  # a handout this long keeps the largest text; a longer one is set smaller


def _tables(doc: QTextDocument) -> list[QTextTable]:
    """The document's top-level boxes: notices, call-outs, the footer, each source."""
    found = []
    for frame in doc.rootFrame().childFrames():
        if isinstance(frame, QTextTable):
            found.append(frame)
    return found


def keep_boxes_whole(doc: QTextDocument, page_height: float) -> None:
    """A box shorter than a sheet that would be cut by a page break starts on the next sheet.

    Keeps a QR code with its address and the footer box in one piece (Arabic too).
    """
    layout = doc.documentLayout()
    for _attempt in range(20):  # each move can push later boxes: lay out again
        moved = False
        for table in _tables(doc):
            rect = layout.frameBoundingRect(table)
            first, last = int(rect.top() // page_height), int((rect.bottom() - 1) // page_height)
            if first != last and rect.height() < page_height * 0.9:
                fmt = table.format()
                if fmt.pageBreakPolicy() & QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore:
                    continue
                fmt.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
                table.setFormat(fmt)
                moved = True
                break
        if not moved:
            return


def _last_sheet_fill(doc: QTextDocument, page_height: float) -> float:
    used = doc.documentLayout().documentSize().height() - (doc.pageCount() - 1) * page_height
    return used / page_height


def laid_out(handout: Handout, families: list[str], page: QSizeF) -> QTextDocument:
    """The handout laid out on sheets of ``page`` (points), its boxes whole.

    The text is as large as it can be while the handout takes no more than two sheets (or as
    few as it can), without a nearly empty last sheet: 12 pt on paper, down to 10 pt.
    """
    best: tuple[float, QTextDocument] | None = None
    for size in SMALLER_STEPS:
        doc = document_for(handout, families, size)
        doc.setPageSize(page)
        keep_boxes_whole(doc, page.height())
        pages = doc.pageCount()
        near_empty = pages > 1 and _last_sheet_fill(doc, page.height()) < NEAR_EMPTY
        cost = max(pages, ENOUGH_SHEETS) + (0.5 if near_empty else 0.0)
        if best is None or cost < best[0]:
            best = (cost, doc)
    assert best is not None
    return best[1]


def print_to(device: QPagedPaintDevice, handout: Handout, families: list[str]) -> int:
    """Print on ``device`` (a printer or a PDF writer); return the number of pages.

    Each sheet ends with "Page 2 of 3" in the handout's language.
    """
    device.setPageSize(QPageSize(QPageSize.PageSizeId.Letter))
    device.setPageMargins(QMarginsF(*MARGINS_MM), QPageLayout.Unit.Millimeter)
    area = device.pageLayout().paintRect(QPageLayout.Unit.Point)
    page = QSizeF(area.width(), area.height() - FOOTER_PT)
    doc = laid_out(handout, families, page)
    pages = doc.pageCount()
    painter = QPainter(device)
    scale = device.logicalDpiX() / 72.0  # the document is laid out in points
    footer_font = QFont(doc.defaultFont())
    footer_font.setPointSizeF(9)
    for index in range(pages):
        if index:
            device.newPage()
        painter.save()
        painter.scale(scale, scale)
        painter.translate(0, -index * page.height())
        doc.drawContents(painter, QRectF(0, index * page.height(), page.width(), page.height()))
        painter.restore()
        painter.setFont(footer_font)  # in device units: a font's points are already scaled
        text = handout.page_label.format(page=index + 1, pages=pages)
        box = QRectF(0, page.height() * scale, page.width() * scale, FOOTER_PT * scale)
        painter.drawText(box, int(Qt.AlignmentFlag.AlignCenter), text)
    painter.end()
    return pages


def write_pdf(path: Path, handout: Handout, families: list[str], title: str) -> int:
    """Write the handout as a PDF file; return the number of pages."""
    writer = QPdfWriter(str(path))
    writer.setTitle(title)
    writer.setCreator("rightsguide")
    writer.setResolution(300)
    return print_to(writer, handout, families)


def default_printer_available() -> bool:
    """True when the system has a default printer (kiosk mode prints only there)."""
    from PySide6.QtPrintSupport import QPrinterInfo

    return not QPrinterInfo.defaultPrinter().isNull()


def print_handout(
    handout: Handout, families: list[str], parent: QWidget | None, *, ask: bool
) -> bool:
    """Print on paper: with the system's print dialog (``ask``), else on the default printer.

    The print service (CUPS on Linux and macOS) is first contacted here, when Print is pressed:
    nothing at start-up asks it anything. Without ``ask`` and without a default printer,
    nothing is printed (False).
    """
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter

    if not ask and not default_printer_available():
        return False
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    if ask:
        dialog = QPrintDialog(printer, parent)
        if dialog.exec() != QPrintDialog.DialogCode.Accepted:
            return False
    print_to(printer, handout, families)
    return True
