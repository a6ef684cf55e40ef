"""Issue 12, "check sees the page the way the reader does": one case per finding.

Each page is checked with ``check_tree`` and rendered by the reader's renderer; ``check``'s
problems for the file must be exactly the reader's, and name the expected line.
"""

from __future__ import annotations

import pytest

from rightsguide.core.content.library import ContentLibrary
from rightsguide.core.render.renderer import Renderer
from rightsguide.core.translation.check import check_tree
from rightsguide.core.translation.lint import FactsCache
from tests.conftest import FRONT, ROOT, write_page

ASSETS = ROOT / "assets"
PAGE = "start-here/case"
FIRST = FRONT.format(title="Case").count("\n") + 1  # the file line where the body starts
OK = "## Part {#part}\n\n"

CASES: dict[str, tuple[str, str, int]] = {
    # name: (body after the first section, a message part, its line counted from FIRST)
    "setext heading": ("Title\n---\n", "heading 'Title' needs an id", 2),
    "no space after ##": ("##Title\n", "heading 'Title' needs an id", 2),
    "lone ##": ("##\n", "heading '' needs an id", 2),
    "setext heading with an id": (
        "Title {#title}\n---\n",
        "is a section in the reader, but not for 'stamp'",
        2,
    ),
    "unclosed fence hides nothing": (
        "```\nnot code\n\n## No id\n\n[j](javascript:alert(1))\n",
        "javascript:alert(1)' is not allowed",
        7,
    ),
    "unclosed fence, heading after it": ("```\nx\n\n## No id\n", "heading 'No id' needs", 5),
    "unclosed fence, remote image": (
        "```\nx\n\n![r](https://evil.example/r.png)\n",
        "must be a local file",
        5,
    ),
    "multi-line reference definition": (
        "[here][a]\n\n[a]:\n  javascript:alert(1)\n",
        "not allowed",
        5,
    ),
    "angle link over two lines": ("[x](<missing\npage.md>)\n", "does not exist", 2),
    "reference-style image is an image, not a page": (
        "![poster][p]\n\n[p]: ../nowhere/poster.png\n",
        "image '../nowhere/poster.png' must be a local file",
        4,
    ),
    "attribute on a paragraph": ('Text\n{onclick="alert(1)"}\n', '{onclick="alert(1)"}', 3),
    "style attribute on a heading": (
        '### Sub {#sub style="background-image:url(https://x/y)"}\n',
        "style=",
        2,
    ),
    "attribute on a link": ('[a](#part){onmouseover="x()"}\n', "onmouseover", 2),
    "fenced code attribute": (
        '```{.py formaction="javascript:alert(1)"}\ncode\n```\n',
        "formaction",
        2,
    ),
    "a link to the section stands above its setext heading": (
        "[below](#later)\n\nLater {#later}\n---\n",
        "is a section in the reader, but not for 'stamp'",
        4,
    ),
    "too many brackets": ("[" * 20_000 + "\n", "too many '['", 2),
}


def reader_problems(content, path):
    library = ContentLibrary(content)
    page = library.load_file(path, "en", PAGE)
    return {(p.line, p.message) for p in Renderer(library, ASSETS).render(page, "en").problems}


@pytest.mark.parametrize("name", sorted(CASES), ids=lambda n: n.replace(" ", "-"))
def test_check_reports_what_the_reader_shows(name, content_copy):
    body, message, line = CASES[name]
    path = write_page(content_copy, f"en/{PAGE}.md", FRONT.format(title="Case") + OK + body)
    found = {
        (p.line, p.message)
        for p in check_tree(content_copy, ASSETS)
        if p.path == path and p.line >= FIRST
    }
    assert found == reader_problems(content_copy, path)
    assert any(message in m and at == FIRST + line for at, m in found), found


def test_four_backtick_fence_holding_three_is_code(content_copy):
    body = "````\n```\n## Inside {#inside}\n## No id\n```\n````\n"
    path = write_page(content_copy, f"en/{PAGE}.md", FRONT.format(title="Case") + OK + body)
    assert [p for p in check_tree(content_copy, ASSETS) if p.path == path and p.line >= FIRST] == []


def test_the_cache_gives_the_same_problems(content_copy, tmp_path):
    body = "".join(body for body, _m, _l in CASES.values())
    write_page(content_copy, f"en/{PAGE}.md", FRONT.format(title="Case") + OK + body)
    cache = tmp_path / "cache" / "facts.marshal"
    fresh = check_tree(content_copy, ASSETS)
    assert check_tree(content_copy, ASSETS, cache_file=cache, cache_min_pages=0) == fresh
    assert cache.is_file()
    assert (
        check_tree(content_copy, ASSETS, cache_file=cache, cache_min_pages=0) == fresh
    )  # read from the cache
    cache.write_bytes(b"not a cache")
    assert check_tree(content_copy, ASSETS, cache_file=cache, cache_min_pages=0) == fresh


def test_a_small_tree_keeps_no_cache(content_copy, tmp_path):
    cache = tmp_path / "facts.marshal"
    check_tree(content_copy, ASSETS, cache_file=cache)
    assert not cache.exists()


def test_a_cached_page_is_not_parsed_again(content_copy, tmp_path, monkeypatch):
    cache = tmp_path / "facts.marshal"
    fresh = check_tree(content_copy, ASSETS, cache_file=cache, cache_min_pages=0)
    assert FactsCache(cache).version  # the file holds this parser's facts

    def no_parse(*_args):
        raise AssertionError("parsed although cached")

    monkeypatch.setattr(Renderer, "facts", no_parse)
    assert check_tree(content_copy, ASSETS, cache_file=cache, cache_min_pages=0) == fresh


def test_the_parser_version_needs_no_source_files(monkeypatch, tmp_path):
    """A frozen program (PyInstaller) has no .py files: check must still run."""
    from rightsguide.core.translation import lint

    monkeypatch.setattr(lint, "_CODE", tmp_path / "no-such-folder")
    assert len(lint.parser_version()) == 16


def _every_front_matter():
    from rightsguide.core.content import frontmatter

    for path in sorted((ROOT / "content").rglob("*.md")):
        text = frontmatter.decode(path.read_bytes(), path)
        yield path, frontmatter.split(text, path)[0]


def test_cached_front_matter_equals_a_fresh_reading(tmp_path, monkeypatch):
    """Every real page's front matter, read back from the cache file, is what parsing gives."""
    from rightsguide.core.content import frontmatter

    cache_file = tmp_path / "facts.marshal"
    cache = FactsCache(cache_file)
    pages = list(_every_front_matter())
    assert len(pages) > 100
    fresh = [frontmatter.parse_meta(text, path) for path, text in pages]
    assert [cache.parse_meta(text, path) for path, text in pages] == fresh  # parsed, kept
    cache.save()
    reread = FactsCache(cache_file)

    def no_parse(*_args):
        raise AssertionError("parsed although cached")

    monkeypatch.setattr(frontmatter, "parse_meta", no_parse)
    cached = [reread.parse_meta(text, path) for path, text in pages]
    assert cached == fresh
    # a source's line is not part of its equality, but check reports problems at it
    assert [[s.line for s in m.sources] for m in cached] == [
        [s.line for s in m.sources] for m in fresh
    ]


def test_front_matter_with_problems_is_reported_on_every_cached_run(content_copy, tmp_path):
    bad = FRONT.format(title="Case").replace("order:", "ordre:", 1)
    assert bad != FRONT.format(title="Case")
    path = write_page(content_copy, f"en/{PAGE}.md", bad + OK)
    cache = tmp_path / "facts.marshal"
    runs = [check_tree(content_copy, ASSETS, cache_file=cache, cache_min_pages=0) for _ in "ab"]
    assert runs[0] == runs[1] == check_tree(content_copy, ASSETS)
    assert any(p.path == path and "did you mean 'order'" in p.message for p in runs[1])


def test_a_changed_address_is_reported_from_the_cached_tokens_too(content_copy, tmp_path):
    """The kept tokens of each translated section are cached; the verdict is the same."""
    path = content_copy / "ar/start-here/welcome.md"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("https://example.org/lawyers", "https://example.com/x"), "utf-8")
    cache = tmp_path / "facts.marshal"
    runs = [check_tree(content_copy, ASSETS, cache_file=cache, cache_min_pages=0) for _ in "ab"]
    assert runs[0] == runs[1] == check_tree(content_copy, ASSETS)
    assert any(p.path == path and "https://example.org/lawyers" in p.message for p in runs[1])
