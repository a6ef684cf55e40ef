"""The windowed program's message box shows the whole error, first line on top."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox

from rightsguide.ui import errorbox


def test_the_box_shows_the_message_and_keeps_every_line(qapp):
    text = "rightsguide: the content folder was not found; looked in:\n  - C:\\a\n  - C:\\b"
    box = errorbox.build(text)
    assert isinstance(box, QMessageBox)
    assert box.text() == "rightsguide: the content folder was not found; looked in:"
    assert "C:\\b" in box.informativeText()
    assert box.detailedText() == text
    assert box.icon() is QMessageBox.Icon.Critical
    box.deleteLater()


def test_a_one_line_message_has_no_details(qapp):
    box = errorbox.build("rightsguide: unknown language 'xx'")
    assert box.detailedText() == ""
    box.deleteLater()
