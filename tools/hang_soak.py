"""Start the app many times under CPU load and prove each start's event loop answers (issue #17).

    python tools/hang_soak.py [--starts 200] [--load 2] [--timeout 30] [--bin PATH]

Each start runs the installed ``rightsguide`` (or ``--bin``) in a real X window (its own Xvfb),
alternately as a kiosk and as the normal window, with the hidden ``--probe``: after the first
paint the app builds its search index in the background, loads speech, opens a page as a person
would, and must keep its event loop ticking until everything has started (rightsguide.ui.probe).
The probe prints a heartbeat every 100 ms from the event loop. When the heartbeats stop for
``--timeout`` seconds, the threads' stacks are dumped (SIGUSR1, faulthandler) into the output and
the start gets ``--grace`` seconds more: a deadlocked loop never answers again (a hang: it is
killed), while one that was only starved of CPU on a busy machine comes back (reported as a
long stall, not a hang). A start still ticking after ``--slow`` seconds without finishing is
reported as slow (the machine is too busy), not as a hang. Busy processes keep every
core loaded meanwhile. Prints one line per hang, then the totals; exits 1 if any start hung.
"""

from __future__ import annotations

import argparse
import json
import os
import select
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

STARTUP_S = 120.0  # from launch to the first heartbeat (imports, first paint) on a busy machine
BURN = "import time\nend = time.monotonic() + {seconds}\nwhile time.monotonic() < end: pass\n"


def start_xvfb() -> tuple[subprocess.Popen[bytes], str]:
    """A private X server; returns it and its display name."""
    read_fd, write_fd = os.pipe()
    proc = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write_fd), "-screen", "0", "1280x800x24", "-nolisten", "tcp"],
        pass_fds=(write_fd,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write_fd)
    with os.fdopen(read_fd) as pipe:
        number = pipe.readline().strip()  # Xvfb writes its display number once it is ready
    if not number.isdigit():
        sys.exit("hang_soak: Xvfb did not start")
    return proc, f":{number}"


def _watch(proc: subprocess.Popen[bytes], timeout: float, grace: float, slow: float) -> str:
    """Follow the heartbeats: "done" (exited), "hang" (they stopped for good) or "slow"."""
    assert proc.stdout is not None
    fd = proc.stdout.fileno()
    began = last = time.monotonic()
    dumped = ticking = finishing = False
    while True:
        ready, _w, _x = select.select([fd], [], [], 0.5)
        now = time.monotonic()
        if ready:
            chunk = os.read(fd, 4096)
            if not chunk:
                return "done"  # end of output: the process exited
            finishing = finishing or b"probe: done" in chunk  # reported; now it only exits
            if dumped:
                print(f"  (the loop answered again after {now - last:.0f} s)", flush=True)
                dumped = False
            last, ticking = now, True
        # before the first heartbeat the app is still starting: it gets STARTUP_S for that
        limit = timeout if ticking else STARTUP_S
        if finishing:
            limit = slow  # quitting: no heartbeats any more, and none are needed
        if now - last > limit and not dumped:
            proc.send_signal(signal.SIGUSR1)  # faulthandler: every thread's stack, to stderr
            dumped = True
        if now - last > limit + grace:
            return "hang"
        if now - began > slow:
            return "slow"


def one_start(
    binary: str, kiosk: bool, display: str, *, timeout: float, grace: float, slow: float
) -> tuple[str, dict | str]:
    """Run one start; ("ok", report), ("hang", stacks), ("slow", stderr) or ("fail", stderr)."""
    with tempfile.TemporaryDirectory() as home:
        report = Path(home) / "probe.json"
        env = {k: v for k, v in os.environ.items() if not k.startswith(("QT_", "XDG_"))}
        env.update({"DISPLAY": display, "QT_QPA_PLATFORM": "xcb", "HOME": home})
        cmd = [binary, *(["--kiosk"] if kiosk else []), "--locale", "en", "--probe", str(report)]
        with tempfile.TemporaryFile() as errfile:
            proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=errfile)
            verdict = _watch(proc, timeout, grace, slow)
            if verdict != "done":
                proc.kill()
            proc.wait()
            errfile.seek(0)
            err = errfile.read()
        if verdict != "done":
            return verdict, err.decode("utf-8", "replace")[-4000:]
        if proc.returncode != 0 or not report.is_file():
            why = f"exit {proc.returncode}, report {'written' if report.is_file() else 'missing'}"
            return "fail", f"{why}\n" + err.decode("utf-8", "replace")[-2000:]
        return "ok", json.loads(report.read_text(encoding="utf-8"))


def main() -> int:
    """Run the soak; the exit code says whether any start hung."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--starts", type=int, default=200)
    parser.add_argument("--load", type=int, default=os.cpu_count() or 2, help="busy processes")
    parser.add_argument(
        "--timeout", type=float, default=10.0, help="seconds without a heartbeat: a hang"
    )
    parser.add_argument(
        "--grace", type=float, default=60.0, help="more seconds for a stopped loop to come back"
    )
    parser.add_argument("--slow", type=float, default=240.0, help="seconds before 'slow'")
    parser.add_argument("--bin", default=str(Path(sys.executable).parent / "rightsguide"))
    args = parser.parse_args()
    xvfb, display = start_xvfb()
    budget = args.starts * (args.slow + 5) + 60
    burners = [
        subprocess.Popen([sys.executable, "-c", BURN.format(seconds=budget)])
        for _ in range(args.load)
    ]
    hangs = fails = slow = 0
    stalls: list[float] = []
    try:
        for i in range(args.starts):
            kiosk = i % 2 == 0
            verdict, detail = one_start(
                args.bin, kiosk, display, timeout=args.timeout, grace=args.grace, slow=args.slow
            )
            mode = "kiosk" if kiosk else "window"
            if verdict == "ok":
                assert isinstance(detail, dict)
                stalls.append(float(detail["longest_stall_ms"]))
            elif verdict == "hang":
                hangs += 1
                print(f"start {i + 1} ({mode}): HANG; stacks:\n{detail}", flush=True)
            elif verdict == "slow":
                slow += 1
                print(f"start {i + 1} ({mode}): slow (still answering)", flush=True)
            else:
                fails += 1
                print(f"start {i + 1} ({mode}): failed:\n{detail}", flush=True)
            if (i + 1) % 20 == 0:
                print(f"{i + 1} starts: {hangs} hangs, {fails} failed, {slow} slow", flush=True)
    finally:
        for proc in burners:
            proc.kill()
        xvfb.terminate()
        xvfb.wait(timeout=10)
    if stalls:
        print(
            f"longest event-loop stall: {max(stalls):.0f} ms "
            f"(median of starts {statistics.median(stalls):.0f} ms)"
        )
    print(
        f"hang soak: {args.starts} starts, {hangs} hangs, {fails} failed, {slow} slow "
        f"(load {args.load} busy processes)"
    )
    return 1 if hangs or fails else 0


if __name__ == "__main__":
    sys.exit(main())
