"""Text normalisation for search, shared by the index and the queries.

``normalize`` applies, in order: NFKC; case folding; NFD and removal of the marks that are
diacritics (Latin, Greek and Cyrillic accents, Arabic harakat, Hebrew points), but not the vowel
signs of Indic scripts such as Gurmukhi, which are letters of the word; removal of the Arabic
tatweel (U+0640); removal of apostrophe-like letters (ʼ ' ’ ‘ ʻ), so "Kʼicheʼ", "K'iche'" and
"kiche" are the same word. ``segment`` then
splits runs of Chinese/Japanese characters into overlapping pairs (bigrams), the classic way to
search scripts written without spaces with a word tokenizer::

    >>> normalize("Batería K’iche’")
    'bateria kiche'
    >>> segment("电池没电了")
    '电池 池没 没电 电了'
"""

from __future__ import annotations

import functools
import re
import unicodedata

_APOSTROPHES = "'\u02bc\u2019\u2018\u02bb\u0060\u00b4\u2032"
_TATWEEL = "\u0640"
_CJK = r"\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_DIACRITICS = re.compile(
    "[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"  # combining accents
    "\u0591-\u05c7"  # Hebrew points
    "\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed]"  # Arabic harakat and Quranic marks
)


def normalize(text: str) -> str:
    """Fold case, accents, harakat, tatweel and apostrophes (see the module docstring)."""
    if text.isascii():
        # ASCII is already NFKC/NFD/NFC, has no marks or tatweel, and casefold() is lower()
        # there; its only apostrophe-like letters are ' and `.
        return text.lower().replace("'", "").replace("`", "")
    text = unicodedata.normalize("NFKC", text).casefold()
    text = _DIACRITICS.sub("", unicodedata.normalize("NFD", text))
    text = unicodedata.normalize("NFC", text.replace(_TATWEEL, ""))
    for apostrophe in _APOSTROPHES:  # a chain of replace() is many times faster than translate
        text = text.replace(apostrophe, "")
    return text


@functools.cache
def _cjk_run() -> re.Pattern[str]:
    """A run of CJK characters, compiled on first use.

    Its ~28,000 code points cost a new process ~1 ms to compile (``rightsguide search``), and
    text that is all ASCII never needs it.
    """
    return re.compile(f"[{_CJK}]+")


def _bigrams(match: re.Match[str]) -> str:
    run = match.group(0)
    if len(run) == 1:
        return f" {run} "
    return " " + " ".join(run[i : i + 2] for i in range(len(run) - 1)) + " "


def segment(text: str) -> str:
    """Normalised text with CJK runs split into bigrams, ready for a word tokenizer."""
    text = normalize(text)
    return text if text.isascii() else _cjk_run().sub(_bigrams, text)


def is_word_char(char: str) -> bool:
    """True for what the index's words are made of: letters, digits and marks (Indic vowels)."""
    return unicodedata.category(char)[0] in "LNM"


def words(text: str) -> list[str]:
    """The search words of ``text`` (normalised and segmented), as the index splits them."""
    found: list[str] = []
    current: list[str] = []
    for char in segment(text):
        if is_word_char(char):
            current.append(char)
        elif current:
            found.append("".join(current))
            current = []
    if current:
        found.append("".join(current))
    return found


def is_cjk(word: str) -> bool:
    """True when ``word`` is (part of) a CJK run."""
    return bool(_cjk_run().fullmatch(word))
