"""Issue #11, 3: after a wipe, Ctrl+V, Shift+Insert and a middle click paste nothing (real X)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import FIXTURES, ROOT
from tests.e2e.test_window import pytestmark, xvfb_display  # noqa: F401 (the Xvfb fixture)


def test_clipboard_and_primary_selection_are_empty_after_a_wipe(tmp_path, xvfb_display):  # noqa: F811
    env = {k: v for k, v in os.environ.items() if k != "QT_QPA_PLATFORM"}
    env.update({"DISPLAY": xvfb_display, "QT_QPA_PLATFORM": "xcb", "HOME": str(tmp_path)})
    done = subprocess.run(
        [
            sys.executable,
            str(Path(__file__).with_name("selection_probe.py")),
            str(FIXTURES / "content"),
            str(FIXTURES / "locales"),
            str(ROOT / "assets"),
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert report["supports_selection"] is True
    assert report["before"] == {
        "clipboard": "copied by the last person",
        "selection": "selected by the last person",
    }
    assert report["search_text"] == ""
    assert report["clipboard"] == ""
    assert report["selection"] == ""
