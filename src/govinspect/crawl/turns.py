"""Parsing on the event loop in short turns. A crawl that parses in its own loop is CPU-bound: when every page
is parsed as soon as it arrives, one turn of the loop runs dozens of parses and the responses that arrived
meanwhile wait behind them, so each request holds its host's place for far longer than the server took and
a site with many requests falls behind (bench: 900 requests on one host at 50 ms finished seconds after the
rest). Here parses wait in order and run for at most `budget_s` per turn; between turns the loop reads
responses and sends the next requests. The parsing done is the same, only its order against the network."""
from __future__ import annotations

import asyncio
import time
from collections import deque
from typing import Callable, TypeVar

T = TypeVar("T")
BUDGET_S = 0.004  # parsing per turn of the loop: a few bench pages, one large real page


class ParseTurns:
    """One per event loop, shared by the sites it crawls."""

    def __init__(self, budget_s: float = BUDGET_S) -> None:
        self._budget = budget_s
        self._waiting: deque[tuple[Callable[[], object], asyncio.Future[object]]] = deque()
        self._runner: asyncio.Future[None] | None = None

    async def run(self, work: Callable[[], T]) -> T:
        """`work()` in a parsing turn, after the work that was waiting before it."""
        done: asyncio.Future[object] = asyncio.get_running_loop().create_future()
        self._waiting.append((work, done))
        if self._runner is None or self._runner.done():
            self._runner = asyncio.ensure_future(self._turns())
        return await done  # type: ignore[return-value]

    async def _turns(self) -> None:
        while self._waiting:
            deadline = time.perf_counter() + self._budget
            while self._waiting and time.perf_counter() < deadline:
                work, done = self._waiting.popleft()
                if done.cancelled():
                    continue
                try:
                    done.set_result(work())
                except Exception as exc:  # noqa: BLE001 - the caller of `run` gets it
                    done.set_exception(exc)
            await asyncio.sleep(0)  # the loop reads and sends before the next turn
