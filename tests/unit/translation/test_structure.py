"""A translated section must be built as its source section is (what translators do by hand)."""

from __future__ import annotations

import pytest

from rightsguide.core.translation.structure import box_problems, difference, shape

SOURCE = (
    "## Charging {#charging}\n"
    "Charge every day.\n"
    "It takes 2 hours.\n"
    "\n"
    '!!! warning "Warning"\n'
    "    Lawyers say a dead battery can count as breaking your rules.\n"
    "\n"
    "- at home\n"
    "- at work\n"
    "  (ask first)\n"
    "\n"
    "| Day | Time |\n"
    "|---|---|\n"
    "| Monday | 9:00 |\n"
    "\n"
    "Call ISAP.\n"
)
GOOD = (
    "## Cargar {#charging}\n"
    "Cárguelo cada día.\n"
    "Tarda 2 horas.\n"
    "\n"
    '!!! warning "Advertencia"\n'
    "    Los abogados dicen que una batería muerta puede contar como romper sus reglas.\n"
    "\n"
    "- en casa\n"
    "- en el trabajo\n"
    "  (pregunte antes)\n"
    "\n"
    "| Día | Hora |\n"
    "|---|---|\n"
    "| Lunes | 9:00 |\n"
    "\n"
    "Llame a ISAP.\n"
)


def test_a_faithful_translation_is_built_the_same():
    assert shape(SOURCE) == "h2 p box:warning box-p li li tr tr tr p"
    assert difference(shape(SOURCE), shape(GOOD)) is None


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        # the box's text lost its indent: an empty red box, then a plain paragraph
        (("    Los abogados", "Los abogados"), "an empty 'warning' box (its text must be indented"),
        # the title's closing quote is gone: no box at all, the !!! line shown as text
        (('"Advertencia"', '"Advertencia'), 'a line starting with "!!!" that is no box'),
        # the box's type translated: a blue note instead of a red warning
        (("!!! warning", "!!! advertencia"),
         "where the source has a 'warning' box, the translation has a 'advertencia' box"),
        # a paragraph that starts with "#" is a heading
        (("Llame a ISAP.", "#Llame a ISAP."), "the translation has a heading '#'"),
        (("## Cargar", "### Cargar"), "where the source has a heading '##', the translation has "
                                      "a heading '###'"),
    ],
)  # fmt: skip
def test_what_changes_the_page_readers_see_is_an_error(change, expected):
    found = difference(shape(SOURCE), shape(GOOD.replace(*change)))
    assert found is not None
    message, error = found
    assert error
    assert expected in message


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (("- en el trabajo\n  (pregunte antes)\n", ""), "has 1 list items where its source section "
                                                    "has 2"),
        (("\nLlame a ISAP.\n", "\n"), "has 1 paragraphs where its source section has 2"),
        (("| Lunes | 9:00 |\n", ""), "has 2 table rows where its source section has 3"),
    ],
)  # fmt: skip
def test_a_left_out_item_paragraph_or_row_is_a_warning(change, expected):
    found = difference(shape(SOURCE), shape(GOOD.replace(*change)))
    assert found is not None
    message, error = found
    assert not error
    assert expected in message


def test_boxes_the_reader_does_not_draw_as_meant_are_named_in_any_page():
    body = '!!! warning "Warning"\n    ok\n!!! warning "No end\n!!! advertencia "X"\ntext\n'
    found = box_problems(body)
    assert [offset for offset, _ in found] == [2, 3]
    assert 'write !!! kind "Title"' in found[0][1]
    assert "unknown box type 'advertencia' (shown as a note)" in found[1][1]


def test_a_box_title_may_hold_quotes_and_a_box_more_classes():
    """As Python-Markdown draws them: the title ends at the line's last quote."""
    body = '!!! warning "Attention au mot "chargé""\n    ok\n!!! note extra "Note"\n    ok\n'
    assert box_problems(body) == []
    assert shape(body) == "box:warning box-p box:note box-p"


def test_code_is_text_whatever_its_lines_start_with():
    body = "Run:\n\n```\n!!! warning\n# not a heading\n- not an item\n```\n\nDone.\n"
    assert box_problems(body) == []
    assert shape(body) == "p code p"


def test_a_block_of_code_left_out_is_named_not_a_traceback():
    source = "Run:\n\n```\nx\n```\n\nDone.\n"
    found = difference(shape(source), shape("Lancez :\n\nFini.\n"))
    assert found is not None
    assert "where the source has a block of code, the translation has nothing more" in found[0]
