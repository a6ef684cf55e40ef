"""``rightsguide --screenshot`` renders the window offscreen, saves a PNG and exits 0."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from rightsguide.core.guide import Guide
from rightsguide.core.resources import data_dirs
from tests.conftest import FIXTURES, run_app


@pytest.mark.parametrize("locale", ["en", "ar"])
def test_screenshot_writes_png_of_requested_size(tmp_path, locale, qapp):
    out = tmp_path / f"shot-{locale}.png"
    done = run_app(
        "--content",
        str(FIXTURES / "content"),
        "--locale",
        locale,
        "--page",
        "start-here/welcome",
        "--screenshot",
        str(out),
        "--size",
        "900x600",
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    image = QImage(str(out))
    assert (image.width(), image.height()) == (900, 600)
    colours = {image.pixel(x, y) for x in range(0, 900, 30) for y in range(0, 600, 30)}
    assert len(colours) > 5  # a real picture, not a blank window


def test_unknown_page_falls_back_to_home_with_a_message(tmp_path, qapp):
    out = tmp_path / "shot.png"
    done = run_app(
        "--content",
        str(FIXTURES / "content"),
        "--page",
        "no/such",
        "--screenshot",
        str(out),
    )
    assert done.returncode == 0
    assert "no page 'no/such'" in done.stderr
    assert out.is_file()


def test_export_writes_a_pdf_handout_without_a_display(tmp_path):
    import pypdf

    out = tmp_path / "handout.pdf"
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "QT_QPA_PLATFORM")}
    done = run_app(
        "export",
        "--content",
        str(FIXTURES / "content"),
        "--locale",
        "fr",
        "--page",
        "start-here/welcome",
        "--page",
        "device-care/charging",
        "--with-english",
        "--pdf",
        str(out),
        env=env,
    )
    assert done.returncode == 0, done.stderr
    reader = pypdf.PdfReader(str(out))
    text = " ".join(page.extract_text() for page in reader.pages)
    assert f"({len(reader.pages)} pages)" in done.stderr
    assert reader.metadata is not None
    assert reader.metadata.title == "Bienvenue dans le guide"
    for expected in (
        "Bienvenue dans le guide",
        "Welcome to the guide",
        "Charge every day",
        "pas des conseils juridiques",
        "example.org/source",  # the address as typed: the QR code has the https://
        "Imprimé le",
    ):
        assert expected in " ".join(text.split()), expected


def test_export_of_an_unknown_page_is_a_clear_error(tmp_path):
    done = run_app(
        "export",
        "--content",
        str(FIXTURES / "content"),
        "--locale",
        "en",
        "--page",
        "no/page",
        "--pdf",
        str(tmp_path / "x.pdf"),
    )
    assert done.returncode == 1
    assert "no page 'no/page'" in done.stderr
    assert not (tmp_path / "x.pdf").exists()


def with_cache(cache: Path) -> dict[str, str]:
    """The environment of an offscreen start with its own cache folder."""
    return {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_CACHE_HOME": str(cache)}


def test_a_self_test_report_that_cannot_be_written_fails_instead_of_hanging(tmp_path):
    blocked = tmp_path / "no-such-folder" / "report.json"
    done = run_app("--content", str(FIXTURES / "content"), "--self-test", str(blocked))
    assert done.returncode == 1
    assert f"rightsguide: could not write {blocked}" in done.stderr
    assert "Traceback" not in done.stderr


def test_started_on_a_page_the_home_screen_still_shows_every_topic(tmp_path):
    report = tmp_path / "report.json"
    args = ["--page", "device-care/charging", "--locale", "es", "--self-test", str(report)]
    done = run_app(*args, env=with_cache(tmp_path))
    assert done.returncode == 0, done.stderr
    data = json.loads(report.read_text(encoding="utf-8"))
    steps = {step["step"]: step for step in data["route"]}
    assert steps["direct"]["page_id"] == "device-care/charging"
    topics = Guide(data_dirs(), cache_dir=None).topics("es")
    assert steps["home"]["tiles"] == len(topics) > 0
    assert data["gc_enabled"]  # the garbage collector, paused for the start, runs again


@pytest.mark.parametrize(
    ("page", "locale"), [("device-care/charging", "en"), ("device-care/charging", "ar"), ("", "en")]
)
def test_the_first_screen_is_painted_before_the_qt_namespace_enums_are_built(
    tmp_path, page, locale
):
    """Building the Python enums of the ``Qt`` namespace takes ~13 ms (6 % of the start).

    Nothing the first paint of a page or of the home screen needs takes one of them (see
    ``rightsguide.ui.qtconv``); the first Qt.* used before the paint, or a call whose
    overloads take one, fails this.
    """
    report = tmp_path / "report.json"
    args = ["--locale", locale, "--self-test", str(report)] + (["--page", page] if page else [])
    done = run_app(*args, env=with_cache(tmp_path))
    assert done.returncode == 0, done.stderr
    data = json.loads(report.read_text(encoding="utf-8"))
    assert data["page_id"] == page  # ("": the home screen)
    assert data["layout_direction"] == ("rtl" if locale == "ar" else "ltr")
    assert data["qt_enums_at_paint"] is False
