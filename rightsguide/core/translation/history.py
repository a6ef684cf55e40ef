"""What a source section said when a translation was last stamped, from git history.

When the content folder is inside a git checkout, the commits that touched the source page are
searched (newest first) for the version whose section hash equals the recorded one; that old text
is diffed against today's. Without git, or when no commit matches, the caller says so.
"""

from __future__ import annotations

import datetime as dt
import difflib
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from rightsguide.core.content import frontmatter, sections
from rightsguide.core.errors import ContentError

MAX_COMMITS = 60


@dataclass(frozen=True, slots=True)
class SectionChange:
    """How one stale section changed in the source."""

    section: str
    diff: str  # unified diff of the source text, "" when unknown
    changed_on: dt.date | None  # date of the commit that changed it, when known
    known: bool  # False: no git history, or no commit matches the recorded hash


def _git(cwd: Path, *args: str) -> str | None:
    if shutil.which("git") is None:
        return None
    try:
        done = subprocess.run(
            ["git", *args], cwd=cwd, capture_output=True, text=True, timeout=20, check=False
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    return done.stdout if done.returncode == 0 else None


def _sections_of(text: str, path: Path) -> dict[str, str]:
    yaml_text, body, _line = frontmatter.split(text.replace("\r\n", "\n"), path)
    meta = frontmatter.parse_meta(yaml_text, path)
    found = sections.split_sections(body)
    found[sections.META] = f"{meta.title}\n{meta.summary}"
    return found


def in_git(path: Path) -> bool:
    """True when ``path`` is tracked in a git checkout."""
    return _git(path.parent, "ls-files", "--error-unmatch", path.name) is not None


def changes(source_path: Path, recorded: dict[str, str], stale: list[str]) -> list[SectionChange]:
    """For each stale section id, the diff from the stamped version to the current text."""
    current = _sections_of(source_path.read_text(encoding="utf-8-sig"), source_path)
    log = _git(
        source_path.parent, "log", f"-{MAX_COMMITS}", "--format=%H %cs", "--", source_path.name
    )
    commits = [line.split() for line in (log or "").splitlines() if line.strip()]
    results = []
    for key in stale:
        newer: str | None = None
        found: SectionChange | None = None
        for sha, date in commits:
            text = _git(source_path.parent, "show", f"{sha}:./{source_path.name}")
            if text is None:
                continue
            try:
                old = _sections_of(text, source_path).get(key, "")
            except ContentError:
                continue
            if sections.digest(old) == recorded.get(key):
                diff = "\n".join(
                    difflib.unified_diff(
                        old.splitlines(),
                        current.get(key, "").splitlines(),
                        "stamped",
                        "now",
                        lineterm="",
                        n=1,
                    )
                )
                when = dt.date.fromisoformat(newer) if newer else None
                found = SectionChange(key, diff, when, known=True)
                break
            newer = date
        results.append(found or SectionChange(key, "", None, known=False))
    return results


def stamped_versions(
    source_path: Path, recorded: dict[str, str], stale: list[str]
) -> dict[str, str]:
    """For each stale section id, the whole source file as it was when the section was stamped.

    Only the sections found in the history (a commit whose section hash equals the recorded
    one) are in the result.
    """
    log = _git(source_path.parent, "log", f"-{MAX_COMMITS}", "--format=%H", "--", source_path.name)
    found: dict[str, str] = {}
    wanted = [key for key in stale if recorded.get(key)]
    for sha in (log or "").split():
        if len(found) == len(wanted):
            break
        text = _git(source_path.parent, "show", f"{sha}:./{source_path.name}")
        if text is None:
            continue
        try:
            old = _sections_of(text, source_path)
        except ContentError:
            continue
        for key in wanted:
            if key not in found and sections.digest(old.get(key, "")) == recorded[key]:
                found[key] = text.replace("\r\n", "\n")
    return found
