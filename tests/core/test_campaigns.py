"""Sampling (抽查) is reproducible from its seed and keeps every stratum represented."""
from __future__ import annotations

import pytest

from govinspect.campaigns import parse_share, plan_scope
from govinspect.errors import ConfigError
from govinspect.models import Site


def sites() -> list[Site]:
    out = []
    for region in ("610802", "610803", "610822"):
        for i in range(10):
            out.append(Site(f"{region}{i:04d}", f"站{region}{i}", f"http://s{region}{i}.gov.cn/", region_code=region,
                            kind="portal" if i == 0 else "department", level="county_portal" if i == 0 else "below_county"))
    return out


def test_same_seed_same_sample() -> None:
    a = plan_scope(sites(), 0.3, ("region",), seed=7)
    b = plan_scope(sites(), 0.3, ("region",), seed=7)
    assert [s.id_code for s in a.sites] == [s.id_code for s in b.sites] and len(a.sites) == 9


def test_every_region_is_sampled() -> None:
    chosen = plan_scope(sites(), 0.3, ("region",), seed=1).sites
    assert {s.region_code for s in chosen} == {"610802", "610803", "610822"}


def test_full_coverage_without_share() -> None:
    scope = plan_scope(sites())
    assert scope.label == "全覆盖" and len(scope.sites) == 30


@pytest.mark.parametrize("text, value", [("30%", 0.3), ("0.5", 0.5), ("100%", 1.0)])
def test_parse_share(text: str, value: float) -> None:
    assert parse_share(text) == pytest.approx(value)


@pytest.mark.parametrize("text", ["abc", "0", "150%"])
def test_parse_share_rejects(text: str) -> None:
    with pytest.raises(ConfigError):
        parse_share(text)
