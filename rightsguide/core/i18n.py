"""Gettext catalogs for UI strings, Babel locale data, and text direction.

UI strings live in ``locales/<ll>/LC_MESSAGES/rightsguide.po``. A compiled ``.mo`` next to the
``.po`` is used when it is at least as new; otherwise the ``.po`` is compiled in memory with
Babel, so a translator's edit shows up without a build step and a missing ``.mo`` never leaves
the UI untranslated.

Never install ``_`` into builtins: call the methods of a :class:`Translator`.
"""

from __future__ import annotations

import datetime as dt
import gettext
import io
import logging
from pathlib import Path

import babel
from babel.dates import format_date as babel_format_date

from rightsguide.core.content.source import FILES, ContentSource
from rightsguide.core.model import Direction

log = logging.getLogger(__name__)

DOMAIN = "rightsguide"


def N_(message: str) -> str:
    """Mark a module-level string for extraction; translate it later."""
    return message


def babel_locale(code: str) -> babel.Locale | None:
    """Babel's data for ``code`` (``pt-BR``, ``zh-Hans``), or None when CLDR does not know it."""
    try:
        return babel.Locale.parse(code.replace("-", "_"))
    except (ValueError, babel.UnknownLocaleError):
        return None


def babel_direction(code: str) -> Direction:
    """Direction from CLDR; left-to-right when Babel does not know the language."""
    loc = babel_locale(code)
    return Direction.RTL if loc is not None and loc.text_direction == "rtl" else Direction.LTR


def format_date(value: dt.date, code: str) -> str:
    """A long, localised date ("28 de noviembre de 2026"); ISO 8601 when CLDR lacks the locale."""
    loc = babel_locale(code)
    if loc is None:
        return value.isoformat()
    return babel_format_date(value, format="long", locale=loc)


class Translator:
    """One locale's UI catalog, with the gettext calls widgets and the CLI use."""

    def __init__(self, code: str, translations: gettext.NullTranslations) -> None:
        """Wrap ``translations`` for the locale ``code``."""
        self.code = code
        self._t = translations

    def gettext(self, message: str) -> str:
        """Translate ``message``."""
        return self._t.gettext(message)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        """Translate with a plural form chosen for ``n``."""
        return self._t.ngettext(singular, plural, n)

    def pgettext(self, context: str, message: str) -> str:
        """Translate ``message`` in a disambiguating ``context``."""
        return self._t.pgettext(context, message)


def _compile_po(data: bytes) -> gettext.GNUTranslations:
    from babel.messages import mofile, pofile  # only when no up-to-date .mo exists

    catalog = pofile.read_po(io.BytesIO(data), abort_invalid=False)
    buf = io.BytesIO()
    mofile.write_mo(buf, catalog, use_fuzzy=False)
    buf.seek(0)
    return gettext.GNUTranslations(buf)


def translator(localedir: Path, code: str, source: ContentSource = FILES) -> Translator:
    """Load the UI catalog for ``code`` (``pt-BR`` reads ``pt_BR``); English text when missing.

    ``source``: where the catalog is read (a signed kiosk: the catalogs its pack carries).
    """
    folder = localedir / code.replace("-", "_") / "LC_MESSAGES"
    po_path, mo_path = folder / f"{DOMAIN}.po", folder / f"{DOMAIN}.mo"
    try:
        if source.is_file(mo_path) and (
            not source.is_file(po_path) or source.stamp(mo_path)[0] >= source.stamp(po_path)[0]
        ):
            return Translator(code, gettext.GNUTranslations(io.BytesIO(source.read_bytes(mo_path))))
        if source.is_file(po_path):
            return Translator(code, _compile_po(source.read_bytes(po_path)))
    except (OSError, ValueError, SyntaxError) as exc:
        log.error("UI catalog for %s is unreadable (%s); showing English", code, exc)
    return Translator(code, gettext.NullTranslations())
