"""One sample world for the end-to-end tests, started once as a child process (like `govinspect demo`)."""
from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, Iterator

import pytest

from govinspect.demo import running_world
from govinspect.runner import InspectOptions, InspectOutcome, inspect

SITES, SEED = 30, 4
FAST = {"crawl": {"home_recheck_delay": 0.5, "recheck_delay": 0.5}}


@dataclass
class World:
    port: int
    dir: Path
    labels: dict[str, Any]

    @property
    def as_of(self) -> datetime:
        return datetime.fromisoformat(self.labels["world"]["as_of"])

    def options(self, out: Path, **changes: Any) -> InspectOptions:
        base = dict(registry=self.dir / "registry.csv", out=out, db=f"sqlite:///{out}/gi.db",
                    connect_to=[f"::127.0.0.1:{self.port}"], as_of=self.as_of, settings=dict(FAST))
        base.update(changes)
        return InspectOptions(**base)


@pytest.fixture(scope="session")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    root = tmp_path_factory.mktemp("world")
    with running_world(SITES, SEED, root, as_of="2026-11-23") as (port, world_dir):
        labels = json.loads((world_dir / "labels.json").read_text(encoding="utf-8"))
        yield World(port, world_dir, labels)


@pytest.fixture(scope="session")
def inspected(world: World, tmp_path_factory: pytest.TempPathFactory) -> InspectOutcome:
    out = tmp_path_factory.mktemp("inspect")
    return inspect(world.options(out))
