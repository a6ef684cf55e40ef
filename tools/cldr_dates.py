"""Write ``rightsguide/core/cldr_dates.py``: CLDR's long date for every bundled language.

A page shows the date it was reviewed ("Last reviewed on December 2, 2026"). Asking Babel for it
loads Babel and the whole CLDR data of the language (about 40 ms, the largest single cost before
the first page is painted). The long date needs only the pattern and the twelve month names, so
this script copies them out of Babel once; ``rightsguide.core.i18n.format_date`` uses the copy
and asks Babel only for a language that is not in it. ``tests/unit/test_cldr_dates.py`` checks
every day of several years against Babel, so a new Babel (or a new language) that changes a date
fails until this script is run again:

    .venv/bin/python tools/cldr_dates.py
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import babel
from babel.dates import parse_pattern

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "rightsguide" / "core" / "cldr_dates.py"
sys.path.insert(0, str(ROOT))

from rightsguide.core.content.locales import load_registry  # noqa: E402
from rightsguide.core.i18n import LONG_DATE_FIELDS, babel_locale  # noqa: E402

_FIELD = re.compile(r"%\((\w+)\)s")

HEADER = '''"""CLDR's long date of the bundled languages, from Babel {version}; do not edit.

Written by ``tools/cldr_dates.py`` (run it again after a Babel upgrade or a new language);
``tests/unit/test_cldr_dates.py`` checks it against Babel. With it, the date on the first page
needs no Babel at start-up (``rightsguide.core.i18n.format_date``).
"""

from __future__ import annotations

BABEL_VERSION = "{version}"

# code -> (Babel's %-format of CLDR's long date pattern, the twelve month names, January first),
# or None when CLDR has no month names for the language (its dates come from its fallbacks)
LONG_DATES: dict[str, tuple[str, tuple[str, ...]] | None] = {{
'''


def entry(code: str) -> tuple[str, tuple[str, ...]] | bool | None:
    """The table entry for ``code``; False when it must stay with Babel (unknown or unusual)."""
    loc = babel_locale(code)
    if loc is None:
        return False
    months = loc.months["format"]["wide"]
    if months.get(11, "M11") == "M11":
        return None
    fmt = parse_pattern(loc.date_formats["long"].pattern).format
    if not set(_FIELD.findall(fmt)) <= LONG_DATE_FIELDS:
        return False
    return fmt, tuple(months[m] for m in range(1, 13))


def main() -> int:
    """Write the table for the bundled registry's languages and their fallbacks."""
    registry = load_registry(ROOT / "content")
    codes = list(dict.fromkeys(c for loc in registry.all() for c in registry.chain(loc.code)))
    lines = [HEADER.format(version=babel.__version__)]
    for code in codes:
        value = entry(code)
        if value is not False:
            lines.append(f"    {code!r}: {value!r},\n")
    lines.append("}\n")
    OUT.write_text("".join(lines), encoding="utf-8")
    subprocess.run([sys.executable, "-m", "ruff", "format", "-q", str(OUT)], check=True)
    sys.stderr.write(f"wrote {OUT.relative_to(ROOT)} ({len(lines) - 2} languages)\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
