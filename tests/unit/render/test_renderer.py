from __future__ import annotations

from html.parser import HTMLParser

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rightsguide.core.content.library import ContentLibrary
from rightsguide.core.model import Page
from rightsguide.core.render.renderer import Renderer
from tests.conftest import FIXTURES, ROOT
from tests.unit.render.conftest import META


def render(renderer: Renderer, body: str, page_id: str = "start-here/welcome", locale: str = "en"):
    path = FIXTURES / "content" / "en" / f"{page_id}.md"
    return renderer.render(Page(page_id, "en", path, META, body, 10), locale)


def assert_renders(renderer: Renderer, source: str, expected: str) -> None:
    assert render(renderer, source).html.strip() == expected


def test_heading_ids_are_explicit_and_numbered(renderer):
    out = render(renderer, "## Charging {#charging}\n\n### Night {#night}\n\n## Help {#help}\n")
    assert [(e.anchor, e.number, e.level) for e in out.toc] == [
        ("charging", "1", 2),
        ("night", "1.1", 3),
        ("help", "2", 2),
    ]
    assert '<h2 id="charging"><span class="secnum">1 </span>Charging</h2>' in out.html
    assert out.problems == ()


def test_arabic_heading_keeps_its_explicit_id(renderer):
    out = render(renderer, "## الشحن كل يوم {#charging}\n")
    assert out.toc[0].anchor == "charging"
    assert out.toc[0].title == "الشحن كل يوم"


def test_heading_without_id_is_reported_and_still_works(renderer):
    out = render(renderer, "intro\n\n## No id here\n")
    assert out.toc[0].anchor == "section-1"
    assert "needs an id" in out.problems[0].message
    assert out.problems[0].line == 12  # body starts at line 10 of the file


def test_duplicate_section_id_is_reported(renderer):
    out = render(renderer, "## A {#same}\n\n## B {#same}\n")
    assert any("used twice" in p.message for p in out.problems)


def test_raw_html_is_escaped_and_reported(renderer):
    out = render(
        renderer, 'Hi <script>alert(1)</script> <b onclick="x()">b</b>\n\n<div>block</div>\n'
    )
    assert "<script" not in out.html
    assert "<div" not in out.html
    assert "&lt;script&gt;" in out.html
    assert len([p for p in out.problems if "raw HTML" in p.message]) == 3


def test_html_in_code_is_not_reported(renderer):
    assert render(renderer, "Use `<b>` tags.\n").problems == ()


def test_relative_md_links_become_guide_urls(renderer):
    out = render(renderer, "[a](../device-care/charging.md#daily) [b](#help) [c](index.md)\n")
    assert 'href="guide:/device-care/charging#daily"' in out.html
    assert 'href="guide:/start-here/welcome#help"' in out.html
    assert 'href="guide:/start-here/index"' in out.html
    assert out.links == ("device-care/charging", "start-here/index")


def test_link_to_missing_page_is_not_clickable(renderer):
    out = render(renderer, "[gone](../nowhere/page.md)\n")
    assert "<a" not in out.html
    assert 'class="broken-link"' in out.html
    assert "does not exist" in out.problems[0].message


@pytest.mark.parametrize(
    "href",
    [
        "javascript:alert(1)",
        "file:///etc/passwd",
        "data:text/html,x",
        "http://example.org",
        "mailto:a@b.c",
        "//evil.example/x",
        "../../../../etc/passwd.md",
        "JaVaScRiPt:x",
    ],
)
def test_unsafe_links_are_never_clickable(renderer, href):
    out = render(renderer, f"[x]({href})\n")
    assert "<a" not in out.html
    assert out.problems


def test_https_links_are_marked_external(renderer):
    out = render(renderer, "[x](https://example.org/a)\n")
    assert '<a class="external" href="https://example.org/a"' in out.html


def test_local_asset_image_becomes_asset_url(renderer):
    out = render(renderer, "![icon](../../../../../assets/icons/app.svg)\n")
    assert 'src="asset:/assets/icons/app.svg"' in out.html
    assert renderer.asset_path("/assets/icons/app.svg") == (ROOT / "assets/icons/app.svg").resolve()


@pytest.mark.parametrize(
    "src",
    [
        "https://example.org/x.png",
        "../../../../../etc/passwd",
        "file:///etc/passwd",
        "data:image/png;base64,AAAA",
    ],
)
def test_remote_or_outside_images_are_dropped(renderer, src):
    out = render(renderer, f"![alt text]({src})\n")
    assert "<img" not in out.html
    assert "[alt text]" in out.html
    assert out.problems


def test_symlink_out_of_the_tree_is_refused(tmp_path):
    content = tmp_path / "content"
    (content / "en" / "t").mkdir(parents=True)
    (content / "locales.yaml").write_text("locales:\n- {code: en, native: E, english: E}\n")
    secret = tmp_path / "secret.png"
    secret.write_bytes(b"x")
    (content / "en" / "t" / "link.png").symlink_to(secret)
    r = Renderer(ContentLibrary(content), ROOT / "assets")
    assert r.asset_url(content / "en" / "t" / "link.png") is None
    assert r.asset_path("/content/en/t/link.png") is None


def test_callout_becomes_a_table_qt_can_draw(renderer):
    out = render(renderer, '!!! warning "Careful"\n    Battery.\n')
    assert '<table bgcolor="#fdecea"' in out.html
    assert 'class="callout warning"' in out.html
    assert '<p class="callout-title">Careful</p>' in out.html
    assert "<div" not in out.html


def test_rule_in_the_courts_has_its_own_box(renderer):
    out = render(renderer, '!!! courts "In the courts"\n    A judge paused this rule.\n')
    assert 'class="callout courts"' in out.html
    assert '<table bgcolor="#f0f0f0"' in out.html


def test_tables_get_borders(renderer):
    out = render(renderer, "| a | b |\n|---|---|\n| 1 | 2 |\n")
    assert '<table border="1"' in out.html


def test_deep_nesting_does_not_crash(renderer):
    body = "".join("  " * i + "- item\n" for i in range(300)) + ">" * 500 + " quote\n"
    out = render(renderer, body)
    assert "item" in out.html


ALLOWED_TAGS = {
    "p",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "a",
    "span",
    "em",
    "strong",
    "ul",
    "ol",
    "li",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "code",
    "pre",
    "blockquote",
    "hr",
    "br",
    "img",
    "h1",
}


class TagAudit(HTMLParser):
    """Collects every tag, attribute and URL in rendered HTML."""

    def __init__(self) -> None:
        super().__init__()
        self.bad: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in ALLOWED_TAGS:
            self.bad.append(f"tag {tag}")
        for name, value in attrs:
            if name.startswith("on") or name == "style":
                self.bad.append(f"attribute {name}")
            if name in ("href", "src") and not (value or "").startswith(
                ("guide:/", "asset:/", "https://")
            ):
                self.bad.append(f"url {value}")


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                *list("<>[]()!#*-=`\"' :/\n\tabcjsvriptonerlfa.md{}|~"),
                "javascript:",
                "<script>",
                "](",
                "![",
                "onerror=",
                "https://",
                "data:",
                "file:",
                "<img src=",
                "!!! ",
                "\n    ",
            ]
        ),
        max_size=80,
    ).map("".join)
)
def test_any_markdown_renders_without_active_content(renderer, body):
    audit = TagAudit()
    audit.feed(render(renderer, body).html)
    assert audit.bad == []


@pytest.mark.parametrize("body", ["<https://](>", "[x](https://[bad)", "![x](https://](![)"])
def test_malformed_addresses_are_blocked_not_crashing(renderer, body):
    out = render(renderer, body + "\n")
    assert "<a " not in out.html.replace('<a class="external"', "")  # nothing clickable but https


# --- fenced code is added to the parser for the first page that has a fence ------------------

_PIECES = ["```", "~~~", "``", "`", "~~", "\x02", "\x03", "code", "- item", "   ```", "\t```"]
_PIECES += ["1. step", "!!! note", "    indented", "## H {#h}", "", "~~~~ {.python}", "a `b` c"]
_PIECES += ["> quote ```", "```{#x .y k=v}", "|a|b|", "|-|-|"]


def _eager() -> Renderer:
    """A renderer with fenced code from the start (what every renderer had before)."""
    renderer = Renderer(ContentLibrary(FIXTURES / "content"), ROOT / "assets")
    renderer._add_fenced_code()
    return renderer


def _same_render(first, second) -> None:
    assert (first.html, first.toc, first.links, first.problems) == (
        second.html,
        second.toc,
        second.links,
        second.problems,
    )


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(st.sampled_from(_PIECES), max_size=12), min_size=1, max_size=3))
def test_pages_render_the_same_whether_fenced_code_came_first_or_later(bodies):
    lazy = Renderer(ContentLibrary(FIXTURES / "content"), ROOT / "assets")
    eager = _eager()
    for pieces in bodies:  # several pages in a row: with and without fences, in any order
        body = "\n".join(pieces) + "\n"
        _same_render(render(lazy, body), render(eager, body))


def test_every_bundled_page_renders_as_with_fenced_code_from_the_start():
    library = ContentLibrary(ROOT / "content")
    lazy, eager = Renderer(library, ROOT / "assets"), Renderer(library, ROOT / "assets")
    eager._add_fenced_code()
    count = 0
    for loc in library.registry.all():
        for topic in library.topics(loc.code):
            for entry in library.pages(loc.code, topic.topic):
                page = library.page(entry.page_id, loc.code)
                _same_render(lazy.render(page, loc.code), eager.render(page, loc.code))
                count += 1
    assert count > 50


def test_a_fence_on_a_later_page_is_still_code():
    renderer = Renderer(ContentLibrary(FIXTURES / "content"), ROOT / "assets")
    assert "<pre>" not in render(renderer, "Plain text.\n").html
    out = render(renderer, "Call:\n\n~~~\n555-0100\n~~~\n").html
    assert "<pre><code>555-0100\n</code></pre>" in out
