"""The fetch path against a loopback server: limits, bomb guard, redirects, retries, headers."""
from __future__ import annotations

import asyncio
import gzip
import tracemalloc
import zlib

import brotli
from aiohttp import web

from govinspect.crawl.fetcher import Fetcher, RequestOptions
from govinspect.crawl.settings import DEFAULT_USER_AGENT

from .helpers import VirtualHosts, serve, settings_for, slow

HOST = "www.test.gov.cn"
URL = f"http://{HOST}"


def _bomb(coding: str, megabytes: int) -> bytes:
    """`megabytes` MB of zeros, compressed without ever holding them in memory at once."""
    zeros = bytes(1024 * 1024)
    if coding == "br":
        comp = brotli.Compressor(quality=5)
        return b"".join(comp.process(zeros) for _ in range(megabytes)) + comp.finish()
    z = zlib.compressobj(9, zlib.DEFLATED, 31)
    return b"".join(z.compress(zeros) for _ in range(megabytes)) + z.flush()


async def _fetch(hosts: VirtualHosts, path: str, options: RequestOptions = RequestOptions(), **settings: object):
    async with serve(hosts), Fetcher(settings_for(hosts.port, obey_robots=False, **settings)) as fetcher:
        return await fetcher.fetch(URL + path, options)


def test_compressed_pages_are_decoded() -> None:
    html = "<html><body>" + "政务公开 " * 500 + "</body></html>"
    hosts = VirtualHosts()
    for coding, body in (("gzip", gzip.compress(html.encode())), ("deflate", zlib.compress(html.encode())),
                         ("br", brotli.compress(html.encode()))):
        hosts.page(HOST, f"/{coding}", body, headers={"Content-Encoding": coding})
    raw = zlib.compressobj(6, zlib.DEFLATED, -15)
    hosts.page(HOST, "/raw-deflate", raw.compress(html.encode()) + raw.flush(), headers={"Content-Encoding": "deflate"})

    async def scenario() -> None:
        async with serve(hosts), Fetcher(settings_for(hosts.port, obey_robots=False)) as fetcher:
            for path in ("/gzip", "/deflate", "/br", "/raw-deflate"):
                result = await fetcher.fetch(URL + path)
                assert (result.error, result.text, result.encoding) == (None, html, "utf-8"), path

    asyncio.run(scenario())


def test_size_cap_by_content_length() -> None:
    hosts = VirtualHosts()
    hosts.page(HOST, "/big", b"x" * 300_000)
    result = asyncio.run(_fetch(hosts, "/big", max_body_bytes=100_000))
    assert result.error == "too-large" and result.body == b""


def test_size_cap_while_streaming() -> None:
    hosts = VirtualHosts()
    sent: list[int] = []

    async def endless(request: web.Request) -> web.StreamResponse:
        resp = web.StreamResponse(headers={"Content-Type": "text/html"})
        resp.enable_chunked_encoding()
        await resp.prepare(request)
        try:
            for _ in range(400):  # 25 MB if the client never stops
                await resp.write(b"y" * 65536)
                sent.append(1)
        except (ConnectionError, RuntimeError):
            pass
        return resp

    hosts.route(HOST, "/stream", endless)
    result = asyncio.run(_fetch(hosts, "/stream", max_body_bytes=1_000_000))
    assert result.error == "too-large"
    assert len(sent) < 400


def test_probe_reads_only_the_first_bytes() -> None:
    hosts = VirtualHosts()
    hosts.page(HOST, "/file.pdf", b"%PDF" + b"z" * 500_000, content_type="application/pdf")
    result = asyncio.run(_fetch(hosts, "/file.pdf", RequestOptions(probe=True, max_bytes=4096)))
    assert result.ok and result.truncated and len(result.body) == 4096 and result.text is None


def test_gzip_bomb_refused_with_bounded_memory() -> None:
    hosts = VirtualHosts()
    bomb = _bomb("gzip", 200)
    hosts.page(HOST, "/bomb", bomb, headers={"Content-Encoding": "gzip"})

    async def scenario():
        async with serve(hosts), Fetcher(settings_for(hosts.port, obey_robots=False)) as fetcher:
            tracemalloc.start()
            try:
                result = await fetcher.fetch(URL + "/bomb")
                peak = tracemalloc.get_traced_memory()[1]
            finally:
                tracemalloc.stop()
        return result, peak

    result, peak = asyncio.run(scenario())
    assert len(bomb) < 1_000_000
    assert result.error == "too-large" and "压缩炸弹" in (result.message or "")
    assert peak < 40 * 1024 * 1024  # the bomb would be 200 MB


def test_decoded_size_cap_without_ratio_guard() -> None:
    for coding in ("gzip", "br"):
        hosts = VirtualHosts()
        hosts.page(HOST, "/bomb", _bomb(coding, 20), headers={"Content-Encoding": coding})
        result = asyncio.run(_fetch(hosts, "/bomb", max_decoded_bytes=3_000_000, max_ratio=10**9))
        assert result.error == "too-large" and "解压后超过" in (result.message or ""), coding


def test_corrupt_gzip_is_a_decode_error() -> None:
    hosts = VirtualHosts()
    hosts.page(HOST, "/bad", b"\x1f\x8b\x08\x00garbage-garbage", headers={"Content-Encoding": "gzip"})
    assert asyncio.run(_fetch(hosts, "/bad")).error == "decode"


def test_redirect_limit() -> None:
    hosts = VirtualHosts()
    for i in range(30):
        hosts.redirect(HOST, f"/r{i}", f"/r{i + 1}")
    result = asyncio.run(_fetch(hosts, "/r0"))
    assert result.error == "too-many-redirects"
    assert len(result.redirects) == 11 and hosts.total_hits(HOST) == 11


def test_redirects_followed_within_limit() -> None:
    hosts = VirtualHosts()
    hosts.redirect(HOST, "/", "/index.html", 301)
    hosts.redirect(HOST, "/index.html", f"http://{HOST}/main/#top", 302)
    hosts.page(HOST, "/main/", "<html>主页</html>")
    result = asyncio.run(_fetch(hosts, "/"))
    assert result.ok and result.final_url == f"{URL}/main/" and result.text == "<html>主页</html>"
    assert result.redirects == [(f"{URL}/", 301), (f"{URL}/index.html", 302)]


def test_redirect_loop() -> None:
    hosts = VirtualHosts()
    hosts.redirect(HOST, "/a", "/b")
    hosts.redirect(HOST, "/b", "/a")
    result = asyncio.run(_fetch(hosts, "/a"))
    assert result.error == "redirect-loop" and len(result.redirects) < 10


def _flaky(statuses: list[int]):
    async def handler(request: web.Request) -> web.Response:
        status = statuses.pop(0) if statuses else 200
        return web.Response(status=status, text=f"<html>{status}</html>", content_type="text/html")

    return handler


def test_transient_status_is_retried() -> None:
    hosts = VirtualHosts()
    hosts.route(HOST, "/flaky", _flaky([503, 502]))
    result = asyncio.run(_fetch(hosts, "/flaky", retries=2))
    assert result.status == 200 and result.attempts == 3 and hosts.hits[(HOST, "/flaky")] == 3


def test_persistent_504_gives_up_after_retries() -> None:
    hosts = VirtualHosts()
    hosts.route(HOST, "/down", _flaky([504] * 10))
    result = asyncio.run(_fetch(hosts, "/down", retries=2))
    assert result.status == 504 and result.error is None and hosts.hits[(HOST, "/down")] == 3


def test_404_and_500_are_not_retried() -> None:
    hosts = VirtualHosts()
    hosts.route(HOST, "/500", _flaky([500] * 5))
    assert asyncio.run(_fetch(hosts, "/missing", retries=3)).status == 404
    assert asyncio.run(_fetch(hosts, "/500", retries=3)).status == 500
    assert hosts.hits[(HOST, "/missing")] == 1 and hosts.hits[(HOST, "/500")] == 1


def test_connection_reset_is_retried() -> None:
    hosts = VirtualHosts()
    resets = [1, 1]

    async def reset_twice(request: web.Request) -> web.Response:
        if resets:
            resets.pop()
            assert request.transport is not None
            request.transport.abort()
            raise ConnectionResetError
        return web.Response(text="<html>ok</html>", content_type="text/html")

    hosts.route(HOST, "/reset", reset_twice)
    result = asyncio.run(_fetch(hosts, "/reset", retries=2))
    # aiohttp itself may retry once on a dropped keep-alive connection, so count what the server saw
    assert result.ok and result.attempts >= 2 and hosts.hits[(HOST, "/reset")] == 3


def test_timeout_is_translated_and_not_retried_at_once() -> None:
    # A timeout has already waited the whole limit; the link checker's delayed re-check confirms it.
    hosts = VirtualHosts()
    hosts.route(HOST, "/slow", slow(1.0))
    result = asyncio.run(_fetch(hosts, "/slow", retries=1, read_timeout=0.1, total_timeout=0.2))
    assert result.error == "timeout" and "超时" in (result.message or "")
    assert hosts.hits[(HOST, "/slow")] == 1


def test_connection_refused_is_connect_error() -> None:
    async def scenario():
        hosts = VirtualHosts()
        async with serve(hosts):
            port = hosts.port
        async with Fetcher(settings_for(port, obey_robots=False, retries=0)) as fetcher:
            return await fetcher.fetch(URL + "/")

    assert asyncio.run(scenario()).error == "connect"


def test_user_agents_and_search_referer() -> None:
    hosts = VirtualHosts()
    hosts.page(HOST, "/", "<html>home</html>")

    async def scenario() -> None:
        async with serve(hosts), Fetcher(settings_for(hosts.port, obey_robots=False)) as fetcher:
            await fetcher.fetch(URL + "/")
            await fetcher.fetch(URL + "/", RequestOptions(user_agent="Baiduspider", referer="https://www.baidu.com/s?wd=x"))

    asyncio.run(scenario())
    plain, spider = hosts.headers[(HOST, "/")]
    assert plain["User-Agent"] == DEFAULT_USER_AGENT and "Referer" not in plain
    assert spider["User-Agent"] == "Baiduspider" and spider["Referer"] == "https://www.baidu.com/s?wd=x"
    assert plain["Host"] == HOST


def test_head_request_reads_no_body() -> None:
    hosts = VirtualHosts()
    hosts.page(HOST, "/doc.pdf", b"%PDF-1.4 ...", content_type="application/pdf")
    result = asyncio.run(_fetch(hosts, "/doc.pdf", RequestOptions(method="HEAD")))
    assert result.status == 200 and result.body == b"" and hosts.methods == [("HEAD", HOST, "/doc.pdf")]


def test_invalid_urls() -> None:
    hosts = VirtualHosts()
    assert asyncio.run(_fetch(hosts, "/", RequestOptions())).status == 404
    async def scenario():
        async with Fetcher(settings_for(1, obey_robots=False)) as fetcher:
            return [await fetcher.fetch(u) for u in ("ftp://x.gov.cn/a", "http:///nohost", "not a url")]

    assert [r.error for r in asyncio.run(scenario())] == ["invalid-url"] * 3
