from __future__ import annotations

from pathlib import Path

import pytest

from rightsguide import cli
from rightsguide.core.content.library import ContentLibrary
from rightsguide.core.content.sections import section_hashes
from rightsguide.core.errors import ContentError
from rightsguide.core.translation.stamp import stamp_file


def test_stamp_records_source_hashes_and_keeps_the_rest(content_copy):
    path = content_copy / "ar/start-here/welcome.md"
    before = path.read_text(encoding="utf-8")
    library = ContentLibrary(content_copy)
    assert stamp_file(library, path).changed
    after = path.read_text(encoding="utf-8")
    source = library.page("start-here/welcome", "en")
    page = library.page("start-here/welcome", "ar")
    assert page.meta.translation is not None
    assert page.meta.translation.source_hashes == section_hashes(
        source.body, source.meta.title, source.meta.summary
    )
    assert after.split("\n---\n", 1)[1] == before.split("\n---\n", 1)[1]  # body untouched
    kept = [line for line in before.split("\n---\n")[0].splitlines() if line]
    assert all(line in after for line in kept)  # every other front-matter line kept


def test_stamp_is_idempotent(content_copy):
    path = content_copy / "ar/start-here/welcome.md"
    library = ContentLibrary(content_copy)
    stamp_file(library, path)
    once = path.read_text(encoding="utf-8")
    assert not stamp_file(library, path).changed
    assert path.read_text(encoding="utf-8") == once


def test_restamp_replaces_old_hashes(content_copy):
    path = content_copy / "ar/start-here/welcome.md"
    library = ContentLibrary(content_copy)
    stamp_file(library, path)
    src = content_copy / "en/start-here/welcome.md"
    src.write_text(
        src.read_text(encoding="utf-8").replace("A guide.", "A new guide."), encoding="utf-8"
    )
    assert stamp_file(library, path).changed
    assert path.read_text(encoding="utf-8").count("source_hashes:") == 1


def test_stamp_refuses_mismatched_sections(content_copy):
    path = content_copy / "ar/start-here/welcome.md"
    path.write_text(
        path.read_text(encoding="utf-8").replace("{#help}", "{#other}"), encoding="utf-8"
    )
    before = path.read_text(encoding="utf-8")
    with pytest.raises(ContentError, match="section ids differ"):
        stamp_file(ContentLibrary(content_copy), path)
    assert path.read_text(encoding="utf-8") == before


def test_stamp_refuses_source_pages(content_copy):
    with pytest.raises(ContentError, match=r"this is a source page \(en\): only translations"):
        stamp_file(ContentLibrary(content_copy), content_copy / "en/start-here/welcome.md")


def test_stamp_command_reports_and_exits_1_on_refusal(content_copy, capsys):
    ok = content_copy / "ar/start-here/welcome.md"
    bad = content_copy / "en/start-here/welcome.md"
    assert cli.main(["stamp", "--content", str(content_copy), str(ok), str(bad)]) == 1
    captured = capsys.readouterr()
    assert f"stamped: {ok}" in captured.out
    assert f"{bad}:1: error: this is a source page" in captured.err


def swap_sections(path: Path) -> int:
    """Put the page's 'help' section before its 'what' section; the line 'help' is on then."""
    text = path.read_text(encoding="utf-8")
    what, help_ = text.index("\n## Ce que c'est {#what}"), text.index("\n## Aide juridique")
    swapped = text[:what] + text[help_:].rstrip("\n") + "\n" + text[what:help_] + "\n"
    path.write_text(swapped, encoding="utf-8")
    return int(swapped[: swapped.index("## Aide juridique")].count("\n")) + 1


def test_stamp_says_when_the_sections_are_only_in_another_order(content_copy):
    path = content_copy / "fr/start-here/welcome.md"
    line = swap_sections(path)
    with pytest.raises(ContentError) as refused:
        stamp_file(ContentLibrary(content_copy), path)
    assert refused.value.line == line
    assert "another order than the source's: there, 'what' comes before 'help'" in (
        refused.value.message
    )


def test_check_reports_sections_in_another_order(content_copy):
    from rightsguide.core.translation.check import check_tree
    from tests.conftest import ROOT

    path = content_copy / "fr/start-here/welcome.md"
    line = swap_sections(path)
    found = [
        (p.line, p.message)
        for p in check_tree(content_copy, ROOT / "assets")
        if p.path == path and "another order" in p.message
    ]
    assert found == [(line, "the sections are in another order than the source's: there, "
                            "'what' comes before 'help'")]  # fmt: skip


def test_stamp_keeps_windows_line_ends_and_a_byte_order_mark(content_copy):
    """A translator's editor on Windows saves CR LF: stamping must not change every line."""
    path = content_copy / "ar/start-here/welcome.md"
    text = path.read_text(encoding="utf-8")
    path.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))
    assert stamp_file(ContentLibrary(content_copy), path).changed
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    body = raw[3:]
    assert body.count(b"\n") == body.count(b"\r\n") > 0  # every line still ends in CR LF
    assert b"source_hashes:" in body


def test_a_section_id_given_twice_is_reported_not_a_traceback(content_copy):
    """The order check paired the ids one to one; a repeated id made it crash."""
    from rightsguide.core.translation.check import check_tree
    from tests.conftest import ROOT

    path = content_copy / "fr/start-here/welcome.md"
    text = path.read_text(encoding="utf-8")
    path.write_text(text + "\n## Encore {#what}\n\nDeux fois.\n", encoding="utf-8")
    found = [p.message for p in check_tree(content_copy, ROOT / "assets") if p.path == path]
    assert any("used twice" in m for m in found), found
