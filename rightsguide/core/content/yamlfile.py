"""Read a small YAML settings file (clinic page, kiosk configuration) with the line of each key.

Errors are ContentError sentences naming the file and line, for the person who edits the file.
:func:`node_and_data` is shared with the page front matter and glossaries.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from rightsguide.core.errors import ContentError


def node_and_data(text: str, loader: type[yaml.SafeLoader]) -> tuple[yaml.Node | None, Any]:
    """The YAML node tree (for the lines of keys) and its Python value, parsing the text once.

    ``yaml.compose`` then ``yaml.load`` would parse the text twice. Building the value from the
    composed node raises the same errors in the same order (parse errors first, then
    construction errors). Merge keys (``<<``) are the exception: building the value rewrites the
    node's key list, which the line look-ups read, so such (rare) text is parsed twice.
    """
    if "<<" in text or "merge" in text:
        return yaml.compose(text, Loader=loader), yaml.load(text, Loader=loader)
    parser = loader(text)
    try:
        node = parser.get_single_node()
        return node, (parser.construct_document(node) if node is not None else None)
    finally:
        parser.dispose()


def load_mapping(
    path: Path, what: str, *, empty_ok: bool = False
) -> tuple[dict[Any, Any], dict[str, int]]:
    """(data, key -> 1-based line) of a YAML mapping file; ``what`` names it in messages."""
    try:
        text = path.read_text(encoding="utf-8-sig")
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except FileNotFoundError:
        raise ContentError(path, 0, f"the {what} file does not exist") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ContentError(path, 0, f"cannot read the {what} file: {exc}") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "context_mark", None) or getattr(exc, "problem_mark", None)
        line = int(mark.line) + 1 if mark else 1
        raise ContentError(path, line, f"the {what} file is not valid YAML") from None
    if data is None and empty_ok:
        return {}, {}
    if not isinstance(data, dict) or not isinstance(node, yaml.MappingNode):
        raise ContentError(path, 1, f"the {what} file must be 'key: value' lines")
    lines = {str(getattr(k, "value", "")): int(k.start_mark.line) + 1 for k, _v in node.value}
    return data, lines
