"""A translation's sections against its source's, as ``rightsguide check`` reports them."""

from __future__ import annotations

from pathlib import Path

import pytest

from rightsguide.core.model import Severity
from rightsguide.core.translation.check import check_tree
from tests.conftest import FRONT, ROOT, write_page

ASSETS = ROOT / "assets"
WELCOME = "fr/start-here/welcome.md"  # '## Ce que c'est {#what}' on line 19, {#help} on 30


def errors_of(content: Path, page: Path) -> list[tuple[int, str]]:
    return [
        (p.line, p.message)
        for p in check_tree(content, ASSETS)
        if p.path == page and p.severity is Severity.ERROR
    ]


def edit(page: Path, old: str, new: str) -> None:
    text = page.read_text(encoding="utf-8")
    assert old in text
    page.write_text(text.replace(old, new), encoding="utf-8")


def test_a_heading_without_its_id_is_one_error_that_names_the_id(content_copy):
    """Not also 'sections missing' and a 'section-1' no one wrote, at the lead paragraph."""
    page = content_copy / WELCOME
    edit(page, "## Ce que c'est {#what}", "## Ce que c'est")
    assert errors_of(content_copy, page) == [
        (
            19,
            "heading 'Ce que c'est' has no id: in the source page this section is {#what}; "
            "write '## Ce que c'est {#what}'",
        )
    ]


@pytest.mark.parametrize(
    ("heading", "line"),
    [("Ce que c'est {#what}", 19), ("Aide juridique gratuite {#help}", 30)],
    ids=["first", "last"],
)
def test_a_section_heading_written_with_one_hash_is_one_error_at_its_line(
    content_copy, heading, line
):
    page = content_copy / WELCOME
    edit(page, f"## {heading}", f"# {heading}")
    title, _sep, anchor = heading.partition(" {")
    assert errors_of(content_copy, page) == [
        (
            line,
            f"heading '{title}' starts with '#', so it is no section: in the source page it "
            f"starts with '##'; write '## {heading}'",
        )
    ]
    assert anchor  # (the id is kept: only the '#' marks are wrong)


def test_a_subsection_without_its_id_is_named_though_the_reader_allows_it(content_copy):
    """A '###' may have no id; when its source has one, the translation must have it too."""
    english = FRONT.format(title="Night") + "\n## Charging {#charging}\n\nText.\n\n"
    write_page(content_copy, "en/start-here/night.md", english + "### At night {#night}\n\nMore.\n")
    head = FRONT.format(title="Nuit").removesuffix("---\n")
    french = head + "translation:\n  from: en\n  provenance: human\n---\n"
    french += "\n## Recharger {#charging}\n\nTexte.\n\n### La nuit\n\nPlus.\n"
    page = write_page(content_copy, "fr/start-here/night.md", french)
    assert errors_of(content_copy, page) == [
        (
            21,
            "heading 'La nuit' has no id: in the source page this section is {#night}; "
            "write '### La nuit {#night}'",
        )
    ]


def test_ids_that_really_differ_are_still_missing_and_extra_at_headings(content_copy):
    page = content_copy / WELCOME
    edit(page, "{#help}", "{#aide}")
    assert errors_of(content_copy, page) == [
        (
            19,
            "sections missing compared with the source page: help "
            "(in the source it comes after the section on this line)",
        ),
        (30, "sections not in the source page (check the {#id}): aide"),
    ]
