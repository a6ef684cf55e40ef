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
from dataclasses import dataclass
from pathlib import Path

import babel
from babel.dates import format_date as babel_format_date

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


@dataclass(frozen=True, slots=True)
class DateStyle:
    """A long date for a language whose CLDR data has no month names (from the registry).

    Attributes:
        months: the twelve month names, January first.
        pattern: ``{day}``, ``{month}`` and ``{year}`` in the language's order.
    """

    months: tuple[str, ...]
    pattern: str = "{day} {month} {year}"


_DATE_STYLES: dict[str, DateStyle] = {}  # code -> the registry's date style
_DATE_FALLBACKS: dict[str, tuple[str, ...]] = {}  # code -> its fallback chain


def register_dates(code: str, style: DateStyle | None, fallbacks: tuple[str, ...]) -> None:
    """Tell :func:`format_date` how ``code`` writes dates when CLDR cannot (the registry)."""
    if style is not None:
        _DATE_STYLES[code] = style
    else:
        _DATE_STYLES.pop(code, None)
    _DATE_FALLBACKS[code] = fallbacks


def _cldr_dates(code: str) -> babel.Locale | None:
    """Babel's data for ``code`` when it has real month names (Haitian Creole has "M11")."""
    loc = babel_locale(code)
    if loc is None or loc.months["format"]["wide"].get(11, "M11") == "M11":
        return None
    return loc


def format_date(value: dt.date, code: str) -> str:
    """A long, localised date ("28 de noviembre de 2026", "28 novanm 2026").

    In order: the registry's date style for ``code``, CLDR's long format, then the same for
    each language of its fallback chain; ISO 8601 when none of them knows how.
    """
    for candidate in (code, *_DATE_FALLBACKS.get(code, ())):
        style = _DATE_STYLES.get(candidate)
        if style is not None:
            month = style.months[value.month - 1]
            return style.pattern.format(day=value.day, month=month, year=value.year)
        loc = _cldr_dates(candidate)
        if loc is not None:
            return babel_format_date(value, format="long", locale=loc)
    return value.isoformat()


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


def _compile_po(po_path: Path) -> gettext.GNUTranslations:
    from babel.messages import mofile, pofile  # only when no up-to-date .mo exists

    with po_path.open("rb") as fh:
        catalog = pofile.read_po(fh, abort_invalid=False)
    buf = io.BytesIO()
    mofile.write_mo(buf, catalog, use_fuzzy=False)
    buf.seek(0)
    return gettext.GNUTranslations(buf)


def translator(localedir: Path, code: str) -> Translator:
    """Load the UI catalog for ``code`` (``pt-BR`` reads ``pt_BR``); English text when missing."""
    folder = localedir / code.replace("-", "_") / "LC_MESSAGES"
    po_path, mo_path = folder / f"{DOMAIN}.po", folder / f"{DOMAIN}.mo"
    try:
        if mo_path.is_file() and (
            not po_path.is_file() or mo_path.stat().st_mtime >= po_path.stat().st_mtime
        ):
            with mo_path.open("rb") as fh:
                return Translator(code, gettext.GNUTranslations(fh))
        if po_path.is_file():
            return Translator(code, _compile_po(po_path))
    except (OSError, ValueError, SyntaxError) as exc:
        log.error("UI catalog for %s is unreadable (%s); showing English", code, exc)
    return Translator(code, gettext.NullTranslations())
