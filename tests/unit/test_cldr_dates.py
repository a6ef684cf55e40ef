"""The long dates copied out of CLDR read exactly as Babel writes them (tools/cldr_dates.py)."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys

import babel
from babel.dates import format_date as babel_format_date

from rightsguide.core import i18n
from rightsguide.core.cldr_dates import BABEL_VERSION, LONG_DATES
from rightsguide.core.content.locales import load_registry
from tests.conftest import ROOT

REGENERATE = "run: .venv/bin/python tools/cldr_dates.py"


def _days() -> list[dt.date]:
    """Every day of a leap year and of the next year, and a few far years."""
    start = dt.date(2028, 1, 1)
    days = [start + dt.timedelta(n) for n in range(366 + 365)]
    return [*days, dt.date(1999, 9, 9), dt.date(2100, 12, 31), dt.date(10, 1, 1)]


def test_every_copied_date_reads_as_babel_writes_it():
    assert babel.__version__ == BABEL_VERSION, REGENERATE
    for code, copied in LONG_DATES.items():
        loc = i18n.babel_locale(code)
        assert loc is not None, code
        if copied is None:  # CLDR has no month names: Babel would write "M11"
            assert loc.months["format"]["wide"].get(11, "M11") == "M11", REGENERATE
            continue
        for day in _days():
            expected = babel_format_date(day, format="long", locale=loc)
            assert i18n._long_date(day, *copied) == expected, (code, day, REGENERATE)


def test_every_bundled_language_and_fallback_is_copied():
    registry = load_registry(ROOT / "content")
    for loc in registry.all():
        for code in registry.chain(loc.code):
            assert code in LONG_DATES, (code, REGENERATE)


def test_the_page_dates_of_the_bundled_languages_load_no_babel():
    code = (
        "import sys, datetime as dt\n"
        "from pathlib import Path\n"
        "from rightsguide.core.content.locales import load_registry\n"
        "from rightsguide.core import i18n\n"
        f"registry = load_registry(Path({str(ROOT / 'content')!r}))\n"
        "dates = [i18n.format_date(dt.date(2026, 12, 2), loc.code) for loc in registry.all()]\n"
        "print(dates[0], 'babel' in sys.modules)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    ).stdout
    assert out.split() == ["December", "2,", "2026", "False"]


def test_a_language_that_is_not_copied_asks_babel(tmp_path):
    (tmp_path / "locales.yaml").write_text(
        "source: en\nlocales:\n"
        "  - {code: en, native: English, english: English}\n"
        "  - {code: de, native: Deutsch, english: German}\n",
        encoding="utf-8",
    )
    load_registry(tmp_path)
    assert "de" not in LONG_DATES
    assert i18n.format_date(dt.date(2026, 12, 2), "de") == "2. Dezember 2026"
