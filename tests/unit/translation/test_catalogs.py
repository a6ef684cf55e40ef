from __future__ import annotations

from rightsguide.core.content.locales import load_registry
from rightsguide.core.model import Severity
from rightsguide.core.translation.catalogs import check_catalog, check_catalogs
from tests.conftest import FIXTURES

HEADER = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'


def write(tmp_path, body):
    path = tmp_path / "rightsguide.po"
    path.write_text(HEADER + body, encoding="utf-8")
    return path


def test_good_catalog_passes(tmp_path):
    assert check_catalog(write(tmp_path, 'msgid "Home {x}"\nmsgstr "Inicio {x}"\n'), None) == []


def test_unclosed_quote_is_reported_with_its_line(tmp_path):
    problems = check_catalog(write(tmp_path, 'msgid "Home"\nmsgstr "Inicio\n'), None)
    assert [(p.line, "double quotes" in p.message) for p in problems] == [(6, True)]


def test_lost_or_added_placeholder(tmp_path):
    problems = check_catalog(
        write(tmp_path, 'msgid "In {language}."\nmsgstr "En {idioma}."\n'), None
    )
    assert problems[0].line == 5
    assert "{language}" in problems[0].message


def test_catalog_out_of_date_with_template_is_a_warning(tmp_path):
    problems = check_catalog(write(tmp_path, 'msgid "Old"\nmsgstr "Viejo"\n'), {"New"})
    assert [(p.severity, "make update-po" in p.message) for p in problems] == [
        (Severity.WARNING, True)
    ]


def test_missing_catalog_is_a_warning():
    problems = check_catalogs(FIXTURES / "locales", load_registry(FIXTURES / "content"))
    missing = {p.path.parts[-3] for p in problems if "no UI catalog" in p.message}
    assert missing == {"en", "es", "fr", "ht", "mam"}
    assert all(p.severity is Severity.WARNING for p in problems)
