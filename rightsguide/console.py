"""The ``rightsguide`` console command: ``rightsguide search`` first tries the cache alone.

Every other command, and a search the cache cannot answer, goes to :func:`rightsguide.cli.main`
(see :mod:`rightsguide.core.search.quick` for when the cache answers, with few imports).
"""

from __future__ import annotations

import sys


def main() -> int:
    """Entry point of the ``rightsguide`` console script."""
    argv = sys.argv[1:]
    if argv[:1] == ["search"]:
        from rightsguide.core.search import quick

        status = quick.run(argv[1:])
        if status is not None:
            return status
    from rightsguide import cli

    return cli.main()
