"""Content version, date, signer and age: what About, handouts and the age warning rely on."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from rightsguide.core.content.locales import load_registry
from rightsguide.core.errors import RegistryError
from rightsguide.core.guide import Guide
from rightsguide.core.packs import pack, provenance
from rightsguide.core.packs.manifest import key_id
from rightsguide.core.packs.provenance import Signature, Trust
from rightsguide.core.render import about
from rightsguide.core.render.handout import build_handout
from tests.conftest import FIXTURES, ROOT, publish

ASSETS = ROOT / "assets"
PUBLISHED = dt.date(2026, 3, 10)


@pytest.fixture
def keys(tmp_path):
    public = pack.keygen(tmp_path / "key.pem", tmp_path / "key.pub")
    return tmp_path / "key.pem", public


@pytest.fixture
def installed(tmp_path, content_copy, keys):
    """Content installed from a signed pack, as a clinic kiosk has it."""
    out = tmp_path / "pack.zip"
    pack.build(content_copy, FIXTURES / "locales", out, "2026.12.01", "New bond rules")
    pack.sign(out, keys[0])
    pack.install(out, tmp_path / "packs", [keys[1]], ASSETS)
    return (tmp_path / "packs" / "current").resolve() / "content"


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (dt.date(2026, 3, 10), 6, dt.date(2026, 9, 10)),
        (dt.date(2026, 8, 31), 6, dt.date(2027, 2, 28)),  # no 31 February
        (dt.date(2027, 8, 31), 6, dt.date(2028, 2, 29)),  # leap year
        (dt.date(2026, 12, 1), 1, dt.date(2027, 1, 1)),
    ],
)
def test_add_months_clamps_to_the_end_of_the_month(start, months, expected):
    assert provenance.add_months(start, months) == expected


def test_content_is_too_old_only_after_the_configured_months():
    assert not provenance.too_old(PUBLISHED, dt.date(2026, 9, 10), 6)
    assert provenance.too_old(PUBLISHED, dt.date(2026, 9, 11), 6)
    assert provenance.too_old(PUBLISHED, dt.date(2026, 6, 11), 3)
    assert not provenance.too_old(None, dt.date(2030, 1, 1), 6)  # unknown date: no claim


def test_registry_published_date_is_read_and_checked(content_copy):
    publish(content_copy)
    assert load_registry(content_copy).published == PUBLISHED
    registry = content_copy / "locales.yaml"
    registry.write_text(
        registry.read_text(encoding="utf-8").replace("2026-03-10", "last spring"), "utf-8"
    )
    with pytest.raises(RegistryError, match="'published' must be a date") as caught:
        load_registry(content_copy)
    assert caught.value.line == 2


def test_plain_tree_is_unsigned_with_the_registry_version_and_date(content_copy):
    publish(content_copy)
    info = provenance.inspect(content_copy, load_registry(content_copy), Trust())
    assert (info.version, info.published, info.signature) == (
        "2026.03",
        PUBLISHED,
        Signature.UNSIGNED,
    )


def test_installed_pack_names_its_publisher_and_date(installed, keys):
    trust = Trust((keys[1],), ((keys[1], "Legal Aid Network"),))
    info = provenance.inspect(installed, load_registry(installed), trust)
    assert info.signature is Signature.TRUSTED
    assert info.signer == "Legal Aid Network"
    assert info.version == "2026.12.01"
    assert info.published == dt.date.today()  # the pack's creation date
    assert info.notes == "New bond rules"


def test_unnamed_key_is_shown_by_its_fingerprint(installed, keys):
    info = provenance.inspect(installed, load_registry(installed), Trust((keys[1],)))
    assert info.signer == key_id(keys[1])
    assert len(info.signer) == len("3F2A-91C0-77D4-0B1E")
    assert info.fingerprint == key_id(keys[1])


def test_pack_without_trusted_keys_is_signed_but_unchecked(installed):
    info = provenance.inspect(installed, load_registry(installed), Trust())
    assert info.signature is Signature.UNCHECKED


def test_changed_file_makes_the_signature_invalid(installed, keys):
    page = installed / "en" / "start-here" / "welcome.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nYou may take the monitor off.\n", "utf-8")
    info = provenance.inspect(installed, load_registry(installed), Trust((keys[1],)))
    assert info.signature is Signature.INVALID
    assert "welcome.md" in info.detail


def test_pages_warn_when_the_content_is_older_than_six_months(fixture_dirs, content_copy):
    publish(content_copy)
    dirs = replace(fixture_dirs, content=content_copy)
    fresh = Guide(dirs, today=lambda: dt.date(2026, 9, 1))
    assert fresh.outdated_since() is None
    assert "may be out of date" not in fresh.open_page("device-care/charging", "en").html
    old = Guide(dirs, today=lambda: dt.date(2026, 9, 11))
    assert old.outdated_since() == PUBLISHED
    html = old.open_page("device-care/charging", "en").html
    assert "published on March 10, 2026. It may be out of date" in html
    strict = Guide(dirs, today=lambda: dt.date(2026, 6, 11), trust=Trust(max_age_months=3))
    assert strict.outdated_since() == PUBLISHED


def test_outdated_warning_is_in_the_readers_language(fixture_dirs, content_copy):
    publish(content_copy)
    dirs = replace(fixture_dirs, content=content_copy, locales=ROOT / "locales")
    html = (
        Guide(dirs, today=lambda: dt.date(2027, 1, 1)).open_page("device-care/charging", "ar").html
    )
    assert "قد تكون قديمة" in html  # "it may be old"
    assert "It may be out of date" not in html


def test_about_page_shows_version_date_signer_and_privacy(installed, keys, fixture_dirs):
    trust = Trust((keys[1],), ((keys[1], "Legal Aid Network"),))
    guide = Guide(replace(fixture_dirs, content=installed), trust=trust, show_folder=False)
    assert guide.page_exists(about.PAGE_ID, "en")
    shown = guide.open_page(about.PAGE_ID, "en")
    assert shown.title == "About this guide"
    for text in ("2026.12.01", "Legal Aid Network", "New bond rules", "never connects"):
        assert text in shown.html
    assert "Its signature was checked" in shown.html
    assert str(installed) not in shown.html  # a kiosk does not show its folders


def test_about_page_says_plainly_when_content_is_not_signed(fixture_dirs):
    shown = Guide(fixture_dirs).open_page(about.PAGE_ID, "en")
    assert "This content is not signed" in shown.html
    assert "Not signed" in shown.html
    assert str(fixture_dirs.content) in shown.html  # volunteers and translators see the folder


def test_about_is_listed_last_under_get_help(fixture_dirs, content_copy):
    topic = about.PAGE_ID.split("/")[0]
    (content_copy / "en" / topic).mkdir()
    charging = content_copy / "en" / "device-care" / "charging.md"
    (content_copy / "en" / topic / "lawyers.md").write_bytes(charging.read_bytes())
    guide = Guide(replace(fixture_dirs, content=content_copy))
    pages = guide.pages("en", topic)
    assert [p.page_id for p in pages] == [f"{topic}/lawyers", about.PAGE_ID]
    assert pages[-1].title == "About this guide"


def test_handout_carries_version_date_and_signer(installed, keys, fixture_dirs):
    trust = Trust((keys[1],), ((keys[1], "Legal Aid Network"),))
    guide = Guide(replace(fixture_dirs, content=installed), trust=trust)
    handout = build_handout(
        guide, ["device-care/charging"], "en", with_english=False, today=dt.date(2026, 12, 2)
    )
    assert "Content version 2026.12.01" in handout.html
    assert "signed by: Legal Aid Network" in handout.html


def test_about_page_can_be_printed(fixture_dirs):
    guide = Guide(fixture_dirs)
    handout = build_handout(
        guide, [about.PAGE_ID], "en", with_english=False, today=dt.date(2026, 12, 2)
    )
    assert "About this guide" in handout.html
    assert "published on November 1, 2026, Not signed" in handout.html
