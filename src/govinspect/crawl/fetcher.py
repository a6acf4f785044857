"""`Fetcher`: the one network seam. Each hop: address guard → robots → politeness slot → request with
limits (timeouts, size cap, bomb guard, retries for transient faults) → redirect (next hop guarded again)
→ charset decoding. Errors never escape `fetch`: they come back as `FetchResult.error`.
"""
from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass, field
from typing import Any

import aiohttp
from aiohttp.abc import AbstractResolver
from yarl import URL

from ..errors import (ConnectFailed, DNSFailed, FetchError, FetchTimeout, InvalidURL, ProtocolError,
                      RedirectLoop, TooLarge, TooManyRedirects)
from .charset import decode_body
from .connect import AddressGuard, AddressPolicy, ConnectResolver, find_rule, ip_literal
from .decompress import Decompressor
from .politeness import HostSlots
from .robots import RobotsCache
from .settings import CrawlSettings

REDIRECTS = frozenset({301, 302, 303, 307, 308})
TRANSIENT_STATUS = frozenset({502, 503, 504})
KEPT_HEADERS = ("content-type", "content-length", "content-encoding", "location", "last-modified", "server",
                "x-powered-by", "strict-transport-security", "content-security-policy", "x-frame-options",
                "x-content-type-options", "refresh", "retry-after")
_TEXTUAL = ("text/", "html", "xml", "json", "javascript")


@dataclass(frozen=True, slots=True)
class RequestOptions:
    """How one fetch behaves; the defaults are an ordinary page fetch."""

    method: str = "GET"
    user_agent: str | None = None  # None: the settings' default agent
    referer: str | None = None
    obey_robots: bool = True
    max_bytes: int | None = None  # None: settings.max_body_bytes
    probe: bool = False  # read only the first max_bytes (no error, no decompression, no decoding)
    retries: int | None = None  # None: settings.retries


PAGE = RequestOptions()


@dataclass(slots=True)
class FetchResult:
    url: str
    final_url: str
    status: int  # 0 when no response was received
    headers: dict[str, str] = field(default_factory=dict)
    content_type: str | None = None
    body: bytes = b""
    text: str | None = None
    encoding: str | None = None
    elapsed: float = 0.0
    redirects: list[tuple[str, int]] = field(default_factory=list)  # (url, status) of each redirect hop
    error: str | None = None  # FetchError.error_class, e.g. "timeout", "dns", "address-refused"
    message: str | None = None  # the Chinese message of that error
    truncated: bool = False
    attempts: int = 1

    @property
    def ok(self) -> bool:
        return self.error is None and 200 <= self.status < 400

    @property
    def is_html(self) -> bool:
        ct = (self.content_type or "").lower()
        return "html" in ct or (not ct and self.body.lstrip()[:1] == b"<")


@dataclass(slots=True)
class _Hop:
    status: int
    headers: dict[str, str]
    body: bytes
    truncated: bool
    attempts: int


def translate_error(exc: BaseException, url: str) -> FetchError:
    """The boundary: aiohttp/OS errors become our FetchError tree with a Chinese message."""
    if isinstance(exc, FetchError):
        return exc
    if isinstance(exc, aiohttp.ClientConnectorDNSError):
        return DNSFailed(f"无法解析 {url} 的域名")
    if isinstance(exc, (aiohttp.ClientConnectorCertificateError, aiohttp.ClientSSLError)):
        return ConnectFailed(f"与 {url} 的 TLS 握手失败：{exc}")
    if isinstance(exc, TimeoutError):
        return FetchTimeout(f"访问 {url} 超时")
    if isinstance(exc, (aiohttp.InvalidURL, ValueError)):
        return InvalidURL(f"链接地址无效：{url}")
    if isinstance(exc, aiohttp.ClientPayloadError):
        return ConnectFailed(f"{url} 的响应内容传输中断")
    if isinstance(exc, aiohttp.ClientResponseError):
        return ProtocolError(f"{url} 返回了无法解析的 HTTP 响应：{exc.message}")
    if isinstance(exc, (aiohttp.ClientError, OSError)):
        return ConnectFailed(f"无法连接 {url}：{exc}")
    return FetchError(f"访问 {url} 失败：{type(exc).__name__}")


class Fetcher:
    """One shared aiohttp session for a campaign. Use as `async with Fetcher(settings) as f:`."""

    def __init__(self, settings: CrawlSettings, resolver: AbstractResolver | None = None) -> None:
        self.settings = settings
        self.resolver = ConnectResolver(settings.connect_to, AddressPolicy(settings.allow_private), resolver,
                                        ttl=settings.dns_cache_ttl)
        self.guard = AddressGuard(self.resolver)
        self.slots = HostSlots(settings.per_host_concurrency, settings.per_host_delay, settings.routed_delay,
                               settings.concurrency, settings.processes, settings.campaign_hosts)
        self.robots = RobotsCache(self._fetch_robots)
        self._timeout = aiohttp.ClientTimeout(total=settings.total_timeout, sock_connect=settings.connect_timeout,
                                              sock_read=settings.read_timeout)
        self._session: aiohttp.ClientSession | None = None

    async def __aenter__(self) -> "Fetcher":
        s = self.settings
        # No limits in the connector: the slots above enforce them before the request's timeout starts.
        connector = aiohttp.TCPConnector(limit=0, limit_per_host=0,
                                         keepalive_timeout=s.keepalive_timeout, use_dns_cache=True,
                                         ttl_dns_cache=s.dns_cache_ttl, resolver=self.resolver,
                                         ssl=True if s.verify_tls else False)
        headers = {"User-Agent": s.user_agent, "Accept-Encoding": "gzip, deflate, br",
                   "Accept": "text/html,application/xhtml+xml,*/*;q=0.8", "Accept-Language": "zh-CN,zh;q=0.9"}
        self._session = aiohttp.ClientSession(connector=connector, auto_decompress=False, headers=headers,
                                              timeout=self._timeout, max_field_size=32768, max_line_size=32768)
        return self

    async def __aexit__(self, *exc: Any) -> None:
        await self.close()

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()
            self._session = None

    async def fetch(self, url: str, options: RequestOptions = PAGE) -> FetchResult:
        """Fetch `url` following redirects; never raises a FetchError (it is recorded in the result)."""
        started = time.monotonic()
        result = FetchResult(url=url, final_url=url, status=0)
        try:
            await self._follow(result, options)
        except FetchError as exc:
            result.error, result.message = exc.error_class, exc.message
        result.elapsed = time.monotonic() - started
        return result

    async def _follow(self, result: FetchResult, options: RequestOptions) -> None:
        current, method, visits = result.url, options.method, {result.url: 1}
        while True:
            hop = await self._hop(current, method, options)
            result.final_url, result.status, result.headers = current, hop.status, hop.headers
            result.attempts += hop.attempts - 1
            location = hop.headers.get("location")
            if hop.status not in REDIRECTS or not location:
                self._finish(result, hop, options)
                return
            result.redirects.append((current, hop.status))
            current = self._next_hop(result, current, location, visits)
            if hop.status == 303 and method != "HEAD":
                method = "GET"

    def _next_hop(self, result: FetchResult, current: str, location: str, visits: dict[str, int]) -> str:
        try:
            target = str(URL(current).join(URL(location)).with_fragment(None))
        except ValueError:
            raise InvalidURL(f"{current} 的跳转地址无效：{location}") from None
        if len(result.redirects) > self.settings.max_redirects:
            raise TooManyRedirects(f"{result.url} 跳转超过 {self.settings.max_redirects} 次")
        visits[target] = visits.get(target, 0) + 1
        if visits[target] > 2:  # one revisit is a cookie handshake; a second one is a loop
            raise RedirectLoop(f"{result.url} 的跳转形成循环（回到 {target}）")
        return target

    def _finish(self, result: FetchResult, hop: _Hop, options: RequestOptions) -> None:
        result.body, result.truncated = hop.body, hop.truncated
        result.content_type = hop.headers.get("content-type")
        if options.probe or options.method == "HEAD":
            return
        ct = (result.content_type or "").lower()
        if not ct or any(t in ct for t in _TEXTUAL):
            result.text, result.encoding = decode_body(hop.body, result.content_type)

    async def _hop(self, url: str, method: str, options: RequestOptions) -> _Hop:
        """One hop: guard, robots, then attempts inside the host's politeness slot."""
        try:
            parsed = URL(url)
            host, port = (parsed.host or "").lower(), parsed.port or 0
        except ValueError:
            raise InvalidURL(f"链接地址无效：{url}") from None
        if parsed.scheme not in ("http", "https") or not host:
            raise InvalidURL(f"链接地址无效：{url}")
        routed = await self.guard.check(url, host, port)
        if options.obey_robots and self.settings.obey_robots:
            await self.robots.check(url, f"{parsed.scheme}://{parsed.raw_authority}")
        return await self._attempts(parsed, host, port, routed, method, options)

    async def _attempts(self, url: URL, host: str, port: int, routed: bool, method: str,
                        options: RequestOptions) -> _Hop:
        retries = self.settings.retries if options.retries is None else options.retries
        attempt = 0
        while True:
            attempt += 1
            try:
                async with self.slots.hold(f"{host}:{port}", routed):
                    hop = await self._request(url, host, port, routed, method, options)
            except FetchTimeout:
                raise  # it already waited the full limit; the link checker's delayed re-check confirms it
            except ConnectFailed:
                if attempt > retries:
                    raise
            else:
                if hop.status not in TRANSIENT_STATUS or attempt > retries:
                    hop.attempts = attempt
                    return hop
            await asyncio.sleep(self.settings.retry_backoff * 2 ** (attempt - 1))

    async def _request(self, url: URL, host: str, port: int, routed: bool, method: str,
                       options: RequestOptions) -> _Hop:
        assert self._session is not None, "Fetcher used outside `async with`"
        wire, headers = self._wire(url, host, port, routed, options)
        try:
            async with self._session.request(method, wire, headers=headers, allow_redirects=False) as resp:
                kept = {k: resp.headers[k] for k in KEPT_HEADERS if k in resp.headers}
                if method == "HEAD" or (resp.status in REDIRECTS and "location" in kept):
                    return _Hop(resp.status, kept, b"", False, 1)
                body, truncated = await self._read(resp, str(url), options)
                return _Hop(resp.status, kept, body, truncated, 1)
        except asyncio.CancelledError:
            raise
        except Exception as exc:  # noqa: BLE001 - the translation boundary
            raise translate_error(exc, str(url)) from None

    def _wire(self, url: URL, host: str, port: int, routed: bool,
              options: RequestOptions) -> tuple[URL, dict[str, str]]:
        headers: dict[str, str] = {}
        if options.user_agent:
            headers["User-Agent"] = options.user_agent
        if options.referer:
            headers["Referer"] = options.referer
        if routed and ip_literal(host) is not None:
            # aiohttp skips the resolver for IP literals, so a connect-to rule is applied to the URL here
            rule = find_rule(self.resolver.rules, host, port)
            assert rule is not None
            target_host, target_port = rule.target(host, port)
            headers["Host"] = url.raw_authority
            url = url.with_host(target_host).with_port(target_port)
        return url, headers

    async def _read(self, resp: aiohttp.ClientResponse, url: str, options: RequestOptions) -> tuple[bytes, bool]:
        cap = options.max_bytes or self.settings.max_body_bytes
        if options.probe:
            return await _read_prefix(resp, cap), True
        length = resp.headers.get("content-length", "")
        if length.isdigit() and int(length) > cap:
            raise TooLarge(f"{url} 的内容长度 {int(length)} 字节超过上限 {cap} 字节")
        decoder = Decompressor(resp.headers.get("content-encoding", "identity"), self.settings.max_decoded_bytes,
                               self.settings.max_ratio, url)
        parts, read = [], 0
        async for chunk in resp.content.iter_any():
            read += len(chunk)
            if read > cap:
                raise TooLarge(f"{url} 的内容超过上限 {cap} 字节，已停止读取")
            parts.append(decoder.feed(chunk))
        parts.append(decoder.flush())
        return b"".join(parts), False

    async def _fetch_robots(self, url: str) -> FetchResult:
        return await self.fetch(url, RequestOptions(obey_robots=False, max_bytes=512 * 1024, retries=0))


async def _read_prefix(resp: aiohttp.ClientResponse, cap: int) -> bytes:
    parts, read = [], 0
    async for chunk in resp.content.iter_any():
        parts.append(chunk)
        read += len(chunk)
        if read >= cap:
            break
    return b"".join(parts)[:cap]
