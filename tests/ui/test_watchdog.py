from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from pathlib import Path

from rightsguide.ui.watchdog import Watchdog
from tests.conftest import ROOT


def _manager(tmp_path: Path) -> tuple[socket.socket, str]:
    path = str(tmp_path / "notify")
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    sock.bind(path)
    sock.setblocking(False)
    return sock, path


def _received(sock: socket.socket) -> list[bytes]:
    out = []
    while True:
        try:
            out.append(sock.recv(100))
        except BlockingIOError:
            return out


def test_watchdog_pings_from_the_event_loop(qtbot, tmp_path, monkeypatch):
    sock, path = _manager(tmp_path)
    monkeypatch.setenv("NOTIFY_SOCKET", path)
    monkeypatch.setenv("WATCHDOG_USEC", "100000")  # ping every 50 ms
    monkeypatch.delenv("WATCHDOG_PID", raising=False)
    got: list[bytes] = []
    watchdog = Watchdog()
    watchdog.start()

    def three_pings() -> bool:
        got.extend(_received(sock))
        return got.count(b"WATCHDOG=1") >= 3

    qtbot.waitUntil(three_pings)
    assert got[0] == b"READY=1"
    sock.close()


def test_kiosk_tells_systemd_it_is_ready_and_alive(tmp_path):
    """The installed kiosk, started as the systemd unit starts it, pings its watchdog."""
    sock, path = _manager(tmp_path)
    env = {k: v for k, v in os.environ.items() if not k.startswith("XDG_")}
    env.update(
        {
            "QT_QPA_PLATFORM": "offscreen",
            "HOME": str(tmp_path),
            "NOTIFY_SOCKET": path,
            "WATCHDOG_USEC": "200000",  # ping every 100 ms
        }
    )
    probe = tmp_path / "probe.json"
    done = subprocess.run(
        [sys.executable, "-m", "rightsguide", "--kiosk", "--locale", "en", "--probe", str(probe)],
        env=env,
        capture_output=True,
        text=True,
        timeout=100,
        cwd=ROOT,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(probe.read_text(encoding="utf-8"))["ok"]
    got = _received(sock)
    sock.close()
    assert got[0] == b"READY=1"
    assert b"WATCHDOG=1" in got  # pinged from the event loop while the kiosk ran
