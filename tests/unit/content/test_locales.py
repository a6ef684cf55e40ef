from __future__ import annotations

from pathlib import Path

import pytest

from rightsguide.core.content.locales import load_registry
from rightsguide.core.errors import RegistryError, UnknownLocale
from rightsguide.core.model import Direction
from tests.conftest import FIXTURES


def registry_from(tmp_path: Path, text: str):
    (tmp_path / "locales.yaml").write_text(text, encoding="utf-8")
    return load_registry(tmp_path)


def test_fixture_registry_lists_locales_in_file_order():
    registry = load_registry(FIXTURES / "content")
    assert [loc.code for loc in registry.all()] == ["en", "ar", "es", "fr", "ht", "mam"]
    assert registry.get("ar").native_name == "العربية"


def test_fallback_chain_ends_at_source_without_repeats():
    registry = load_registry(FIXTURES / "content")
    assert registry.chain("ht") == ["ht", "fr", "en"]
    assert registry.chain("en") == ["en"]


def test_locale_unknown_to_babel_is_supported_and_ltr():
    registry = load_registry(FIXTURES / "content")
    mam = registry.get("mam")
    assert mam.direction is Direction.LTR
    assert registry.chain("mam") == ["mam", "en"]


def test_direction_comes_from_babel_when_not_given(tmp_path):
    registry = registry_from(
        tmp_path,
        "locales:\n- {code: en, native: English, english: English}\n"
        "- {code: fa, native: فارسی, english: Persian}\n",
    )
    assert registry.get("fa").direction is Direction.RTL


def test_registry_value_wins_over_babel(tmp_path):
    registry = registry_from(
        tmp_path,
        "locales:\n- {code: en, native: E, english: E}\n"
        "- {code: ar, native: A, english: A, direction: ltr}\n",
    )
    assert registry.get("ar").direction is Direction.LTR


def test_unknown_locale_raises():
    with pytest.raises(UnknownLocale):
        load_registry(FIXTURES / "content").get("xx")


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("locales: [\n", "not valid YAML"),
        ("source: en\n", "'locales:' list"),
        ("locales:\n- {code: en, native: E, english: E, fallback: [zz]}\n", "fallback 'zz'"),
        ("locales:\n- {code: en, native: E}\n", "english"),
        ("source: fr\nlocales:\n- {code: en, native: E, english: E}\n", "source locale 'fr'"),
        ("locales:\n- {code: en, native: E, english: E, direction: up}\n", "direction"),
    ],
)
def test_bad_registry_is_a_clear_error(tmp_path, text, fragment):
    with pytest.raises(RegistryError, match=fragment):
        registry_from(tmp_path, text)


def test_missing_registry(tmp_path):
    with pytest.raises(RegistryError, match="missing"):
        load_registry(tmp_path)


def test_negotiate_picks_language_then_source():
    registry = load_registry(FIXTURES / "content")
    assert registry.negotiate(["ar-EG", "en-US"]) == "ar"
    assert registry.negotiate(["es_MX.UTF-8"]) == "es"
    assert registry.negotiate(["de-DE"]) == "en"


def test_content_version_is_read(tmp_path):
    registry = registry_from(
        tmp_path, 'version: "2026.11.28"\nlocales:\n- {code: en, native: E, english: E}\n'
    )
    assert registry.version == "2026.11.28"
    assert load_registry(FIXTURES / "content").version == ""


def test_release_notes_are_read_for_the_about_page(tmp_path):
    registry = registry_from(
        tmp_path,
        "source: en\nnotes: |\n  New page on court.\n  Fixed a phone number.\nlocales:\n"
        "  - {code: en, native: English, english: English}\n",
    )
    assert registry.notes == "New page on court.\nFixed a phone number."


def test_release_notes_must_be_text(tmp_path):
    with pytest.raises(RegistryError, match="'notes' must be text"):
        registry_from(
            tmp_path,
            "source: en\nnotes: [a, b]\nlocales:\n"
            "  - {code: en, native: English, english: English}\n",
        )


@pytest.mark.parametrize("code", ["../ext", "en/../../etc", ".", "e", "\x1b]0;x\x07", "es es", ""])
def test_a_code_that_is_not_a_language_code_is_refused(tmp_path, code):
    """A code is a folder name too: "../ext" indexed pages outside the content folder."""
    (tmp_path / "locales.yaml").write_text(
        "locales:\n  - code: en\n    native: English\n    english: English\n"
        f"  - code: {code!r}\n    native: X\n    english: X\n",
        encoding="utf-8",
    )
    with pytest.raises(RegistryError, match="is not a language code"):
        load_registry(tmp_path)


def test_the_codes_the_guide_uses_are_language_codes(tmp_path):
    codes = ["en", "pt-BR", "zh-Hans", "mam", "x07", "sr-Latn-RS"]
    entries = "".join(f"  - code: {c}\n    native: X\n    english: X\n" for c in codes)
    (tmp_path / "locales.yaml").write_text(f"locales:\n{entries}", encoding="utf-8")
    assert [loc.code for loc in load_registry(tmp_path).all()] == codes
