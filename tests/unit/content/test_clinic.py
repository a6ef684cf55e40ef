from __future__ import annotations

from dataclasses import replace

import pytest

from rightsguide.core.content.clinic import PAGE_ID, load_clinic
from rightsguide.core.errors import ContentError
from rightsguide.core.guide import Guide
from tests.conftest import ROOT, write_page


def test_example_clinic_file_loads():
    clinic = load_clinic(ROOT / "examples" / "clinic.yaml")
    assert clinic.name == "Example Immigrant Legal Clinic"
    assert clinic.phone == "(555) 010-0199"
    assert "Español" in clinic.languages


@pytest.mark.parametrize(
    ("text", "line", "fragment"),
    [
        ("name: X\nwebsite: http://x.org\n", 2, "https://"),
        ("name: X\nfax: 1\n", 2, "unknown field 'fax'"),
        ("phone: 1\n", 1, "'name' is required"),
        ("name: [x\n", 1, "not valid YAML"),
        ("name: X\nlanguages: English\n", 2, "must be a list"),
    ],
)
def test_bad_clinic_file_is_a_clear_error(tmp_path, text, line, fragment):
    with pytest.raises(ContentError) as err:
        load_clinic(write_page(tmp_path, "clinic.yaml", text))
    assert err.value.line == line
    assert fragment in err.value.message


def test_clinic_page_comes_first_under_get_help_in_every_language(fixture_dirs, content_copy):
    write_page(
        content_copy,
        "en/get-help/index.md",
        (content_copy / "en/device-care/index.md").read_text(encoding="utf-8"),
    )
    clinic = load_clinic(ROOT / "examples" / "clinic.yaml")
    guide = Guide(replace(fixture_dirs, content=content_copy), clinic=clinic)
    for locale in ("en", "ar"):
        first = guide.pages(locale, "get-help")[0]
        assert first.page_id == PAGE_ID
        assert first.summary == "Example Immigrant Legal Clinic"
    shown = guide.open_page(PAGE_ID, "ar")
    assert '<html dir="rtl" lang="ar">' in shown.html
    assert "(555) 010-0199" in shown.html
    assert '<a class="external" href="https://example.org">' in shown.html
    assert guide.page_exists(PAGE_ID, "en")
    assert not Guide(fixture_dirs).page_exists(PAGE_ID, "en")
