"""功能设计 and naming indicators: 搜索 W-D4.1, 名称和域名 W-D4.2 (T-DOM1–3, T-NAME2), 找错入口 W-D4.6
(T-ZC), 移动端 W-D4.7, 年度报表 W-D4.10 (T-REP), 国务院信息专栏 T-GOV."""
from __future__ import annotations

import re
from typing import Iterator
from urllib.parse import urlsplit

from ..models import Finding
from .base import Context, finding, indicator

PORTAL_HOST = re.compile(r"^www\.([a-z0-9-]+\.)?gov\.cn$")
GOV_HOST = re.compile(r"(^|\.)gov\.cn$|\.政务$|\.xn--[a-z0-9]+$")
DEPT_HOST = re.compile(r"^[a-z0-9-]+\.[a-z0-9-]+\.gov\.cn$")
NAME_SUFFIXES = ("门户网站", "政府网站", "网站", "网")


def _host(ctx: Context) -> str:
    return (urlsplit(ctx.snapshot.site.url).hostname or "").lower()


def domain_problems(ctx: Context) -> list[tuple[str, str]]:
    host, site = _host(ctx), ctx.snapshot.site
    problems = []
    if not GOV_HOST.search(host):
        problems.append(("T-DOM1", f"域名 {host} 不以 .gov.cn 结尾"))
    if site.kind == "portal" and not site.id_code.startswith("bm") and not PORTAL_HOST.match(host):
        problems.append(("T-DOM2", f"门户网站域名 {host} 不符合 www.□□□.gov.cn 的形式"))
    if site.kind == "department" and GOV_HOST.search(host) and not DEPT_HOST.match(host) and not host.startswith("www."):
        problems.append(("T-DOM3", f"部门网站域名 {host} 不是同级政府门户网站的下级域名"))
    return problems


@indicator("W-D4.2")
def name_and_domain(ctx: Context) -> Iterator[Finding]:
    problems = domain_problems(ctx)
    if problems:
        yield finding("W-D4.2", ctx.home_url, {"问题": [text for _, text in problems]}, detail={"item": "domain"})
    if _name_missing_in_header(ctx):
        yield finding("W-D4.2", ctx.home_url, {"问题": ["头部标识区未显示网站名称"]}, detail={"item": "name"})


def _domain_check(indicator_id: str):  # noqa: ANN202 - a small factory of one-line checks
    def check(ctx: Context) -> Iterator[Finding]:
        for pid, text in domain_problems(ctx):
            if pid == indicator_id:
                yield finding(indicator_id, ctx.home_url, text)
    return check


dom1 = indicator("T-DOM1")(_domain_check("T-DOM1"))
dom2 = indicator("T-DOM2")(_domain_check("T-DOM2"))
dom3 = indicator("T-DOM3")(_domain_check("T-DOM3"))


def _short_name(name: str) -> str:
    for suffix in NAME_SUFFIXES:
        if name.endswith(suffix) and len(name) > len(suffix) + 2:
            return name[: -len(suffix)]
    return name


def _name_missing_in_header(ctx: Context) -> bool:
    home = ctx.home
    if home is None or not home.header_text.strip():
        return False  # no header region seen: cannot judge
    header = re.sub(r"\s+", "", home.header_text)
    return _short_name(ctx.snapshot.site.name) not in header


@indicator("T-NAME2")
def name_not_in_header(ctx: Context) -> Iterator[Finding]:
    if _name_missing_in_header(ctx):
        assert ctx.home is not None
        yield finding("T-NAME2", ctx.home_url, {"网站名称": ctx.snapshot.site.name, "头部文字": ctx.home.header_text[:120]})


@indicator("W-D4.1")
def no_search(ctx: Context) -> Iterator[Finding]:
    if ctx.home is not None and not ctx.home.entries.search:
        yield finding("W-D4.1", ctx.home_url, "首页未提供站内搜索功能")


@indicator("W-D4.6")
def no_zhaocuo_entry(ctx: Context) -> Iterator[Finding]:
    if ctx.home is not None and not ctx.home.entries.zhaocuo:
        yield finding("W-D4.6", ctx.home_url, "首页未发现“我为政府网站找错”入口")


@indicator("T-ZC")
def no_zhaocuo_entry_rule(ctx: Context) -> Iterator[Finding]:
    if ctx.home is not None and not ctx.home.entries.zhaocuo:
        yield finding("T-ZC", ctx.home_url, "首页未放置“我为政府网站找错”监督举报平台入口")


@indicator("W-D4.7")
def not_mobile_ready(ctx: Context) -> Iterator[Finding]:
    if ctx.home is not None and not ctx.home.has_viewport:
        yield finding("W-D4.7", ctx.home_url, "首页未设置 viewport，移动端无法自适应显示")


def annual_report_found(ctx: Context) -> bool:
    home = ctx.home
    if home is None:
        return True
    year = str(ctx.today.year - 1)
    for link in home.links:
        if "年度报表" in link.text and (year in link.text or year in link.url):
            return True
    return any("年度报表" in i.title and year in i.title for lst in home.lists for i in lst.items)


@indicator("W-D4.10")
def no_annual_report(ctx: Context) -> Iterator[Finding]:
    if ctx.home is not None and not annual_report_found(ctx):
        yield finding("W-D4.10", ctx.home_url, f"首页未发现{ctx.today.year - 1}年度政府网站工作年度报表")


@indicator("T-REP")
def no_annual_report_rule(ctx: Context) -> Iterator[Finding]:
    if ctx.home is not None and not annual_report_found(ctx):
        yield finding("T-REP", ctx.home_url, f"首页未公开{ctx.today.year - 1}年度政府网站工作年度报表")


@indicator("T-GOV")
def no_state_council_column(ctx: Context) -> Iterator[Finding]:
    home = ctx.home
    if home is None:
        return
    if any("国务院" in lst.column for lst in home.lists):
        return
    if any("国务院" in link.text and (urlsplit(link.url).hostname or "").endswith("gov.cn") for link in home.links):
        return
    yield finding("T-GOV", ctx.home_url, "首页未设置国务院重要政策信息专栏")


CHECKS = (name_and_domain, dom1, dom2, dom3, name_not_in_header, no_search, no_zhaocuo_entry, no_zhaocuo_entry_rule,
          not_mobile_ready, no_annual_report, no_annual_report_rule, no_state_council_column)
