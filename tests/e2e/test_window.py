"""Launch the installed ``rightsguide`` command in a real X window under Xvfb.

``RIGHTSGUIDE_BIN=/path/to/rightsguide`` runs the same tests against another installed program,
such as the frozen bundle (``make package-test`` points it at the package installed in a chroot).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Generator, Iterator
from pathlib import Path

import pytest

from tests.conftest import FIXTURES

pytestmark = pytest.mark.skipif(shutil.which("Xvfb") is None, reason="Xvfb is not installed")


@pytest.fixture
def xvfb_display() -> Iterator[str]:
    """Start Xvfb on a free display number it picks itself (-displayfd) and stop it after."""
    yield from xvfb("1280x800")


def xvfb(size: str) -> Generator[str, None, None]:
    """An X server with one screen of ``size`` and no window manager."""
    read_fd, write_fd = os.pipe()
    proc = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write_fd), "-screen", "0", f"{size}x24", "-nolisten", "tcp"],
        pass_fds=(write_fd,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write_fd)
    with os.fdopen(read_fd) as pipe:
        number = pipe.readline().strip()  # blocks until Xvfb is ready to accept clients
    try:
        assert number.isdigit(), "Xvfb did not report a display"
        yield f":{number}"
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def installed_command() -> str:
    other = os.environ.get("RIGHTSGUIDE_BIN")
    if other:
        return other
    script = Path(sys.executable).parent / "rightsguide"
    assert script.is_file(), "the rightsguide entry point is not installed in this environment"
    return str(script)


@pytest.mark.parametrize("locale", ["ar", "en"])
def test_installed_app_opens_a_real_window(tmp_path, xvfb_display, locale):
    report_file, shot = tmp_path / "report.json", tmp_path / "shot.png"
    env = {k: v for k, v in os.environ.items() if k != "QT_QPA_PLATFORM"}
    env.update({"DISPLAY": xvfb_display, "QT_QPA_PLATFORM": "xcb", "HOME": str(tmp_path)})
    done = subprocess.run(
        [
            installed_command(),
            "--content",
            str(FIXTURES / "content"),
            "--locale",
            locale,
            "--page",
            "start-here/welcome",
            "--self-test",
            str(report_file),
            "--screenshot",
            str(shot),
            "--size",
            "1024x700",
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    if done.returncode != 0 or done.stderr:
        pytest.fail(f"exit {done.returncode}; stderr:\n{done.stderr}\nscreenshot: {shot}")
    report = json.loads(report_file.read_text(encoding="utf-8"))
    assert report["platform"] == "xcb"
    assert report["exposed"] is True
    assert report["page_id"] == "start-here/welcome"
    assert report["layout_direction"] == ("rtl" if locale == "ar" else "ltr")
    assert report["warnings"] == []
    assert report["missing_glyphs"] == ""  # every letter on screen has a bundled font
    header = shot.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = int.from_bytes(header[16:20], "big"), int.from_bytes(header[20:24], "big")
    assert (width, height) == (1024, 700)
    assert shot.stat().st_size > 20_000  # text and tiles, not an empty frame


def run_app(tmp_path: Path, display: str, *args: str) -> subprocess.CompletedProcess[str]:
    """Run the installed command on ``display`` (no window manager) and return its result."""
    env = {k: v for k, v in os.environ.items() if k != "QT_QPA_PLATFORM"}
    env.update({"DISPLAY": display, "QT_QPA_PLATFORM": "xcb", "HOME": str(tmp_path)})
    return subprocess.run(
        [installed_command(), "--content", str(FIXTURES / "content"), *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )


@pytest.mark.parametrize("locale", ["en", "ar"])
def test_text_keeps_its_size_after_navigating(tmp_path, xvfb_display, locale):
    report_file = tmp_path / "report.json"
    done = run_app(
        tmp_path,
        xvfb_display,
        *("--locale", locale, "--page", "start-here/welcome", "--self-test", str(report_file)),
    )
    assert done.returncode == 0, done.stderr
    assert not done.stderr
    route = json.loads(report_file.read_text(encoding="utf-8"))["route"]
    assert [s["step"] for s in route] == [
        "direct",
        "home",
        "topic",
        "page",
        "language",
        "language back",
    ]
    direct = route[0]["body_px"]
    assert direct >= 16
    pages = [s for s in route if s["page_id"]]
    assert len(pages) == 4
    assert {s["body_px"] for s in pages} == {direct}


@pytest.mark.parametrize("size", ["1024x600", "1280x800", "1920x1080", "1080x1920"])
def test_kiosk_fills_the_screen_without_a_window_manager(tmp_path, size):
    report_file = tmp_path / "report.json"
    display = xvfb(size)
    try:
        done = run_app(tmp_path, next(display), "--kiosk", "--self-test", str(report_file))
    finally:
        display.close()
    assert done.returncode == 0, done.stderr
    report = json.loads(report_file.read_text(encoding="utf-8"))
    width, height = (int(n) for n in size.split("x"))
    assert report["screen"] == [0, 0, width, height]
    assert report["geometry"] == [0, 0, width, height]
