"""Cloaking (W-V1.4): the same URL fetched as a browser, as a search-engine spider and with a search-engine
Referer; spam or spam links present only in the spider/referer versions are a hijack, with both kept."""
from __future__ import annotations

from dataclasses import dataclass

from ..models import Finding, PageFacts
from .lexicon import Lexicon
from .security import (base_domain, foreign_non_gov, host_of, is_external, is_gov_host, link_spam_reason,
                       make_finding, text_spam)

SAMPLE = 300  # characters of each version's text kept as evidence


@dataclass(frozen=True, slots=True)
class VersionSpam:
    """The spam marks of one fetched version of a page."""

    brands: frozenset[str]
    terms: frozenset[str]
    links: frozenset[str]  # external spam link targets
    final_host: str


def _version_spam(facts: PageFacts, url: str, lexicon: Lexicon) -> VersionSpam:
    brands, terms = text_spam(f"{facts.title or ''}\n{facts.text_sample}", lexicon)
    page_domain = base_domain(host_of(url))
    links = {link.url for link in facts.links if foreign_non_gov(link.url, page_domain)
             and link_spam_reason(link.url, link.text, lexicon, weak_ok=False)}
    return VersionSpam(frozenset(brands), frozenset(terms), frozenset(links), host_of(facts.final_url or facts.url))


def _summary(label: str, facts: PageFacts) -> dict[str, object]:
    return {"版本": label, "地址": facts.final_url or facts.url, "状态码": facts.status, "标题": facts.title,
            "正文片段": facts.text_sample[:SAMPLE], "链接数": len(facts.links)}


def _only_in(other: VersionSpam, browser: VersionSpam) -> dict[str, list[str]]:
    """What the other version has that the browser's does not."""
    diff = {"品牌": sorted(other.brands - browser.brands), "推广词": sorted(other.terms - browser.terms),
            "外部违规链接": sorted(other.links - browser.links)[:10]}
    return {k: v for k, v in diff.items() if v}


def _strong_kinds(facts: PageFacts) -> set[str]:
    """Detector kinds of the version's own veto-strength security signals (from page_signals)."""
    return {str((f.detail or {}).get("kind")) for f in facts.signals
            if f.indicator in ("W-V1.3", "W-V1.4") and not f.needs_review}


def _redirected_away(other: VersionSpam, browser: VersionSpam, url: str, facts: PageFacts) -> bool:
    final = facts.final_url or facts.url
    return other.final_host != browser.final_host and is_external(final, url) and not is_gov_host(other.final_host)


def cloaking_signals(browser: PageFacts, spider: PageFacts, referer: PageFacts, url: str) -> list[Finding]:
    """One W-V1.4 finding per version (spider, referer) that carries spam or leaves for a non-gov host."""
    lexicon = Lexicon.load()
    base = _version_spam(browser, url, lexicon)
    out = []
    for label, facts in (("搜索引擎爬虫", spider), ("搜索引擎来路", referer)):
        other = _version_spam(facts, url, lexicon)
        extra = _only_in(other, base)
        signals = sorted(_strong_kinds(facts) - _strong_kinds(browser))
        if signals:
            extra["安全信号"] = signals
        strong = bool(extra.get("品牌") or extra.get("外部违规链接") or signals or len(extra.get("推广词", [])) >= 2)
        away = _redirected_away(other, base, url, facts)
        if not strong and not away:
            continue
        spam_away = away and link_spam_reason(facts.final_url or "", "", lexicon, weak_ok=False)
        sure = strong or bool(spam_away)
        reason = (f"以{label}身份访问时页面内容与普通浏览器不同，出现博彩/色情内容（网页劫持）" if strong else
                  f"以{label}身份访问时被跳转到外部非政府网站（{host_of(facts.final_url or '')}）")
        out.append(make_finding("W-V1.4", url, reason if sure else reason + "，请人工确认",
                                confidence=0.95 if sure else 0.6, needs_review=not sure, kind="cloaking",
                                差异=extra, 浏览器版本=_summary("普通浏览器", browser), 对比版本=_summary(label, facts)))
    return out
