"""Entry point of the frozen ``rightsguide`` program (console: admin commands and the window)."""

import sys

from rightsguide.console import main

if __name__ == "__main__":
    sys.exit(main())
