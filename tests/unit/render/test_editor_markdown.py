"""Issue 12, "Markdown as translators' editors write it": shown as the editor showed it."""

from __future__ import annotations

import pytest

from rightsguide.core.render.mdext.editor import editor_lines
from tests.unit.render.test_renderer import render


def html(renderer, body):
    out = render(renderer, body)
    assert out.problems == ()
    return out.html


def test_a_list_right_after_a_paragraph_is_a_list(renderer):
    out = html(renderer, "Bring these:\n- your ID\n- your papers\n\nAfter.\n")
    assert "<p>Bring these:</p>\n<ul>\n<li>your ID</li>\n<li>your papers</li>\n</ul>" in out
    assert "- your" not in out


def test_a_numbered_list_right_after_a_paragraph_is_a_list(renderer):
    assert "<ol>\n<li>Call.</li>" in html(renderer, "Do this:\n1. Call.\n2. Wait.\n")


def test_lists_nested_by_two_spaces_stay_nested(renderer):
    out = html(renderer, "- a\n  - b\n    - c\n- d\n")
    assert out.count("<ul>") == 3
    assert "<li>a<ul>\n<li>b<ul>\n<li>c</li>" in out


def test_fenced_code_inside_a_list_item_keeps_its_text(renderer):
    out = html(renderer, "1. Call:\n   ```\n   555-0100\n   ```\n2. Wait.\n")
    assert "<pre><code>555-0100\n</code></pre>" in out
    assert "<p>Wait.</p>" in out


def test_a_callout_indented_two_spaces_is_a_callout(renderer):
    out = html(renderer, '!!! warning "Careful"\n  Do not remove it.\n  Second line.\n\nAfter.\n')
    assert "!!!" not in out
    assert 'class="callout warning"' in out
    assert "Do not remove it.\nSecond line." in out
    assert out.endswith("<p>After.</p>")


@pytest.mark.parametrize(
    "body",
    [
        "Text\n\n- a\n    - b\n\n    more\n- c\n",  # already 4-space nesting
        "A line\nanother line\n\n1. one\n2. two\n",
        "```\n- not a list\n  - really\n```\n",
        "!!! note\n    Four spaces already.\n",
        "| a | b |\n|---|---|\n| - x | y |\n",
        "- - -\n\nText\n* * *\n",
    ],
)
def test_text_that_python_markdown_already_reads_well_is_unchanged(body):
    assert editor_lines(body.split("\n")) == body.split("\n")
