"""One-page commands: `govinspect page` (the facts of one page) and `govinspect scan` (its security and
serious-error findings, including cloaking seen by fetching it as a browser, a spider and from a search)."""
from __future__ import annotations

import asyncio
from datetime import datetime

from .crawl.fetcher import RequestOptions
from .crawl.session import CrawlSession
from .crawl.settings import CrawlSettings
from .models import Finding, PageFacts


def _settings(connect_to: list[str]) -> CrawlSettings:
    return CrawlSettings.build(list(connect_to))


def fetch_facts(url: str, connect_to: list[str], as_of: datetime | None = None) -> PageFacts:
    async def run() -> PageFacts:
        async with CrawlSession.open(None, as_of, settings=_settings(connect_to)) as session:
            return await session.fetch_facts(url)
    return asyncio.run(run())


def scan_url(url: str, connect_to: list[str], as_of: datetime | None = None) -> list[Finding]:
    """The page's own signals plus a cloaking comparison of its three versions."""
    async def run() -> list[Finding]:
        settings = _settings(connect_to)
        async with CrawlSession.open(None, as_of, settings=settings) as session:
            browser = await session.fetch_facts(url)
            spider = await _variant(session, url, RequestOptions(user_agent=settings.spider_user_agent))
            referer = await _variant(session, url, RequestOptions(referer=settings.search_referer))
        findings = list(browser.signals)
        if spider is not None:
            from .extract.cloaking import cloaking_signals

            findings += cloaking_signals(browser, spider, referer or spider, url)
        return findings
    return asyncio.run(run())


async def _variant(session: CrawlSession, url: str, options: RequestOptions) -> PageFacts | None:
    result = await session.fetcher.fetch(url, options)
    if result.error is not None:
        return None
    facts = session.extract(result)
    facts.url = url
    return facts
