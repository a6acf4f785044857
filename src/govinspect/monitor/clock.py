"""Clocks for the prober: the wall clock, a scaled clock (tests, benchmarks) and a virtual clock (simulation)."""
from __future__ import annotations

import asyncio
import time
from datetime import datetime, timedelta
from typing import Protocol


class Clock(Protocol):
    """What the scheduler needs from time. `virtual` clocks jump: the scheduler lets probes in flight
    finish before it advances them, so a simulated week runs in seconds."""

    virtual: bool

    def now(self) -> datetime: ...

    async def sleep_until(self, when: datetime) -> None: ...


class SystemClock:
    """Local wall-clock time (naive, whole seconds are what the schedule uses)."""

    virtual = False

    def now(self) -> datetime:
        return datetime.now()

    async def sleep_until(self, when: datetime) -> None:
        delay = (when - self.now()).total_seconds()
        if delay > 0:
            await asyncio.sleep(delay)


class ScaledClock:
    """Virtual time running `speed` times faster than real time from a fixed origin pair.

    Two processes given the same origins agree on the time, which is what the restart test needs.
    """

    virtual = False

    def __init__(self, virtual_origin: datetime, speed: float, real_origin: float | None = None) -> None:
        if speed <= 0:
            raise ValueError("speed must be positive")
        self.virtual_origin = virtual_origin
        self.speed = speed
        self.real_origin = time.time() if real_origin is None else real_origin

    def now(self) -> datetime:
        return self.virtual_origin + timedelta(seconds=(time.time() - self.real_origin) * self.speed)

    async def sleep_until(self, when: datetime) -> None:
        delay = (when - self.now()).total_seconds() / self.speed
        if delay > 0:
            await asyncio.sleep(delay)


class VirtualClock:
    """Discrete-event time: `sleep_until` jumps straight to the instant (never sleeps on real time)."""

    virtual = True

    def __init__(self, start: datetime) -> None:
        self._now = start

    def now(self) -> datetime:
        return self._now

    async def sleep_until(self, when: datetime) -> None:
        if when > self._now:
            self._now = when
        await asyncio.sleep(0)  # let other tasks see the new time before we go on
