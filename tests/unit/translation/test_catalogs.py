from __future__ import annotations

import os
import shutil
import subprocess

import pytest

from rightsguide.core import i18n
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


# --- like msgfmt -c (issue #12, "UI catalogs") -------------------------------------------------

CATALOGS = FIXTURES / "catalogs"
RU_HEADER = (
    'msgid ""\nmsgstr ""\n"Language: ru\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
    '"Plural-Forms: nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && '
    '(n%100<10 || n%100>=20) ? 1 : 2);\\n"\n\n'
)


def write_ru(tmp_path, body, header=RU_HEADER):
    path = tmp_path / "ru.po"
    path.write_text(header + body, encoding="utf-8")
    return path


@pytest.mark.parametrize("name", ["ru-plural-context.po", "bom-es.po", "latin1-fr.po"])
def test_real_style_catalogs_pass(name):
    """Contexts, three plural forms, a byte-order mark, a real Latin-1 file: no false alarm."""
    assert check_catalog(CATALOGS / name, None) == []


def test_latin1_header_over_utf8_body_is_an_error():
    problems = check_catalog(CATALOGS / "latin1-header-utf8-body.po", None)
    assert [(p.line, p.severity) for p in problems] == [(1, Severity.ERROR)]
    assert "charset=UTF-8" in problems[0].message


BAD = [
    # (body, line, words in the message)
    ('msgid "Page {n}"\nmsgstr "Страница {}"\n', 7, "'{}'"),
    ('msgid "Page {n}"\nmsgstr "Страница {0}"\n', 7, "'{0}'"),
    ('msgid "Page {n}"\nmsgstr "Страница {n"\n', 7, "lone '{'"),
    ('msgid "Page {n}"\nmsgstr "Страница {номер}"\n', 7, "exactly these fields: {n}"),
    ('msgid "Home"\nmsgstr "Домой\\q"\n', 8, "unknown escape \\q"),
    ('msgid "Home"\nmsgstr "<img src=\'/tmp/x.png\'>Домой"\n', 7, "markup"),
    (
        'msgid "{n} page"\nmsgid_plural "{n} pages"\nmsgstr[0] "{n} страница"\n',
        7,
        "needs 3 forms",
    ),
    ('msgid "Home"\nmsgstr "Домой"\n\nmsgid "Home"\nmsgstr "Главная"\n', 10, "duplicate msgid"),
]


@pytest.mark.parametrize(("body", "line", "words"), BAD)
def test_what_the_app_would_show_wrongly_is_an_error(tmp_path, body, line, words):
    problems = check_catalog(write_ru(tmp_path, body), None)
    assert [(p.line, p.severity) for p in problems] == [(line, Severity.ERROR)], problems
    assert words in problems[0].message


@pytest.mark.parametrize(
    "plural",
    ["nplurals=3; plural=n%10==1 ? 0 :", "nplurals=2; plural=(n > 1 ? 2 : 0);", "plural=n;"],
)
def test_bad_plural_forms_is_an_error(tmp_path, plural):
    header = RU_HEADER.replace(
        RU_HEADER.split('"Plural-Forms: ')[1].split("\\n", maxsplit=1)[0], plural
    )
    problems = check_catalog(write_ru(tmp_path, 'msgid "Home"\nmsgstr "Домой"\n', header), None)
    assert [p.severity for p in problems] == [Severity.ERROR]
    assert "Plural-Forms" in problems[0].message


def test_changed_msgctxt_is_an_error(tmp_path):
    path = write_ru(tmp_path, 'msgctxt "verb"\nmsgid "Open"\nmsgstr "Открыть"\n')
    problems = check_catalog(path, None, {"Open": {"action", "state"}})
    assert ["msgctxt differs" in p.message for p in problems] == [True]
    ru = CATALOGS / "ru-plural-context.po"
    assert check_catalog(ru, None, {"Open": {"action", "state"}}) == []


def test_all_fuzzy_catalog_is_a_warning(tmp_path):
    body = '#, fuzzy\nmsgid "Home"\nmsgstr "Домой"\n\n#, fuzzy\nmsgid "Back"\nmsgstr "Назад"\n'
    problems = check_catalog(write_ru(tmp_path, body), None)
    assert [(p.severity, "fuzzy" in p.message) for p in problems] == [(Severity.WARNING, True)]


@pytest.mark.allow_log_warnings
def test_catalog_over_the_size_limit_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(i18n, "MAX_CATALOG_BYTES", 500)
    path = write_ru(tmp_path, 'msgid "Home"\nmsgstr "Домой"\n' * 30)
    problems = check_catalog(path, None)
    assert ["over the limit" in p.message for p in problems] == [True]
    (tmp_path / "ru" / "LC_MESSAGES").mkdir(parents=True)
    path.rename(tmp_path / "ru" / "LC_MESSAGES" / "rightsguide.po")
    assert i18n.translator(tmp_path, "ru").gettext("Home") == "Home"


MSGFMT = shutil.which("msgfmt") or ""


@pytest.mark.skipif(
    MSGFMT is None, reason="Debian's msgfmt is not installed (apt-get install gettext)"
)
@pytest.mark.parametrize(
    ("name", "body"),
    [
        ("ru-plural-context.po", None),
        # not bom-es.po: msgfmt rejects a byte-order mark that Babel and Poedit accept
        ("latin1-fr.po", None),
        ("bad-plural", 'msgid "Home"\nmsgstr "Домой"\n'),
        ("one-form", 'msgid "{n} page"\nmsgid_plural "{n} pages"\nmsgstr[0] "{n} страница"\n'),
        ("duplicate", 'msgid "Home"\nmsgstr "Домой"\n\nmsgid "Home"\nmsgstr "Главная"\n'),
        ("escape", 'msgid "Home"\nmsgstr "Домой\\q"\n'),
        ("brace", '#, python-brace-format\nmsgid "Page {n}"\nmsgstr "Страница {0}"\n'),
    ],
)
def test_check_agrees_with_msgfmt_c(tmp_path, name, body):
    """Where Debian's msgfmt -c rejects a catalog, check reports an error, and the reverse."""
    if body is None:
        path = CATALOGS / name
    else:
        header = RU_HEADER.replace("nplurals=3; plural=(n%10", "nplurals=3; plural=(n%%10")
        if name != "bad-plural":
            header = RU_HEADER
        path = write_ru(tmp_path, body, header)
    done = subprocess.run(
        [MSGFMT, "-c", "--check-format", "-o", os.devnull, str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    errors = [p for p in check_catalog(path, None) if p.severity is Severity.ERROR]
    assert bool(errors) == (done.returncode != 0), (errors, done.stderr)
