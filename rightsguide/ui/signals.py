"""``emit(signal, ...)``: emit a Qt signal without PySide6 6.12.0's reference-count bug.

In PySide6 6.12.0, ``SignalInstance.emit()`` returns ``True`` without owning a reference to it,
so every emit lowers the count of Python's ``True`` by one; after a few thousand page views a
long-running kiosk would crash ("deallocating True or False"). The project pins 6.11.3, which
does not have the bug; this helper stays so that an upgrade cannot bring the crash back (on a
PySide6 without the bug, the extra reference on ``True`` is harmless).
Use it for every signal the app emits (a test checks the count stays put).
"""

from __future__ import annotations

import ctypes
from typing import Any

_incref = ctypes.pythonapi.Py_IncRef
_incref.argtypes = [ctypes.py_object]
_incref.restype = None


def emit(signal: Any, *args: Any) -> None:
    """Emit ``signal`` with ``args``, compensating for the missing reference on ``True``."""
    if signal.emit(*args) is True:
        _incref(True)
