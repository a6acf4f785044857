"""robots.txt (fetched once per host, honoured, lenient on errors) and per-host politeness slots."""
from __future__ import annotations

import asyncio

from aiohttp import web

from govinspect.crawl.fetcher import Fetcher, RequestOptions
from govinspect.crawl.politeness import HostSlots

from .helpers import VirtualHosts, serve, settings_for, slow

HOST = "www.robots.gov.cn"
ROBOTS = "User-agent: *\nDisallow: /private/\n\nUser-agent: govinspect\nDisallow: /private/\nDisallow: /tmp\n"


async def _fetch_all(hosts: VirtualHosts, paths: list[str], **settings: object):
    async with serve(hosts), Fetcher(settings_for(hosts.port, **settings)) as fetcher:
        results = await asyncio.gather(*(fetcher.fetch(f"http://{HOST}{p}") for p in paths))
        return results, fetcher.robots.notes


def test_robots_disallow_is_honoured_and_fetched_once() -> None:
    hosts = VirtualHosts()
    hosts.page(HOST, "/robots.txt", ROBOTS, content_type="text/plain")
    for path in ("/", "/public.html", "/private/a.html", "/tmp/x.html"):
        hosts.page(HOST, path, "<html>page</html>")
    results, _ = asyncio.run(_fetch_all(hosts, ["/", "/public.html", "/private/a.html", "/tmp/x.html"]))
    assert [r.error for r in results] == [None, None, "robots", "robots"]
    assert "robots.txt" in (results[2].message or "")
    assert hosts.hits[(HOST, "/robots.txt")] == 1
    assert hosts.hits[(HOST, "/private/a.html")] == 0 and hosts.hits[(HOST, "/tmp/x.html")] == 0


def test_missing_robots_allows_everything() -> None:
    hosts = VirtualHosts()
    hosts.page(HOST, "/private/a.html", "<html>ok</html>")
    results, notes = asyncio.run(_fetch_all(hosts, ["/private/a.html"]))
    assert results[0].ok and notes[f"http://{HOST}"] == "missing"


def test_robots_5xx_allows_but_notes() -> None:
    hosts = VirtualHosts()
    hosts.page(HOST, "/robots.txt", "oops", status=500, content_type="text/plain")
    hosts.page(HOST, "/private/a.html", "<html>ok</html>")
    results, notes = asyncio.run(_fetch_all(hosts, ["/private/a.html"]))
    assert results[0].ok and notes[f"http://{HOST}"] == "5xx"


def test_link_checks_can_skip_robots() -> None:
    hosts = VirtualHosts()
    hosts.page(HOST, "/robots.txt", ROBOTS, content_type="text/plain")
    hosts.page(HOST, "/private/a.html", "<html>ok</html>")

    async def scenario():
        async with serve(hosts), Fetcher(settings_for(hosts.port)) as fetcher:
            return await fetcher.fetch(f"http://{HOST}/private/a.html", RequestOptions(obey_robots=False))

    assert asyncio.run(scenario()).ok and hosts.hits[(HOST, "/robots.txt")] == 0


def test_per_host_in_flight_never_exceeds_the_limit() -> None:
    hosts = VirtualHosts()
    for host in ("www.a.gov.cn", "www.b.gov.cn"):
        for i in range(24):
            hosts.route(host, f"/p{i}", slow(0.02))

    async def scenario() -> None:
        async with serve(hosts):
            settings = settings_for(hosts.port, obey_robots=False, per_host_concurrency=3, concurrency=64)
            async with Fetcher(settings) as fetcher:
                urls = [f"http://{h}/p{i}" for i in range(24) for h in ("www.a.gov.cn", "www.b.gov.cn")]
                results = await asyncio.gather(*(fetcher.fetch(u) for u in urls))
        assert all(r.ok for r in results)

    asyncio.run(scenario())
    assert hosts.max_in_flight["www.a.gov.cn"] <= 3 and hosts.max_in_flight["www.b.gov.cn"] <= 3
    assert hosts.max_in_flight["www.a.gov.cn"] >= 2  # the slot is actually used in parallel


def test_host_slot_holds_back_the_next_start_until_the_gap_passes() -> None:
    async def scenario() -> None:
        slot = HostSlots(per_host=4, delay=60.0).slot("h:80", routed=False)
        await asyncio.wait_for(slot.acquire(), timeout=5)  # the first start is immediate
        slot.release()
        second = asyncio.ensure_future(slot.acquire())
        for _ in range(10):
            await asyncio.sleep(0)
        assert not second.done()  # free capacity, but the 60 s gap has not passed
        second.cancel()
        await asyncio.gather(second, return_exceptions=True)
        assert slot._sem._value == 4  # a cancelled waiter gives its place back

    asyncio.run(scenario())


def test_routed_hosts_use_their_own_delay() -> None:
    slots = HostSlots(per_host=2, delay=5.0, routed_delay=0.0)

    async def scenario() -> None:
        for _ in range(3):
            async with slots.hold("staging:80", routed=True):
                pass

    asyncio.run(asyncio.wait_for(scenario(), timeout=2.0))


def test_campaign_wide_cap_holds_across_hosts() -> None:
    hosts = VirtualHosts()
    names = [f"www.h{i}.gov.cn" for i in range(6)]
    for host in names:
        for i in range(6):
            hosts.route(host, f"/p{i}", slow(0.02))
    in_flight = peak = 0

    async def scenario() -> None:
        nonlocal in_flight, peak
        async with serve(hosts):
            settings = settings_for(hosts.port, obey_robots=False, per_host_concurrency=4, concurrency=5)
            async with Fetcher(settings) as fetcher:
                real_request = fetcher._request

                async def counted(*args: object, **kwargs: object):
                    nonlocal in_flight, peak
                    in_flight += 1
                    peak = max(peak, in_flight)
                    try:
                        return await real_request(*args, **kwargs)
                    finally:
                        in_flight -= 1

                fetcher._request = counted  # type: ignore[method-assign]
                results = await asyncio.gather(*(fetcher.fetch(f"http://{h}/p{i}") for h in names for i in range(6)))
        assert all(r.ok for r in results)

    asyncio.run(scenario())
    assert 2 <= peak <= 5


def test_waiting_for_a_place_does_not_count_against_the_timeout() -> None:
    """36 requests of 0.3 s through 2 places take ~5 s; each request's own 1 s limit must not expire while
    it waits its turn (aiohttp's pool wait would count against it)."""
    hosts = VirtualHosts()
    for i in range(36):
        hosts.route(f"www.q{i % 9}.gov.cn", f"/p{i}", slow(0.3))

    async def scenario() -> list:
        async with serve(hosts):
            settings = settings_for(hosts.port, obey_robots=False, per_host_concurrency=2, concurrency=2,
                                    total_timeout=1.0, retries=0)
            async with Fetcher(settings) as fetcher:
                return await asyncio.gather(*(fetcher.fetch(f"http://www.q{i % 9}.gov.cn/p{i}") for i in range(36)))

    results = asyncio.run(scenario())
    assert [r.error for r in results if not r.ok] == []


async def _places(slots: HostSlots, key: str) -> int:
    """How many holders the slot lets in at once (acquired without waiting), released afterwards."""
    slot = slots.slot(key, routed=True)
    taken = 0
    while taken < 50:
        try:
            await asyncio.wait_for(slot.acquire(), timeout=0.01)
        except asyncio.TimeoutError:
            break
        taken += 1
    for _ in range(taken):
        slot.release()
    return taken


def test_processes_share_each_hosts_cap() -> None:
    async def scenario() -> None:
        campaign = frozenset({"www.a.gov.cn", "www.b.gov.cn"})
        first = HostSlots(per_host=8, delay=0.0, processes=2, campaign_hosts=campaign)
        second = HostSlots(per_host=8, delay=0.0, processes=2, campaign_hosts=campaign)
        first.claim("www.a.gov.cn")
        second.claim("www.b.gov.cn")
        # a site's host: its own process keeps 7 of 8, the other process 1
        assert await _places(first, "www.a.gov.cn:80") == 7 and await _places(second, "www.a.gov.cn:80") == 1
        assert await _places(second, "www.b.gov.cn:80") == 7 and await _places(first, "www.b.gov.cn:80") == 1
        # a host outside the campaign (a portal every site links to): half each
        assert await _places(first, "www.gov.cn:443") == 4 and await _places(second, "www.gov.cn:443") == 4
        # one process alone keeps the whole cap
        assert await _places(HostSlots(per_host=8, delay=0.0), "www.gov.cn:443") == 8

    asyncio.run(scenario())


def test_claiming_a_host_widens_its_slot_without_over_granting() -> None:
    async def scenario() -> None:
        slots = HostSlots(per_host=4, delay=0.0, processes=2, campaign_hosts=frozenset({"www.a.gov.cn"}))
        slot = slots.slot("www.a.gov.cn:80", routed=True)  # met first as another site's link target: 1 place
        await slot.acquire()  # a link check holds it
        slots.claim("www.a.gov.cn")  # then this process takes the site itself: 4 − 1 places in all
        assert slots.slot("www.a.gov.cn:80", routed=True) is slot
        assert await _places(slots, "www.a.gov.cn:80") == 2  # 3 places, one still held
        slot.release()
        assert await _places(slots, "www.a.gov.cn:80") == 3

    asyncio.run(scenario())


def test_shared_hosts_keep_the_gap_between_starts_across_processes() -> None:
    slots = HostSlots(per_host=4, delay=0.5, processes=2, campaign_hosts=frozenset({"www.a.gov.cn"}))
    slots.claim("www.a.gov.cn")
    assert slots.slot("www.a.gov.cn:80", routed=False)._delay == 0.5  # its own site's host
    assert slots.slot("www.gov.cn:443", routed=False)._delay == 1.0  # each of 2 processes starts half as often
