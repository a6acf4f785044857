"""The bench profile and the defect mix of the default profile (in-process, no network)."""
from __future__ import annotations

from collections import Counter
from datetime import datetime

import pytest

from govinspect.world.config import WorldConfig
from govinspect.world.defects import HAZARD_KINDS, NEGATIVE_KINDS
from govinspect.world.labels import build_labels
from govinspect.world.world import World
from govinspect.evaluate import label_key, scope_of

AS_OF = datetime(2026, 11, 23)


def test_bench_profile() -> None:
    world = World(WorldConfig(seed=2, sites=8, as_of=AS_OF, profile="bench"))
    labels = build_labels(world)
    assert not labels["world"]["hazards"]
    assert all(p.category != "down" and p.hazard is None for p in world.plans)
    for plan in world.plans:
        dead = [d["url"] for d in plan.labels if d["indicator"] == "W-D4.4" and "/attach/登记表" not in d["url"]]
        assert len(dead) >= 16 and len(set(dead)) == len(dead)
        assert world.answer(plan.host, "/hazard/bomb.html", {}, False).status == 404
    assert {p.encoding for p in world.plans} == {"utf-8", "gbk"}
    assert {p.charset_header for p in world.plans} == {True, False}
    assert world.model(world.plans[0]).items.count("zwyw") >= 16 + (465 - 60) // 40


def test_default_mix_in_a_small_world() -> None:
    labels = build_labels(World(WorldConfig(seed=9, sites=30, as_of=AS_OF)))
    verdicts = Counter(s["expected"]["verdict"] for s in labels["sites"])
    assert verdicts["合格"] > verdicts["不合格"] > 0
    assert {n["kind"] for n in labels["negatives"]} == set(NEGATIVE_KINDS)
    assert {h["kind"] for h in labels["world"]["hazards"]} == set(HAZARD_KINDS)
    hijacked = {d["site"] for d in labels["defects"] if d["indicator"] in ("W-V1.3", "W-V1.4")}
    assert 1 <= len(hijacked) <= 3


def test_as_of_moves_every_date() -> None:
    a = World(WorldConfig(seed=1, sites=3, as_of=AS_OF))
    b = World(WorldConfig(seed=1, sites=3, as_of=datetime(2026, 6, 1)))
    host = a.plans[0].host
    assert a.answer(host, "/col/zwyw/", {}, False).body != b.answer(host, "/col/zwyw/", {}, False).body


@pytest.mark.parametrize("seed", [1, 2, 3, 4, 5, 6])
def test_labels_are_unique_and_consistent(seed: int) -> None:
    world = World(WorldConfig(seed=seed, sites=90, as_of=AS_OF))
    labels = build_labels(world)
    keys = [label_key(d) for d in labels["defects"]]
    assert len(keys) == len(set(keys)), Counter(keys).most_common(3)
    negatives = {(n["site"], n["url"], i) for n in labels["negatives"] for i in n["indicators"]}
    sites_negated = {(n["site"], i) for n in labels["negatives"] for i in n["indicators"]}
    for d in labels["defects"]:
        if scope_of(d["indicator"]) == "url":
            assert (d["site"], d["url"], d["indicator"]) not in negatives, d
        else:  # a site-scope defect contradicts any negative of the same indicator on that site
            assert (d["site"], d["indicator"]) not in sites_negated, d
    for plan in world.plans:
        if "personnel_idle_10_months" in plan.negatives_kinds:
            assert plan.ages["rsxx"] == 300
        if "few_recent" in plan.negatives_kinds:
            assert "bmdt" in plan.few and plan.ages["bmdt"] == 3
