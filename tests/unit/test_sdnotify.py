from __future__ import annotations

import os
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

from rightsguide.core import sdnotify


@pytest.fixture
def manager(tmp_path: Path) -> Iterator[tuple[socket.socket, str]]:
    """A stand-in for systemd's notify socket: a Unix datagram socket in a temporary folder."""
    path = str(tmp_path / "notify")
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    sock.bind(path)
    sock.settimeout(5)
    yield sock, path
    sock.close()


def test_ready_reaches_the_service_manager(manager):
    sock, path = manager
    assert sdnotify.notify("READY=1", {"NOTIFY_SOCKET": path})
    assert sock.recv(100) == b"READY=1"


def test_abstract_socket_names_are_understood():
    name = f"rightsguide-test-{os.getpid()}"
    with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as sock:
        sock.bind("\0" + name)
        sock.settimeout(5)
        assert sdnotify.notify("WATCHDOG=1", {"NOTIFY_SOCKET": "@" + name})
        assert sock.recv(100) == b"WATCHDOG=1"


@pytest.mark.parametrize("value", ["", "relative/path", "vsock:2:1234"])
def test_nothing_is_sent_without_a_usable_socket(value):
    assert not sdnotify.notify("READY=1", {"NOTIFY_SOCKET": value} if value else {})


def test_a_manager_that_went_away_is_not_an_error(tmp_path):
    assert not sdnotify.notify("READY=1", {"NOTIFY_SOCKET": str(tmp_path / "gone")})


def test_ping_interval_is_half_the_watchdog_time_out(manager):
    _sock, path = manager
    env = {"NOTIFY_SOCKET": path, "WATCHDOG_USEC": "20000000"}
    assert sdnotify.watchdog_interval_ms(env) == 10_000
    assert sdnotify.watchdog_interval_ms({**env, "WATCHDOG_PID": str(os.getpid())}) == 10_000
    # started by the unit's main process (cage, the kiosk compositor): the child pings
    assert sdnotify.watchdog_interval_ms({**env, "WATCHDOG_PID": str(os.getppid())}) == 10_000


@pytest.mark.parametrize(
    "extra", [{"WATCHDOG_USEC": "0"}, {"WATCHDOG_USEC": "x"}, {"WATCHDOG_PID": "1"}, {}]
)
def test_no_pings_when_the_watchdog_is_not_ours(manager, extra):
    _sock, path = manager
    env = {"NOTIFY_SOCKET": path, "WATCHDOG_USEC": "20000000", **extra}
    if not extra:
        env.pop("WATCHDOG_USEC")
    assert sdnotify.watchdog_interval_ms(env) is None


def test_a_manager_that_does_not_read_never_blocks_the_caller(manager):
    """The ping runs on the event loop: a full queue drops the ping instead of waiting."""
    _sock, path = manager
    results = [sdnotify.notify("WATCHDOG=1", {"NOTIFY_SOCKET": path}) for _ in range(2000)]
    assert results[0]
    assert not all(results)  # the queue filled up (Linux keeps a few datagrams) and we went on
