"""A simulated week on a virtual clock against the flapping sample world: W-V2 fires exactly for the hosts
down 6 % and 30 % of each day; the 0 %, 3 % and one-blip-a-day hosts are not reported."""
from __future__ import annotations

import asyncio
import json
from datetime import datetime, timedelta

from typer.testing import CliRunner

from govinspect.monitor.cli import monitor_app
from govinspect.monitor.clock import VirtualClock
from govinspect.monitor.decision import Thresholds
from govinspect.monitor.scheduler import MonitorSettings
from govinspect.monitor.service import run_monitor, simulate_week, targets_from
from govinspect.store.db import Store
from govinspect.world.defects import BLIP_SECONDS

from .conftest import FlappingWorld

START = datetime(2026, 11, 2)


def test_week_fires_exactly_for_the_six_and_thirty_percent_hosts(flapping_world: FlappingWorld) -> None:
    store = Store("sqlite://")
    targets = targets_from(store, flapping_world.registry)
    reports = asyncio.run(simulate_week(store, targets, 7, START, MonitorSettings(), flapping_world.connect_to,
                                        Thresholds()))
    assert len(reports) == len(flapping_world.plans)
    for r in reports:
        plan = flapping_world.plan_of(r.target.key)
        assert r.decision.probes == 7 * 24 and r.missed == 0
        assert r.decision.fires == (plan.down_fraction >= 0.05), (plan.down_fraction, r.decision.detail())
        assert abs(r.decision.ratio - plan.down_fraction) < 0.02
        if r.decision.fires:
            log = r.as_json()["evidence"]["失败记录(前20条)"]
            assert log and all(row["错误"] for row in log)
    labelled = {d["site"] for d in flapping_world.labels["defects"] if d["indicator"] == "W-V2"}
    assert {r.target.key for r in reports if r.decision.fires} == labelled


def test_blip_hosts_are_labelled_as_negatives(flapping_world: FlappingWorld) -> None:
    blips = [p for p in flapping_world.plans if 0 < p.down_fraction < 0.01]
    assert blips and all(p.down_fraction * 86400 == BLIP_SECONDS for p in blips)
    negatives = {(n["site"], n["kind"]) for n in flapping_world.labels["negatives"]}
    assert all((p.identity.id_code, "availability_blip") in negatives for p in blips)


class AtInstants:
    """A schedule with given instants (to aim a probe into a blip); same interface as DailySchedule."""

    def __init__(self, instants: list[datetime]) -> None:
        self.instants = sorted(instants)

    def next(self, key: str, after: datetime) -> datetime:
        return next((t for t in self.instants if t >= after), self.instants[-1] + timedelta(days=365))

    def between(self, key: str, start: datetime, end: datetime) -> list[datetime]:
        return [t for t in self.instants if start <= t < end]


def _down_start(world: FlappingWorld, plan_index: int) -> datetime:
    """The first second of START's day at which the host goes down."""
    plan = world.plans[plan_index]
    is_down = world.running.world.is_down
    return next(START + timedelta(seconds=s) for s in range(86400)
                if is_down(plan, START + timedelta(seconds=s)) and not is_down(plan, START + timedelta(seconds=s - 1)))


def test_a_probe_inside_a_blip_is_retried_and_not_counted(flapping_world: FlappingWorld) -> None:
    blip = next(p for p in flapping_world.plans if 0 < p.down_fraction < 0.01)
    down = next(p for p in flapping_world.plans if p.down_fraction == 0.30)
    store = Store("sqlite://")
    targets = [t for t in targets_from(store, flapping_world.registry) if t.key in (blip.identity.id_code,
                                                                                   down.identity.id_code)]
    for target in targets:
        plan = flapping_world.plan_of(target.key)
        aim = _down_start(flapping_world, plan.index) + timedelta(seconds=5)
        one = [t for t in targets if t is target]
        asyncio.run(run_monitor(store, one, VirtualClock(aim - timedelta(seconds=1)), MonitorSettings(),
                                flapping_world.connect_to, until=aim + timedelta(hours=1), schedule=AtInstants([aim])))
    rows = {flapping_world.plan_of(t.key).down_fraction: list(store.probes(t.site_id)) for t in targets}
    (blip_row,) = rows[blip.down_fraction]
    assert blip_row.outcome == "ok" and (blip_row.error or "").startswith("unconfirmed:")
    (down_row,) = rows[0.30]
    assert down_row.outcome == "failed" and down_row.error and not down_row.error.startswith("unconfirmed")


def test_simulate_command_prints_json_per_site(flapping_world: FlappingWorld) -> None:
    args = ["simulate", "--days", "7", "--start", "2026-11-02", "--registry", str(flapping_world.registry),
            "--json", *sum((["--connect-to", c] for c in flapping_world.connect_to), [])]
    result = CliRunner().invoke(monitor_app, args)
    assert result.exit_code == 0, result.output
    sites = json.loads(result.stdout)["sites"]
    fired = {s["id_code"] for s in sites if s["w_v2"]}
    assert fired == {p.identity.id_code for p in flapping_world.plans if p.down_fraction >= 0.05}
    assert all(s["probes"] == 168 and s["status"] in ("veto", "pass") for s in sites)


def test_three_days_are_insufficient_data(flapping_world: FlappingWorld) -> None:
    store = Store("sqlite://")
    targets = targets_from(store, flapping_world.registry)[:5]
    reports = asyncio.run(simulate_week(store, targets, 3, START, MonitorSettings(), flapping_world.connect_to,
                                        Thresholds()))
    assert all(r.decision.status == "insufficient" and not r.decision.fires for r in reports)
    assert any(r.decision.failed > 0 for r in reports)  # the 30 % host failed, yet no veto without a week
