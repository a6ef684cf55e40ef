"""Checks that a translation keeps what must never change, section by section.

A wrong digit in a phone number can cost someone their case, so each translated section must
contain the same phone numbers, form numbers (EOIR-33, AR-11, I-220A...), dollar amounts, web
addresses, link targets and program names (ICE, ISAP, SmartLINK...) as the same section of its
source, and none that the source does not have (program names aside: a translation may say
"ICE" where the English says "they"). Its other numbers (deadlines, hours, years) are compared
too, with room for how each language writes them (below). And no
file may contain Unicode bidi embedding, override or isolate controls, which can make text
display in another order than it is stored.

Examples of what counts as the same: ``1-800-898-7180`` in both; ``EOIR-33`` in both. A phone
number written ``(866) 633-1182`` in the source must appear exactly so in the translation.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Collection
from pathlib import Path

from rightsguide.core.content import sections
from rightsguide.core.model import Page, Problem, Severity
from rightsguide.core.translation import structure

# Boundaries are ASCII-only: in Chinese text a form number sits right next to other letters.
_START, _END = r"(?<![A-Za-z0-9-])", r"(?![A-Za-z0-9-])"
PHONE_RE = re.compile(_START + r"(?:1-)?(?:\(\d{3}\)\s?|\d{3}-)\d{3}-\d{4}" + _END)
FORM_RE = re.compile(_START + r"(?:EOIR-\d+(?:/[A-Z]+)?|AR-11|I-\d{3}[A-Z]?)" + _END)
AMOUNT_RE = re.compile(r"\$\d[\d,.]*")
URL_RE = re.compile(r"https://[^\s)\]>\"']+")
# Link targets: of inline links and images, ``[text](target)``, and of autolinks, ``<mailto:..>``
# (web addresses are URL_RE's). The translator exchange finds them the same way (units).
LINK_RE = re.compile(r"\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
AUTOLINK_RE = re.compile(r"<([A-Za-z][A-Za-z0-9+.-]*:[^>\s]*|[^>\s@]+@[^>\s]+)>")
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


# Other numbers: digits with "." or "," inside (a decimal, or groups of three); a thousands
# group may also follow a space, a no-break space or a thin space ("36 000"). Each becomes one
# "number N" token, its groups joined ("36,000" and "36.000" are 36000; "1,5" is 1.5).
NUMBER = "number "
CLOCK = "clock "  # a number the text gives as an hour ("20h", "20 h", "20点")
SCALED = "scaled "  # a number followed by a word for thousands or millions ("36 mil", "3.6万")
SHAPE = "shape "  # how the section is built (structure.shape): one token per section
DERIVED = (NUMBER, CLOCK, SCALED, SHAPE)  # compared by their own rules, not as kept values
_NUMBER_RE = re.compile(r"\d+(?:[.,\u066b\u066c]\d+)*")  # (Arabic's decimal and group marks too)
_CLOCK_RE = re.compile(r"\s?(?:[hH](?![A-Za-z])|点|點|時|时)")
_SCALE_WORDS = frozenset(
    [
        "mil",
        "millón",
        "millones",
        "milhão",
        "milhões",
        "mille",
        "million",
        "millions",
        "milliard",
        "milliards",
        "milyon",
        "тыс",
        "тысяча",
        "тысячи",
        "тысяч",
        "млн",
        "миллион",
        "миллиона",
        "миллионов",
        "ألف",
        "آلاف",
        "مليون",
        "ملايين",
        "ਹਜ਼ਾਰ",
        "ਲੱਖ",
        "ਕਰੋੜ",
    ]
)
_SCALE_CHARS = frozenset("万萬亿億千")
_WORD_RE = re.compile(r"[\s\u00a0\u202f]*(\w+)")
_TRAILING = ".,;:\u3002\u3001\uff0c\u060c\u061b\uff01\uff1f"  # (and CJK's and Arabic's)
_GROUP_SPACE_RE = re.compile(r"(?<=\d)[ \u00a0\u202f\u2009](?=\d{3}(?!\d))")
_CJK_MONTH = "月"  # "2025年6月": the month the English writes as a word
_GROUP = 3  # digits in a thousands group
_PLAIN_NUMBER = re.compile(r"\d+(?:\.\d+)?")


def _number(raw: str) -> str:
    raw = raw.replace("\u066b", ".").replace("\u066c", ",")
    digits = "".join(str(unicodedata.decimal(c, c)) for c in raw)
    groups = re.split(r"[.,]", digits)
    if (
        len(groups) > 1
        and all(len(g) == _GROUP for g in groups[1:])
        and len(set(re.findall(r"[.,]", digits))) == 1
    ):
        return "".join(groups)  # 36,000 / 36.000 / 1.200.000
    return digits.replace(",", ".")


def numbers(text: str) -> set[str]:
    """The numbers of ``text`` other than phone numbers, forms, amounts, links and web addresses."""
    return number_kinds(text)[0]


def number_kinds(text: str) -> tuple[set[str], set[str], set[str]]:
    """The numbers of ``text`` (see :func:`numbers`), those given as hours, and as thousands."""
    rest = LINK_RE.sub("]()", text)
    for pattern in (URL_RE, AUTOLINK_RE, PHONE_RE, FORM_RE, AMOUNT_RE):
        rest = pattern.sub(" ", rest)
    rest = _GROUP_SPACE_RE.sub("", rest)
    found: set[str] = set()
    clocks: set[str] = set()
    scaled: set[str] = set()
    for match in _NUMBER_RE.finditer(rest):
        end = match.end()
        if rest.startswith(_CJK_MONTH, end):
            continue
        number = _number(match.group(0))
        if not number.strip("0."):
            continue  # ("9:00" is 9 and 00; "9 h" says the same)
        found.add(number)
        if _CLOCK_RE.match(rest, end):
            clocks.add(number)
        word = _WORD_RE.match(rest, end)
        if rest[end : end + 1] in _SCALE_CHARS or (
            word is not None and word.group(1).casefold() in _SCALE_WORDS
        ):
            scaled.add(number)
    return found, clocks, scaled


def _explains(written: str, english: str, clocks: set[str], scaled: set[str]) -> bool:
    """Whether ``written`` can be how a language writes the English number ``english``.

    36000 as "36 mil" or "3.6万", 121000000 as "1.21亿" or "12.1 ਕਰੋੜ" (the same leading digits,
    followed by a word for thousands or millions), and 8 p.m. as "20h" (an hour).
    """
    try:
        value, wanted = float(written), float(english)
    except ValueError:
        return False
    if written in scaled and wanted >= 1000:  # noqa: PLR2004 - thousands and more
        lead = written.replace(".", "").rstrip("0").lstrip("0")
        return bool(lead) and english.replace(".", "").rstrip("0").startswith(lead)
    return written in clocks and 1 <= wanted <= 12 and value == wanted + 12  # noqa: PLR2004


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
    """Phone numbers, form numbers, amounts, URLs, link targets and kept names in ``text``.

    A link target other than a web address counts as ``link <target>``.
    """
    found: Counter[str] = Counter()
    for pattern in _patterns_for(text):
        found.update(m.group(0).rstrip(_TRAILING) for m in pattern.finditer(text))
    if "](" in text or "<" in text:
        for target in [*LINK_RE.findall(text), *AUTOLINK_RE.findall(text)]:
            if not target.startswith("https://"):
                found[f"link {target}"] += 1
    if _NAMES_HINT.search(text) is not None:
        for name in {m.group(0) for m in NAMES_RE.finditer(text)}:
            found[name] = 1
    every, clocks, scaled = number_kinds(text)
    for number in every:
        found[NUMBER + number] = 1
    for number in clocks:
        found[CLOCK + number] = 1
    for number in scaled:
        found[SCALED + number] = 1
    found[SHAPE + structure.shape(text)] = 1
    return found


def heading_lines(page: Page) -> dict[str, int]:
    """The line of each section's heading (the lead: the body's first line)."""
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
        got = found[key]
        if got.items() == source_found.items():
            continue  # (most sections: compared without building anything, in C)
        missing = Counter(
            {
                t: n - got.get(t, 0)
                for t, n in source_found.items()
                if n > got.get(t, 0) and not t.startswith(DERIVED)
            }
        )
        # (a value the source has, said once more, is no new value)
        extra = sorted(
            t
            for t in got
            if t not in source_found and t not in KEEP_NAMES and not t.startswith(DERIVED)
        )
        changed = _numbers_problem(source_found, got)
        built = structure.difference(_shape_of(source_found), _shape_of(got))
        if not missing and not extra and changed is None and built is None:
            continue
        if where is None:
            where = heading_lines(translation)
        line = where.get(key, translation.body_line)
        if built is not None:
            message, error = built
            problems.append(
                Problem(
                    translation.path,
                    line,
                    f"section '{key}' {message}",
                    Severity.ERROR if error else Severity.WARNING,
                )
            )
        if changed is not None:
            message, severity, shown = changed
            problems.append(
                Problem(
                    translation.path,
                    _line_of(translation, line, shown),
                    f"section '{key}' {message}",
                    severity,
                )
            )
        if not missing and not extra:
            continue
        if missing:
            message = f"section '{key}' must keep exactly as in the source: " + ", ".join(
                sorted(missing)
            )
            if extra:
                message += f"; it has instead: {', '.join(extra)}"
            problems.append(Problem(translation.path, _line_of(translation, line, extra), message))
        else:
            problems.append(
                Problem(
                    translation.path,
                    _line_of(translation, line, extra),
                    f"section '{key}' has what its source section does not: {', '.join(extra)} "
                    "(a translation keeps the links, phone numbers, forms and amounts of the "
                    "source, and adds none)",
                )
            )
    return problems


def _shape_of(found: Counter[str]) -> str:
    return next((t[len(SHAPE) :] for t in found if t.startswith(SHAPE)), "")


def _numbers_problem(
    source: Counter[str], translation: Counter[str]
) -> tuple[str, Severity, list[str]] | None:
    """A number of the source written differently: (message, severity, what to point at).

    An error when the translation has a number the source does not and lacks one the source has
    (30 days became 90); a warning when it only lacks one (written as a word, or left out); none
    when it only has more (the English says "three", or "8 p.m." where it says "20h").
    """
    wanted = {t[len(NUMBER) :] for t in source if t.startswith(NUMBER)}
    have = {t[len(NUMBER) :] for t in translation if t.startswith(NUMBER)}
    missing, extra = wanted - have, have - wanted
    if not missing:
        return None
    clocks = {t[len(CLOCK) :] for t in translation if t.startswith(CLOCK)}
    scaled = {t[len(SCALED) :] for t in translation if t.startswith(SCALED)}

    def explained(x: str, m: str) -> bool:
        return _explains(x, m, clocks, scaled)

    unexplained = sorted(m for m in missing if not any(explained(x, m) for x in extra))
    if not unexplained:
        return None
    new = sorted(x for x in extra if not any(explained(x, m) for m in missing))
    if new:
        return (
            f"has other numbers than its source section: the source has {', '.join(unexplained)}, "
            f"the translation {', '.join(new)} (keep every deadline, date and amount exactly)",
            Severity.ERROR,
            new,
        )
    return (
        f"does not have the number {', '.join(unexplained)} of its source section (write "
        "numbers in digits, as the source does, so that no deadline or date is lost)",
        Severity.WARNING,
        [],
    )


def _line_of(page: Page, heading: int, found: list[str]) -> int:
    """The first line at or after ``heading`` holding one of ``found`` (else ``heading``)."""
    if not found:
        return heading
    needles = [t.removeprefix("link ") for t in found]
    # a number as a whole number ("8", not the 8 in "898"); anything else as it is written
    patterns = [
        re.compile(rf"(?<![\d.,]){re.escape(n)}(?![\d])") if _PLAIN_NUMBER.fullmatch(n) else None
        for n in needles
    ]
    lines = page.body.split("\n")
    for number in range(max(heading - page.body_line, 0), len(lines)):
        text = lines[number]
        if any(
            (p.search(text) is not None) if p is not None else (n in text)
            for n, p in zip(needles, patterns, strict=True)
        ):
            return page.body_line + number
    return heading


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
