"""The administrator PIN's throttle: each wrong PIN makes the next try wait longer.

After a wrong PIN the next try waits 1, 2, 4, 8... seconds (at most :data:`MAX_DELAY_S`); after
:data:`LOCKOUT_TRIES` wrong PINs in a row no PIN is taken for :data:`LOCKOUT_S`, and each
further wrong PIN locks again (one try per lockout) until the right one is typed. The count is
not reset by Quick exit or the idle reset (it is not about the person reading, and wiping it
would let anyone reset it), only by the right PIN. Time comes from an injectable clock.
"""

from __future__ import annotations

import hmac
import time
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum

FIRST_DELAY_S = 1.0
MAX_DELAY_S = 60.0
LOCKOUT_TRIES = 5
LOCKOUT_S = 300.0


class Verdict(Enum):
    """What happened to a PIN that was typed."""

    RIGHT = "right"
    WRONG = "wrong"
    LOCKED = "locked"  # wrong, and this was the last try before the lockout


@dataclass(frozen=True, slots=True)
class Wait:
    """The kiosk does not take a PIN now: ``seconds`` left; ``locked``: after too many tries."""

    seconds: int
    locked: bool


class PinLock:
    """Compares PINs in constant time, and throttles wrong ones."""

    def __init__(self, pin: str, clock: Callable[[], float] = time.monotonic) -> None:
        """``pin``: the configured exit PIN ("" means the kiosk cannot be closed)."""
        self._pin, self._clock = pin, clock
        self.failures = 0
        self._until = 0.0
        self._locked = False

    def wait(self) -> Wait | None:
        """None when a PIN may be typed now, else how long to wait."""
        left = self._until - self._clock()
        if left <= 0:
            return None
        return Wait(max(1, int(left + 0.999)), self._locked)

    def delay_after(self, failures: int) -> float:
        """The wait after ``failures`` wrong PINs in a row."""
        if failures >= LOCKOUT_TRIES:
            return LOCKOUT_S
        return min(MAX_DELAY_S, FIRST_DELAY_S * 2.0 ** (failures - 1))

    def try_pin(self, typed: str) -> Verdict:
        """Check ``typed``; call only when :meth:`wait` is None."""
        if self._pin and hmac.compare_digest(typed.encode(), self._pin.encode()):
            self.failures, self._until, self._locked = 0, 0.0, False
            return Verdict.RIGHT
        self.failures += 1
        self._locked = self.failures >= LOCKOUT_TRIES
        self._until = self._clock() + self.delay_after(self.failures)
        return Verdict.LOCKED if self._locked else Verdict.WRONG
