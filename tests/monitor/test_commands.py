"""`monitor status`, campaign targets, and politeness (one probe per host at a time) against a slow world."""
from __future__ import annotations

import asyncio
import json
from datetime import datetime, timedelta
from pathlib import Path

from typer.testing import CliRunner

from govinspect.models import Site
from govinspect.monitor.cli import monitor_app
from govinspect.monitor.clock import VirtualClock
from govinspect.monitor.scheduler import MonitorSettings, Target
from govinspect.monitor.service import run_monitor, targets_from
from govinspect.store.db import Store
from govinspect.world.config import WorldConfig

from .conftest import AS_OF, serve_world
from .test_simulated_week import AtInstants


def _seed(store: Store) -> dict[str, int]:
    ids = store.upsert_sites([Site("6100000001", "甲<b>网站</b>", "http://www.a.gov.cn/"),
                              Site("6100000002", "乙网站", "http://www.b.gov.cn/")])
    today = datetime.combine(datetime.now().date(), datetime.min.time())
    rows = []
    for h in range(7 * 24):
        slot = today - timedelta(days=7) + timedelta(hours=h)
        for code, sid in ids.items():
            failed = code.endswith("2") and h % 10 == 0
            rows.append({"site_id": sid, "slot": slot, "at": slot, "outcome": "failed" if failed else "ok",
                         "status": None if failed else 200, "elapsed_s": 0.2, "error": "timeout" if failed else None})
    store.record_probes(rows)
    return ids


def test_status_prints_probes_failures_ratio_and_last_failure(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 's.db'}"
    _seed(Store(db))
    result = CliRunner().invoke(monitor_app, ["status", "--db", db, "--json"])
    assert result.exit_code == 0, result.output
    sites = {s["id_code"]: s for s in json.loads(result.stdout)["sites"]}
    assert sites["6100000001"]["failed"] == 0 and sites["6100000001"]["status"] == "pass"
    b = sites["6100000002"]
    assert b["probes"] == 168 and b["failed"] == 17 and b["w_v2"] is True and b["last_failure"]
    table = CliRunner(env={"COLUMNS": "200"}).invoke(monitor_app, ["status", "--db", db])
    assert table.exit_code == 0 and "单项否决" in table.stdout and "甲<b>网站</b>" in table.stdout


def test_campaign_and_store_targets(tmp_path: Path) -> None:
    store = Store(f"sqlite:///{tmp_path / 'c.db'}")
    ids = _seed(store)
    campaign = store.create_campaign({"name": "第一季度", "as_of": AS_OF}, [ids["6100000002"]])
    assert [t.key for t in targets_from(store, campaign=campaign)] == ["6100000002"]
    assert {t.key for t in targets_from(store)} == set(ids)


def test_one_probe_per_host_at_a_time(tmp_path: Path) -> None:
    config = WorldConfig(seed=1, sites=3, as_of=AS_OF, availability=True, hazards=False, latency_ms=150)
    with serve_world(config, tmp_path / "slow") as world:
        store = Store("sqlite://")
        plan = next(p for p in world.plans if p.down_fraction == 0)
        sites = [Site(f"61000000{i:02d}", f"站点{i}", plan.home) for i in range(4)]  # four entries, one host
        ids = store.upsert_sites(sites)
        targets = [Target(ids[s.id_code], s.id_code, s.url) for s in sites]
        at = datetime(2026, 11, 2, 9)
        asyncio.run(run_monitor(store, targets, VirtualClock(at), MonitorSettings(), world.connect_to,
                                until=at + timedelta(minutes=1), schedule=AtInstants([at])))
        assert world.running.app.stats.per_host[plan.host] == 4
        assert world.running.app.stats.max_in_flight[plan.host] == 1
        assert all([r.outcome for r in store.probes(t.site_id)] == ["ok"] for t in targets)
