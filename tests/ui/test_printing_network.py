"""Issue #11, 5: no print-service connection until Print is pressed; none in a kiosk by default.

A fake print service listens on a loopback port chosen by the system, and ``CUPS_SERVER``
points the app at it; it counts connections (and closes each at once, so nothing waits on it).
"""

from __future__ import annotations

import os
import select
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, ROOT, run_app, write_page


class FakePrintService:
    """A TCP listener on 127.0.0.1 that counts connections."""

    def __init__(self) -> None:
        self.server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.server.bind(("127.0.0.1", 0))
        self.server.listen(64)
        self.port = self.server.getsockname()[1]
        self.connections = 0
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def _serve(self) -> None:
        while not self._stop.is_set():
            ready, _, _ = select.select([self.server], [], [], 0.05)
            if ready:
                self._accept_one()

    def _accept_one(self) -> None:
        with self._lock:
            conn, _addr = self.server.accept()
            conn.close()
            self.connections += 1

    def count(self) -> int:
        """Connections so far, including any still waiting in the listen queue."""
        with self._lock:
            while select.select([self.server], [], [], 0)[0]:
                conn, _addr = self.server.accept()
                conn.close()
                self.connections += 1
            return self.connections

    def close(self) -> int:
        """Stop listening; the number of connections there were."""
        if not self._stop.is_set():
            self._stop.set()
            self._thread.join(timeout=5)
            self.count()
            self.server.close()
        return self.connections


@pytest.fixture
def print_service() -> Iterator[FakePrintService]:
    service = FakePrintService()
    yield service
    service.close()


def app_env(service: FakePrintService) -> dict[str, str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    env["CUPS_SERVER"] = f"127.0.0.1:{service.port}"
    return env


def start(service: FakePrintService, tmp_path: Path, *extra: str) -> None:
    done = run_app(
        "--content",
        str(FIXTURES / "content"),
        "--page",
        "start-here/welcome",
        "--screenshot",
        str(tmp_path / "s.png"),
        *extra,
        env=app_env(service),
    )
    assert done.returncode == 0, done.stderr


def test_the_normal_window_does_not_contact_the_print_service_at_start(print_service, tmp_path):
    start(print_service, tmp_path)
    assert print_service.close() == 0


def test_a_kiosk_does_not_contact_the_print_service(print_service, tmp_path):
    start(print_service, tmp_path, "--kiosk")
    assert print_service.close() == 0


def test_a_kiosk_with_printing_does_not_contact_it_at_start(print_service, tmp_path):
    config = write_page(tmp_path, "kiosk.yaml", 'printing: true\nexit_pin: "730519"\n')
    start(print_service, tmp_path, "--kiosk", "--config", str(config))
    assert print_service.close() == 0


def test_pressing_print_is_the_first_contact(print_service):
    command = [
        sys.executable,
        str(Path(__file__).with_name("print_probe.py")),
        str(FIXTURES / "content"),
        str(FIXTURES / "locales"),
        str(ROOT / "assets"),
    ]
    with subprocess.Popen(
        command,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=app_env(print_service),
    ) as probe:
        assert probe.stdout is not None
        assert probe.stdin is not None
        try:
            assert probe.stdout.readline().strip() == "ready"
            before = print_service.count()
            _out, err = probe.communicate("print\n", timeout=60)
        finally:
            if probe.poll() is None:
                probe.kill()
    assert probe.returncode == 0, err
    assert before == 0
    assert print_service.close() > 0  # the print dialog asked the (fake) print service
