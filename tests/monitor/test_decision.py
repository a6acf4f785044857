"""The W-V2 decision: ratio threshold, full days, longest outage, evidence, and the store's probe log."""
from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from govinspect.models import Probe, Site
from govinspect.monitor.decision import Thresholds, decide, longest_outage, window
from govinspect.monitor.service import site_probes
from govinspect.store.db import Store

START = datetime(2026, 11, 2)


def week(days: int = 7, per_day: int = 24, failed_slots: set[int] = frozenset()) -> list[Probe]:
    probes = []
    for i in range(days * per_day):
        at = START + timedelta(seconds=i * 86400 // per_day + 17)
        ok = i not in failed_slots
        probes.append(Probe(at, ok, 200 if ok else None, 0.1, None if ok else "connect"))
    return probes


def test_fires_at_five_percent_and_not_below() -> None:
    assert decide(week(failed_slots=set(range(0, 168, 18)))).status == "veto"  # 10/168 = 6.0 %
    assert decide(week(failed_slots=set(range(8)))).status == "pass"  # 8/168 = 4.8 %
    exact = Thresholds(fail_ratio=0.05)
    probes = week(days=7, per_day=20, failed_slots=set(range(7)))  # 7/140 = 5.0 % exactly: ≥ fires
    assert decide(probes, exact).status == "veto"


def test_fewer_than_seven_full_days_is_insufficient_not_a_pass() -> None:
    six = decide(week(days=6, failed_slots=set(range(100))))
    assert six.status == "insufficient" and not six.fires
    thin = decide(week(days=7, per_day=19))  # 19 a day is not a full day (spec: at least 20)
    assert thin.status == "insufficient" and thin.full_days == 0
    assert decide(week(days=7, per_day=20)).status == "pass"


def test_longest_outage_runs_to_the_next_success() -> None:
    probes = week(failed_slots={5, 6, 7, 30})
    seconds, since = longest_outage(probes)
    assert seconds == pytest.approx(3 * 3600)
    assert since == probes[5].at
    assert longest_outage(week()) == (0.0, None)


def test_evidence_lists_the_failed_probes_in_chinese() -> None:
    decision = decide(week(failed_slots=set(range(30, 60))))
    evidence = decision.evidence()
    assert evidence["失败次数"] == 30 and evidence["探测次数"] == 168
    assert evidence["失败比例"] == "17.9%"
    assert len(evidence["失败记录(前20条)"]) == 20
    assert evidence["失败记录(前20条)"][0]["错误"] == "connect"
    assert decision.detail()["status"] == "veto"


def test_window_is_the_whole_days_before_as_of() -> None:
    assert window(datetime(2026, 11, 9, 15, 30), 7) == (START, datetime(2026, 11, 9))


def test_site_probes_leave_out_missed_slots_and_other_weeks() -> None:
    store = Store("sqlite://")
    sid = store.upsert_sites([Site("6100000001", "测试网站", "http://www.test.gov.cn/")])["6100000001"]
    rows = [{"site_id": sid, "slot": START + timedelta(hours=h), "at": START + timedelta(hours=h, seconds=3),
             "outcome": ("ok", "failed", "missed")[h % 3], "status": 200, "elapsed_s": 0.1}
            for h in range(-24, 8 * 24)]
    assert store.record_probes(rows) == len(rows)
    assert store.record_probes(rows[:10]) == 0  # idempotent on (site, slot)
    probes = site_probes(store, sid, datetime(2026, 11, 9, 8), days=7)
    assert len(probes) == 7 * 24 * 2 // 3
    assert all(START <= p.at < datetime(2026, 11, 9) for p in probes)
    assert sum(not p.ok for p in probes) == 7 * 24 // 3
