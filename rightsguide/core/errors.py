"""Typed errors raised by the core. The UI and the CLI turn them into sentences."""

from __future__ import annotations

TYPE_CHECKING = False  # not typing's: `rightsguide search` imports this module (see quick.py)
if TYPE_CHECKING:
    from pathlib import Path


class RightsGuideError(Exception):
    """Base class of every error the core raises on purpose."""


class ContentError(RightsGuideError):
    """A content or configuration file is broken.

    Attributes:
        path: the file.
        line: the 1-based line the problem is on (0 when it concerns the whole file).
        message: a sentence for the person who edits the file.
    """

    def __init__(self, path: Path, line: int, message: str) -> None:
        self.path = path
        self.line = line
        self.message = message
        super().__init__(f"{self.where}: {message}")

    @property
    def where(self) -> str:
        """``file:line``, or ``file`` alone when the problem concerns the whole file."""
        return f"{self.path}:{self.line}" if self.line else str(self.path)


class RegistryError(ContentError):
    """``content/locales.yaml`` is missing or invalid."""


class PageNotFound(RightsGuideError):
    """No locale in the fallback chain has the page."""

    def __init__(self, page_id: str, locale: str) -> None:
        super().__init__(f"page {page_id!r} not found for locale {locale!r}")
        self.page_id = page_id
        self.locale = locale


class UnknownLocale(RightsGuideError):
    """The locale code is not in the registry."""

    def __init__(self, locale: str) -> None:
        super().__init__(f"unknown locale {locale!r}")
        self.locale = locale
