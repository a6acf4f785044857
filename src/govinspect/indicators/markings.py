"""标识 indicators: 网站标识与页面标签 W-D4.3 with the conventions that feed it, 底部功能区 T-FOOT,
页面标签 T-TAG, and 网站标识码 T-ID (spec §6.3–6.5)."""
from __future__ import annotations

from typing import Iterator

from ..models import Finding, PageFacts
from ..registry import ID_CODE
from .base import Context, finding, indicator

FOOTER_ITEMS = {"site_id_code": "网站标识码", "icp": "ICP备案编号", "police_record": "公安机关备案号",
                "conac": "党政机关网站标识", "sponsor": "主办单位"}
REQUIRED_TAGS = {
    "home": ("SiteName", "SiteDomain", "SiteIDCode"),
    "list": ("SiteName", "SiteDomain", "SiteIDCode", "ColumnName", "ColumnType"),
    "article": ("SiteName", "SiteDomain", "SiteIDCode", "ColumnName", "ColumnType", "ArticleTitle", "PubDate",
                "ContentSource"),
}
KIND_NAMES = {"home": "首页", "list": "栏目页", "article": "文章页"}


def missing_footer_items(ctx: Context) -> list[str]:
    home = ctx.home
    if home is None:
        return []
    m = home.markings
    return [item for item in FOOTER_ITEMS if not getattr(m, item)]


def tag_problems(ctx: Context) -> list[tuple[str, str, str]]:
    """(item, page url, reason) for tags missing on every page of a kind, and for inconsistent values."""
    def compute() -> list[tuple[str, str, str]]:
        problems: list[tuple[str, str, str]] = []
        for kind, tags in REQUIRED_TAGS.items():
            pages = [p for p in ctx.snapshot.pages if p.kind == kind]
            for tag in tags:
                if pages and all(not p.meta.get(tag, "").strip() for p in pages):
                    problems.append((f"tag:{tag}", pages[0].url, f"{KIND_NAMES[kind]}均未设置页面标签 {tag}"))
        problems += _mismatches(ctx)
        return _unique(problems)
    return ctx.memo("tag_problems", compute)


def _mismatches(ctx: Context) -> list[tuple[str, str, str]]:
    code = ctx.snapshot.site.id_code
    out = []
    for page in ctx.snapshot.pages:
        value = page.meta.get("SiteIDCode", "").strip()
        if value and value != code:
            out.append(("tag-mismatch:SiteIDCode", page.url, f"页面标签 SiteIDCode 为 {value}，与网站标识码 {code} 不一致"))
    return out


def _unique(problems: list[tuple[str, str, str]]) -> list[tuple[str, str, str]]:
    seen: dict[str, tuple[str, str, str]] = {}
    for p in problems:
        seen.setdefault(p[0], p)
    return list(seen.values())


@indicator("W-D4.3")
def markings_and_tags(ctx: Context) -> Iterator[Finding]:
    for item in missing_footer_items(ctx):
        yield finding("W-D4.3", ctx.home_url, f"首页底部功能区缺少{FOOTER_ITEMS[item]}", detail={"item": item})
    for item, url, reason in tag_problems(ctx):
        yield finding("W-D4.3", url, reason, detail={"item": item})


@indicator("T-FOOT")
def footer_items(ctx: Context) -> Iterator[Finding]:
    for item in missing_footer_items(ctx):
        yield finding("T-FOOT", ctx.home_url, f"底部功能区缺少{FOOTER_ITEMS[item]}", detail={"item": item})


@indicator("T-TAG")
def page_tags(ctx: Context) -> Iterator[Finding]:
    for item, url, reason in tag_problems(ctx):
        yield finding("T-TAG", url, reason, detail={"item": item})


@indicator("T-ID")
def id_code(ctx: Context) -> Iterator[Finding]:
    home: PageFacts | None = ctx.home
    if home is None or not home.markings.site_id_code:
        return
    shown, registered = home.markings.site_id_code.strip(), ctx.snapshot.site.id_code
    if not ID_CODE.match(shown):
        yield finding("T-ID", home.url, f"页面底部网站标识码“{shown}”格式不正确", detail={"item": "format"})
    elif shown != registered:
        yield finding("T-ID", home.url, f"页面底部网站标识码 {shown} 与名录登记的 {registered} 不一致",
                      detail={"item": "mismatch"})


CHECKS = (markings_and_tags, footer_items, page_tags, id_code)
