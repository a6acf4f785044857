"""Download slots: a cap on requests in flight per host with a minimum gap between their starts, and a cap on
requests in flight across the campaign. Requests wait here, before their timeout starts: aiohttp's own
connection-pool wait counts against the request's total timeout, so under load pages would time out unread.

When several processes crawl one campaign (`runner` shards), each has its own slots, so the per-host cap is
divided between them: a campaign site's host belongs to the process that crawls that site, which keeps all
but one place per other process; another process's site host gets one place; a host outside the campaign
(a portal many sites link to) gets an equal share in each process. The sum stays within the cap."""
from __future__ import annotations

import asyncio
import time


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

    def widen(self, places: int, delay_divisor: int) -> None:
        """Add places and shorten the gap; holders of the old places release into the same count."""
        for _ in range(places):
            self._sem.release()
        self._delay /= delay_divisor


class HostSlots:
    """All hosts' slots for one campaign. Hosts reached through --connect-to use `routed_delay`."""

    def __init__(self, per_host: int, delay: float, routed_delay: float = 0.0, total: int = 0,
                 processes: int = 1, campaign_hosts: frozenset[str] = frozenset()) -> None:
        self._per_host = max(1, per_host)
        self._total = asyncio.Semaphore(total) if total > 0 else None
        self._delay = delay
        self._routed_delay = routed_delay
        self._processes = max(1, processes)
        self._campaign_hosts = campaign_hosts
        self._owned: set[str] = set()
        self._slots: dict[str, HostSlot] = {}

    def slot(self, host: str, routed: bool) -> HostSlot:
        slot = self._slots.get(host)
        if slot is None:
            places, spread = self._share(_name(host))
            slot = HostSlot(places, (self._routed_delay if routed else self._delay) * spread)
            self._slots[host] = slot
        return slot

    def claim(self, name: str) -> None:
        """This process now crawls the campaign site on host `name`: it takes that host's larger share."""
        if self._processes == 1 or name in self._owned:
            return
        places, spread = self._share(name)
        self._owned.add(name)
        wider, _ = self._share(name)
        for key, slot in self._slots.items():
            if _name(key) == name:
                slot.widen(wider - places, spread)

    def _share(self, name: str) -> tuple[int, int]:
        """(places, delay multiplier) of a host in this process: see the module's docstring."""
        n = self._processes
        if n == 1:
            return self._per_host, 1
        if name in self._owned:
            return max(1, self._per_host - (n - 1)), 1
        if name in self._campaign_hosts:
            return 1, n
        return max(1, self._per_host // n), n

    def hold(self, host: str, routed: bool) -> "_Held":
        """`async with slots.hold(host, routed):` one place on the host, then one campaign-wide place."""
        return _Held(self.slot(host, routed), self._total)


class _Held:
    """The host's place, then a campaign-wide one (taken after it: a busy host holds no campaign-wide place).
    A plain class rather than a generator-based context manager: every request passes through it."""

    __slots__ = ("_slot", "_total")

    def __init__(self, slot: HostSlot, total: asyncio.Semaphore | None) -> None:
        self._slot, self._total = slot, total

    async def __aenter__(self) -> None:
        await self._slot.acquire()
        if self._total is not None:
            try:
                await self._total.acquire()
            except BaseException:
                self._slot.release()
                raise

    async def __aexit__(self, *exc: object) -> None:
        if self._total is not None:
            self._total.release()
        self._slot.release()


def _name(host_port: str) -> str:
    """The host name of a slot key `host:port`."""
    return host_port.rpartition(":")[0] or host_port
