"""The only module that knows where ``content/``, ``locales/`` and ``assets/`` live.

Order of precedence: an explicit directory given by the caller (``--content``), then the data
installed inside the package (``rightsguide/_data/...`` in a wheel), then the repository checkout.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from rightsguide.core.content.source import FILES, ContentSource

_PACKAGE_DIR = Path(__file__).resolve().parent.parent
_INSTALLED = _PACKAGE_DIR / "_data"
_CHECKOUT = _PACKAGE_DIR.parent


@dataclass(frozen=True, slots=True)
class DataDirs:
    """Where the app reads its data from."""

    content: Path
    locales: Path
    assets: Path
    source: ContentSource = field(default=FILES, compare=False)  # a signed kiosk: memory


def _default(name: str) -> Path:
    installed = _INSTALLED / name
    if installed.is_dir():
        return installed
    return _CHECKOUT / name


def cache_dir() -> Path:
    """The user cache folder (XDG_CACHE_HOME, else ~/.cache); never used in kiosk mode."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "rightsguide"


def data_dirs(content: Path | None = None) -> DataDirs:
    """Return the data directories, with ``content`` overriding the bundled content tree."""
    return DataDirs(
        content=(content if content is not None else _default("content")).resolve(),
        locales=_default("locales").resolve(),
        assets=_default("assets").resolve(),
    )
