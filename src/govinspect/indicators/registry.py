"""The one table of implemented indicator checks, and `run_checks` over a snapshot.

Every spec id is either here, marked HUMAN/GROUP/CONTEXT in the catalogue, or listed in NOT_YET with
the reason (a test keeps this true).
"""
from __future__ import annotations

from ..models import Finding, SiteSnapshot
from ..scoring import Profile
from . import availability, content, function, interaction, links, markings, security, services, updates
from .base import Context, Indicator

CHECKS: tuple[Indicator, ...] = (
    *availability.CHECKS, *security.CHECKS, *updates.CHECKS, *interaction.CHECKS, *services.CHECKS,
    *content.CHECKS, *function.CHECKS, *markings.CHECKS, *links.CHECKS,
)
IMPLEMENTED: frozenset[str] = frozenset(c.spec.id for c in CHECKS)

# Automatable ids without a check yet, and why.
NOT_YET: dict[str, str] = {
    "W-V6.2": "阈值未确认（spec [U]）：要素缺失按 W-D2.1 扣分项报告",
    "W-D1.11": "需人工判断",
    "W-D2.5": "办事服务集中展示需人工判断分类是否合理",
    "W-D3.6": "征集结果反馈需人工核对",
    "W-D4.5": "IPv6 探测需要真实 DNS（AAAA）与 IPv6 网络，示例环境无法提供",
    "W-D4.8": "无障碍检测默认 0 分，待接入 GB/T 37668 自动检测",
    "T-NAME1": "网站名称规范需比对机构编制信息",
    "T-HEAD": "由 T-NAME2（头部显示网站名称）覆盖",
    "T-DOM4": "需名录中同一网站的全部域名",
    "T-DOM5": "背景说明，不是检查项",
}


def run_checks(snapshot: SiteSnapshot, profile: Profile) -> list[Finding]:
    ctx = Context(snapshot, profile)
    findings: list[Finding] = []
    for check in CHECKS:
        findings.extend(check.check(ctx))
    return findings
