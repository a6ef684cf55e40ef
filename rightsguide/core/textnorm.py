"""Text normalisation for search, shared by the index and the queries.

``normalize`` applies, in order: NFKC; case folding; NFD and removal of combining marks (Latin
accents, Arabic harakat); removal of the Arabic tatweel (U+0640); removal of apostrophe-like
letters (ʼ ' ’ ‘ ʻ), so "Kʼicheʼ", "K'iche'" and "kiche" are the same word. ``segment`` then
splits runs of Chinese/Japanese characters into overlapping pairs (bigrams), the classic way to
search scripts written without spaces with a word tokenizer::

    >>> normalize("Batería K’iche’")
    'bateria kiche'
    >>> segment("电池没电了")
    '电池 池没 没电 电了'
"""

from __future__ import annotations

import re
import unicodedata

_APOSTROPHES = dict.fromkeys(map(ord, "'\u02bc\u2019\u2018\u02bb\u0060\u00b4\u2032"), None)
_TATWEEL = "\u0640"
_CJK = r"\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_CJK_RUN = re.compile(f"[{_CJK}]+")
_WORD = re.compile(r"\w+")


def normalize(text: str) -> str:
    """Fold case, accents, harakat, tatweel and apostrophes (see the module docstring)."""
    text = unicodedata.normalize("NFKC", text).casefold()
    text = "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))
    return unicodedata.normalize("NFC", text.replace(_TATWEEL, "")).translate(_APOSTROPHES)


def _bigrams(match: re.Match[str]) -> str:
    run = match.group(0)
    if len(run) == 1:
        return f" {run} "
    return " " + " ".join(run[i : i + 2] for i in range(len(run) - 1)) + " "


def segment(text: str) -> str:
    """Normalised text with CJK runs split into bigrams, ready for a word tokenizer."""
    return _CJK_RUN.sub(_bigrams, normalize(text))


def words(text: str) -> list[str]:
    """The search words of ``text`` (normalised and segmented)."""
    return _WORD.findall(segment(text))


def is_cjk(word: str) -> bool:
    """True when ``word`` is (part of) a CJK run."""
    return bool(_CJK_RUN.fullmatch(word))
