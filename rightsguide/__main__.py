"""Allow ``python -m rightsguide`` (the same entry as the console script)."""

from __future__ import annotations

import sys

from rightsguide import console

sys.exit(console.main())
