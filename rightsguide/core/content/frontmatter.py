"""Split a page file into YAML front matter and markdown body, and validate the front matter.

The file must start with a line ``---``, then YAML, then another ``---`` line. YAML is read with
PyYAML's safe loader only (no tags that build objects). Every validation error names the line of
the offending key, counting from 1 at the top of the file.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import yaml

from rightsguide.core.content import yamlfile
from rightsguide.core.errors import ContentError
from rightsguide.core.model import PageMeta, Provenance, Review, ReviewLevel, Source, Translation

MAX_FILE_BYTES = 1_000_000
# libyaml's safe loader when PyYAML was built with it (ten times faster), else the Python one.
SAFE_LOADER: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


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
        self, node: yaml.MappingNode, data: dict[Any, Any], path: Path, where: str
    ) -> None:
        # YAML 1.1 reads the key `on:` as the boolean True; give it back its name.
        if True in data and "on" not in data:
            data = {("on" if k is True else k): v for k, v in data.items()}
        self.node, self.data, self.path, self.where = node, data, path, where

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
                return _Fields(value, self.data[key], self.path, f"{self.where}{key}.")
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
            raise fields.fail("sources", f"entry {i + 1} must have title and url")
        sub = _Fields(node, item, fields.path, f"sources[{i + 1}].")
        title, url = sub.text("title"), sub.text("url")
        assert title is not None
        assert url is not None
        out.append(Source(title=title, url=url, accessed=sub.date("accessed", required=False)))
    return tuple(out)


def _translation(fields: _Fields) -> Translation | None:
    if "translation" not in fields.data:
        return None
    sub = fields.sub("translation")
    source_locale = sub.text("from")
    assert source_locale is not None
    provenance = Provenance(sub.enum_value("provenance", tuple(p.value for p in Provenance)))
    hashes = sub.data.get("source_hashes") or {}
    if not isinstance(hashes, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in hashes.items()
    ):
        raise sub.fail("source_hashes", "is written by 'rightsguide stamp'; do not edit it by hand")
    return Translation(source_locale, provenance, dict(hashes))


def _compose(yaml_text: str, path: Path) -> tuple[yaml.MappingNode, dict[str, Any]]:
    try:
        node, data = yamlfile.node_and_data(yaml_text, SAFE_LOADER)
    except yaml.YAMLError as exc:
        # the start of the broken construct (an unclosed bracket...) is where to look first
        mark = getattr(exc, "context_mark", None) or getattr(exc, "problem_mark", None)
        line = (int(mark.line) + 2) if mark is not None else 1
        last = len(yaml_text.rstrip().split("\n")) + 1  # file line of the last YAML line
        line = min(line, last)  # "unexpected end": point at the last line, not the '---'
        problem = getattr(exc, "problem", None) or str(exc).split("\n")[0]
        raise ContentError(path, line, f"the front matter is not valid YAML ({problem})") from None
    if not isinstance(node, yaml.MappingNode) or not isinstance(data, dict):
        raise ContentError(path, 2, "the front matter must be 'key: value' lines")
    return node, data


def parse_meta(yaml_text: str, path: Path) -> PageMeta:
    """Validate front matter into :class:`PageMeta`, or raise ContentError naming the line."""
    node, data = _compose(yaml_text, path)
    fields = _Fields(node, data, path, "")
    title, summary = fields.text("title"), fields.text("summary")
    assert title is not None
    assert summary is not None
    review = fields.sub("reviewed")
    on, by = review.date("on"), review.text("by")
    assert on is not None
    assert by is not None
    level = ReviewLevel(review.enum_value("level", tuple(lv.value for lv in ReviewLevel)))
    return PageMeta(
        title=title,
        summary=summary,
        order=fields.integer("order", 100),
        reviewed=Review(on=on, by=by, level=level),
        keywords=fields.text_list("keywords"),
        sources=_sources(fields),
        valid_until=fields.date("valid_until", required=False),
        icon=fields.text("icon", required=False),
        translation=_translation(fields),
    )
