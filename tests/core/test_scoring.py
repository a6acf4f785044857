"""Scoring against hand-worked examples, one per branch of spec §1 (gov2019) and §1.2 (census2015)."""
from __future__ import annotations

from pathlib import Path

import pytest

from govinspect.errors import ConfigError
from govinspect.indicators.catalog import spec
from govinspect.models import Finding
from govinspect.scoring import load_profile, score_site

GOV = load_profile("gov2019")
CENSUS = load_profile("census2015")


def f(indicator: str, points: float | None = None, *, review: bool = False, on_home: bool = False) -> Finding:
    s = spec(indicator)
    return Finding(indicator, s.title, s.part, points, "http://www.example.gov.cn/", "e", 1.0, review,
                   {"on_home": True} if on_home else None)


def test_mechanical_veto_fails_without_score() -> None:
    result = score_site([f("W-V4.3"), f("W-D1.8")], GOV)
    assert (result.verdict, result.score, result.vetoed) == ("不合格", None, True)
    assert "W-V4.3" in result.arithmetic[0]


def test_veto_needing_review_does_not_decide_alone() -> None:
    result = score_site([f("W-V1.1", review=True)], GOV)
    assert (result.verdict, result.vetoed, result.pending_review) == ("合格", False, ["W-V1.1"])


def test_disabled_veto_is_reported_but_not_deciding() -> None:
    result = score_site([f("W-V6.2", review=False)], GOV)
    assert result.verdict == "合格" and result.pending_review == []


def test_deductions_are_capped_per_indicator() -> None:
    # 7 blank columns × 1 = 7, capped at 4; one stale policy column 5: 100 − 9 = 91.
    result = score_site([f("W-D1.8")] * 7 + [f("W-D1.5")], GOV)
    assert result.score == 91 and result.verdict == "合格"


def test_home_page_links_use_their_own_bucket() -> None:
    # home: 3 × 1 = 3; other pages: 50 × 0.1 = 5 → cap 3: 100 − 6 = 94.
    result = score_site([f("W-D4.4", on_home=True)] * 3 + [f("W-D4.4")] * 50, GOV)
    assert result.score == 94


def test_below_sixty_fails() -> None:
    ids = {"W-D1.1": 2, "W-D1.2": 2, "W-D1.3": 2, "W-D1.4": 5, "W-D1.5": 1, "W-D1.6": 3, "W-D1.7": 3, "W-D1.8": 4,
           "W-D1.9": 6, "W-D1.10": 3, "W-D2.1": 5, "W-D2.2": 4, "W-D2.3": 3, "W-D3.1": 1, "W-D3.3": 1,
           "W-D3.5": 1, "W-D3.8": 3}
    findings = [f(i) for i, n in ids.items() for _ in range(n)]
    result = score_site(findings, GOV)
    # W-D1: 4+3+3+5+5+3+3+4+3+6 = 39 → group cap 35; W-D2: 10+4+5 = 19; W-D3: 3+2+3+3 = 11 → 100 − 65 = 35.
    assert result.score == 35 and result.verdict == "不合格" and not result.vetoed


def test_between_sixty_and_eighty_gets_no_bonus() -> None:
    findings = [f("W-D1.5"), f("W-D2.1")] * 5 + [f("W-D4.1")] * 3 + [f("W-B1", 10)]
    # W-D1.5 cap 5, W-D2.1 10 → cap 10, W-D4.1 6: 100 − 21 = 79; bonus not counted.
    result = score_site(findings, GOV)
    assert result.score == 79 and result.verdict == "合格"


def test_exactly_eighty_gets_no_bonus() -> None:
    # W-D2.1 10 (cap) + W-D1.5 5 + W-D1.10 4 + W-D4.10 1 = 20 → exactly 80: the bonus needs > 80.
    findings = [f("W-D2.1")] * 5 + [f("W-D1.5"), f("W-D1.10"), f("W-D1.10"), f("W-D4.10"), f("W-B2", 5)]
    result = score_site(findings, GOV)
    assert result.score == 80 and any("不计入" in line for line in result.arithmetic)


def test_above_eighty_portal_gets_capped_bonus() -> None:
    result = score_site([f("W-D1.5"), f("W-B1", 20), f("W-B3", 15)], GOV)
    assert result.score == 95 + 30


def test_bonus_only_for_portals() -> None:
    result = score_site([f("W-B1", 20)], GOV, is_portal=False)
    assert result.score == 100


def test_no_external_service_skips_services_and_scales() -> None:
    # 办事服务 findings ignored; raw = 75 − 6 (W-D1.10 × 3) = 69 → × 4/3 = 92.
    findings = [f("W-D2.1")] * 5 + [f("W-D1.10")] * 3
    result = score_site(findings, GOV, external_service=False)
    assert result.score == 92 and result.verdict == "合格"


def test_no_external_service_scaling_applies_before_threshold() -> None:
    # raw 75 − 35 (W-D1 cap) − 2 = 38 → 50.7 < 60 → 不合格.
    findings = [f(i) for i in ("W-D1.1", "W-D1.2", "W-D1.3", "W-D1.9") for _ in range(10)] + \
               [f("W-D1.4")] * 5 + [f("W-D1.5"), f("W-D1.6")] * 3 + [f("W-D1.8")] * 4 + [f("W-D1.10")] * 3 + [f("W-D4.1")]
    result = score_site(findings, GOV, external_service=False)
    assert result.score == 50.7 and result.verdict == "不合格"


def test_census2015_fails_above_forty_deducted() -> None:
    # 2019 ids map onto P15-D2.2 (5 each, cap 40) and P15-D4.1 (2 each): 40 + 2 = 42 > 40.
    findings = [f("W-D1.4")] * 9 + [f("W-D2.1")]
    result = score_site(findings, CENSUS)
    assert result.verdict == "不合格" and result.score == 58


def test_census2015_exactly_forty_passes() -> None:
    result = score_site([f("W-D1.4")] * 8, CENSUS)
    assert result.verdict == "合格" and result.score == 60


def test_census2015_maps_vetoes() -> None:
    result = score_site([f("W-V3")], CENSUS)
    assert result.vetoed and "P15" not in result.arithmetic[0]


def test_deductions_for_portals_only_profile(tmp_path: Path) -> None:
    text = (Path(__file__).parents[2] / "src/govinspect/profiles/gov2019.toml").read_text(encoding="utf-8")
    path = tmp_path / "local.toml"
    path.write_text(text.replace('deductions_apply_to = "all"', 'deductions_apply_to = "portals"'), encoding="utf-8")
    result = score_site([f("W-D1.5")], load_profile(path), is_portal=False)
    assert result.score == 100


@pytest.mark.parametrize("change, message", [
    (('pass_line = 60', 'pass_line = -1'), "pass_line"),
    (('"W-D1.1" = { each = 2, cap = 4 }', '"W-X9" = { each = 2, cap = 4 }'), "W-X9"),
    (('"W-D1.1" = { each = 2, cap = 4 }', '"W-D1.1" = 2'), "W-D1.1"),
    (('deductions_apply_to = "all"', 'deductions_apply_to = "some"'), "deductions_apply_to"),
    (('[thresholds]', '[thresholdz]'), "thresholds"),
])
def test_profile_errors_say_what_and_where(tmp_path: Path, change: tuple[str, str], message: str) -> None:
    text = (Path(__file__).parents[2] / "src/govinspect/profiles/gov2019.toml").read_text(encoding="utf-8")
    assert change[0] in text
    path = tmp_path / "bad.toml"
    path.write_text(text.replace(change[0], change[1]), encoding="utf-8")
    with pytest.raises(ConfigError) as err:
        load_profile(path)
    assert message in err.value.message and str(path) in err.value.message
