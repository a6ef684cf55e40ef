"""The windowed program (Windows' rightsguide-gui.exe has no stderr) and missing system libraries.

Both are exercised on Linux: sys.stderr and sys.stdout are set to None as on Windows, and the
ImportError a missing libGL raises is simulated.
"""

from __future__ import annotations

import builtins
import sys

import pytest

import rightsguide
from rightsguide import cli
from tests.conftest import FIXTURES


@pytest.fixture
def no_console(monkeypatch):
    """What the message box was asked to show."""
    shown: list[str] = []
    monkeypatch.setattr(cli, "_show_error_box", shown.append)
    return shown


def gui_main_without_console() -> int:
    """``gui_main`` with sys.stderr and sys.stdout None, as for pythonw.exe on Windows.

    Set here, not in a fixture: pytest puts its own streams back after fixtures run.
    """
    saved = sys.stdout, sys.stderr
    sys.stdout = sys.stderr = None
    try:
        return cli.gui_main()
    finally:
        sys.stdout, sys.stderr = saved


def test_a_bad_option_reaches_the_person_in_a_message_box(no_console, monkeypatch):
    monkeypatch.setattr(sys, "argv", ["rightsguide-gui", "--size", "huge"])
    assert gui_main_without_console() == 2
    assert len(no_console) == 1
    assert "size must look like 1280x800" in no_console[0]


def test_an_error_message_reaches_the_person(no_console, monkeypatch):
    argv = ["rightsguide-gui", "render", "--content", str(FIXTURES / "content")]
    monkeypatch.setattr(sys, "argv", [*argv, "--locale", "xx", "--page", "start-here/welcome"])
    assert gui_main_without_console() == 1
    assert no_console == ["rightsguide: unknown language 'xx'; see content/locales.yaml"]


def test_a_crash_shows_its_traceback(no_console, monkeypatch):
    def crash(argv=None):
        raise RuntimeError("something broke")

    monkeypatch.setattr(cli, "main", crash)
    assert gui_main_without_console() == 1
    assert "RuntimeError: something broke" in no_console[0]
    assert "Traceback" in no_console[0]


def test_version_is_shown_too(no_console, monkeypatch):
    monkeypatch.setattr(sys, "argv", ["rightsguide-gui", "--version"])
    assert gui_main_without_console() == 0
    assert no_console == [f"rightsguide {rightsguide.__version__}"]


def test_a_clean_run_shows_nothing(no_console, monkeypatch):
    monkeypatch.setattr(cli, "main", lambda argv=None: 0)
    assert gui_main_without_console() == 0
    assert no_console == []


def test_the_collected_text_stays_bounded():
    tail = cli._Tail(limit=100)
    for n in range(1000):
        tail.write(f"line {n}\n")
    assert len(tail.getvalue()) <= 100
    assert tail.getvalue().endswith("line 999\n")


@pytest.fixture
def no_libgl(monkeypatch):
    """Importing the window fails as it does on a machine without libGL."""
    real_import = builtins.__import__

    def fake_import(name, globals=None, locals=None, fromlist=(), level=0):
        if name == "rightsguide.ui" and fromlist and "app" in fromlist:
            raise ImportError(
                "libGL.so.1: cannot open shared object file: No such file or directory"
            )
        return real_import(name, globals, locals, fromlist, level)

    monkeypatch.setattr(builtins, "__import__", fake_import)
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")


@pytest.mark.parametrize(
    "argv",
    [["--screenshot", "x.png"], ["export", "--locale", "en", "--page", "x", "--pdf", "x.pdf"]],
)
def test_missing_libgl_prints_the_apt_get_line(no_libgl, capsys, argv):
    assert cli.main(argv) == 2
    err = capsys.readouterr().err
    assert "the system library libGL.so.1 is missing" in err
    assert "sudo apt-get install -y libgl1" in err
    assert "Traceback" not in err


def test_other_import_errors_are_not_hidden():
    assert cli.missing_library_message(ImportError("No module named 'PySide6'")) is None
