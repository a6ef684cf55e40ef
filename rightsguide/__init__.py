"""rightsguide: an offline guide for people under ICE's Alternatives to Detention."""

from __future__ import annotations

import sys

if "--kiosk" in sys.argv[1:]:  # first thing: a kiosk writes nothing, not even bytecode caches
    sys.dont_write_bytecode = True

__version__ = "0.1.0"
