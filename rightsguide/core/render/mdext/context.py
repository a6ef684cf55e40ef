"""What the extensions need to know about the page being rendered, and what they report back."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from rightsguide.core.model import Problem, TocEntry

GUIDE_SCHEME = "guide"
ASSET_SCHEME = "asset"


@dataclass
class RenderContext:
    """Mutable per-render state shared by the extensions of one Markdown instance."""

    page_id: str
    page_path: Path
    body: str
    body_line: int
    page_exists: Callable[[str], bool]
    asset_url: Callable[[Path], str | None]
    toc: list[TocEntry] = field(default_factory=list)
    links: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    def line_of(self, needle: str) -> int:
        """The file line where ``needle`` first appears in the body (the body's start if not)."""
        for offset, line in enumerate(self.body.split("\n")):
            if needle in line:
                return self.body_line + offset
        return self.body_line

    def report(self, needle: str, message: str) -> None:
        """Record an error at the line where ``needle`` appears."""
        self.problems.append(Problem(self.page_path, self.line_of(needle), message))
