"""Writing and reading the exchange files: gettext PO (Babel), XLIFF 1.2, and TBX for the glossary.

PO files are written and read with ``babel.messages.pofile`` (no line wrapping, previous msgids
kept). XLIFF is version 1.2 (``urn:oasis:names:tc:xliff:document:1.2``), written with
``xml.etree``: one ``<file>`` per page, one ``<trans-unit>`` per unit whose ``id`` and ``resname``
are the context. The glossary goes out as TBX (ISO 30042, the ``martif`` dialect CAT tools
import) and as CSV (Weblate's glossary upload).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

from babel.messages import pofile
from babel.messages.catalog import Catalog

from rightsguide import __version__
from rightsguide.core.translation.exchange import PAGE_NOTE, ExportPage, page_mark

XLIFF_NS = "urn:oasis:names:tc:xliff:document:1.2"
XML_NS = "http://www.w3.org/XML/1998/namespace"
FUZZY_STATES = ("needs-translation", "needs-adaptation", "needs-l10n", "new")
FUZZY_STATES_REVIEW = ("needs-review-translation", "needs-review-adaptation", "needs-review-l10n")


@dataclass(frozen=True, slots=True)
class ImportedUnit:
    """One unit as a translator's file has it."""

    context: str
    source: str
    target: str
    fuzzy: bool
    line: int
    base: str | None = None  # the page's mark when the file was exported (None: not recorded)


def _catalog(locale: str | None, project: str) -> Catalog:
    try:
        catalog = Catalog(locale=locale, project=project, version=__version__, fuzzy=False)
    except ValueError:
        catalog = Catalog(locale=None, project=project, version=__version__, fuzzy=False)
    catalog.msgid_bugs_address = "https://github.com/rightsguide/rightsguide/issues"
    catalog.language_team = f"{locale or 'LANGUAGE'} <rightsguide translators>"
    catalog.last_translator = "rightsguide translate export"
    catalog.revision_date = dt.datetime.now(dt.UTC)
    catalog.header_comment = (
        f"# rightsguide: {project}, written by 'rightsguide translate export'.\n"
        "# Translate the msgstr lines; keep links, numbers and form names as they are.\n"
        "# Import with 'rightsguide translate import DIR' (see docs/translators.md)."
    )
    return catalog


def write_po(path: Path, pages: list[ExportPage], locale: str | None, topic: str) -> None:
    """A PO file for ``locale`` (a template when None) of one topic's pages."""
    catalog = _catalog(locale, f"rightsguide {topic}")
    for page in pages:
        for item in page.units:
            comments = [f"{item.unit.kind} in {item.page_id}, section {item.unit.section}"]
            comments += [*item.notes, PAGE_NOTE + page_mark(item.page_text)] if locale else []
            message = catalog.add(
                item.source,
                item.target if locale else "",
                # the mark again as a translator's comment: msgmerge (Poedit's "Update from
                # POT", Weblate's add-on) takes the "#." comments from the template, which has
                # none, but keeps these
                user_comments=[PAGE_NOTE + page_mark(item.page_text)] if locale else [],
                locations=[(f"en/{item.page_id}.md", item.unit.line + 1)],
                auto_comments=comments,
                flags=["fuzzy"] if locale and item.fuzzy else [],
                context=item.context,
                previous_id=item.previous if locale and item.previous else (),
            )
            assert message is not None
            message.flags.discard("python-format")  # markdown is not a format string
    path.parent.mkdir(parents=True, exist_ok=True)
    buf = io.BytesIO()
    pofile.write_po(buf, catalog, width=0, include_previous=True, sort_output=False)
    path.write_bytes(_unwrap_previous(buf.getvalue().decode("utf-8")).encode("utf-8"))


_PREVIOUS_STARTS = ("#| msgid ", "#| msgid_plural ", "#| msgctxt ")


def _unwrap_previous(text: str) -> str:
    """Join the ``#|`` lines Babel wrapped, so each previous msgid is one quoted string again.

    Babel wraps comments at 76 columns even with ``width=0``; a long previous msgid then ends
    a line inside its quotes, which msgfmt and translate-toolkit reject. Babel breaks only at
    spaces, so joining with one space gives the string back.
    """
    out: list[str] = []
    for line in text.split("\n"):
        continued = line.startswith("#| ") and not line.startswith(_PREVIOUS_STARTS)
        if continued and out and out[-1].startswith("#| "):
            out[-1] += " " + line[3:]
        else:
            out.append(line)
    return "\n".join(out)


# a PO line's string: double quotes around text, with the escapes Babel reads (\\ \" \n \t \r)
_PO_STRING = re.compile(rb'"(?:[^"\\]|\\[\\"ntr])*"')
_CONTEXT = re.compile(rb"\s*msgctxt\s+")
_PO_KEYWORD = re.compile(rb"(msgctxt|msgid|msgid_plural|msgstr(\[\d+\])?)\s+")


def _bad_string(raw: bytes) -> str | None:
    """``line:message`` for the first line whose string is not well quoted, or None.

    Babel reads a string with no closing quote, an inner quote not escaped, or an unknown
    escape (a backslash before another letter) without a word, and changes the text; msgfmt
    refuses them.
    """
    for number, line in enumerate(raw.splitlines(), start=1):
        text = line.strip()
        if not text or text.startswith(b"#"):
            continue
        keyword = _PO_KEYWORD.match(text)
        rest = text[keyword.end() :] if keyword else text
        if (keyword or text.startswith(b'"')) and _PO_STRING.fullmatch(rest) is None:
            return (
                f"{number}:this line's text must be in double quotes, with \\\" for a quote "
                "and \\\\ for a backslash inside it"
            )
    return None


class ContextsLost(ValueError):
    """Units of a PO file have no ``msgctxt``: it cannot say which piece of which page they are.

    A file converted by another tool (translate-toolkit's ``xliff2po`` keeps a ``msgctxt`` only
    on some units, or writes an empty one) is one problem, not one for each unit.
    """

    def __init__(self, line: int, count: int) -> None:
        """``line``: the first such unit's; ``count``: how many the file has."""
        units = "1 unit has" if count == 1 else f"{count} units have"
        self.line = line
        self.message = (
            f"{units} no msgctxt: this file lost rightsguide's contexts (was it converted by "
            "another tool?); export again, or keep the msgctxt lines"
        )
        super().__init__(f"{line}:{self.message}")


def _text_at(lines: list[bytes], at: int, keyword: re.Match[bytes]) -> bytes:
    """The text of the string after ``keyword`` on ``lines[at]`` and of its continuation lines.

    Its lines are well quoted (:func:`_bad_string` found none that is not); the escapes are
    left as they are.
    """
    pieces = [lines[at].strip()[keyword.end() :].strip()]
    for line in lines[at + 1 :]:
        if not line.lstrip().startswith(b'"'):
            break
        pieces.append(line.strip())
    return b"".join(piece[1:-1] for piece in pieces)


def _lost_contexts(raw: bytes) -> ContextsLost | None:
    """The units with no ``msgctxt`` (or an empty one), counted in the text as it is.

    (Babel would keep one of two units with the same English and no context.) The header, the
    one unit with no English, needs none.
    """
    lines = raw.splitlines()
    context, first, count = b"", 0, 0
    for at, line in enumerate(lines):
        keyword = _PO_KEYWORD.match(line.strip())
        if keyword is None:
            continue  # (comments, '#~' and '#|' lines too)
        if keyword.group(1) == b"msgctxt":
            context = _text_at(lines, at, keyword)
        elif keyword.group(1) == b"msgid":
            if not context and _text_at(lines, at, keyword):
                count += 1
                first = first or at + 1
            context = b""
    return ContextsLost(first, count) if count else None


def _repeated_context(raw: bytes) -> str | None:
    """``line:message`` for a ``msgctxt`` the PO file has twice (Babel would keep one)."""
    lines = raw.splitlines()
    seen: dict[bytes, int] = {}
    for i, line in enumerate(lines):
        keyword = _CONTEXT.match(line)
        if keyword is None:
            continue
        value, j = line[keyword.end() :].strip(), i + 1
        while j < len(lines) and lines[j].lstrip().startswith(b'"'):  # (wrapped on lines)
            value, j = value + lines[j].strip(), j + 1
        if value in seen:
            shown = value.decode("utf-8", "replace")[:80]
            first = seen[value]
            return f"{i + 1}:the context {shown} is in this file twice (first on line {first})"
        seen[value] = i + 1
    return None


def read_po(path: Path) -> tuple[str | None, list[ImportedUnit]]:
    """(the header's language, the units) of a PO file; ValueError with a line on bad syntax.

    :class:`ContextsLost` (a ValueError) when units have no ``msgctxt``.
    """
    raw = path.read_bytes()
    raw = raw.removeprefix(b"\xef\xbb\xbf")  # (a byte-order mark: Windows' Notepad writes one)
    wrong = _bad_string(raw)
    if wrong is not None:
        raise ValueError(wrong)
    lost = _lost_contexts(raw)
    if lost is not None:
        raise lost
    wrong = _repeated_context(raw)
    if wrong is not None:
        raise ValueError(wrong)
    try:
        catalog = pofile.read_po(io.BytesIO(raw), abort_invalid=True)
    except pofile.PoFileError as exc:
        raise ValueError(f"{getattr(exc, 'lineno', 0)}:{exc}") from None
    except UnicodeDecodeError as exc:  # (Babel decodes line by line: find that line)
        at = raw.find(exc.object)
        line = raw.count(b"\n", 0, at + exc.start) + 1 if at >= 0 else 1
        raise ValueError(
            f"{line}:this line is not {exc.encoding} (byte {exc.object[exc.start]:#04x}); "
            "save the file as UTF-8"
        ) from None
    language = catalog.mime_headers and dict(catalog.mime_headers).get("Language")
    found = []
    for message in catalog:
        if not message.id:
            continue
        target = message.string
        source = message.id
        if not isinstance(source, str) or not isinstance(target, str):
            raise ValueError(f"{message.lineno}:plural entries are not used here")
        found.append(
            ImportedUnit(
                message.context or "",
                source,
                target,
                bool(message.fuzzy),
                max(1, (message.lineno or 1) - (1 if message.context else 0)),  # the msgctxt line
                _base([*message.auto_comments, *message.user_comments]),
            )
        )
    return (language or None), found


_MARK = re.compile(r"[0-9a-f]{16}|none")  # what exchange.page_mark writes


def _base(notes: list[str]) -> str | None:
    """The page's mark at export that a unit's comments or notes record (None: none does).

    Only a mark as the export writes it: a note a tool joined to others, or changed, is none.
    """
    for note in notes:
        text = note.strip()
        if text.startswith(PAGE_NOTE) and _MARK.fullmatch(mark := text[len(PAGE_NOTE) :]):
            return mark
    return None


def _q(tag: str) -> str:
    return f"{{{XLIFF_NS}}}{tag}"


def write_xliff(path: Path, pages: list[ExportPage], locale: str) -> None:
    """An XLIFF 1.2 file of one topic's pages for ``locale``."""
    ET.register_namespace("", XLIFF_NS)
    root = ET.Element(_q("xliff"), {"version": "1.2"})
    for page in pages:
        file_el = ET.SubElement(
            root,
            _q("file"),
            {
                "original": f"{page.page_id}.md",
                "source-language": "en",
                "target-language": locale,
                "datatype": "x-markdown",
                "tool-id": "rightsguide",
            },
        )
        header = ET.SubElement(file_el, _q("header"))
        ET.SubElement(
            header,
            _q("tool"),
            {"tool-id": "rightsguide", "tool-name": "rightsguide", "tool-version": __version__},
        )
        if page.provenance:
            ET.SubElement(header, _q("note")).text = f"translation made by: {page.provenance}"
        body = ET.SubElement(file_el, _q("body"))
        for item in page.units:
            unit = ET.SubElement(
                body,
                _q("trans-unit"),
                {"id": item.context, "resname": item.context, f"{{{XML_NS}}}space": "preserve"},
            )
            ET.SubElement(unit, _q("source")).text = item.source
            if item.target:
                state = "needs-translation" if item.fuzzy else "translated"
                ET.SubElement(unit, _q("target"), {"state": state}).text = item.target
            notes = [f"{item.unit.kind} in section {item.unit.section}", *item.notes]
            if item.fuzzy and item.previous is not None:
                notes.append(f"previous English: {item.previous}")
            notes.append(PAGE_NOTE + page_mark(item.page_text))
            for text in notes:
                ET.SubElement(unit, _q("note"), {"from": "rightsguide"}).text = text
    ET.indent(root)
    path.parent.mkdir(parents=True, exist_ok=True)
    data = ET.tostring(root, encoding="unicode", xml_declaration=False)
    path.write_text('<?xml version="1.0" encoding="UTF-8"?>\n' + data + "\n", encoding="utf-8")


def _line_of(raw: str, context: str) -> int:
    at = raw.find(f'id="{_xml_attr(context)}"')
    return raw.count("\n", 0, at) + 1 if at >= 0 else 1


def _xml_attr(text: str) -> str:
    return text.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")


def _text(el: ET.Element | None) -> str:
    if el is None:
        return ""
    if len(el):
        raise ValueError("inline XLIFF tags are not used here: keep the markdown as text")
    return el.text or ""


def read_xliff(path: Path) -> tuple[str | None, list[ImportedUnit]]:
    """(the target language, the units) of an XLIFF 1.2 file; ValueError naming a line."""
    data = path.read_bytes()
    try:
        root = ET.fromstring(data)  # (bytes: the parser follows the file's own encoding)
    except ET.ParseError as exc:
        raise ValueError(f"{exc.position[0]}:not valid XML: {exc}") from None
    utf16 = data.startswith((b"\xff\xfe", b"\xfe\xff"))
    raw = data.decode("utf-16" if utf16 else "utf-8-sig", errors="replace")  # (for lines)
    if root.tag != _q("xliff"):
        raise ValueError("1:not an XLIFF 1.2 file (urn:oasis:names:tc:xliff:document:1.2)")
    language = None
    found = []
    for file_el in root.iter(_q("file")):
        this = file_el.get("target-language")
        if this and language and this != language:
            raise ValueError(
                f"1:its files are for two languages ({language}, {this}): one file a language"
            )
        language = this or language
        for unit in file_el.iter(_q("trans-unit")):
            context = unit.get("resname") or unit.get("id") or ""
            line = _line_of(raw, unit.get("id") or "")
            if unit.get("resname") and unit.get("id") and unit.get("resname") != unit.get("id"):
                raise ValueError(  # (the export writes both the same: a tool changed one)
                    f"{line}:this unit's id and resname differ ({unit.get('id')!r}, "
                    f"{unit.get('resname')!r}); export again and keep both as they are"
                )
            target_el = unit.find(_q("target"))
            try:
                source, target = _text(unit.find(_q("source"))), _text(target_el)
            except ValueError as exc:
                raise ValueError(f"{line}:{exc}") from None
            state = target_el.get("state", "translated") if target_el is not None else "new"
            fuzzy = bool(target) and (
                state in FUZZY_STATES
                or state in FUZZY_STATES_REVIEW
                or unit.get("approved") == "no"
            )
            # the unit's own notes (not those a tool put in <alt-trans> from older versions)
            notes = [el.text or "" for el in unit.findall(_q("note"))]
            found.append(ImportedUnit(context, source, target, fuzzy, line, _base(notes)))
    return language, found


def _xml_safe(text: str) -> str:
    return re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f]", "", text)


def write_tbx(path: Path, pairs: list[tuple[str, str]], locale: str) -> None:
    """The glossary as TBX: one ``termEntry`` per English term with the word to use."""
    root = ET.Element("martif", {"type": "TBX", f"{{{XML_NS}}}lang": "en"})
    header = ET.SubElement(root, "martifHeader")
    desc = ET.SubElement(ET.SubElement(header, "fileDesc"), "sourceDesc")
    ET.SubElement(desc, "p").text = f"rightsguide glossary, English to {locale}"
    body = ET.SubElement(ET.SubElement(root, "text"), "body")
    for number, (english, use) in enumerate(pairs, start=1):
        entry = ET.SubElement(body, "termEntry", {"id": f"term-{number}"})
        for lang, term in (("en", english), (locale, use)):
            lang_set = ET.SubElement(entry, "langSet", {f"{{{XML_NS}}}lang": lang})
            ET.SubElement(ET.SubElement(lang_set, "tig"), "term").text = _xml_safe(term)
    ET.indent(root)
    path.parent.mkdir(parents=True, exist_ok=True)
    data = ET.tostring(root, encoding="unicode")
    path.write_text('<?xml version="1.0" encoding="UTF-8"?>\n' + data + "\n", encoding="utf-8")


def write_glossary_csv(path: Path, pairs: list[tuple[str, str]]) -> None:
    """The glossary as CSV with the columns Weblate's glossary upload reads (source, target)."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(["source", "target"])
    writer.writerows(pairs)
    path.write_text(buf.getvalue(), encoding="utf-8")
