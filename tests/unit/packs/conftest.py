"""What the pack tests share: three signed packs of the fixture content, and their key."""

from __future__ import annotations

from pathlib import Path

import pytest

from rightsguide.core.packs import pack
from tests.conftest import FIXTURES

V1, V2, V3 = "2026.12.01", "2026.12.02", "2026.12.03"


@pytest.fixture(scope="session")
def packs(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, Path], Path, str]:
    """Three signed packs of the fixture content (versions V1 < V2 < V3) and their key.

    (paths by version, the private key's file, the public key). Never changed by a test:
    one that needs a damaged pack writes it elsewhere.
    """
    base = tmp_path_factory.mktemp("packs")
    public = pack.keygen(base / "key.pem", base / "key.pub")
    out = {}
    for version in (V1, V2, V3):
        path = base / f"rightsguide-{version}.pack"
        pack.build(FIXTURES / "content", FIXTURES / "locales", path, version, "notes")
        pack.sign(path, base / "key.pem")
        out[version] = path
    return out, base / "key.pem", public
