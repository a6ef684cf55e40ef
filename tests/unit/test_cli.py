from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from rightsguide import cli
from tests.conftest import FIXTURES, FRONT, write_page


def test_check_clean_tree_exits_0(capsys):
    assert cli.main(["check", "--content", str(FIXTURES / "content")]) == 0
    assert "0 errors" in capsys.readouterr().err


def test_check_reports_file_line_message_and_exits_1(content_copy, capsys):
    write_page(content_copy, "en/start-here/bad.md", FRONT.format(title="x") + "[a](nope.md)\n")
    assert cli.main(["check", "--content", str(content_copy)]) == 1
    out = capsys.readouterr().out
    assert f"{content_copy / 'en/start-here/bad.md'}:13: error: link 'nope.md'" in out


def test_check_json(content_copy, capsys):
    write_page(content_copy, "en/start-here/bad.md", FRONT.format(title="x") + "[a](nope.md)\n")
    assert cli.main(["check", "--content", str(content_copy), "--format", "json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data["ok"] is False
    assert [p["line"] for p in data["problems"] if "nope.md" in p["message"]] == [13]


def test_render_prints_the_readers_html(capsys):
    assert (
        cli.main(
            [
                "render",
                "--content",
                str(FIXTURES / "content"),
                "--locale",
                "ar",
                "--page",
                "start-here/welcome",
            ]
        )
        == 0
    )
    out = capsys.readouterr().out
    assert out.startswith('<!DOCTYPE html><html dir="rtl" lang="ar">')
    assert "مرحبا بك في الدليل" in out


def test_render_errors_are_sentences_not_tracebacks(capsys):
    assert (
        cli.main(
            [
                "render",
                "--content",
                str(FIXTURES / "content"),
                "--locale",
                "xx",
                "--page",
                "start-here/welcome",
            ]
        )
        == 1
    )
    assert "unknown language 'xx'" in capsys.readouterr().err
    assert (
        cli.main(
            [
                "render",
                "--content",
                str(FIXTURES / "content"),
                "--locale",
                "en",
                "--page",
                "no/page",
            ]
        )
        == 1
    )
    assert "no page 'no/page'" in capsys.readouterr().err


def test_missing_content_dir_is_a_clear_error(tmp_path, capsys):
    assert cli.main(["render", "--content", str(tmp_path), "--locale", "en", "--page", "a/b"]) == 1
    assert "language registry is missing" in capsys.readouterr().err
    missing = tmp_path / "current" / "content"  # a mistyped folder, or no pack installed yet
    assert cli.main(["render", "--content", str(missing), "--locale", "en", "--page", "a/b"]) == 1
    err = capsys.readouterr().err
    assert f"{missing}: there is no content folder here" in err  # (no ":0": the whole folder)
    assert "/var/lib/rightsguide/current/content once a pack is installed" in err


def test_gui_without_display_prints_how_to_run():
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")
    }
    out = subprocess.run(
        [sys.executable, "-m", "rightsguide"], capture_output=True, text=True, env=env, timeout=60
    )
    assert out.returncode == 2
    assert "no display found" in out.stderr
    assert "Traceback" not in out.stderr


def test_usage_errors_exit_2_with_the_usage(capsys):
    with pytest.raises(SystemExit) as err:
        cli.main(["pack", "--content", str(FIXTURES / "content")])
    assert err.value.code == 2
    assert "usage: rightsguide pack" in capsys.readouterr().err


def test_search_prints_ranked_hits_reader_language_first(capsys):
    args = ["search", "--no-cache", "--content", str(FIXTURES / "content"), "--locale", "fr"]
    assert cli.main([*args, "guide"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("1. [Français] Bienvenue dans le guide")
    assert "«guide»" in lines[1]
    assert any("[English]" in line for line in lines[2:])


def test_search_nothing_found_suggests_and_exits_1(capsys):
    args = ["search", "--no-cache", "--content", str(FIXTURES / "content"), "--locale", "en"]
    assert cli.main([*args, "chargr"]) == 1
    out = capsys.readouterr().out
    assert "Nothing found for 'chargr'." in out
    assert "Did you mean: charge" in out


def test_the_window_loads_its_qt_free_modules_before_qt():
    """PySide6 reads the source of every module imported after it (start-up time)."""
    code = (
        "import sys\n"
        "from rightsguide import cli\n"
        "assert cli._load_gui() is not None\n"
        "from PySide6.support import feature\n"
        "order = list(sys.modules)\n"
        "table = feature.pyside_feature_dict\n"
        "print(order.index('yaml') < order.index('PySide6'),"
        " order.index('rightsguide.core.guide') < order.index('PySide6'),"
        " table.get('typing'), table.get('rightsguide.core.guide'),"
        " table.get('rightsguide.ui.mainwindow'))\n"
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env
    ).stdout
    # loaded before Qt: known to select no Qt feature; the window's own modules: read by PySide6
    assert out.split() == ["True", "True", "-1", "-1", "0"]


def test_check_prints_no_escape_sequence_from_a_page(content_copy, capsys):
    """A heading's text in a problem could blink, clear or retitle the translator's terminal."""
    heading = "## Heading \x1b[5mblink\x1b]0;PWNED\x07\n\nText.\n"
    write_page(content_copy, "en/start-here/bad.md", FRONT.format(title="x") + heading)
    cli.main(["check", "--content", str(content_copy)])
    out, err = capsys.readouterr()
    assert "blink" in out  # the problem is reported
    assert "\x1b" not in out + err
    assert "\x07" not in out + err


def test_an_error_message_prints_no_escape_sequence(tmp_path, capsys):
    content = tmp_path / "content"
    content.mkdir()
    registry = (
        "locales:\n"
        '  - code: "\\e]0;PWNED\\a\\e[2J"\n'  # YAML's escapes: ESC, BEL
        "    native: English\n    english: English\n    direction: sideways\n"
    )
    (content / "locales.yaml").write_text(registry, encoding="utf-8")
    assert cli.main(["search", "--content", str(content), "--locale", "en", "x"]) == 1
    err = capsys.readouterr().err
    assert "locales.yaml" in err
    assert "\x1b" not in err
    assert "\x07" not in err
