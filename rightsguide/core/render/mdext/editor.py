"""Read markdown the way common editors (and CommonMark) show it, where Python-Markdown differs.

Before the block parser sees the lines (and before fenced code is taken out), outside fenced
blocks:

- a bullet list (or a list starting at ``1.``) right after a paragraph line, with no blank line
  between, starts a list: a blank line is put before it;
- nested list items are re-indented to the 4 spaces Python-Markdown needs: any deeper marker is
  one level deeper (two spaces are enough), and the item's other lines follow it;
- a fenced code block inside a list item (indented fence) becomes the item's indented code
  block, so its text is not lost;
- a call-out (``!!! kind``) whose body is indented by 1 to 3 spaces is indented to 4.
"""

from __future__ import annotations

import re

from markdown import Markdown
from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor

_MARKER = re.compile(r"^( *)([-*+]|\d{1,9}[.)])( +|$)")
_START_MARKER = re.compile(r"^([-*+]|1[.)]) +\S")
_CALLOUT = re.compile(r"^!!! ?[\w\-]+")
_FENCE = re.compile(r"^( +)(`{3,}|~{3,})")
_RULE = re.compile(r"^ {0,3}([-*_])(?: *\1){2,} *$")  # a horizontal rule, not a list
_NOT_PARAGRAPH = ("#", ">", "|", "!!!", "    ", "\t")


def _fenced_lines(lines: list[str]) -> set[int]:
    """Lines inside (and of) the top-level fenced blocks Python-Markdown will find."""
    text = "\n".join(lines)
    if "```" not in text and "~~~" not in text:
        return set()
    from markdown.extensions.fenced_code import FencedBlockPreprocessor  # for pages with fences

    inside: set[int] = set()
    for match in FencedBlockPreprocessor.FENCED_BLOCK_RE.finditer(text):
        first = text.count("\n", 0, match.start())
        inside.update(range(first, first + match.group(0).count("\n") + 1))
    return inside


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _push(stack: list[tuple[int, int]], own: int, column: int) -> None:
    """Open the item whose marker is at ``own``: a sibling, a child, or a new list."""
    if own == 0 or not stack:
        stack[:] = [(own, column)]
        return
    while stack and stack[-1][0] > own:
        stack.pop()
    if stack and stack[-1][0] == own:
        stack[-1] = (own, column)
    else:
        stack.append((own, column))


def _fence_in_item(
    lines: list[str], start: int, fence: re.Match[str], indent: int
) -> tuple[list[str], int]:
    """The fenced block at ``start`` as an indented code block; (lines, index after it)."""
    closing = fence.group(2)
    out = [""]
    i = start + 1
    while i < len(lines) and not (
        lines[i].strip().startswith(closing) and not lines[i].strip().strip(closing[0])
    ):
        code = lines[i]
        extra = max(0, _indent(code) - len(fence.group(1)))
        out.append(" " * (indent + extra) + code.lstrip(" ") if code.strip() else "")
        i += 1
    out.append("")
    return out, i + 1  # after the closing fence (or the end)


def _list_block(lines: list[str], start: int, fenced: set[int]) -> tuple[list[str], int]:
    """Re-indent the list that starts at ``start``; (new lines, index after the list)."""
    out: list[str] = []
    stack: list[tuple[int, int]] = []  # (marker indent, content column) of the open items
    i = start
    while i < len(lines):
        line = lines[i]
        if i in fenced:
            break
        if not line.strip():
            following = next((k for k in range(i + 1, len(lines)) if lines[k].strip()), None)
            if following is None or following in fenced:
                break
            if _indent(lines[following]) == 0 and not _MARKER.match(lines[following]):
                break
            out.append(line)
            i += 1
            continue
        marker = _MARKER.match(line)
        if marker is not None and (i == start or stack):
            _push(stack, len(marker.group(1)), marker.end())
            out.append(" " * (4 * (len(stack) - 1)) + line.lstrip(" "))
            i += 1
            continue
        own = _indent(line)
        if own == 0:  # a lazy continuation line: as it is
            out.append(line)
            i += 1
            continue
        depth = max((d for d, (m, _c) in enumerate(stack) if m < own), default=0)
        column = stack[depth][1] if stack else 0
        base = 4 * (depth + 1)
        fence = _FENCE.match(line)
        if fence is not None:  # a fence inside the item: its text becomes an indented block
            code, i = _fence_in_item(lines, i, fence, base + 4)
            out.extend(code)
            continue
        if own >= base:  # already indented the way Python-Markdown wants
            out.append(line)
        else:
            out.append(" " * (base + max(0, own - column)) + line.lstrip(" "))
        i += 1
    return out, i


def _callout_block(lines: list[str], start: int, fenced: set[int]) -> tuple[list[str], int]:
    """The call-out at ``start`` with a 1-3 space body indented to 4; (lines, index after)."""
    end = start + 1
    last = start
    while end < len(lines) and end not in fenced:
        if lines[end].strip():
            if _indent(lines[end]) == 0:
                break
            last = end
        end += 1
    body = [line for line in lines[start + 1 : last + 1] if line.strip()]
    base = min((_indent(line) for line in body), default=4)
    if base >= 4:  # noqa: PLR2004 - already what Python-Markdown needs
        return lines[start : last + 1], last + 1
    pad = " " * (4 - base)
    fixed = [pad + line if line.strip() else line for line in lines[start + 1 : last + 1]]
    return [lines[start], *fixed], last + 1


def editor_lines(lines: list[str]) -> list[str]:
    """The lines, rewritten as described in the module docstring."""
    fenced = _fenced_lines(lines)
    out: list[str] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        if i in fenced:
            out.append(line)
            i += 1
            continue
        if _CALLOUT.match(line):
            block, i = _callout_block(lines, i, fenced)
            out.extend(block)
            continue
        if _MARKER.match(line) and _indent(line) <= 3 and not _RULE.match(line):  # noqa: PLR2004
            previous = out[-1] if out else ""
            if (
                previous.strip()
                and _START_MARKER.match(line.lstrip(" "))
                and not _MARKER.match(previous)
                and not previous.startswith(_NOT_PARAGRAPH)
                and _indent(previous) == 0
                and "|" not in previous
                and (i - 1) not in fenced
            ):
                out.append("")
            block, i = _list_block(lines, i, fenced)
            out.extend(block)
            continue
        out.append(line)
        i += 1
    return out


class EditorPreprocessor(Preprocessor):
    """Applies :func:`editor_lines`."""

    def run(self, lines: list[str]) -> list[str]:
        """Return the rewritten lines."""
        return editor_lines(lines)


class EditorExtension(Extension):
    """Registers :class:`EditorPreprocessor` before fenced code (25)."""

    def extendMarkdown(self, md: Markdown) -> None:
        """Register the preprocessor."""
        md.preprocessors.register(EditorPreprocessor(md), "rg_editor", 26)
