"""Gettext catalogs for UI strings, Babel locale data, and text direction.

UI strings live in ``locales/<ll>/LC_MESSAGES/rightsguide.po``. A compiled ``.mo`` next to the
``.po`` is used when it is current: when a ``rightsguide.mo.sha256`` beside it (written by
``make package``) holds the SHA-256 of the ``.po``, or, without that file, when the ``.mo`` is at
least as new (an installer may write the files in any order, so packages carry the hash).
Otherwise the ``.po`` is compiled in memory with Babel, so a translator's edit shows up without a
build step and a missing ``.mo`` never leaves the UI untranslated.

Never install ``_`` into builtins: call the methods of a :class:`Translator`.
"""

from __future__ import annotations

import datetime as dt
import gettext
import io
import logging
import string
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from rightsguide.core.content.source import FILES, ContentSource
from rightsguide.core.model import Direction

if TYPE_CHECKING:  # Babel loads when a date or an unlisted direction is needed
    import babel

log = logging.getLogger(__name__)

DOMAIN = "rightsguide"
MAX_CATALOG_BYTES = 2_000_000  # a catalog larger than this is refused (start-up time)
_FORMATTER = string.Formatter()


def N_(message: str) -> str:
    """Mark a module-level string for extraction; translate it later."""
    return message


def babel_locale(code: str) -> babel.Locale | None:
    """Babel's data for ``code`` (``pt-BR``, ``zh-Hans``), or None when CLDR does not know it."""
    import babel  # its locale data: only when asked (a search in a new process never is)

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


# the fields of a CLDR long date that :func:`format_date` writes without Babel (the patterns of
# every bundled language use no others): day, month as a number or its name, year
LONG_DATE_FIELDS = frozenset({"d", "dd", "M", "MM", "MMMM", "y"})


def _long_date(value: dt.date, fmt: str, months: tuple[str, ...]) -> str:
    """``value`` in a long date pattern copied from CLDR (:mod:`rightsguide.core.cldr_dates`).

    ``fmt`` is Babel's ``%``-format of the pattern; each field is written as Babel writes it.
    """
    fields = {
        "d": str(value.day),
        "dd": f"{value.day:02d}",
        "M": str(value.month),
        "MM": f"{value.month:02d}",
        "MMMM": months[value.month - 1],
        "y": str(value.year),
    }
    return fmt % fields


def format_date(value: dt.date, code: str) -> str:
    """A long, localised date ("28 de noviembre de 2026", "28 novanm 2026").

    In order: the registry's date style for ``code``, CLDR's long format, then the same for
    each language of its fallback chain; ISO 8601 when none of them knows how. CLDR's long
    format of the bundled languages is copied in :mod:`rightsguide.core.cldr_dates`, so a date
    in them loads no Babel (start-up time); Babel is asked for any other language.
    """
    from rightsguide.core.cldr_dates import LONG_DATES

    for candidate in (code, *_DATE_FALLBACKS.get(code, ())):
        style = _DATE_STYLES.get(candidate)
        if style is not None:
            month = style.months[value.month - 1]
            return style.pattern.format(day=value.day, month=month, year=value.year)
        if candidate in LONG_DATES:
            copied = LONG_DATES[candidate]
            if copied is not None:
                return _long_date(value, *copied)
            continue  # CLDR has no month names for it
        loc = _cldr_dates(candidate)
        if loc is not None:
            from babel.dates import format_date as babel_format_date

            return babel_format_date(value, format="long", locale=loc)
    return value.isoformat()


def named_fields(text: str) -> set[str] | None:
    """The ``{name}`` fields of ``text``; None when it has ``{}``, ``{0}`` or a stray brace.

    Example::

        >>> sorted(named_fields("{n} of {total}"))
        ['n', 'total']
        >>> named_fields("{0} pages") is None
        True
    """
    try:
        parsed = list(_FORMATTER.parse(text))
    except ValueError:
        return None
    fields = set()
    for _literal, name, spec, _conversion in parsed:
        if name is None:
            continue
        if not name.isidentifier() or (spec and ("{" in spec or "}" in spec)):
            return None
        fields.add(name)
    return fields


def formats_safely(translated: str, *messages: str) -> bool:
    """True when ``translated`` can be formatted wherever its msgid(s) ``messages`` can.

    Its fields must be named and provided by the msgid (singular and plural together).
    """
    if translated in messages:
        return True
    wanted: set[str] = set()
    for message in messages:
        wanted |= named_fields(message) or set()
    got = named_fields(translated)
    return got is not None and got <= wanted


class Translator:
    """One locale's UI catalog, with the gettext calls widgets and the CLI use.

    A translation with a ``{field}`` its msgid does not have (``{}``, ``{0}``, a stray ``{``, a
    renamed field) would raise when the string is formatted; such a message is shown in English
    instead, with one line on stderr the first time.
    """

    def __init__(self, code: str, translations: gettext.NullTranslations) -> None:
        """Wrap ``translations`` for the locale ``code``."""
        self.code = code
        self._t = translations
        self._reported: set[str] = set()

    def _safe(self, message: str, translated: str, *msgids: str) -> str:
        if formats_safely(translated, *(msgids or (message,))):
            return translated
        if message not in self._reported:
            self._reported.add(message)
            sys.stderr.write(
                f"rightsguide: the {self.code} translation of {message!r} does not keep its "
                "{fields}; showing English\n"
            )
        return message

    def gettext(self, message: str) -> str:
        """Translate ``message``."""
        return self._safe(message, self._t.gettext(message))

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        """Translate with a plural form chosen for ``n``."""
        english = singular if n == 1 else plural
        return self._safe(english, self._t.ngettext(singular, plural, n), singular, plural)

    def pgettext(self, context: str, message: str) -> str:
        """Translate ``message`` in a disambiguating ``context``."""
        return self._safe(message, self._t.pgettext(context, message))


def _compile_po(data: bytes) -> gettext.GNUTranslations:
    from babel.messages import mofile, pofile  # only when no up-to-date .mo exists

    if data.startswith(b"\xef\xbb\xbf"):  # a byte-order mark (Windows editors write one)
        data = data[3:]
    catalog = pofile.read_po(io.BytesIO(data), abort_invalid=False)
    buf = io.BytesIO()
    mofile.write_mo(buf, catalog, use_fuzzy=False)
    buf.seek(0)
    return gettext.GNUTranslations(buf)


MO_HASH_SUFFIX = ".sha256"  # rightsguide.mo.sha256: the SHA-256 of the .po it was compiled from


def mo_is_current(po_path: Path, mo_path: Path) -> bool:
    """Whether ``mo_path`` was compiled from ``po_path`` as it is now (see the module doc)."""
    if not po_path.is_file():
        return True
    stamp = mo_path.with_name(mo_path.name + MO_HASH_SUFFIX)
    if stamp.is_file():
        import hashlib  # OpenSSL: only for a packaged catalog (start-up time)

        digest = hashlib.sha256(po_path.read_bytes()).hexdigest()
        return stamp.read_text(encoding="ascii").strip() == digest
    return mo_path.stat().st_mtime >= po_path.stat().st_mtime


def translator(localedir: Path, code: str, source: ContentSource = FILES) -> Translator:
    """Load the UI catalog for ``code`` (``pt-BR`` reads ``pt_BR``); English text when missing.

    ``source``: where the catalog is read (a signed kiosk: the catalogs its pack carries).
    """
    folder = localedir / code.replace("-", "_") / "LC_MESSAGES"
    po_path, mo_path = folder / f"{DOMAIN}.po", folder / f"{DOMAIN}.mo"
    try:
        for path in (po_path, mo_path):
            if source.is_file(path) and source.stamp(path)[1] > MAX_CATALOG_BYTES:
                raise ValueError(f"{path.name} is larger than {MAX_CATALOG_BYTES} bytes")
        if source.live:  # the file system: a .mo compiled from this very .po, else the .po
            if mo_path.is_file() and mo_is_current(po_path, mo_path):
                with mo_path.open("rb") as fh:
                    return Translator(code, gettext.GNUTranslations(fh))
            if po_path.is_file():
                return Translator(code, _compile_po(po_path.read_bytes()))
        elif source.is_file(po_path):  # a signed pack: the .po it was signed with
            return Translator(code, _compile_po(source.read_bytes(po_path)))
        elif source.is_file(mo_path):
            return Translator(code, gettext.GNUTranslations(io.BytesIO(source.read_bytes(mo_path))))
    except (OSError, ValueError, SyntaxError) as exc:
        log.error("UI catalog for %s is unreadable (%s); showing English", code, exc)
    return Translator(code, gettext.NullTranslations())
