"""Text from content or a user's file made safe to print on a terminal."""

from __future__ import annotations

# Control characters (C0, DEL, C1) a content file could use to drive the terminal (ESC
# sequences set its title, move the cursor, hide text): printed as U+FFFD instead.
CONTROLS = dict.fromkeys((*range(32), *range(127, 160)), "\ufffd")


def safe(text: str) -> str:
    """``text`` with every control character replaced by U+FFFD."""
    return text.translate(CONTROLS)
