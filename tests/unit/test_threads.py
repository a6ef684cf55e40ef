"""A background thread imports nothing (rightsguide.core.threads): the start-up deadlock's cure."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from rightsguide.core import threads
from tests.conftest import FIXTURES, ROOT

# Runs in a fresh interpreter, as the app starts: the guide is built on the main thread, then the
# search index in the background. Every import is recorded with the thread that made it.
SCRIPT = textwrap.dedent(
    """
    import json, sys, threading
    from pathlib import Path

    imports = []
    def hook(event, args):
        if event == "import" and threading.current_thread() is not threading.main_thread():
            imports.append((threading.current_thread().name, args[0]))
    sys.addaudithook(hook)

    from rightsguide.core.guide import Guide
    from rightsguide.core.resources import DataDirs
    root = Path(sys.argv[1])
    guide = Guide(DataDirs(Path(sys.argv[2]), root / "locales", root / "assets"), cache_dir=None)
    if sys.argv[3] == "workers":
        from rightsguide.core.search import index
        index.PARALLEL_MIN_PAGES, index.PARALLEL_BATCH = 0, 2
    thread = guide.prepare_search()
    thread.join()
    hits = guide.search("welcome", "en")
    print(json.dumps({"imports": imports, "hits": len(hits)}))
    """
)


@pytest.mark.parametrize("path", ["one-process", "workers"])
def test_building_the_index_in_the_background_imports_nothing_off_the_main_thread(path):
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(ROOT), str(FIXTURES / "content"), path],
        capture_output=True,
        text=True,
        timeout=100,
        cwd=ROOT,
    )
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report["hits"] > 0  # the index was really built and searched
    assert report["imports"] == [], "a background thread imported (see rightsguide.core.threads)"


def test_start_imports_before_the_thread_runs(tmp_path: Path, monkeypatch):
    (tmp_path / "rg_probe_module.py").write_text("VALUE = 1\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    seen: list[bool] = []
    thread = threads.start(
        lambda: seen.append("rg_probe_module" in sys.modules), "probe", ["rg_probe_module"]
    )
    thread.join()
    assert seen == [True]
