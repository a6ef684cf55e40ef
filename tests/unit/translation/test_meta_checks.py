"""Issue 12 (markup in titles and summaries) and issue 18 (source kind and access date)."""

from __future__ import annotations

from rightsguide.core.model import Severity
from rightsguide.core.translation.check import check_tree
from tests.conftest import ROOT, write_page

ASSETS = ROOT / "assets"
HEAD = """---
title: {title}
summary: {summary}
reviewed:
  on: 2026-11-01
  by: test
  level: editorial
sources:
{sources}---

## Part {{#part}}

Text.
"""
GOOD_SOURCE = (
    "  - title: ICE\n    url: https://www.ice.gov/\n    accessed: 2026-11-01\n    kind: primary\n"
)


def problems_of(content, rel, **fields):
    values = {"title": "T", "summary": "S", "sources": GOOD_SOURCE, **fields}
    path = write_page(content, rel, HEAD.format(**values))
    return [(p.line, p.severity, p.message) for p in check_tree(content, ASSETS) if p.path == path]


def test_a_well_sourced_page_has_no_source_warning(content_copy):
    assert problems_of(content_copy, "en/start-here/p.md") == []


def test_source_without_kind_or_access_date_is_a_warning_on_its_line(content_copy):
    bare = "  - title: News\n    url: https://news.example/\n"
    found = problems_of(content_copy, "en/start-here/p.md", sources=GOOD_SOURCE + bare)
    assert (13, Severity.WARNING) in [(line, sev) for line, sev, msg in found if "accessed" in msg]
    assert any(line == 13 and "kind" in msg for line, _s, msg in found)


def test_page_without_a_primary_or_legal_org_source_is_a_warning(content_copy):
    news = GOOD_SOURCE.replace("kind: primary", "kind: news")
    found = problems_of(content_copy, "en/start-here/p.md", sources=news)
    assert [(line, sev) for line, sev, msg in found if "no primary or legal-org" in msg] == [
        (9, Severity.WARNING)
    ]


def test_source_warnings_are_given_on_the_english_page_only(content_copy):
    bare = "  - title: News\n    url: https://news.example/\n"
    write_page(
        content_copy, "en/start-here/p.md", HEAD.format(title="T", summary="S", sources=bare)
    )
    translated = HEAD.format(title="T", summary="S", sources=bare).replace(
        "---\n\n##", "translation:\n  from: en\n  provenance: machine\n---\n\n##"
    )
    path = write_page(content_copy, "es/start-here/p.md", translated)
    assert not [
        p for p in check_tree(content_copy, ASSETS) if p.path == path and "sources" in p.message
    ]


def test_markup_in_a_title_is_an_error_and_markdown_in_a_summary_a_warning(content_copy):
    found = problems_of(
        content_copy,
        "en/start-here/p.md",
        title="\"<img src='/tmp/x.png'> Check-in\"",
        summary="Bring **all** papers",
    )
    assert (2, Severity.ERROR) in [(line, sev) for line, sev, msg in found if "<img" in msg]
    assert (3, Severity.WARNING) in [(line, sev) for line, sev, msg in found if "'**'" in msg]
