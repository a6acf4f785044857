"""Restart bookkeeping: slots that passed while no monitor ran are recorded as missed, never as failures,
nothing is recorded twice; and a real `monitor start` process killed with SIGKILL loses no record."""
from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path

from govinspect.monitor.clock import ScaledClock, VirtualClock
from govinspect.monitor.scheduler import DailySchedule, Monitor, MonitorSettings
from govinspect.monitor.service import run_monitor, targets_from
from govinspect.store.db import Store
from govinspect.store.schema import ProbeRow

from .conftest import FlappingWorld

DAY = datetime(2026, 11, 2)
SCHEDULE = DailySchedule(24)


def _rows(store: Store) -> list[ProbeRow]:
    with store.session() as s:
        return list(s.query(ProbeRow).order_by(ProbeRow.site_id, ProbeRow.slot))


def test_restart_records_the_gap_as_missed_without_duplicates(flapping_world: FlappingWorld) -> None:
    store = Store("sqlite://")
    targets = targets_from(store, flapping_world.registry)
    world = flapping_world.connect_to
    asyncio.run(run_monitor(store, targets, VirtualClock(DAY), MonitorSettings(), world, until=DAY + timedelta(hours=10)))
    restart = DAY + timedelta(hours=14)
    asyncio.run(run_monitor(store, targets, VirtualClock(restart), MonitorSettings(), world,
                            until=DAY + timedelta(hours=20)))
    rows = _rows(store)
    for t in targets:
        mine = [r for r in rows if r.site_id == t.site_id]
        expected = SCHEDULE.between(t.key, DAY, DAY + timedelta(hours=20))
        assert [r.slot for r in mine] == expected  # every slot once, in order
        for r in mine:
            in_gap = DAY + timedelta(hours=10) <= r.slot < restart
            assert (r.outcome == "missed") == in_gap
            assert r.at is None if in_gap else r.at is not None
    again = asyncio.run(run_monitor(store, targets, VirtualClock(DAY + timedelta(hours=20)), MonitorSettings(), world,
                                    until=DAY + timedelta(hours=20)))
    assert again.missed == 0 and len(_rows(store)) == len(rows)


def _start(db: str, world: FlappingWorld, origin: float) -> subprocess.Popen[bytes]:
    cmd = [sys.executable, "-m", "govinspect.monitor", "start", "--db", db, "--registry", str(world.registry),
           "--per-day", "24", "--clock-speed", "3600", "--virtual-start", DAY.isoformat(),
           "--clock-origin", str(origin), *sum((["--connect-to", c] for c in world.connect_to), [])]
    return subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def _wait_rows(store: Store, at_least: int, proc: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 45
    while len(_rows(store)) < at_least:
        assert proc.poll() is None, proc.stderr.read().decode() if proc.stderr else "monitor exited"
        assert time.monotonic() < deadline, "the monitor recorded too little"
        time.sleep(0.1)


def _kill(proc: subprocess.Popen[bytes]) -> None:
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(10)


def test_kill_minus_nine_then_restart_loses_and_duplicates_nothing(flapping_world: FlappingWorld,
                                                                   tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'monitor.db'}"
    store = Store(db)
    origin = time.time() + 1.0  # one real second = one virtual hour, for both runs
    first = _start(db, flapping_world, origin)
    try:
        _wait_rows(store, 30, first)
    finally:
        _kill(first)
    before = {(r.site_id, r.slot): (r.outcome, r.at) for r in _rows(store)}
    time.sleep(2.5)  # about 2.5 virtual hours with no monitor running
    second = _start(db, flapping_world, origin)
    try:
        _wait_rows(store, len(before) + 60, second)
    finally:
        _kill(second)
    # A probe still in flight at the second kill (e.g. waiting for its confirmation) is recorded as missed by
    # the next start, like any slot that passed while no monitor ran: start a third time to see it.
    third = Monitor(store, targets_from(store, flapping_world.registry), None,  # type: ignore[arg-type]
                    ScaledClock(DAY, 3600, origin), MonitorSettings(per_day=24))
    third.backfill()
    rows = _rows(store)
    after = {(r.site_id, r.slot): (r.outcome, r.at) for r in rows}
    assert len(after) == len(rows)
    assert all(after[k] == v for k, v in before.items())  # nothing written before the kill was lost or changed
    keys = {t.site_id: t.key for t in targets_from(store)}
    for site_id, key in keys.items():
        slots = [r.slot for r in rows if r.site_id == site_id]
        assert slots == SCHEDULE.between(key, slots[0], slots[-1] + timedelta(seconds=1))  # no gap, no double
    missed = [r for r in rows if r.outcome == "missed"]
    assert len(missed) >= len(keys)  # each site missed at least one hour while the monitor was down
    zero = {p.identity.id_code for p in flapping_world.plans if p.down_fraction == 0}
    assert not [r for r in rows if keys[r.site_id] in zero and r.outcome == "failed"]
