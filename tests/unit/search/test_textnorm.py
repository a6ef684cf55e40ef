from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rightsguide.core.search import textnorm
from rightsguide.core.search.textnorm import normalize, segment, words


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Batería", "bateria"),
        ("BATERIA", "bateria"),
        ("Kʼicheʼ", "kiche"),
        ("K'iche'", "kiche"),
        ("K’iche’", "kiche"),
        ("مُحَامٍ", "محام"),  # harakat removed
        ("مـــحـــامي", "محامي"),  # tatweel removed
        ("Ça coûte", "ca coute"),
        ("ПРОВЕРКА Ёлка", "проверка елка"),
        ("ﬁle", "file"),  # NFKC
    ],
)
def test_normalize(text, expected):
    assert normalize(text) == expected


def test_chinese_is_split_into_character_pairs():
    assert segment("电池没电") == " 电池 池没 没电 "
    assert words("请给电池充电") == ["请给", "给电", "电池", "池充", "充电"]
    assert words("电") == ["电"]


def test_mixed_scripts():
    assert words("SmartLINK应用程序") == ["smartlink", "应用", "用程", "程序"]


def test_indic_vowel_signs_stay_in_the_word():
    assert normalize("ਬੈਟਰੀ") == "ਬੈਟਰੀ"
    assert words("ਸਾਨੂੰ ਬੈਟਰੀ ਬਾਰੇ") == ["ਸਾਨੂੰ", "ਬੈਟਰੀ", "ਬਾਰੇ"]


_REF_APOSTROPHES = dict.fromkeys(map(ord, "'\u02bc\u2019\u2018\u02bb\u0060\u00b4\u2032"), None)


def _reference_normalize(text: str) -> str:
    """The original, straightforward ``normalize``: the fast one must always agree with it."""
    text = unicodedata.normalize("NFKC", text).casefold()
    text = textnorm._DIACRITICS.sub("", unicodedata.normalize("NFD", text))
    return unicodedata.normalize("NFC", text.replace("\u0640", "")).translate(_REF_APOSTROPHES)


def _reference_segment(text: str) -> str:
    return textnorm._cjk_run().sub(textnorm._bigrams, _reference_normalize(text))


_TRICKY = (
    "aAzZ09 '`\t\n\r\x00\x85\u2028İıßſΣσςﬁ①Ⅻ㎏½Åå\u0301\u0308\u0327\u0640"
    "\u02bc\u2019\u2018\u02bb\u00b4\u2032ʻمُحَامٍਬੈਟਰੀ\u0a3cᄀ\u1161\u11a8한電电池ーｱｶﾞ\uf900"
    "ёЁйĲǅǄ\u1e9b\u0345ΐ\U0001d400\U00010400\u0591\u05b4\u06d6\u1ab0\u20d0\ufe20"
)


@settings(max_examples=2000, deadline=None)
@given(
    st.text(
        alphabet=st.one_of(st.sampled_from(_TRICKY), st.characters(codec="utf-8")),
        max_size=40,
    )
)
def test_fast_normalize_equals_the_reference(text):
    assert normalize(text) == _reference_normalize(text)
    assert segment(text) == _reference_segment(text)


@given(st.text(alphabet=st.characters(max_codepoint=127), max_size=60))
def test_ascii_fast_path_equals_the_reference(text):
    assert normalize(text) == _reference_normalize(text)
    assert segment(text) == _reference_segment(text)
