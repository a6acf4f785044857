"""Sites in flight per process: more lanes while the loop waits on the network, none while it is busy."""
from __future__ import annotations

import asyncio
import time

import pytest

from govinspect.lanes import Governor, resident_mb, run_lanes

FAST = Governor(tick_s=0.01, window_ticks=5, step=4)


def _workload(items: int, work) -> tuple:
    """Lanes taking items from a shared list; returns (lane, more_work, peak in flight)."""
    todo = list(range(items))
    state = {"now": 0, "peak": 0}

    async def lane() -> None:
        while todo:
            todo.pop()
            state["now"] += 1
            state["peak"] = max(state["peak"], state["now"])
            try:
                await work()
            finally:
                state["now"] -= 1

    return lane, (lambda: bool(todo)), state


def test_lanes_open_while_the_loop_waits_on_the_network() -> None:
    async def waiting() -> None:
        await asyncio.sleep(0.3)  # a polite crawl: the loop mostly waits

    lane, more, state = _workload(60, waiting)
    most = asyncio.run(run_lanes(lane, 2, 16, more, FAST))
    assert most == state["peak"] > 2
    assert state["peak"] <= 16


def test_no_lanes_open_while_the_loop_is_busy() -> None:
    async def parsing() -> None:
        end = time.process_time() + 0.03  # CPU-bound work between awaits: the loop is never idle
        while time.process_time() < end:
            pass
        await asyncio.sleep(0)

    lane, more, state = _workload(60, parsing)
    assert asyncio.run(run_lanes(lane, 2, 16, more, FAST)) == 2
    assert state["peak"] == 2


def test_no_lanes_beyond_the_memory_budget() -> None:
    async def waiting() -> None:
        await asyncio.sleep(0.2)

    lane, more, state = _workload(40, waiting)
    small = Governor(tick_s=0.01, window_ticks=5, step=4, memory_mb=int(resident_mb() // 2))
    assert asyncio.run(run_lanes(lane, 2, 16, more, small)) == 2


def test_no_lanes_when_no_work_is_left_or_at_the_cap() -> None:
    async def waiting() -> None:
        await asyncio.sleep(0.2)

    lane, _, state = _workload(40, waiting)
    assert asyncio.run(run_lanes(lane, 3, 16, lambda: False, FAST)) == 3
    lane, more, state = _workload(40, waiting)
    assert asyncio.run(run_lanes(lane, 3, 3, more, FAST)) == 3


def test_a_failing_lane_cancels_the_others_and_raises() -> None:
    cancelled = []

    async def failing() -> None:
        await asyncio.sleep(0.05)
        raise ValueError("坏网站")

    async def waiting() -> None:
        try:
            await asyncio.sleep(10)
        except asyncio.CancelledError:
            cancelled.append(1)
            raise

    lanes = iter([failing, waiting, waiting])
    with pytest.raises(ValueError, match="坏网站"):
        asyncio.run(run_lanes(lambda: next(lanes)(), 3, 3, lambda: False, FAST))
    assert len(cancelled) == 2
