"""Entry point of the frozen ``rightsguide-gui`` program (Windows: no console window)."""

import sys

from rightsguide.cli import gui_main

if __name__ == "__main__":
    sys.exit(gui_main())
