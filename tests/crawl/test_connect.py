"""--connect-to parsing and routing, and the address guard (refusals happen before any connection)."""
from __future__ import annotations

import asyncio
import ipaddress
import socket

import pytest
from aiohttp.abc import AbstractResolver, ResolveResult

from govinspect.crawl.connect import ConnectTo, is_public, parse_connect_to
from govinspect.crawl.fetcher import Fetcher
from govinspect.crawl.settings import CrawlSettings
from govinspect.errors import ConfigError

from .helpers import VirtualHosts, serve, settings_for


class StaticResolver(AbstractResolver):
    """A name table instead of DNS, so tests never query a real DNS server."""

    def __init__(self, table: dict[str, str]) -> None:
        self.table = table
        self.asked: list[str] = []

    async def resolve(self, host: str, port: int = 0,
                      family: socket.AddressFamily = socket.AF_INET) -> list[ResolveResult]:
        self.asked.append(host)
        if host not in self.table:
            raise OSError(socket.EAI_NONAME, "Name or service not known")
        address = self.table[host]
        fam = socket.AF_INET6 if ":" in address else socket.AF_INET
        return [{"hostname": host, "host": address, "port": port, "family": fam, "proto": 0, "flags": 0}]

    async def close(self) -> None:
        return None


@pytest.mark.parametrize("text, rule", [
    ("::127.0.0.1:8765", ConnectTo(None, None, "127.0.0.1", 8765)),
    ("www.a.gov.cn:80:127.0.0.1:9000", ConnectTo("www.a.gov.cn", 80, "127.0.0.1", 9000)),
    ("www.a.gov.cn::staging.local:", ConnectTo("www.a.gov.cn", None, "staging.local", None)),
    ("[::1]:443:[fe80::1]:8443", ConnectTo("::1", 443, "fe80::1", 8443)),
])
def test_parse_connect_to_follows_curl(text: str, rule: ConnectTo) -> None:
    assert parse_connect_to(text) == rule


@pytest.mark.parametrize("text", ["127.0.0.1:8765", "a:b:c:d", "::127.0.0.1:99999", ""])
def test_parse_connect_to_rejects_bad_rules(text: str) -> None:
    with pytest.raises(ConfigError):
        parse_connect_to(text)


def test_rule_matching_and_target() -> None:
    rule = parse_connect_to("www.a.gov.cn::127.0.0.1:9000")
    assert rule.matches("www.a.gov.cn", 80) and rule.matches("www.a.gov.cn", 443)
    assert not rule.matches("www.b.gov.cn", 80)
    assert rule.target("www.a.gov.cn", 443) == ("127.0.0.1", 9000)
    assert parse_connect_to("::127.0.0.2:").target("x", 81) == ("127.0.0.2", 81)


@pytest.mark.parametrize("address, public", [
    ("10.0.0.1", False), ("127.0.0.1", False), ("169.254.169.254", False), ("::1", False),
    ("fc00::5", False), ("224.0.0.1", False), ("0.0.0.0", False), ("240.0.0.1", False), ("100.64.1.1", False),
    ("192.168.1.1", False), ("::ffff:127.0.0.1", False), ("202.108.22.5", True), ("2400:da00::6666", True),
])
def test_public_addresses(address: str, public: bool) -> None:
    assert is_public(ipaddress.ip_address(address)) is public


def test_connect_to_routes_virtual_hosts_by_host_header() -> None:
    async def scenario() -> None:
        hosts = VirtualHosts()
        hosts.page("www.a.gov.cn", "/", "<html>站点甲</html>")
        hosts.page("www.b.gov.cn", "/", "<html>站点乙</html>")
        async with serve(hosts), Fetcher(settings_for(hosts.port, obey_robots=False)) as fetcher:
            a, b = await asyncio.gather(fetcher.fetch("http://www.a.gov.cn/"), fetcher.fetch("http://www.b.gov.cn/"))
        assert (a.status, a.text) == (200, "<html>站点甲</html>")
        assert (b.status, b.text) == (200, "<html>站点乙</html>")
        assert a.final_url == "http://www.a.gov.cn/"

    asyncio.run(scenario())


def test_connect_to_rule_for_one_host_only() -> None:
    async def scenario() -> None:
        hosts = VirtualHosts()
        hosts.page("www.a.gov.cn", "/", "<html>甲</html>")
        async with serve(hosts):
            settings = CrawlSettings.build([f"www.a.gov.cn::127.0.0.1:{hosts.port}"], obey_robots=False)
            async with Fetcher(settings, StaticResolver({"www.b.gov.cn": "10.1.2.3"})) as fetcher:
                a = await fetcher.fetch("http://www.a.gov.cn/")
                b = await fetcher.fetch("http://www.b.gov.cn/")
        assert a.status == 200
        assert b.error == "address-refused" and "10.1.2.3" in (b.message or "")

    asyncio.run(scenario())


@pytest.mark.parametrize("url, address", [
    ("http://10.0.0.1/", "10.0.0.1"), ("http://169.254.169.254/latest/meta-data/", "169.254.169.254"),
    ("http://[::1]:8080/", "::1"), ("http://[fc00::1]/", "fc00::1"), ("http://0.0.0.0/", "0.0.0.0"),
    ("http://intranet.gov.cn/", "192.168.0.10"), ("http://rebind.gov.cn/", "127.0.0.1"),
])
def test_guard_refuses_private_targets_without_connecting(url: str, address: str) -> None:
    async def scenario() -> None:
        resolver = StaticResolver({"intranet.gov.cn": "192.168.0.10", "rebind.gov.cn": "127.0.0.1"})
        async with Fetcher(CrawlSettings(obey_robots=False, retries=0), resolver) as fetcher:
            result = await fetcher.fetch(url)
        assert result.error == "address-refused"
        assert result.status == 0 and result.attempts == 1
        assert url in (result.message or "") and address in (result.message or "")

    asyncio.run(scenario())


def test_guard_refuses_localhost_and_loopback_server_gets_no_request() -> None:
    async def scenario() -> None:
        hosts = VirtualHosts()
        hosts.page("127.0.0.1", "/", "<html>secret</html>")
        async with serve(hosts), Fetcher(CrawlSettings(obey_robots=False)) as fetcher:
            literal = await fetcher.fetch(f"http://127.0.0.1:{hosts.port}/")
            named = await fetcher.fetch(f"http://localhost:{hosts.port}/")
        assert literal.error == named.error == "address-refused"
        assert sum(hosts.hits.values()) == 0

    asyncio.run(scenario())


def test_allowlist_lets_loopback_through() -> None:
    async def scenario() -> None:
        hosts = VirtualHosts()
        hosts.page("127.0.0.1", "/", "<html>staging</html>")
        settings = CrawlSettings.build(allow_private=["127.0.0.0/8"], obey_robots=False)
        async with serve(hosts), Fetcher(settings) as fetcher:
            result = await fetcher.fetch(f"http://127.0.0.1:{hosts.port}/")
        assert result.status == 200 and result.text == "<html>staging</html>"

    asyncio.run(scenario())


def test_redirect_hop_to_metadata_address_is_refused() -> None:
    async def scenario() -> None:
        hosts = VirtualHosts()
        hosts.redirect("www.a.gov.cn", "/go", "http://169.254.169.254/latest/meta-data/")
        async with serve(hosts):
            settings = CrawlSettings.build([f"www.a.gov.cn::127.0.0.1:{hosts.port}"], obey_robots=False)
            async with Fetcher(settings) as fetcher:
                result = await fetcher.fetch("http://www.a.gov.cn/go")
        assert result.redirects == [("http://www.a.gov.cn/go", 302)]
        assert result.error == "address-refused"
        assert "169.254.169.254" in (result.message or "")
        assert sum(hosts.hits.values()) == 1  # only the public hop was requested

    asyncio.run(scenario())
