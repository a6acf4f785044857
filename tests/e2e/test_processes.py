"""A campaign spread over several processes: the same results as one event loop, the per-host cap kept across
processes, and a process that dies loses only its sites in flight (`--resume` finishes the campaign)."""
from __future__ import annotations

import json
import multiprocessing
import os
import signal
import sqlite3
import threading
import time
import urllib.request
from pathlib import Path

import pytest

from govinspect.demo import running_world
from govinspect.errors import GovInspectError
from govinspect.runner import InspectOutcome, inspect

from .conftest import World
from .test_resume import done_sites, essence


def _shards() -> list[multiprocessing.Process]:
    return [p for p in multiprocessing.active_children() if p.name.startswith("govinspect-shard")]


def test_two_processes_give_the_results_of_one(world: World, inspected: InspectOutcome, tmp_path: Path) -> None:
    sharded = inspect(world.options(tmp_path, processes=2))

    assert essence(sharded.results) == essence(inspected.results)
    pages = {s["id_code"]: s["stats"]["pages"] for s in sharded.results["sites"]}
    assert pages == {s["id_code"]: s["stats"]["pages"] for s in inspected.results["sites"]}
    assert sharded.progress.done == sharded.progress.total == 30
    assert sharded.progress.pages == sum(pages.values())
    assert not _shards()


@pytest.fixture(scope="module")
def bench_world(tmp_path_factory: pytest.TempPathFactory):
    """Eight small sites without the e2e world's slow hazards (timeouts, slow pages), 20 ms a response."""
    root = tmp_path_factory.mktemp("bench-world")
    with running_world(8, 11, root, as_of="2026-11-23", extra=["--profile", "bench", "--latency-ms", "20", "--pages-per-site", "80"]) as (
            port, world_dir):
        labels = json.loads((world_dir / "labels.json").read_text(encoding="utf-8"))
        yield World(port, world_dir, labels)


SMALL = dict(per_host=3)


@pytest.fixture(scope="module")
def bench_inspected(bench_world: World, tmp_path_factory: pytest.TempPathFactory) -> InspectOutcome:
    return inspect(bench_world.options(tmp_path_factory.mktemp("bench-one"), processes=1, **SMALL))


def test_a_killed_process_loses_only_its_sites_in_flight(bench_world: World, bench_inspected: InspectOutcome,
                                                           tmp_path: Path) -> None:
    db = tmp_path / "gi.db"
    options = bench_world.options(tmp_path, db=f"sqlite:///{db}", processes=2, sites_in_flight=1, **SMALL)
    failure: list[BaseException] = []

    def run() -> None:
        try:
            inspect(options)
        except BaseException as exc:  # noqa: BLE001 - the test inspects it
            failure.append(exc)

    runner = threading.Thread(target=run)
    runner.start()
    deadline = time.monotonic() + 120
    while done_sites(db) < 2 and runner.is_alive() and time.monotonic() < deadline:
        time.sleep(0.02)
    victims = _shards()
    assert len(victims) == 2, "the kill must land mid-campaign"
    os.kill(victims[0].pid, signal.SIGKILL)
    runner.join(120)

    assert failure and isinstance(failure[0], GovInspectError)
    assert "--resume" in failure[0].message and "-9" in failure[0].message
    assert done_sites(db) >= 2  # the other process went on with the groups left
    with sqlite3.connect(db) as c:
        before = dict(c.execute("select site_id, finished from campaign_site where status = 'done'").fetchall())
    resumed = inspect(bench_world.options(tmp_path, db=f"sqlite:///{db}", resume=True, processes=2, **SMALL))
    assert resumed.progress.done == 8
    with sqlite3.connect(db) as c:
        after = dict(c.execute("select site_id, finished from campaign_site").fetchall())
    assert all(after[k] == v for k, v in before.items()), "finished sites were not redone"
    assert essence(resumed.results) == essence(bench_inspected.results)


def test_processes_keep_the_per_host_cap_between_them(bench_world: World, bench_inspected: InspectOutcome,
                                                       tmp_path: Path) -> None:
    stats_url = f"http://127.0.0.1:{bench_world.port}/__world/stats"
    urllib.request.urlopen(stats_url + "/reset", timeout=10).read()

    outcome = inspect(bench_world.options(tmp_path, processes=2, **SMALL))

    stats = json.loads(urllib.request.urlopen(stats_url, timeout=10).read())
    busiest = max(stats["max_in_flight"].values())
    assert busiest <= 3, stats["max_in_flight"]
    assert busiest >= 2  # the cap is used, not just kept
    assert essence(outcome.results) == essence(bench_inspected.results)
