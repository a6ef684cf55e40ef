"""The ``rightsguide`` console command: ``rightsguide search`` first tries the cache alone.

Every other command, and a search the cache cannot answer, goes to :func:`rightsguide.cli.main`
(see :mod:`rightsguide.core.search.quick` for when the cache answers, with few imports).
"""

from __future__ import annotations

import io
import os
import sys


def main() -> int:
    """Entry point of the ``rightsguide`` console script.

    A search the cache answered ends the process here, once its output is flushed (see
    :func:`_end`): call this only as the program's entry point.
    """
    argv = sys.argv[1:]
    # Text the terminal or file cannot encode (Chinese into a cp1252 console, a page title into
    # an ASCII pipe) is printed as "?", never a traceback.
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(errors="replace")
    if argv[:1] == ["search"]:
        from rightsguide.core.search import quick

        status = quick.run(argv[1:])
        if status is not None:
            _end(status)
    from rightsguide import cli

    return cli.main()


def _end(status: int) -> None:
    """Flush the output and end the process with ``status``, without tearing Python down.

    The cached search has nothing left to write or close (its index is open read-only), and
    the interpreter's shutdown (freeing every module and object) costs a new process ~3 ms,
    as much as the search. A reader that closed the pipe early is not an error (as in
    :func:`rightsguide.core.search.quick.run`).
    """
    for stream in (sys.stdout, sys.stderr):
        try:
            if stream is not None:
                stream.flush()
        except BrokenPipeError:
            pass
    os._exit(status)
