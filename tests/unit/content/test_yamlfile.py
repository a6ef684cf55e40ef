"""The one safe YAML reading path: limits, duplicate keys, numbers, special files (issue #11, 6)."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rightsguide.core.content import frontmatter, glossary, yamlfile
from rightsguide.core.content.clinic import load_clinic
from rightsguide.core.content.locales import load_registry
from rightsguide.core.errors import ContentError, RegistryError
from rightsguide.core.kiosk import load_config
from tests.conftest import FIXTURES, write_page

REGISTRY = load_registry(FIXTURES / "content")


def alias_bomb(levels: int = 9) -> str:
    """The "billion laughs": each level lists the previous one nine times."""
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, levels):
        items = ",".join([f"*a{i - 1}"] * 9)
        lines.append(f"a{i}: &a{i} [{items}]")
    return "\n".join(lines) + "\n"


def test_an_alias_bomb_in_the_kiosk_configuration_is_refused(tmp_path):
    path = write_page(tmp_path, "kiosk.yaml", alias_bomb() + f"default_language: *a{8}\n")
    with pytest.raises(ContentError) as err:
        load_config(path, REGISTRY)
    assert "aliases" in err.value.message or "more than" in err.value.message
    assert 1 <= err.value.line <= 10


def test_a_few_aliases_are_fine(tmp_path):
    text = "languages: &l [en, es]\nidle_seconds: &s 60\ncountdown_seconds: *s\n"
    config = load_config(write_page(tmp_path, "kiosk.yaml", text), REGISTRY)
    assert config.languages == ("en", "es")
    assert config.countdown_seconds == 60


def test_a_duplicate_key_is_an_error_with_its_line(tmp_path):
    text = "require_signed: true\ntrusted_keys: [AAAA]\nrequire_signed: false\n"
    with pytest.raises(ContentError) as err:
        load_config(write_page(tmp_path, "kiosk.yaml", text), REGISTRY)
    assert err.value.line == 3
    assert "'require_signed' is given twice (first on line 1)" in err.value.message


def test_deep_nesting_is_an_error_with_its_line(tmp_path):
    text = "idle_seconds: 60\nlanguages: " + "[" * 500 + "]" * 500 + "\n"
    with pytest.raises(ContentError) as err:
        load_config(write_page(tmp_path, "kiosk.yaml", text), REGISTRY)
    assert err.value.line == 2
    assert "nested more than" in err.value.message


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("idle_seconds: 60\ncountdown_seconds: " + "9" * 5000 + "\n", 2),
        ("exit_pin: " + "1" * 5000 + "\n", 1),
        ("content_max_age_months: 0x" + "f" * 5000 + "\n", 1),
        ("idle_seconds: 1.5e+" + "9" * 400 + "\n", 1),
    ],
)
def test_huge_numbers_are_errors_with_their_line(tmp_path, text, line):
    with pytest.raises(ContentError) as err:
        load_config(write_page(tmp_path, "kiosk.yaml", text), REGISTRY)
    assert err.value.line == line
    assert "too long" in err.value.message


def test_a_clinic_file_that_is_dev_zero_is_refused_without_reading_it(tmp_path):
    config = write_page(tmp_path, "kiosk.yaml", "clinic: /dev/zero\n")
    clinic = load_config(config, REGISTRY).clinic
    assert clinic is not None
    with pytest.raises(ContentError) as err:
        load_clinic(clinic)
    assert "not a regular file" in err.value.message


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_a_fifo_is_refused_without_waiting_for_a_writer(tmp_path):
    fifo = tmp_path / "clinic.yaml"
    os.mkfifo(fifo)
    with pytest.raises(ContentError) as err:
        load_clinic(fifo)
    assert "not a regular file" in err.value.message


def test_a_file_larger_than_the_limit_is_refused(tmp_path):
    path = write_page(tmp_path, "clinic.yaml", "name: x\n" + "#" * (yamlfile.MAX_CONFIG_BYTES + 5))
    with pytest.raises(ContentError) as err:
        load_clinic(path)
    assert "larger than 256 KB" in err.value.message


def test_read_bytes_reads_at_most_one_byte_past_the_limit(tmp_path, monkeypatch):
    path = tmp_path / "big"
    path.write_bytes(b"x" * 100_000)
    asked: list[int] = []
    real_read = os.read

    def counting_read(fd: int, n: int) -> bytes:
        asked.append(n)
        return real_read(fd, n)

    monkeypatch.setattr(os, "read", counting_read)
    with pytest.raises(ContentError):
        yamlfile.read_bytes(path, 1000)
    assert sum(asked) <= 1001


def test_a_huge_number_in_locales_yaml_names_the_line(content_copy):
    registry = content_copy / "locales.yaml"
    registry.write_text(
        "version: " + "7" * 5000 + "\n" + registry.read_text(encoding="utf-8"), encoding="utf-8"
    )
    with pytest.raises(RegistryError) as err:
        load_registry(content_copy)
    assert err.value.line == 1
    assert "too long" in err.value.message


def test_an_alias_bomb_in_a_glossary_is_refused(tmp_path):
    path = write_page(tmp_path, "glossary.yaml", alias_bomb() + "terms: []\n")
    with pytest.raises(ContentError):
        glossary.load(path)


@pytest.mark.parametrize(
    ("yaml_text", "line", "fragment"),
    [
        ("title: T\norder: " + "5" * 5000, 3, "too long"),
        ("title: T\nvalid_until: 2026-02-30", 3, "not a real date"),
        ("title: T\ntitle: U", 3, "given twice"),
    ],
)
def test_front_matter_numbers_dates_and_keys_are_errors_with_their_line(yaml_text, line, fragment):
    with pytest.raises(ContentError) as err:
        frontmatter.parse_meta(yaml_text, Path("p.md"))
    assert err.value.line == line
    assert fragment in err.value.message


# --- any bytes: a value or a clean error with a line, in bounded time ---------------------------

YAMLISH = st.text(alphabet=st.sampled_from(list("ab01:-[]{},&*!#|>'\"\n ?%@`~<=9.eE_x\t\\")))


def error_of(action: Callable[[], object]) -> ContentError | None:
    """The ContentError ``action`` raises (anything else fails the test), or None."""
    try:
        action()
    except ContentError as exc:
        return exc
    return None


def _config_or_error(raw: bytes) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "kiosk.yaml"
        path.write_bytes(raw)
        err = error_of(lambda: load_config(path, REGISTRY))
        assert err is None or (err.line >= 0 and str(path) in str(err))


@settings(max_examples=150, deadline=2000, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=400))
def test_any_bytes_as_kiosk_configuration_give_a_value_or_a_clean_error(raw):
    _config_or_error(raw)


@settings(max_examples=300, deadline=2000, suppress_health_check=[HealthCheck.too_slow])
@given(YAMLISH)
def test_any_yaml_like_text_as_kiosk_configuration_gives_a_value_or_a_clean_error(text):
    _config_or_error(text.encode("utf-8"))


@settings(max_examples=300, deadline=2000, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(YAMLISH, st.binary(max_size=300).map(lambda b: b.decode("latin-1"))))
def test_any_front_matter_gives_meta_or_a_clean_error(text):
    err = error_of(lambda: frontmatter.parse_meta(text, Path("p.md")))
    assert err is None or err.line >= 1


@settings(max_examples=150, deadline=2000, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=400))
def test_any_bytes_as_a_page_file_give_a_page_or_a_clean_error(raw):
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "locales.yaml").write_text(
            "source: en\nlocales:\n  - {code: en, native: English, english: English}\n",
            encoding="utf-8",
        )
        path = root / "en" / "t" / "p.md"
        path.parent.mkdir(parents=True)
        path.write_bytes(b"---\n" + raw)
        from rightsguide.core.content.library import ContentLibrary

        library = ContentLibrary(root)
        err = error_of(lambda: library.page("t/p", "en"))
        assert err is None or err.line >= 0
