"""发布解读 presence indicators: 概况信息 W-D1.1, 机构职能 W-D1.2, 负责人信息 W-D1.3, 政策解读 W-D1.10,
数据发布 W-D1.12, 政府信息公开 W-D1.13 and 专题专栏规范 W-D1.15."""
from __future__ import annotations

from typing import Iterator

from ..columns import classify, column_key
from ..models import Finding, PageFacts
from .base import Context, finding, indicator

XXGK_ITEMS = {
    "guide": ("政府信息公开指南", "信息公开指南"),
    "catalog": ("政府信息公开目录", "信息公开目录", "法定主动公开内容"),
    "annual_report": ("信息公开工作年度报告", "信息公开年度报告", "信息公开年报", "年度报告"),
}
ITEM_NAMES = {"guide": "政府信息公开指南", "catalog": "政府信息公开目录", "annual_report": "政府信息公开工作年度报告"}


def texts(ctx: Context) -> list[str]:
    """Every link text, list heading, item title, page title and breadcrumb seen on the site."""
    def collect() -> list[str]:
        out: list[str] = []
        for p in ctx.snapshot.pages:
            out += [link.text for link in p.links if link.text]
            out += [lst.column for lst in p.lists] + [i.title for lst in p.lists for i in lst.items]
            out += p.breadcrumb + [p.title or "", p.meta.get("ColumnName", "")]
        # Distinct texts: the template's links repeat on every page.
        return list(dict.fromkeys(t.strip() for t in out if t and t.strip()))
    return ctx.memo("texts", collect)


def has_class(ctx: Context, cls: str) -> bool:
    if any(c.cls == cls for c in ctx.snapshot.columns):
        return True
    named = ctx.memo("text_classes", lambda: {classify(t) for t in texts(ctx) if len(t) <= 16})
    return cls in named


def _presence(ctx: Context, indicator_id: str, cls: str, name: str) -> Iterator[Finding]:
    if ctx.home is None or has_class(ctx, cls):
        return
    yield finding(indicator_id, ctx.home_url, {"说明": f"未发现{name}栏目", "检查页面数": len(ctx.snapshot.pages)})


@indicator("W-D1.1")
def overview_missing(ctx: Context) -> Iterator[Finding]:
    yield from _presence(ctx, "W-D1.1", "overview", "概况信息")


@indicator("W-D1.2")
def institution_missing(ctx: Context) -> Iterator[Finding]:
    yield from _presence(ctx, "W-D1.2", "institution", "机构职能")


@indicator("W-D1.3")
def leaders_missing(ctx: Context) -> Iterator[Finding]:
    yield from _presence(ctx, "W-D1.3", "leaders", "领导信息")


@indicator("W-D1.10")
def interpretation_missing(ctx: Context) -> Iterator[Finding]:
    yield from _presence(ctx, "W-D1.10", "interpretation", "政策解读")


@indicator("W-D1.12")
def data_missing(ctx: Context) -> Iterator[Finding]:
    yield from _presence(ctx, "W-D1.12", "data", "数据发布")


@indicator("W-D1.13")
def xxgk_missing(ctx: Context) -> Iterator[Finding]:
    if ctx.home is None:
        return
    seen = texts(ctx)
    previous_year = f"{ctx.today.year - 1}年"
    for item, words in XXGK_ITEMS.items():
        hits = [t for t in seen if any(w in t for w in words)]
        if item == "annual_report":
            hits = [t for t in hits if previous_year in t]
        if not hits:
            reason = f"未发现{previous_year}{ITEM_NAMES[item]}" if item == "annual_report" else f"未发现{ITEM_NAMES[item]}"
            yield finding("W-D1.13", ctx.home_url, {"说明": reason}, detail={"item": item})


def topic_pages(ctx: Context) -> list[PageFacts]:
    """专题 pages: listed in a 专题专栏 column, or with 专题/专栏 in their breadcrumb."""
    listed = {i.url for c in ctx.snapshot.columns if c.cls == "topic" for i in c.items}
    return [p for p in ctx.snapshot.pages if p.kind != "article" and p.kind != "home"
            and (p.url in listed or any(w in crumb for crumb in p.breadcrumb for w in ("专题", "专栏")))]


@indicator("W-D1.15")
def topic_pages_nonstandard(ctx: Context) -> Iterator[Finding]:
    reported: set[str] = set()
    for page in topic_pages(ctx):
        key = column_key(page.url)
        if key in reported:
            continue
        m = page.markings
        if m.site_id_code is None and m.icp is None and m.sponsor is None:
            reported.add(key)
            yield finding("W-D1.15", page.url, {"专题页面": page.title or page.url,
                                                 "说明": "专题页面未使用网站统一的底部功能区（无主办单位、网站标识码、ICP备案号）"})


CHECKS = (overview_missing, institution_missing, leaders_missing, interpretation_missing, data_missing,
          xxgk_missing, topic_pages_nonstandard)
