"""`CrawlSession`: one campaign's shared Fetcher and LinkChecker, and the entry point the runner calls."""
from __future__ import annotations

import asyncio
import logging
import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from contextlib import asynccontextmanager
from datetime import date, datetime
from typing import Any, AsyncIterator

from aiohttp.abc import AbstractResolver

from ..errors import FetchError
from ..models import PageFacts, Site
from .fetcher import Fetcher, FetchResult
from .linkcheck import LinkChecker
from .settings import CrawlSettings, settings_from_options  # noqa: F401 - re-exported
from .site import CrawlOutcome, PageExtractor, SiteCrawler
from .turns import ParseTurns

log = logging.getLogger(__name__)


def page_extractor(as_of: date | datetime | None) -> PageExtractor:
    """The production extractor: `extract.page.extract_page` over a decoded fetch result."""
    from ..extract.page import extract_page

    def extract(result: FetchResult) -> PageFacts:
        return extract_page(result.text or "", result.final_url, status=result.status, encoding=result.encoding,
                            as_of=as_of)

    return extract


def link_extractor() -> PageExtractor:
    """The extractor of a crawl that only checks links: `extract.linkpage.link_facts` (links, data endpoints,
    soft 404), about a sixth of the full extraction's cost; no indicator can be judged from its facts."""
    from ..extract.linkpage import link_facts

    def extract(result: FetchResult) -> PageFacts:
        return link_facts(result.text or "", result.final_url, status=result.status, encoding=result.encoding)

    return extract


def _extract_fields(text: str, url: str, status: int | None, encoding: str | None,
                    as_of: date | datetime | None) -> PageFacts:
    """Extraction in a worker process (a top-level function, so it can be sent there)."""
    from ..extract.page import extract_page

    return extract_page(text, url, status=status, encoding=encoding, as_of=as_of)


def _warm_worker() -> None:
    """Load the parser and the lexicon once per worker, not on its first page."""
    from ..extract.lexicon import Lexicon

    Lexicon.load()


class ExtractionPool:
    """Extraction in worker processes: parsing is the crawler's CPU cost. The event loop's process only
    takes a page itself when the backlog is very deep: it also fetches, checks links, judges and stores
    for every site, and pages it parses wait behind it (measured: sharing at a shallow backlog left the
    workers idle while this process was the bottleneck)."""

    def __init__(self, workers: int, as_of: date | datetime | None, local: PageExtractor) -> None:
        context = multiprocessing.get_context("forkserver")
        self._pool = ProcessPoolExecutor(workers, mp_context=context, initializer=_warm_worker)
        self._workers = workers
        self._as_of = as_of
        self._local = local
        self._in_flight = 0

    async def __call__(self, result: FetchResult) -> PageFacts:
        if self._in_flight >= 64 * self._workers:  # a very deep backlog: this process takes the page too
            return self._local(result)
        self._in_flight += 1
        try:
            return await asyncio.get_running_loop().run_in_executor(
                self._pool, _extract_fields, result.text or "", result.final_url, result.status, result.encoding,
                self._as_of)
        finally:
            self._in_flight -= 1

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)


def extract_workers(settings: CrawlSettings) -> int:
    """Worker processes for extraction: the setting, or (−1) one per core on a multi-core machine, at most 4."""
    if settings.extract_workers >= 0:
        return settings.extract_workers
    cores = os.cpu_count() or 1
    return min(4, cores) if cores > 1 else 0


def _soft404(result: FetchResult) -> bool:
    """A checked (not crawled) page judged by the crawled pages' rule, on its title and short main text."""
    from ..extract.linkpage import is_soft404_page

    return is_soft404_page(result.text or "", result.status)


def _spam_page(text: str) -> bool:
    from ..extract.security import spam_page

    return spam_page(text)


class CrawlSession:
    """Crawls many sites concurrently in one event loop over one session and one link cache."""

    def __init__(self, fetcher: Fetcher, checker: LinkChecker, extract: PageExtractor,
                 pool: ExtractionPool | None = None) -> None:
        self.fetcher = fetcher
        self.checker = checker
        self.extract = extract
        self.pool = pool
        self.turns = ParseTurns()  # the loop's parsing turns, when pages are parsed in this process

    @classmethod
    @asynccontextmanager
    async def open(cls, options: Any, as_of: date | datetime | None = None,
                   settings: CrawlSettings | None = None, extract: PageExtractor | None = None,
                   resolver: AbstractResolver | None = None) -> AsyncIterator["CrawlSession"]:
        """`async with CrawlSession.open(options, as_of) as session:`; options may be None when settings given."""
        settings = settings or settings_from_options(options)
        custom = extract is not None
        extract = extract or page_extractor(as_of)
        workers = 0 if custom else extract_workers(settings)
        pool = ExtractionPool(workers, as_of, extract) if workers else None
        try:
            async with Fetcher(settings, resolver) as fetcher:
                checker = LinkChecker(fetcher, settings, soft404=_soft404, spam=_spam_page)
                yield cls(fetcher, checker, extract, pool)
        finally:
            if pool is not None:
                pool.close()

    async def crawl(self, site: Site) -> CrawlOutcome:
        """Crawl one site; any unexpected fault becomes the outcome's error instead of ending the campaign."""
        try:
            return await SiteCrawler(site, self.fetcher, self.checker, self.extract, offload=self.pool,
                                     turns=self.turns).crawl()
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
