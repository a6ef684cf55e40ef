"""One regression fixture per kind of hostile or broken content file (issue: "Trust").

For each: ``check`` names the file and the line, the reader shows the page safely (or a calm
notice instead of it), no other page is affected, and the HTML never holds an active element
or a resource from outside the content tree.
"""

from __future__ import annotations

import os
import re
import shutil
from dataclasses import dataclass, replace
from html.parser import HTMLParser

import pytest

from rightsguide.core.guide import Guide
from rightsguide.core.translation.check import check_tree
from tests.conftest import FIXTURES, ROOT
from tests.unit.render.test_renderer import TagAudit

HEAD = (
    b"---\ntitle: Hostile\nsummary: A test page.\nreviewed:\n  on: 2026-11-01\n  by: test\n"
    b"  level: editorial\nsources:\n  - title: S\n    url: https://example.org/\n"
    b"    accessed: 2026-11-01\n    kind: primary\n---\n\n"
    b"## Part {#part}\n\n"
)
BODY_LINE = HEAD.count(b"\n") + 1  # the line where each case's own text starts
PAGE = "device-care/hostile"


@dataclass(frozen=True)
class Case:
    data: bytes
    problem: str  # what check says ("" when the file is fine)
    line: int
    broken: bool = False  # the reader shows a calm notice instead of the page


CASES = {
    "raw HTML script": Case(HEAD + b"<script>alert(1)</script>\n", "raw HTML", BODY_LINE),
    "event handler": Case(
        HEAD + b'Text <img src="x" onerror="alert(1)"> more.\n', "raw HTML", BODY_LINE
    ),
    "javascript link": Case(HEAD + b"[click](javascript:alert(1))\n", "not allowed", BODY_LINE),
    "data link": Case(
        HEAD + b"[c](data:text/html;base64,PHNjcmlwdD4=)\n", "not allowed", BODY_LINE
    ),
    "file link": Case(HEAD + b"[click](file:///etc/passwd)\n", "not allowed", BODY_LINE),
    "remote image": Case(
        HEAD + b"![x](https://evil.example/x.png)\n", "must be a local file", BODY_LINE
    ),
    "remote stylesheet": Case(
        HEAD + b'<link rel="stylesheet" href="https://evil.example/x.css">\n',
        "raw HTML",
        BODY_LINE,
    ),
    "climbing image": Case(
        HEAD + b"![x](../../../../../etc/passwd)\n", "must be a local file", BODY_LINE
    ),
    "climbing link": Case(
        HEAD + b"[y](../../../../outside.md)\n", "page that does not exist", BODY_LINE
    ),
    "yaml object tag": Case(
        b"---\ntitle: !!python/object/apply:os.system [echo hi]\nsummary: s\n---\n\nText\n",
        "not valid YAML",
        2,
        broken=True,
    ),
    "invalid utf-8": Case(HEAD + b"Bad \xff\xfe bytes\n", "not valid UTF-8", BODY_LINE, True),
    "bom and crlf": Case((b"\xef\xbb\xbf" + HEAD + b"Windows.\n").replace(b"\n", b"\r\n"), "", 0),
    "attribute on a paragraph": Case(
        HEAD + b'Text\n{onclick="alert(1)"}\n', "is not allowed", BODY_LINE + 1
    ),
    "attribute on a list item": Case(
        HEAD + b'- item\n{: onmouseover="alert(1)"}\n', "is not allowed", BODY_LINE + 1
    ),
    "attribute on a table cell": Case(
        HEAD + b'| a |\n|---|\n| b {: onclick="alert(1)"} |\n', "is not allowed", BODY_LINE + 2
    ),
    "style on a link": Case(
        HEAD + b'[a](#part){: style="background-image:url(https://evil.example/x)"}\n',
        "is not allowed",
        BODY_LINE,
    ),
    "fenced code attribute": Case(
        HEAD + b'```{.py formaction="javascript:alert(1)"}\ncode\n```\n',
        "is not allowed",
        BODY_LINE,
    ),
    "20 kB of [": Case(HEAD + b"[" * 20_000 + b"\n", "too many '['", BODY_LINE),
    "![ x 4000": Case(HEAD + b"![" * 4000 + b"\n", "too many '['", BODY_LINE),
    "very large file": Case(HEAD + b"Long text. " * 100_000 + b"\n", "larger than 1 MB", 0, True),
    "very deep nesting": Case(
        HEAD + b"> " * 3000 + b"deep\n" + b"".join(b"  " * i + b"- item\n" for i in range(300)),
        "nested more than 40 levels deep",
        BODY_LINE,
    ),
    "very long line": Case(HEAD + b"word " * 150_000 + b"\n", "", 0),
    "bidi override": Case(
        HEAD + "Call \u202e1234 567\u202c now.\n".encode(), "direction control", BODY_LINE
    ),
}


class Sources(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found += [value or "" for name, value in attrs if name == "src"]


def sources(html: str) -> list[str]:
    """Every src attribute of a real tag (escaped text that looks like one does not count)."""
    parser = Sources()
    parser.feed(html)
    return parser.found


@pytest.fixture(params=sorted(CASES), ids=lambda name: name.replace(" ", "-"))
def hostile(request, tmp_path, fixture_dirs):
    case = CASES[request.param]
    content = tmp_path / "content"
    shutil.copytree(FIXTURES / "content", content)
    path = content / "en" / f"{PAGE}.md"
    path.write_bytes(case.data)
    return case, path, Guide(replace(fixture_dirs, content=content))


def test_check_names_the_file_and_line(hostile):
    case, path, guide = hostile
    found = [p for p in check_tree(guide.dirs.content, ROOT / "assets") if p.path == path]
    if not case.problem:
        assert found == []
        return
    assert any(case.problem in p.message and p.line == case.line for p in found), found


def test_reader_shows_it_safely_and_every_other_page_still_works(hostile):
    case, _path, guide = hostile
    shown = guide.open_page(PAGE, "en")
    assert shown.broken is case.broken
    if case.broken:
        assert "This page cannot be shown right now" in shown.html
    body = shown.html.split("</head>", 1)[1]
    audit = TagAudit()
    audit.feed(body)
    assert [b for b in audit.bad if not b.startswith("tag ") and b != "attribute style"] == []
    assert not re.search(r"<(script|link|iframe|object|embed|style|meta|base|form)\b", body)
    assert all(src.startswith("asset:/") for src in sources(body))  # only the content tree
    assert not re.search("[\u202a-\u202e]", shown.html)
    assert not guide.open_page("device-care/charging", "en").broken


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symbolic links")
def test_image_through_a_symlink_out_of_the_tree_is_refused(tmp_path, fixture_dirs):
    content = tmp_path / "content"
    shutil.copytree(FIXTURES / "content", content)
    secret = tmp_path / "secret.png"
    secret.write_bytes(b"\x89PNG\r\n\x1a\n")
    (content / "en" / "device-care" / "photo.png").symlink_to(secret)
    page = content / "en" / f"{PAGE}.md"
    page.write_bytes(HEAD + b"![x](photo.png)\n")
    guide = Guide(replace(fixture_dirs, content=content))
    found = [p for p in check_tree(content, ROOT / "assets") if p.path == page]
    assert any(p.line == BODY_LINE for p in found), found
    assert sources(guide.open_page(PAGE, "en").html) == []
