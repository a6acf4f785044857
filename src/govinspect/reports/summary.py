"""Figures every report shares: 合格率 overall / by region / by level, problems grouped by indicator family."""
from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from ..indicators.catalog import BY_ID
from .result import CampaignResult, FindingRecord, SiteRecord

LEVEL_NAMES = {
    "state_council_dept": "国务院部门网站", "province_portal": "省级政府门户网站", "province_dept": "省级政府部门网站",
    "city_portal": "市级政府门户网站", "city_dept": "市级政府部门网站", "county_portal": "县级政府门户网站",
    "county_dept": "县级政府部门网站", "below_county": "县级以下政府网站", "portal": "政府门户网站",
    "department": "部门网站",
}
FAMILY_ORDER = ("单项否决", "发布解读", "办事服务", "互动交流", "功能设计", "技术规范", "政务新媒体", "其他")


def percent(value: float | None) -> str:
    """0.943 → '94.3%'; whole percentages without the decimal."""
    if value is None:
        return "—"
    text = f"{value * 100:.1f}"
    return (text[:-2] if text.endswith(".0") else text) + "%"


def number(value: float | None) -> str:
    """A count or score for display: integers without '.0'."""
    if value is None:
        return "—"
    return str(int(value)) if float(value).is_integer() else f"{value:.1f}"


@dataclass(frozen=True, slots=True)
class Tally:
    label: str
    total: int
    passed: int

    @property
    def rate(self) -> float | None:
        return self.passed / self.total if self.total else None

    @property
    def rate_text(self) -> str:
        return percent(self.rate)


def tally(label: str, sites: Iterable[SiteRecord]) -> Tally:
    listed = list(sites)
    return Tally(label, len(listed), sum(1 for s in listed if s.passed))


def _grouped(result: CampaignResult, key: Callable[[SiteRecord], str]) -> list[Tally]:
    groups: dict[str, list[SiteRecord]] = {}
    for site in result.sites:
        groups.setdefault(key(site), []).append(site)
    return [tally(label, sites) for label, sites in groups.items()]


def level_name(level: str) -> str:
    return LEVEL_NAMES.get(level, level or "未注明类别")


def by_region(result: CampaignResult) -> list[Tally]:
    """Tallies per region in order of first appearance (the registry's order)."""
    return _grouped(result, lambda s: s.region)


def by_level(result: CampaignResult) -> list[Tally]:
    order = list(LEVEL_NAMES)
    tallies = _grouped(result, lambda s: level_name(s.level))
    names = [LEVEL_NAMES[k] for k in order]
    return sorted(tallies, key=lambda t: names.index(t.label) if t.label in names else len(names))


def overall(result: CampaignResult) -> Tally:
    return tally("全部", result.sites)


@dataclass(frozen=True, slots=True)
class SiteMention:
    """One site under one indicator: how many findings, and whether all still await a person."""

    site: SiteRecord
    count: int
    review_only: bool


@dataclass(frozen=True, slots=True)
class IndicatorProblems:
    indicator: str
    title: str
    mentions: tuple[SiteMention, ...]


def _family_rank(family: str) -> int:
    return FAMILY_ORDER.index(family) if family in FAMILY_ORDER else len(FAMILY_ORDER)


def _indicator_rank(indicator: str) -> int:
    ids = list(BY_ID)
    return ids.index(indicator) if indicator in ids else len(ids)


def problems_by_family(result: CampaignResult) -> dict[str, list[IndicatorProblems]]:
    """Family → indicators (catalogue order) → the sites with that problem, from the findings."""
    found: dict[tuple[str, str], dict[str, list[FindingRecord]]] = {}
    titles: dict[str, str] = {}
    sites = {s.id_code or s.name: s for s in result.sites}
    for site in result.sites:
        for f in site.problems:
            found.setdefault((f.family, f.indicator), {}).setdefault(site.id_code or site.name, []).append(f)
            titles.setdefault(f.indicator, BY_ID[f.indicator].title if f.indicator in BY_ID else f.title)
    families: dict[str, list[IndicatorProblems]] = {}
    for family, indicator in sorted(found, key=lambda k: (_family_rank(k[0]), _indicator_rank(k[1]))):
        per_site = found[(family, indicator)]
        mentions = tuple(SiteMention(sites[key], len(fs), all(f.needs_review for f in fs))
                         for key, fs in per_site.items())
        families.setdefault(family, []).append(IndicatorProblems(indicator, titles[indicator], mentions))
    return families


def outstanding_problems(site: SiteRecord) -> str:
    """The 存在的突出问题 cell: veto titles for a vetoed site, else the low score and its main deductions."""
    def titles(findings: Iterable[FindingRecord]) -> list[str]:
        seen: list[str] = []
        for f in findings:
            title = BY_ID[f.indicator].title if f.indicator in BY_ID else f.title
            label = title + ("(待人工核实)" if f.needs_review else "")
            if label not in seen:
                seen.append(label)
        return seen

    if site.vetoed:
        return "、".join(titles(f for f in site.findings if f.part == "veto")) or "单项否决"
    main = sorted((f for f in site.findings if f.part == "deduct"), key=lambda f: -(f.points or 0))
    head = f"扣分指标得分{number(site.score)}分，低于60分" if site.score is not None else "不合格"
    listed = titles(main)[:3]
    return head + ("；主要问题：" + "、".join(listed) if listed else "")
