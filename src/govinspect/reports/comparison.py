"""Period comparison (seed 004 style): per-site averages before → after, with the change in percent."""
from __future__ import annotations

from dataclasses import dataclass

from .result import CampaignResult, SiteRecord
from .summary import number, percent


@dataclass(frozen=True, slots=True)
class Measure:
    key: str  # the key a previous period's `summary` may give directly
    label: str  # 空白栏目数
    per_site: bool  # True: "平均每网站N个"; False: a rate
    stat: str  # the site stats key it is computed from


MEASURES: tuple[Measure, ...] = (
    Measure("blank_columns_per_site", "空白栏目数", True, "blank_columns"),
    Measure("stale_columns_per_site", "更新不及时栏目数", True, "stale_columns"),
    Measure("home_unavailable_rate", "首页不可用率", False, "home_unavailable"),
    Measure("dead_links_per_site", "链接不可用数", True, "links_dead"),
    Measure("pass_rate", "合格率", False, ""),
)


@dataclass(frozen=True, slots=True)
class Change:
    measure: Measure
    before: float
    after: float

    @property
    def change(self) -> float | None:
        """Relative change after vs before (−0.885 = down 88.5%); None when before is 0."""
        return (self.after - self.before) / self.before if self.before else None

    def value_text(self, value: float) -> str:
        return f"平均每网站{number(round(value, 1))}个" if self.measure.per_site else percent(value)

    @property
    def change_text(self) -> str:
        if self.after == self.before:
            return "持平"
        verb = "上升" if self.after > self.before else "下降"
        return verb + (percent(abs(self.change)) if self.change is not None else "")

    def sentence(self) -> str:
        """'空白栏目数由上期平均每网站20个降至2.3个，下降88.5%' in the notice's wording."""
        if self.after == self.before:
            return f"{self.measure.label}与上期持平（{self.value_text(self.after)}）"
        move = "升至" if self.after > self.before else "降至"
        after = self.value_text(self.after).replace("平均每网站", "") if self.measure.per_site else percent(self.after)
        return f"{self.measure.label}由上期{self.value_text(self.before)}{move}{after}，{self.change_text}"


def _site_value(site: SiteRecord, measure: Measure) -> float:
    if not measure.stat:
        return 1.0 if site.passed else 0.0
    value = site.stats.get(measure.stat)
    if isinstance(value, bool):
        return 1.0 if value else 0.0
    try:
        return float(value or 0)
    except (TypeError, ValueError):
        return 0.0


def figure(result: CampaignResult, measure: Measure) -> float | None:
    """The measure for one period: given in its summary, else averaged over its sites."""
    if measure.key in result.summary:
        return float(result.summary[measure.key])
    if not result.sites:
        return None
    return sum(_site_value(s, measure) for s in result.sites) / len(result.sites)


def compare(result: CampaignResult) -> list[Change]:
    """Every measure both periods have; empty when there is no previous period."""
    if result.previous is None:
        return []
    changes: list[Change] = []
    for measure in MEASURES:
        before, after = figure(result.previous, measure), figure(result, measure)
        if before is not None and after is not None:
            changes.append(Change(measure, before, after))
    return changes
