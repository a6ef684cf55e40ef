"""Tell the service manager (systemd) that the kiosk is up and still answering: ``sd_notify``.

The protocol is one datagram on the local socket named by ``NOTIFY_SOCKET`` (a path, or ``@name``
for Linux's abstract namespace): ``READY=1`` once the first page is on screen, then
``WATCHDOG=1`` at least every ``WATCHDOG_USEC`` microseconds. systemd kills and restarts a
service whose pings stop (``WatchdogSec=`` in the unit). Nothing is sent when the variables are
not set, so outside such a unit this does nothing at all. No library is needed: it is a Unix
datagram socket on this machine, never the network.
"""

from __future__ import annotations

import os
import socket
from collections.abc import Mapping


def _address(environ: Mapping[str, str]) -> str | None:
    path = environ.get("NOTIFY_SOCKET", "")
    if path.startswith("@"):
        return "\0" + path[1:]  # abstract namespace
    if path.startswith("/"):
        return path
    return None  # unset, or a form we do not speak (vsock): send nothing


def notify(message: str, environ: Mapping[str, str] | None = None) -> bool:
    """Send ``message`` ("READY=1", "WATCHDOG=1"...) to the service manager; False if none."""
    address = _address(os.environ if environ is None else environ)
    if address is None or not hasattr(socket, "AF_UNIX"):
        return False
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as sock:
            sock.setblocking(False)  # a busy manager must never stall the event loop
            sock.connect(address)
            sock.send(message.encode("utf-8"))
    except OSError:  # gone, or its queue is full (BlockingIOError): this ping is dropped
        return False
    return True


def watchdog_interval_ms(environ: Mapping[str, str] | None = None) -> int | None:
    """How often to ping (half the watchdog time-out), or None when no watchdog is set for us."""
    env = os.environ if environ is None else environ
    usec, pid = env.get("WATCHDOG_USEC", ""), env.get("WATCHDOG_PID", "")
    if not usec.isdigit() or int(usec) == 0 or _address(env) is None:
        return None
    # WATCHDOG_PID names the unit's main process. Under a kiosk compositor (cage) that is cage,
    # and the app is its child: the unit then says NotifyAccess=all, and the child pings.
    if pid and (not pid.isdigit() or int(pid) not in (os.getpid(), os.getppid())):
        return None  # the watchdog is meant for another process
    return max(int(usec) // 2000, 1)
