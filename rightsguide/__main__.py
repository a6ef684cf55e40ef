"""Allow ``python -m rightsguide``."""

from __future__ import annotations

import sys

from rightsguide import cli

sys.exit(cli.main())
