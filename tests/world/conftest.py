"""Fixtures: one 60-site sample world served on loopback from a background thread for the whole folder."""
from __future__ import annotations

import asyncio
import http.client
import json
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from govinspect.world.config import WorldConfig
from govinspect.world.server import RunningWorld, start_world

AS_OF = datetime(2026, 11, 23)


@dataclass
class Served:
    running: RunningWorld
    loop: asyncio.AbstractEventLoop
    out: Path
    labels: dict[str, Any]

    @property
    def port(self) -> int:
        return self.running.port

    def get(self, url: str, ua: str = "Mozilla/5.0", address: str = "127.0.0.1", host: str | None = None,
            headers: dict[str, str] | None = None, timeout: float = 10) -> tuple[int, dict[str, str], bytes]:
        """GET a world URL through the loopback server, sending its real host name in Host."""
        parts = urlsplit(url)
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        conn = http.client.HTTPConnection(address, self.port, timeout=timeout)
        try:
            conn.request("GET", path, headers={"Host": host or parts.netloc, "User-Agent": ua, **(headers or {})})
            resp = conn.getresponse()
            return resp.status, {k.lower(): v for k, v in resp.getheaders()}, resp.read()
        finally:
            conn.close()


def _serve(config: WorldConfig, out: Path, per_site: bool = False) -> Iterator[Served]:
    loop = asyncio.new_event_loop()
    thread = threading.Thread(target=loop.run_forever, daemon=True)
    thread.start()
    running = asyncio.run_coroutine_threadsafe(start_world(config, out, per_site_addresses=per_site), loop).result(30)
    labels = json.loads((out / "labels.json").read_text(encoding="utf-8"))
    try:
        yield Served(running, loop, out, labels)
    finally:
        asyncio.run_coroutine_threadsafe(running.stop(), loop).result(30)
        loop.call_soon_threadsafe(loop.stop)
        thread.join(10)
        loop.close()


@pytest.fixture(scope="package")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    yield from _serve(WorldConfig(seed=3, sites=60, as_of=AS_OF), tmp_path_factory.mktemp("world"))


@pytest.fixture(scope="package")
def small_world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    yield from _serve(WorldConfig(seed=5, sites=6, as_of=AS_OF), tmp_path_factory.mktemp("small"), per_site=True)
