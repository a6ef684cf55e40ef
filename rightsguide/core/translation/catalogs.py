"""Checks of the UI string catalogs (``locales/<ll>/LC_MESSAGES/rightsguide.po``).

Each catalog must parse (a quote left open, a stray line, a ``msgid`` without ``msgstr`` are
reported with their line, because Babel's reader would otherwise skip them quietly), keep every
``{placeholder}`` of its msgid, and hold the same messages as ``locales/rightsguide.pot``
(otherwise: run ``make update-po``). Every registered locale needs a catalog.
"""

from __future__ import annotations

import re
from pathlib import Path

from babel.messages import pofile

from rightsguide.core.content.locales import LocaleRegistry
from rightsguide.core.model import Problem, Severity

DOMAIN = "rightsguide"
FIELD_RE = re.compile(r"\{[A-Za-z_][A-Za-z0-9_]*\}")
_LINE_RE = re.compile(
    r'^(?:(?:msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)\s+)?"(?:[^"\\]|\\.)*"$'
)


def _syntax(path: Path, text: str) -> list[Problem]:
    problems = []
    for number, line in enumerate(text.split("\n"), start=1):
        stripped = line.strip()
        if stripped and not stripped.startswith("#") and not _LINE_RE.match(stripped):
            problems.append(
                Problem(
                    path,
                    number,
                    "this line is not valid in a .po file: check "
                    'that the text is inside double quotes (\\" for a quote)',
                )
            )
    return problems


def _texts(value: object) -> list[str]:
    if isinstance(value, (tuple, list)):
        return [str(v) for v in value]
    return [str(value)] if value else []


def check_catalog(path: Path, template_ids: set[object] | None) -> list[Problem]:
    """Problems of one ``.po`` file."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return [Problem(path, 0, f"cannot read the catalog: {exc}")]
    problems = _syntax(path, text)
    if problems:
        return problems
    try:
        with path.open("rb") as fh:
            catalog = pofile.read_po(fh, abort_invalid=True)
    except pofile.PoFileError as exc:
        return [Problem(path, int(getattr(exc, "lineno", 0) or 0), str(exc))]
    for message in catalog:
        if not message.id or not message.string:
            continue
        wanted = sorted(set(FIELD_RE.findall(" ".join(_texts(message.id)))))
        for translated in _texts(message.string):
            if translated and sorted(set(FIELD_RE.findall(translated))) != wanted:
                problems.append(
                    Problem(
                        path,
                        message.lineno or 0,
                        f"the translation must keep exactly these fields: "
                        f"{' '.join(wanted) or '(none)'}",
                    )
                )
    if template_ids is not None:
        ids = {m.id for m in catalog if m.id}
        if ids != template_ids:
            problems.append(
                Problem(
                    path,
                    1,
                    "the catalog is out of date with the template; run 'make update-po'",
                    Severity.WARNING,
                )
            )
    return problems


def check_catalogs(localedir: Path, registry: LocaleRegistry) -> list[Problem]:
    """Every registered locale's catalog, compared with the template when it exists."""
    template = localedir / f"{DOMAIN}.pot"
    template_ids: set[object] | None = None
    if template.is_file():
        with template.open("rb") as fh:
            template_ids = {m.id for m in pofile.read_po(fh) if m.id}
    problems = []
    for loc in registry.all():
        path = localedir / loc.gettext_code / "LC_MESSAGES" / f"{DOMAIN}.po"
        if not path.is_file():
            problems.append(
                Problem(
                    path,
                    0,
                    f"{loc.code} has no UI catalog, so buttons and "
                    "notices show in English; create it with pybabel init "
                    "(see README)",
                    Severity.WARNING,
                )
            )
            continue
        problems.extend(check_catalog(path, template_ids))
    return problems
