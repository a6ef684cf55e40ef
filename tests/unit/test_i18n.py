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


def _catalog(tmp_path, body):
    folder = tmp_path / "ru" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    (folder / "rightsguide.po").write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
        '"Plural-Forms: nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && '
        'n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);\\n"\n\n' + body,
        encoding="utf-8",
    )
    return i18n.translator(tmp_path, "ru")


@pytest.mark.parametrize("bad", ["Страница {}", "Страница {0}", "Страница {n", "Страница {номер}"])
def test_translation_with_wrong_fields_falls_back_to_english_once(tmp_path, capsys, bad):
    tr = _catalog(tmp_path, f'msgid "Page {{n}}"\nmsgstr "{bad}"\n\nmsgid "Home"\nmsgstr "Домой"\n')
    assert tr.gettext("Page {n}").format(n=3) == "Page 3"
    assert tr.gettext("Page {n}").format(n=4) == "Page 4"
    assert tr.gettext("Home") == "Домой"
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "showing English" in err


def test_plural_translation_may_use_the_plural_fields(tmp_path, capsys):
    tr = _catalog(
        tmp_path,
        'msgid "One page"\nmsgid_plural "{n} pages"\n'
        'msgstr[0] "{n} страница"\nmsgstr[1] "{n} страницы"\nmsgstr[2] "{n} {"\n',
    )
    assert tr.ngettext("One page", "{n} pages", 21).format(n=21) == "21 страница"
    assert tr.ngettext("One page", "{n} pages", 3).format(n=3) == "3 страницы"
    assert tr.ngettext("One page", "{n} pages", 5).format(n=5) == "5 pages"
    assert capsys.readouterr().err.count("\n") == 1


def test_byte_order_mark_and_latin1_catalogs_load(tmp_path, capsys):
    for name, code, english, translated in [
        ("bom-es.po", "es", "Save", "Guardar"),
        ("latin1-fr.po", "fr", "Settings", "Paramètres"),
    ]:
        folder = tmp_path / code / "LC_MESSAGES"
        folder.mkdir(parents=True)
        shutil.copy(FIXTURES / "catalogs" / name, folder / "rightsguide.po")
        assert i18n.translator(tmp_path, code).gettext(english) == translated
    assert capsys.readouterr() == ("", "")


def test_the_arabic_countdown_says_seconds_as_arabic_counts_them(tmp_path):
    """It said the singular "ثانية" for every number: 3 to 10 take "ثوانٍ", 2 the dual."""
    shutil.copytree(ROOT / "locales", tmp_path / "locales")
    for mo in (tmp_path / "locales").rglob("*.mo"):
        mo.unlink()  # (the catalogs as written, not a build of an older one)
    tr = i18n.translator(tmp_path / "locales", "ar")
    one, many = (
        "The screen will be cleared in {seconds} second.",
        ("The screen will be cleared in {seconds} seconds."),
    )
    said = {n: tr.ngettext(one, many, n).format(seconds=n) for n in (2, 3, 10, 11, 20, 100)}
    assert said[2].endswith("2 ثانيتين.")
    assert said[3].endswith("3 ثوانٍ.")
    assert said[10].endswith("10 ثوانٍ.")
    assert said[11].endswith("11 ثانية.")
    assert said[20].endswith("20 ثانية.")
    assert said[100].endswith("100 ثانية.")
