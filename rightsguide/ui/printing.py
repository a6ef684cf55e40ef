"""Handouts on paper or in a PDF, with Qt's own printing (no hand-written PDF)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMarginsF, QUrl
from PySide6.QtGui import (
    QFont,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPdfWriter,
    QTextDocument,
)
from PySide6.QtWidgets import QWidget

from rightsguide.core.render.handout import Handout
from rightsguide.ui.qr import qr_image

QR_SCALE = 4


def document_for(handout: Handout, families: list[str]) -> QTextDocument:
    """A QTextDocument of the handout, its QR codes loaded as resources."""
    doc = QTextDocument()
    font = QFont()
    font.setFamilies(families)
    font.setPointSizeF(10)
    doc.setDefaultFont(font)
    for index, url in enumerate(handout.qr_urls):
        doc.addResource(
            QTextDocument.ResourceType.ImageResource.value,
            QUrl(f"qr:{index}"),
            qr_image(url, QR_SCALE),
        )
    doc.setHtml(handout.html)
    return doc


def print_to(device: QPagedPaintDevice, handout: Handout, families: list[str]) -> int:
    """Print on ``device`` (a printer or a PDF writer); return the number of pages."""
    device.setPageSize(QPageSize(QPageSize.PageSizeId.Letter))
    device.setPageMargins(QMarginsF(15, 15, 15, 15), QPageLayout.Unit.Millimeter)
    doc = document_for(handout, families)
    # lay the document out on the device's printable area, so pageCount() is the paper's count
    area = device.pageLayout().paintRect(QPageLayout.Unit.Point)
    doc.setPageSize(area.size())
    doc.print_(device)
    return doc.pageCount()


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
