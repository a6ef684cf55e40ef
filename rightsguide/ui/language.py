"""LanguageController: the one place that applies a language to the whole application.

It sets the layout direction explicitly from the registry (an explicit direction wins over the
one qtbase's translator would set), the default QLocale, Qt's own ``qtbase`` translations (only
when they load), the application font for the script, and the gettext catalog; then it emits
``language_changed`` so every widget calls ``retranslate_ui()``. Installing an empty QTranslator
sends no LanguageChange event, hence our own signal (as Frescobaldi does).
"""

from __future__ import annotations

from PySide6.QtCore import QLibraryInfo, QLocale, QObject, QTranslator, Signal
from PySide6.QtGui import QFont, QGuiApplication

from rightsguide.core.guide import Guide
from rightsguide.core.i18n import Translator
from rightsguide.core.model import Locale
from rightsguide.ui import fonts, qtconv
from rightsguide.ui.signals import emit

# Qt ships some translations under other names than our locale codes.
_QT_NAMES = {"zh-Hans": "zh_CN", "zh-Hant": "zh_TW", "pt-BR": "pt_BR"}


class LanguageController(QObject):
    """Applies a locale to the app and hands out its UI catalog.

    Signals:
        language_changed: emitted with the locale code after a language has been applied.
    """

    language_changed = Signal(str)

    def __init__(self, guide: Guide, families: list[str], parent: QObject | None = None) -> None:
        """``families`` are the font families registered at start-up."""
        super().__init__(parent)
        self._guide = guide
        self._families = families
        self._qt_translator: QTranslator | None = None
        self._code = guide.registry.source
        self._translator = guide.translator(self._code)

    @property
    def code(self) -> str:
        """The current locale code."""
        return self._code

    @property
    def locale(self) -> Locale:
        """The current locale's registry entry."""
        return self._guide.registry.get(self._code)

    @property
    def translator(self) -> Translator:
        """The current UI catalog."""
        return self._translator

    def families_for(self, code: str) -> list[str]:
        """Font families for text in ``code`` (a page may be in another language than the UI)."""
        return fonts.families_for(self._guide.registry.get(code).font, self._families)

    def apply(self, code: str) -> None:
        """Switch the whole application to ``code`` (raises UnknownLocale)."""
        loc = self._guide.registry.get(code)
        app = QGuiApplication.instance()
        assert isinstance(app, QGuiApplication)
        qtconv.set_layout_direction(app, loc.direction)
        QLocale.setDefault(QLocale(code.replace("-", "_")))
        self._swap_qt_translator(loc)
        font = QFont(app.font())
        font.setFamilies(self.families_for(code))
        app.setFont(font)
        self._code = code
        self._translator = self._guide.translator(code)
        emit(self.language_changed, code)

    def _swap_qt_translator(self, loc: Locale) -> None:
        app = QGuiApplication.instance()
        assert app is not None
        if self._qt_translator is not None:
            app.removeTranslator(self._qt_translator)
            self._qt_translator.deleteLater()  # each one holds a whole .qm catalog in memory
            self._qt_translator = None
        folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        for name in (_QT_NAMES.get(loc.code, loc.gettext_code), loc.language):
            translator = QTranslator(self)
            if translator.load(f"qtbase_{name}", folder):
                app.installTranslator(translator)
                self._qt_translator = translator
                return
            translator.deleteLater()
