"""Stage the data folder a frozen bundle carries: content/, assets/ and locales/ with .mo files.

Usage: python tools/stage_data.py STAGE   (writes STAGE/data; make package and the Windows
build run it). Each rightsguide.mo is compiled from its .po as the app would compile it in
memory (no fuzzy entries), and rightsguide.mo.sha256 beside it holds the .po's SHA-256, so the
installed app uses the .mo whatever the file times an installer leaves (core/i18n.py).
"""

from __future__ import annotations

import hashlib
import shutil
import sys
from pathlib import Path

from babel.messages import mofile, pofile

ROOT = Path(__file__).resolve().parent.parent


def stage(out: Path) -> int:
    """Write ``out/data``; return the number of catalogs compiled."""
    data = out / "data"
    if data.exists():
        shutil.rmtree(data)
    data.mkdir(parents=True)
    for name in ("content", "assets"):
        shutil.copytree(ROOT / name, data / name, ignore=shutil.ignore_patterns("__pycache__"))
    (data / "locales").mkdir()
    shutil.copy2(ROOT / "locales" / "rightsguide.pot", data / "locales")
    count = 0
    for po in sorted((ROOT / "locales").glob("*/LC_MESSAGES/rightsguide.po")):
        folder = data / po.relative_to(ROOT).parent
        folder.mkdir(parents=True)
        shutil.copy2(po, folder)
        with po.open("rb") as fh:
            catalog = pofile.read_po(fh, abort_invalid=True)
        with (folder / "rightsguide.mo").open("wb") as fh:
            mofile.write_mo(fh, catalog, use_fuzzy=False)
        digest = hashlib.sha256(po.read_bytes()).hexdigest()
        (folder / "rightsguide.mo.sha256").write_text(digest + "\n", encoding="ascii")
        count += 1
    return count


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    print(f"staged {stage(Path(sys.argv[1]))} catalogs in {sys.argv[1]}/data")
