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
    QTextBlock,
    QTextBlockFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
    QTextFrameFormat,
    QTextTable,
)
from PySide6.QtWidgets import QWidget

from rightsguide.core.render.handout import Handout
from rightsguide.ui.qr import qr_image

QR_SCALE = 4
LIST_INDENT_EM = 2.6  # a list's indent on paper, in text sizes (Qt's default is 40 points)
LAYOUT_DPI = 72  # the handout is laid out in points: a font's point is a point on paper


@functools.cache
def _points_device() -> QImage:
    """A paint device of 72 dots per inch, for laying out in points whatever the screen."""
    image = QImage(1, 1, QImage.Format.Format_RGB32)
    dots_per_meter = round(LAYOUT_DPI / 0.0254)
    image.setDotsPerMeterX(dots_per_meter)
    image.setDotsPerMeterY(dots_per_meter)
    return image


def qr_images(handout: Handout) -> list[QImage]:
    """The handout's QR codes, in the order of its ``qr:N`` names."""
    return [qr_image(url, QR_SCALE) for url in handout.qr_urls]


def document_for(
    handout: Handout,
    families: list[str],
    point_size: float = 10,
    images: list[QImage] | None = None,
) -> QTextDocument:
    """A QTextDocument of the handout, its QR codes (``images``, else made) as resources.

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
    for index, image in enumerate(qr_images(handout) if images is None else images):
        doc.addResource(QTextDocument.ResourceType.ImageResource.value, QUrl(f"qr:{index}"), image)
    doc.setHtml(handout.html)
    return doc


FOOTER_PT = 20.0  # room at the foot of each sheet for "Page 2 of 3" (9 pt), clear of the text
MARGINS_MM = (11.0, 10.0, 11.0, 10.0)  # left, top, right, bottom: inside what printers print
NEAR_EMPTY = 0.2  # a last sheet filled less than this: print a little smaller instead
SMALLER_STEPS = (12.0, 11.5, 11.0, 10.5, 10.0)  # sizes of the text on paper, largest first
ENOUGH_SHEETS = 2  # a handout this long keeps the largest text; a longer one is set smaller
MOST_SHEETS = 3  # a page that would take more is set at LAST_RESORT if that brings it to three
LAST_RESORT = 9.5


def _tables(doc: QTextDocument) -> list[QTextTable]:
    """The document's top-level boxes: notices, call-outs, the footer, each source."""
    found = []
    for frame in doc.rootFrame().childFrames():
        if isinstance(frame, QTextTable):
            found.append(frame)
    return found


def _split_box(doc: QTextDocument, page_height: float) -> QTextTable | None:
    """The first box shorter than a sheet that a page break cuts (not yet moved)."""
    layout = doc.documentLayout()
    for table in _tables(doc):
        rect = layout.frameBoundingRect(table)
        first, last = int(rect.top() // page_height), int((rect.bottom() - 1) // page_height)
        if (
            first != last
            and rect.height() < page_height * 0.9
            and not _starts_sheet(table.format())
        ):
            return table
    return None


def _stranded_heading(doc: QTextDocument, page_height: float) -> QTextBlock | None:
    """The first heading left at the foot of a sheet, its text starting on the next.

    Only headings outside boxes: a heading in a box moves with its box.
    """
    layout = doc.documentLayout()
    boxes = [(t.firstPosition(), t.lastPosition()) for t in _tables(doc)]
    block = doc.begin()
    while block.isValid():
        after = block.next()
        inside = any(first <= block.position() <= last for first, last in boxes)
        if not inside and after.isValid() and block.blockFormat().headingLevel():
            first_line = layout.blockBoundingRect(after).top()
            if after.layout().lineCount():
                first_line += after.layout().lineAt(0).y()
            top = layout.blockBoundingRect(block).top()
            cut = int(top // page_height) != int(first_line // page_height)
            if cut and not _starts_sheet(block.blockFormat()):
                return block
        block = after
    return None


def _starts_sheet(fmt: QTextBlockFormat | QTextFrameFormat) -> bool:
    return bool(fmt.pageBreakPolicy() & QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)


def keep_boxes_whole(doc: QTextDocument, page_height: float) -> None:
    """Boxes and headings that a page break would cut off start on the next sheet.

    A box shorter than a sheet is never split: a QR code stays with its address and the
    footer box stays in one piece (Arabic too). A heading at the foot of a sheet goes over
    with its text.
    """
    always_before = QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore
    for _attempt in range(40):  # each move pushes what follows: lay out again
        box = _split_box(doc, page_height)
        heading = _stranded_heading(doc, page_height)
        layout = doc.documentLayout()
        box_top = layout.frameBoundingRect(box).top() if box is not None else None
        if heading is not None and (
            box_top is None or layout.blockBoundingRect(heading).top() < box_top
        ):
            block_format = QTextBlockFormat()
            block_format.setPageBreakPolicy(always_before)
            QTextCursor(heading).mergeBlockFormat(block_format)
        elif box is not None:
            box_format = box.format()
            box_format.setPageBreakPolicy(always_before)
            box.setFormat(box_format)
        else:
            return


def _last_sheet_fill(doc: QTextDocument, page_height: float) -> float:
    used = doc.documentLayout().documentSize().height() - (doc.pageCount() - 1) * page_height
    return used / page_height


def _laid_out_at(
    handout: Handout, families: list[str], page: QSizeF, size: float, images: list[QImage]
) -> tuple[float, QTextDocument]:
    """The handout at ``size`` and its cost: sheets beyond two, half a sheet if nearly empty."""
    doc = document_for(handout, families, size, images)
    doc.setPageSize(page)
    keep_boxes_whole(doc, page.height())
    pages = doc.pageCount()
    near_empty = pages > 1 and _last_sheet_fill(doc, page.height()) < NEAR_EMPTY
    return max(pages, ENOUGH_SHEETS) + (0.5 if near_empty else 0.0), doc


def laid_out(handout: Handout, families: list[str], page: QSizeF) -> QTextDocument:
    """The handout laid out on sheets of ``page`` (points), its boxes whole.

    The text is as large as it can be while the handout takes no more than two sheets (or as
    few as it can), without a nearly empty last sheet: 12 pt on paper, down to 10 pt; 9.5 pt
    only when that spares the handout a fourth sheet.
    """
    images = qr_images(handout)
    best: tuple[float, QTextDocument] | None = None
    for size in SMALLER_STEPS:
        cost, doc = _laid_out_at(handout, families, page, size, images)
        if best is None or cost < best[0]:
            best = (cost, doc)
        if cost == ENOUGH_SHEETS:  # short enough: smaller text would not be better
            break
    assert best is not None
    if best[1].pageCount() > MOST_SHEETS:
        _cost, doc = _laid_out_at(handout, families, page, LAST_RESORT, images)
        if doc.pageCount() <= MOST_SHEETS:
            return doc
    return best[1]


def letter_sheet(device: QPagedPaintDevice) -> QSizeF:
    """Set ``device`` to US Letter with the handout's margins; return the text's sheet (points).

    The foot of each sheet is left for its page number.
    """
    device.setPageSize(QPageSize(QPageSize.PageSizeId.Letter))
    device.setPageMargins(QMarginsF(*MARGINS_MM), QPageLayout.Unit.Millimeter)
    area = device.pageLayout().paintRect(QPageLayout.Unit.Point)
    return QSizeF(area.width(), area.height() - FOOTER_PT)


def print_to(device: QPagedPaintDevice, handout: Handout, families: list[str]) -> int:
    """Print on ``device`` (a printer or a PDF writer); return the number of pages.

    Each sheet ends with "Page 2 of 3" in the handout's language.
    """
    page = letter_sheet(device)
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
