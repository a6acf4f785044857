"""Security and content indicators from the per-page signals of extract/security.py: W-V1.1, W-V1.3,
W-V1.4, W-V1.5, W-D1.14 and W-D4.9; plus links whose target now serves spam (W-V1.3) and cloaking."""
from __future__ import annotations

from typing import Iterator

from ..models import Finding
from .base import Context, finding, indicator


def signals(ctx: Context) -> list[Finding]:
    """Every security signal of the site once per (indicator, url, evidence)."""
    def collect() -> list[Finding]:
        seen: dict[tuple[str, str, str], Finding] = {}
        for f in [s for p in ctx.snapshot.pages for s in p.signals] + list(ctx.snapshot.extra_signals):
            seen.setdefault((f.indicator, f.url, str(f.evidence)[:200]), f)
        return list(seen.values()) + _spam_targets(ctx) + _date_disagreements(ctx) + _redating(ctx)
    return ctx.memo("signals", collect)


def _spam_targets(ctx: Context) -> list[Finding]:
    """Pages with an ordinary link to a host that now serves spam (redirects and frames to such hosts are
    reported as tampering, W-V1.4, by the page detectors)."""
    spam = {r.target for r in ctx.snapshot.link_results if r.spam}
    if not spam:
        return []
    out = []
    for page in ctx.snapshot.pages:
        for target in sorted({link.url for link in page.links if link.tag in ("a", "area") and link.url in spam}):
            out.append(finding("W-V1.3", page.url, {"说明": "外部链接指向的网站现已变为赌博、色情等违规内容（疑似过期域名被抢注）",
                                                    "链接地址": target},
                               confidence=0.95, detail={"target": target, "kind": "spam-target"}))
    return out


def _date_disagreements(ctx: Context) -> list[Finding]:
    try:
        from ..extract.wording import date_disagreements
    except ImportError:
        return []
    articles = {p.url: p.pub_date.date() for p in ctx.snapshot.pages if p.kind == "article" and p.pub_date}
    items = [i for c in ctx.snapshot.columns for i in c.items]
    return list(date_disagreements(items, articles))


def _redating(ctx: Context) -> list[Finding]:
    """The home page shows the same items under new dates day after day (a 突击更新 pattern, spec W-V1.5)."""
    if not ctx.snapshot.home_history:
        return []
    from ..monitor.changes import observations, redating

    signal = redating(observations([(p.at, p.fingerprint) for p in ctx.snapshot.home_history if p.ok]))
    if not signal.suspected:
        return []
    return [finding("W-V1.5", ctx.home_url, {"说明": "首页信息内容未变而发布日期每日更新，疑似伪造发稿日期",
                                              "连续天数": signal.redated, "示例时间": [t.isoformat(timespec="minutes") for t in signal.examples[:5]]},
                    confidence=0.6, detail={"basis": "fingerprints", "kind": "redating"})]


def _by_id(indicator_id: str):  # noqa: ANN202 - a small factory of one-line checks
    def check(ctx: Context) -> Iterator[Finding]:
        yield from (f for f in signals(ctx) if f.indicator == indicator_id)
    return check


serious_wording = indicator("W-V1.1")(_by_id("W-V1.1"))
spam_content = indicator("W-V1.3")(_by_id("W-V1.3"))
hijacked = indicator("W-V1.4")(_by_id("W-V1.4"))
forged_dates = indicator("W-V1.5")(_by_id("W-V1.5"))
general_accuracy = indicator("W-D1.14")(_by_id("W-D1.14"))
personal_information = indicator("W-D4.9")(_by_id("W-D4.9"))

CHECKS = (serious_wording, spam_content, hijacked, forged_dates, general_accuracy, personal_information)
