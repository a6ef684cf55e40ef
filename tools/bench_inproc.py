"""Part of `make bench`: figures measured inside one app process (prints one JSON line)."""

from __future__ import annotations

import json
import os
import random
import sys
import tempfile
import time
from pathlib import Path

from PySide6.QtWidgets import QApplication

from rightsguide.core.content.library import ContentLibrary
from rightsguide.core.guide import Guide
from rightsguide.core.resources import data_dirs
from rightsguide.core.search.index import SHOWN, SearchIndex
from rightsguide.ui.app import build_window

QUERIES = [
    ("grillete", "es"),
    ("bateria", "es"),
    ("电池", "zh-Hans"),
    ("ankle mon", "en"),
    ("abogado gratis", "es"),
    ("شحن", "ar"),
    ("charging", "en"),
    ("ch", "en"),
    ("che", "en"),
    ("check-in", "en"),
    ("tornozeleira", "pt-BR"),
    ("batri", "ht"),
    ("батарея", "ru"),
    ("ਬੈਟਰੀ", "pa"),
    ("avocat", "fr"),
    ("lawyer free", "en"),
    ("EOIR-33", "es"),
]


def ms_since(start: float) -> float:
    """Milliseconds since ``start`` (perf_counter)."""
    return (time.perf_counter() - start) * 1000


def page_opens(app: QApplication) -> list[float]:
    """Open every page in every language in the real window."""
    guide = Guide(data_dirs())
    window, _lang = build_window(guide, "en")
    window.resize(1280, 800)
    window.show()
    app.processEvents()
    opens = []
    for loc in guide.registry.all():
        window.change_language(loc.code)
        for page_id in guide.library.page_ids("en"):
            start = time.perf_counter()
            window.open_page(page_id)
            app.processEvents()
            opens.append(ms_since(start))
    return opens


def real_searches() -> list[float]:
    """Every prefix of each query, as typed, on the bundled content."""
    guide = Guide(data_dirs())
    guide.search("warm", "en")
    times = []
    for _ in range(10):
        for query, code in QUERIES:
            for n in range(2, len(query) + 1):
                start = time.perf_counter()
                for hit in guide.search(query[:n], code)[:SHOWN]:
                    _ = hit.snippet  # what the window lists first (the rest on demand)
                times.append(ms_since(start))
    return times


def synthetic(root: Path) -> tuple[float, list[float]]:
    """Index build seconds and search times on the synthetic corpus."""
    start = time.perf_counter()
    index = SearchIndex(ContentLibrary(root))
    build = time.perf_counter() - start
    rng = random.Random(7)
    words = [
        r[0]
        for r in index._db.execute(
            "SELECT term FROM vocab WHERE length(term) > 4 ORDER BY doc DESC LIMIT 400"
        )
    ]
    times = []
    for _ in range(300):
        query = " ".join(rng.sample(words, rng.choice([1, 1, 2])))
        for n in (3, len(query)):
            start = time.perf_counter()
            for hit in index.search(query[:n], "x07")[:SHOWN]:
                _ = hit.snippet
            times.append(ms_since(start))
    return build, times


def cached_open(root: Path) -> float:
    """Seconds to open the synthetic index from the cache a previous run wrote."""
    with tempfile.TemporaryDirectory() as cache:
        SearchIndex(ContentLibrary(root), Path(cache))  # the first run builds and caches it
        start = time.perf_counter()
        index = SearchIndex(ContentLibrary(root), Path(cache))
        seconds = time.perf_counter() - start
        assert not index.built
        return seconds


def main() -> None:
    """Print the raw measurements as one JSON line."""
    app = QApplication(sys.argv[:1])
    opens = page_opens(app)
    real = real_searches()
    build, synth = synthetic(Path(sys.argv[1]))
    cached = cached_open(Path(sys.argv[1]))
    print(
        json.dumps(
            {"opens": opens, "real": real, "build": build, "synth": synth, "cached": cached}
        ),
        flush=True,
    )
    os._exit(0)  # skip teardown: PySide6 may abort while collecting module-level widgets


if __name__ == "__main__":
    main()
