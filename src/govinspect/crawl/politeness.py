"""Download slots: a cap on requests in flight per host with a minimum gap between their starts, and a cap on
requests in flight across the campaign. Requests wait here, before their timeout starts: aiohttp's own
connection-pool wait counts against the request's total timeout, so under load pages would time out unread."""
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

    def __init__(self, per_host: int, delay: float, routed_delay: float = 0.0, total: int = 0) -> None:
        self._per_host = max(1, per_host)
        self._total = asyncio.Semaphore(total) if total > 0 else None
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
            if self._total is None:
                yield
                return
            async with self._total:  # taken after the host's slot: a busy host holds no campaign-wide place
                yield
        finally:
            slot.release()
