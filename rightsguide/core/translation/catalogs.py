r"""Checks of the UI string catalogs (``locales/<ll>/LC_MESSAGES/*.po``), like ``msgfmt -c``.

An **error** is something the app would show wrongly; a **warning** is everything else.

- The file must parse (a quote left open, a stray line, a ``msgid`` without ``msgstr`` are reported
  with their line, because Babel's reader would otherwise skip them quietly).
- The charset in the header must be the file's: a ``charset=ISO-8859-1`` header over a UTF-8 body
  gives mojibake everywhere. A UTF-8 byte-order mark and a real Latin-1 file with a correct header
  are fine.
- ``Plural-Forms`` must be a valid C expression giving forms below ``nplurals`` (a bad one makes
  gettext refuse the whole catalog: the UI falls back to English). Each plural entry needs all
  ``nplurals`` forms.
- Only the escapes Babel understands (``\\n \\t \\r \\" \\\\``); others would show literally.
- Each translation keeps exactly the ``{fields}`` of its msgid; ``{}``, ``{0}`` and a stray ``{``
  are errors (the app shows English for such a message, see :class:`i18n.Translator`).
- No markup (``<b>``, ``<img ...>``) in a msgstr whose msgid has none.
- No duplicate msgids; a msgctxt that differs from the template's is an error (the app never
  finds the message); an all-fuzzy catalog is a warning (fuzzy entries are not used).
- Catalogs over :data:`i18n.MAX_CATALOG_BYTES` are refused, as the app refuses them.
"""

from __future__ import annotations

import codecs
import gettext
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from babel.messages import pofile

from rightsguide.core import i18n
from rightsguide.core.content.locales import LocaleRegistry
from rightsguide.core.model import Problem, Severity

DOMAIN = "rightsguide"
MARKUP_RE = re.compile(r"</?[A-Za-z][^>]*>|&[a-zA-Z]+;|&#\d+;")
_LINE_RE = re.compile(
    r'^(?:(?:msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)\s+)?"(?:[^"\\]|\\.)*"$'
)
_KEYWORD_RE = re.compile(r"^(msgctxt|msgid|msgid_plural|msgstr)(?:\[(\d+)\])?\s+")
_ESCAPE_RE = re.compile(r"\\(.)")
_KNOWN_ESCAPES = frozenset('ntr"\\')
_CHARSET_RE = re.compile(rb"charset=([A-Za-z0-9_.:-]+)")
_PLURAL_RE = re.compile(r"nplurals\s*=\s*(\d+)\s*;\s*plural\s*=\s*(.+?);?\s*$")
MAX_PLURAL_N = 1000  # plural expressions are tried for n = 0 .. MAX_PLURAL_N


@dataclass
class Entry:
    """One entry of a .po file as written (before Babel merges or drops anything)."""

    line: int
    fuzzy: bool = False
    obsolete: bool = False
    context: str | None = None
    msgid: str = ""
    plural: str | None = None
    strings: dict[int, str] = field(default_factory=dict)
    escapes: list[tuple[int, str]] = field(default_factory=list)


def _unquote(value: str) -> str:
    return re.sub(
        r'\\(["\\nrt])', lambda m: {"n": "\n", "t": "\t", "r": "\r"}.get(m[1], m[1]), value
    )


def _entries(text: str) -> list[Entry]:  # noqa: PLR0912 - one branch per .po keyword
    """Group the lines of a .po file (already checked by :func:`_syntax`) into entries."""
    entries: list[Entry] = []
    current: Entry | None = None
    target: tuple[str, int] = ("msgid", 0)
    flags_fuzzy = False
    for number, raw in enumerate(text.split("\n"), start=1):
        line = raw.strip()
        if not line:
            current, flags_fuzzy = None, False
            continue
        if line.startswith("#,") and "fuzzy" in line:
            flags_fuzzy = True
        if line.startswith("#~"):
            continue
        if line.startswith("#"):
            continue
        match = _KEYWORD_RE.match(line)
        if match:
            keyword, index = match[1], int(match[2] or 0)
            if (
                current is None
                or keyword in ("msgctxt",)
                or (keyword == "msgid" and current.strings)
            ):
                current = Entry(number, fuzzy=flags_fuzzy)
                entries.append(current)
                flags_fuzzy = False
            target = (keyword, index)
            if keyword == "msgstr":
                current.strings.setdefault(index, "")
            line = line[match.end() :]
        if current is None:
            continue
        value = line[1:-1]
        current.escapes += [
            (number, e) for e in _ESCAPE_RE.findall(value) if e not in _KNOWN_ESCAPES
        ]
        value = _unquote(value)
        keyword, index = target
        if keyword == "msgctxt":
            current.context = (current.context or "") + value
        elif keyword == "msgid":
            current.msgid += value
        elif keyword == "msgid_plural":
            current.plural = (current.plural or "") + value
        else:
            current.strings[index] += value
    return entries


def _syntax(path: Path, text: str) -> list[Problem]:
    problems = []
    for number, line in enumerate(text.split("\n"), start=1):
        stripped = line.strip()
        if stripped and not stripped.startswith("#") and not _LINE_RE.match(stripped):
            problems.append(
                Problem(
                    path,
                    number,
                    "this line is not valid in a .po file: check "
                    'that the text is inside double quotes (\\" for a quote)',
                )
            )
    return problems


def _decode(path: Path, data: bytes) -> tuple[str, list[Problem]]:
    """The text of the file in the charset its header names, with charset problems."""
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    found = _CHARSET_RE.search(data[:4000])
    charset = found[1].decode("ascii").lower() if found else "utf-8"
    try:
        codecs.lookup(charset)
    except LookupError:
        return "", [Problem(path, 1, f"unknown charset {charset!r} in the header; use UTF-8")]
    is_utf8 = charset.replace("_", "-") in ("utf-8", "utf8")
    if not is_utf8 and not data.isascii():
        try:
            data.decode("utf-8")
        except UnicodeDecodeError:
            pass  # a real 8-bit file
        else:
            return data.decode("utf-8"), [
                Problem(
                    path,
                    1,
                    f"the header says charset={charset} but the file is UTF-8, so every "
                    "accented letter shows garbled; set 'charset=UTF-8' in Content-Type",
                )
            ]
    try:
        return data.decode(charset), []
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        return "", [
            Problem(path, line, f"this line is not valid {charset}; save the file as {charset}")
        ]


def _plural_forms(path: Path, header: str) -> tuple[int | None, list[Problem]]:
    """The nplurals of the header's Plural-Forms (None when absent), with its problems."""
    line = next((h for h in header.split("\n") if h.lower().startswith("plural-forms:")), None)
    if line is None:
        return None, []
    match = _PLURAL_RE.search(line.split(":", 1)[1].strip())
    bad = Problem(
        path,
        1,
        "Plural-Forms is not valid (gettext then refuses the whole catalog and the UI shows "
        "English); copy it from the gettext manual's table for the language",
    )
    if match is None:
        return None, [bad]
    nplurals = int(match[1])
    try:
        rule = gettext.c2py(match[2])
        forms = {rule(n) for n in range(MAX_PLURAL_N + 1)}
    except (ValueError, SyntaxError, RecursionError, ZeroDivisionError):
        return None, [bad]
    if nplurals < 1 or not forms <= set(range(nplurals)):
        return None, [
            Problem(path, 1, f"Plural-Forms gives form numbers outside 0..{nplurals - 1}")
        ]
    return nplurals, []


def _entry_problems(path: Path, entry: Entry, nplurals: int | None) -> list[Problem]:
    problems = [
        Problem(path, number, f"unknown escape \\{char}: it would show literally; write it plainly")
        for number, char in entry.escapes
    ]
    texts = [s for s in entry.strings.values() if s]
    if not texts:
        return problems
    msgids = [entry.msgid] + ([entry.plural] if entry.plural is not None else [])
    wanted: set[str] = set()
    for m in msgids:
        wanted |= i18n.named_fields(m) or set()
    for text in texts:
        got = i18n.named_fields(text)
        if got is None:
            problems.append(
                Problem(
                    path,
                    entry.line,
                    "the translation has '{}', '{0}' or a lone '{' or '}': the app would show "
                    "English for it; keep exactly these fields: "
                    + (" ".join(sorted(f"{{{w}}}" for w in wanted)) or "(none)"),
                )
            )
        elif (entry.plural is None and got != wanted) or not got <= wanted:
            problems.append(
                Problem(
                    path,
                    entry.line,
                    f"the translation must keep exactly these fields: "
                    f"{' '.join(sorted(f'{{{w}}}' for w in wanted)) or '(none)'}",
                )
            )
        if MARKUP_RE.search(text) and not any(MARKUP_RE.search(m) for m in msgids):
            problems.append(
                Problem(
                    path,
                    entry.line,
                    "the translation contains markup (<...> or &...;); UI strings are plain text",
                )
            )
    if entry.plural is not None and nplurals is not None:
        have = [i for i in range(nplurals) if entry.strings.get(i)]
        if len(have) < nplurals:
            problems.append(
                Problem(
                    path,
                    entry.line,
                    f"this plural entry needs {nplurals} forms (msgstr[0] to "
                    f"msgstr[{nplurals - 1}]); the missing ones show in English",
                )
            )
    return problems


def check_catalog(
    path: Path,
    template_ids: set[object] | None,
    template: dict[str, set[str | None]] | None = None,
) -> list[Problem]:
    """Problems of one ``.po`` file.

    ``template_ids``: the template's message ids (to tell an out-of-date catalog); ``template``:
    msgid to its msgctxts in the template (to tell a changed msgctxt).
    """
    try:
        data = path.read_bytes()
    except OSError as exc:
        return [Problem(path, 0, f"cannot read the catalog: {exc}")]
    if len(data) > i18n.MAX_CATALOG_BYTES:
        return [
            Problem(
                path,
                0,
                f"the catalog is {len(data)} bytes, over the limit of {i18n.MAX_CATALOG_BYTES}; "
                "the app refuses it (remove obsolete '#~' entries and translator memory)",
            )
        ]
    text, problems = _decode(path, data)
    if not text:
        return problems
    syntax = _syntax(path, text)
    if syntax:
        return problems + syntax
    try:
        catalog = pofile.read_po(
            io.BytesIO(text.encode("utf-8")), abort_invalid=True, charset="utf-8"
        )
    except (pofile.PoFileError, ValueError) as exc:
        return [*problems, Problem(path, int(getattr(exc, "lineno", 0) or 0), str(exc))]
    entries = _entries(text)
    header = next((e for e in entries if e.msgid == "" and e.context is None), None)
    nplurals, plural_problems = _plural_forms(path, header.strings.get(0, "") if header else "")
    problems += plural_problems
    seen: dict[tuple[str | None, str], int] = {}
    messages = [e for e in entries if e.msgid]
    for entry in messages:
        key = (entry.context, entry.msgid)
        if key in seen:
            problems.append(
                Problem(
                    path,
                    entry.line,
                    f"duplicate msgid (first at line {seen[key]}); only one of them is used",
                )
            )
        seen.setdefault(key, entry.line)
        problems += _entry_problems(path, entry, nplurals)
        contexts = template.get(entry.msgid, {entry.context}) if template is not None else set()
        if template is not None and entry.context not in contexts:
            wanted = " or ".join(repr(c) for c in sorted(contexts, key=str))
            problems.append(
                Problem(
                    path,
                    entry.line,
                    f"msgctxt differs from the template's ({wanted}), so the "
                    "app never finds this translation; run 'make update-po'",
                )
            )
    translated = [e for e in messages if any(e.strings.values())]
    if translated and all(e.fuzzy for e in translated):
        problems.append(
            Problem(
                path,
                1,
                "every translation is marked fuzzy, so the app shows English everywhere; review "
                "them and remove the 'fuzzy' flags",
                Severity.WARNING,
            )
        )
    if template_ids is not None:
        ids = {m.id for m in catalog if m.id}
        if ids != template_ids:
            problems.append(
                Problem(
                    path,
                    1,
                    "the catalog is out of date with the template; run 'make update-po'",
                    Severity.WARNING,
                )
            )
    return problems


def broken_count(path: Path) -> int:
    """Entries the app shows in English although translated (their fields do not match)."""
    try:
        text, problems = _decode(path, path.read_bytes())
    except OSError:
        return 0
    if problems or _syntax(path, text):
        return 0
    count = 0
    for entry in _entries(text):
        if entry.msgid and not entry.fuzzy:
            msgids = [entry.msgid] + ([entry.plural] if entry.plural is not None else [])
            count += any(s and not i18n.formats_safely(s, *msgids) for s in entry.strings.values())
    return count


def check_catalogs(localedir: Path, registry: LocaleRegistry) -> list[Problem]:
    """Every registered locale's catalog, compared with the template when it exists."""
    template_path = localedir / f"{DOMAIN}.pot"
    template_ids: set[object] | None = None
    template: dict[str, set[str | None]] | None = None
    if template_path.is_file():
        with template_path.open("rb") as fh:
            messages = [m for m in pofile.read_po(fh) if m.id]
        template_ids = {m.id for m in messages}
        template = {}
        for m in messages:
            key = m.id if isinstance(m.id, str) else str(m.id[0])
            template.setdefault(key, set()).add(m.context)
    problems = []
    for loc in registry.all():
        path = localedir / loc.gettext_code / "LC_MESSAGES" / f"{DOMAIN}.po"
        if not path.is_file():
            problems.append(
                Problem(
                    path,
                    0,
                    f"{loc.code} has no UI catalog, so buttons and "
                    "notices show in English; create it with pybabel init "
                    "(see README)",
                    Severity.WARNING,
                )
            )
            continue
        problems.extend(check_catalog(path, template_ids, template))
    return problems
