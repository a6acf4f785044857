"""One availability probe of a home page (spec W-V2): fetch within the time limit, classify, fingerprint."""
from __future__ import annotations

import asyncio
import hashlib
import time
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import datetime

from yarl import URL

from ..crawl.fetcher import Fetcher, FetchResult, RequestOptions
from ..crawl.settings import CrawlSettings
from .fingerprint import fingerprint_page

WORLD_TIME: ContextVar[datetime | None] = ContextVar("WORLD_TIME", default=None)
PROBE_OPTIONS = RequestOptions(obey_robots=False, retries=0)  # one user opening the home page; we confirm ourselves


class ProbeFetcher(Fetcher):
    """The crawler's Fetcher (address guard, --connect-to, limits) that also tells the sample world the
    virtual instant of a probe in `X-World-Time`, when the monitor runs on a non-wall clock."""

    def _wire(self, url: URL, host: str, port: int, routed: bool,
              options: RequestOptions) -> tuple[URL, dict[str, str]]:
        wire, headers = super()._wire(url, host, port, routed, options)
        when = WORLD_TIME.get()
        if when is not None:
            headers["X-World-Time"] = when.isoformat()
        return wire, headers


def probe_settings(connect_to: list[str] | tuple[str, ...], timeout: float) -> CrawlSettings:
    """Crawl settings for probing: the spec's time limit per probe, one request per host at a time."""
    return CrawlSettings.build(connect_to=list(connect_to), total_timeout=timeout, read_timeout=timeout,
                               connect_timeout=min(timeout, 10.0), per_host_concurrency=1, retries=0,
                               fetch_variants=False, obey_robots=False)


@dataclass(frozen=True, slots=True)
class Attempt:
    """One request of a probe and how it went."""

    at: datetime
    ok: bool
    status: int | None
    elapsed_s: float
    error: str | None
    fingerprint: str | None = None


class Prober:
    """Probes home pages through one fetcher; remembers each site's last body to parse a page only when it changed."""

    def __init__(self, fetcher: Fetcher, timeout: float = 15.0, count_403: bool = True,
                 send_world_time: bool = False) -> None:
        self.fetcher = fetcher
        self.timeout = timeout
        self.count_403 = count_403
        self.send_world_time = send_world_time
        self._last_body: dict[str, tuple[str, str | None]] = {}  # url → (body digest, fingerprint)

    async def attempt(self, url: str, at: datetime) -> Attempt:
        """Open `url` once; a failure is an error, no answer within the limit, or an HTTP status ≥ 400."""
        token = WORLD_TIME.set(at if self.send_world_time else None)
        started = time.monotonic()
        try:
            result = await asyncio.wait_for(self.fetcher.fetch(url, PROBE_OPTIONS), self.timeout)
        except TimeoutError:
            return Attempt(at, False, None, time.monotonic() - started, "timeout")
        finally:
            WORLD_TIME.reset(token)
        return self._classify(url, at, result, time.monotonic() - started)

    def _classify(self, url: str, at: datetime, result: FetchResult, elapsed: float) -> Attempt:
        status = result.status or None
        if result.error is not None:
            return Attempt(at, False, status, elapsed, result.error)
        if result.status >= 400 and (result.status != 403 or self.count_403):
            return Attempt(at, False, status, elapsed, f"http-{result.status}")
        if result.status in (301, 302, 303, 307, 308):
            return Attempt(at, False, status, elapsed, "redirect-unresolved")
        return Attempt(at, True, status, elapsed, None, self._fingerprint(url, result, at))

    def _fingerprint(self, url: str, result: FetchResult, at: datetime) -> str | None:
        if not result.text or not result.is_html:
            return None
        digest = hashlib.sha1(result.body).hexdigest()
        cached = self._last_body.get(url)
        if cached is not None and cached[0] == digest:
            return cached[1]
        found = fingerprint_page(result.text, result.final_url, as_of=at.date())
        encoded = found.encode() if found else None
        self._last_body[url] = (digest, encoded)
        return encoded


def host_of(url: str) -> str:
    """The politeness key of a home page URL."""
    try:
        parsed = URL(url)
    except ValueError:
        return url
    return f"{(parsed.host or '').lower()}:{parsed.port or 0}"
