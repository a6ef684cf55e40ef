"""The exit PIN's throttle (issue #11, 4): growing waits, then a lockout; the clock is injected."""

from __future__ import annotations

from rightsguide.core.pinlock import LOCKOUT_S, LOCKOUT_TRIES, PinLock, Verdict


class Clock:
    def __init__(self) -> None:
        self.now = 50.0

    def __call__(self) -> float:
        return self.now


def test_the_right_pin_at_once_needs_no_wait():
    lock = PinLock("730519", Clock())
    assert lock.wait() is None
    assert lock.try_pin("730519") is Verdict.RIGHT


def test_each_wrong_pin_doubles_the_wait_then_locks():
    clock = Clock()
    lock = PinLock("730519", clock)
    waits = []
    for _ in range(LOCKOUT_TRIES):
        verdict = lock.try_pin("111111")
        wait = lock.wait()
        assert wait is not None
        waits.append((verdict, wait.seconds, wait.locked))
        clock.now += wait.seconds
    assert waits == [
        (Verdict.WRONG, 1, False),
        (Verdict.WRONG, 2, False),
        (Verdict.WRONG, 4, False),
        (Verdict.WRONG, 8, False),
        (Verdict.LOCKED, int(LOCKOUT_S), True),
    ]
    assert lock.try_pin("111111") is Verdict.LOCKED  # each further wrong PIN locks again


def test_the_right_pin_resets_the_count():
    clock = Clock()
    lock = PinLock("730519", clock)
    lock.try_pin("1")
    clock.now += 1
    assert lock.try_pin("730519") is Verdict.RIGHT
    assert lock.failures == 0
    assert lock.wait() is None


def test_no_pin_configured_accepts_nothing():
    lock = PinLock("", Clock())
    assert lock.try_pin("") is Verdict.WRONG
