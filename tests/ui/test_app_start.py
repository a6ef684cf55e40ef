"""The window's start (issue #16): what waits for its first paint, and when its clock stops."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject

from rightsguide import cli
from rightsguide.ui import app
from tests.conftest import FIXTURES


class _Paints(QObject):
    """Counts the Paint events of the object it watches."""

    def __init__(self) -> None:
        super().__init__()
        self.count = 0

    def eventFilter(self, _watched: QObject, event: QEvent) -> bool:
        self.count += event.type() == QEvent.Type.Paint
        return False


def test_the_page_is_painted_when_the_start_clock_stops(qtbot):
    """make bench stops the clock in the expose callback; the floor's stops after its paint."""
    page = "start-here/welcome"
    args = cli.gui_parser().parse_args(["--content", str(FIXTURES / "content"), "--page", page])
    guide, window, _config = app._setup(args)
    qtbot.addWidget(window)
    paints = _Paints()
    window.reader.viewport().installEventFilter(paints)
    window.resize(*args.size)  # as app.main does, in its order
    app._show_first(window, guide, page, kiosk=False)
    window.show()
    seen: list[int] = []
    app._ExposeWatcher(window, lambda: seen.append(paints.count))
    qtbot.waitUntil(lambda: bool(seen))
    assert seen[0] >= 1  # the page's text was on screen before the callback ran


def test_the_window_caches_its_search_index_once_painted(qtbot, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    args = cli.gui_parser().parse_args(["--content", str(FIXTURES / "content"), "--locale", "en"])
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
    args = cli.gui_parser().parse_args(["--content", str(FIXTURES / "content"), "--kiosk"])
    guide, window, _config = app._setup(args)
    qtbot.addWidget(window)
    app._use_cache(guide, args)
    thread = guide.prepare_search()
    if thread is not None:
        thread.join(timeout=60)
    assert not (tmp_path / "cache").exists()
