from __future__ import annotations

import datetime as dt
import json
import os
import subprocess

import pytest

from rightsguide import cli
from rightsguide.core.content.library import ContentLibrary
from rightsguide.core.translation import status_report
from rightsguide.core.translation.stamp import stamp_file
from rightsguide.core.translation.status import PageState, StatusBuilder, ui_status
from tests.conftest import FIXTURES, ROOT

GIT_ENV = {
    "GIT_AUTHOR_NAME": "t",
    "GIT_AUTHOR_EMAIL": "t@example.org",
    "GIT_COMMITTER_NAME": "t",
    "GIT_COMMITTER_EMAIL": "t@example.org",
    "GIT_CONFIG_GLOBAL": os.devnull,
}


def git(cwd, *args):
    subprocess.run(
        ["git", *args], cwd=cwd, check=True, capture_output=True, env={**os.environ, **GIT_ENV}
    )


def commit_stamps_then_edit_the_source(content):
    """Commit the stamped tree, then change the English welcome page and commit that."""
    git(content, "add", "-A")
    git(content, "commit", "-qm", "stamped")
    src = content / "en/start-here/welcome.md"
    src.write_text(
        src.read_text(encoding="utf-8").replace("A guide.", "A better guide."), encoding="utf-8"
    )
    git(content, "commit", "-qam", "edit source")


def statuses(root, diffs=True):
    return {
        s.code: s
        for s in StatusBuilder(ContentLibrary(root), FIXTURES / "locales", diffs=diffs).build()
    }


def test_states_of_fixture_translations():
    result = statuses(FIXTURES / "content", diffs=False)
    ar = {p.page_id: p for p in result["ar"].pages}
    assert ar["start-here/welcome"].state is PageState.STALE
    assert ar["start-here/welcome"].unstamped
    assert ar["device-care/charging"].state is PageState.MISSING
    assert ar["device-care/charging"].shown_in == "en"
    ht = {p.page_id: p for p in result["ht"].pages}
    assert ht["start-here/welcome"].shown_in == "fr"
    assert result["ar"].pages[0].state is PageState.MISSING  # most urgent first
    assert result["en"].percent == 100


def test_ui_catalog_counts():
    counts = ui_status(FIXTURES / "locales/ar/LC_MESSAGES/rightsguide.po")
    assert (counts.total, counts.translated, counts.missing) == (5, 5, 0)
    assert ui_status(FIXTURES / "nope.po").error == "no catalog"


def test_stale_section_diff_comes_from_git_history(content_copy):
    git(content_copy, "init", "-q")
    stamp_file(ContentLibrary(content_copy), content_copy / "ar/start-here/welcome.md")
    commit_stamps_then_edit_the_source(content_copy)
    page = {p.page_id: p for p in statuses(content_copy)["ar"].pages}["start-here/welcome"]
    assert page.state is PageState.STALE
    assert page.stale_sections == ("what",)
    change = page.changes[0]
    assert change.known
    assert change.changed_on == dt.date.today()
    assert "-A guide." in change.diff
    assert "+A better guide." in change.diff


def test_without_git_the_report_says_so(content_copy):
    stamp_file(ContentLibrary(content_copy), content_copy / "ar/start-here/welcome.md")
    src = content_copy / "en/start-here/welcome.md"
    src.write_text(
        src.read_text(encoding="utf-8").replace("A guide.", "B guide."), encoding="utf-8"
    )
    result = statuses(content_copy)
    assert "no git history to show how" in status_report.to_text(list(result.values()))


@pytest.mark.parametrize("fmt", ["json", "html", "text"])
def test_status_command_formats(capsys, fmt):
    assert cli.main(["status", "--content", str(FIXTURES / "content"), "--format", fmt]) == 0
    out = capsys.readouterr().out
    if fmt == "json":
        data = json.loads(out)
        assert data["schema"] == 1
        ar = next(loc for loc in data["locales"] if loc["code"] == "ar")
        assert ar["pages"]["missing"] == 2
        assert ar["page_details"][0]["state"] == "missing"
    elif fmt == "html":
        assert out.startswith("<!DOCTYPE html>")
        assert "<script" not in out
        assert "http" not in out.split("<body>")[1]
    else:
        assert "missing  device-care/charging (readers see en)" in out


def test_real_content_status_runs():
    result = StatusBuilder(ContentLibrary(ROOT / "content"), ROOT / "locales", diffs=False).build()
    assert next(s.code for s in result) == "en"


def test_html_groups_one_english_change_for_every_language_it_made_stale(content_copy):
    git(content_copy, "init", "-q")
    library = ContentLibrary(content_copy)
    for code in ("ar", "fr"):
        path = content_copy / code / "start-here/welcome.md"
        text = path.read_text(encoding="utf-8").replace("provenance: human", "provenance: reviewed")
        path.write_text(text, encoding="utf-8")
        stamp_file(library, path)
    commit_stamps_then_edit_the_source(content_copy)
    page = status_report.to_html(list(statuses(content_copy).values()), dt.date(2026, 12, 1))
    assert page.count("start-here/welcome § what") == 1  # one block, not one per language
    assert page.count("+A better guide.") == 1  # its diff once
    block = page.split("start-here/welcome § what")[1].split("</div>")[0]
    assert "Stale in 2 languages" in block
    assert "Arabic (ar), French (fr)" in block
    # per language: up-to-date and made-by bars apart; the UI catalog's counts
    assert "1 reviewed" in page
    assert "0 human, 1 reviewed" in page
    assert "translated, 0 fuzzy, 0 broken" in page
    # names its fonts and falls back to the browser's
    assert "Noto Sans Arabic" in page
    assert "sans-serif" in page
    assert "<script" not in page


def test_ui_status_counts_broken_entries(tmp_path):
    po = tmp_path / "rightsguide.po"
    po.write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgid "Page {n}"\nmsgstr "Página {}"\n\nmsgid "Home"\nmsgstr "Inicio"\n\n'
        '#, fuzzy\nmsgid "Back"\nmsgstr "Atrás"\n\nmsgid "Next"\nmsgstr ""\n',
        encoding="utf-8",
    )
    counts = ui_status(po)
    assert (counts.total, counts.translated, counts.fuzzy, counts.broken, counts.missing) == (
        4, 1, 1, 1, 1
    )  # fmt: skip
