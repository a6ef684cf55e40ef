from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from rightsguide import cli
from rightsguide.core.search import quick
from tests.conftest import FRONT, write_page


def _age(root: Path, seconds: float = 60) -> None:
    """Give every file a time stamp older than the two seconds a fresh file is not trusted."""
    past = time.time() - seconds
    for path in root.rglob("*"):
        if path.is_file():
            os.utime(path, (past, past))


@pytest.fixture
def cached(content_copy, tmp_path, monkeypatch) -> list[str]:
    """Search arguments for a content folder, with the user cache in tmp_path."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    _age(content_copy)
    return ["--content", str(content_copy), "--locale", "fr"]


def test_a_second_search_is_answered_from_the_cache_with_the_same_output(cached, capsys):
    assert quick.run([*cached, "guide"]) is None  # no cache yet: the full way
    assert cli.main(["search", *cached, "guide"]) == 0
    full = capsys.readouterr().out
    assert quick.run([*cached, "guide"]) == 0
    assert capsys.readouterr().out == full
    assert full.startswith("1. [Français] Bienvenue dans le guide")
    assert cli.main(["search", *cached, "chargr"]) == 1  # nothing found: the same too
    nothing = capsys.readouterr().out
    assert quick.run([*cached, "chargr"]) == 1
    assert capsys.readouterr().out == nothing
    assert "Did you mean: charge" in nothing


def test_the_cache_answers_without_loading_the_content_library(cached, tmp_path):
    assert cli.main(["search", *cached, "guide"]) == 0
    probe = (
        "import json, sys\n"
        "from rightsguide.core.search import quick\n"
        f"status = quick.run({[*cached, 'guide']!r})\n"
        "print(json.dumps([status, sorted(m for m in ('yaml', 'markdown', 'babel', "
        "'rightsguide.core.content.library', 'PySide6') if m in sys.modules)]))\n"
    )
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")}
    done = subprocess.run(
        [sys.executable, "-c", probe], env=env, capture_output=True, text=True, check=True
    )
    status, loaded = json.loads(done.stdout.strip().splitlines()[-1])
    assert status == 0
    assert loaded == []


def test_a_changed_folder_goes_the_full_way_and_finds_the_new_text(cached, content_copy, capsys):
    assert cli.main(["search", *cached, "guide"]) == 0
    capsys.readouterr()
    write_page(
        content_copy, "fr/device-care/zebre.md", FRONT.format(title="Zèbre") + "\nUn zèbre.\n"
    )
    _age(content_copy)  # an older time stamp, but a file the record does not list
    assert quick.run([*cached, "zebre"]) is None
    assert cli.main(["search", *cached, "zebre"]) == 0
    assert "Zèbre" in capsys.readouterr().out
    assert quick.run([*cached, "zebre"]) == 0  # recorded again
    assert "Zèbre" in capsys.readouterr().out


def test_an_edit_that_keeps_the_size_and_the_time_of_day_is_still_seen(cached, content_copy):
    assert cli.main(["search", *cached, "guide"]) == 0
    page = next(content_copy.glob("fr/**/*.md"))
    text = page.read_text(encoding="utf-8")
    page.write_text(text.replace("e", "a", 1), encoding="utf-8")
    _age(content_copy, 120)  # same size, another modification time
    assert quick.run([*cached, "guide"]) is None


def test_files_changed_a_moment_ago_are_never_trusted(cached, content_copy):
    assert cli.main(["search", *cached, "guide"]) == 0
    (content_copy / "fr" / "glossary.yaml").touch()
    assert quick.folder_key(content_copy) is None
    assert quick.run([*cached, "guide"]) is None


@pytest.mark.parametrize(
    "args",
    [
        ["--help"],
        ["--no-cache", "--locale", "fr", "guide"],
        ["--locale", "fr"],
        ["guide"],
        ["--locale", "xx", "guide"],
        ["--locale", "fr", "--", "guide"],
        ["--locale"],
    ],
)
def test_what_the_cache_cannot_answer_goes_the_full_way(cached, args):
    assert cli.main(["search", *cached, "guide"]) == 0
    content = cached[:2]
    assert quick.run([*content, *args]) is None


def test_the_console_command_hands_other_commands_to_the_full_cli(monkeypatch, capsys):
    from rightsguide import console

    monkeypatch.setattr(sys, "argv", ["rightsguide", "search", "--help"])
    with pytest.raises(SystemExit) as done:
        console.main()
    assert done.value.code == 0
    assert "usage: rightsguide search" in capsys.readouterr().out
