"""Where requests go: curl-style `--connect-to` rules, the resolver that applies them, and the address guard.

The guard refuses private, loopback, link-local, multicast, reserved and unspecified targets unless they
were reached through a `--connect-to` rule or lie in an explicit allowlist. It runs before every hop, and
the resolver applies it again to what DNS returns (so a name that re-resolves to 10.x is still refused).
"""
from __future__ import annotations

import functools
import ipaddress
import re
import socket
import time
from dataclasses import dataclass
from typing import Iterable

from aiohttp.abc import AbstractResolver, ResolveResult
from aiohttp.resolver import DefaultResolver

from ..errors import AddressRefused, ConfigError, DNSFailed

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network

_RULE = re.compile(r"^(\[[^\]]*\]|[^:\[\]]*):(\d*):(\[[^\]]*\]|[^:\[\]]*):(\d*)$")


@dataclass(frozen=True, slots=True)
class ConnectTo:
    """One rule: requests for HOST1:PORT1 connect to HOST2:PORT2 (None = any / keep)."""

    host1: str | None
    port1: int | None
    host2: str | None
    port2: int | None

    def matches(self, host: str, port: int) -> bool:
        return (self.host1 is None or self.host1 == host) and (self.port1 is None or self.port1 == port)

    def target(self, host: str, port: int) -> tuple[str, int]:
        return (self.host2 or host, self.port2 or port)


def parse_connect_to(text: str) -> ConnectTo:
    """Parse `HOST1:PORT1:HOST2:PORT2` as curl does (IPv6 hosts in brackets; empty parts match any / keep)."""
    m = _RULE.match(text.strip())
    if not m:
        raise ConfigError(f"--connect-to 格式应为 HOST1:PORT1:HOST2:PORT2，收到：{text}")
    h1, p1, h2, p2 = m.groups()
    return ConnectTo(_host(h1), _port(p1, text), _host(h2), _port(p2, text))


def _host(part: str) -> str | None:
    return part.strip("[]").lower() or None


def _port(part: str, text: str) -> int | None:
    if not part:
        return None
    port = int(part)
    if not 0 < port < 65536:
        raise ConfigError(f"--connect-to 端口超出范围：{text}")
    return port


def find_rule(rules: Iterable[ConnectTo], host: str, port: int) -> ConnectTo | None:
    """The first matching rule wins, as in curl."""
    for rule in rules:
        if rule.matches(host, port):
            return rule
    return None


@functools.lru_cache(maxsize=4096)  # asked on every request hop, for a few hundred hosts
def ip_literal(host: str) -> IPAddress | None:
    try:
        return ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return None


def is_public(ip: IPAddress) -> bool:
    """True for an address on the public Internet; IPv4-mapped IPv6 is judged by its IPv4 part."""
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return ip.is_global and not (ip.is_multicast or ip.is_reserved or ip.is_unspecified
                                 or ip.is_loopback or ip.is_link_local or ip.is_private)


class AddressPolicy:
    """Decides whether an address may be contacted: public, or inside an allowlisted network."""

    def __init__(self, allow: Iterable[IPNetwork] = ()) -> None:
        self._allow = tuple(allow)

    def allows(self, ip: IPAddress) -> bool:
        return is_public(ip) or any(ip.version == net.version and ip in net for net in self._allow)


def refused(url: str, address: str) -> AddressRefused:
    exc = AddressRefused(f"已拒绝访问 {url}：目标地址 {address} 属于内网、回环、链路本地、组播或保留地址"
                         f"（如确需检查，请用 --connect-to 指定或加入允许名单）")
    exc.address = address  # type: ignore[attr-defined]
    return exc


class ConnectResolver(AbstractResolver):
    """aiohttp resolver: applies `--connect-to` rules, otherwise resolves and keeps only allowed addresses."""

    def __init__(self, rules: Iterable[ConnectTo] = (), policy: AddressPolicy | None = None,
                 fallback: AbstractResolver | None = None, ttl: float = 300.0) -> None:
        self.rules = tuple(rules)
        self.policy = policy or AddressPolicy()
        self._fallback = fallback or DefaultResolver()
        self._ttl = ttl
        self._cache: dict[tuple[str, int, int], tuple[float, list[ResolveResult]]] = {}

    async def resolve(self, host: str, port: int = 0,
                      family: socket.AddressFamily = socket.AF_INET) -> list[ResolveResult]:
        rule = find_rule(self.rules, host.lower(), port)
        if rule is not None:
            target, target_port = rule.target(host, port)
            return await self._lookup(target, target_port, family, guarded=False)
        return await self._lookup(host, port, family, guarded=True)

    async def _lookup(self, host: str, port: int, family: socket.AddressFamily,
                      guarded: bool) -> list[ResolveResult]:
        literal = ip_literal(host)
        if literal is not None:
            results = [_result(host, str(literal), port, literal)]
        else:
            results = await self._cached(host, port, family)
        if guarded:
            results = self._allowed(host, results)
        return results

    async def _cached(self, host: str, port: int, family: socket.AddressFamily) -> list[ResolveResult]:
        key = (host, port, int(family))
        hit = self._cache.get(key)
        now = time.monotonic()
        if hit is not None and hit[0] > now:
            return hit[1]
        results = await self._fallback.resolve(host, port, family)
        self._cache[key] = (now + self._ttl, results)
        return results

    def _allowed(self, host: str, results: list[ResolveResult]) -> list[ResolveResult]:
        kept = [r for r in results if self.policy.allows(ipaddress.ip_address(r["host"]))]
        if not kept:
            raise refused(host, ", ".join(r["host"] for r in results) or host)
        return kept

    async def close(self) -> None:
        await self._fallback.close()


def _result(hostname: str, host: str, port: int, ip: IPAddress) -> ResolveResult:
    family = socket.AF_INET6 if ip.version == 6 else socket.AF_INET
    return {"hostname": hostname, "host": host, "port": port, "family": family, "proto": 0,
            "flags": socket.AI_NUMERICHOST}


class AddressGuard:
    """The first step of every hop: refuse before any connection is attempted."""

    def __init__(self, resolver: ConnectResolver) -> None:
        self._resolver = resolver

    def routed(self, host: str, port: int) -> bool:
        return find_rule(self._resolver.rules, host, port) is not None

    async def check(self, url: str, host: str, port: int) -> bool:
        """Raise AddressRefused/DNSFailed for a forbidden target; return True when a connect-to rule routes it."""
        if self.routed(host, port):
            return True
        literal = ip_literal(host)
        if literal is not None:
            if not self._resolver.policy.allows(literal):
                raise refused(url, str(literal))
            return False
        try:
            await self._resolver.resolve(host, port, socket.AF_UNSPEC)
        except AddressRefused as exc:
            raise refused(url, getattr(exc, "address", host)) from None
        except OSError as exc:
            raise DNSFailed(f"无法解析 {url} 的域名 {host}：{exc.strerror or exc}") from None
        return False
