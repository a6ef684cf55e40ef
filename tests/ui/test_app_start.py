"""What the window's start leaves until after its first paint still happens (issue #16)."""

from __future__ import annotations

from rightsguide import cli
from rightsguide.ui import app
from tests.conftest import FIXTURES


def test_the_window_caches_its_search_index_once_painted(qtbot, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    args = cli.quick_gui_args(["--content", str(FIXTURES / "content"), "--locale", "en"])
    assert args is not None
    guide, window, _config = app._setup(args)
    qtbot.addWidget(window)
    assert not (tmp_path / "cache").exists()  # nothing looked up before the first paint
    app._use_cache(guide, args)
    thread = guide.prepare_search()
    assert thread is not None
    thread.join(timeout=60)
    assert guide.search_ready
    assert len(list((tmp_path / "cache" / "rightsguide").glob("search-*.sqlite"))) == 1


def test_a_kiosk_never_gets_a_cache_folder(qtbot, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    args = cli.quick_gui_args(["--content", str(FIXTURES / "content"), "--kiosk"])
    assert args is not None
    guide, window, _config = app._setup(args)
    qtbot.addWidget(window)
    app._use_cache(guide, args)
    thread = guide.prepare_search()
    if thread is not None:
        thread.join(timeout=60)
    assert not (tmp_path / "cache").exists()
