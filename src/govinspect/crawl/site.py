"""`SiteCrawler`: one site from its home page to a `CrawlOutcome`.

Steps: (1) fetch the home page (an unusable home ends the crawl with `error`); (2) in parallel, fetch it
again as Baiduspider and from a search-engine Referer (the cloaking variants) and crawl the site
breadth-first with a few workers, extracting each page once and filling script lists from their JSON
endpoints; (3) check every link found, through the campaign-wide LinkChecker.
"""
from __future__ import annotations

import asyncio
import bisect
import hashlib
import logging
import time
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any, Awaitable, Callable, Iterable, TypeVar
from urllib.parse import quote

from datetime import datetime

from ..models import LinkResult, PageFacts, Probe, Site
from .datasource import parse_items
from .fetcher import Fetcher, FetchResult, RequestOptions
from .frontier import FrontierEntry, Frontier, canonical, host_of, looks_like_html
from .linkcheck import LinkChecker, LinkVerdict, checkable, judge
from .settings import CrawlSettings
from .turns import ParseTurns

PageExtractor = Callable[[FetchResult], PageFacts]
AsyncExtractor = Callable[[FetchResult], Awaitable[PageFacts]]
FOLLOW_TAGS = frozenset({"a", "area", "iframe", "frame", "meta-refresh"})
COUNTED_REFUSALS = frozenset({"trap", "budget", "depth"})
MAX_SOURCES = 5
_UNSEEN: Any = object()  # a link not looked at yet (None already means "not checkable")
OUR_REFUSALS = frozenset({"address-refused", "robots", "invalid-url"})  # not the site's failure: no re-check
PARSES_PER_PLACE = 2  # fetched pages waiting to be parsed, per place on the host, before workers wait too
log = logging.getLogger(__name__)
T = TypeVar("T")


@dataclass(slots=True)
class CrawlOutcome:
    site: Site
    pages: list[PageFacts] = field(default_factory=list)  # home first, then breadth-first order
    link_results: list[LinkResult] = field(default_factory=list)
    variants: dict[str, PageFacts] = field(default_factory=dict)  # browser / spider / referer home pages
    spider_pages: dict[str, PageFacts] = field(default_factory=dict)  # sampled pages as a spider sees them
    stats: dict[str, Any] = field(default_factory=dict)  # flat paths: fetch/status/404, pages/crawled, ...
    error: str | None = None  # "<error class>: <message>" when the home page could not be used
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (url, reason) for robots refusals
    home_probes: list[Probe] = field(default_factory=list)  # every attempt at the home page, failed ones spaced out


@dataclass(slots=True)
class _Occurrence:
    url: str
    tag: str
    sources: list[str]
    on_home: bool


class SiteCrawler:
    def __init__(self, site: Site, fetcher: Fetcher, checker: LinkChecker, extract: PageExtractor,
                 settings: CrawlSettings | None = None, offload: AsyncExtractor | None = None,
                 turns: ParseTurns | None = None) -> None:
        self.site = site
        self._fetcher = fetcher
        self._checker = checker
        self._extract = extract
        self._offload = offload  # extraction in worker processes, when the session has them
        self._turns = turns  # else extraction on the loop in short turns between its network events
        self._settings = settings or fetcher.settings
        self._stats: dict[str, Any] = defaultdict(int)
        self._links: dict[str, _Occurrence] = {}
        self._raw: dict[str, _Occurrence | None] = {}  # link as written → its occurrence (None: not checkable)
        self._offered: set[str] = set()  # links already offered to the frontier (it would answer "seen")
        self._frontier: Frontier | None = None
        self._early: list[asyncio.Task[Any]] = []  # link checks started during the crawl
        self._early_gate = asyncio.Semaphore(max(1, self._settings.link_concurrency))
        # url → what its body was, so that a spider fetch of the same body reuses the page's facts
        self._digests: dict[str, tuple[bytes, str, int, str | None]] = {}
        self._out = CrawlOutcome(site)
        self._parses: set[asyncio.Future[None]] = set()  # parse-and-absorb jobs of fetched pages
        self._compromised = False  # a crawled page showed a strong sign of compromise: every page is re-fetched
        self._spider_fetches: list[asyncio.Task[None]] = []  # those re-fetches, started during the crawl
        self._spider_gate = asyncio.Semaphore(max(1, self._settings.per_host_concurrency))

    async def crawl(self) -> CrawlOutcome:
        started = time.monotonic()
        home = await self._fetch_home()
        self._checker.record(self.site.url, judge(home, self._checker.dead_status))
        self._out.error = _home_error(home)
        if self._out.error is None:
            await self._crawl_from(home)
        self._finish_stats(started)
        return self._out

    async def _fetch_home(self) -> FetchResult:
        """The home page, tried again after a pause when it fails: one blip must not make a site 'down'."""
        s = self._settings
        for attempt in range(1 + s.home_rechecks):
            if attempt:
                await asyncio.sleep(s.home_recheck_delay)
            home = await self._fetcher.fetch(self.site.url)
            self._count_fetch(home)
            error = _home_error(home)
            self._out.home_probes.append(Probe(datetime.now(), error is None, home.status or None,
                                               home.elapsed, error.split(":", 1)[0] if error else None))
            if error is None or home.error in OUR_REFUSALS or not home.error and home.status < 500:
                return home  # up, refused by our own rules, or an answer (4xx, not HTML) waiting will not change
        return home

    async def _crawl_from(self, home: FetchResult) -> None:
        frontier = self._frontier = self._make_frontier(home)
        facts = self._page(home, self.site.url)
        facts.kind = "home"
        self._out.pages.append(facts)
        self._out.variants["browser"] = facts
        self._watch_compromise(facts)
        await self._absorb(facts, 0, frontier, on_home=True)
        mark = time.monotonic()
        await asyncio.gather(self._crawl_pages(frontier), self._fetch_variants(home))
        await self._spider_sample()
        self._stats["time/crawl_s"] = round(time.monotonic() - mark, 3)
        mark = time.monotonic()
        try:
            self._out.link_results = await self._check_links(frontier)
        finally:
            for task in self._early + self._spider_fetches:
                task.cancel()
            await asyncio.gather(*self._early, *self._spider_fetches, return_exceptions=True)
        self._stats["time/links_s"] = round(time.monotonic() - mark, 3)

    def _make_frontier(self, home: FetchResult) -> Frontier:
        s = self._settings
        frontier = Frontier(_scope_url(self.site.url, home.final_url), s.page_budget, s.max_depth,
                            s.max_query_variants, s.max_calendar_values, s.max_segment_repeats)
        for url in (self.site.url, home.final_url):
            frontier.offer(url, 0)
        while frontier.pop() is not None:  # the home is fetched already; only mark it seen
            pass
        return frontier

    # -- pages -------------------------------------------------------------------------------------

    async def _crawl_pages(self, frontier: Frontier) -> None:
        """Workers fetch; each fetched page is then parsed and absorbed by a job of its own, so that a worker
        goes on to its next request at once instead of waiting for the parse (on a busy loop the host's places
        would sit idle). A queue entry is done when its page is absorbed; the jobs in flight are capped."""
        queue: asyncio.Queue[FrontierEntry] = asyncio.Queue()
        _drain(frontier, queue)
        places = max(1, self._settings.per_host_concurrency)
        jobs = asyncio.Semaphore(PARSES_PER_PLACE * places)
        workers = [asyncio.create_task(self._worker(queue, frontier, jobs)) for _ in range(places)]
        try:
            await queue.join()
        finally:
            for task in [*workers, *self._parses]:
                task.cancel()
            await asyncio.gather(*workers, *self._parses, return_exceptions=True)

    async def _worker(self, queue: asyncio.Queue[FrontierEntry], frontier: Frontier,
                      jobs: asyncio.Semaphore) -> None:
        while True:
            entry = await queue.get()
            try:
                result = await self._fetch_page(entry)
                if result is not None:
                    await jobs.acquire()
            except BaseException:
                queue.task_done()
                raise
            if result is None:
                queue.task_done()
                continue
            job = asyncio.ensure_future(self._parse_page(result, entry, frontier, queue, jobs))
            self._parses.add(job)
            job.add_done_callback(self._parses.discard)

    async def _fetch_page(self, entry: FrontierEntry) -> FetchResult | None:
        """The page's fetch; None when there is nothing to parse (its link verdict is recorded)."""
        result = await self._fetcher.fetch(entry.url)
        self._count_fetch(result)
        if result.error == "robots":
            self._stats["robots/skipped"] += 1
            self._out.skipped.append((entry.url, "robots"))
        if not (result.ok and result.is_html and result.text is not None and 200 <= result.status < 300):
            verdict = judge(result, self._checker.dead_status)
            self._checker.record(entry.url, verdict)
            if not verdict.ok and verdict.transient:  # its delayed re-check can wait alongside the crawl
                self._check_early(entry.url, internal=True)
            return None
        return result

    async def _parse_page(self, result: FetchResult, entry: FrontierEntry, frontier: Frontier,
                          queue: asyncio.Queue[FrontierEntry], jobs: asyncio.Semaphore) -> None:
        try:
            facts = await self._page_async(result, entry.url)
            self._checker.record(entry.url, judge(result, self._checker.dead_status, facts.soft404))
            if facts.soft404:
                self._stats["pages/soft404"] += 1
                return
            self._out.pages.append(facts)
            self._digests[entry.url] = _digest(result)
            self._watch_compromise(facts)
            if frontier.in_scope(result.final_url):  # a page redirected off-site is not followed further
                await self._absorb(facts, entry.depth, frontier, on_home=False)
            _drain(frontier, queue)
        except Exception:  # noqa: BLE001 - one page that cannot be parsed must not stop its site's crawl
            log.exception("page %s could not be parsed", entry.url)
            self._stats["pages/parse-failed"] += 1
        finally:
            jobs.release()
            queue.task_done()

    def _page(self, result: FetchResult, requested: str) -> PageFacts:
        mark = time.monotonic()
        facts = self._extract(result)
        self._stats["time/extract_s"] += time.monotonic() - mark
        facts.url, facts.final_url = requested, result.final_url
        return facts

    async def _page_async(self, result: FetchResult, requested: str) -> PageFacts:
        """The same, in a worker process when there is one, else in the loop's next parsing turn (the crawl's
        pages; not the one-off variants)."""
        if self._offload is None:
            if self._turns is not None:
                return await self._turns.run(lambda: self._page(result, requested))
            return self._page(result, requested)
        facts = await self._offload(result)
        facts.url, facts.final_url = requested, result.final_url
        return facts

    async def _absorb(self, facts: PageFacts, depth: int, frontier: Frontier, on_home: bool) -> None:
        """Record the page's links for checking and offer the followable ones to the frontier."""
        # A site's template repeats its links on every page: what was decided for a link once is reused.
        for link in facts.links:
            self._note_link(link.url, link.tag, facts.url, on_home)
            if link.tag in FOLLOW_TAGS and link.url not in self._offered:
                self._offered.add(link.url)
                self._offer(frontier, link.url, depth + 1)
        for endpoint in facts.data_sources:
            await self._data_source(facts, endpoint, depth, frontier, on_home)

    def _offer(self, frontier: Frontier, url: str, depth: int) -> None:
        reason = frontier.offer(url, depth)
        if reason in COUNTED_REFUSALS:
            self._stats[f"{reason}/skipped"] += 1

    async def _data_source(self, facts: PageFacts, endpoint: str, depth: int, frontier: Frontier,
                           on_home: bool) -> None:
        result = await self._fetcher.fetch(endpoint, RequestOptions())
        self._count_fetch(result)
        lst = parse_items(result.text or "", result.final_url, _column_name(facts)) if result.ok else None
        if lst is None:
            self._stats["datasources/unusable"] += 1
            return
        self._stats["datasources/fetched"] += 1
        facts.lists.append(lst)
        for item in lst.items:
            self._note_link(item.url, "a", facts.url, on_home)
            self._offer(frontier, item.url, depth + 1)

    def _note_link(self, url: str, tag: str, source: str, on_home: bool) -> None:
        occ = self._raw.get(url, _UNSEEN)
        if occ is _UNSEEN:
            occ = self._raw[url] = self._occurrence(url, tag) if checkable(url) else None
        if occ is None:
            return
        # What is kept must not depend on the order pages arrive in (concurrent fetches, worker processes):
        # the smallest spelling of the target and the smallest source pages.
        occ.on_home = occ.on_home or on_home
        plain = url.split("#", 1)[0]
        if plain < occ.url:
            occ.url, occ.tag = plain, tag
        sources = occ.sources
        if source not in sources and (len(sources) < MAX_SOURCES or source < sources[-1]):
            bisect.insort(sources, source)
            del sources[MAX_SOURCES:]

    def _occurrence(self, url: str, tag: str) -> _Occurrence:
        plain = url.split("#", 1)[0]
        key = canonical(plain)
        occ = self._links.get(key)
        if occ is None:
            occ = self._links[key] = _Occurrence(plain, tag, [], False)
            frontier = self._frontier
            if frontier is not None and (not frontier.in_scope(plain) or not looks_like_html(plain)):
                self._check_early(plain, internal=frontier.in_scope(plain))  # never crawled: check it now
        return occ

    def _check_early(self, url: str, internal: bool) -> None:
        """Start a link check now rather than after the crawl (the later check finds it done or in flight):
        the delayed re-checks of failures then overlap the crawl instead of following it."""
        async def check() -> None:
            async with self._early_gate:
                await self._checker.check(url, internal)

        self._early.append(asyncio.ensure_future(check()))

    async def _fetch_variants(self, home: FetchResult) -> None:
        s = self._settings
        if not s.fetch_variants:
            return
        referer = s.search_referer + quote(self.site.name or host_of(self.site.url))
        spider = RequestOptions(user_agent=s.spider_user_agent)
        from_search = RequestOptions(referer=referer)
        for name, result in zip(("spider", "referer"), await asyncio.gather(
                self._fetcher.fetch(self.site.url, spider), self._fetcher.fetch(self.site.url, from_search))):
            self._count_fetch(result)
            if result.ok and result.text is not None:
                self._out.variants[name] = self._page(result, self.site.url)
            else:
                self._stats["variants/failed"] += 1

    def _spider_enabled(self) -> bool:
        return self._settings.fetch_variants and self._settings.cloaking_sample > 0

    def _watch_compromise(self, facts: PageFacts) -> None:
        """A site that shows a strong sign of compromise is re-fetched whole as a spider: cloaking rarely comes
        alone. The re-fetches start as soon as the sign is seen, the pages crawled so far first, and run
        alongside the rest of the crawl (after it, they would leave the host idle for the crawl's length)."""
        if not self._spider_enabled():
            return
        if not self._compromised:
            if not any(f.part == "veto" and not f.needs_review for f in facts.signals):
                return
            self._compromised = True
            for page in self._out.pages[1:]:
                if page is not facts:
                    self._spider_later(page)
        if facts is not self._out.pages[0]:
            self._spider_later(facts)

    def _spider_later(self, facts: PageFacts) -> None:
        if facts.kind == "home":
            return

        async def fetch() -> None:
            async with self._spider_gate:
                await self._spider_fetch(facts.url, facts)

        self._spider_fetches.append(asyncio.ensure_future(fetch()))

    def _sample_urls(self) -> list[str]:
        """The articles the home page lists, then the newest of every column: where visitors arrive from
        search results, and so where cloaking hides (a navigation-only home lists nothing itself)."""
        scope = host_of(self.site.url)
        home, *others = self._out.pages
        crawled = {p.url for p in self._out.pages}
        ordered = [i.url for lst in home.lists for i in lst.items]
        ordered += [lst.items[0].url for p in others if p.kind == "list" for lst in p.lists[:1] if lst.items]
        urls = [u for u in dict.fromkeys(ordered) if host_of(u) == scope and u in crawled]
        return urls[: self._settings.cloaking_sample]

    async def _spider_sample(self) -> None:
        """Crawled pages fetched again as a spider, to compare with what a browser got: all of them on a
        compromised site (already under way), else a sample."""
        if not self._spider_enabled() or not self._out.pages:
            return
        if self._compromised:
            await asyncio.gather(*self._spider_fetches)
        else:
            crawled = {p.url: p for p in self._out.pages}
            await pool(self._sample_urls(), self._settings.per_host_concurrency,
                       lambda url: self._spider_fetch(url, crawled[url]))
        fetched = self._out.spider_pages  # in crawl order, whatever order the fetches ended in
        self._out.spider_pages = {p.url: fetched[p.url] for p in self._out.pages if p.url in fetched}

    async def _spider_fetch(self, url: str, crawled: PageFacts) -> None:
        result = await self._fetcher.fetch(url, RequestOptions(user_agent=self._settings.spider_user_agent))
        self._count_fetch(result)
        if not (result.ok and result.is_html and result.text is not None):
            return
        # The common case, the spider is served the browser's page: its facts are the browser's facts.
        same = self._digests.get(url) == _digest(result)
        self._out.spider_pages[url] = crawled if same else self._page(result, url)

    # -- links -------------------------------------------------------------------------------------

    async def _check_links(self, frontier: Frontier) -> list[LinkResult]:
        async def one(occ: _Occurrence) -> LinkResult:
            internal = frontier.in_scope(occ.url)
            verdict = await self._checker.check(occ.url, internal)
            return _link_result(occ, verdict, external=not internal)

        results = await pool(list(self._links.values()), self._settings.link_concurrency, one)
        for r in results:
            self._stats["links/checked"] += 1
            if not r.ok:
                self._stats["links/dead" if r.confirmed else "links/suspected"] += 1
        return results

    # -- stats -------------------------------------------------------------------------------------

    def _count_fetch(self, result: FetchResult) -> None:
        key = f"fetch/error/{result.error}" if result.error else f"fetch/status/{result.status}"
        self._stats[key] += 1
        self._stats["fetch/requests"] += result.attempts + len(result.redirects)

    def _finish_stats(self, started: float) -> None:
        self._stats["pages/crawled"] = len(self._out.pages)
        self._stats["time/extract_s"] = round(self._stats["time/extract_s"], 3)
        self._stats["time/total_s"] = round(time.monotonic() - started, 3)
        note = self._fetcher.robots.notes.get(_origin(self.site.url))
        if note:
            self._stats["robots/note"] = note
        self._out.stats = dict(self._stats)


def _drain(frontier: Frontier, queue: asyncio.Queue[FrontierEntry]) -> None:
    while (entry := frontier.pop()) is not None:
        queue.put_nowait(entry)


def _digest(result: FetchResult) -> tuple[bytes, str, int, str | None]:
    """What a page's facts depend on besides the settings: equal digests, equal facts."""
    return hashlib.blake2b(result.body, digest_size=16).digest(), result.final_url, result.status, result.content_type


def _home_error(home: FetchResult) -> str | None:
    if home.error is not None:
        return f"{home.error}: {home.message}"
    if home.status >= 400:
        return f"http-{home.status}: 首页返回 HTTP {home.status}"
    if not home.is_html or home.text is None:
        return f"not-html: 首页不是网页（{home.content_type or '未知类型'}）"
    return None


def _scope_url(registered: str, final: str) -> str:
    """The home's final URL sets the scope when it stays within the registered domain (a.gov.cn →
    www.a.gov.cn, http → https); a home redirected elsewhere (a hijack) must not make us crawl that host."""
    reg, fin = host_of(registered), host_of(final)
    base_reg, base_fin = reg.removeprefix("www."), fin.removeprefix("www.")
    if fin == reg or base_fin == base_reg or fin.endswith("." + base_reg):
        return final
    return registered


def _link_result(occ: _Occurrence, verdict: LinkVerdict, external: bool) -> LinkResult:
    return LinkResult(target=occ.url, status=verdict.status, ok=verdict.ok, confirmed=verdict.confirmed,
                      tag=occ.tag, external=external, sources=list(occ.sources), on_home=occ.on_home,
                      content_type=verdict.content_type, spam=verdict.spam)


def _column_name(facts: PageFacts) -> str:
    return facts.breadcrumb[-1] if facts.breadcrumb else (facts.title or "")


def _origin(url: str) -> str:
    scheme, _, rest = url.partition("://")
    return f"{scheme}://{rest.split('/', 1)[0]}"


async def pool(items: Iterable[T], size: int, work: Callable[[T], Awaitable[Any]]) -> list[Any]:
    """Run `work` over items with at most `size` in flight, keeping input order; no task per item."""
    todo = list(enumerate(items))
    results: list[Any] = [None] * len(todo)
    it = iter(todo)

    async def worker() -> None:
        for index, item in it:
            results[index] = await work(item)

    await asyncio.gather(*(worker() for _ in range(max(1, min(size, len(todo))))))
    return results
