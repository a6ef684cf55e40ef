"""Per-locale glossaries: one word for each key term, and the other words readers use.

``content/<locale>/glossary.yaml``::

    terms:
      - term: ankle monitor            # the source-language (English) term
        use: grillete electrónico      # this language's word for it (a list allows word forms)
        also: [grillete, tobillera]    # other words people say; search will find them too

``check`` warns when a translated section whose source mentions ``term`` uses none of the
``use`` forms (a warning, not an error: grammar can change a word's ending), at the line of the
section's heading. A term inside a longer proper name ("National Lawyers Guild" for "lawyer")
is not a mention of the term. Web addresses are taken out first, as URL characters only: in
Chinese, text runs on without spaces right after an address.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from rightsguide.core.content import sections, yamlfile
from rightsguide.core.content.source import FILES, ContentSource
from rightsguide.core.errors import ContentError
from rightsguide.core.model import Page, Problem, Severity

FILE_NAME = "glossary.yaml"


@dataclass(frozen=True, slots=True)
class Term:
    """One glossary entry."""

    term: str
    use: tuple[str, ...]
    also: tuple[str, ...]


def _strings(value: object, path: Path, line: int, what: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise ContentError(path, line, f"'{what}' must be a word or a list of words")
    return tuple(v.strip() for v in value)


def load(path: Path, source: ContentSource = FILES) -> list[Term]:
    """Read a glossary; raise ContentError naming the line of the problem."""
    node, data = yamlfile.load(path, "glossary", source=source)  # the safe, bounded loader
    if (
        not isinstance(node, yaml.MappingNode)
        or not isinstance(data, dict)
        or not isinstance(data.get("terms"), list)
    ):
        raise ContentError(path, 1, "a glossary starts with 'terms:' and a list of entries")
    seq = next(v for k, v in node.value if getattr(k, "value", None) == "terms")
    terms = []
    for item, item_node in zip(data["terms"], seq.value, strict=True):
        line = int(item_node.start_mark.line) + 1
        if not isinstance(item, dict) or not isinstance(item.get("term"), str):
            raise ContentError(path, line, "each entry needs 'term:' (the English word)")
        terms.append(
            Term(
                item["term"].strip(),
                _strings(item.get("use"), path, line, "use"),
                _strings(item.get("also"), path, line, "also"),
            )
        )
    return terms


_cache: dict[tuple[int, Path], tuple[int, list[Term]]] = {}


def load_cached(path: Path, source: ContentSource = FILES) -> list[Term]:
    """:func:`load`, re-read only when the file changed."""
    stamp = source.stamp(path)[0]
    key = (source.token, path)
    cached = _cache.get(key)
    if cached is None or cached[0] != stamp:
        cached = (stamp, load(path, source))
        _cache[key] = cached
    return cached[1]


_LINK_TARGET = re.compile(r"\]\([^)]*\)")
_ADDRESS = re.compile(  # (starts only where a word starts: one long token is read once, not
    # once from each of its letters: 100,000 letters took check 8.7 s, 300,000 took 71 s)
    r"(?:https?://)?(?<![A-Za-z0-9.-])[A-Za-z0-9][A-Za-z0-9.-]*\.(?:gov|org|com|net)"
    r"(?:/[A-Za-z0-9._~%/?#=&+:-]*)?"
)
# Two or more capitalised words in a row, with small joining words ("Board of Immigration
# Appeals", "National Lawyers Guild").
_PROPER_NAME = re.compile(
    r"(?<![\w'])[A-Z][\w'’-]*(?:\s+(?:(?:of|for|and|on|de|del|la)\s+)?[A-Z][\w'’-]*)+"
)


def _prose(text: str) -> str:
    """The text without link or web addresses (``ice.gov/check-in`` is not the word)."""
    return _ADDRESS.sub(" ", _LINK_TARGET.sub("]", text))


@functools.lru_cache(maxsize=16384)
def _mentions(text: str, word: str) -> bool:
    """Cached: every translation of a page asks it again for each source section and term.

    Proper names longer than the term that hold it do not count.
    """
    pattern = re.compile(rf"(?<!\w){re.escape(word)}(?!\w)", re.IGNORECASE)
    if pattern.search(text) is None:
        return False
    words = len(word.split())

    def blank(match: re.Match[str]) -> str:
        name = match.group(0).split()
        before = text[: match.start()].rstrip()
        lead = ""
        if not before or before[-1] in '.!?:;*"(\n#-':  # a sentence's first word is capitalised
            lead, name = name[0] + " ", name[1:]
        if len(name) > words and pattern.search(" ".join(name)):
            return lead + " "
        return match.group(0)

    return pattern.search(_PROPER_NAME.sub(blank, text)) is not None


def _contains(text: str, word: str) -> bool:
    return word.casefold() in text.casefold()  # substring: works for scripts without spaces


def compare(
    translation: Page,
    source: Page,
    terms: list[Term],
    *,
    splits: tuple[dict[str, str], dict[str, str]] | None = None,
    lines: dict[str, int] | None = None,
) -> list[Problem]:
    """Warnings for sections that do not use the glossary's word for a term the source uses.

    ``splits`` is (translation sections, source sections) from ``sections.split_sections`` when
    the caller already has them (``check`` splits each page once). ``lines`` maps a section id
    to the file line of its heading in the translation (else the body's first line is named).
    """
    problems: list[Problem] = []
    if not terms:  # most locales have no glossary: nothing to split
        return problems
    if splits is None:
        splits = sections.split_sections(translation.body), sections.split_sections(source.body)
    own = {k: _prose(v) for k, v in splits[0].items()}
    for key, raw_source in splits[1].items():
        text, source_text = own.get(key), _prose(raw_source)
        if text is None:
            continue
        for entry in terms:
            if (
                entry.use
                and _mentions(source_text, entry.term)
                and not any(_contains(text, form) for form in entry.use)
            ):
                problems.append(
                    Problem(
                        translation.path,
                        (lines or {}).get(key, translation.body_line),
                        f"section '{key}': the glossary says to write '{entry.term}' as "
                        f"'{entry.use[0]}'",
                        Severity.WARNING,
                    )
                )
    return problems
