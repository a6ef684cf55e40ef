"""Every character the guide shows can be drawn by the bundled fonts alone (DejaVu included)."""

from __future__ import annotations

import unicodedata

import pytest
from fontTools.ttLib import TTFont

from tests.conftest import ROOT

FONTS = sorted((ROOT / "assets" / "fonts").glob("*.[ot]tf"))
CODES = ["en", "es", "pt-BR", "ht", "fr", "ar", "zh-Hans", "ru", "pa"]


@pytest.fixture(scope="module")
def covered() -> set[int]:
    assert ROOT / "assets" / "fonts" / "DejaVuSans.ttf" in FONTS, "the base font is bundled"
    points: set[int] = set()
    for path in FONTS:
        points |= set(TTFont(path, fontNumber=0).getBestCmap())
    return points


def shown_text(code: str) -> str:
    parts = [p.read_text(encoding="utf-8") for p in (ROOT / "content" / code).rglob("*.md")]
    po = ROOT / "locales" / code.replace("-", "_") / "LC_MESSAGES" / "rightsguide.po"
    parts.append(po.read_text(encoding="utf-8"))
    parts.append((ROOT / "content" / "locales.yaml").read_text(encoding="utf-8"))
    return "".join(parts)


@pytest.mark.parametrize("code", CODES)
def test_no_empty_boxes(covered, code):
    missing = sorted(
        {
            c
            for c in shown_text(code)
            if ord(c) not in covered and unicodedata.category(c)[0] not in "CZ"
        }
    )
    assert missing == [], f"{code}: no bundled font draws {''.join(missing)!r}; run make fonts"
