from __future__ import annotations

import pytest

from rightsguide.core.content.glossary import _mentions, _prose, load
from rightsguide.core.errors import ContentError
from rightsguide.core.model import Severity
from rightsguide.core.translation.check import check_tree
from tests.conftest import ROOT, write_page

GLOSSARY = """terms:
  - term: dead battery
    use: [البطارية الفارغة, بطارية فارغة]
    also: [شحن]
  - term: guide
    use: دليل
"""


def test_load_reads_terms(tmp_path):
    path = write_page(tmp_path, "glossary.yaml", GLOSSARY)
    terms = load(path)
    assert terms[0].term == "dead battery"
    assert terms[0].use == ("البطارية الفارغة", "بطارية فارغة")
    assert terms[1].use == ("دليل",)


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("terms: [\n", 2),
        ("words: []\n", 1),
        ("terms:\n  - use: x\n", 2),
        ("terms:\n  - term: a\n    use: [1, 2]\n", 2),
    ],
)
def test_bad_glossary_names_the_line(tmp_path, text, line):
    with pytest.raises(ContentError) as err:
        load(write_page(tmp_path, "glossary.yaml", text))
    assert err.value.line == line


def test_translation_that_ignores_the_glossary_gets_a_warning(content_copy):
    write_page(content_copy, "ar/glossary.yaml", GLOSSARY.replace("use: دليل", "use: مرشد"))
    found = [p for p in check_tree(content_copy, ROOT / "assets") if "glossary" in p.message]
    assert len(found) == 1
    assert found[0].severity is Severity.WARNING
    assert "section 'what'" in found[0].message
    assert "'guide' as 'مرشد'" in found[0].message
    assert found[0].line == 19  # the heading of section 'what' in the translation


def test_broken_glossary_is_an_error(content_copy):
    write_page(content_copy, "ar/glossary.yaml", "terms: [\n")
    found = [p for p in check_tree(content_copy, ROOT / "assets") if p.path.name == "glossary.yaml"]
    assert found[0].severity is Severity.ERROR


def test_a_term_inside_a_longer_proper_name_is_not_a_mention():
    assert not _mentions("Call the National Lawyers Guild today.", "lawyers")
    assert not _mentions("The National Lawyer Guild helps.", "lawyer")
    assert _mentions("Ask a lawyer.", "lawyer")
    assert _mentions("Ask the Immigration Judge for time.", "immigration judge")
    assert _mentions("Lawyers help. Ask one.", "lawyers")  # a sentence's first word


def test_an_address_does_not_swallow_chinese_text_after_it():
    """zh-Hans your-supervision: '听证' right after an address was taken for part of it."""
    prose = _prose("网站：[ice.gov/check-in](https://www.ice.gov/check-in)。查看您的法庭听证信息。")
    assert "听证" in prose
    assert "ice.gov" not in prose


def test_parity_problems_point_at_the_heading(content_copy):
    path = content_copy / "ar/start-here/welcome.md"
    path.write_text(
        path.read_text(encoding="utf-8").replace("{#help}", "{#other}"), encoding="utf-8"
    )
    found = {
        (p.line, p.message.split(":")[0])
        for p in check_tree(content_copy, ROOT / "assets")
        if p.path == path
    }
    assert (30, "sections not in the source page (check the {#id})") in found
    assert any(m.startswith("sections missing") for _line, m in found)
