from __future__ import annotations

import contextlib
import io
import json
import os
import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

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


# --- the window's options without argparse (cli.quick_gui_args) ------------------------------

_OPTION_WORDS = [*cli._GUI_VALUES, *cli._GUI_SWITCHES, "--help", "-h", "--version", "--loc"]
_VALUES = ["en", "ar", "device-care/charging", "1280x800", "640x480", "10x10", "big", "", "-x"]
_VALUES += ["a=b", "--kiosk", "/tmp/shot.png", "مرحبا"]


def _parsed(argv: list[str]) -> dict[str, object] | None:
    """What argparse makes of ``argv`` (None when it refuses it, or prints help or version)."""
    out = io.StringIO()
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
            return vars(cli.gui_parser().parse_args(argv))
    except SystemExit:
        return None


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.tuples(st.sampled_from(_OPTION_WORDS), st.sampled_from(_VALUES), st.integers(0, 2)),
        max_size=5,
    )
)
def test_quick_window_options_are_what_argparse_reads(words):
    argv: list[str] = []
    for option, value, form in words:  # --name value, --name=value, or the word alone
        argv += [option, value] if form == 0 else [f"{option}={value}"] if form == 1 else [option]
    quick = cli.quick_gui_args(argv)
    if quick is not None:  # anything it reads, argparse reads the same way
        assert vars(quick) == _parsed(argv)


@pytest.mark.parametrize(
    "argv",
    [
        [],
        ["--page", "device-care/charging", "--locale", "en", "--self-test", "/tmp/r.json"],
        ["--kiosk", "--config", "kiosk.yaml", "--locale=ar"],
        ["--screenshot", "out.png", "--size", "640x480", "--watch", "--content", "c"],
        ["--clinic", "clinic.yaml", "--probe", "p.json", "--locale", "es", "--locale", "ar"],
    ],
)
def test_the_usual_ways_to_start_the_window_need_no_parser(argv):
    quick = cli.quick_gui_args(argv)
    assert quick is not None
    assert vars(quick) == _parsed(argv)


@pytest.mark.parametrize(
    "argv", [["--help"], ["--version"], ["--loc", "en"], ["--size", "1x1"], ["--page"], ["x"]]
)
def test_help_version_abbreviations_and_mistakes_go_to_argparse(argv):
    assert cli.quick_gui_args(argv) is None


def test_quick_options_are_the_parsers_options():
    """A new window option must be added to both (or the parser would never see it)."""
    parser = cli.gui_parser()
    options = {
        action.option_strings[-1]: action.nargs == 0
        for action in parser._actions
        if action.dest not in ("help", "version")
    }
    assert options == {
        **dict.fromkeys(cli._GUI_VALUES, False),
        **dict.fromkeys(cli._GUI_SWITCHES, True),
    }
    assert vars(cli.quick_gui_args([])) == vars(parser.parse_args([]))
