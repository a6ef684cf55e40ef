"""Dialogs, each with a classmethod ``ask`` that tests can replace (pytest-qt's pattern)."""

from __future__ import annotations

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from rightsguide.core.i18n import Translator


class ExternalLinkDialog(QDialog):
    """Shows a web address instead of opening it, so the reader chooses what leaves the app."""

    def __init__(self, url: str, tr: Translator, parent: QWidget | None = None) -> None:
        """Build the dialog for ``url`` in the reader's language."""
        super().__init__(parent)
        _ = tr.gettext
        self.setWindowTitle(_("Web address"))
        layout = QVBoxLayout(self)
        text = QLabel(
            _(
                "This link goes to a website outside this guide. You can open it on your "
                "own phone or computer:"
            ),
            self,
        )
        text.setWordWrap(True)
        text.setTextFormat(Qt.TextFormat.PlainText)
        self.address = QLabel(url, self)
        self.address.setTextFormat(Qt.TextFormat.PlainText)
        self.address.setObjectName("address")
        self.address.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.address.setWordWrap(True)
        self.address.setLayoutDirection(Qt.LayoutDirection.LeftToRight)  # a URL reads left to right
        buttons = QDialogButtonBox(self)
        copy = buttons.addButton(_("Copy address"), QDialogButtonBox.ButtonRole.ActionRole)
        browser = buttons.addButton(
            _("Open in web browser"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        buttons.addButton(QDialogButtonBox.StandardButton.Close)
        copy.clicked.connect(lambda: QGuiApplication.clipboard().setText(url))
        browser.clicked.connect(lambda: QDesktopServices.openUrl(QUrl(url)))
        buttons.rejected.connect(self.reject)
        buttons.accepted.connect(self.accept)
        layout.addWidget(text)
        layout.addWidget(self.address)
        layout.addWidget(buttons)

    @classmethod
    def ask(cls, url: str, tr: Translator, parent: QWidget | None = None) -> None:
        """Show the dialog modally."""
        cls(url, tr, parent).exec()
