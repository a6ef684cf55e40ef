from __future__ import annotations

import base64
from pathlib import Path

import pytest

from rightsguide.core.content.locales import load_registry
from rightsguide.core.errors import ContentError
from rightsguide.core.kiosk import load_config
from tests.conftest import FIXTURES, ROOT, write_page

REGISTRY = load_registry(FIXTURES / "content")


def test_example_configuration_is_refused_until_its_pin_is_changed(tmp_path):
    example = ROOT / "examples" / "kiosk.yaml"
    with pytest.raises(ContentError) as err:
        load_config(example, load_registry(ROOT / "content"))
    assert err.value.line == 8
    assert "example PIN 123456" in err.value.message
    text = example.read_text(encoding="utf-8").replace('"123456"', '"730519"')
    config = load_config(write_page(tmp_path, "kiosk.yaml", text), load_registry(ROOT / "content"))
    assert config.idle_seconds == 120
    assert config.languages[0] == "es"
    assert config.exit_pin == "730519"
    assert config.printing is False
    assert config.clinic == tmp_path / "clinic.yaml"


def test_empty_file_gives_defaults(tmp_path):
    config = load_config(write_page(tmp_path, "k.yaml", ""), REGISTRY)
    assert config.idle_seconds == 120
    assert config.languages == ("en", "ar", "es", "fr", "ht", "mam")
    assert config.default_language == "en"


@pytest.mark.parametrize(
    ("text", "line", "fragment"),
    [
        ("idle_seconds: 5\n", 1, "from 15 to 3600"),
        ("countdown_seconds: 20\nidle_seconds: two minutes\n", 2, "whole number"),
        ("languages: [en, xx]\n", 1, "'xx' is not in"),
        ("default_language: zz\n", 1, "'zz'"),
        ("exit_pin: 12\n", 1, "6 to 12 digits"),
        ("exit_pin: abcd\n", 1, "6 to 12 digits"),
        ('exit_pin: "4821"\n', 1, "6 to 12 digits"),
        ('exit_pin: "48215"\n', 1, "6 to 12 digits"),
        ('exit_pin: "123456"\n', 1, "example PIN"),
        ('exit_pin: "777777"\n', 1, "too easy to guess"),
        ('exit_pin: "345678"\n', 1, "too easy to guess"),
        ('exit_pin: "٧٣٠٥١٩"\n', 1, "6 to 12 digits"),
        ("printing: yes please\n", 1, "true or false"),
        ("idle: 100\n", 1, "unknown setting 'idle'"),
        ("languages: [en\n", 1, "not valid YAML"),
        ("content_max_age_months: 0\n", 1, "from 1 to 60"),
        ("content_max_age_months: six\n", 1, "whole number of months"),
        ("trusted_keys: [{name: Clinic}]\n", 1, "{name:"),
        ("trusted_keys: AAAA\n", 1, "list of public keys"),
    ],
)
def test_bad_configuration_names_the_line(tmp_path, text, line, fragment):
    with pytest.raises(ContentError) as err:
        load_config(write_page(tmp_path, "k.yaml", text), REGISTRY)
    assert err.value.line == line
    assert fragment in err.value.message


KEY1 = base64.b64encode(bytes(range(32))).decode()
KEY2 = base64.b64encode(bytes(range(1, 33))).decode()


def test_trusted_keys_may_carry_the_publishers_name(tmp_path):
    text = (
        "require_signed: true\n"
        "content_max_age_months: 3\n"
        "trusted_keys:\n"
        f"  - {{name: Legal Aid Network, key: {KEY1}}}\n"
        f"  - {KEY2}\n"
    )
    config = load_config(write_page(tmp_path, "k.yaml", text), REGISTRY)
    assert config.trusted_keys == (KEY1, KEY2)
    assert config.key_names == ((KEY1, "Legal Aid Network"),)
    assert config.content_max_age_months == 3


def test_a_key_as_openssl_writes_it_is_the_same_key(tmp_path):
    """``openssl pkey -pubout`` (and the README's example) write ``MCowBQYDK2VwAyEA...``."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    public = Ed25519PublicKey.from_public_bytes(bytes(range(32)))
    spki = base64.b64encode(
        public.public_bytes(
            serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
        )
    ).decode()
    assert spki.startswith("MCowBQYDK2VwAyEA")
    text = f"trusted_keys:\n  - {{name: Legal Aid Network, key: {spki}}}\nrevoked_keys: [{spki}]\n"
    config = load_config(write_page(tmp_path, "k.yaml", text), REGISTRY)
    assert config.trusted_keys == (KEY1,)
    assert config.key_names == ((KEY1, "Legal Aid Network"),)
    assert config.revoked_keys == (KEY1,)


@pytest.mark.parametrize("key", ["KEY1", "MCowBQYDK2VwAyEA", base64.b64encode(b"x" * 31).decode()])
def test_a_key_that_is_not_one_is_named_with_its_file_and_line(tmp_path, key):
    text = f"idle_seconds: 60\ntrusted_keys:\n  - {KEY1}\n  - {{name: Other, key: {key}}}\n"
    path = write_page(tmp_path, "k.yaml", text)
    with pytest.raises(ContentError) as bad:
        load_config(path, REGISTRY)
    assert bad.value.path == path
    assert bad.value.line == 4  # the bad key's own line (it was the 'trusted_keys:' line)
    assert "not a public key" in bad.value.message
    assert "as 'rightsguide pack keygen' prints it" in bad.value.message


def test_content_age_defaults_to_six_months(tmp_path):
    assert load_config(write_page(tmp_path, "k.yaml", ""), REGISTRY).content_max_age_months == 6


def test_the_content_setting_is_a_folder_relative_to_the_file(tmp_path):
    from rightsguide.core.kiosk import content_folder

    config = tmp_path / "etc" / "kiosk.yaml"
    config.parent.mkdir()
    config.write_text("content: ../var/current/content\n", encoding="utf-8")
    assert content_folder(config) == tmp_path / "etc" / "../var/current/content"
    config.write_text("content: /var/lib/rightsguide/current/content\n", encoding="utf-8")
    assert content_folder(config) == Path("/var/lib/rightsguide/current/content")
    config.write_text('content: ""\nidle_seconds: 60\n', encoding="utf-8")
    assert content_folder(config) is None
    config.write_text("idle_seconds: 60\ncontent: [a]\n", encoding="utf-8")
    with pytest.raises(ContentError) as bad:
        content_folder(config)
    assert (bad.value.line, "'content' must be a folder" in bad.value.message) == (2, True)


def test_a_missing_clinic_file_is_named_at_the_clinic_line_of_the_configuration(tmp_path):
    from rightsguide.core.kiosk import clinic_page

    path = write_page(tmp_path, "kiosk.yaml", "idle_seconds: 60\nclinic: clinc.yaml\n")
    with pytest.raises(ContentError) as bad:
        clinic_page(path, load_config(path, REGISTRY))
    assert str(bad.value) == (
        f"{path}:2: the clinic file {tmp_path / 'clinc.yaml'} does not exist: correct the name "
        "after 'clinic:' (a file in the same folder as this one, or a full path), or remove "
        "this line"
    )


def test_a_mistake_inside_the_clinic_file_is_named_at_its_own_line(tmp_path):
    from rightsguide.core.kiosk import clinic_page

    write_page(tmp_path, "clinic.yaml", "name: A clinic\nwebsite: http://example.org\n")
    path = write_page(tmp_path, "kiosk.yaml", "clinic: clinic.yaml\n")
    with pytest.raises(ContentError) as bad:
        clinic_page(path, load_config(path, REGISTRY))
    assert (bad.value.where, bad.value.message) == (
        f"{tmp_path / 'clinic.yaml'}:2",
        "'website' must start with https://",
    )
    assert clinic_page(path, load_config(write_page(tmp_path, "k.yaml", ""), REGISTRY)) is None


def test_an_unreadable_configuration_says_what_to_do_without_a_line_zero(
    tmp_path, capsys, monkeypatch
):
    import os

    from rightsguide import cli

    path = write_page(tmp_path, "kiosk.yaml", "idle_seconds: 60\n")
    real = os.open

    def not_for_this_user(name, flags, *args, **kwargs):
        if Path(name) == path:  # (as a user who may not read it: the tests may run as root)
            raise PermissionError(13, "Permission denied", str(name))
        return real(name, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", not_for_this_user)
    args = ["pack", "--content", str(FIXTURES / "content"), "rollback", "--config", str(path)]
    assert cli.main([*args, "--root", str(tmp_path)]) == 1
    assert capsys.readouterr().err == (
        f"rightsguide: {path}: cannot read the kiosk configuration file: this user may not "
        "read it; run the command with sudo, or ask the computer's administrator\n"
    )
