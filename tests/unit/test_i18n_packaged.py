"""Installed catalogs: a .mo is trusted by the hash of its .po, not by file times."""

from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path

from babel.messages import mofile, pofile

from rightsguide.core import i18n
from tests.conftest import FIXTURES


def _installed(tmp_path: Path, mo_text: str) -> Path:
    """An ar catalog as an installer leaves it: the .mo written first, so older than the .po."""
    folder = tmp_path / "ar" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    shutil.copy(FIXTURES / "locales/ar/LC_MESSAGES/rightsguide.po", folder)
    with (folder / "rightsguide.po").open("rb") as fh:
        catalog = pofile.read_po(fh)
    catalog["Home"].string = mo_text
    with (folder / "rightsguide.mo").open("wb") as fh:
        mofile.write_mo(fh, catalog)
    os.utime(folder / "rightsguide.mo", (1, 1))
    return folder


def test_an_older_mo_whose_hash_matches_the_po_is_used(tmp_path):
    folder = _installed(tmp_path, "from mo")
    digest = hashlib.sha256((folder / "rightsguide.po").read_bytes()).hexdigest()
    (folder / "rightsguide.mo.sha256").write_text(digest + "\n", encoding="ascii")
    assert i18n.translator(tmp_path, "ar").gettext("Home") == "from mo"


def test_a_po_edited_after_packaging_wins_over_its_mo(tmp_path):
    folder = _installed(tmp_path, "from mo")
    (folder / "rightsguide.mo.sha256").write_text("0" * 64, encoding="ascii")
    os.utime(folder / "rightsguide.mo", None)  # even a newer .mo loses when the hash differs
    assert i18n.translator(tmp_path, "ar").gettext("Home") == "الرئيسية"


def test_without_a_hash_an_older_mo_is_not_used(tmp_path):
    _installed(tmp_path, "from mo")
    assert i18n.translator(tmp_path, "ar").gettext("Home") == "الرئيسية"
