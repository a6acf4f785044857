"""办事 indicators: 未提供办事服务 W-V6.1 and 办事服务 deductions W-D2.1–2.4 (spec §2.1, §2.2, §6.7).

Skipped entirely for sites without external service functions (spec §1.1.5).
"""
from __future__ import annotations

import re
from typing import Iterator

from ..models import Finding, LinkResult
from .base import Context, fmt_date, finding, indicator

CENSUS_CATEGORIES = ("事项名称", "设定依据", "申请条件", "办理材料", "办理地点", "办理时间", "联系电话", "办理流程")
DOWNLOAD = re.compile(r"\.(?:docx?|xlsx?|pdf|zip|rar|7z|wps|et|ofd)(?:$|\?)", re.I)
ONLINE_SYSTEM_WORDS = ("在线办理", "网上办理", "网上申报", "在线申报", "申报系统", "查询系统", "办理入口", "业务系统", "在线申请")


def _serves(ctx: Context) -> bool:
    return ctx.snapshot.site.external_service and ctx.home is not None


def guide_category(label: str) -> str | None:
    from ..extract.guides import GUIDE_CATEGORIES

    label = label.strip().rstrip("：:")
    return GUIDE_CATEGORIES.get(label)


@indicator("W-V6.1")
def no_services(ctx: Context) -> Iterator[Finding]:
    if not _serves(ctx):
        return
    if any(p.entries.banshi for p in ctx.snapshot.pages) or any(p.guide_labels for p in ctx.snapshot.pages):
        return
    yield finding("W-V6.1", ctx.home_url, {"说明": "全站未发现办事服务入口或办事指南",
                                            "检查页面数": len(ctx.snapshot.pages)})


@indicator("W-D2.1")
def guide_elements_missing(ctx: Context) -> Iterator[Finding]:
    if not _serves(ctx):
        return
    counted: set[str] = set()  # the same category missing in many guides is deducted once (spec §4)
    per_point = ctx.profile.points.get("W-D2.1")
    for page in ctx.snapshot.pages:
        if not page.guide_labels:
            continue
        present = {guide_category(label) for label in page.guide_labels}
        missing = [c for c in CENSUS_CATEGORIES if c not in present]
        if not missing:
            continue
        new = [c for c in missing if c not in counted]
        counted.update(new)
        points = per_point.each * len(new) if per_point else None
        yield finding("W-D2.1", page.url, {"办事指南": page.title or page.url, "缺少要素": missing,
                                            "本次新计扣分的要素": new}, detail={"missing": missing}, points=points)


def _failed_links(ctx: Context) -> list[LinkResult]:
    return [r for r in ctx.snapshot.link_results if not r.ok and r.confirmed and not r.spam]


def link_texts(ctx: Context) -> dict[str, str]:
    def collect() -> dict[str, str]:
        texts: dict[str, str] = {}
        for page in ctx.snapshot.pages:
            for link in page.links:
                if link.text:
                    texts.setdefault(link.url, link.text.strip())
        return texts
    return ctx.memo("link_texts", collect)


SERVICE_PAGE_WORDS = ("办事", "表格", "下载", "服务指南", "政务服务")


def service_pages(ctx: Context) -> set[str]:
    """Guides and the pages of 办事 columns (表格下载 …): where a form download belongs."""
    def collect() -> set[str]:
        return {p.url for p in ctx.snapshot.pages if p.kind == "guide" or p.guide_labels
                or any(w in t for t in [*p.breadcrumb, p.meta.get("ColumnName", "")] for w in SERVICE_PAGE_WORDS)}
    return ctx.memo("service_pages", collect)


def is_download(result: LinkResult, ctx: Context) -> bool:
    return bool(DOWNLOAD.search(result.target)) and any(s in service_pages(ctx) for s in result.sources)


def is_online_system(result: LinkResult, ctx: Context) -> bool:
    text = link_texts(ctx).get(result.target, "")
    return any(w in text for w in ONLINE_SYSTEM_WORDS)


@indicator("W-D2.2")
def broken_downloads(ctx: Context) -> Iterator[Finding]:
    if not _serves(ctx):
        return
    for r in _failed_links(ctx):
        if is_download(r, ctx):
            yield finding("W-D2.2", r.target, {"表格下载地址": r.target, "状态": r.status, "所在办事指南": r.sources[:3]},
                          detail={"target": r.target, "status": r.status, "source": r.sources[0] if r.sources else None})


@indicator("W-D2.3")
def broken_online_systems(ctx: Context) -> Iterator[Finding]:
    if not _serves(ctx):
        return
    for r in _failed_links(ctx):
        if is_online_system(r, ctx) and not is_download(r, ctx):
            yield finding("W-D2.3", r.target, {"系统入口": r.target, "链接文字": link_texts(ctx).get(r.target, ""),
                                                "状态": r.status, "所在页面": r.sources[:3]},
                          detail={"target": r.target, "status": r.status})


@indicator("W-D2.4")
def stale_service_statistics(ctx: Context) -> Iterator[Finding]:
    if not _serves(ctx):
        return
    cutoff = ctx.months_ago(ctx.t("service_stats_months"))
    for column in ctx.snapshot.columns:
        if column.cls != "service_stats" or ctx.is_blank(column):
            continue
        if column.newest is None or column.newest < cutoff:
            yield finding("W-D2.4", column.url, {"栏目": column.name, "最新数据日期": fmt_date(column.newest),
                                                  "应更新起点": cutoff.isoformat()})
            return


CHECKS = (no_services, guide_elements_missing, broken_downloads, broken_online_systems, stale_service_statistics)
