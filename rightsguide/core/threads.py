"""Background threads: what they may import, and why.

The rule: **a background thread imports nothing.**

Everything a background thread runs is imported on the main thread before the thread starts:
:func:`start` imports the ``preload`` modules first, and each caller names what its thread needs
(:data:`rightsguide.core.search.index.BACKGROUND_IMPORTS` for the search index).

Why. Importing an extension module (``array``, ``_sqlite3``, ``_posixshmem``...) calls the dynamic
loader (``dlopen``) while the thread holds Python's global interpreter lock (GIL). The main thread
of the Qt application loads libraries too, at times Python does not choose: Qt plug-ins, the
text-to-speech and multimedia libraries, print support. While the loader holds its own lock for
one of those, Qt may log a message, and the app's Qt message handler is Python, so it waits for
the GIL. A background thread that holds the GIL and waits for the loader's lock, while the main
thread holds the loader's lock and waits for the GIL, is a deadlock: the window stays on screen
and never answers again (issue #17: about one kiosk start in ten froze that way, with the speech
module loading on the main thread while the search-index thread imported ``array``).

A thread that never imports never waits for the loader's lock while it holds the GIL, so that pair
cannot form, whatever the main thread loads. ``tests/unit/test_threads.py`` records every import
with an audit hook (``sys.addaudithook``, event ``import``) while the index is built in the
background, on the normal path and on the worker-process path, and fails if one happens off the
main thread. Python's own helper threads (the process pool's manager thread) are covered by the
same test, which is why the pool's modules are in the preload list too.
"""

from __future__ import annotations

import importlib
import threading
from collections.abc import Callable, Iterable


def preload(modules: Iterable[str]) -> None:
    """Import ``modules`` now, on the calling (main) thread."""
    for name in modules:
        importlib.import_module(name)


def start(target: Callable[[], object], name: str, modules: Iterable[str]) -> threading.Thread:
    """Import what ``target`` needs on this thread, then run ``target`` in a daemon thread."""
    preload(modules)
    thread = threading.Thread(target=target, name=name, daemon=True)
    thread.start()
    return thread
