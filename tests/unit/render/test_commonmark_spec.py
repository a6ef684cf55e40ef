"""Input nobody on the project wrote: every example of the CommonMark spec, rendered and checked.

The spec (CC-BY-SA 4.0) is not committed. Point ``RIGHTSGUIDE_COMMONMARK_SPEC`` at its
``spec.txt`` (from github.com/commonmark/commonmark-spec) to run this; without it the test is
skipped. For each example: the reader renders it (no crash, within hypothesis-free limits),
its HTML holds no attribute the renderer does not write itself, and ``check``'s problems and
section list are exactly the reader's.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from rightsguide.core.content.library import ContentLibrary
from rightsguide.core.translation import lint
from tests.conftest import FIXTURES
from tests.unit.render.conftest import page
from tests.unit.render.test_bounded import foreign_attributes

SPEC = Path(os.environ.get("RIGHTSGUIDE_COMMONMARK_SPEC", "build/commonmark/spec.txt"))
FENCE = "`" * 32
LIBRARY = ContentLibrary(FIXTURES / "content")  # the renderer fixture's library


def examples(text: str) -> list[str]:
    """The markdown of each example (``→`` is a tab in the spec)."""
    found: list[str] = []
    lines: list[str] = []
    inside = False
    for line in text.split("\n"):
        if line.startswith(FENCE + " example"):
            inside, lines = True, []
        elif line.startswith(FENCE) and inside:
            inside = False
            markdown = "\n".join(lines).split("\n.\n", 1)[0]
            found.append(markdown.replace("\u2192", "\t"))
        elif inside:
            lines.append(line)
    return found


@pytest.mark.skipif(not SPEC.is_file(), reason="the CommonMark spec.txt is not here")
def test_every_spec_example_renders_safely_and_check_agrees(renderer):
    cases = examples(SPEC.read_text(encoding="utf-8"))
    assert len(cases) > 600
    for number, body in enumerate(cases, start=1):
        out = renderer.render(page(body), "en")
        assert foreign_attributes(out.html) == [], (number, body)
        scan = lint.scan_page(page(body), renderer, lambda pid: LIBRARY.exists(pid, "en"))
        assert scan.section_ids == [entry.anchor for entry in out.toc], (number, body)
        assert sorted(map(str, scan.problems)) == sorted(map(str, out.problems)), (number, body)
