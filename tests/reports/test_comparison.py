"""Period comparison in the seed-004 form (before → after, change in %)."""
from __future__ import annotations

from typing import Any

from govinspect.reports.comparison import compare
from govinspect.reports.result import CampaignResult


def _result(blank_now: list[int], previous: dict[str, Any] | None) -> CampaignResult:
    sites = [{"name": f"s{n}", "verdict": "合格", "stats": {"blank_columns": b}} for n, b in enumerate(blank_now)]
    return CampaignResult.from_json({"campaign": {"period": "本期", "previous": previous}, "sites": sites})


def test_seed_004_sentence() -> None:
    result = _result([2, 3, 2, 2.2], {"period": "普查前", "summary": {"blank_columns_per_site": 20}})
    (change,) = [c for c in compare(result) if c.measure.key == "blank_columns_per_site"]
    assert change.after == 2.3
    assert change.sentence() == "空白栏目数由上期平均每网站20个降至2.3个，下降88.5%"


def test_only_measures_both_periods_have() -> None:
    result = _result([1], {"period": "上期", "summary": {"pass_rate": 0.5}})
    assert [c.measure.key for c in compare(result)] == ["pass_rate"]
    assert compare(result)[0].sentence() == "合格率由上期50%升至100%，上升100%"


def test_previous_sites_are_averaged() -> None:
    previous = {"campaign": {"period": "上期"}, "sites": [{"stats": {"blank_columns": 4}}, {"stats": {"blank_columns": 2}}]}
    blank = [c for c in compare(_result([3, 3], previous)) if c.measure.key == "blank_columns_per_site"][0]
    assert (blank.before, blank.after, blank.change_text) == (3.0, 3.0, "持平")


def test_no_previous_no_comparison() -> None:
    assert compare(_result([1], None)) == []
