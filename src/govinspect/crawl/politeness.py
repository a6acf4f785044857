"""Per-host download slots: a cap on requests in flight per host and a minimum gap between their starts."""
from __future__ import annotations

import asyncio
import time
from contextlib import asynccontextmanager
from typing import AsyncIterator


class HostSlot:
    """One host's slot. The gap is reserved before sleeping, so waiters start one gap apart, in order."""

    __slots__ = ("_sem", "_delay", "_next_start")

    def __init__(self, concurrency: int, delay: float) -> None:
        self._sem = asyncio.Semaphore(concurrency)
        self._delay = delay
        self._next_start = 0.0

    async def acquire(self) -> None:
        await self._sem.acquire()
        if self._delay <= 0:
            return
        now = time.monotonic()
        start = max(now, self._next_start)
        self._next_start = start + self._delay
        if start > now:
            try:
                await asyncio.sleep(start - now)
            except BaseException:
                self._sem.release()
                raise

    def release(self) -> None:
        self._sem.release()


class HostSlots:
    """All hosts' slots for one campaign. Hosts reached through --connect-to use `routed_delay`."""

    def __init__(self, per_host: int, delay: float, routed_delay: float = 0.0) -> None:
        self._per_host = max(1, per_host)
        self._delay = delay
        self._routed_delay = routed_delay
        self._slots: dict[str, HostSlot] = {}

    def slot(self, host: str, routed: bool) -> HostSlot:
        slot = self._slots.get(host)
        if slot is None:
            slot = HostSlot(self._per_host, self._routed_delay if routed else self._delay)
            self._slots[host] = slot
        return slot

    @asynccontextmanager
    async def hold(self, host: str, routed: bool) -> AsyncIterator[None]:
        slot = self.slot(host, routed)
        await slot.acquire()
        try:
            yield
        finally:
            slot.release()
