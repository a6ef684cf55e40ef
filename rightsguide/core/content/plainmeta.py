"""A fast, conservative reader of plain, valid front matter, for ``check`` on large trees.

:func:`frontmatter.parse_meta` composes the YAML, checks it against the limits, builds the
value and validates it field by field: about half a millisecond a page. Most front matter is a
few ``key: value`` lines in one plain layout; :func:`parse` reads exactly that layout and
returns the same :class:`PageMeta`, or None for anything else (and then the full reading runs,
which also reports every problem):

- top-level keys of the page format, each once; ``reviewed:`` and ``translation:`` blocks
  indented by two spaces (``source_hashes:`` by four); ``sources:`` as ``  - key: value``
  items with their other keys under them;
- values that are plain text (a plain scalar that YAML reads as text, or a quoted one without
  escapes), a date written ``YYYY-MM-DD``, a whole number for ``order``, ``keywords`` as a
  one-line ``[a, b]`` list of plain words;
- and only front matter that is valid: a missing or unknown key, a wrong type, an unknown
  ``level``, ``kind`` or ``provenance``, or anything YAML would read another way (``yes``,
  ``1.5``, ``~``, ``key: a: b``, ``# comment``, ``&anchor``, a tab...) is left to the full
  reading.

A property test (``tests/unit/content/test_plainmeta.py``) shows that whatever this accepts,
the full reading gives the same value (the source lines included).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import yaml

from rightsguide.core.content.frontmatter import (
    PAGE_KEYS,
    REVIEW_KEYS,
    SOURCE_KEYS,
    TRANSLATION_KEYS,
)
from rightsguide.core.model import (
    SOURCE_KINDS,
    PageMeta,
    Provenance,
    Review,
    ReviewLevel,
    Source,
    Translation,
)

MAX_CHARS = 16_000  # far fewer values than yamlfile's limits allow
_STR = "tag:yaml.org,2002:str"
_INT = "tag:yaml.org,2002:int"
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_RESOLVERS: dict[Any, list[tuple[str, re.Pattern[str]]]] = yaml.SafeLoader.yaml_implicit_resolvers
# key: value lines, at the three indentations of the layout (a value may be empty: a block)
_TOP = re.compile(r"^([a-z_]+):(?: +(.*?))? *$")
_SUB = re.compile(r"^  ([a-z_]+):(?: +(.*?))? *$")
_ITEM = re.compile(r"^  - ([a-z_]+): +(.*?) *$")
_ITEM_MORE = re.compile(r"^    ([a-z_]+): +(.*?) *$")
_HASH = re.compile(r"^    ([A-Za-z0-9_-]+): +(.*?) *$")
# what a plain scalar may not hold or start with (indicators, comments, ': ', escapes, tabs,
# and anything that is not printable for YAML or is whitespace other than a space)
_PLAIN_BAD_START = frozenset("-?:,[]{}#&*!|>'\"%@`")
_PLAIN_BAD = re.compile(
    r": |:$| #|[\\\t\x00-\x1f\x7f-\x9f\ufeff\ufffe\uffff]|[^\S ]|[\ud800-\udfff]"
)
_QUOTED_BAD = re.compile(r"[\\\t\x00-\x1f\x7f-\x9f\ufeff\ufffe\uffff]|[^\S ]|[\ud800-\udfff]")
_FLOW_BAD = re.compile(r"[\[\]{},]")
_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
_NUMBER = re.compile(r"^(?:0|[1-9][0-9]{0,17})$")
_LEVELS = tuple(level.value for level in ReviewLevel)
_PROVENANCES = tuple(p.value for p in Provenance)


class _Refused(Exception):
    """The front matter is not in the plain layout (or not valid): read it in full."""


def _tag(value: str) -> str:
    """The tag YAML's resolver gives a plain scalar (as PyYAML's ``Resolver.resolve``)."""
    for tag, regexp in _RESOLVERS.get(value[0] if value else "", []):
        if regexp.match(value):
            return tag
    return _STR


def _plain(value: str) -> str:
    """A plain scalar's text; refused if YAML could read it as anything else."""
    if not value or value[0] in _PLAIN_BAD_START or _PLAIN_BAD.search(value):
        raise _Refused
    return value


def _scalar(value: str | None) -> tuple[str, str]:
    """(tag, text) of a one-line scalar: plain, or quoted without escapes."""
    if value is None:
        raise _Refused
    first = value[:1]
    if first == '"':
        inner = value[1:-1]
        if len(value) < 2 or value[-1] != '"' or '"' in inner or _QUOTED_BAD.search(inner):  # noqa: PLR2004
            raise _Refused
        return _STR, inner
    if first == "'":
        inner = value[1:-1]
        if len(value) < 2 or value[-1] != "'" or _QUOTED_BAD.search(inner):  # noqa: PLR2004
            raise _Refused
        if "'" in inner.replace("''", ""):
            raise _Refused
        return _STR, inner.replace("''", "'")
    text = _plain(value)
    return _tag(text), text


def _text(value: str | None) -> str:
    """A required text field, as ``_Fields.text`` returns it."""
    tag, text = _scalar(value)
    if tag != _STR or not text.strip():
        raise _Refused
    return text.strip()


def _enum(value: str | None, allowed: tuple[str, ...]) -> str:
    tag, text = _scalar(value)
    if tag != _STR or text not in allowed:
        raise _Refused
    return text


def _date(value: str | None) -> dt.date:
    if value is None or _DATE.match(value) is None:
        raise _Refused
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise _Refused from None


def _keywords(value: str | None) -> tuple[str, ...]:
    if value is None or not value.startswith("[") or not value.endswith("]"):
        raise _Refused
    inner = value[1:-1].strip(" ")
    if not inner:
        return ()
    words = []
    for item in inner.split(","):
        word = item.strip(" ")
        if _FLOW_BAD.search(word) or _tag(_plain(word)) != _STR:
            raise _Refused
        words.append(word.strip())
    return tuple(words)


def _block(
    lines: list[str], start: int, pattern: re.Pattern[str], allowed: tuple[str, ...]
) -> tuple[dict[str, str | None], int]:
    """The ``key: value`` lines of ``pattern`` from ``start``, each key once, all allowed."""
    found: dict[str, str | None] = {}
    index = start
    while index < len(lines) and (match := pattern.match(lines[index])) is not None:
        key = match.group(1)
        if key not in allowed or key in found:
            raise _Refused
        found[key] = match.group(2)
        index += 1
    return found, index


def _sources(lines: list[str], start: int) -> tuple[tuple[Source, ...], int]:
    out, index = [], start
    while index < len(lines) and (first := _ITEM.match(lines[index])) is not None:
        line = index + 2  # the file line of the item (the front matter starts on line 2)
        fields: dict[str, str | None] = {first.group(1): first.group(2)}
        more, index = _block(lines, index + 1, _ITEM_MORE, SOURCE_KEYS)
        if more.keys() & fields.keys():
            raise _Refused
        fields |= more
        if set(fields) - set(SOURCE_KEYS):
            raise _Refused
        accessed = fields.get("accessed")
        kind = fields.get("kind")
        out.append(
            Source(
                title=_text(fields.get("title")),
                url=_text(fields.get("url")),
                accessed=None if "accessed" not in fields else _date(accessed),
                kind=None if "kind" not in fields else _enum(kind, SOURCE_KINDS),
                line=line,
            )
        )
    if not out:
        raise _Refused
    return tuple(out), index


def _translation(lines: list[str], start: int) -> tuple[Translation, int]:
    fields, index = _block(lines, start, _SUB, TRANSLATION_KEYS)
    hashes: dict[str, str] = {}
    if "source_hashes" in fields:
        if fields["source_hashes"] is not None or list(fields)[-1] != "source_hashes":
            raise _Refused  # a one-line value, or keys after the block: read in full
        while index < len(lines) and (match := _HASH.match(lines[index])) is not None:
            key, (tag, value) = match.group(1), _scalar(match.group(2))
            if _tag(_plain(key)) != _STR or tag != _STR or key in hashes:
                raise _Refused
            hashes[key] = value
            index += 1
        if not hashes:
            raise _Refused
    source_locale = _text(fields.get("from"))
    provenance = Provenance(_enum(fields.get("provenance"), _PROVENANCES))
    return Translation(source_locale, provenance, hashes), index


def _read(lines: list[str]) -> PageMeta:  # noqa: PLR0912 - one branch per key of the format
    top: dict[str, Any] = {}
    index = 0
    while index < len(lines):
        match = _TOP.match(lines[index])
        if match is None:
            raise _Refused
        key, value = match.group(1), match.group(2)
        if key not in PAGE_KEYS or key in top:
            raise _Refused
        index += 1
        if key in ("reviewed", "sources", "translation"):
            if value is not None:
                raise _Refused
            if key == "reviewed":
                fields, index = _block(lines, index, _SUB, REVIEW_KEYS)
                if set(fields) != set(REVIEW_KEYS):
                    raise _Refused
                top[key] = Review(
                    _date(fields["on"]),
                    _text(fields["by"]),
                    ReviewLevel(_enum(fields["level"], _LEVELS)),
                )
            elif key == "sources":
                top[key], index = _sources(lines, index)
            else:
                top[key], index = _translation(lines, index)
        elif key == "order":
            if value is None or _NUMBER.match(value) is None:
                raise _Refused
            top[key] = int(value)
        elif key == "keywords":
            top[key] = _keywords(value)
        elif key == "valid_until":
            top[key] = _date(value)
        else:  # title, summary, icon
            top[key] = _text(value)
    if "title" not in top or "summary" not in top or "reviewed" not in top:
        raise _Refused
    top.setdefault("order", 100)
    return PageMeta(**top)


def parse(yaml_text: str) -> PageMeta | None:
    """The front matter's :class:`PageMeta` when it is plain and valid, else None."""
    if len(yaml_text) > MAX_CHARS:
        return None
    lines = yaml_text.split("\n")
    try:
        return _read(lines)
    except _Refused:
        return None
