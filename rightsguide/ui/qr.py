"""QR codes drawn by segno on this machine (nothing is fetched), as Qt images."""

from __future__ import annotations

import io

from PySide6.QtGui import QImage


def qr_image(text: str, scale: int) -> QImage:
    """A QR code of ``text``; segno writes the PNG itself, Qt reads it."""
    import segno  # only when a QR code is drawn: it is slow to import

    buffer = io.BytesIO()
    segno.make(text, error="m").save(buffer, kind="png", scale=scale, border=3)
    return QImage.fromData(buffer.getvalue())
