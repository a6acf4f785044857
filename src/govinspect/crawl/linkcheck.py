"""Campaign-wide link checker (spec W-D4.4): each target is checked once per campaign and the verdict is
shared by every site that links to it. 404/410 (and 403 when configured), DNS failures and soft-404 pages
are confirmed at once; timeouts, 5xx and connection faults are checked again after a delay first.
"""
from __future__ import annotations

import asyncio
from dataclasses import dataclass, replace
from typing import Callable

from .fetcher import Fetcher, FetchResult, RequestOptions
from .frontier import canonical, looks_like_html
from .settings import CrawlSettings

DEFINITIVE_ERRORS = frozenset({"dns", "address-refused", "too-many-redirects", "redirect-loop", "invalid-url"})
TRANSIENT_ERRORS = frozenset({"timeout", "connect", "protocol", "decode", "fetch"})
HEAD_FALLBACK_STATUS = frozenset({403, 405, 501})
_CHECKABLE = ("http://", "https://")

SoftNotFound = Callable[[FetchResult], bool]  # a fetched 200 HTML page → "this is really a not-found page"
SpamPage = Callable[[str], bool]  # an external page's text → "this host now serves gambling/porn spam"


@dataclass(frozen=True, slots=True)
class LinkVerdict:
    """What one check of a target concluded; sources and placement are added per site by the crawler."""

    status: int | str  # HTTP status, an error class, or "soft-404"
    ok: bool
    confirmed: bool
    content_type: str | None = None
    spam: bool = False  # the target answers, but with spam (an expired domain taken over)

    @property
    def transient(self) -> bool:
        if isinstance(self.status, int):
            return self.status >= 500 or self.status == 429
        return self.status in TRANSIENT_ERRORS


def checkable(url: str) -> bool:
    """Only http(s) targets are checked (not javascript:, mailto:, tel:, data: ...)."""
    return url[:8].lower().startswith(_CHECKABLE)


def judge(result: FetchResult, dead_status: frozenset[int], soft404: bool = False) -> LinkVerdict:
    """One fetch result as a link verdict (first observation: transient failures are not yet confirmed)."""
    ct = result.content_type
    if result.error is not None:
        if result.error in ("too-large", "robots"):
            return LinkVerdict(result.error, True, False, ct)  # the target exists; we chose not to read it
        return LinkVerdict(result.error, False, result.error in DEFINITIVE_ERRORS, ct)
    status = result.status
    if status < 400 or status == 401:
        if soft404:
            return LinkVerdict("soft-404", False, True, ct)
        return LinkVerdict(status, True, False, ct)
    return LinkVerdict(status, False, status in dead_status, ct)


class LinkChecker:
    """Shared by all sites of a campaign; `check` coalesces concurrent requests for the same target."""

    def __init__(self, fetcher: Fetcher, settings: CrawlSettings, soft404: SoftNotFound | None = None,
                 spam: SpamPage | None = None) -> None:
        self._fetcher = fetcher
        self._settings = settings
        self._soft404 = soft404
        self._spam = spam
        self._cache: dict[str, asyncio.Future[LinkVerdict]] = {}
        self._first: dict[str, LinkVerdict] = {}  # a crawled page's transient failure: the check's first look
        self.dead_status = frozenset({404, 410} | ({403} if settings.confirm_403 else set()))
        self.requests = 0  # fetches made by the checker (not counting crawled pages it reuses)

    def record(self, url: str, verdict: LinkVerdict) -> None:
        """Reuse a crawled page's outcome as its link verdict. Transient failures are left to `check`."""
        key = canonical(url)
        if not verdict.ok and verdict.transient:
            self._first.setdefault(key, verdict)
            return
        if key in self._cache:
            return
        future: asyncio.Future[LinkVerdict] = asyncio.get_running_loop().create_future()
        future.set_result(verdict)
        self._cache[key] = future

    def cached(self, url: str) -> LinkVerdict | None:
        future = self._cache.get(canonical(url))
        return future.result() if future is not None and future.done() and not future.cancelled() else None

    async def check(self, url: str, internal: bool) -> LinkVerdict:
        key = canonical(url)
        future = self._cache.get(key)
        if future is None:
            future = asyncio.get_running_loop().create_future()
            self._cache[key] = future
            try:
                future.set_result(await self._verify(url, internal))
            except BaseException:
                del self._cache[key]
                future.cancel()
                raise
        return await asyncio.shield(future)

    async def _verify(self, url: str, internal: bool) -> LinkVerdict:
        # no fetcher retries here: the delayed second check is this layer's retry
        first = self._first.pop(canonical(url), None) or await self._probe(url, internal)
        if first.ok or first.confirmed or not first.transient:
            return first
        await asyncio.sleep(self._settings.recheck_delay)
        second = await self._probe(url, internal)
        if second.ok or second.confirmed:
            return second
        return replace(second, confirmed=True)

    async def _probe(self, url: str, internal: bool) -> LinkVerdict:
        if internal and looks_like_html(url):
            result = await self._get(url, RequestOptions(obey_robots=False, retries=0))
            soft = bool(self._soft404 and result.ok and result.is_html and result.text and self._soft404(result))
            return judge(result, self.dead_status, soft)
        probe = RequestOptions(obey_robots=False, probe=True, retries=0,
                               max_bytes=self._settings.attachment_probe_bytes)
        if internal:
            return judge(await self._get(url, probe), self.dead_status)
        if looks_like_html(url) and self._spam is not None:
            return await self._external_page(url)
        head = await self._get(url, RequestOptions(method="HEAD", obey_robots=False, retries=0))
        if head.ok or not (head.status in HEAD_FALLBACK_STATUS or head.error in TRANSIENT_ERRORS
                           or head.status >= 500):
            return judge(head, self.dead_status)
        return judge(await self._get(url, probe), self.dead_status)

    async def _external_page(self, url: str) -> LinkVerdict:
        """External pages are read (not just HEAD-checked): a domain that expired and now serves spam
        answers 200, and only its text tells (a security finding, not a dead link)."""
        result = await self._get(url, RequestOptions(obey_robots=False, retries=0,
                                                     max_bytes=self._settings.attachment_probe_bytes * 64))
        verdict = judge(result, self.dead_status)
        if verdict.ok and result.is_html and result.text and self._spam is not None and self._spam(result.text):
            return replace(verdict, spam=True)
        return verdict

    async def _get(self, url: str, options: RequestOptions) -> FetchResult:
        self.requests += 1
        return await self._fetcher.fetch(url, options)
