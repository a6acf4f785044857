"""`CrawlSession`: one campaign's shared Fetcher and LinkChecker, and the entry point the runner calls."""
from __future__ import annotations

import logging
from contextlib import asynccontextmanager
from datetime import date, datetime
from typing import Any, AsyncIterator

from aiohttp.abc import AbstractResolver

from ..errors import FetchError
from ..models import PageFacts, Site
from .fetcher import Fetcher, FetchResult
from .linkcheck import LinkChecker
from .settings import CrawlSettings
from .site import CrawlOutcome, PageExtractor, SiteCrawler

log = logging.getLogger(__name__)


def page_extractor(as_of: date | datetime | None) -> PageExtractor:
    """The production extractor: `extract.page.extract_page` over a decoded fetch result."""
    from ..extract.page import extract_page

    def extract(result: FetchResult) -> PageFacts:
        return extract_page(result.text or "", result.final_url, status=result.status, encoding=result.encoding,
                            as_of=as_of)

    return extract


def settings_from_options(options: Any) -> CrawlSettings:
    """CrawlSettings from the runner's InspectOptions (connect_to, per_host, max_pages, allow_private, and
    any CrawlSettings field under `options.settings["crawl"]`, e.g. from a settings file)."""
    overrides: dict[str, Any] = dict((getattr(options, "settings", None) or {}).get("crawl") or {})
    if getattr(options, "per_host", None):
        overrides["per_host_concurrency"] = int(options.per_host)
    if getattr(options, "max_pages", None):
        overrides["page_budget"] = int(options.max_pages)
    return CrawlSettings.build(list(getattr(options, "connect_to", []) or []),
                               getattr(options, "allow_private", False), **overrides)


def _soft404(result: FetchResult) -> bool:
    """A cheap look at a checked (not crawled) page: its title and visible text only."""
    from selectolax.lexbor import LexborHTMLParser

    from ..extract.soft404 import is_soft404

    tree = LexborHTMLParser(result.text or "")
    title = tree.css_first("title")
    body = tree.body
    return is_soft404(result.status, title.text() if title else None, body.text(separator=" ") if body else "")


def _spam_page(text: str) -> bool:
    from ..extract.security import spam_page

    return spam_page(text)


class CrawlSession:
    """Crawls many sites concurrently in one event loop over one session and one link cache."""

    def __init__(self, fetcher: Fetcher, checker: LinkChecker, extract: PageExtractor) -> None:
        self.fetcher = fetcher
        self.checker = checker
        self.extract = extract

    @classmethod
    @asynccontextmanager
    async def open(cls, options: Any, as_of: date | datetime | None = None,
                   settings: CrawlSettings | None = None, extract: PageExtractor | None = None,
                   resolver: AbstractResolver | None = None) -> AsyncIterator["CrawlSession"]:
        """`async with CrawlSession.open(options, as_of) as session:`; options may be None when settings given."""
        settings = settings or settings_from_options(options)
        extract = extract or page_extractor(as_of)
        async with Fetcher(settings, resolver) as fetcher:
            checker = LinkChecker(fetcher, settings, soft404=_soft404, spam=_spam_page)
            yield cls(fetcher, checker, extract)

    async def crawl(self, site: Site) -> CrawlOutcome:
        """Crawl one site; any unexpected fault becomes the outcome's error instead of ending the campaign."""
        try:
            return await SiteCrawler(site, self.fetcher, self.checker, self.extract).crawl()
        except Exception as exc:  # noqa: BLE001 - one site's failure is a recorded result
            log.exception("crawl of %s failed", site.url)
            return CrawlOutcome(site, error=f"crawler: 抓取过程出错（{type(exc).__name__}: {exc}）")

    async def fetch_facts(self, url: str) -> PageFacts:
        """One page's facts (for `govinspect page`); raises FetchError when the page cannot be fetched."""
        result = await self.fetcher.fetch(url)
        if result.error is not None:
            raise _error_class(result.error)(result.message or result.error)
        facts = self.extract(result)
        facts.url, facts.final_url = url, result.final_url
        return facts


def _error_class(error_class: str) -> type[FetchError]:
    for cls in FetchError.__subclasses__():
        if cls.error_class == error_class:
            return cls
    return FetchError
