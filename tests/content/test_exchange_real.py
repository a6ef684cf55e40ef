"""The translator exchange on the real content/, with the real tools (msgfmt, translate-toolkit).

These run on whatever content/ holds today: the pages, their number and their translations
change on other branches all the time.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages import pofile

from rightsguide.core.content.library import ContentLibrary
from rightsguide.core.model import Severity
from rightsguide.core.translation import consistency, exchange, exchange_files
from rightsguide.core.translation.check import check_tree
from rightsguide.core.translation.exchange_import import Importer, ImportRefused
from tests.conftest import ROOT

CONTENT = ROOT / "content"
LOCALES = [
    loc.code for loc in ContentLibrary(CONTENT).registry.all() if loc.code != "en"
]  # fmt: skip
MSGFMT = shutil.which("msgfmt") or ""
XLIFF_XSD = Path(
    os.environ.get("RIGHTSGUIDE_XLIFF12_XSD", "/usr/share/xml/xliff/xliff-core-1.2-strict.xsd")
)


@pytest.fixture(scope="module")
def content(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("real") / "content"
    shutil.copytree(CONTENT, target)
    return target


def snapshot(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*.md"))}


def export(content: Path, locale: str, out: Path, fmt: str = "po") -> Path:
    library = ContentLibrary(content)
    code = library.registry.get(locale).gettext_code
    for topic, pages in exchange.export_locale(library, locale).items():
        if fmt == "po":
            exchange_files.write_po(out / topic / f"{code}.po", pages, code, topic)
            exchange_files.write_po(out / topic / f"{topic}.pot", pages, None, topic)
        else:
            exchange_files.write_xliff(out / topic / f"{code}.xlf", pages, locale)
    return out


@pytest.mark.parametrize("fmt", ["po", "xliff"])
@pytest.mark.parametrize("locale", LOCALES)
def test_round_trip_without_edits_is_byte_identical(content, tmp_path, locale, fmt):
    before = snapshot(content)
    out = export(content, locale, tmp_path / "out", fmt)
    result = Importer(ContentLibrary(content)).run(out)
    assert result.written == []
    assert snapshot(content) == before


_KEEP = re.compile(r"(\]\([^)]*\)|`[^`]*`|https?://\S+|" + consistency.NAMES_RE.pattern + ")")


def pseudo(text: str) -> str:
    """Every letter outside link targets, code and kept names changes: a → à, e → é ..."""
    vowels = str.maketrans("aeiou", "àéïöü")
    return "".join(p if i % 2 else p.translate(vowels) for i, p in enumerate(_KEEP.split(text)))


def _structure(text: str) -> dict[str, list[str]]:
    body = text.split("\n---\n", 1)[1]
    return {
        "callouts": re.findall(r"(?m)^\s*!!! (\S+)", body),
        "lists": re.findall(r"(?m)^\s*(?:[-*+]|\d+\.) ", body),
        "table rows": re.findall(r"(?m)^\s*\|", body),
        "links": re.findall(r"\]\(([^)]*)\)", body),
        "ids": re.findall(r"\{#([^}]+)\}", body),
    }


def test_pseudo_translation_round_trip_passes_check_and_keeps_structure(content, tmp_path):
    locale = "ht" if "ht" in LOCALES else LOCALES[0]
    library = ContentLibrary(content)
    out = tmp_path / "pseudo"
    for topic, pages in exchange.export_locale(library, locale).items():
        for page in pages:
            for item in page.units:
                item.target, item.fuzzy = pseudo(item.source), False
        exchange_files.write_po(out / topic / f"{locale}.po", pages, locale, topic)
    result = Importer(library, "human").run(out)
    assert len(result.written) == len(library.page_ids("en"))
    errors = [
        p
        for p in check_tree(content, ROOT / "assets")
        if p.severity is Severity.ERROR and f"/{locale}/" in str(p.path)
    ]
    assert errors == []
    fresh = ContentLibrary(content)
    for page_id in fresh.page_ids("en"):
        english = (content / "en" / f"{page_id}.md").read_text(encoding="utf-8")
        translated = (content / locale / f"{page_id}.md").read_text(encoding="utf-8")
        assert _structure(translated) == _structure(english), page_id
        got = fresh.page(page_id, locale)
        assert got.meta.translation is not None
        assert got.meta.translation.provenance.value == "human"
        assert got.meta.title == pseudo(fresh.page(page_id, "en").meta.title)


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("po")
    for locale in LOCALES:
        export(CONTENT, locale, out / locale)
    return out


@pytest.mark.skipif(not MSGFMT, reason="Debian's msgfmt is missing (apt-get install gettext)")
def test_exported_po_passes_msgfmt_check(exported):
    files = sorted(exported.rglob("*.po"))
    assert files
    for path in files:
        done = subprocess.run(
            [MSGFMT, "-c", "--check-format", "-o", os.devnull, str(path)],
            capture_output=True,
            text=True,
            check=False,
        )
        assert done.returncode == 0, (path, done.stderr)


def test_exported_po_reads_in_babel_and_translate_toolkit(exported):
    from translate.storage import po as ttk_po

    for path in sorted(exported.rglob("*.po")):
        with path.open("rb") as fh:
            babel_ids = [(m.context, m.id) for m in pofile.read_po(fh) if m.id]
        store = ttk_po.pofile.parsefile(str(path))
        ttk_ids = [(u.getcontext(), u.source) for u in store.units if not u.isheader()]
        assert ttk_ids == babel_ids, path


def test_pofilter_runs_on_the_export(exported, tmp_path):
    pofilter = shutil.which("pofilter") or str(Path(sys.executable).parent / "pofilter")
    done = subprocess.run(
        [
            pofilter,
            "--progress=none",
            "-t",
            "variables",
            "-t",
            "urls",
            str(exported),
            str(tmp_path / "f"),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr


def test_stale_units_carry_the_previous_english_for_translate_toolkit(exported):
    """Whatever is fuzzy in the export reads as fuzzy in translate-toolkit."""
    from translate.storage import po as ttk_po

    for path in sorted(exported.rglob("*.po")):
        with path.open("rb") as fh:
            fuzzy = {m.context for m in pofile.read_po(fh) if m.id and m.fuzzy}
        store = ttk_po.pofile.parsefile(str(path))
        assert {u.getcontext() for u in store.units if u.isfuzzy()} == fuzzy


@pytest.fixture(scope="module")
def xliff(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("xlf")
    for locale in LOCALES:
        export(CONTENT, locale, out / locale, "xliff")
    return out


def test_xliff_loads_in_translate_toolkit(xliff):
    from translate.storage import xliff as ttk_xliff

    for path in sorted(xliff.rglob("*.xlf")):
        store = ttk_xliff.xlifffile.parsefile(str(path))
        _lang, ours = exchange_files.read_xliff(path)
        assert [u.getid().split("\x04")[-1] for u in store.units] == [u.context for u in ours]
        assert [u.source for u in store.units] == [u.source for u in ours]
        assert [u.target or "" for u in store.units] == [u.target for u in ours]


LOST_CONTEXTS = re.compile(
    r"\d+ units have no msgctxt: this file lost rightsguide's contexts \(was it converted by "
    r"another tool\?\); export again, or keep the msgctxt lines"
)


def test_a_po_made_from_the_xliff_by_xliff2po_is_refused_once_a_file(content, xliff, tmp_path):
    """translate-toolkit's xliff2po drops the contexts: one message a file says so, and why."""
    xliff2po = shutil.which("xliff2po") or str(Path(sys.executable).parent / "xliff2po")
    out = tmp_path / "po"
    for source in sorted((xliff / "es").rglob("*.xlf")):
        target = out / source.relative_to(xliff / "es").with_suffix(".po")
        target.parent.mkdir(parents=True)
        done = subprocess.run(
            [xliff2po, "--progress=none", str(source), str(target)],
            capture_output=True,
            text=True,
            check=False,
        )
        assert done.returncode == 0, done.stderr
    with pytest.raises(ImportRefused) as refused:
        Importer(ContentLibrary(content)).run(out)
    problems = refused.value.problems
    assert sorted(p.path for p in problems) == sorted(out.rglob("*.po"))
    assert all(LOST_CONTEXTS.fullmatch(p.message) for p in problems), problems[0]


def test_xliff_has_the_xliff_1_2_shape(xliff):
    """What the XLIFF 1.2 schema requires of our elements, checked with lxml."""
    from lxml import etree

    ns = {"x": exchange_files.XLIFF_NS}
    states = {"new", "needs-translation", "translated", "final", "signed-off",
              "needs-review-translation"}  # fmt: skip
    for path in sorted(xliff.rglob("*.xlf")):
        root = etree.parse(str(path)).getroot()
        assert root.get("version") == "1.2"
        for file_el in root.findall("x:file", ns):
            assert file_el.get("original")
            assert file_el.get("source-language") == "en"
            assert file_el.get("datatype") == "x-markdown"
            assert [c.tag.split("}")[1] for c in file_el] == ["header", "body"]
        ids = [u.get("id") for u in root.iter(f"{{{ns['x']}}}trans-unit")]
        assert len(ids) == len(set(ids))
        for target in root.iter(f"{{{ns['x']}}}target"):
            assert target.get("state") in states


@pytest.mark.skipif(
    not XLIFF_XSD.is_file(),
    reason=f"the OASIS XLIFF 1.2 schema is not at {XLIFF_XSD} (set RIGHTSGUIDE_XLIFF12_XSD)",
)
def test_xliff_validates_against_the_xliff_1_2_schema(xliff):
    from lxml import etree

    schema = etree.XMLSchema(etree.parse(str(XLIFF_XSD)))
    for path in sorted(xliff.rglob("*.xlf")):
        assert schema.validate(etree.parse(str(path))), (path, schema.error_log)
