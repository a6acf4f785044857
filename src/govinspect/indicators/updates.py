"""Update indicators: 首页不更新 W-V3, 栏目不更新 W-V4.1–4.3, and the per-column deductions W-D1.4–1.9.

One (column, problem) pair is judged once (spec §1.1.6): a blank column is never also stale, and the
site-level vetoes count the same per-column problems the deductions list.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Iterator

from ..columns import class_name, column_classes
from ..models import Column, Finding
from .base import Context, fmt_date, finding, indicator



@dataclass(frozen=True, slots=True)
class ColumnProblem:
    column: Column
    kind: str  # "blank" | "stale"
    cutoff: date | None = None

    @property
    def indicator(self) -> str:
        if self.kind == "blank":
            return "W-D1.8"
        cls, level = self.column.cls, self.column.level
        if cls == "dynamic":
            return "W-D1.4"
        if cls == "policy" and level == 1:
            return "W-D1.5"
        if cls == "notice":
            return "W-D1.6"
        if cls in ("personnel", "plan"):
            return "W-D1.7"
        return "W-D1.9"

    @property
    def counts_for_v41(self) -> bool:
        """W-V4.1 counts stale 动态要闻 columns plus stale first-level 通知公告/政策文件 columns."""
        return self.kind == "stale" and (self.column.cls == "dynamic"
                                         or (self.column.cls in ("notice", "policy") and self.column.level == 1))


def column_problems(ctx: Context) -> list[ColumnProblem]:
    return ctx.memo("column_problems", lambda: _column_problems(ctx))


def _column_problems(ctx: Context) -> list[ColumnProblem]:
    problems: list[ColumnProblem] = []
    for column in ctx.snapshot.columns:
        problem = _problem(ctx, column)
        if problem is not None:
            problems.append(problem)
    return problems


def _problem(ctx: Context, column: Column) -> ColumnProblem | None:
    if not column.reachable:
        return None
    if ctx.is_blank(column):
        return ColumnProblem(column, "blank")
    if not column.items:  # a navigation node over columns with content, or a list filled by script
        return None
    cutoff = _cutoff(ctx, column.cls)
    if cutoff is None:
        return None
    newest = column.newest
    return ColumnProblem(column, "stale", cutoff) if newest is None or newest < cutoff else None


def _cutoff(ctx: Context, cls: str) -> date | None:
    _, windows = column_classes()
    key = windows.get(cls)
    if key is None:
        return None
    value = ctx.t(key)
    return ctx.days_ago(value) if key.endswith("_days") else ctx.months_ago(value)


def _column_evidence(p: ColumnProblem, today: date) -> dict[str, object]:
    c = p.column
    if p.kind == "blank":
        reason = f"栏目显示“{c.blank_marker}”" if c.blank_marker else "栏目列表为空，且无有内容的子栏目"
        return {"栏目": c.name, "问题": "空白栏目", "说明": reason}
    newest = c.newest
    return {"栏目": c.name, "类别": f"{class_name(c.cls)}类", "栏目层级": c.level,
            "最新信息日期": fmt_date(newest), "应更新起点": fmt_date(p.cutoff), "监测时间点": today.isoformat(),
            "说明": "栏目信息均无发布日期，视为未更新" if newest is None else "超过规定期限未更新"}


@indicator("W-D1.4")
def stale_dynamic(ctx: Context) -> Iterator[Finding]:
    yield from _column_findings(ctx, "W-D1.4")


@indicator("W-D1.5")
def stale_policy(ctx: Context) -> Iterator[Finding]:
    yield from _column_findings(ctx, "W-D1.5")


@indicator("W-D1.6")
def stale_notice(ctx: Context) -> Iterator[Finding]:
    yield from _column_findings(ctx, "W-D1.6")


@indicator("W-D1.7")
def stale_personnel_plan(ctx: Context) -> Iterator[Finding]:
    yield from _column_findings(ctx, "W-D1.7")


@indicator("W-D1.8")
def blank_columns(ctx: Context) -> Iterator[Finding]:
    yield from _column_findings(ctx, "W-D1.8")


@indicator("W-D1.9")
def stale_other(ctx: Context) -> Iterator[Finding]:
    yield from _column_findings(ctx, "W-D1.9")


def _column_findings(ctx: Context, indicator_id: str) -> Iterator[Finding]:
    for p in column_problems(ctx):
        if p.indicator == indicator_id:
            yield finding(indicator_id, p.column.url, _column_evidence(p, ctx.today),
                          detail={"column": p.column.name, "class": p.column.cls, "level": p.column.level})


@indicator("W-V4.1")
def many_stale_news_and_policy(ctx: Context) -> Iterator[Finding]:
    counted = [p for p in column_problems(ctx) if p.counts_for_v41]
    yield from _count_veto(ctx, "W-V4.1", counted, int(ctx.t("stale_dynamic_policy_veto")))


@indicator("W-V4.2")
def many_should_update_stale(ctx: Context) -> Iterator[Finding]:
    yield from _count_veto(ctx, "W-V4.2", column_problems(ctx), int(ctx.t("stale_any_veto")))


@indicator("W-V4.3")
def many_blank(ctx: Context) -> Iterator[Finding]:
    blank = [p for p in column_problems(ctx) if p.kind == "blank"]
    yield from _count_veto(ctx, "W-V4.3", blank, int(ctx.t("blank_veto")))


def _count_veto(ctx: Context, indicator_id: str, problems: list[ColumnProblem], threshold: int) -> Iterator[Finding]:
    if len(problems) < threshold:
        return
    listed = [{"栏目": p.column.name, "地址": p.column.url, "问题": "空白" if p.kind == "blank" else "未更新",
               "最新信息日期": fmt_date(p.column.newest)} for p in problems]
    yield finding(indicator_id, ctx.home_url, {"数量": len(problems), "阈值": threshold, "栏目": listed},
                  detail={"count": len(problems), "threshold": threshold})


@indicator("W-V3")
def home_not_updated(ctx: Context) -> Iterator[Finding]:
    home = ctx.home
    if home is None:
        return
    cutoff = ctx.days_ago(ctx.t("home_stale_days"))
    items = [i for lst in home.lists for i in lst.items]
    if not any(i.date for i in items) and ctx.snapshot.home_history:
        yield from _unchanged_news(ctx)  # no dates to read: the monitor saw whether the news area changed
        return
    if items:
        dates = [i.date for i in items if i.date]
        newest = max(dates) if dates else None
        if newest is None or newest < cutoff:
            yield finding("W-V3", home.url, {"首页最新信息日期": fmt_date(newest), "应更新起点": cutoff.isoformat(),
                                             "监测时间点": ctx.today.isoformat(), "首页信息条数": len(items)})
        return
    yield from _navigation_home(ctx, cutoff)


def _unchanged_news(ctx: Context) -> Iterator[Finding]:
    from ..monitor.changes import news_unchanged, observations

    obs = observations([(p.at, p.fingerprint) for p in ctx.snapshot.home_history if p.ok])
    decision = news_unchanged(obs, ctx.snapshot.as_of, int(ctx.t("home_stale_days")))
    if decision.stale:
        yield finding("W-V3", ctx.home_url, {"依据": "可用性监测记录的首页信息区指纹", "首页信息区最后变化":
                                             decision.last_change.isoformat(timespec="minutes") if decision.last_change else "监测期内未变化",
                                             "监测起点": decision.first_seen.isoformat(timespec="minutes") if decision.first_seen else None,
                                             "观测次数": decision.observations, "说明": "首页未显示发布日期，两周内信息区内容无变化"},
                      detail={"basis": "fingerprints"})


def _navigation_home(ctx: Context, cutoff: date) -> Iterator[Finding]:
    """A home page with no list is a navigation entry: judge its second-level pages (spec W-V3)."""
    second = [c for c in ctx.snapshot.columns if c.level == 1 and c.items]
    if not second:
        return
    newest = max((c.newest for c in second if c.newest), default=None)
    if newest is None or newest < cutoff:
        yield finding("W-V3", ctx.home_url, {"说明": "首页为导航页，所有二级页面均未更新",
                                              "二级页面最新信息日期": fmt_date(newest), "应更新起点": cutoff.isoformat(),
                                              "二级页面": [c.url for c in second[:10]]})


CHECKS = (stale_dynamic, stale_policy, stale_notice, stale_personnel_plan, blank_columns, stale_other,
          many_stale_news_and_policy, many_should_update_stale, many_blank, home_not_updated)
