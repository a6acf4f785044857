"""Whole sites crawled end to end on loopback virtual hosts, sharing one session and link cache."""
from __future__ import annotations

import asyncio
import json

import pytest
from aiohttp import web

from govinspect.crawl.session import CrawlSession
from govinspect.crawl.site import CrawlOutcome
from govinspect.models import Finding, Site

from .helpers import VirtualHosts, serve, settings_for, simple_extract

A, B, EXT = "www.a.gov.cn", "www.b.gov.cn", "www.ext.gov.cn"

HOME_A = """<html><head><title>甲市人民政府</title><script data-source="/api/list.json"></script></head><body>
<a href="/col/list.html">通知公告</a> <a href="/about.html#top">概况</a> <a href="http://www.ext.gov.cn/x.html">国务院</a>
<a href="/files/a.pdf">附件</a> <a href="/dead.html">坏链</a> <a href="javascript:void(0)">脚本</a>
<a href="mailto:ban@a.gov.cn">邮箱</a> <iframe src="/frame.html"></iframe> <img src="/logo.png">
<a href="/cal.jsp?year=2024&amp;month=1">日历</a> <a href="/private/secret.html">内部</a>
<a href="http://jyj.a.gov.cn/">教育局</a></body></html>"""


def _calendar(request: web.Request) -> web.Response:
    month = int(request.query.get("month", "1"))
    nxt = f"/cal.jsp?year=2024&amp;month={month + 1}"
    return web.Response(text=f'<html><title>日历</title><a href="{nxt}">下月</a></html>', content_type="text/html")


async def _calendar_handler(request: web.Request) -> web.Response:
    return _calendar(request)


async def _home_a(request: web.Request) -> web.Response:
    if "Baiduspider" in request.headers.get("User-Agent", ""):
        return web.Response(text="<html><title>澳门博彩 真人娱乐</title></html>", content_type="text/html")
    return web.Response(text=HOME_A, content_type="text/html")


def world() -> VirtualHosts:
    hosts = VirtualHosts()
    hosts.route(A, "/", _home_a)
    hosts.page(A, "/robots.txt", "User-agent: *\nDisallow: /private/\n", content_type="text/plain")
    hosts.page(A, "/col/list.html", '<html><title>通知公告</title><a href="/art/2.html">文二</a>'
                                    '<a href="/col/list.html?page=2">下一页</a></html>')
    hosts.page(A, "/col/list.html?page=2", "<html><title>通知公告</title></html>")
    hosts.page(A, "/about.html", '<html><title>概况</title><a href="/">首页</a></html>')
    hosts.page(A, "/frame.html", "<html><title>框架</title></html>")
    hosts.page(A, "/art/1.html", "<html><title>文一</title></html>")
    hosts.page(A, "/art/2.html", '<html><title>文二</title><a href="/dead.html">坏链</a></html>')
    hosts.page(A, "/files/a.pdf", b"%PDF-1.4", content_type="application/pdf")
    hosts.page(A, "/logo.png", b"\x89PNG", content_type="image/png")
    hosts.route(A, "/cal.jsp", _calendar_handler)
    hosts.page(A, "/api/list.json", json.dumps({"code": 0, "data": {"list": [
        {"title": "通知一", "url": "/art/1.html", "pubDate": "2024-05-01 09:00"},
        {"title": "通知二", "url": "/art/2.html", "pubDate": "2024-06-01"}]}}), content_type="application/json")
    hosts.page(A, "/private/secret.html", "<html>secret</html>")
    hosts.page(B, "/", '<html><title>乙区</title><a href="http://www.ext.gov.cn/x.html">国务院</a>'
                       '<a href="/gone.html">旧页</a></html>')
    hosts.page(EXT, "/x.html", "<html>ext</html>")
    return hosts


async def crawl_sites(hosts: VirtualHosts, sites: list[Site], extract=simple_extract, **settings: object):
    async with serve(hosts):
        s = settings_for(hosts.port, max_calendar_values=3, **settings)
        async with CrawlSession.open(None, settings=s, extract=extract) as session:
            return await asyncio.gather(*(session.crawl(site) for site in sites))


def _links(outcome: CrawlOutcome) -> dict[str, object]:
    return {r.target: r for r in outcome.link_results}


def test_site_crawled_end_to_end() -> None:
    hosts = world()
    site_a, site_b = Site("1234567890", "甲市人民政府", f"http://{A}/"), Site("bm12345678", "乙区", f"http://{B}/")
    a, b = asyncio.run(crawl_sites(hosts, [site_a, site_b]))
    assert a.error is None and b.error is None
    urls = [p.url for p in a.pages]
    assert urls[0] == f"http://{A}/" and a.pages[0].kind == "home"
    assert {f"http://{A}/col/list.html", f"http://{A}/about.html", f"http://{A}/frame.html",
            f"http://{A}/art/1.html", f"http://{A}/art/2.html", f"http://{A}/col/list.html?page=2"} <= set(urls)
    assert not any("private" in u or "jyj." in u for u in urls)
    # robots, calendar trap and scope
    assert a.stats["robots/skipped"] == 1 and hosts.hits[(A, "/private/secret.html")] == 0
    assert a.stats["trap/skipped"] >= 1
    assert sum(n for (h, p), n in hosts.hits.items() if h == A and p.startswith("/cal.jsp")) <= 4
    # the script-filled list, newest first
    [lst] = a.pages[0].lists
    assert [(i.title, i.date.isoformat()) for i in lst.items] == [("通知二", "2024-06-01"), ("通知一", "2024-05-01")]
    # cloaking variants
    assert set(a.variants) == {"browser", "spider", "referer"}
    assert a.variants["spider"].title == "澳门博彩 真人娱乐" and a.variants["referer"].title == "甲市人民政府"
    referer = [h.get("Referer", "") for h in hosts.headers[(A, "/")]]
    assert any(r.startswith("https://www.baidu.com/s?wd=") for r in referer)
    # links
    links = _links(a)
    dead = links[f"http://{A}/dead.html"]
    assert (dead.ok, dead.status, dead.confirmed, dead.on_home) == (False, 404, True, True)
    assert set(dead.sources) == {f"http://{A}/", f"http://{A}/art/2.html"}
    assert links[f"http://{EXT}/x.html"].external and links[f"http://{EXT}/x.html"].ok
    assert links[f"http://{A}/files/a.pdf"].ok and links[f"http://{A}/logo.png"].tag == "img"
    assert links[f"http://{A}/about.html"].ok and links[f"http://{A}/private/secret.html"].status == "robots"
    assert not any(t.startswith(("javascript:", "mailto:")) for t in links)
    assert links["http://jyj.a.gov.cn/"].external  # a department sub-domain is another site
    assert a.stats["fetch/status/404"] >= 1 and a.stats["links/dead"] == 2 and a.stats["pages/crawled"] == len(a.pages)
    # the campaign-wide cache: one external check for two sites, no second fetch of crawled pages
    assert hosts.total_hits(EXT) == 1 and _links(b)[f"http://{EXT}/x.html"].ok
    assert hosts.hits[(A, "/about.html")] == 1 and hosts.hits[(A, "/dead.html")] == 1
    assert _links(b)[f"http://{B}/gone.html"].confirmed


def test_page_budget_is_respected() -> None:
    hosts = world()
    [a] = asyncio.run(crawl_sites(hosts, [Site("1", "甲", f"http://{A}/")], page_budget=3))
    assert len(a.pages) <= 4 and a.stats["budget/skipped"] >= 1  # home + 3 admitted pages


def test_unusable_home_is_the_outcome_error() -> None:
    hosts = VirtualHosts()
    hosts.page(A, "/", "<html>error</html>", status=500)
    sites = [Site("1", "甲", f"http://{A}/"), Site("2", "乙", f"http://{B}/")]
    a, b = asyncio.run(crawl_sites(hosts, sites, retries=0))
    assert a.pages == [] and a.error is not None and a.error.startswith("http-500")
    assert b.error is not None and b.error.startswith("http-404")


def test_unreachable_home_records_the_error_class() -> None:
    async def scenario() -> CrawlOutcome:
        hosts = VirtualHosts()
        async with serve(hosts):
            port = hosts.port
        async with CrawlSession.open(None, settings=settings_for(port, retries=0), extract=simple_extract) as session:
            return await session.crawl(Site("1", "甲", f"http://{A}/"))

    outcome = asyncio.run(scenario())
    assert outcome.error is not None and outcome.error.startswith("connect:") and outcome.stats["fetch/error/connect"] == 4
    # the first attempt and three spaced re-checks, each in the probe log that W-V2 reads
    assert [p.error for p in outcome.home_probes] == ["connect"] * 4


def test_with_the_real_page_extractor() -> None:
    try:
        from govinspect.crawl.session import page_extractor

        extract = page_extractor(None)
    except ImportError:
        pytest.skip("extract.page is not written yet")
    hosts = world()
    [a] = asyncio.run(crawl_sites(hosts, [Site("1234567890", "甲市人民政府", f"http://{A}/")], extract=extract))
    assert a.error is None and len(a.pages) >= 5
    assert _links(a)[f"http://{A}/dead.html"].confirmed


def test_home_redirect_within_the_domain_moves_the_scope_but_a_hijack_does_not() -> None:
    hosts = VirtualHosts()
    hosts.redirect("a.gov.cn", "/", f"http://{A}/index.html")
    hosts.page(A, "/index.html", '<html><title>甲</title><a href="/about.html">概况</a></html>')
    hosts.page(A, "/about.html", "<html><title>概况</title></html>")
    hosts.redirect(B, "/", "http://www.casino.com/")
    hosts.page("www.casino.com", "/", '<html><title>娱乐城</title><a href="/vip.html">VIP</a></html>')
    sites = [Site("1", "甲", "http://a.gov.cn/"), Site("2", "乙", f"http://{B}/")]
    a, b = asyncio.run(crawl_sites(hosts, sites))
    assert [p.url for p in a.pages] == ["http://a.gov.cn/", f"http://{A}/about.html"]
    assert a.pages[0].final_url == f"http://{A}/index.html"
    assert [p.title for p in b.pages] == ["娱乐城"]
    assert [p.url for p in b.pages] == [f"http://{B}/"]  # the hijacker's pages are link-checked, not crawled
    assert sum(1 for m in hosts.methods if m[1:] == ("www.casino.com", "/vip.html")) == 1
    assert _links(b)["http://www.casino.com/vip.html"].external


def test_spider_sample_reuses_facts_only_for_identical_pages() -> None:
    """A sampled page the spider gets byte for byte is not parsed again; a cloaked one is."""
    hosts = VirtualHosts()
    hosts.page(A, "/", '<html><title>甲市</title><script data-source="/api/list.json"></script></html>')
    hosts.page(A, "/api/list.json", json.dumps({"code": 0, "data": {"list": [
        {"title": "通知一", "url": "/art/1.html", "pubDate": "2024-05-01"},
        {"title": "通知二", "url": "/art/2.html", "pubDate": "2024-06-01"}]}}), content_type="application/json")
    hosts.page(A, "/art/1.html", "<html><title>文一</title></html>")

    async def cloaked(request: web.Request) -> web.Response:
        spider = "Baiduspider" in request.headers.get("User-Agent", "")
        return web.Response(text=f"<html><title>{'澳门博彩' if spider else '文二'}</title></html>",
                            content_type="text/html")

    hosts.route(A, "/art/2.html", cloaked)
    parsed: list[str] = []

    def counting(result):
        parsed.append(result.final_url)
        return simple_extract(result)

    [a] = asyncio.run(crawl_sites(hosts, [Site("1234567890", "甲市", f"http://{A}/")], extract=counting))
    crawled = {p.url: p for p in a.pages}
    one, two = f"http://{A}/art/1.html", f"http://{A}/art/2.html"
    assert set(a.spider_pages) == {one, two}
    assert a.spider_pages[one] is crawled[one]  # same body: the browser's facts
    assert a.spider_pages[two].title == "澳门博彩" and crawled[two].title == "文二"
    assert parsed.count(one) == 1 and parsed.count(two) == 2


def test_compromised_site_is_refetched_as_spider_during_the_crawl() -> None:
    """A strong sign of compromise on the home page starts the whole-site spider re-fetch at once: the pages
    crawled so far are re-fetched while the crawl goes on down a chain of pages, not after it."""
    hosts = VirtualHosts()
    order: list[tuple[str, bool]] = []  # (path, fetched as a spider) in arrival order
    depth = 6

    def chained(n: int):
        async def handler(request: web.Request) -> web.Response:
            order.append((request.path, "Baiduspider" in request.headers.get("User-Agent", "")))
            await asyncio.sleep(0.03)
            nxt = f'<a href="/p/{n + 1}.html">下一篇</a>' if n < depth else ""
            return web.Response(text=f"<html><title>文{n}</title>{nxt}</html>", content_type="text/html")
        return handler

    hosts.page(A, "/", '<html><title>甲市 澳门博彩</title><a href="/p/1.html">文一</a></html>')
    for n in range(1, depth + 1):
        hosts.route(A, f"/p/{n}.html", chained(n))

    def with_signal(result):
        facts = simple_extract(result)
        if "博彩" in (facts.title or ""):
            facts.signals = [Finding("W-V1.4", "安全攻击未及时有效处置", "veto", None, facts.url, {"说明": "标题被篡改"},
                                     0.95, False, {"kind": "title-brand"})]
        return facts

    [a] = asyncio.run(crawl_sites(hosts, [Site("1234567890", "甲市", f"http://{A}/")], extract=with_signal))
    pages = [f"http://{A}/p/{n}.html" for n in range(1, depth + 1)]
    assert [p.url for p in a.pages[1:]] == pages
    assert list(a.spider_pages) == pages  # every page but the home, in crawl order
    first_spider = order.index(("/p/1.html", True))
    last_browser = order.index((f"/p/{depth}.html", False))
    assert first_spider < last_browser
