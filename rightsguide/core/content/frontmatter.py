"""Split a page file into YAML front matter and markdown body, and validate the front matter.

The file must start with a line ``---``, then YAML, then another ``---`` line. YAML is read with
PyYAML's safe loader only (no tags that build objects). Every validation error names the line of
the offending key, counting from 1 at the top of the file, and every problem of a file is
reported at once (:class:`FrontMatterErrors`): unknown keys (with a "did you mean"), wrong
types, missing fields. A YAML syntax error says what to change.
"""

from __future__ import annotations

import datetime as dt
import difflib
import functools
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import yaml

from rightsguide.core.content import yamlfile
from rightsguide.core.errors import ContentError
from rightsguide.core.model import (
    SOURCE_KINDS,
    PageMeta,
    Provenance,
    Review,
    ReviewLevel,
    Source,
    Translation,
)

MAX_FILE_BYTES = 1_000_000
# libyaml's safe loader when PyYAML was built with it (ten times faster), else the Python one.
T = TypeVar("T")
SAFE_LOADER: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

# the keys each block may have (docs/content-format.md)
PAGE_KEYS = (
    "title",
    "summary",
    "order",
    "keywords",
    "reviewed",
    "valid_until",
    "sources",
    "icon",
    "translation",
)
REVIEW_KEYS = ("on", "by", "level")
SOURCE_KEYS = ("title", "url", "accessed", "kind")
TRANSLATION_KEYS = ("from", "provenance", "source_hashes")


class FrontMatterErrors(ContentError):
    """Every problem of one file's front matter; the first one is the error's own."""

    def __init__(self, errors: list[ContentError]) -> None:
        first = errors[0]
        super().__init__(first.path, first.line, first.message)
        self.errors = errors


def decode(raw: bytes, path: Path) -> str:
    r"""Decode UTF-8 (a byte-order mark is allowed) and normalise line ends to ``\\n``."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise ContentError(
            path, line, "the file is not valid UTF-8 text; save it as UTF-8"
        ) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def split(text: str, path: Path) -> tuple[str, str, int]:
    """Return (yaml text, body, 1-based line where the body starts)."""
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        raise ContentError(path, 1, "the file must start with a '---' line and front matter")
    for i in range(1, len(lines)):
        if lines[i].strip() == "---":
            return "\n".join(lines[1:i]), "\n".join(lines[i + 1 :]), i + 2
    raise ContentError(path, 1, "the front matter has no closing '---' line")


class _Fields:
    """Validates a YAML mapping node by node, so errors can name the line of a key."""

    def __init__(
        self,
        node: yaml.MappingNode,
        data: dict[Any, Any],
        path: Path,
        where: str,
        errors: list[ContentError] | None = None,
    ) -> None:
        # YAML 1.1 reads the key `on:` as the boolean True; give it back its name.
        if True in data and "on" not in data:
            data = {("on" if k is True else k): v for k, v in data.items()}
        self.node, self.data, self.path, self.where = node, data, path, where
        self.errors: list[ContentError] = [] if errors is None else errors

    def unknown(self, allowed: tuple[str, ...]) -> None:
        """Record every key that is not in ``allowed`` (with the nearest allowed one) or twice."""
        seen: set[object] = set()
        for key_node, _value in self.node.value:
            key = getattr(key_node, "value", None)
            if key in seen:
                self.errors.append(
                    ContentError(
                        self.path,
                        int(key_node.start_mark.line) + 2,
                        f"{self.where}{key}: this key is written twice; keep one",
                    )
                )
            seen.add(key)
            if key in allowed or key == "<<" or (key is True and "on" in allowed):
                continue
            close = difflib.get_close_matches(str(key), allowed, n=1, cutoff=0.6)
            hint = f": did you mean '{close[0]}'?" if close else f"; allowed: {', '.join(allowed)}"
            self.errors.append(
                ContentError(
                    self.path,
                    int(key_node.start_mark.line) + 2,
                    f"{self.where}{key}: unknown key{hint}",
                )
            )

    def keep(self, read: Callable[[], T], default: T) -> T:
        """``read()``, or ``default`` with its error recorded (so the next field is read too)."""
        try:
            return read()
        except ContentError as exc:
            self.errors.append(exc)
            return default

    def line(self, key: str) -> int:
        for key_node, _value in self.node.value:
            if getattr(key_node, "value", None) == key:
                return int(key_node.start_mark.line) + 2
        return int(self.node.start_mark.line) + 2

    def fail(self, key: str, message: str) -> ContentError:
        return ContentError(self.path, self.line(key), f"{self.where}{key}: {message}")

    def sub(self, key: str) -> _Fields:
        for key_node, value in self.node.value:
            if getattr(key_node, "value", None) == key and isinstance(value, yaml.MappingNode):
                return _Fields(value, self.data[key], self.path, f"{self.where}{key}.", self.errors)
        raise self.fail(key, "must be a mapping of fields")

    def text(self, key: str, *, required: bool = True) -> str | None:
        value = self.data.get(key)
        if value is None and not required:
            return None
        if not isinstance(value, str) or not value.strip():
            raise self.fail(key, "is required and must be text" if required else "must be text")
        return value.strip()

    def date(self, key: str, *, required: bool = True) -> dt.date | None:
        value = self.data.get(key)
        if value is None and not required:
            return None
        if isinstance(value, dt.datetime) or not isinstance(value, dt.date):
            raise self.fail(key, "must be a date written as YYYY-MM-DD")
        return value

    def integer(self, key: str, default: int) -> int:
        value = self.data.get(key, default)
        if isinstance(value, bool) or not isinstance(value, int):
            raise self.fail(key, "must be a whole number")
        return value

    def text_list(self, key: str) -> tuple[str, ...]:
        value = self.data.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise self.fail(key, "must be a list of words, like [battery, charger]")
        return tuple(v.strip() for v in value)

    def enum_value(self, key: str, allowed: tuple[str, ...]) -> str:
        value = self.data.get(key)
        if value not in allowed:
            raise self.fail(key, f"must be one of: {', '.join(allowed)}")
        return str(value)


def _sources(fields: _Fields) -> tuple[Source, ...]:
    raw = fields.data.get("sources", [])
    if not isinstance(raw, list):
        raise fields.fail("sources", "must be a list of sources, each with title and url")
    seq = next((v for k, v in fields.node.value if getattr(k, "value", None) == "sources"), None)
    out = []
    for i, item in enumerate(raw):
        node = seq.value[i] if isinstance(seq, yaml.SequenceNode) else None
        if not isinstance(item, dict) or not isinstance(node, yaml.MappingNode):
            fields.errors.append(fields.fail("sources", f"entry {i + 1} must have title and url"))
            continue
        sub = _Fields(node, item, fields.path, f"sources[{i + 1}].", fields.errors)
        sub.unknown(SOURCE_KEYS)
        title = sub.keep(functools.partial(sub.text, "title"), None)
        url = sub.keep(functools.partial(sub.text, "url"), None)
        accessed = sub.keep(functools.partial(sub.date, "accessed", required=False), None)
        kind = None
        if "kind" in item:
            kind = sub.keep(functools.partial(sub.enum_value, "kind", SOURCE_KINDS), None)
        out.append(
            Source(
                title=title or "",
                url=url or "",
                accessed=accessed,
                kind=kind,
                line=int(node.start_mark.line) + 2,
            )
        )
    return tuple(out)


def _translation(fields: _Fields) -> Translation | None:
    if "translation" not in fields.data:
        return None
    sub = fields.sub("translation")
    sub.unknown(TRANSLATION_KEYS)
    source_locale = sub.keep(lambda: sub.text("from"), None) or ""
    provenance = sub.keep(
        lambda: Provenance(sub.enum_value("provenance", tuple(p.value for p in Provenance))),
        Provenance.MACHINE,
    )
    hashes = sub.data.get("source_hashes") or {}
    if not isinstance(hashes, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in hashes.items()
    ):
        raise sub.fail("source_hashes", "is written by 'rightsguide stamp'; do not edit it by hand")
    return Translation(source_locale, provenance, dict(hashes))


def _key_and_value(line: str) -> tuple[str, str]:
    key, _, value = line.strip().lstrip("- ").partition(":")
    return key.strip() or "value", value.strip()


def no_closing_quote(line: str) -> str:
    """What to change when the value on ``line`` (the line's text) opens a quote it never closes."""
    key, value = _key_and_value(line)
    first = value[:1]
    return (
        f"the {key} starts with {first!r} but has no closing {first!r}: "
        f"end the {key} with {first!r} on the same line"
    )


# how a quote inside a value in quotes is written, by the value's first character
_INNER_QUOTE = {
    "'": "; a \"'\" inside a value in single quotes is written twice ('')",
    '"': "; a '\"' inside a value in double quotes is written \\\"",
}


def yaml_advice(exc: yaml.YAMLError, line: str) -> str:
    """What to change, in words, for a YAML error found on ``line`` (the line's text).

    Both PyYAML's messages and libyaml's (a little different) are recognised.
    """
    problem = str(getattr(exc, "problem", "") or "")
    context = str(getattr(exc, "context", "") or "")
    key, value = _key_and_value(line)
    quote = f'put the {key} in quotes, like {key}: "..."'
    first = value[:1]
    unfinished = "expected <block end>" in problem or "did not find expected key" in problem
    inner = _INNER_QUOTE.get(first, "")
    rules = [
        ("given twice" in problem, f"{problem}: keep one of them"),
        ("mapping values are not allowed" in problem, f"{quote}: it contains ': '"),
        ("tab" in problem or "'\\t'" in problem, "this line is indented with a tab: use spaces"),
        (
            "cannot start any token" in problem or "undefined alias" in problem,
            f"{quote}: it starts with '{first or '?'}'",
        ),
        ("quoted scalar" in context and "end of stream" in problem, no_closing_quote(line)),
        (
            "quoted scalar" in context,
            f"a quote is not closed: end the {key} with the same quote it starts with",
        ),
        (
            "flow sequence" in context or "flow mapping" in context,
            "the list or mapping that starts on this line is not closed: end it with ']' or "
            f"'}}', or {quote} if it is text",
        ),
        (
            unfinished and first in ("'", '"', "[", "{"),
            f"{quote}: it starts with {first!r} but goes on after it ends{inner}",
        ),
        (unfinished, "check the indentation: the keys of one block start in the same column"),
    ]
    advice = next((message for matches, message in rules if matches), None)
    return (
        advice
        or f"{problem or 'cannot read it'}; if a value contains ':', '#', '[' or '{{', {quote}"
    )


def _run_on_quote(yaml_text: str, exc: yaml.YAMLError) -> int | None:
    """The 0-based line of a value whose unclosed quote the error comes from, or None.

    A quote not closed on its line does not end there: YAML reads on over the next keys, up to
    the next quote of that kind (in another value), and the error comes just after that quote,
    lines further down. So when the error stands on the line where a quoted value that ran
    over a line end stopped, it is that value's: the scanner finds where it started.
    """
    mark = getattr(exc, "problem_mark", None)
    if mark is None:
        return None
    last: yaml.ScalarToken | None = None
    try:
        for token in yaml.scan(yaml_text, Loader=yaml.SafeLoader):
            if token.start_mark.index >= mark.index:
                break
            if isinstance(token, yaml.ScalarToken):
                last = token
    except yaml.YAMLError:
        pass  # (the tokens before the error are all that is needed)
    if last is None or last.style not in ("'", '"'):
        return None
    start, end = int(last.start_mark.line), int(last.end_mark.line)
    if not start < end == int(mark.line):
        return None
    # a quoted value may go on over lines on purpose: it ran on only if it swallowed a key
    raw = yaml_text[last.start_mark.index : last.end_mark.index].split("\n")[1:]
    return start if any(_KEY_LINE.match(line) for line in raw) else None


_KEY_LINE = re.compile(r"\s*[A-Za-z_][\w-]*:(\s|$)")  # "summary: ..." inside a quoted value


def _syntax_error(yaml_text: str, exc: yaml.YAMLError, path: Path) -> ContentError:
    """The error to report for YAML that does not parse, at the line where to look."""
    lines = yaml_text.split("\n")
    quoted = _run_on_quote(yaml_text, exc)
    if quoted is not None:
        advice = no_closing_quote(lines[quoted])
        return ContentError(path, quoted + 2, f"the front matter is not valid YAML: {advice}")
    # the start of the broken construct (an unclosed bracket...) is where to look first
    mark = yamlfile.error_mark(exc)
    line = (int(mark.line) + 2) if mark is not None else 1
    last = len(yaml_text.rstrip().split("\n")) + 1  # file line of the last YAML line
    line = min(line, last)  # "unexpected end": point at the last line, not the '---'
    text_line = lines[line - 2] if 2 <= line <= last else ""  # noqa: PLR2004
    return ContentError(
        path, line, f"the front matter is not valid YAML: {yaml_advice(exc, text_line)}"
    )


def _compose(yaml_text: str, path: Path) -> tuple[yaml.MappingNode, dict[str, Any]]:
    try:
        node, data = yamlfile.node_and_data(yaml_text, SAFE_LOADER, first_line=2)
    except yaml.YAMLError as exc:
        raise _syntax_error(yaml_text, exc, path) from None
    if not isinstance(node, yaml.MappingNode) or not isinstance(data, dict):
        raise ContentError(path, 2, "the front matter must be 'key: value' lines")
    return node, data


def _review(fields: _Fields) -> Review:
    review = fields.sub("reviewed")
    review.unknown(REVIEW_KEYS)
    on = review.keep(lambda: review.date("on"), None)
    by = review.keep(lambda: review.text("by"), None)
    level = review.keep(
        lambda: ReviewLevel(review.enum_value("level", tuple(lv.value for lv in ReviewLevel))),
        ReviewLevel.EDITORIAL,
    )
    return Review(on=on or dt.date.min, by=by or "", level=level)


def parse_meta(yaml_text: str, path: Path) -> PageMeta:
    """Validate front matter into :class:`PageMeta`; raise :class:`FrontMatterErrors` if not.

    Every field is read even after a problem, so one run reports all of a file's problems.
    """
    node, data = _compose(yaml_text, path)
    fields = _Fields(node, data, path, "")
    fields.unknown(PAGE_KEYS)
    meta = PageMeta(
        title=fields.keep(lambda: fields.text("title"), None) or "",
        summary=fields.keep(lambda: fields.text("summary"), None) or "",
        order=fields.keep(lambda: fields.integer("order", 100), 100),
        reviewed=fields.keep(
            lambda: _review(fields), Review(dt.date.min, "", ReviewLevel.EDITORIAL)
        ),
        keywords=fields.keep(lambda: fields.text_list("keywords"), ()),
        sources=fields.keep(lambda: _sources(fields), ()),
        valid_until=fields.keep(lambda: fields.date("valid_until", required=False), None),
        icon=fields.keep(lambda: fields.text("icon", required=False), None),
        translation=fields.keep(lambda: _translation(fields), None),
    )
    if fields.errors:
        raise FrontMatterErrors(sorted(fields.errors, key=lambda e: e.line))
    return meta
