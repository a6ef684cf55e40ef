"""The kiosk's own screens: the language picker, the neutral screen, the idle prompt."""

from __future__ import annotations

from PySide6.QtCore import QLocale, Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from rightsguide.core.i18n import Translator
from rightsguide.core.model import Locale
from rightsguide.ui.signals import emit

TOUCH = 88  # kiosk buttons are at least twice the 44 px touch minimum


class LanguageScreen(QWidget):
    """Large buttons, one per offered language, each in its own name.

    Signals:
        language_chosen: emitted with the locale code of the button pressed.
    """

    language_chosen = Signal(str)

    def __init__(self, locales: list[Locale], parent: QWidget | None = None) -> None:
        """One button per locale, in the kiosk configuration's order."""
        super().__init__(parent)
        self.setObjectName("languageScreen")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 32, 48, 32)
        self.heading = QLabel(self)
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        self.heading.setObjectName("pageHeading")
        self.heading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        grid = QGridLayout()
        grid.setSpacing(16)
        self.buttons: list[QPushButton] = []
        columns = 3 if len(locales) > 4 else 2  # noqa: PLR2004
        for index, loc in enumerate(locales):
            text = (
                loc.native_name
                if loc.native_name == loc.english_name
                else (f"{loc.native_name}\n{loc.english_name}")
            )
            button = QPushButton(text, self)
            button.setObjectName("languageButton")
            button.setMinimumHeight(TOUCH)
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            button.setAccessibleName(loc.native_name)
            button.setAccessibleDescription(loc.english_name)
            button.setLocale(QLocale(loc.code.replace("-", "_")))
            button.clicked.connect(lambda _c=False, c=loc.code: emit(self.language_chosen, c))
            grid.addWidget(button, index // columns, index % columns)
            self.buttons.append(button)
        layout.addStretch(1)
        layout.addWidget(self.heading)
        layout.addSpacing(24)
        layout.addLayout(grid)
        layout.addStretch(2)

    def retranslate_ui(self, tr: Translator) -> None:
        """The heading asks in the default language; the buttons are always in their own."""
        self.heading.setText(tr.gettext("Choose your language"))


class NeutralScreen(QWidget):
    """What the screen shows after Quick exit: nothing that says what was being read.

    Signals:
        start_requested: emitted when someone touches the screen to start again.
    """

    start_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        """A plain screen with one large, neutral button."""
        super().__init__(parent)
        self.setObjectName("neutralScreen")
        layout = QVBoxLayout(self)
        self.start = QPushButton(self)
        self.start.setObjectName("neutralStart")
        self.start.setMinimumSize(320, TOUCH)
        self.start.clicked.connect(self.start_requested)
        layout.addStretch(1)
        layout.addWidget(self.start, 0, Qt.AlignmentFlag.AlignCenter)
        layout.addStretch(1)

    def retranslate_ui(self, tr: Translator) -> None:
        """A neutral word: nothing about immigration."""
        self.start.setText(tr.gettext("Touch here to start"))
        self.start.setAccessibleName(tr.gettext("Start"))


class IdlePrompt(QFrame):
    """The "Are you still there?" prompt, with a countdown, over the current screen.

    Signals:
        still_here: emitted when the reader says they are still there.
    """

    still_here = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        """Build the hidden prompt."""
        super().__init__(parent)
        self.setObjectName("idlePrompt")
        self.setFrameShape(QFrame.Shape.Box)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 24, 32, 24)
        self.question = QLabel(self)
        self.question.setTextFormat(Qt.TextFormat.PlainText)
        self.question.setObjectName("pageHeading")
        self.question.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.countdown = QLabel(self)
        self.countdown.setTextFormat(Qt.TextFormat.PlainText)
        self.countdown.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.countdown.setWordWrap(True)
        self.button = QPushButton(self)
        self.button.setMinimumHeight(TOUCH)
        self.button.clicked.connect(self.still_here)
        layout.addWidget(self.question)
        layout.addWidget(self.countdown)
        layout.addWidget(self.button)
        self.hide()

    def show_seconds(self, seconds: int, tr: Translator) -> None:
        """Show (or update) the prompt with ``seconds`` left."""
        self.question.setText(tr.gettext("Are you still there?"))
        self.countdown.setText(
            tr.ngettext(
                "The screen will be cleared in {seconds} second.",
                "The screen will be cleared in {seconds} seconds.",
                seconds,
            ).format(seconds=seconds)
        )
        self.button.setText(tr.gettext("Yes, I am still here"))
        self.button.setAccessibleName(tr.gettext("Yes, I am still here"))
        parent = self.parentWidget()
        if parent is not None:
            width = min(640, parent.width() - 64)
            self.resize(width, self.sizeHint().height())
            self.move((parent.width() - width) // 2, (parent.height() - self.height()) // 3)
        self.show()
        self.raise_()
