"""Build one site's `SiteSnapshot` from what the crawler saw (pure: no network, no database)."""
from __future__ import annotations

from datetime import datetime
from typing import Any

from .columns import build_columns
from .models import Finding, LinkResult, PageFacts, Probe, Site, SiteSnapshot


def build_snapshot(site: Site, as_of: datetime, pages: list[PageFacts], link_results: list[LinkResult],
                   variants: dict[str, PageFacts] | None = None, probes: list[Probe] | None = None,
                   stats: dict[str, Any] | None = None, error: str | None = None,
                   spider_pages: dict[str, PageFacts] | None = None,
                   home_history: list[Probe] | None = None) -> SiteSnapshot:
    home = _home(site, pages)
    # Checks report "the first page where…": make that independent of the order pages were fetched in.
    pages = sorted(pages, key=lambda p: (p is not home, p.url))
    link_results = sorted(link_results, key=lambda r: r.target)
    signals = _cloaking(home, variants or {}) + _sampled_cloaking(pages, spider_pages or {})
    return SiteSnapshot(
        site=site, as_of=as_of, home=home, pages=pages, columns=build_columns(pages, home),
        link_results=link_results, probes=probes or [], home_history=home_history or [], extra_signals=signals,
        stats=dict(stats or {}), error=error,
    )


def _sampled_cloaking(pages: list[PageFacts], spider_pages: dict[str, PageFacts]) -> list[Finding]:
    if not spider_pages:
        return []
    from .extract.cloaking import cloaking_signals

    found: list[Finding] = []
    for page in pages:
        spider = spider_pages.get(page.url)
        if spider is not None and page.kind != "home":
            found += cloaking_signals(page, spider, spider, page.url)
    return found


def _home(site: Site, pages: list[PageFacts]) -> PageFacts | None:
    for page in pages:
        if page.url == site.url or page.kind == "home":
            return page
    return pages[0] if pages else None


def _cloaking(home: PageFacts | None, variants: dict[str, PageFacts]) -> list[Finding]:
    browser, spider, referer = variants.get("browser") or home, variants.get("spider"), variants.get("referer")
    if browser is None or spider is None:
        return []
    from .extract.cloaking import cloaking_signals

    return list(cloaking_signals(browser, spider, referer or spider, browser.url))
