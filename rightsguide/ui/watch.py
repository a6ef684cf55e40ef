"""PageWatcher: tell the window when a file the current page depends on changes (``--watch``).

Editors often save by writing a new file and renaming it over the old one, which drops the path
from QFileSystemWatcher; so the folders are watched too and every path is re-added after each
change. Bursts of events (one save can send several) are merged into one signal.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal

from rightsguide.ui.signals import emit

SETTLE_MS = 120


class PageWatcher(QObject):
    """Watches a set of files.

    Signals:
        files_changed: emitted once after one or more watched files changed.
    """

    files_changed = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        """Watch nothing yet."""
        super().__init__(parent)
        self._watcher = QFileSystemWatcher(self)
        self._files: list[Path] = []
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SETTLE_MS)
        self._timer.timeout.connect(self._settled)
        self._watcher.fileChanged.connect(self._changed)
        self._watcher.directoryChanged.connect(self._changed)

    def watch(self, files: list[Path]) -> None:
        """Watch exactly ``files`` (and their folders) from now on."""
        old = self._watcher.files() + self._watcher.directories()
        if old:
            self._watcher.removePaths(old)
        self._files = files
        self._add()

    def _add(self) -> None:
        paths = {str(f) for f in self._files if f.exists()}
        paths |= {str(f.parent) for f in self._files if f.parent.exists()}
        current = set(self._watcher.files() + self._watcher.directories())
        missing = sorted(paths - current)
        if missing:
            self._watcher.addPaths(missing)

    def _changed(self, _path: str) -> None:
        self._timer.start()

    def _settled(self) -> None:
        self._add()
        emit(self.files_changed)
