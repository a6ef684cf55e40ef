"""Read aloud with Qt's text-to-speech, offline, when the machine has an engine and a voice.

QtTextToSpeech lives in PySide6-Addons, an optional extra (``pip install rightsguide[speech]``)
so the base install stays small. Without it, or without a voice for the reader's language, the
Listen button is hidden. The "mock" engine is only used when asked for (tests).
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QLocale, QObject, Signal

from rightsguide.ui.signals import emit

if TYPE_CHECKING:
    from PySide6.QtTextToSpeech import QTextToSpeech

log = logging.getLogger(__name__)


class Speech(QObject):
    """One speech engine, or none.

    Signals:
        speaking_changed: emitted with True when speech starts and False when it ends.
    """

    speaking_changed = Signal(bool)

    def __init__(self, engine: str | None = None, parent: QObject | None = None) -> None:
        """Use ``engine`` ("speechd", "mock"...), or the first real engine installed.

        Nothing is loaded until a page asks whether it can be read aloud (start-up stays fast).
        """
        super().__init__(parent)
        self._engine_name = engine
        self._tts: QTextToSpeech | None = None
        self._loaded = False

    def _engine(self) -> QTextToSpeech | None:
        if self._loaded:
            return self._tts
        self._loaded = True
        try:
            from PySide6.QtTextToSpeech import QTextToSpeech
        except ImportError:
            return None
        wanted = self._engine_name
        engines = [e for e in QTextToSpeech.availableEngines() if e != "mock" or wanted == "mock"]
        name = wanted if wanted in engines else (engines[0] if engines and wanted is None else None)
        if name is None:
            return None
        tts = QTextToSpeech(name, self)
        if tts.state() == QTextToSpeech.State.Error:
            log.info("speech engine %s is not usable; Listen is hidden", name)
            return None
        self._speaking_state = QTextToSpeech.State.Speaking
        tts.stateChanged.connect(self._state_changed)  # a slot: disconnected on deletion
        self._tts = tts
        return tts

    def _state_changed(self, state: object) -> None:
        emit(self.speaking_changed, state == self._speaking_state)

    def _locale_for(self, code: str) -> QLocale | None:
        tts = self._engine()
        if tts is None:
            return None
        wanted = QLocale(code.replace("-", "_"))
        exact = [loc for loc in tts.availableLocales() if loc.name() == wanted.name()]
        same_language = [
            loc for loc in tts.availableLocales() if loc.language() == wanted.language()
        ]
        matches = exact or same_language
        return matches[0] if matches else None

    def available(self, code: str) -> bool:
        """True when a voice for ``code``'s language exists."""
        return self._locale_for(code) is not None

    def say(self, text: str, code: str) -> bool:
        """Start reading ``text`` in ``code``'s voice; False when that cannot be done."""
        locale = self._locale_for(code)
        if self._tts is None or locale is None or not text.strip():
            return False
        self._tts.setLocale(locale)
        self._tts.say(text)
        return True

    def stop(self) -> None:
        """Stop reading (kiosk wipe, page change)."""
        if self._tts is not None:
            self._tts.stop()
