"""`Monitor`: the asyncio probe scheduler (spec W-V2). Steps, in order:

1. On start, every slot of a known site that passed while no monitor ran is recorded as `missed`.
2. Each site's next slot waits in one heap; at its instant the site is probed (one probe per host at a time).
3. A failed attempt is tried once more after `retry_delay`; only a second failure is recorded as `failed`.
4. Each outcome is written at once (idempotent on (site, slot)), so `kill -9` loses only probes in flight,
   and those become `missed` at the next start.
Virtual clocks jump from event to event after the probes in flight have finished.
"""
from __future__ import annotations

import asyncio
import heapq
import logging
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, Literal, Protocol

from ..store.db import Store
from .clock import Clock
from .prober import Attempt, Prober, host_of
from .schedule import next_slot, slots_between

log = logging.getLogger(__name__)
SECOND = timedelta(seconds=1)


@dataclass(frozen=True, slots=True)
class MonitorSettings:
    per_day: int = 24  # probes per site and day (spec: at least 20)
    timeout: float = 15.0  # seconds after which a home page not yet open is a failed attempt (spec: 15)
    retry_delay: float = 30.0  # seconds (on the monitor's clock) before a failed attempt is confirmed
    concurrency: int = 64  # probes in flight across all sites
    lookback_days: int = 14  # how far back missed slots are filled in at start
    flush_every: int = 500  # rows buffered between writes on a virtual clock (wall clocks write each probe)


@dataclass(frozen=True, slots=True)
class Target:
    """One site to probe: its store row id, schedule key (the site id code) and home page."""

    site_id: int
    key: str
    url: str

    @property
    def host(self) -> str:
        return host_of(self.url)


class Schedule(Protocol):
    def next(self, key: str, after: datetime) -> datetime: ...

    def between(self, key: str, start: datetime, end: datetime) -> list[datetime]: ...


@dataclass(frozen=True, slots=True)
class DailySchedule:
    """The spec's schedule: `per_day` evenly spaced slots a day with a per-(site, day) jitter."""

    per_day: int

    def next(self, key: str, after: datetime) -> datetime:
        return next_slot(key, after, self.per_day)

    def between(self, key: str, start: datetime, end: datetime) -> list[datetime]:
        return list(slots_between(key, start, end, self.per_day))


@dataclass(order=True, slots=True)
class _Event:
    when: datetime
    seq: int
    kind: Literal["probe", "confirm"] = field(compare=False)
    target: Target = field(compare=False)
    slot: datetime = field(compare=False)
    first: Attempt | None = field(default=None, compare=False)


@dataclass(slots=True)
class RunStats:
    probes: int = 0
    failed: int = 0
    retried: int = 0
    missed: int = 0


class Monitor:
    """Probes `targets` on `schedule` with `clock`, recording every slot in `store`."""

    def __init__(self, store: Store, targets: list[Target], prober: Prober, clock: Clock,
                 settings: MonitorSettings = MonitorSettings(), schedule: Schedule | None = None) -> None:
        self.store, self.targets, self.prober, self.clock = store, targets, prober, clock
        self.settings = settings
        self.schedule: Schedule = schedule or DailySchedule(settings.per_day)
        self.stats = RunStats()
        self._heap: list[_Event] = []
        self._seq = 0
        self._tasks: set[asyncio.Task[None]] = set()
        self._buffer: list[dict[str, Any]] = []
        self._host_locks: dict[str, asyncio.Lock] = {}
        self._limit = asyncio.Semaphore(settings.concurrency)
        self._wake = asyncio.Event()

    async def run(self, until: datetime | None = None) -> RunStats:
        """Probe until `until` (forever when None); slots at or after `until` are left for a later run."""
        self.backfill()
        now = self.clock.now()
        for target in self.targets:
            self._push("probe", target, self.schedule.next(target.key, now))
        try:
            while await self._round(until):
                pass
        finally:
            for task in list(self._tasks):
                task.cancel()
            self.flush()
        return self.stats

    # ---------------------------------------------------------------- bookkeeping

    def backfill(self) -> int:
        """Record as missed every slot since a site's first probe (within the lookback) that has no record."""
        now = self.clock.now()
        floor = now - timedelta(days=self.settings.lookback_days)
        rows: list[dict[str, Any]] = []
        for target in self.targets:
            first = self.store.first_probe_slot(target.site_id)
            if first is None:
                continue
            since = max(first, floor)
            have = self.store.probe_slots(target.site_id, since)
            rows += [_missed(target, s) for s in self.schedule.between(target.key, since, now) if s not in have]
        self.stats.missed += self.store.record_probes(rows)
        return len(rows)

    def _record(self, row: dict[str, Any]) -> None:
        self._buffer.append(row)
        if not self.clock.virtual or len(self._buffer) >= self.settings.flush_every:
            self.flush()

    def flush(self) -> None:
        rows, self._buffer = self._buffer, []
        self.store.record_probes(rows)

    # ---------------------------------------------------------------- the event loop

    async def _round(self, until: datetime | None) -> bool:
        if self.clock.virtual or not self._heap or (until is not None and self._heap[0].when >= until):
            await self._settle()
        if until is not None:
            self._drop_probes_from(until)
        if not self._heap:
            return False
        await self._sleep(self._heap[0].when)
        self._dispatch_due()
        return True

    async def _settle(self) -> None:
        """Wait for the probes in flight (they may schedule confirmations)."""
        while self._tasks:
            await asyncio.gather(*list(self._tasks), return_exceptions=True)

    def _drop_probes_from(self, until: datetime) -> None:
        kept = [e for e in self._heap if e.kind == "confirm" or e.when < until]
        if len(kept) != len(self._heap):
            self._heap = kept
            heapq.heapify(self._heap)

    async def _sleep(self, when: datetime) -> None:
        if self.clock.virtual:
            await self.clock.sleep_until(when)
            return
        self._wake.clear()  # a confirmation scheduled meanwhile may be due earlier than `when`
        sleeper = asyncio.ensure_future(self.clock.sleep_until(when))
        waker = asyncio.ensure_future(self._wake.wait())
        try:
            await asyncio.wait({sleeper, waker}, return_when=asyncio.FIRST_COMPLETED)
        finally:
            sleeper.cancel()
            waker.cancel()

    def _dispatch_due(self) -> None:
        now = self.clock.now()
        while self._heap and self._heap[0].when <= now:
            event = heapq.heappop(self._heap)
            if event.kind == "probe":
                self._push("probe", event.target, self.schedule.next(event.target.key, event.slot + SECOND))
            self._spawn(event)

    def _push(self, kind: Literal["probe", "confirm"], target: Target, when: datetime, slot: datetime | None = None,
              first: Attempt | None = None) -> None:
        self._seq += 1
        heapq.heappush(self._heap, _Event(when, self._seq, kind, target, slot or when, first))
        self._wake.set()

    def _spawn(self, event: _Event) -> None:
        task = asyncio.create_task(self._handle(event))
        self._tasks.add(task)
        task.add_done_callback(self._done)

    def _done(self, task: asyncio.Task[None]) -> None:
        self._tasks.discard(task)
        if not task.cancelled() and task.exception() is not None:
            log.error("probe task failed", exc_info=task.exception())

    # ---------------------------------------------------------------- one probe

    async def _handle(self, event: _Event) -> None:
        attempt = await self._attempt(event.target)
        if event.first is None and not attempt.ok:
            self.stats.retried += 1
            when = self.clock.now() + timedelta(seconds=self.settings.retry_delay)
            self._push("confirm", event.target, when, event.slot, attempt)
            return
        self._record(_outcome(event.target, event.slot, event.first, attempt))
        self.stats.probes += 1
        self.stats.failed += 0 if attempt.ok else 1

    async def _attempt(self, target: Target) -> Attempt:
        lock = self._host_locks.setdefault(target.host, asyncio.Lock())
        async with self._limit, lock:  # politeness: one probe per host at a time
            return await self.prober.attempt(target.url, self.clock.now())


def _missed(target: Target, slot: datetime) -> dict[str, Any]:
    return {"site_id": target.site_id, "slot": slot, "at": None, "outcome": "missed", "status": None,
            "elapsed_s": None, "error": None, "fingerprint": None}


def _outcome(target: Target, slot: datetime, first: Attempt | None, last: Attempt) -> dict[str, Any]:
    """The row of a finished probe. A failure confirmed by the retry keeps the first attempt's time; a
    failure the retry did not confirm is an ok probe whose `error` says `unconfirmed:<class>`."""
    at = first.at if first is not None else last.at
    error = last.error
    if last.ok and first is not None:
        error = f"unconfirmed:{first.error}"[:64]
    return {"site_id": target.site_id, "slot": slot, "at": at, "outcome": "ok" if last.ok else "failed",
            "status": last.status, "elapsed_s": round(last.elapsed_s, 3), "error": error,
            "fingerprint": last.fingerprint}
