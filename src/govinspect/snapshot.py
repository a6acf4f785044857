"""Build one site's `SiteSnapshot` from what the crawler saw (pure: no network, no database)."""
from __future__ import annotations

from datetime import datetime
from typing import Any

from .columns import build_columns
from .models import Finding, LinkResult, PageFacts, Probe, Site, SiteSnapshot


def build_snapshot(site: Site, as_of: datetime, pages: list[PageFacts], link_results: list[LinkResult],
                   variants: dict[str, PageFacts] | None = None, probes: list[Probe] | None = None,
                   stats: dict[str, Any] | None = None, error: str | None = None) -> SiteSnapshot:
    home = _home(site, pages)
    return SiteSnapshot(
        site=site, as_of=as_of, home=home, pages=pages, columns=build_columns(pages, home),
        link_results=link_results, probes=probes or [], extra_signals=_cloaking(home, variants or {}),
        stats=dict(stats or {}), error=error,
    )


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
