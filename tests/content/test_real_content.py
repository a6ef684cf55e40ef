"""Validate the real, bundled content/ and locales/ (not fixtures)."""

from __future__ import annotations

import io
import re

import pytest
from babel.messages import mofile, pofile

from rightsguide.core.content.library import ContentLibrary
from rightsguide.core.content.locales import load_registry
from rightsguide.core.model import Provenance, ReviewLevel, Severity
from rightsguide.core.resources import data_dirs
from rightsguide.core.translation.check import check_tree
from tests.conftest import ROOT

DIRS = data_dirs(ROOT / "content")
LIBRARY = ContentLibrary(DIRS.content)
REGISTRY = load_registry(DIRS.content)
CODES = [loc.code for loc in REGISTRY.all()]
SOURCE_IDS = sorted(LIBRARY.page_ids("en"))
HELP_PAGE = "get-help/free-legal-help"
FIELD_RE = re.compile(r"\{[a-z_]+\}")


def test_check_finds_no_errors():
    errors = [str(p) for p in check_tree(DIRS.content, DIRS.assets) if p.severity is Severity.ERROR]
    assert errors == []


def test_nine_languages_are_registered():
    assert CODES == ["en", "es", "pt-BR", "ht", "fr", "ar", "zh-Hans", "ru", "pa"]


@pytest.mark.parametrize("code", CODES)
def test_every_language_has_every_page(code):
    assert sorted(LIBRARY.page_ids(code)) == SOURCE_IDS


@pytest.mark.parametrize("code", CODES)
def test_pages_are_dated_sourced_and_honest_about_review(code):
    for page_id in LIBRARY.page_ids(code):
        page = LIBRARY.page(page_id, code)
        assert page.meta.reviewed.level is ReviewLevel.EDITORIAL, page.path
        if not page.is_index:
            assert page.meta.sources, page.path
            assert all(s.url.startswith("https://") for s in page.meta.sources), page.path
        if code != "en":
            assert page.meta.translation is not None, page.path
            assert page.meta.translation.provenance is Provenance.MACHINE, page.path


@pytest.mark.parametrize("code", CODES)
def test_pages_end_by_pointing_to_free_legal_help(code):
    for page_id in LIBRARY.page_ids(code):
        page = LIBRARY.page(page_id, code)
        if page_id == HELP_PAGE or page.is_index:
            continue
        last = [line for line in page.body.splitlines() if line.startswith("## ")][-1]
        assert last.endswith("{#free-legal-help}"), page.path
        assert "free-legal-help.md" in page.body.split(last)[1], page.path


@pytest.mark.parametrize("code", CODES)
def test_changed_in_2025_pages_have_an_expiry(code):
    for page_id in LIBRARY.page_ids(code):
        page = LIBRARY.page(page_id, code)
        if "!!! changed" in page.body:
            assert page.meta.valid_until is not None, page.path


@pytest.mark.parametrize("code", CODES)
def test_every_locale_has_a_ui_catalog_that_compiles(code, tmp_path):
    po = DIRS.locales / code.replace("-", "_") / "LC_MESSAGES" / "rightsguide.po"
    with po.open("rb") as fh:
        catalog = pofile.read_po(fh, abort_invalid=True)
    mofile.write_mo(io.BytesIO(), catalog)
    for message in catalog:
        if message.id and message.string:
            ids = message.id if isinstance(message.id, tuple) else (message.id,)
            strings = message.string if isinstance(message.string, tuple) else (message.string,)
            wanted = set(FIELD_RE.findall(" ".join(str(i) for i in ids)))
            for text in strings:
                if text:  # an untranslated plural form falls back to English
                    assert set(FIELD_RE.findall(str(text))) == wanted, (po, message.id)


@pytest.mark.parametrize("code", CODES)
def test_ui_catalog_is_translated(code):
    if code == "en":
        return
    po = DIRS.locales / code.replace("-", "_") / "LC_MESSAGES" / "rightsguide.po"
    with po.open("rb") as fh:
        catalog = pofile.read_po(fh)
    missing = [m.id for m in catalog if m.id and not m.string]
    assert missing == []


def test_topic_icons_exist():
    for topic in LIBRARY.topics("en"):
        assert topic.icon is not None
        assert (DIRS.assets / "icons" / "topics" / f"{topic.icon}.svg").is_file()


def test_ui_catalogs_parse_keep_fields_and_match_the_template():
    from rightsguide.core.translation.catalogs import check_catalogs

    assert [str(p) for p in check_catalogs(DIRS.locales, REGISTRY)] == []
