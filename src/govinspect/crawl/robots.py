"""robots.txt per host, fetched once per campaign (concurrent askers share one fetch) and parsed by protego.

Missing or 4xx robots.txt allows everything; a 5xx or a failed fetch also allows (a broken robots.txt
must not hide a government site from inspection) but is noted so reports can say so.
"""
from __future__ import annotations

import asyncio
from typing import Any, Awaitable, Callable

from protego import Protego

from ..errors import RobotsDisallowed

RobotsFetch = Callable[[str], Awaitable[Any]]  # url → FetchResult (status, text, error)


class RobotsCache:
    def __init__(self, fetch: RobotsFetch, agent: str = "govinspect") -> None:
        self._fetch = fetch
        self._agent = agent
        self._rules: dict[str, asyncio.Future[Protego | None]] = {}
        self.notes: dict[str, str] = {}  # origin → "5xx" / "error:<class>" / "missing"

    async def check(self, url: str, origin: str) -> None:
        """Raise RobotsDisallowed when the origin's robots.txt forbids `url` to our agent."""
        rules = await self._rules_for(origin)
        if rules is not None and not rules.can_fetch(url, self._agent):
            raise RobotsDisallowed(f"robots.txt 禁止抓取 {url}，已跳过")

    async def _rules_for(self, origin: str) -> Protego | None:
        future = self._rules.get(origin)
        if future is not None and future.done() and not future.cancelled():
            return future.result()  # the usual case: loaded once per origin, read by every request after
        if future is None:
            future = asyncio.get_running_loop().create_future()
            self._rules[origin] = future
            try:
                future.set_result(await self._load(origin))
            except BaseException:  # cancelled: let the next asker load it again
                del self._rules[origin]
                future.cancel()
                raise
        return await asyncio.shield(future)

    async def _load(self, origin: str) -> Protego | None:
        try:
            result = await self._fetch(origin + "/robots.txt")
        except Exception as exc:  # noqa: BLE001 - any failure means "allow, but note"
            self.notes[origin] = f"error:{getattr(exc, 'error_class', type(exc).__name__)}"
            return None
        if result.error is not None:
            self.notes[origin] = f"error:{result.error}"
            return None
        if result.status >= 500:
            self.notes[origin] = "5xx"
            return None
        if result.status >= 400:
            self.notes[origin] = "missing"
            return None
        return Protego.parse(result.text or "")
