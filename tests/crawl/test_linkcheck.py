"""Campaign-wide link checking: one check per target, confirmation rules, soft-404, HEAD fallback."""
from __future__ import annotations

import asyncio

from aiohttp import web

from govinspect.crawl.fetcher import Fetcher
from govinspect.crawl.linkcheck import LinkChecker, LinkVerdict, checkable
from govinspect.crawl.settings import CrawlSettings

from .helpers import VirtualHosts, serve, settings_for, simple_extract

EXT = "www.ext.gov.cn"


def _sequence(statuses: list[int], body: str = "<html><title>ok</title></html>"):
    async def handler(request: web.Request) -> web.Response:
        status = statuses.pop(0) if statuses else 200
        return web.Response(status=status, text=body, content_type="text/html")

    return handler


async def _check(hosts: VirtualHosts, targets: list[tuple[str, bool]], settings: CrawlSettings | None = None):
    async with serve(hosts):
        settings = settings or settings_for(hosts.port)
        async with Fetcher(settings) as fetcher:
            checker = LinkChecker(fetcher, settings, soft404=lambda r: simple_extract(r).soft404)
            return [await checker.check(url, internal) for url, internal in targets]


def test_checkable_schemes() -> None:
    assert checkable("http://a") and checkable("HTTPS://a")
    assert not any(checkable(u) for u in ("javascript:void(0)", "mailto:a@b", "tel:123", "data:x", "#top"))


def test_503_that_recovers_is_not_dead() -> None:
    hosts = VirtualHosts()
    hosts.route(EXT, "/flaky.html", _sequence([503]))
    [v] = asyncio.run(_check(hosts, [(f"http://{EXT}/flaky.html", True)]))
    assert v.ok and v.status == 200
    assert hosts.hits[(EXT, "/flaky.html")] == 2  # the first check and the delayed re-check


def test_persistent_503_is_confirmed_after_the_recheck() -> None:
    hosts = VirtualHosts()
    hosts.route(EXT, "/down.html", _sequence([503] * 10))
    [v] = asyncio.run(_check(hosts, [(f"http://{EXT}/down.html", True)]))
    assert (v.ok, v.status, v.confirmed) == (False, 503, True)
    assert hosts.hits[(EXT, "/down.html")] == 2


def test_a_crawled_page_that_failed_counts_as_the_first_look() -> None:
    async def scenario() -> tuple[object, int]:
        hosts = VirtualHosts()
        hosts.route(EXT, "/down.html", _sequence([503] * 10))
        async with serve(hosts):
            settings = settings_for(hosts.port)
            async with Fetcher(settings) as fetcher:
                checker = LinkChecker(fetcher, settings)
                checker.record(f"http://{EXT}/down.html", LinkVerdict(503, False, False))
                verdict = await checker.check(f"http://{EXT}/down.html", True)
        return verdict, hosts.hits[(EXT, "/down.html")]

    verdict, hits = asyncio.run(scenario())
    assert (verdict.ok, verdict.confirmed) == (False, True)
    assert hits == 1  # only the delayed re-check was sent


def test_404_is_confirmed_at_once() -> None:
    hosts = VirtualHosts()
    [v] = asyncio.run(_check(hosts, [(f"http://{EXT}/gone.html", True)]))
    assert (v.ok, v.status, v.confirmed) == (False, 404, True)
    assert hosts.hits[(EXT, "/gone.html")] == 1


def test_403_is_suspected_unless_configured() -> None:
    hosts = VirtualHosts()
    hosts.page(EXT, "/deny.html", "<html>no</html>", status=403)
    [v] = asyncio.run(_check(hosts, [(f"http://{EXT}/deny.html", True)]))
    assert (v.ok, v.confirmed) == (False, False)
    hosts2 = VirtualHosts()
    hosts2.page(EXT, "/deny.html", "<html>no</html>", status=403)

    async def strict():
        async with serve(hosts2):
            s = settings_for(hosts2.port, confirm_403=True)
            async with Fetcher(s) as fetcher:
                return await LinkChecker(fetcher, s).check(f"http://{EXT}/deny.html", True)

    assert asyncio.run(strict()).confirmed


def test_soft_404_page() -> None:
    hosts = VirtualHosts()
    hosts.page(EXT, "/missing.html", "<html><title>页面不存在</title></html>")
    [v] = asyncio.run(_check(hosts, [(f"http://{EXT}/missing.html", True)]))
    assert (v.ok, v.status, v.confirmed) == (False, "soft-404", True)


def test_external_head_then_get_fallback() -> None:
    hosts = VirtualHosts()

    async def no_head(request: web.Request) -> web.Response:
        if request.method == "HEAD":
            return web.Response(status=405)
        return web.Response(text="<html>ok</html>", content_type="text/html")

    hosts.route(EXT, "/nohead", no_head)
    hosts.page(EXT, "/fine", "<html>ok</html>")
    v1, v2 = asyncio.run(_check(hosts, [(f"http://{EXT}/nohead", False), (f"http://{EXT}/fine", False)]))
    assert v1.ok and v2.ok
    assert [m for m, _, _ in hosts.methods] == ["HEAD", "GET", "HEAD"]


def test_attachment_probe_reads_only_the_start() -> None:
    hosts = VirtualHosts()
    hosts.page(EXT, "/plan.pdf", b"%PDF" + b"0" * 2_000_000, content_type="application/pdf")
    [v] = asyncio.run(_check(hosts, [(f"http://{EXT}/plan.pdf", True)]))
    assert v.ok and v.content_type == "application/pdf"


def test_same_target_checked_once_even_concurrently() -> None:
    hosts = VirtualHosts()
    hosts.page(EXT, "/shared.html", "<html>ok</html>")

    async def scenario():
        async with serve(hosts):
            s = settings_for(hosts.port)
            async with Fetcher(s) as fetcher:
                checker = LinkChecker(fetcher, s)
                url = f"http://{EXT}/shared.html"
                return await asyncio.gather(*(checker.check(url + suffix, False) for suffix in ("", "#a", "", "#b")))

    verdicts = asyncio.run(scenario())
    assert all(v.ok for v in verdicts) and len(hosts.methods) == 1


def test_dns_failure_is_confirmed_at_once() -> None:
    from .test_connect import StaticResolver

    async def scenario():
        s = CrawlSettings(recheck_delay=0.0, retries=0)
        async with Fetcher(s, StaticResolver({})) as fetcher:
            return await LinkChecker(fetcher, s).check("http://no-such-host.gov.cn/", False)

    v = asyncio.run(scenario())
    assert (v.ok, v.status, v.confirmed) == (False, "dns", True)
