from __future__ import annotations

import datetime as dt
import os
import shutil

import pytest
from babel.messages import mofile, pofile

from rightsguide.core import i18n
from rightsguide.core.content.locales import load_registry
from rightsguide.core.errors import RegistryError
from rightsguide.core.model import Direction
from tests.conftest import FIXTURES, ROOT


def test_po_is_compiled_in_memory_when_no_mo():
    tr = i18n.translator(FIXTURES / "locales", "ar")
    assert tr.gettext("Home") == "الرئيسية"
    assert tr.gettext("Not in the catalog") == "Not in the catalog"


def test_newer_mo_is_preferred(tmp_path):
    folder = tmp_path / "ar" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    shutil.copy(FIXTURES / "locales/ar/LC_MESSAGES/rightsguide.po", folder)
    with (folder / "rightsguide.po").open("rb") as fh:
        catalog = pofile.read_po(fh)
    catalog["Home"].string = "from mo"
    with (folder / "rightsguide.mo").open("wb") as fh:
        mofile.write_mo(fh, catalog)
    os.utime(folder / "rightsguide.po", (1, 1))
    assert i18n.translator(tmp_path, "ar").gettext("Home") == "from mo"


def test_missing_catalog_falls_back_to_english(tmp_path):
    assert i18n.translator(tmp_path, "es").gettext("Home") == "Home"


def test_direction_and_dates():
    assert i18n.babel_direction("ar") is Direction.RTL
    assert i18n.babel_direction("pt-BR") is Direction.LTR
    assert i18n.babel_direction("mam") is Direction.LTR
    assert i18n.format_date(dt.date(2026, 11, 28), "es") == "28 de noviembre de 2026"
    assert i18n.format_date(dt.date(2026, 11, 28), "zz") == "2026-11-28"  # nobody knows it


def test_every_registered_language_writes_dates_with_month_names():
    registry = load_registry(ROOT / "content")
    day = dt.date(2026, 11, 28)
    for loc in registry.all():
        text = i18n.format_date(day, loc.code)
        assert "M11" not in text, loc.code
        assert text != day.isoformat(), loc.code
        assert "2026" in text, loc.code
        assert "28" in text, loc.code
    assert i18n.format_date(day, "ht") == "28 novanm 2026"


def test_a_language_cldr_lacks_takes_its_fallbacks_date(tmp_path):
    (tmp_path / "locales.yaml").write_text(
        "source: en\nlocales:\n"
        "  - {code: en, native: English, english: English}\n"
        "  - {code: es, native: Español, english: Spanish}\n"
        "  - {code: qmm, native: Qmm, english: Test, fallback: [es]}\n"
        "  - {code: qxx, native: Qxx, english: Test2, months: [a, b, c, d, e, f, g, h, i, j, k, l],"
        " date: '{year}/{month}/{day}'}\n",
        encoding="utf-8",
    )
    load_registry(tmp_path)
    assert i18n.format_date(dt.date(2026, 11, 28), "qmm") == "28 de noviembre de 2026"
    assert i18n.format_date(dt.date(2026, 11, 28), "qxx") == "2026/k/28"


def test_months_must_be_twelve(tmp_path):
    (tmp_path / "locales.yaml").write_text(
        "source: en\nlocales:\n  - {code: en, native: English, english: English, months: [a]}\n",
        encoding="utf-8",
    )
    with pytest.raises(RegistryError, match="twelve month names"):
        load_registry(tmp_path)


@pytest.mark.allow_log_warnings
def test_corrupt_catalog_falls_back_to_english_and_tells_the_administrator(tmp_path, caplog):
    folder = tmp_path / "es" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    (folder / "rightsguide.mo").write_bytes(b"\x00garbage, not a catalog" * 10)
    assert i18n.translator(tmp_path, "es").gettext("Home") == "Home"
    assert any("UI catalog for es is unreadable" in r.getMessage() for r in caplog.records)
