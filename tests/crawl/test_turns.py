"""Parsing turns: queued work runs in order, in turns short enough that the loop's other work runs between."""
from __future__ import annotations

import asyncio
import time

import pytest

from govinspect.crawl.turns import ParseTurns


def _busy(seconds: float) -> None:
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        pass


def test_work_runs_in_order_and_the_loop_runs_between_turns() -> None:
    async def main() -> tuple[list[int], list[tuple[str, int]]]:
        turns = ParseTurns(budget_s=0.004)
        done: list[int] = []
        timeline: list[tuple[str, int]] = []

        def job(n: int) -> int:
            _busy(0.003)
            done.append(n)
            timeline.append(("job", n))
            return n * n

        async def ticker() -> None:
            for i in range(100):
                timeline.append(("tick", i))
                await asyncio.sleep(0)

        results = await asyncio.gather(ticker(), *(turns.run(lambda n=n: job(n)) for n in range(10)))
        assert results[1:] == [n * n for n in range(10)]
        return done, timeline

    done, timeline = asyncio.run(main())
    assert done == list(range(10))
    kinds = [kind for kind, _ in timeline]
    first, last = kinds.index("job"), len(kinds) - 1 - kinds[::-1].index("job")
    # 30 ms of work in turns of at most 4 ms: the ticker ran in between several times, not only after
    assert kinds[first:last].count("tick") >= 4


def test_a_failing_job_fails_only_its_caller() -> None:
    async def main() -> list[object]:
        turns = ParseTurns()

        def bad() -> int:
            raise ValueError("unparsable")

        return await asyncio.gather(turns.run(lambda: 1), turns.run(bad), turns.run(lambda: 3),
                                    return_exceptions=True)

    first, failed, third = asyncio.run(main())
    assert (first, third) == (1, 3)
    assert isinstance(failed, ValueError)


def test_cancelled_waiter_is_skipped() -> None:
    async def main() -> list[str]:
        turns = ParseTurns()
        ran: list[str] = []
        blocker = asyncio.ensure_future(turns.run(lambda: ran.append("first")))
        doomed = asyncio.ensure_future(turns.run(lambda: ran.append("cancelled")))
        await asyncio.sleep(0)  # both are queued; the turn has not run yet
        doomed.cancel()
        await blocker
        with pytest.raises(asyncio.CancelledError):
            await doomed
        await turns.run(lambda: ran.append("after"))
        return ran

    assert asyncio.run(main()) == ["first", "after"]
