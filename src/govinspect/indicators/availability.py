"""站点无法访问 W-V2: decided from a week of availability probes (spec W-V2), never from one crawl."""
from __future__ import annotations

from typing import Iterator

from ..models import Finding
from .base import Context, finding, indicator


@indicator("W-V2")
def unavailable(ctx: Context) -> Iterator[Finding]:
    probes = [p for p in ctx.snapshot.probes]
    if not probes:
        return
    span_days = (max(p.at for p in probes) - min(p.at for p in probes)).total_seconds() / 86400
    if span_days < ctx.t("availability_min_days") - 1 / 24:
        return  # fewer than 7 full days: no decision (reported by the monitor as insufficient data)
    failed = [p for p in probes if not p.ok]
    ratio = len(failed) / len(probes)
    if ratio >= ctx.t("availability_fail_ratio"):
        log = [{"时间": p.at.isoformat(timespec="seconds"), "状态": p.status, "错误": p.error} for p in failed[:20]]
        yield finding("W-V2", ctx.home_url, {"探测次数": len(probes), "失败次数": len(failed),
                                             "失败比例": f"{ratio:.1%}", "失败记录(前20条)": log},
                      detail={"probes": len(probes), "failed": len(failed), "ratio": round(ratio, 4)})


CHECKS = (unavailable,)
