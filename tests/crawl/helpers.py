"""Test servers for the crawler: one aiohttp app on 127.0.0.1 serving virtual hosts by the Host header."""
from __future__ import annotations

import asyncio
import re
from collections import Counter, defaultdict
from contextlib import asynccontextmanager
from typing import AsyncIterator, Awaitable, Callable

from aiohttp import web
from selectolax.lexbor import LexborHTMLParser

from govinspect.crawl.fetcher import FetchResult
from govinspect.crawl.settings import CrawlSettings
from govinspect.models import Link, PageFacts

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


class VirtualHosts:
    """Routes (host, path) to handlers; records hits and the most requests in flight per host."""

    def __init__(self) -> None:
        self.routes: dict[tuple[str, str], Handler] = {}
        self.hits: Counter[tuple[str, str]] = Counter()
        self.methods: list[tuple[str, str, str]] = []  # (method, host, path_qs)
        self.headers: dict[tuple[str, str], list[dict[str, str]]] = defaultdict(list)
        self.in_flight: Counter[str] = Counter()
        self.max_in_flight: Counter[str] = Counter()
        self.port = 0

    def route(self, host: str, path: str, handler: Handler) -> None:
        self.routes[(host, path)] = handler

    def page(self, host: str, path: str, body: str | bytes, status: int = 200,
             content_type: str = "text/html; charset=utf-8", headers: dict[str, str] | None = None) -> None:
        data = body.encode() if isinstance(body, str) else body

        async def handler(request: web.Request) -> web.Response:
            return web.Response(body=data, status=status, headers={"Content-Type": content_type, **(headers or {})})

        self.route(host, path, handler)

    def redirect(self, host: str, path: str, location: str, status: int = 302) -> None:
        async def handler(request: web.Request) -> web.Response:
            return web.Response(status=status, headers={"Location": location})

        self.route(host, path, handler)

    async def dispatch(self, request: web.Request) -> web.StreamResponse:
        host = (request.host or "").split(":")[0].lower()
        key = (host, request.path_qs if (host, request.path_qs) in self.routes else request.path)
        self.hits[(host, request.path_qs)] += 1
        self.methods.append((request.method, host, request.path_qs))
        self.headers[(host, request.path)].append(dict(request.headers))
        self.in_flight[host] += 1
        self.max_in_flight[host] = max(self.max_in_flight[host], self.in_flight[host])
        try:
            handler = self.routes.get(key)
            if handler is None:
                return web.Response(status=404, text="<html><title>404</title>not found</html>",
                                    content_type="text/html")
            return await handler(request)
        finally:
            self.in_flight[host] -= 1

    def total_hits(self, host: str) -> int:
        return sum(n for (h, _), n in self.hits.items() if h == host)


@asynccontextmanager
async def serve(hosts: VirtualHosts) -> AsyncIterator[VirtualHosts]:
    app = web.Application()
    app.router.add_route("*", "/{tail:.*}", hosts.dispatch)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    hosts.port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    try:
        yield hosts
    finally:
        await runner.cleanup()


def settings_for(port: int, **overrides: object) -> CrawlSettings:
    """Every request goes to the test server (like `--connect-to ::127.0.0.1:PORT`); no waiting in tests."""
    base: dict[str, object] = dict(retry_backoff=0.0, recheck_delay=0.0, per_host_delay=0.0, routed_delay=0.0,
                                   home_recheck_delay=0.0, extract_workers=0,
                                   connect_timeout=5.0, read_timeout=5.0, total_timeout=10.0)
    base.update(overrides)
    return CrawlSettings.build([f"::127.0.0.1:{port}"], **base)  # type: ignore[arg-type]


_SOFT404 = re.compile("页面不存在|404")


def simple_extract(result: FetchResult) -> PageFacts:
    """A small stand-in for extract.page.extract_page, so the crawler can be tested on its own:
    links from a/area/iframe/img, the title, soft-404 by title, data sources from <script data-source>."""
    tree = LexborHTMLParser(result.text or "")
    base = result.final_url
    title_node = tree.css_first("title")
    title = title_node.text(strip=True) if title_node else None
    links: list[Link] = []
    for node in tree.css("a[href], area[href], iframe[src], img[src]"):
        raw = node.attributes.get("href") or node.attributes.get("src") or ""
        links.append(Link(url=_join(base, raw), tag=node.tag, text=node.text(strip=True), region="main"))
    sources = [_join(base, n.attributes.get("data-source") or "") for n in tree.css("script[data-source]")]
    return PageFacts(url=base, status=result.status, encoding=result.encoding, title=title, links=links,
                     data_sources=sources, soft404=bool(title and _SOFT404.search(title)))


def _join(base: str, raw: str) -> str:
    from urllib.parse import urljoin

    raw = raw.strip()
    return raw if raw.lower().startswith(("javascript:", "mailto:", "tel:")) else urljoin(base, raw)


def slow(seconds: float, body: str = "<html>ok</html>") -> Handler:
    async def handler(request: web.Request) -> web.Response:
        await asyncio.sleep(seconds)
        return web.Response(text=body, content_type="text/html")

    return handler
