from __future__ import annotations

import subprocess
import sys


def test_core_and_cli_import_no_qt():
    code = (
        "import rightsguide.cli, rightsguide.core.guide, rightsguide.core.translation.check; "
        "import sys; "
        "print(any(m.startswith('PySide6') for m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
