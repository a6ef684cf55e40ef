"""``emit(signal, ...)``: emit a Qt signal without PySide6 6.12.0's reference-count bug.

In PySide6 6.12.0, ``SignalInstance.emit()`` returns ``True`` without owning a reference to it,
so every emit lowers the count of Python's ``True`` by one; after a few thousand page views a
long-running kiosk would crash ("deallocating True or False"). The project pins 6.11.3, which
does not have the bug; this helper stays so that an upgrade cannot bring the crash back (on a
PySide6 without the bug, the extra reference on ``True`` is harmless).
Use it for every signal the app emits (a test checks the count stays put).

The compensation (``ctypes``, about 2 ms of the window's start) is loaded only for a PySide6
from 6.12 on; the versions before 6.12 never had the bug.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import PySide6

FIRST_AFFECTED = (6, 12)  # the first PySide6 release with the missing reference


def _compensation(version: tuple[Any, ...]) -> Callable[[object], None] | None:
    """``Py_IncRef`` for a PySide6 ``version`` that may have the bug, else None."""
    if tuple(version[:2]) < FIRST_AFFECTED:
        return None
    import ctypes

    incref = ctypes.pythonapi.Py_IncRef
    incref.argtypes = [ctypes.py_object]
    incref.restype = None
    return incref


_incref = _compensation(PySide6.__version_info__)


def emit(signal: Any, *args: Any) -> None:
    """Emit ``signal`` with ``args``, compensating for the missing reference on ``True``."""
    if signal.emit(*args) is True and _incref is not None:
        _incref(True)
