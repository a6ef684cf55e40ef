"""The self-test report names characters no bundled font draws (empty boxes on a bare machine)."""

from __future__ import annotations

from rightsguide.core.resources import data_dirs
from rightsguide.ui import fonts


def test_bundled_fonts_draw_chinese_arabic_russian_and_punjabi(qapp):
    families = fonts.register_fonts(data_dirs().assets / "fonts")
    assert fonts.BASE_FAMILY in families
    assert set(families) <= set(fonts.families())
    text = "电池 › البطارية › Батарея › ਬੈਟਰੀ"
    assert fonts.missing_characters(text, families) == ""


def test_a_script_no_bundled_font_has_is_reported(qapp):
    families = fonts.register_fonts(data_dirs().assets / "fonts")
    assert fonts.missing_characters("a ཀ b", families) == "ཀ"
