"""How many sites one process inspects at once. Real servers are crawled politely (a few requests in flight
and a gap between request starts on each host), so one site yields a few pages a second and a process needs
dozens of sites in flight before parsing keeps its core busy; on fast servers a handful of sites already
does. A fixed number is therefore wrong for one case or the other: the process starts with a few lanes (each
inspects one host's sites after another) and opens more while its event loop is idle, up to a cap and while
its memory allows (every site in flight holds its pages' facts until it is judged)."""
from __future__ import annotations

import asyncio
import os
import resource
import time
from dataclasses import dataclass
from typing import Awaitable, Callable

START_LANES = 16  # lanes a process starts with (the even split of the groups, when smaller)


@dataclass(frozen=True, slots=True)
class Governor:
    """When to open more lanes: a 50 ms timer that fires late by less than `idle_lag_s` on average over a
    window, and a process using less than `idle_cpu` of a core, mean the loop is waiting on the network."""

    tick_s: float = 0.05
    window_ticks: int = 20
    idle_lag_s: float = 0.02
    idle_cpu: float = 0.6
    step: int = 8  # lanes opened at once
    memory_mb: int = 700  # no more lanes once the process's resident memory is this large


async def run_lanes(lane: Callable[[], Awaitable[None]], start: int, cap: int, more_work: Callable[[], bool],
                    governor: Governor = Governor()) -> int:
    """Run `start` lanes, opening more while the loop idles and `more_work()` holds, until every lane has
    ended; a failing lane cancels the others and raises. Returns the most lanes that were open at once."""
    loop = asyncio.get_running_loop()
    tasks = [asyncio.ensure_future(lane()) for _ in range(max(1, min(start, cap)))]
    most = len(tasks)
    lag, ticks, cpu_mark, wall_mark = 0.0, 0, time.process_time(), loop.time()
    try:
        while not all(t.done() for t in tasks):
            before = loop.time()
            await asyncio.sleep(governor.tick_s)
            lag += loop.time() - before - governor.tick_s
            ticks += 1
            _raise_failure(tasks)
            if ticks < governor.window_ticks:
                continue
            open_now = sum(not t.done() for t in tasks)
            cpu = (time.process_time() - cpu_mark) / max(1e-6, loop.time() - wall_mark)
            if (lag / ticks < governor.idle_lag_s and cpu < governor.idle_cpu and open_now < cap and more_work()
                    and resident_mb() < governor.memory_mb):
                tasks += [asyncio.ensure_future(lane()) for _ in range(min(governor.step, cap - open_now))]
                most = max(most, sum(not t.done() for t in tasks))
            lag, ticks, cpu_mark, wall_mark = 0.0, 0, time.process_time(), loop.time()
        _raise_failure(tasks)
    finally:
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
    return most


def _raise_failure(tasks: list[asyncio.Future[None]]) -> None:
    for task in tasks:
        if task.done() and not task.cancelled() and task.exception() is not None:
            raise task.exception()  # type: ignore[misc]


def resident_mb() -> float:
    """This process's resident memory now (Linux), else its peak."""
    try:
        with open("/proc/self/statm", "rb") as statm:
            return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
    except (OSError, ValueError, IndexError):
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
