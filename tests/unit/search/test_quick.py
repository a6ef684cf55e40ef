from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

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


# --- what the quick path imports ---------------------------------------------------------------

# Modules the cached search must not load: the content library and its YAML/markdown, Babel, Qt,
# and what used to cost most of a new process (dataclasses with inspect, pathlib with
# urllib.parse, platformdirs with typing, tempfile and shutil; rightsguide.core.resources).
HEAVY = (
    "yaml",
    "markdown",
    "babel",
    "PySide6",
    "rightsguide.core.content.library",
    "rightsguide.core.resources",
    "rightsguide.cli",
    "platformdirs",
    "dataclasses",
    "inspect",
    "typing",
    "pathlib",
    "urllib.parse",
    "tempfile",
    "shutil",
    "argparse",
    "hashlib",
    "logging",
)


def test_the_console_command_answers_from_the_cache_without_heavy_modules(cached, tmp_path):
    assert cli.main(["search", *cached, "guide"]) == 0
    probe = (
        "import atexit, json, os, sys\n"
        "before = set(sys.modules)\n"
        f"sys.argv = ['rightsguide', 'search', *{cached!r}, 'guide']\n"
        "def report():\n"
        "    loaded = [m for m in " + repr(HEAVY) + " if m in sys.modules and m not in before]\n"
        "    os.write(2, json.dumps(loaded).encode())\n"
        "real_exit = os._exit\n"
        "def exit_(status):\n"
        "    report()\n"
        "    real_exit(status)\n"
        "os._exit = exit_\n"
        "from rightsguide import console\n"
        "sys.exit(console.main())\n"
    )
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")}
    done = subprocess.run(
        [sys.executable, "-c", probe], env=env, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("1. [Français] Bienvenue dans le guide")
    assert json.loads(done.stderr) == []  # it ended through os._exit, with none of them


def test_the_console_command_prints_what_the_full_way_prints(cached, tmp_path, capsys):
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")}
    command = [
        sys.executable,
        "-c",
        "import sys; from rightsguide import console; sys.exit(console.main())",
    ]
    for query, status in (("guide", 0), ("chargr", 1)):
        assert cli.main(["search", *cached, query]) == status
        full = capsys.readouterr().out
        assert quick.run([*cached, query]) == status  # the cache answers (no full way below)
        capsys.readouterr()
        done = subprocess.run(
            [*command, "search", *cached, query], env=env, capture_output=True, check=False
        )
        assert (done.returncode, done.stdout.decode("utf-8"), done.stderr) == (status, full, b"")


def test_a_reader_that_closes_the_pipe_early_is_not_an_error(cached, tmp_path):
    assert cli.main(["search", *cached, "guide"]) == 0
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")}
    code = "import sys; from rightsguide import console; sys.exit(console.main())"
    reader = subprocess.Popen(
        [sys.executable, "-c", code, "search", *cached, "guide"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert reader.stdout is not None
    assert reader.stderr is not None
    reader.stdout.close()  # like `| head -0`
    assert reader.wait(timeout=60) == 0
    assert reader.stderr.read() == b""
    reader.stderr.close()


# --- the folders, found as resources and platformdirs find them --------------------------------


def test_the_content_folder_is_the_one_resources_finds(tmp_path, monkeypatch):
    from rightsguide.core.resources import data_dirs

    assert quick.content_folder(None) == str(data_dirs().content)
    (tmp_path / "real").mkdir()
    (tmp_path / "link").symlink_to(tmp_path / "real")
    monkeypatch.chdir(tmp_path)
    for folder in ("real", "./link/", str(tmp_path / "link" / ".." / "real"), "missing", ""):
        assert quick.content_folder(folder) == str(data_dirs(Path(folder)).content), folder


def test_a_frozen_program_finds_its_bundled_folders_first(tmp_path, monkeypatch):
    from rightsguide.core.resources import data_dirs

    bundle = tmp_path / "bundle"
    for name in ("content", "locales", "assets"):
        (bundle / "data" / name).mkdir(parents=True)
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", str(bundle), raising=False)
    assert quick.content_folder(None) == str(data_dirs().content) == str(bundle / "data/content")
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path / "elsewhere"))
    assert quick.content_folder(None) == str(data_dirs().content)  # the next place that has it


def test_a_missing_data_folder_goes_the_full_way(tmp_path, monkeypatch):
    from rightsguide.core import resources

    (tmp_path / "content").mkdir()
    (tmp_path / "locales").mkdir()  # no assets/
    monkeypatch.setattr(resources, "data_roots", lambda: [tmp_path])
    monkeypatch.setattr(quick, "_data_roots", lambda: [str(tmp_path)])
    with pytest.raises(resources.DataNotFound):
        resources.data_dirs()
    assert quick.content_folder(None) is None
    (tmp_path / "assets").mkdir()
    assert quick.content_folder(None) == str(resources.data_dirs().content)


_HOMES = [
    {"HOME": "/home/reader"},
    {"HOME": "/home/reader", "XDG_CACHE_HOME": "/var/cache/reader"},
    {"HOME": "/home/reader", "XDG_CACHE_HOME": "/var//cache/reader/"},
    {"HOME": "/home/reader", "XDG_CACHE_HOME": "relative/cache"},  # not absolute: ignored
    {"HOME": "/home/reader", "XDG_CACHE_HOME": ""},
    {"HOME": "/home/reader", "XDG_CACHE_HOME": "  "},
]


@pytest.mark.parametrize("env", _HOMES)
@pytest.mark.parametrize("platform", ["linux", "darwin"])
def test_the_cache_folder_is_platformdirs_one_on_linux_and_macos(env, platform, monkeypatch):
    from platformdirs.macos import MacOS
    from platformdirs.unix import Unix

    for name in ("XDG_CACHE_HOME", "ANDROID_DATA", "ANDROID_ROOT"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setattr(sys, "platform", platform)
    kind = Unix if platform == "linux" else MacOS
    expected = kind("rightsguide", appauthor=False).user_cache_dir
    assert quick.user_cache_dir() == str(Path(expected))  # resources.cache_dir() is a Path


def test_the_cache_folder_here_is_resources_one():
    from rightsguide.core.resources import cache_dir

    assert quick.user_cache_dir() == str(cache_dir())


@pytest.mark.parametrize(
    ("platform", "env"),
    [
        ("win32", {"LOCALAPPDATA": "C:\\Users\\reader\\AppData\\Local"}),
        ("linux", {"ANDROID_DATA": "/data", "ANDROID_ROOT": "/system"}),
        ("linux", {"HOME": "relative"}),
        ("darwin", {"HOME": ""}),
        ("ios", {}),
        ("freebsd14", {}),
    ],
)
def test_elsewhere_platformdirs_answers(platform, env, monkeypatch):
    from rightsguide.core import resources

    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setattr(sys, "platform", platform)
    monkeypatch.setattr(resources, "cache_dir", lambda: Path("/from/platformdirs"))
    assert quick.user_cache_dir() == str(Path("/from/platformdirs"))


_PATHS = st.lists(
    st.sampled_from(["", ".", "..", "a b", "%", "#?", "é", "电池", "x\udcff", "~_.-", ":;@&="])
    | st.text(st.characters(exclude_categories=["Cs"], exclude_characters="/\0"), max_size=8),
    max_size=6,
).map("/".join)


@given(_PATHS)
def test_paths_are_written_as_pathlib_writes_them(path):
    for variant in (path, "/" + path, "//" + path, "///" + path):
        assert quick._posix_path(variant) == str(Path(variant))


@given(_PATHS)
def test_the_index_file_uri_is_pathlib_uri(path):
    absolute = quick._posix_path("/" + path)
    assert quick.file_uri(absolute) == Path(absolute).as_uri()
    with pytest.raises(ValueError, match="relative"):
        quick.file_uri("relative/" + path)


# --- real content: the cache's answers are the full way's, byte for byte ------------------------

REAL_QUERIES = [
    ("en", "charging"),
    ("en", "lawyer free"),
    ("en", "chargr"),  # nothing found, with a suggestion
    ("en", "xyzzy"),  # nothing found, no suggestion
    ("en", "grillete"),  # another language's word
    ("es", "bateria"),
    ("es", "abogdo"),
    ("fr", "avocat"),
    ("pt-BR", "tornozeleira"),
    ("ht", "avoka"),
    ("ar", "مُحَامِي"),  # with harakat
    ("zh-Hans", "没电了"),
    ("ru", "батарея"),
    ("pa", "ਵਕੀਲ"),
]


def test_on_the_real_content_the_cache_prints_what_the_full_way_prints(
    tmp_path, monkeypatch, capsys
):
    from rightsguide.core.resources import data_dirs

    content = tmp_path / "content"
    shutil.copytree(data_dirs().content, content)
    _age(content)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    folder = ["--content", str(content)]
    seen = []
    for locale, query in REAL_QUERIES:
        args = [*folder, "--locale", locale, *query.split()]
        status = cli.main(["search", *args])
        full = capsys.readouterr().out
        assert quick.run(args) == status, (locale, query)
        assert capsys.readouterr().out == full, (locale, query)
        seen.append((status, "Did you mean:" in full))
    assert set(seen) == {(0, False), (1, True), (1, False)}  # hits; suggestions; neither


def test_control_characters_from_content_never_reach_the_terminal(
    content_copy, tmp_path, monkeypatch, capsys
):
    write_page(
        content_copy,
        "en/device-care/escape.md",
        FRONT.format(title='"Evil\\e]0;owned\\a title"')
        + "\nqzescape \x1b[2J\x1b[8m hidden \x9b31m text.\n",
    )
    _age(content_copy)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    args = ["--content", str(content_copy), "--locale", "en", "qzescape"]
    assert cli.main(["search", *args]) == 0  # the full way
    full = capsys.readouterr().out
    assert quick.run(args) == 0  # and from the cache
    assert capsys.readouterr().out == full
    assert "Evil\ufffd]0;owned\ufffd title" in full
    assert "\ufffd[2J" in full
    assert not any((ord(c) < 32 and c != "\n") or 127 <= ord(c) < 160 for c in full)


# --- found by an attacker's pass (December 2026) ------------------------------------------------


def test_a_copy_that_keeps_size_and_time_is_still_seen(cached, content_copy, capsys):
    """`cp -p`, `rsync -a`, `tar x` and `touch -d` keep both; the inode or status time does not."""
    assert cli.main(["search", *cached, "guide"]) == 0
    capsys.readouterr()
    page = content_copy / "fr" / "start-here" / "welcome.md"
    before = page.stat()
    text = page.read_text(encoding="utf-8")
    assert "guide" in text
    page.write_text(text.replace("guide", "zzqwx"), encoding="utf-8")  # the same size
    os.utime(page, ns=(before.st_atime_ns, before.st_mtime_ns))  # and the same time
    assert page.stat().st_size == before.st_size
    assert quick.run([*cached, "zzqwx"]) is None  # not from the old record
    assert cli.main(["search", *cached, "zzqwx"]) == 0  # nor from the old index
    assert "Bienvenue" in capsys.readouterr().out


def test_words_then_an_option_then_words_go_the_full_way(cached):
    """argparse refuses them; the cache must not answer what the full way refuses."""
    assert cli.main(["search", *cached, "guide"]) == 0
    content, locale = cached[:2], cached[2:]
    assert quick.run([*locale, "guide", *content, "charge"]) is None
    assert quick.run([*content, *locale, "guide"]) == 0  # options first: answered


def test_a_damaged_cached_index_is_built_again_not_a_traceback(cached, tmp_path, capsys):
    assert cli.main(["search", *cached, "guide"]) == 0
    good = capsys.readouterr().out
    (index_file,) = (tmp_path / "cache" / "rightsguide").glob("search-*.sqlite")
    data = bytearray(index_file.read_bytes())
    data[8192:] = b"\xa5" * (len(data) - 8192)  # a bad disk: all but its first pages garbage
    index_file.write_bytes(bytes(data))
    assert quick.run([*cached, "guide"]) in (None, 0)  # never an exception
    capsys.readouterr()
    assert cli.main(["search", *cached, "guide"]) == 0
    assert capsys.readouterr().out == good
    assert cli.main(["search", *cached, "guide"]) == 0  # and it is cached whole again
    assert capsys.readouterr().out == good
    assert quick.run([*cached, "guide"]) == 0
    assert capsys.readouterr().out == good


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX: a FIFO")
def test_a_fifo_where_the_index_was_does_not_hang_the_search(cached, tmp_path, capsys):
    assert cli.main(["search", *cached, "guide"]) == 0
    good = capsys.readouterr().out
    (index_file,) = (tmp_path / "cache" / "rightsguide").glob("search-*.sqlite")
    index_file.unlink()
    os.mkfifo(index_file)  # opening it to read would wait for a writer for ever
    assert quick.run([*cached, "guide"]) is None
    assert cli.main(["search", *cached, "guide"]) == 0
    assert capsys.readouterr().out == good


def test_a_link_planted_where_a_record_is_written_is_not_followed(cached, tmp_path):
    assert cli.main(["search", *cached, "guide"]) == 0
    cache = tmp_path / "cache" / "rightsguide"
    (record,) = cache.glob("quick-*")
    record.unlink()
    victim = tmp_path / "victim.txt"
    victim.write_text("mine", encoding="utf-8")
    for name in (f"{record.name}.tmp", *(f"{p.name}.tmp" for p in cache.glob("stat-*"))):
        (cache / name).symlink_to(victim)  # the names the writes used to go through
    assert cli.main(["search", *cached, "guide"]) == 0
    assert victim.read_text(encoding="utf-8") == "mine"
    assert record.is_file()
    assert not record.is_symlink()


@pytest.mark.parametrize(
    ("encoding", "locale", "query"), [("ascii", "en", "charging"), ("cp1252", "zh-Hans", "充电")]
)
def test_output_the_terminal_cannot_encode_is_replaced_not_a_traceback(
    tmp_path, encoding, locale, query
):
    """Chinese into a cp1252 console, "›" into an ASCII pipe (the bundled content)."""
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache"), "PYTHONIOENCODING": encoding}
    command = [sys.executable, "-m", "rightsguide", "search", "--locale", locale, query]
    for _ in range(2):  # the full way, then the cache
        done = subprocess.run(command, env=env, capture_output=True, check=False)
        assert b"Traceback" not in done.stderr
        assert done.returncode == 0, done.stderr
        assert done.stdout.startswith(b"1. [")
        assert b"?" in done.stdout  # for what it cannot encode
