"""The self-test report names characters no bundled font draws (empty boxes on a bare machine)."""

from __future__ import annotations

import pytest

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


@pytest.mark.allow_log_warnings
def test_a_script_font_with_its_bold_file_only_is_reported(qapp, monkeypatch, caplog):
    """All of Arabic was drawn in bold, and nothing said why."""
    from rightsguide.core.content.locales import load_registry

    registry = load_registry(data_dirs().content)
    available = fonts.register_fonts(data_dirs().assets / "fonts")
    arabic = registry.get("ar")
    assert fonts.report_missing([arabic], available, data_dirs().assets / "fonts") == []
    from PySide6.QtGui import QFontDatabase

    # as if only NotoSansArabic-Bold.ttf were installed
    monkeypatch.setattr(QFontDatabase, "styles", staticmethod(lambda family: ["Bold"]))
    assert fonts.report_missing([arabic], available, data_dirs().assets / "fonts") == ["ar"]
    assert "so all its text shows in bold" in caplog.text
