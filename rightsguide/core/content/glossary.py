"""Per-locale glossaries: one word for each key term, and the other words readers use.

``content/<locale>/glossary.yaml``::

    terms:
      - term: ankle monitor            # the source-language (English) term
        use: grillete electrónico      # this language's word for it (a list allows word forms)
        also: [grillete, tobillera]    # other words people say; search will find them too

``check`` warns when a translated section whose source mentions ``term`` uses none of the
``use`` forms (a warning, not an error: grammar can change a word's ending).
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
    try:
        text = source.read_text(path, encoding="utf-8-sig")
        node, data = yamlfile.node_and_data(text, yaml.SafeLoader)
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        mark = getattr(exc, "context_mark", None) or getattr(exc, "problem_mark", None)
        line = int(mark.line) + 1 if mark is not None else 1
        raise ContentError(path, line, f"the glossary is not valid YAML: {exc}") from None
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
_ADDRESS = re.compile(r"\S+\.(?:gov|org|com|net)\S*")


def _prose(text: str) -> str:
    """The text without link or web addresses (``ice.gov/check-in`` is not the word)."""
    return _ADDRESS.sub(" ", _LINK_TARGET.sub("]", text))


@functools.lru_cache(maxsize=16384)
def _mentions(text: str, word: str) -> bool:
    """Cached: every translation of a page asks it again for each source section and term."""
    return re.search(rf"(?<!\w){re.escape(word)}(?!\w)", text, re.IGNORECASE) is not None


def _contains(text: str, word: str) -> bool:
    return word.casefold() in text.casefold()  # substring: works for scripts without spaces


def compare(
    translation: Page,
    source: Page,
    terms: list[Term],
    *,
    splits: tuple[dict[str, str], dict[str, str]] | None = None,
) -> list[Problem]:
    """Warnings for sections that do not use the glossary's word for a term the source uses.

    ``splits`` is (translation sections, source sections) from ``sections.split_sections`` when
    the caller already has them (``check`` splits each page once).
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
                        translation.body_line,
                        f"section '{key}': the glossary says to write '{entry.term}' as "
                        f"'{entry.use[0]}'",
                        Severity.WARNING,
                    )
                )
    return problems
