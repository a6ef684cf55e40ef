"""The language registry, read from ``content/locales.yaml``.

The registry's values win over Babel's: it can list languages CLDR does not know (Mam, ``mam``),
and its ``direction`` overrides Babel's guess. When ``direction`` is left out, Babel decides,
and an unknown language is left-to-right.

Example entry::

    - code: ht
      native: Kreyòl Ayisyen
      english: Haitian Creole
      fallback: [fr, en]
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

from rightsguide.core import i18n
from rightsguide.core.content import yamlfile
from rightsguide.core.content.source import FILES, ContentSource
from rightsguide.core.errors import ContentError, RegistryError, UnknownLocale
from rightsguide.core.model import Direction, Locale

REGISTRY_FILE = "locales.yaml"


class LocaleRegistry:
    """The locales a content tree offers, in display order."""

    def __init__(
        self,
        locales: list[Locale],
        source: str,
        version: str = "",
        published: dt.date | None = None,
        notes: str = "",
    ) -> None:
        """Build from validated entries: the source locale, the content version, date and notes."""
        self._locales = {loc.code: loc for loc in locales}
        self.source = source
        self.version = version
        self.published = published
        self.notes = notes  # release notes: what changed for readers (About, pack manifest)

    def __contains__(self, code: object) -> bool:
        """True when ``code`` is registered."""
        return code in self._locales

    def all(self) -> list[Locale]:
        """Every registered locale, in file order."""
        return list(self._locales.values())

    def get(self, code: str) -> Locale:
        """Return the locale or raise UnknownLocale."""
        try:
            return self._locales[code]
        except KeyError:
            raise UnknownLocale(code) from None

    def chain(self, code: str) -> list[str]:
        """The locales to try for ``code``: itself, its fallbacks, then the source locale."""
        result = [code, *self.get(code).fallback, self.source]
        return [c for i, c in enumerate(result) if c not in result[:i] and c in self._locales]

    def negotiate(self, preferred: list[str]) -> str:
        """Pick the best registered locale for a list of preferred tags (e.g. from the OS)."""
        for tag in preferred:
            norm = tag.replace("_", "-").split(".")[0]
            for candidate in (norm, norm.split("-")[0]):
                for loc in self._locales.values():
                    if loc.code.lower() == candidate.lower():
                        return loc.code
        return self.source


CODE_RE = re.compile(r"[A-Za-z0-9]{2,8}(?:-[A-Za-z0-9]{1,8})*")  # BCP 47's shape, ASCII only


def _entry(item: Any, path: Path, index: int) -> Locale:
    if not isinstance(item, dict):
        raise RegistryError(
            path, 0, f"entry {index + 1} must be a mapping with code, native, english"
        )
    missing = [k for k in ("code", "native", "english") if not isinstance(item.get(k), str)]
    if missing:
        raise RegistryError(path, 0, f"entry {index + 1} needs text for: {', '.join(missing)}")
    code = item["code"]
    if not CODE_RE.fullmatch(code):  # a folder name too: no "..", "/" or control characters
        raise RegistryError(
            path, 0, f"entry {index + 1}: {code!r} is not a language code (like es, pt-BR, zh-Hans)"
        )
    raw_dir = item.get("direction")
    if raw_dir is None:
        from rightsguide.core import i18n  # Babel's CLDR data: only when not given here

        direction = i18n.babel_direction(code)
    elif raw_dir in ("ltr", "rtl"):
        direction = Direction(raw_dir)
    else:
        raise RegistryError(path, 0, f"{code}: direction must be 'ltr' or 'rtl', not {raw_dir!r}")
    fallback = item.get("fallback", [])
    if not isinstance(fallback, list) or not all(isinstance(f, str) for f in fallback):
        raise RegistryError(path, 0, f"{code}: fallback must be a list of locale codes")
    return Locale(
        code=code,
        native_name=item["native"],
        english_name=item["english"],
        direction=direction,
        fallback=tuple(fallback),
        kiosk=bool(item.get("kiosk", True)),
        font=item.get("font"),
    )


def load_registry(content_dir: Path, files: ContentSource = FILES) -> LocaleRegistry:
    """Read and validate ``content_dir/locales.yaml`` (from ``files``: a pack's bytes)."""
    path = content_dir / REGISTRY_FILE
    if not files.is_file(path):
        if files.live and not content_dir.is_dir():
            raise RegistryError(
                content_dir,
                0,
                "there is no content folder here: check the folder's name (a kiosk that installs "
                "packs shows /var/lib/rightsguide/current/content once a pack is installed)",
            )
        raise RegistryError(path, 0, "the language registry is missing")
    try:
        text = yamlfile.source_text(path, "language registry", source=files)
        _node, data = yamlfile.parse(text, path, "language registry")  # the safe loader
    except ContentError as exc:
        raise RegistryError(exc.path, exc.line, exc.message) from None
    if not isinstance(data, dict) or not isinstance(data.get("locales"), list):
        raise RegistryError(path, 1, "expected 'source: en' and a 'locales:' list")
    locales = [_entry(item, path, i) for i, item in enumerate(data["locales"])]
    source = data.get("source", "en")
    codes = [loc.code for loc in locales]
    if source not in codes:
        raise RegistryError(path, 1, f"the source locale {source!r} is not in the list")
    for loc in locales:
        for fb in loc.fallback:
            if fb not in codes:
                raise RegistryError(
                    path, 0, f"{loc.code}: fallback {fb!r} is not a registered locale"
                )
    dupes = {c for c in codes if codes.count(c) > 1}
    if dupes:
        raise RegistryError(path, 0, f"locale listed twice: {', '.join(sorted(dupes))}")
    version = data.get("version", "")
    if not isinstance(version, (str, int, float)):
        raise RegistryError(path, 1, "'version' must be text, like 2026.11.28")
    notes = data.get("notes", "")
    if not isinstance(notes, str):
        raise RegistryError(path, 1, "'notes' must be text: the release notes, in plain words")
    published = _published(data.get("published"), path, text)
    for loc, item in zip(locales, data["locales"], strict=True):
        chain = tuple(c for c in (*loc.fallback, source) if c != loc.code)
        i18n.register_dates(loc.code, _date_style(item, loc.code, path), chain)
    return LocaleRegistry(locales, source, str(version), published, notes.strip())


MONTHS = 12


def _date_style(item: dict[str, Any], code: str, path: Path) -> i18n.DateStyle | None:
    """``months:`` (twelve names) and ``date:`` ("{day} {month} {year}") for CLDR's gaps."""
    months, pattern = item.get("months"), item.get("date", "{day} {month} {year}")
    if months is None:
        return None
    if not (
        isinstance(months, list)
        and len(months) == MONTHS
        and all(isinstance(m, str) and m for m in months)
    ):
        raise RegistryError(path, 0, f"{code}: months must list the twelve month names")
    if not isinstance(pattern, str) or any(
        f"{{{k}}}" not in pattern for k in ("day", "month", "year")
    ):
        raise RegistryError(path, 0, f"{code}: date must contain {{day}}, {{month}} and {{year}}")
    return i18n.DateStyle(tuple(months), pattern)


def _published(value: object, path: Path, text: str) -> dt.date | None:
    """The date the content was published (``published: 2026-11-28``), for the age warning."""
    if value is None or (isinstance(value, dt.date) and not isinstance(value, dt.datetime)):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    lines = text.splitlines()
    line = next((i for i, text in enumerate(lines, 1) if text.startswith("published:")), 1)
    raise RegistryError(path, line, "'published' must be a date, like 2026-11-28")
