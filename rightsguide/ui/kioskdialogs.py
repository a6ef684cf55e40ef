"""Kiosk dialogs: a web address with a QR code instead of a browser, and the administrator PIN."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from rightsguide.core.i18n import Translator
from rightsguide.ui.qr import qr_image

QR_SCALE = 8


class KioskLinkDialog(QDialog):
    """The address in large type and a QR code to scan with one's own phone. Opens nothing."""

    def __init__(
        self,
        url: str,
        tr: Translator,
        parent: QWidget | None = None,
        quick_exit: Callable[[], None] | None = None,
    ) -> None:
        """Build the dialog for ``url``; ``quick_exit``: what its own Quick exit button does.

        The dialog blocks the window under it, the toolbar's Quick exit included, so on a
        touch screen it needs one of its own.
        """
        super().__init__(parent)
        _ = tr.gettext
        self.setObjectName("kioskLink")
        self.setWindowTitle(_("Web address"))
        layout = QVBoxLayout(self)
        text = QLabel(
            _(
                "This kiosk does not open websites. Scan the code with your own phone, "
                "or copy the address:"
            ),
            self,
        )
        text.setWordWrap(True)
        text.setTextFormat(Qt.TextFormat.PlainText)
        self.address = QLabel(url, self)
        self.address.setTextFormat(Qt.TextFormat.PlainText)
        self.address.setObjectName("kioskAddress")
        self.address.setWordWrap(True)
        self.address.setLayoutDirection(Qt.LayoutDirection.LeftToRight)  # a URL reads left to right
        self.code = QLabel(self)
        self.code.setPixmap(QPixmap.fromImage(qr_image(url, QR_SCALE)))
        self.code.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.code.setAccessibleName(_("QR code of the web address"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        close = buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setMinimumHeight(60)
        close.setText(_("Close"))
        self.quick_exit_button: QPushButton | None = None
        if quick_exit is not None:
            self.quick_exit_button = QPushButton(_("Quick exit"), self)
            self.quick_exit_button.setObjectName("quickExit")
            self.quick_exit_button.setMinimumHeight(60)
            self.quick_exit_button.clicked.connect(quick_exit)
            buttons.addButton(self.quick_exit_button, QDialogButtonBox.ButtonRole.ActionRole)
        layout.addWidget(text)
        layout.addWidget(self.address)
        layout.addWidget(self.code)
        layout.addWidget(buttons)

    @classmethod
    def ask(
        cls,
        url: str,
        tr: Translator,
        parent: QWidget | None = None,
        quick_exit: Callable[[], None] | None = None,
    ) -> None:
        """Show modally (the kiosk's wipe closes it); nothing of it is kept afterwards."""
        dialog = cls(url, tr, parent, quick_exit)
        dialog.exec()
        dialog.deleteLater()


class PinDialog(QDialog):
    """Asks the administrator for the exit PIN."""

    def __init__(self, tr: Translator, parent: QWidget | None = None) -> None:
        """Build the dialog."""
        super().__init__(parent)
        _ = tr.gettext
        self.setWindowTitle(_("Administrator"))
        layout = QVBoxLayout(self)
        self.field = QLineEdit(self)
        self.field.setEchoMode(QLineEdit.EchoMode.Password)
        self.field.setAccessibleName(_("Exit PIN"))
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        pin_label = QLabel(_("Exit PIN:"), self)
        pin_label.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(pin_label)
        layout.addWidget(self.field)
        layout.addWidget(buttons)

    @classmethod
    def ask(cls, tr: Translator, parent: QWidget | None = None) -> str | None:
        """The PIN typed, or None when cancelled."""
        dialog = cls(tr, parent)
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        typed = dialog.field.text()
        dialog.field.setText("")
        dialog.deleteLater()  # the typed PIN is not kept in a hidden dialog
        return typed if accepted else None
