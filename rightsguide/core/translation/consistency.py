"""Checks that a translation keeps what must never change, section by section.

A wrong digit in a phone number can cost someone their case, so each translated section must
contain the same phone numbers, form numbers (EOIR-33, AR-11, I-220A...), dollar amounts, web
addresses and program names (ICE, ISAP, SmartLINK...) as the same section of its source. And no
file may contain Unicode bidi embedding, override or isolate controls, which can make text
display in another order than it is stored.

Examples of what counts as the same: ``1-800-898-7180`` in both; ``EOIR-33`` in both. A phone
number written ``(866) 633-1182`` in the source must appear exactly so in the translation.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Collection
from pathlib import Path

from rightsguide.core.content import sections
from rightsguide.core.model import Page, Problem

# Boundaries are ASCII-only: in Chinese text a form number sits right next to other letters.
_START, _END = r"(?<![A-Za-z0-9-])", r"(?![A-Za-z0-9-])"
PHONE_RE = re.compile(_START + r"(?:1-)?(?:\(\d{3}\)\s?|\d{3}-)\d{3}-\d{4}" + _END)
FORM_RE = re.compile(_START + r"(?:EOIR-\d+(?:/[A-Z]+)?|AR-11|I-\d{3}[A-Z]?)" + _END)
AMOUNT_RE = re.compile(r"\$\d[\d,.]*")
URL_RE = re.compile(r"https://[^\s)\]>\"']+")
KEEP_NAMES = ("ICE", "ISAP", "SmartLINK", "BI", "EOIR", "USCIS", "VeriWatch", "FOIA", "CRCL")
BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")
# The same characters encoded in UTF-8 (E2 80 AA-AE, E2 81 A6-A9), to test a file's bytes.
BIDI_CONTROLS_UTF8 = re.compile(rb"\xe2(?:\x80[\xaa-\xae]|\x81[\xa6-\xa9])")
# Control characters no page needs (tab and line ends aside): NUL, ESC, BEL, backspace, form
# feed, DEL, the C1 controls (NEL), and the Unicode line and paragraph separators. The reader
# would hand them to Qt raw, a terminal would run them; in UTF-8: the ASCII ones, C2 80-9F,
# E2 80 A8-A9.
CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029]")
_ASCII_CONTROLS = bytes([*range(0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F])
_C1_UTF8 = re.compile(rb"\xc2[\x80-\x9f]")  # (one pattern each: a literal first byte is fast)
_SEPARATORS_UTF8 = re.compile(rb"\xe2\x80[\xa8\xa9]")


def has_controls(raw: bytes) -> bool:
    """True when the UTF-8 bytes ``raw`` hold a character :data:`CONTROLS` finds.

    (One regex for all costs ``check`` ~0.3 s on 10,000 pages: ASCII bytes are looked for by
    ``bytes.translate`` instead, the rest by patterns that start with a literal byte.)
    """
    return (
        len(raw.translate(None, _ASCII_CONTROLS)) != len(raw)
        or _C1_UTF8.search(raw) is not None
        or _SEPARATORS_UTF8.search(raw) is not None
    )


NAMES_RE = re.compile(
    r"(?<![A-Za-z])(?:"
    + "|".join(sorted(map(re.escape, KEEP_NAMES), key=len, reverse=True))
    + r")(?![A-Za-z])"
)


# What every match of a pattern contains, found far faster: the patterns start with a look-behind
# that the regex engine tries at every position, while these start with a literal (or are plain
# substrings). Most sections contain none, so most patterns are never run.
_PHONE_HINT = re.compile(r"-\d{4}")  # the end of every phone number
_FORM_HINTS = ("R-", "I-")  # in EOIR-..., AR-11 and I-...
_NAMES_HINT = re.compile("|".join(map(re.escape, KEEP_NAMES)))  # the names, without boundaries


def _patterns_for(text: str) -> list[re.Pattern[str]]:
    """The token patterns (in their usual order) that can match in ``text``."""
    candidates = []
    if _PHONE_HINT.search(text) is not None:
        candidates.append(PHONE_RE)
    if any(hint in text for hint in _FORM_HINTS):
        candidates.append(FORM_RE)
    if "$" in text:
        candidates.append(AMOUNT_RE)
    if "https://" in text:
        candidates.append(URL_RE)
    return candidates


def tokens(text: str) -> Counter[str]:
    """Phone numbers, form numbers, amounts, URLs and kept names that appear in ``text``."""
    found: Counter[str] = Counter()
    for pattern in _patterns_for(text):
        found.update(m.group(0).rstrip(".,;:") for m in pattern.finditer(text))
    if _NAMES_HINT.search(text) is not None:
        for name in {m.group(0) for m in NAMES_RE.finditer(text)}:
            found[name] = 1
    return found


def _heading_lines(page: Page) -> dict[str, int]:
    lines = {sections.LEAD: page.body_line}
    for offset, line in enumerate(page.body.split("\n")):
        match = sections.HEADING_RE.match(line) if line.startswith("##") else None
        if match is not None:
            lines[match.group(2)] = page.body_line + offset
    return lines


def source_tokens(source: Page, split: dict[str, str] | None = None) -> dict[str, Counter[str]]:
    """The kept tokens of each section of a source page (computed once per source page).

    ``split`` is ``sections.split_sections(source.body)`` when the caller already has it.
    """
    parts = split if split is not None else sections.split_sections(source.body)
    return {key: tokens(text) for key, text in parts.items()}


def compare(
    translation: Page,
    source: Page,
    precomputed: dict[str, Counter[str]] | None = None,
    *,
    skip: Collection[str] = (),
    found: dict[str, Counter[str]] | None = None,
) -> list[Problem]:
    """What the translation lost or changed, reported at the start of each section.

    ``precomputed`` is ``source_tokens(source)`` and ``found`` is
    ``source_tokens(translation)``, when the caller already has them. Sections in ``skip``
    (stale ones) are not compared.
    """
    problems = []
    if found is None:
        found = source_tokens(translation)
    where: dict[str, int] | None = None  # heading lines: only needed to report a problem
    wanted = precomputed if precomputed is not None else source_tokens(source)
    for key, source_found in wanted.items():
        if key not in found or key in skip:
            continue  # section parity is reported elsewhere; stale sections as stale
        missing = source_found - found[key]
        if missing:
            items = ", ".join(sorted(missing))
            if where is None:
                where = _heading_lines(translation)
            problems.append(
                Problem(
                    translation.path,
                    where.get(key, translation.body_line),
                    f"section '{key}' must keep exactly as in the source: {items}",
                )
            )
    return problems


def bidi_controls(text: str, path: Path, first_line: int = 1) -> list[Problem]:
    """Every bidi embedding/override/isolate control character, with its line."""
    if BIDI_CONTROLS.search(text) is None:  # nearly every file: one scan, no line split
        return []
    return _each(
        BIDI_CONTROLS,
        text,
        path,
        first_line,
        "invisible direction control {code} can reorder what readers see; delete it",
    )


def _each(
    pattern: re.Pattern[str], text: str, path: Path, first_line: int, message: str
) -> list[Problem]:
    """A problem for each character ``pattern`` finds, on its line (``{code}``: U+XXXX)."""
    problems = []
    for offset, line in enumerate(text.split("\n")):
        for match in pattern.finditer(line):
            code = f"U+{ord(match.group(0)):04X}"
            problems.append(Problem(path, first_line + offset, message.format(code=code)))
    return problems


def hidden_characters(path: Path, raw: bytes) -> list[Problem]:
    """Bidi controls (:func:`bidi_controls`) and other control characters in a file's bytes.

    The bytes are searched first; only a file that has one is decoded (nearly none).
    """
    bidi, controls = BIDI_CONTROLS_UTF8.search(raw) is not None, has_controls(raw)
    if not bidi and not controls:
        return []
    text = raw.decode("utf-8-sig", errors="replace")
    problems = bidi_controls(text, path) if bidi else []
    if controls:
        problems += _each(
            CONTROLS,
            text,
            path,
            1,
            "control character {code} is not text: it shows as nothing or as a box, and a "
            "terminal would run it; delete it",
        )
    return problems
