from __future__ import annotations

import pytest

from rightsguide.core.textnorm import normalize, segment, words


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
