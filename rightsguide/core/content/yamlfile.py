"""The one way the app reads YAML: page front matter, locales.yaml, glossaries, kiosk and clinic.

Every file someone else may have written is read with the same limits, so a broken or hostile
file gives one ``file:line: message`` and never a traceback, a hang or an out-of-memory:

- only a regular file is opened (not ``/dev/zero``, a FIFO or a device), and at most
  ``limit + 1`` bytes are read, so a larger file is refused without reading it all;
- PyYAML's safe loader composes the node graph (libyaml's C loader when PyYAML has it: ten
  times faster); aliases are *not* expanded there, they are shared nodes;
- the graph is then walked, counting every node as it would be after expanding the aliases:
  more than :data:`MAX_NODES` nodes, :data:`MAX_ALIASES` alias uses or :data:`MAX_DEPTH` levels
  of nesting is refused (an alias bomb is refused after a few thousand steps);
- a key given twice in one mapping is an error (YAML says keys are unique; PyYAML keeps the last
  one, so ``require_signed: false`` further down would silently win);
- whole numbers longer than :data:`MAX_DIGITS` digits and dates that do not exist are errors
  with their line, before anything is built from them.

:func:`node_and_data` raises :class:`yaml.YAMLError` (so callers that report YAML errors with
their own wording keep doing so); :func:`parse`, :func:`load` and :func:`load_mapping` raise
:class:`~rightsguide.core.errors.ContentError`.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Any

import yaml

from rightsguide.core.content.source import ContentSource
from rightsguide.core.errors import ContentError

# libyaml's safe loader when PyYAML was built with it (ten times faster), else the Python one.
SAFE_LOADER: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
MAX_CONFIG_BYTES = 256 * 1024  # kiosk.yaml, clinic.yaml, locales.yaml, glossary.yaml
MAX_NODES = 20_000  # scalars, lists and mappings, counted with aliases expanded
MAX_ALIASES = 100  # uses of ``*name``
MAX_DEPTH = 32  # lists and mappings inside each other
MAX_DIGITS = 18  # a whole number with more digits is a mistake (or an attack), not a setting
MAX_FLOAT_CHARS = 32
_INT, _FLOAT = "tag:yaml.org,2002:int", "tag:yaml.org,2002:float"
_TIMESTAMP, _MERGE = "tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:merge"


class Refused(yaml.MarkedYAMLError):
    """The YAML is well formed but breaks one of this module's limits (``problem``, at a mark)."""

    def __init__(self, problem: str, mark: yaml.Mark | None) -> None:
        super().__init__(problem=problem, problem_mark=mark)


def read_bytes(path: Path, limit: int, what: str = "file") -> bytes:
    """At most ``limit`` bytes of a regular file; raise ContentError otherwise.

    The file is opened without blocking (a FIFO would wait for a writer forever) and checked
    to be a regular file on the open descriptor, so it cannot be swapped in between.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        raise ContentError(
            path, 0, f"the {what} does not exist: check the file's name and its folder"
        ) from None
    except PermissionError:
        raise ContentError(
            path,
            0,
            f"cannot read the {what}: this user may not read it; run the command with sudo, "
            "or ask the computer's administrator",
        ) from None
    except OSError as exc:
        raise ContentError(path, 0, f"cannot read the {what}: {exc.strerror}") from None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise ContentError(path, 0, f"the {what} is not a regular file")
        chunks: list[bytes] = []
        left = limit + 1
        while left > 0:
            chunk = os.read(fd, min(left, 1 << 16))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
    except OSError as exc:
        raise ContentError(path, 0, f"cannot read the {what}: {exc.strerror}") from None
    finally:
        os.close(fd)
    data = b"".join(chunks)
    if len(data) > limit:
        raise ContentError(path, 0, f"the {what} is larger than {limit // 1024} KB")
    return data


def read_text(path: Path, limit: int, what: str = "file") -> str:
    """:func:`read_bytes` decoded as UTF-8 (a byte-order mark is allowed)."""
    raw = read_bytes(path, limit, what)
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise ContentError(path, line, f"the {what} is not valid UTF-8 text") from None


def _digits(value: str) -> int:
    """The digits of a YAML whole number (``-0x1f_ff``: 4), not counting sign, base or ``_``."""
    text = value.lstrip("+-")
    if text[:2].lower() in ("0x", "0o", "0b"):
        text = text[2:]
    return sum(c.isalnum() for c in text)


def _check_scalar(node: yaml.ScalarNode) -> None:
    value = str(node.value)
    if node.tag == _INT and _digits(value) > MAX_DIGITS:
        raise Refused(
            f"the number {value[:12]}... is too long (at most {MAX_DIGITS} digits)", node.start_mark
        )
    if node.tag == _FLOAT and len(value) > MAX_FLOAT_CHARS:
        raise Refused(f"the number {value[:12]}... is too long", node.start_mark)
    if node.tag == _TIMESTAMP:
        try:
            yaml.constructor.SafeConstructor().construct_yaml_timestamp(node)
        except (ValueError, OverflowError):
            raise Refused(f"'{value[:40]}' is not a real date", node.start_mark) from None


def _check_keys(node: yaml.MappingNode, first_line: int) -> None:
    first: dict[tuple[str, str], int] = {}
    for key, _value in node.value:
        if not isinstance(key, yaml.ScalarNode) or key.tag == _MERGE:
            continue
        name = (str(key.tag), str(key.value))
        line = int(key.start_mark.line) + first_line
        if name in first:
            raise Refused(
                f"'{str(key.value)[:40]}' is given twice (first on line {first[name]})",
                key.start_mark,
            )
        first[name] = line


def check_graph(root: yaml.Node | None, first_line: int = 1) -> None:
    """Refuse a composed graph that is too large, too deep, or has bad keys or numbers.

    Walks the graph as if its aliases were expanded, without expanding them, and stops at the
    first limit, so the work is bounded by :data:`MAX_NODES` whatever the file holds. A line
    a message names is counted with the text's first line as ``first_line`` (front matter
    starts on a file's line 2, after its ``---``).
    """
    if root is None:
        return
    seen: set[int] = set()
    visits = aliases = 0
    stack: list[tuple[yaml.Node, int]] = [(root, 1)]
    while stack:
        node, depth = stack.pop()
        visits += 1
        if visits > MAX_NODES:
            raise Refused(f"the file holds more than {MAX_NODES} values", node.start_mark)
        if depth > MAX_DEPTH:
            raise Refused(
                f"the values are nested more than {MAX_DEPTH} levels deep", node.start_mark
            )
        if id(node) in seen:
            aliases += 1
            if aliases > MAX_ALIASES:
                raise Refused(
                    f"the file uses aliases (*name) more than {MAX_ALIASES} times", node.start_mark
                )
        seen.add(id(node))
        if isinstance(node, yaml.ScalarNode):
            _check_scalar(node)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend((child, depth + 1) for child in node.value)
        elif isinstance(node, yaml.MappingNode):
            _check_keys(node, first_line)
            for key, value in node.value:
                stack.append((key, depth + 1))
                stack.append((value, depth + 1))


def _compose(
    text: str, loader: type[yaml.SafeLoader], first_line: int
) -> tuple[yaml.SafeLoader, yaml.Node | None]:
    parser = loader(text)
    try:
        node = parser.get_single_node()
    except RecursionError:  # the pure-Python composer on deep nesting (libyaml stops at 1000)
        parser.dispose()
        raise Refused(f"the values are nested more than {MAX_DEPTH} levels deep", None) from None
    except BaseException:
        parser.dispose()
        raise
    check_graph(node, first_line)
    return parser, node


def node_and_data(
    text: str, loader: type[yaml.SafeLoader] = SAFE_LOADER, *, first_line: int = 1
) -> tuple[yaml.Node | None, Any]:
    """The checked YAML node tree (for the lines of keys) and its Python value.

    The text is parsed once: the value is built from the composed node. Merge keys (``<<``)
    are the exception: building the value rewrites the node's key list, which the line look-ups
    read, so such (rare) text is composed twice. Raises :class:`yaml.YAMLError` (a
    :class:`Refused` for this module's limits), never anything else for any text. A line named
    in a :class:`Refused` message is a file line when ``first_line`` is the file line of the
    text's first line (the marks themselves still count from 0 in ``text``).
    """
    parser, node = _compose(text, loader, first_line)
    try:
        if node is None:
            return None, None
        if "<<" in text or "merge" in text:
            parser.dispose()
            parser, built = _compose(text, loader, first_line)
            assert built is not None
        else:
            built = node
        try:
            return node, parser.construct_document(built)
        except (ValueError, TypeError, OverflowError, RecursionError) as exc:
            raise Refused(
                f"a value cannot be read ({exc.__class__.__name__})", node.start_mark
            ) from None
    finally:
        parser.dispose()


def error_mark(exc: yaml.YAMLError) -> yaml.Mark | None:
    """Where to look for a YAML error.

    The start of an unclosed bracket or quote; else the line the parser stopped at (for a key
    indented wrongly, the first line of its block is no help).
    """
    context = str(getattr(exc, "context", "") or "")
    problem = getattr(exc, "problem_mark", None)
    if "block" in context and problem is not None:  # ("while parsing a block mapping")
        return problem  # type: ignore[no-any-return]
    return getattr(exc, "context_mark", None) or problem


def error_line(exc: yaml.YAMLError, first_line: int = 1) -> int:
    """The file line of a YAML error (see :func:`error_mark`)."""
    mark = error_mark(exc)
    return int(mark.line) + first_line if mark is not None else first_line


def parse(
    text: str, path: Path, what: str, *, loader: type[yaml.SafeLoader] = SAFE_LOADER
) -> tuple[yaml.Node | None, Any]:
    """:func:`node_and_data`, with a YAML problem raised as ContentError naming the line."""
    try:
        return node_and_data(text, loader)
    except yaml.YAMLError as exc:
        problem = getattr(exc, "problem", None) or str(exc).split("\n")[0]
        raise ContentError(
            path, error_line(exc), f"the {what} is not valid YAML: {problem}"
        ) from None


def load(
    path: Path, what: str, *, limit: int = MAX_CONFIG_BYTES, source: ContentSource | None = None
) -> tuple[yaml.Node | None, Any]:
    """Read and parse a YAML file: (node, value); raise ContentError naming the line.

    From the file system the read is bounded (a regular file, at most ``limit`` bytes); from
    a signed pack's verified bytes (``source`` not live) the same limit applies to them.
    """
    return parse(source_text(path, what, limit=limit, source=source), path, what)


def source_text(
    path: Path, what: str, *, limit: int = MAX_CONFIG_BYTES, source: ContentSource | None = None
) -> str:
    """The text of ``path`` from ``source`` (the file system by default), bounded by ``limit``."""
    if source is None or source.live:
        return read_text(path, limit, what)
    try:
        raw = source.read_bytes(path)
    except OSError as exc:
        raise ContentError(path, 0, f"the {what} cannot be read: {exc.strerror}") from None
    if len(raw) > limit:
        raise ContentError(path, 1, f"the {what} is larger than {limit} bytes")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ContentError(path, 1, f"the {what} is not valid UTF-8: {exc.reason}") from None


def load_mapping(
    path: Path, what: str, *, empty_ok: bool = False
) -> tuple[dict[Any, Any], dict[str, int]]:
    """(data, key -> 1-based line) of a YAML mapping file; ``what`` names it in messages."""
    data, lines, _items = load_mapping_items(path, what, empty_ok=empty_ok)
    return data, lines


def load_mapping_items(
    path: Path, what: str, *, empty_ok: bool = False
) -> tuple[dict[Any, Any], dict[str, int], dict[str, list[int]]]:
    """:func:`load_mapping`, and the 1-based line of each item of each key's list."""
    node, data = load(path, f"{what} file")
    if data is None and empty_ok:
        return {}, {}, {}
    if not isinstance(data, dict) or not isinstance(node, yaml.MappingNode):
        raise ContentError(path, 1, f"the {what} file must be 'key: value' lines")
    lines = {str(getattr(k, "value", "")): int(k.start_mark.line) + 1 for k, _v in node.value}
    items = {
        str(getattr(k, "value", "")): [int(i.start_mark.line) + 1 for i in v.value]
        for k, v in node.value
        if isinstance(v, yaml.SequenceNode)
    }
    return data, lines, items
