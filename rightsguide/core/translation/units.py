"""A page as translation units: the pieces a translator translates, and nothing else.

The body is parsed with markdown-it-py (CommonMark plus tables and ``!!!`` call-outs, the
constructs of the content format), whose tokens carry the source lines they came from. Each
inline run becomes one unit: a heading's text (without ``{#id}``), a paragraph (at the top, in a
list item or in a call-out), a table cell, a call-out's quoted title. Title, summary and the
keyword list (as one comma-separated unit) come from the front matter. Everything else (ids,
markers, indentation, list and table syntax, other front-matter keys) is structure: it is never
in a unit, and :func:`rebuild` takes it from a skeleton file. Inline markup (links, emphasis,
code) stays inside the unit as markup.

A unit's key is ``<section id>/<piece>``; the piece names the block's place inside its section
(``p2``, ``ol3.2``, ``warning4.title``, ``table5.r2.c1``), so editing one unit never renames
another. Cells that hold only numbers (phone numbers, ``911``) are structure, not units.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

import yaml
from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.admon import admon_plugin

from rightsguide.core.content import frontmatter, sections
from rightsguide.core.errors import ContentError
from rightsguide.core.translation import consistency

_MD = MarkdownIt("commonmark").enable("table").use(admon_plugin)
_HEADING_RE = re.compile(r"^(\s*#{1,6}\s+)(.*?)(\s*\{#[^}\s]+\}\s*)?$")
_TITLE_RE = re.compile(r'^(\s*!!!\s*\S+\s+")(.*)("\s*)$')
_LINK_RE = consistency.LINK_RE  # (what check compares, found the same way)
_AUTOLINK_RE = consistency.AUTOLINK_RE
_NUMBER_RE = re.compile(r"\d+(?:[.,:-]\d+)*")
_FORM_RE = re.compile(r"\b[A-Z]{1,4}-\d+[A-Z]?\b")
_ONLY_STRUCTURE_RE = re.compile(r"^[\d\s()+.,:/-]*$")
META_KEYS = ("title", "summary", "keywords")


@dataclass(frozen=True, slots=True)
class Unit:
    """One translatable piece of a page file."""

    key: str  # "<section>/<piece>", unique in the page
    section: str  # the section id whose hash it belongs to (``_meta`` for the front matter)
    kind: str  # title, summary, keywords, heading, paragraph, item, cell, callout-title
    text: str
    line: int  # 0-based first line in the file
    end: int  # 0-based line after the unit


@dataclass(frozen=True, slots=True)
class PageUnits:
    """A page file split into units, with the lines it was split from."""

    path: Path
    lines: tuple[str, ...]
    units: tuple[Unit, ...]
    body_start: int  # 0-based line of the first body line

    def by_key(self) -> dict[str, Unit]:
        """Units by key."""
        return {u.key: u for u in self.units}

    def keys(self) -> list[str]:
        """Keys in file order."""
        return [u.key for u in self.units]


def numbers(text: str) -> list[str]:
    """The numbers of a text in order, as :func:`protected` finds them (not in links or forms)."""
    rest = _AUTOLINK_RE.sub("", _LINK_RE.sub("]()", text))
    return _NUMBER_RE.findall(_FORM_RE.sub("", rest))


def protected(text: str) -> list[str]:
    """What a translation must keep exactly: link targets, numbers and form names, sorted.

    Link targets are those of inline links and images, ``[text](target)``, and of autolinks,
    ``<https://...>`` (a link definition, ``[a]: target``, may not stand in a unit at all).
    """
    links = _LINK_RE.findall(text) + _AUTOLINK_RE.findall(text)
    rest = _AUTOLINK_RE.sub("", _LINK_RE.sub("]()", text))
    return sorted(
        [f"link {t}" for t in links]
        + [f"form {f}" for f in _FORM_RE.findall(rest)]
        + [f"number {n}" for n in _NUMBER_RE.findall(_FORM_RE.sub("", rest))]
    )


def _meta_units(yaml_lines: list[str], path: Path) -> list[Unit]:
    meta = frontmatter.parse_meta("\n".join(yaml_lines), path)
    found = []
    values = {
        "title": meta.title,
        "summary": meta.summary,
        "keywords": ", ".join(meta.keywords),
    }
    for key in META_KEYS:
        start = next((i for i, ln in enumerate(yaml_lines) if ln.startswith(f"{key}:")), None)
        if start is None or not values[key]:
            continue
        end = start + 1
        while end < len(yaml_lines) and yaml_lines[end].startswith((" ", "\t")):
            end += 1
        found.append(Unit(f"_meta/{key}", sections.META, key, values[key], start + 1, end + 1))
    return found


def _section_of_lines(body_lines: list[str]) -> list[str]:
    """The section id of every body line, as :func:`sections.split_sections` assigns them."""
    result = []
    current = sections.LEAD
    fenced = False
    for line in body_lines:
        if ("```" in line or "~~~" in line) and line.lstrip().startswith(("```", "~~~")):
            fenced = not fenced
        if not fenced and line.startswith("##"):
            match = sections.HEADING_RE.match(line)
            if match is not None:
                current = match.group(2)
        result.append(current)
    return result


class _Walker:
    """Turns the token stream of a body into units with structural keys."""

    def __init__(self, tokens: list[Token], offset: int, section_of: list[str]) -> None:
        self.tokens, self.offset, self.section_of = tokens, offset, section_of
        self.units: list[Unit] = []
        self.counter: dict[str, int] = {}

    def _add(  # noqa: PLR0917 - the fields of a Unit
        self, key: str, kind: str, text: str, start: int, end: int, section: str
    ) -> None:
        self.units.append(
            Unit(f"{section}/{key}", section, kind, text, start + self.offset, end + self.offset)
        )

    def walk(self) -> list[Unit]:
        tokens = self.tokens
        stack: list[str] = []  # keys of the open containers
        children: list[int] = [0]  # child counters of the open containers
        i = 0
        while i < len(tokens):
            tok = tokens[i]
            if tok.nesting == 1 and tok.level == 0 and tok.map is not None:
                section = self.section_of[tok.map[0]]
                if self.counter.get("_section") != hash(section):
                    self.counter["_section"] = hash(section)
                    children[0] = 0
                self._section = section
            if tok.type in ("table_open",):
                i = self._table(i, stack, children)
                continue
            if tok.nesting == 1:
                children[-1] += 1
                name = {
                    "paragraph_open": "p",
                    "heading_open": "h",
                    "bullet_list_open": "ul",
                    "ordered_list_open": "ol",
                    "list_item_open": "",
                    "admonition_open": str(tok.meta.get("tag", "callout")),
                    "admonition_title_open": "title",
                    "blockquote_open": "quote",
                }.get(tok.type, tok.tag)
                key = f"{name}{children[-1]}" if name != "title" else "title"
                if tok.type == "list_item_open":
                    key = str(children[-1])
                if tok.type == "admonition_title_open":
                    children[-1] -= 1
                stack.append(key)
                children.append(0)
            elif tok.nesting == -1:
                stack.pop()
                children.pop()
            elif tok.type == "inline" and tok.map is not None:
                self._inline(tok, tokens[i - 1], stack)
            i += 1
        return self.units

    def _inline(self, tok: Token, opener: Token, stack: list[str]) -> None:
        assert tok.map is not None
        key = ".".join(stack)
        start, end = tok.map
        section = self._section
        if opener.type == "heading_open":
            text = _HEADING_RE.match(self._line(start))
            if text is not None and text[2]:
                self._add(key, "heading", text[2], start, end, section)
        elif opener.type == "admonition_title_open":
            match = _TITLE_RE.match(self._line(start))
            if match is not None and match[2]:
                self._add(key, "callout-title", match[2], start, end, section)
        elif tok.content.strip():
            kind = "paragraph"
            if any(part.isdigit() for part in stack):
                kind = "item"
            elif len(stack) > 1:
                kind = "callout-body"
            self._add(key, kind, tok.content, start, end, section)

    def _line(self, index: int) -> str:
        return self.lines[index]

    def _table(self, i: int, stack: list[str], children: list[int]) -> int:
        children[-1] += 1
        table_key = ".".join([*stack, f"table{children[-1]}"])
        row = 0
        cell = 0
        section = self._section
        while self.tokens[i].type != "table_close":
            tok = self.tokens[i]
            if tok.type == "tr_open":
                row, cell = row + 1, 0
            elif tok.type == "inline" and tok.map is not None:
                cell += 1
                if not _ONLY_STRUCTURE_RE.match(tok.content):
                    self._add(
                        f"{table_key}.r{row}.c{cell}",
                        "cell",
                        tok.content,
                        tok.map[0],
                        tok.map[1],
                        section,
                    )
            i += 1
        return i + 1

    lines: list[str]


def split_page(path: Path, text: str | None = None) -> PageUnits:
    """The units of a page file; raise ContentError for a file that is not a page."""
    if text is None:
        text = frontmatter.decode(path.read_bytes(), path)
    lines = text.split("\n")
    _yaml, body, body_line = frontmatter.split(text, path)
    units = _meta_units(lines[1 : body_line - 2], path)
    body_lines = lines[body_line - 1 :]
    walker = _Walker(_MD.parse(body), body_line - 1, _section_of_lines(body_lines))
    walker.lines = body_lines
    walker.offset = body_line - 1
    units += walker.walk()
    keys = [u.key for u in units]
    if len(set(keys)) != len(keys):
        raise ContentError(path, body_line, "two pieces of this page have the same key")
    return PageUnits(path, tuple(lines), tuple(units), body_line - 1)


# --- writing units back -------------------------------------------------------------------------


def _yaml_scalar(text: str, *, in_list: bool = False) -> str:
    """``text`` as a YAML scalar: as it is when YAML reads it back so, else quoted.

    ``in_list``: an item of a ``[...]`` list, where ``[ ] { } ,`` end a plain scalar and ``?``
    starts a mapping: anything but words is quoted there.
    """
    try:
        plain = yaml.safe_load(text) == text and "\n" not in text and ": " not in text
    except yaml.YAMLError:
        plain = False
    if in_list and not re.fullmatch(r"[^\W_][\w .'-]*", text):
        plain = False  # (in a [...] list, more than letters, digits and spaces is quoted)
    return (
        text
        if plain and not text.startswith(("'", '"', "[", "{", "-", "&", "*", "!"))
        else (json.dumps(text, ensure_ascii=False))
    )


def _meta_lines(unit: Unit, text: str) -> list[str]:
    if unit.kind == "keywords":
        words = [w.strip() for w in re.split(r"[,，、]", text) if w.strip()]
        return [f"keywords: [{', '.join(_yaml_scalar(w, in_list=True) for w in words)}]"]
    return [f"{unit.kind}: {_yaml_scalar(text)}"]


def _replace_cell(line: str, old: str, new: str, index: int) -> str:
    parts = re.split(r"(?<!\\)\|", line)
    cells = parts[1:-1] if line.strip().startswith("|") else parts
    offset = 1 if line.strip().startswith("|") else 0
    target = cells[index - 1] if 0 < index <= len(cells) else ""
    if target.strip() != old:
        raise ValueError("table row does not match")
    parts[index - 1 + offset] = target.replace(old, new.replace("|", "\\|"), 1)
    return "|".join(parts)


def _body_lines(lines: list[str], unit: Unit, text: str) -> list[str]:
    first = lines[unit.line]
    if unit.kind == "heading":
        match = _HEADING_RE.match(first)
        assert match is not None
        return [match[1] + text + (match[3] or "")]
    if unit.kind == "callout-title":
        match = _TITLE_RE.match(first)
        assert match is not None
        return [match[1] + text.replace('"', "\u201d") + match[3]]
    if unit.kind == "cell":
        cell = int(unit.key.rsplit(".c", 1)[1])
        return [_replace_cell(first, unit.text, text, cell)]
    head = unit.text.split("\n", 1)[0]
    at = first.find(head)
    prefix = first[:at] if at >= 0 else first[: len(first) - len(first.lstrip())]
    indent = " " * len(prefix) if prefix.strip() else prefix
    new = text.split("\n")
    return [prefix + new[0]] + [indent + ln for ln in new[1:]]


def rebuild(skeleton: PageUnits, texts: dict[str, str]) -> list[str]:
    """The skeleton's lines with each unit's text replaced by ``texts[key]`` (when given).

    A unit whose new text equals its current text keeps its lines byte for byte.
    """
    lines = list(skeleton.lines)
    # replace from the bottom so earlier line numbers stay valid; cells share a line
    for unit in sorted(skeleton.units, key=lambda u: (u.line, u.key), reverse=True):
        new = texts.get(unit.key)
        if new is None or new == unit.text:
            continue
        if unit.section == sections.META:
            replacement = _meta_lines(unit, new)
        else:
            replacement = _body_lines(lines, unit, new)
        lines[unit.line : unit.end] = replacement
    return lines
