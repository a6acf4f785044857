"""Fixtures: a 10-site availability world (hosts down 0/blip/3/6/30 % of each day) served from a background thread."""
from __future__ import annotations

import asyncio
import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from govinspect.world.config import WorldConfig
from govinspect.world.plan import SitePlan
from govinspect.world.server import RunningWorld, start_world

AS_OF = datetime(2026, 11, 23)
SITES = 10


@dataclass
class FlappingWorld:
    running: RunningWorld
    out: Path
    labels: dict[str, Any]

    @property
    def port(self) -> int:
        return self.running.port

    @property
    def registry(self) -> Path:
        return self.out / "registry.csv"

    @property
    def connect_to(self) -> list[str]:
        return [f"::127.0.0.1:{self.port}"]

    @property
    def plans(self) -> list[SitePlan]:
        return self.running.world.plans

    def plan_of(self, id_code: str) -> SitePlan:
        return next(p for p in self.plans if p.identity.id_code == id_code)


@contextmanager
def serve_world(config: WorldConfig, out: Path) -> Iterator[FlappingWorld]:
    """Serve a sample world on loopback from a background thread for the duration of the block."""
    loop = asyncio.new_event_loop()
    thread = threading.Thread(target=loop.run_forever, daemon=True)
    thread.start()
    running = asyncio.run_coroutine_threadsafe(start_world(config, out, port=0), loop).result(30)
    labels = json.loads((out / "labels.json").read_text(encoding="utf-8"))
    try:
        yield FlappingWorld(running, out, labels)
    finally:
        asyncio.run_coroutine_threadsafe(running.stop(), loop).result(30)
        loop.call_soon_threadsafe(loop.stop)
        thread.join(10)
        loop.close()


@pytest.fixture(scope="package")
def flapping_world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[FlappingWorld]:
    config = WorldConfig(seed=1, sites=SITES, as_of=AS_OF, availability=True, hazards=False)
    with serve_world(config, tmp_path_factory.mktemp("monitor_world")) as world:
        yield world
