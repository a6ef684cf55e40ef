"""Edits made on both sides of an export: in the page since, and in the file not yet imported."""

from __future__ import annotations

from pathlib import Path

import pytest

from rightsguide import cli
from rightsguide.core.translation import exchange_files
from tests.unit.translation.test_exchange import edit_po

PAGE = "fr/start-here/welcome.md"
LEAD = "start-here/welcome#_lead/p1"
TITLE = "start-here/welcome#_meta/title"
HAND_FIX = "Ceci est le paragraphe d'introduction, corrigé à la main."


def _export(content: Path, out: Path, fmt: str = "po") -> int:
    return cli.main(["translate", "export", "--content", str(content), "--locale", "fr",
                     "--format", fmt, "--out", str(out)])  # fmt: skip


def _import(content: Path, out: Path) -> int:
    return cli.main(["translate", "import", "--content", str(content), str(out)])


def _units(path: Path) -> dict[str, exchange_files.ImportedUnit]:
    read = exchange_files.read_po if path.suffix == ".po" else exchange_files.read_xliff
    return {u.context: u for u in read(path)[1]}


def _fix_by_hand(content: Path) -> None:
    page = content / PAGE
    text = page.read_text(encoding="utf-8")
    assert "Ceci est le paragraphe d'introduction." in text
    page.write_text(text.replace("Ceci est le paragraphe d'introduction.", HAND_FIX), "utf-8")


def _edit_xliff(path: Path, context: str, target: str) -> None:
    """Give one unit of an exported XLIFF file a translated target."""
    text = path.read_text(encoding="utf-8")
    start = text.index(f'id="{context}"')
    open_at = text.index("<target", start)
    close_at = text.index("</target>", open_at) + len("</target>")
    replaced = f'<target state="translated">{target}</target>'
    path.write_text(text[:open_at] + replaced + text[close_at:], encoding="utf-8")


@pytest.mark.parametrize("fmt", ["po", "xliff"])
def test_an_import_keeps_a_fix_made_in_the_page_after_the_export(
    content_copy, tmp_path, capsys, fmt
):
    out = tmp_path / "out"
    assert _export(content_copy, out, fmt) == 0
    _fix_by_hand(content_copy)  # a colleague fixes the lead in the page
    file = out / "start-here" / ("fr.po" if fmt == "po" else "fr.xlf")
    # the translator changes only the title, and marks the lead as done, as exported
    exported = "Ceci est le paragraphe d'introduction."
    if fmt == "po":
        edit_po(file, {TITLE: "Bienvenue dans ce guide", LEAD: exported})
    else:
        _edit_xliff(file, TITLE, "Bienvenue dans ce guide")
        _edit_xliff(file, LEAD, exported.replace("'", "&apos;"))
    capsys.readouterr()
    assert _import(content_copy, out) == 0
    text = (content_copy / PAGE).read_text(encoding="utf-8")
    assert HAND_FIX in text  # before: the exported lead was written back over the fix
    assert "title: Bienvenue dans ce guide" in text
    said = capsys.readouterr().out
    assert f"{LEAD}: the page changed since the export and this file did not" in said


def test_a_unit_changed_in_the_page_and_in_the_file_is_refused(content_copy, tmp_path, capsys):
    out = tmp_path / "out"
    assert _export(content_copy, out) == 0
    _fix_by_hand(content_copy)
    before = (content_copy / PAGE).read_bytes()
    edit_po(out / "start-here/fr.po", {LEAD: "Voici l'introduction."})
    capsys.readouterr()
    assert _import(content_copy, out) == 1
    err = capsys.readouterr().err
    assert f"{LEAD}: the page changed since the export, and this file changed it too" in err
    assert (content_copy / PAGE).read_bytes() == before
    # exporting again keeps the translator's text, marked fuzzy, with the page's in a note
    assert _export(content_copy, out) == 0
    again = _units(out / "start-here/fr.po")[LEAD]
    assert (again.target, again.fuzzy) == ("Voici l'introduction.", True)
    notes = (out / "start-here/fr.po").read_text(encoding="utf-8").replace("\n#. ", " ")
    assert f"the page has other text now: {HAND_FIX}" in notes
    # the translator chooses their text: clearing the fuzzy mark imports it
    edit_po(out / "start-here/fr.po", {LEAD: "Voici l'introduction."})
    assert _import(content_copy, out) == 0
    assert "Voici l'introduction." in (content_copy / PAGE).read_text(encoding="utf-8")


@pytest.mark.parametrize("fmt", ["po", "xliff"])
def test_exporting_again_keeps_work_that_was_not_imported(content_copy, tmp_path, capsys, fmt):
    out = tmp_path / "out"
    assert _export(content_copy, out, fmt) == 0
    file = out / "start-here" / ("fr.po" if fmt == "po" else "fr.xlf")
    if fmt == "po":
        edit_po(file, {TITLE: "Bienvenue dans ce guide"})
    else:
        _edit_xliff(file, TITLE, "Bienvenue dans ce guide")
    _fix_by_hand(content_copy)  # a unit the file left as exported: the new file takes the page's
    capsys.readouterr()
    assert _export(content_copy, out, fmt) == 0
    assert f"{file}: kept 1 translations" in capsys.readouterr().out
    found = _units(file)
    assert (found[TITLE].target, found[TITLE].fuzzy) == ("Bienvenue dans ce guide", False)
    assert found[LEAD].target == HAND_FIX
    assert _import(content_copy, out) == 0
    text = (content_copy / PAGE).read_text(encoding="utf-8")
    assert "title: Bienvenue dans ce guide" in text
    assert HAND_FIX in text


def test_work_for_english_that_changed_is_kept_as_fuzzy_with_the_earlier_english(
    content_copy, tmp_path
):
    out = tmp_path / "out"
    assert _export(content_copy, out) == 0
    edit_po(out / "start-here/fr.po", {TITLE: "Bienvenue dans ce guide"})
    english = content_copy / "en/start-here/welcome.md"
    english.write_text(
        english.read_text(encoding="utf-8").replace(
            "title: Welcome to the guide", "title: Welcome to this guide"
        ),
        encoding="utf-8",
    )
    assert _import(content_copy, out) == 1  # the English changed: export again, it says
    assert _export(content_copy, out) == 0
    po = out / "start-here/fr.po"
    kept = _units(po)[TITLE]
    assert (kept.source, kept.target, kept.fuzzy) == (
        "Welcome to this guide",
        "Bienvenue dans ce guide",
        True,
    )
    assert '#| msgid "Welcome to the guide"' in po.read_text(encoding="utf-8")


def test_an_earlier_file_that_cannot_be_read_is_not_overwritten(content_copy, tmp_path, capsys):
    out = tmp_path / "out"
    assert _export(content_copy, out) == 0
    po = out / "start-here/fr.po"
    po.write_text(po.read_text(encoding="utf-8") + '\nmsgid "open\n', encoding="utf-8")
    broken = po.read_bytes()
    assert _export(content_copy, out) == 1
    err = capsys.readouterr().err
    assert f"{po}:" in err
    assert "cannot read this file to keep its translations" in err
    assert po.read_bytes() == broken


def test_an_export_of_one_page_keeps_the_topics_other_pages_and_their_work(
    content_copy, tmp_path, capsys
):
    out = tmp_path / "out"
    assert _export(content_copy, out) == 0
    po = out / "start-here/fr.po"
    index_title = "start-here/index#_meta/title"
    edit_po(po, {index_title: "Commencer ici"})  # work on another page, not imported
    before = set(_units(po))
    assert cli.main(["translate", "export", "--content", str(content_copy), "--locale", "fr",
                     "--page", "start-here/welcome", "--out", str(out)]) == 0  # fmt: skip
    after = _units(po)
    assert set(after) == before  # before: the file held the one page only, the work gone
    assert after[index_title].target == "Commencer ici"
    template = exchange_files.read_po(out / "start-here/start-here.pot")[1]
    assert {u.context for u in template} == before


def test_importing_the_same_file_again_takes_what_the_translator_revised(content_copy, tmp_path):
    """Weblate: pull, import, translate on, pull, import; no export in between."""
    out = tmp_path / "out"
    assert _export(content_copy, out) == 0
    po = out / "start-here/fr.po"
    edit_po(po, {TITLE: "Bienvenue, première version"})
    assert _import(content_copy, out) == 0
    edit_po(po, {TITLE: "Bienvenue, deuxième version"})
    assert _import(content_copy, out) == 0  # before: "changed on both sides", all refused
    assert "title: Bienvenue, deuxième version" in (content_copy / PAGE).read_text("utf-8")


def test_exporting_again_after_an_import_and_a_fix_keeps_the_fix(content_copy, tmp_path):
    out = tmp_path / "out"
    assert _export(content_copy, out) == 0
    po = out / "start-here/fr.po"
    edit_po(po, {TITLE: "Bienvenue dans le guid"})
    assert _import(content_copy, out) == 0
    page = content_copy / PAGE
    page.write_text(
        page.read_text("utf-8").replace("Bienvenue dans le guid", "Bienvenue dans le guide!"),
        "utf-8",
    )  # a reviewer's fix
    assert _export(content_copy, out) == 0
    assert _units(po)[TITLE].target == "Bienvenue dans le guide!"  # not the imported typo
    assert _import(content_copy, out) == 0
    assert "title: Bienvenue dans le guide!" in page.read_text("utf-8")


def test_msgmerge_keeps_the_marks_so_a_fix_in_the_page_is_still_kept(content_copy, tmp_path):
    """Poedit's "Update from POT" and Weblate's add-on run msgmerge with the template."""
    import shutil
    import subprocess

    if shutil.which("msgmerge") is None:
        pytest.skip("msgmerge (gettext) is not installed")
    out = tmp_path / "out"
    assert _export(content_copy, out) == 0
    _fix_by_hand(content_copy)
    po = out / "start-here/fr.po"
    edit_po(po, {TITLE: "Bienvenue dans ce guide", LEAD: "Ceci est le paragraphe d'introduction."})
    subprocess.run(
        ["msgmerge", "-q", "--previous", "-U", str(po), str(po.with_name("start-here.pot"))],
        check=True,
    )
    assert _units(po)[LEAD].base is not None  # kept, as a translator's comment
    assert _import(content_copy, out) == 0
    assert HAND_FIX in (content_copy / PAGE).read_text("utf-8")


def test_a_file_without_marks_is_imported_with_a_warning(content_copy, tmp_path, capsys):
    out = tmp_path / "out"
    assert _export(content_copy, out) == 0
    po = out / "start-here/fr.po"
    po.write_text(
        "\n".join(
            line for line in po.read_text("utf-8").split("\n") if "page at export" not in line
        ),
        "utf-8",
    )
    capsys.readouterr()
    assert _import(content_copy, out) == 0
    assert f"{po}: warning: this file does not say what the pages held" in capsys.readouterr().out


def test_a_confirmed_unit_stays_confirmed_when_exporting_again(content_copy, tmp_path):
    out = tmp_path / "out"
    assert _export(content_copy, out) == 0
    po = out / "start-here/fr.po"
    assert _units(po)[TITLE].fuzzy  # the fixture's translation is not stamped
    edit_po(po, {TITLE: "Bienvenue dans le guide"})  # the same text, its fuzzy mark cleared
    assert _export(content_copy, out) == 0
    assert not _units(po)[TITLE].fuzzy  # before: fuzzy again, the translator's check lost


def test_a_mark_a_tool_joined_to_another_note_is_no_mark():
    from rightsguide.core.translation.exchange_files import _base

    assert _base(["page at export: 0123456789abcdef"]) == "0123456789abcdef"
    assert _base(["page at export: none"]) == "none"
    assert _base(["page at export: 0123456789abcdef\nprevious English: x"]) is None
    assert _base(["page at export: (edited)"]) is None
