"""The only module that knows where ``content/``, ``locales/`` and ``assets/`` live.

Order of precedence: an explicit directory given by the caller (``--content``), then, in a frozen
program (PyInstaller), the ``data`` folder of the bundle (``sys._MEIPASS``) or next to the
executable, then the data installed inside the package (``rightsguide/_data/...`` in a wheel),
then the repository checkout. When none of them holds a folder, :class:`DataNotFound` names every
place that was looked at.

Per-user folders (only the search cache today) come from ``platformdirs``: ``$XDG_CACHE_HOME`` or
``~/.cache`` on Linux, ``%LOCALAPPDATA%`` on Windows, ``~/Library/Caches`` on macOS.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path

from rightsguide.core.content.source import FILES, ContentSource
from rightsguide.core.errors import RightsGuideError

APP_NAME = "rightsguide"
_PACKAGE_DIR = Path(__file__).resolve().parent.parent
_INSTALLED = _PACKAGE_DIR / "_data"
_CHECKOUT = _PACKAGE_DIR.parent
FROZEN_DATA = "data"  # the folder the PyInstaller spec puts content/, locales/, assets/ in


class DataNotFound(RightsGuideError):
    """A data folder is in none of the places the app looks; the message lists them."""

    def __init__(self, name: str, looked: list[Path]) -> None:
        """``name`` is content, locales or assets; ``looked`` the folders tried, in order."""
        places = "\n".join(f"  - {p}" for p in looked)
        super().__init__(
            f"the {name} folder was not found; looked in:\n{places}\n"
            "The installation is incomplete: reinstall rightsguide"
            + (", or give --content FOLDER" if name == "content" else "")
        )
        self.name = name
        self.looked = looked


@dataclass(frozen=True, slots=True)
class DataDirs:
    """Where the app reads its data from."""

    content: Path
    locales: Path
    assets: Path
    source: ContentSource = field(default=FILES, compare=False)  # a signed kiosk: memory


def data_roots() -> list[Path]:
    """The folders that may hold ``content/``, ``locales/`` and ``assets/``, best first."""
    roots: list[Path] = []
    if getattr(sys, "frozen", False):
        bundle = getattr(sys, "_MEIPASS", None)
        if bundle:
            roots.append(Path(bundle) / FROZEN_DATA)
        roots.append(Path(sys.executable).resolve().parent / FROZEN_DATA)
    roots += [_INSTALLED, _CHECKOUT]
    return list(dict.fromkeys(roots))


def _default(name: str) -> Path:
    looked = [root / name for root in data_roots()]
    for folder in looked:
        if folder.is_dir():
            return folder
    raise DataNotFound(name, looked)


def cache_dir() -> Path:
    """The user cache folder for this platform (Linux: XDG_CACHE_HOME, else ~/.cache).

    Never used in kiosk mode.
    """
    import platformdirs  # only when a cache is wanted

    return Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False))


def data_dirs(content: Path | None = None) -> DataDirs:
    """Return the data directories, with ``content`` overriding the bundled content tree.

    Raises:
        DataNotFound: a bundled folder is missing from every place the app looks.
    """
    return DataDirs(
        content=(content if content is not None else _default("content")).resolve(),
        locales=_default("locales").resolve(),
        assets=_default("assets").resolve(),
    )
