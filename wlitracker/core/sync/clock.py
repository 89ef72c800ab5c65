"""Hybrid logical clocks (Kulkarni et al., 2014): stamps close to wall time that never run
backwards on one device and order a device's edits after everything it has seen, even when
another device's clock is hours off."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass


def wall_ms() -> int:
    """Milliseconds since the epoch, by this computer's clock."""
    return time.time_ns() // 1_000_000


@dataclass(frozen=True, order=True)
class Stamp:
    """(physical ms, counter, device), compared in that order: a total order on every change."""

    ms: int
    counter: int
    device: str


class HybridClock:
    """One device's clock; ``last`` is the greatest (ms, counter) it has issued or seen."""

    def __init__(
        self, device: str, last: tuple[int, int] = (0, 0), wall: Callable[[], int] = wall_ms
    ) -> None:
        self.device = device
        self.ms, self.counter = last
        self._wall = wall

    @property
    def last(self) -> tuple[int, int]:
        return self.ms, self.counter

    def tick(self, at: int | None = None) -> Stamp:
        """A local event (an edit made at wall time ``at``, by default now)."""
        physical = self._wall() if at is None else at
        if physical > self.ms:
            self.ms, self.counter = physical, 0
        else:
            self.counter += 1
        return Stamp(self.ms, self.counter, self.device)

    def receive(self, stamp: Stamp) -> None:
        """Another device's change has been seen: later local stamps order after it."""
        physical = self._wall()
        top = max(self.ms, stamp.ms, physical)
        if top == self.ms == stamp.ms:
            self.counter = max(self.counter, stamp.counter) + 1
        elif top == self.ms:
            self.counter += 1
        elif top == stamp.ms:
            self.counter = stamp.counter + 1
        else:
            self.counter = 0
        self.ms = top
