"""Root test configuration. No Qt import here: unit and content tests run without Qt.

- Every test lives in one of the four layer folders and gets that folder's marker.
- A test fails on any log record at WARNING or above, unless marked ``allow_log_warnings``.
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from rightsguide.core.resources import DataDirs

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent
FIXTURES = TESTS / "fixtures"
LAYERS = ("unit", "content", "ui", "e2e")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        layer = Path(str(item.fspath)).relative_to(TESTS).parts[0]
        if layer not in LAYERS:
            raise pytest.UsageError(f"{item.nodeid}: tests must live in one of {LAYERS}")
        item.add_marker(getattr(pytest.mark, layer))


@pytest.fixture(autouse=True)
def own_state_folder(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each test has its own user state folder (translate import's journal), never the user's."""
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path_factory.mktemp("state")))


@pytest.fixture(autouse=True)
def fail_on_log_warnings(
    request: pytest.FixtureRequest, caplog: pytest.LogCaptureFixture
) -> Iterator[None]:
    caplog.set_level(logging.WARNING)
    yield
    if request.node.get_closest_marker("allow_log_warnings"):
        return
    bad = [r for r in caplog.get_records("call") if r.levelno >= logging.WARNING]
    if bad:
        pytest.fail("unexpected log records:\n" + "\n".join(r.getMessage() for r in bad))


@pytest.fixture
def fixture_dirs() -> DataDirs:
    """The small fixture content tree, fixture UI catalogs, and the real assets."""
    return DataDirs(FIXTURES / "content", FIXTURES / "locales", ROOT / "assets")


@pytest.fixture
def content_copy(tmp_path: Path) -> Path:
    """A writable copy of the fixture content tree."""
    target = tmp_path / "content"
    shutil.copytree(FIXTURES / "content", target)
    return target


def write_page(root: Path, rel: str, text: str) -> Path:
    """Write ``text`` to ``root/rel`` (creating folders) and return the path."""
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def publish(content: Path, date: str = "2026-03-10") -> None:
    """Give a copy of the fixture tree version 2026.03, published on ``date``."""
    registry = content / "locales.yaml"
    text = registry.read_text(encoding="utf-8").replace("published: 2026-11-01\n", "")
    registry.write_text(f"version: '2026.03'\npublished: {date}\n{text}", encoding="utf-8")


FRONT = """---
title: {title}
summary: A test page.
order: 5
reviewed:
  on: 2026-11-01
  by: test editors
  level: editorial
sources:
  - title: Example
    url: https://example.org/
---
"""


OFFSCREEN = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}


def run_app(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """``python -m rightsguide ARGS`` in a new process, offscreen unless ``env`` says otherwise.

    Its output is captured; it is stopped after 120 s.
    """
    return subprocess.run(
        [sys.executable, "-m", "rightsguide", *args],
        capture_output=True,
        text=True,
        env=OFFSCREEN if env is None else env,
        timeout=120,
    )


def start_kiosk(
    config: Path, screenshot: Path, content: Path = FIXTURES / "content"
) -> subprocess.CompletedProcess[str]:
    """Start a kiosk with ``config`` on ``content``, asking for a screenshot."""
    return run_app(
        "--kiosk",
        "--config",
        str(config),
        "--content",
        str(content),
        "--screenshot",
        str(screenshot),
    )
