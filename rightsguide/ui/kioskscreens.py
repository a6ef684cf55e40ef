"""The kiosk's own screens: the language picker, the neutral screen, the idle prompt."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QLocale, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QHideEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QResizeEvent,
)
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from rightsguide.core.i18n import Translator
from rightsguide.core.model import Locale
from rightsguide.ui.signals import emit

FSI, PDI = "\u2068", "\u2069"  # each prompt keeps its own direction in the line

TOUCH = 88  # kiosk buttons are at least twice the 44 px touch minimum
BUTTON_PADDING = 40  # px beside a language button's text (its padding and border)
SMALLEST_TEXT = 0.7  # a language button's text may shrink to this share of its size to fit


class LanguageScreen(QScrollArea):
    """Large buttons, one per offered language, each in its own name.

    It scrolls when the screen is too short for it (an old 800x600 screen, large text), so it
    never makes the window taller than the screen, and every button stays within reach.

    Signals:
        language_chosen: emitted with the locale code of the button pressed.
    """

    language_chosen = Signal(str)

    def __init__(
        self,
        locales: list[Locale],
        parent: QWidget | None = None,
        prompts: Sequence[str] = (),
        families: Sequence[str] = (),
    ) -> None:
        """One button per locale, in the kiosk configuration's order.

        ``prompts``: "Choose your language" in each offered language (from its own catalog).
        ``families``: the fonts of every offered script, for the prompts and the buttons, which
        are in every language whatever the kiosk's default: in the default language's fonts
        (Arabic's are taller), the start screen of an Arabic kiosk at 1024x600 did not fit.
        """
        super().__init__(parent)
        self.setObjectName("languageScreen")
        self.setWidgetResizable(True)
        self.setFrameShape(QScrollArea.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        body = QWidget(self)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(32, 4, 32, 4)
        self.heading = QLabel(body)
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        self.heading.setObjectName("pageHeading")
        self.heading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.heading.setWordWrap(True)
        self._prompts = [p for i, p in enumerate(prompts) if p not in prompts[:i]]
        self.prompts = QLabel(body)  # the same question in every offered language
        self.prompts.setObjectName("languagePrompts")
        self.prompts.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.prompts.setWordWrap(True)
        self.prompts.setTextFormat(Qt.TextFormat.PlainText)
        grid = QGridLayout()
        grid.setSpacing(12)
        self.buttons: list[QPushButton] = []
        columns = 3 if len(locales) > 4 else 2  # noqa: PLR2004
        for index, loc in enumerate(locales):
            text = (
                loc.native_name
                if loc.native_name == loc.english_name
                else (f"{loc.native_name}\n{loc.english_name}")
            )
            button = QPushButton(text, body)
            button.setObjectName("languageButton")
            button.setMinimumHeight(TOUCH)
            # equal columns whatever the names' lengths (the text shrinks to fit: _fit); a
            # portrait screen gives the buttons its height too
            button.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
            button.setMaximumHeight(3 * TOUCH)
            button.setAccessibleName(loc.native_name)
            button.setAccessibleDescription(loc.english_name)
            button.setLocale(QLocale(loc.code.replace("-", "_")))
            button.clicked.connect(lambda _c=False, c=loc.code: emit(self.language_chosen, c))
            grid.addWidget(button, index // columns, index % columns)
            self.buttons.append(button)
        for column in range(columns):
            grid.setColumnStretch(column, 1)
        layout.addStretch(1)
        layout.addWidget(self.heading)
        layout.addWidget(self.prompts)
        layout.addSpacing(8)
        layout.addLayout(grid, 3)
        layout.addStretch(1)
        self._grid = grid
        self._columns = columns
        self._margins = layout.contentsMargins().left() + layout.contentsMargins().right()
        self._fitting = False
        self._use_families(families)
        self.setWidget(body)

    def _use_families(self, families: Sequence[str]) -> None:
        """The same fonts for the whole screen, whatever the kiosk's language (see __init__)."""
        for widget in (self.heading, self.prompts, *self.buttons) if families else ():
            font = QFont(widget.font())
            font.setFamilies(list(families))
            widget.setFont(font)

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Fit the names to the new width."""
        super().resizeEvent(event)
        self._fit()

    def changeEvent(self, event: QEvent) -> None:
        """Fit the names again when the text size changes."""
        super().changeEvent(event)
        if event.type() in (QEvent.Type.StyleChange, QEvent.Type.FontChange):
            self._fit()  # the text size changed (A+, A-, the kiosk's style sheet)

    def _fit(self) -> None:
        """Shrink the buttons' text when a name would not fit its column (an 800 px screen).

        Every button keeps the same size of text; it never shrinks below SMALLEST_TEXT.
        """
        if self._fitting or not self.buttons:
            return
        self._fitting = True
        try:
            self.setStyleSheet("")  # measure at the style sheet's own size
            for button in self.buttons:
                button.ensurePolished()
            font = self.buttons[0].font()
            size = font.pixelSize() if font.pixelSize() > 0 else font.pointSizeF() * 96 / 72
            widest = max(
                button.fontMetrics().horizontalAdvance(line)
                for button in self.buttons
                for line in button.text().split("\n")
            )
            spacing = self._grid.horizontalSpacing() * (self._columns - 1)
            column = (self.viewport().width() - self._margins - spacing) / self._columns
            if widest + BUTTON_PADDING > column > 0:
                scale = max(SMALLEST_TEXT, (column - BUTTON_PADDING) / widest)
                self.setStyleSheet(
                    f"QPushButton#languageButton {{ font-size: {int(size * scale)}px; }}"
                )
        finally:
            self._fitting = False

    def retranslate_ui(self, tr: Translator) -> None:
        """The heading asks in the default language, then in every other offered language."""
        heading = tr.gettext("Choose your language")
        self.heading.setText(heading)
        # no break inside one language's question; between them, the line may wrap
        others = [FSI + p.replace(" ", "\u00a0") + PDI for p in self._prompts if p != heading]
        self.prompts.setText("   \u00b7   ".join(others))
        self.prompts.setVisible(bool(others))


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
        self.start.clicked.connect(lambda: emit(self.start_requested))
        layout.addStretch(1)
        layout.addWidget(self.start, 0, Qt.AlignmentFlag.AlignCenter)
        layout.addStretch(1)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        """A touch anywhere starts again."""
        event.accept()
        emit(self.start_requested)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Any key but Shift (Quick exit's own key) starts again."""
        if event.key() == Qt.Key.Key_Shift:
            super().keyPressEvent(event)
            return
        event.accept()
        emit(self.start_requested)

    def retranslate_ui(self, tr: Translator) -> None:
        """A neutral word: nothing about immigration."""
        self.start.setText(tr.gettext("Touch here to start"))
        self.start.setAccessibleName(tr.gettext("Start"))


class Veil(QWidget):
    """Dims the screen behind the idle prompt (and keeps touches off the page)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        """A see-through dark layer; shown over the whole window."""
        super().__init__(parent)
        self.setObjectName("idleVeil")

    def paintEvent(self, _event: QPaintEvent) -> None:
        """Paint the dark layer."""
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor(0, 0, 0, 150))
        painter.end()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        """A touch beside the prompt does nothing to the page below."""
        event.accept()


class IdlePrompt(QFrame):
    """The "Are you still there?" prompt, with a countdown, over the current screen.

    Signals:
        still_here: emitted when the reader says they are still there.
    """

    still_here = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        """Build the hidden prompt (and the veil that dims the page behind it)."""
        super().__init__(parent)
        self.veil = Veil(parent)
        self.veil.hide()
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
        self.countdown.setObjectName("idleCountdown")
        self.button = QPushButton(self)
        self.button.setObjectName("idleButton")
        self.button.setMinimumHeight(TOUCH)
        self.button.clicked.connect(lambda: emit(self.still_here))
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
            self.veil.setGeometry(parent.rect())
            self.veil.show()
            self.veil.raise_()
            width = min(800, parent.width() - 64)
            self.resize(width, max(self.heightForWidth(width), self.sizeHint().height()))
            self.move((parent.width() - width) // 2, (parent.height() - self.height()) // 2)
        self.show()
        self.raise_()

    def hideEvent(self, event: QHideEvent) -> None:
        """The page is no longer dimmed once the prompt is gone."""
        self.veil.hide()
        super().hideEvent(event)
