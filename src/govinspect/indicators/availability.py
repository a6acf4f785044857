"""站点无法访问 W-V2 (spec W-V2): from a week of availability probes when the monitor has them, else from
the inspection's own spaced attempts at the home page, which must all have failed."""
from __future__ import annotations

from typing import Iterator

from ..models import Finding, Probe
from .base import Context, finding, indicator

MIN_INSPECTION_PROBES = 3


def _log(probes: list[Probe]) -> list[dict[str, object]]:
    return [{"时间": p.at.isoformat(timespec="seconds"), "状态": p.status, "错误": p.error} for p in probes[:20]]


def _weekly(ctx: Context, probes: list[Probe]) -> Iterator[Finding]:
    from ..monitor.decision import Thresholds, decide

    thresholds = Thresholds(ctx.t("availability_fail_ratio"), int(ctx.t("availability_min_days")),
                            int(ctx.t("availability_probes_per_day")))
    decision = decide(probes, thresholds)
    if decision.fires:
        yield finding("W-V2", ctx.home_url, {"依据": "一周可用性监测", **decision.evidence()},
                      detail={"basis": "monitor", **decision.detail()})


def _inspection(ctx: Context, probes: list[Probe]) -> Iterator[Finding]:
    if ctx.home is not None or len(probes) < MIN_INSPECTION_PROBES or any(p.ok for p in probes):
        return
    span = (probes[-1].at - probes[0].at).total_seconds()
    yield finding("W-V2", ctx.home_url, {"依据": "本次检查期间的首页探测（无一周监测数据）",
                                         "说明": f"首页 {len(probes)} 次探测均无法打开（历时 {span:.0f} 秒）",
                                         "探测记录": _log(probes), "建议": "以 govinspect monitor 一周监测数据复核"},
                  confidence=0.8, detail={"basis": "inspection", "probes": len(probes), "failed": len(probes)})


@indicator("W-V2")
def unavailable(ctx: Context) -> Iterator[Finding]:
    probes = sorted(ctx.snapshot.probes, key=lambda p: p.at)
    if not probes:
        return
    span_days = (probes[-1].at - probes[0].at).total_seconds() / 86400
    if span_days >= ctx.t("availability_min_days") - 1 / 24:
        yield from _weekly(ctx, probes)
    else:
        yield from _inspection(ctx, probes)


CHECKS = (unavailable,)
