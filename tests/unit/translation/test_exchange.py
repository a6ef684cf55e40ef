from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages import pofile

from rightsguide import cli
from rightsguide.core.content.library import ContentLibrary
from rightsguide.core.translation import exchange, exchange_files, units
from rightsguide.core.translation.exchange_import import Importer
from rightsguide.core.translation.status import PageState, StatusBuilder
from tests.conftest import FIXTURES, ROOT

GIT = shutil.which("git")


def export_po(content: Path, locale: str, out: Path) -> Path:
    assert cli.main(["translate", "export", "--content", str(content), "--locale", locale,
                     "--out", str(out)]) == 0  # fmt: skip
    return out


def edit_po(path: Path, changes: dict[str, str], *, fuzzy: bool = False) -> None:
    with path.open("rb") as fh:
        catalog = pofile.read_po(fh)
    for message in catalog:
        if message.context in changes:
            message.string = changes[message.context]
            if fuzzy:
                message.flags.add("fuzzy")
            else:
                message.flags.discard("fuzzy")
    with path.open("wb") as fh:
        pofile.write_po(fh, catalog, width=0, include_previous=True)


def snapshot(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*.md"))}


def test_units_never_hold_structure():
    page = units.split_page(FIXTURES / "content/en/start-here/welcome.md")
    assert [(u.key, u.kind, u.text) for u in page.units] == [
        ("_meta/title", "title", "Welcome to the guide"),
        ("_meta/summary", "summary", "A short page used by the tests."),
        ("_meta/keywords", "keywords", "welcome, start"),
        ("_lead/p1", "paragraph", "This is the lead paragraph."),
        ("what/h1", "heading", "What this is"),
        (
            "what/p2",
            "paragraph",
            "A guide. Read about [charging](../device-care/charging.md#daily) or see "
            "[below](#help).",
        ),
        ("what/warning3.title", "callout-title", "Warning"),
        ("what/warning3.p1", "callout-body", "A dead battery sends an alert."),
        ("what/table4.r1.c1", "cell", "Day"),
        ("what/table4.r1.c2", "cell", "Time"),
        ("what/table4.r2.c1", "cell", "Monday"),  # "9:00" is a number: structure, not a unit
        ("help/h1", "heading", "Free legal help"),
        ("help/p2", "paragraph", "See a [lawyer](https://example.org/lawyers)."),
    ]


def test_export_fills_targets_and_marks_an_unstamped_translation_fuzzy(content_copy, tmp_path):
    out = export_po(content_copy, "ar", tmp_path / "out")
    assert sorted(p.name for p in (out / "start-here").iterdir()) == ["ar.po", "start-here.pot"]
    with (out / "start-here/ar.po").open("rb") as fh:
        catalog = pofile.read_po(fh)
    title = catalog.get("Welcome to the guide", context="start-here/welcome#_meta/title")
    assert title is not None
    assert title.string == "مرحبا بك في الدليل"
    assert title.fuzzy  # never stamped: every unit needs a look
    assert "translation made by: machine" in title.auto_comments
    missing = catalog.get("A short page.", context="start-here/index#_meta/summary")
    assert missing is None or not missing.string


def test_import_of_an_unedited_export_changes_nothing(content_copy, tmp_path):
    before = snapshot(content_copy)
    for locale in ("ar", "fr"):
        out = export_po(content_copy, locale, tmp_path / locale)
        assert cli.main(["translate", "import", "--content", str(content_copy), str(out)]) == 0
    assert snapshot(content_copy) == before


def test_new_translation_is_built_from_the_english_and_stamped(content_copy, tmp_path, capsys):
    out = export_po(content_copy, "es", tmp_path / "out")
    po = out / "start-here/es.po"
    with po.open("rb") as fh:
        catalog = pofile.read_po(fh)
    changes = {
        m.context: "ES " + str(m.id)
        for m in catalog
        if m.id and m.context and "welcome" in m.context
    }
    changes["start-here/welcome#what/p2"] = (
        "Una guía. Lea sobre [la carga](../device-care/charging.md#daily) o vea [abajo](#help)."
    )
    edit_po(po, changes)
    assert cli.main(["translate", "import", "--content", str(content_copy), str(out),
                     "--provenance", "reviewed"]) == 0  # fmt: skip
    library = ContentLibrary(content_copy)
    page = library.page("start-here/welcome", "es")
    assert page.meta.title == "ES Welcome to the guide"
    assert page.meta.translation is not None
    assert page.meta.translation.provenance.value == "reviewed"
    assert '!!! warning "ES Warning"\n    ES A dead battery' in page.body
    assert "| ES Monday | 9:00 |" in page.body
    assert "## ES What this is {#what}" in page.body
    status = {p.page_id: p for p in StatusBuilder(library, FIXTURES / "locales").build()[2].pages}
    assert status["start-here/welcome"].state is PageState.COMPLETE
    assert status["start-here/index"].state is PageState.MISSING  # nothing translated: no file
    assert "check: 0 errors" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("context", "text", "words"),
    [
        ("start-here/welcome#what/p2", "Una guía. Lea [la carga](../otra.md) o [abajo](#help).",
         "keep exactly as in the English: link ../device-care/charging.md#daily"),
        ("start-here/welcome#what/p2", "Una guía.\n\n## Nuevo", "blank line"),
        ("start-here/welcome#what/h1", "Qué es {#otro}", "section id"),
        ("start-here/welcome#what/h1", "Qué es ##", "closing '#' marks"),
        ("start-here/welcome#what/p2", "- Una guía [la carga](../device-care/charging.md#daily) "
         "[abajo](#help)", "new heading, list"),
        ("start-here/welcome#_lead/p1", "Esta es la 2a frase.", "number"),
        # a link definition or an autolink would add a link the English does not have
        ("start-here/welcome#_lead/p1", "Es el primero.\n[a]: https://evil.example/",
         "'[a]:'"),
        ("start-here/welcome#_lead/p1", "Es el primero <https://evil.example/>.", "link target"),
        # other line breaks start blocks as a newline does; control characters are no text
        ("start-here/welcome#_lead/p1", 'Es el primero.\r!!! danger "X"\r    caja', "U+000D"),
        ("start-here/welcome#_lead/p1", "Es el primero.\u2028- lista", "U+2028"),
        ("start-here/welcome#_lead/p1", "Es el \x1b[2Jprimero.", "U+001B"),
        ("start-here/welcome#_meta/title", "Bienvenida\x00", "U+0000"),
        # a heading's underline, a rule, a heading without a space
        ("start-here/welcome#what/p2", "Una guía [la carga](../device-care/charging.md#daily) "
         "[abajo](#help).\n=", "'='"),
        ("start-here/welcome#what/p2", "Una guía [la carga](../device-care/charging.md#daily) "
         "[abajo](#help).\n***", "'***'"),
        ("start-here/welcome#what/p2", "Una guía [la carga](../device-care/charging.md#daily) "
         "[abajo](#help).\n#nuevo", "'#nue'"),
    ],
)  # fmt: skip
def test_import_refuses_a_unit_that_breaks_structure(  # noqa: PLR0917
   content_copy, tmp_path, capsys, context,
                                                    text, words):  # fmt: skip
    out = export_po(content_copy, "es", tmp_path / "out")
    edit_po(out / "start-here/es.po", {context: text})
    before = snapshot(content_copy)
    assert cli.main(["translate", "import", "--content", str(content_copy), str(out)]) == 1
    err = capsys.readouterr().err
    assert f"{out / 'start-here/es.po'}:" in err
    assert words in err
    assert "nothing was written" in err
    assert snapshot(content_copy) == before


def _lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").split("\n")


def test_import_refuses_unknown_and_missing_units_with_their_line(content_copy, tmp_path, capsys):
    out = export_po(content_copy, "fr", tmp_path / "out")
    po = out / "start-here/fr.po"
    lines = _lines(po)
    at = lines.index('msgctxt "start-here/welcome#what/h1"')
    lines[at] = 'msgctxt "start-here/welcome#what/h9"'
    po.write_text("\n".join(lines), encoding="utf-8")
    assert cli.main(["translate", "import", "--content", str(content_copy), str(out)]) == 1
    err = capsys.readouterr().err
    assert f"{po}:{at + 1}: error: unknown context 'start-here/welcome#what/h9'" in err
    assert "units missing from the file: what/h1" in err


def test_import_refuses_a_file_made_from_older_english(content_copy, tmp_path, capsys):
    out = export_po(content_copy, "fr", tmp_path / "out")
    english = content_copy / "en/start-here/welcome.md"
    english.write_text(english.read_text().replace("A dead battery", "An empty battery"))
    assert cli.main(["translate", "import", "--content", str(content_copy), str(out)]) == 1
    assert "changed since the export" in capsys.readouterr().err


def test_english_is_never_imported(content_copy, tmp_path, capsys):
    out = export_po(content_copy, "fr", tmp_path / "out")
    (out / "start-here/fr.po").rename(out / "start-here/en.po")
    text = (out / "start-here/en.po").read_text().replace('"Language: fr', '"Language: en')
    (out / "start-here/en.po").write_text(text)
    assert cli.main(["translate", "import", "--content", str(content_copy), str(out)]) == 1
    assert "English is never imported" in capsys.readouterr().err


def test_xliff_round_trip_and_edit(content_copy, tmp_path):
    out = tmp_path / "x"
    assert cli.main(["translate", "export", "--content", str(content_copy), "--locale", "fr",
                     "--format", "xliff", "--out", str(out)]) == 0  # fmt: skip
    before = snapshot(content_copy)
    importer = Importer(ContentLibrary(content_copy))
    assert importer.run(out).written == []
    assert snapshot(content_copy) == before
    xlf = out / "start-here/fr.xlf"
    _lang, found = exchange_files.read_xliff(xlf)
    assert {u.context for u in found} >= {"start-here/welcome#what/h1"}
    text = xlf.read_text(encoding="utf-8")
    text = text.replace("<source>Welcome to the guide</source>",
                        "<source>Welcome to the guide</source>\n<target state=\"translated\">"
                        "Bienvenue dans le guide</target>", 1)  # fmt: skip
    xlf.write_text(text, encoding="utf-8")
    Importer(ContentLibrary(content_copy)).run(out)
    assert ContentLibrary(content_copy).page("start-here/welcome", "fr").meta.title == (
        "Bienvenue dans le guide"
    )


def _git(root: Path, *args: str) -> None:
    subprocess.run([GIT or "git", *args], cwd=root, check=True, capture_output=True)


@pytest.mark.skipif(GIT is None, reason="git is not installed")
def test_stale_section_exported_edited_imported_is_current_and_the_rest_untouched(
    content_copy, tmp_path
):
    """A stale section's changed unit is fuzzy with the old English; fixing it stamps it."""
    library = ContentLibrary(content_copy)
    ar = content_copy / "ar/start-here/welcome.md"
    from rightsguide.core.translation.stamp import stamp_file

    stamp_file(library, ar)
    _git(content_copy, "init", "-q")
    _git(content_copy, "-c", "user.name=t", "-c", "user.email=t@t", "add", "-A")
    _git(content_copy, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "one")
    english = content_copy / "en/start-here/welcome.md"
    english.write_text(english.read_text().replace("sends an alert.", "sends an alert to ICE."))
    _git(content_copy, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qam", "two")
    before = snapshot(content_copy)
    out = export_po(content_copy, "ar", tmp_path / "out")
    po = out / "start-here/ar.po"
    with po.open("rb") as fh:
        catalog = pofile.read_po(fh)
    changed = catalog.get("A dead battery sends an alert to ICE.",
                          context="start-here/welcome#what/warning3.p1")  # fmt: skip
    assert changed is not None
    assert changed.fuzzy
    # (Babel's reader drops '#|' lines after flags; GNU gettext and translate-toolkit read them)
    assert '#| msgid "A dead battery sends an alert."' in po.read_text(encoding="utf-8")
    same = catalog.get("Warning", context="start-here/welcome#what/warning3.title")
    assert same is not None
    assert not same.fuzzy  # its English did not change
    status = StatusBuilder(ContentLibrary(content_copy), FIXTURES / "locales", diffs=False)
    assert status.build()[1].pages[-1].stale_sections == ("what",)
    edit_po(po, {"start-here/welcome#what/warning3.p1": "البطارية الفارغة ترسل تنبيها إلى ICE."})
    result = Importer(ContentLibrary(content_copy)).run(out)
    assert result.written == [ar]
    assert result.stamped == {ar: ["what"]}
    after = snapshot(content_copy)
    assert {k for k in after if after[k] != before[k]} == {"ar/start-here/welcome.md"}
    pages = StatusBuilder(ContentLibrary(content_copy), FIXTURES / "locales").build()[1].pages
    assert {p.page_id: p.state for p in pages}["start-here/welcome"] is PageState.COMPLETE
    new = ar.read_text(encoding="utf-8").split("\n")
    old = before["ar/start-here/welcome.md"].decode().split("\n")
    changed_lines = [n for n, (a, b) in enumerate(zip(old, new, strict=True)) if a != b]
    assert [new[n].strip() for n in changed_lines] == [
        f"what: {ContentLibrary(content_copy).page('start-here/welcome', 'ar').meta.translation.source_hashes['what']}",  # type: ignore[union-attr]  # noqa: E501
        "البطارية الفارغة ترسل تنبيها إلى ICE.",
    ]


def test_glossary_exports_as_tbx_and_csv(tmp_path):
    pairs = [("ankle monitor", "braslè nan pye"), ("lawyer", "avoka")]
    exchange_files.write_tbx(tmp_path / "g.tbx", pairs, "ht")
    exchange_files.write_glossary_csv(tmp_path / "g.csv", pairs)
    text = (tmp_path / "g.tbx").read_text(encoding="utf-8")
    assert '<langSet xml:lang="ht">' in text
    assert "<term>braslè nan pye</term>" in text
    assert (tmp_path / "g.csv").read_text(encoding="utf-8").splitlines()[1] == (
        "ankle monitor,braslè nan pye"
    )


def test_context_is_page_section_and_piece():
    assert exchange.context_of("device-care/charging#battery-life/ul5.2.p1") == (
        "device-care/charging",
        "battery-life/ul5.2.p1",
    )
    with pytest.raises(ValueError, match="nonsense"):
        exchange.context_of("nonsense")


def test_export_of_chosen_pages_only_and_never_of_english(content_copy, tmp_path, capsys):
    out = tmp_path / "one"
    assert cli.main(["translate", "export", "--content", str(content_copy), "--locale", "ar",
                     "--page", "start-here/welcome", "--out", str(out)]) == 0  # fmt: skip
    with (out / "start-here/ar.po").open("rb") as fh:
        pages = {str(m.context).split("#")[0] for m in pofile.read_po(fh) if m.id}
    assert pages == {"start-here/welcome"}
    assert not (out / "device-care").exists()
    assert cli.main(["translate", "export", "--content", str(content_copy), "--locale", "en",
                     "--out", str(tmp_path / "en")]) == 1  # fmt: skip
    assert "the source language is not exported" in capsys.readouterr().err


def test_glossary_hints_match_whole_terms():
    terms = [("lawyer", "avoka"), ("BI", "BI"), ("check-in", "kontwòl")]
    assert exchange._hints(terms, "Two lawyers said it.") == ["glossary: lawyer = avoka"]
    assert exchange._hints(terms, "A big BIKE; no check-ins.") == ["glossary: check-in = kontwòl"]


def test_long_previous_english_is_one_quoted_string_that_msgfmt_reads(tmp_path):
    """Babel wraps '#|' comments; a long old English must still be one valid PO string."""
    import io

    from babel.messages.catalog import Catalog

    old = "An older guide says someone else can file for you, with your written permission."
    catalog = Catalog(locale="ar")
    catalog.add("An older DHS page says it.", "قديم", context="p#crcl/p2", previous_id=old,
                flags=["fuzzy"])  # fmt: skip
    buf = io.BytesIO()
    pofile.write_po(buf, catalog, width=0, include_previous=True)
    text = exchange_files._unwrap_previous(buf.getvalue().decode("utf-8"))
    assert [line for line in text.split("\n") if line.startswith("#|")] == [f'#| msgid "{old}"']
    msgfmt = shutil.which("msgfmt")
    if msgfmt:
        po = tmp_path / "ar.po"
        po.write_text(text, encoding="utf-8")
        done = subprocess.run([msgfmt, "-c", "-o", "/dev/null", str(po)], capture_output=True,
                              text=True, check=False)  # fmt: skip
        assert done.returncode == 0, done.stderr


def _import(content: Path, out: Path, *extra: str) -> int:
    return cli.main(["translate", "import", "--content", str(content), *extra, str(out)])


@pytest.mark.parametrize("dry_run", [False, True])
def test_a_page_the_check_would_reject_is_refused_before_anything_is_written(
    content_copy, tmp_path, capsys, dry_run
):
    # each unit passes on its own; the page as rebuilt would show raw HTML as text
    out = export_po(content_copy, "es", tmp_path / "out")
    edit_po(out / "start-here/es.po", {"start-here/welcome#_lead/p1": "Es el <b>primero</b>."})
    before = snapshot(content_copy)
    assert _import(content_copy, out, *(["--dry-run"] if dry_run else [])) == 1
    err = capsys.readouterr().err
    assert f"{out / 'start-here/es.po'}:" in err
    assert "start-here/welcome: the page would then fail the check: raw HTML" in err
    assert snapshot(content_copy) == before


def test_a_write_error_leaves_every_page_as_it_was(content_copy, tmp_path, capsys, monkeypatch):
    import os

    out = export_po(content_copy, "es", tmp_path / "out")
    edit_po(
        out / "start-here/es.po",
        {"start-here/welcome#_lead/p1": "Nuevo.", "start-here/index#_meta/title": "Inicio"},
    )
    before = {p: p.read_bytes() for p in content_copy.rglob("*") if p.is_file()}
    real_fsync, calls = os.fsync, []

    def full(fd: int) -> None:
        calls.append(fd)
        if len(calls) == 2:  # the second page: the disk is full
            raise OSError(28, "No space left on device")
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", full)
    assert _import(content_copy, out) == 1
    err = capsys.readouterr().err
    assert ".md:0: error: could not write it (No space left on device)" in err
    assert {p: p.read_bytes() for p in content_copy.rglob("*") if p.is_file()} == before


def test_no_page_is_written_through_a_link(content_copy, tmp_path, capsys):
    outside = tmp_path / "outside.md"
    page = content_copy / "fr/start-here/welcome.md"
    outside.write_bytes(page.read_bytes())
    page.unlink()
    page.symlink_to(outside)
    out = export_po(content_copy, "fr", tmp_path / "out")
    edit_po(out / "start-here/fr.po", {"start-here/welcome#_lead/p1": "Nouveau."})
    kept = outside.read_bytes()
    assert _import(content_copy, out) == 1
    assert "no page is written through a link" in capsys.readouterr().err
    assert outside.read_bytes() == kept


def test_only_regular_visible_files_of_the_folder_are_read(content_copy, tmp_path, capsys):
    out = export_po(content_copy, "es", tmp_path / "out")
    po = out / "start-here/es.po"
    shutil.copy(po, out / "start-here/.es.po")  # an editor's copy: not read, no "two files"
    (out / "secrets.po").symlink_to("/etc/passwd")
    assert _import(content_copy, out) == 1
    err = capsys.readouterr().err
    assert f"{out / 'secrets.po'}:0: error: is a link or not a regular file: not read" in err
    assert "two files" not in err


@pytest.mark.parametrize("indent", ["", "  "])  # (a tool may indent; Babel reads it alike)
def test_a_unit_twice_in_a_file_is_refused_with_its_line(content_copy, tmp_path, capsys, indent):
    out = export_po(content_copy, "es", tmp_path / "out")
    po = out / "start-here/es.po"
    lines = _lines(po)
    at = lines.index('msgctxt "start-here/welcome#_lead/p1"')
    copy = [indent + line for line in lines[at : at + 3]]
    po.write_text("\n".join([*lines, "", *copy]), encoding="utf-8")
    assert _import(content_copy, out) == 1
    err = capsys.readouterr().err
    assert f"is in this file twice (first on line {at + 1})" in err


@pytest.mark.parametrize(
    ("change", "words"),
    [
        (lambda t: t.replace('"Language: es', '"Language: fr'), "says its language is 'fr'"),
        (lambda t: "", "no units in this file"),
        (lambda t: t.replace("charset=utf-8", "charset=x-none"), "unknown encoding: x-none"),
        (lambda t: "\ufeff" + t, None),  # a byte-order mark (Windows' Notepad): read as usual
        # strings Babel would read with a character lost or kept wrong (msgfmt refuses them)
        (lambda t: t.replace('"A short page used', '"A "short" page used'), "in double quotes"),
        (lambda t: t.replace('by the tests."', "by the tests."), "in double quotes"),
        (lambda t: t.replace("Plural-Forms", "Plural\\q-Forms"), "in double quotes"),
    ],
)
def test_what_a_po_file_says_of_itself_is_checked(content_copy, tmp_path, capsys, change, words):
    out = export_po(content_copy, "es", tmp_path / "out")
    po = out / "start-here/es.po"
    po.write_text(change(po.read_text(encoding="utf-8")), encoding="utf-8")
    code = _import(content_copy, out)
    err = capsys.readouterr().err
    assert "Traceback" not in err
    if words is None:
        assert code == 0, err
    else:
        assert code == 1
        assert words in err


def with_english_lead(content: Path, lead: str, tmp_path: Path) -> Path:
    """The fixture's English lead paragraph made ``lead``, then exported for Spanish."""
    english = content / "en/start-here/welcome.md"
    english.write_text(
        english.read_text(encoding="utf-8").replace("This is the lead paragraph.", lead),
        encoding="utf-8",
    )
    return export_po(content, "es", tmp_path / "out")


def test_phone_numbers_keep_the_english_order(content_copy, tmp_path, capsys):
    out = with_english_lead(content_copy, "Call 800-767-1833 (TTY 800-375-5283).", tmp_path)
    po = out / "start-here/es.po"
    edit_po(po, {"start-here/welcome#_lead/p1": "Llame al 800-375-5283 (TTY 800-767-1833)."})
    assert _import(content_copy, out) == 1
    assert "keep the phone numbers in the English order" in capsys.readouterr().err
    edit_po(po, {"start-here/welcome#_lead/p1": "Llame al 800-767-1833 (TTY 800-375-5283)."})
    assert _import(content_copy, out) == 0


def test_what_the_import_prints_runs_no_terminal_control(content_copy, tmp_path, capsys):
    out = export_po(content_copy, "es", tmp_path / "out")
    po = out / "start-here/es.po"
    po.write_text(
        po.read_text(encoding="utf-8").replace(
            'msgctxt "start-here/welcome#_lead/p1"', 'msgctxt "x\x1b]0;PWNED\x07/y#_lead/p1"'
        ),
        encoding="utf-8",
    )
    assert _import(content_copy, out) == 1
    err = capsys.readouterr().err
    assert "PWNED" in err
    assert "\x1b" not in err
    assert "\x07" not in err


def export_xliff(content: Path, locale: str, out: Path) -> Path:
    """Export ``locale`` as XLIFF; the start-here topic's file."""
    assert cli.main(["translate", "export", "--content", str(content), "--locale", locale,
                     "--format", "xliff", "--out", str(out)]) == 0  # fmt: skip
    return out / f"start-here/{locale}.xlf"


def test_xliff_with_units_for_two_languages_is_refused(content_copy, tmp_path, capsys):
    out = tmp_path / "out"
    xlf = export_xliff(content_copy, "es", out)
    text = xlf.read_text(encoding="utf-8")
    head, sep, rest = text.partition("</file>")
    second = head[head.index("<file") :].replace('target-language="es"', 'target-language="fr"')
    xlf.write_text(head + sep + second + sep + rest, encoding="utf-8")
    assert _import(content_copy, out) == 1
    assert "its files are for two languages (es, fr)" in capsys.readouterr().err


@pytest.mark.skipif(sys.platform == "win32", reason="flock")
def test_a_second_import_into_the_same_content_folder_waits_its_turn(
    content_copy, tmp_path, capsys
):
    import fcntl
    import os

    out = export_po(content_copy, "fr", tmp_path / "out")
    edit_po(out / "start-here/fr.po", {"start-here/welcome#_lead/p1": "Nouveau."})
    before = snapshot(content_copy)
    fd = os.open(content_copy, os.O_RDONLY)  # another import holds the folder
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        assert _import(content_copy, out) == 1
        assert "another import is writing this content folder" in capsys.readouterr().err
        assert snapshot(content_copy) == before
    finally:
        os.close(fd)
    assert _import(content_copy, out) == 0  # once it is done


@pytest.mark.parametrize("encoding", ["utf-16", "latin-1"])
def test_an_xliff_file_in_another_encoding_is_read_as_it_declares(content_copy, tmp_path, encoding):
    out = tmp_path / "out"
    xlf = export_xliff(content_copy, "fr", out)
    text = xlf.read_text(encoding="utf-8")
    head, _sep, rest = text.partition("?>")
    assert 'encoding="UTF-8"' in head or "encoding='UTF-8'" in head or "encoding" not in head
    declared = f'<?xml version="1.0" encoding="{encoding}"?>'
    xlf.write_bytes((declared + rest).encode(encoding))
    assert _import(content_copy, out) == 0


def test_only_phone_numbers_must_keep_their_order(content_copy, tmp_path):
    # a large number written the language's way, or a ZIP+4 code, is no phone number
    lead = "About 1,200,000 calls; write to 64064-8010."
    out = with_english_lead(content_copy, lead, tmp_path)
    text = "Escriba a 64064-8010; unas 1.200.000 llamadas."
    edit_po(out / "start-here/es.po", {"start-here/welcome#_lead/p1": text})
    assert _import(content_copy, out) == 0


def test_one_line_pieces_may_start_with_what_would_start_a_block_elsewhere(content_copy, tmp_path):
    out = export_po(content_copy, "es", tmp_path / "out")
    changes = {
        "start-here/welcome#_meta/title": "#Bienvenida",
        "start-here/welcome#what/table4.r2.c1": "-",
        "start-here/welcome#what/h1": "- Qué es",
    }
    edit_po(out / "start-here/es.po", changes)
    assert _import(content_copy, out) == 0
    page = ContentLibrary(content_copy).page("start-here/welcome", "es")
    assert page.meta.title == "#Bienvenida"


def test_a_bar_in_a_table_cell_is_refused(content_copy, tmp_path, capsys):
    out = export_po(content_copy, "es", tmp_path / "out")
    edit_po(out / "start-here/es.po", {"start-here/welcome#what/table4.r2.c1": "Lunes | Martes"})
    assert _import(content_copy, out) == 1
    assert "a '|' would split the cell in two" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("keywords", "read"),
    [
        ("hola], {inicio}", ("hola]", "{inicio}")),  # list brackets
        ("?pregunta, :x, sí", ("?pregunta", ":x", "sí")),  # what YAML reads as a mapping
    ],
)
def test_keywords_that_yaml_would_read_as_something_else_are_quoted(
    content_copy, tmp_path, keywords, read
):
    out = export_po(content_copy, "es", tmp_path / "out")
    edit_po(out / "start-here/es.po", {"start-here/welcome#_meta/keywords": keywords})
    assert _import(content_copy, out) == 0
    page = ContentLibrary(content_copy).page("start-here/welcome", "es")
    assert page.meta.keywords == read


@pytest.mark.skipif(sys.platform == "win32", reason="modes")
def test_a_page_keeps_its_permissions_when_it_is_written(content_copy, tmp_path):
    page = content_copy / "fr/start-here/welcome.md"
    page.chmod(0o664)  # a shared checkout: the group may write
    out = export_po(content_copy, "fr", tmp_path / "out")
    edit_po(out / "start-here/fr.po", {"start-here/welcome#_lead/p1": "Nouveau."})
    assert _import(content_copy, out) == 0
    assert "Nouveau." in page.read_text(encoding="utf-8")
    assert page.stat().st_mode & 0o777 == 0o664


def test_an_xliff_unit_whose_id_and_resname_differ_is_refused(content_copy, tmp_path, capsys):
    out = tmp_path / "out"
    xlf = export_xliff(content_copy, "fr", out)
    text = xlf.read_text(encoding="utf-8")
    xlf.write_text(
        text.replace('resname="start-here/welcome#_meta/title"', 'resname="start-here/x#y"', 1),
        encoding="utf-8",
    )
    assert _import(content_copy, out) == 1
    assert "this unit's id and resname differ" in capsys.readouterr().err


def test_a_po_line_that_is_not_utf8_is_named(content_copy, tmp_path, capsys):
    out = export_po(content_copy, "es", tmp_path / "out")
    po = out / "start-here/es.po"
    lines = po.read_bytes().split(b"\n")
    at = next(i for i, line in enumerate(lines) if b"A short page" in line)
    lines[at] = lines[at].replace(b"A short", b"A sh\xffort")
    po.write_bytes(b"\n".join(lines))
    assert _import(content_copy, out) == 1
    assert f"{po}:{at + 1}: error: cannot read the file: this line is not utf-8 (byte 0xff)" in (
        capsys.readouterr().err
    )


def test_a_second_error_like_one_the_page_has_is_refused_and_a_fixed_item_is_not(
    content_copy, tmp_path, capsys
):
    from rightsguide.core.model import Problem, Severity
    from rightsguide.core.translation.exchange_import import _new_errors

    page = content_copy / "fr/start-here/welcome.md"
    text = page.read_text(encoding="utf-8")
    page.write_text(text.replace("Un guide.", "Un <b>guide</b>."), encoding="utf-8")
    out = export_po(content_copy, "fr", tmp_path / "out")
    edit_po(out / "start-here/fr.po", {"start-here/welcome#_lead/p1": "Ceci est <b>le</b> début."})
    before = snapshot(content_copy)
    assert _import(content_copy, out) == 1  # the same message as the page has, a second time
    assert "the page would then fail the check: raw HTML '<b>'" in capsys.readouterr().err
    assert snapshot(content_copy) == before
    # a listed item fixed: the shorter list is no new error; a new item is
    keep = "section 'help' must keep exactly as in the source: "
    after = [Problem(page, 3, keep + "ISAP", Severity.ERROR)]
    assert _new_errors([keep + "ICE, ISAP"], after) == []
    assert _new_errors([keep + "ICE"], after) == after


def test_a_page_whose_folder_or_place_is_taken_is_one_clear_error(content_copy, tmp_path, capsys):
    out = export_po(content_copy, "es", tmp_path / "out")
    edit_po(out / "start-here/es.po", {"start-here/welcome#_lead/p1": "Nuevo."})
    (content_copy / "es").mkdir(exist_ok=True)
    (content_copy / "es/start-here").write_text("a file where the folder goes", encoding="utf-8")
    assert _import(content_copy, out) == 1
    assert "welcome.md:0: error: could not write it (" in capsys.readouterr().err
    (content_copy / "es/start-here").unlink()
    (content_copy / "es/start-here/welcome.md").mkdir(parents=True)  # a folder in its place
    assert _import(content_copy, out) == 1
    err = capsys.readouterr().err
    assert "welcome.md:0: error: could not put it in place (" in err
    assert "0 of 1 pages were written before it" in err
    assert sorted(p.name for p in (content_copy / "es/start-here").iterdir()) == ["welcome.md"]


def test_a_content_folder_given_relative_is_checked_as_the_check_would(
    content_copy, tmp_path, monkeypatch
):
    # (the page check names files resolved; a relative content folder must match them)
    image = (ROOT / "assets/icons/about.svg").read_bytes()
    for code, lead in (("en", "This is the lead paragraph."), ("fr", "Ceci est le paragraphe")):
        page = content_copy / code / "start-here/welcome.md"
        (page.parent / "plan.svg").write_bytes(image)
        text = page.read_text(encoding="utf-8")
        page.write_text(text.replace(lead, f"![Plan](plan.svg) {lead}"), encoding="utf-8")
    out = export_po(content_copy, "fr", tmp_path / "out")
    edit_po(out / "start-here/fr.po", {"start-here/welcome#_lead/p1": "![Plan](plan.svg) Début."})
    monkeypatch.chdir(content_copy.parent)
    result = Importer(ContentLibrary(Path(content_copy.name))).run(out)
    assert [p.name for p in result.written] == ["welcome.md"]


@pytest.mark.parametrize("kind", ["po", "xliff"])
def test_a_draft_unit_does_not_replace_the_published_text(content_copy, tmp_path, capsys, kind):
    """A unit marked fuzzy (PO) or needs-translation (XLIFF) is a draft, as gettext treats it.

    Written over a stamped page, it would keep the section's stamp: readers would see an
    unreviewed draft with no "the English changed" notice.
    """
    from rightsguide.core.translation.stamp import stamp_file

    stamp_file(ContentLibrary(content_copy), content_copy / "fr/start-here/welcome.md")
    before = snapshot(content_copy)
    context = "start-here/welcome#_lead/p1"
    if kind == "po":
        out = export_po(content_copy, "fr", tmp_path / "out")
        edit_po(out / "start-here/fr.po", {context: "BROUILLON non relu."}, fuzzy=True)
    else:
        xlf = export_xliff(content_copy, "fr", tmp_path / "out")
        out = tmp_path / "out"
        text = xlf.read_text(encoding="utf-8")
        old = '<target state="translated">Ceci est le paragraphe d\'introduction.</target>'
        assert old in text
        xlf.write_text(text.replace(old, '<target state="needs-translation">BROUILLON non '
                                    "relu.</target>"), encoding="utf-8")  # fmt: skip
    assert _import(content_copy, out) == 0
    printed = capsys.readouterr().out
    assert snapshot(content_copy) == before  # the published text stays, and so does its stamp
    assert f"not imported: {context}: marked as a draft (fuzzy)" in printed
    assert "1 draft units were not imported" in printed


def test_a_page_rebuilt_on_the_english_keeps_the_text_of_its_draft_units(content_copy, tmp_path):
    """A never-stamped page exports every unit as a draft; one unit translated, the rest stays.

    (Without its table, this page's structure differs from the English, so it is rebuilt on
    the English file: a draft left out there would show English in its place.)
    """
    fr = content_copy / "fr/start-here/welcome.md"
    table = "| Jour | Heure |\n|-----|------|\n| Lundi | 9:00 |\n"
    assert table in fr.read_text(encoding="utf-8")
    fr.write_text(fr.read_text(encoding="utf-8").replace(table, ""), encoding="utf-8")
    assert "Un guide." in fr.read_text(encoding="utf-8")
    out = export_po(content_copy, "fr", tmp_path / "out")
    edit_po(out / "start-here/fr.po", {"start-here/welcome#_lead/p1": "Un nouveau début."})
    Importer(ContentLibrary(content_copy)).run(out)
    text = fr.read_text(encoding="utf-8")
    assert "Un nouveau début." in text
    assert "Un guide." in text  # a draft unit's French, not the English


def test_an_unfinished_draft_refuses_nothing_else(content_copy, tmp_path, capsys):
    """A draft that would be refused (a changed link) is left out; the finished unit is written."""
    from rightsguide.core.translation.stamp import stamp_file

    stamp_file(ContentLibrary(content_copy), content_copy / "fr/start-here/welcome.md")
    out = export_po(content_copy, "fr", tmp_path / "out")
    po = out / "start-here/fr.po"
    edit_po(po, {"start-here/welcome#what/p2": "Brouillon [lien](https://ailleurs.example)."},
            fuzzy=True)  # fmt: skip
    edit_po(po, {"start-here/welcome#_lead/p1": "Un début tout neuf."})
    assert _import(content_copy, out) == 0
    text = (content_copy / "fr/start-here/welcome.md").read_text(encoding="utf-8")
    assert "Un début tout neuf." in text
    assert "ailleurs.example" not in text
    assert "1 draft units were not imported" in capsys.readouterr().out


def test_a_page_in_two_files_names_both(content_copy, tmp_path, capsys):
    out = export_po(content_copy, "es", tmp_path / "out")
    copy = out / "start-here/es (copy).po"
    shutil.copy(out / "start-here/es.po", copy)
    assert _import(content_copy, out) == 1
    err = capsys.readouterr().err
    first, second = sorted([out / "start-here/es.po", copy], key=str)
    assert f"is in two files for es: this one and {first}; keep one" in err
    assert f"{second}:1: error:" in err


def test_a_po_file_that_lost_its_contexts_is_one_error_at_its_first_such_unit(
    content_copy, tmp_path, capsys
):
    """translate-toolkit's xliff2po (3.8.4) keeps msgctxt on only some units: not one error each."""
    out = export_po(content_copy, "es", tmp_path / "out")
    po = out / "start-here/es.po"
    lines = _lines(po)
    contexts = [at for at, line in enumerate(lines) if line.startswith("msgctxt ")]
    assert len(contexts) > 3
    dropped = set(contexts[2:])  # (kept on the first two units only)
    po.write_text("\n".join(t for at, t in enumerate(lines) if at not in dropped), "utf-8")
    first = contexts[2] + 1  # its msgid line, now where its msgctxt was
    capsys.readouterr()  # (what the export printed)
    assert _import(content_copy, out) == 1
    assert capsys.readouterr().err.split("\n") == [
        f"{po}:{first}: error: {len(dropped)} units have no msgctxt: this file lost "
        "rightsguide's contexts (was it converted by another tool?); export again, or keep "
        "the msgctxt lines",
        "nothing was written",
        "",
    ]
