"""`CrawlSettings`: every crawler knob in one frozen table, each documented where it is declared."""
from __future__ import annotations

import ipaddress
from dataclasses import dataclass, field, fields
from typing import Any

from .connect import ConnectTo, parse_connect_to

IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network

DEFAULT_USER_AGENT = "govinspect/0.1 (+政府网站检查)"
SPIDER_USER_AGENT = "Mozilla/5.0 (compatible; Baiduspider/2.0; +http://www.baidu.com/search/spider.html)"
SEARCH_REFERER = "https://www.baidu.com/s?wd="

ALL_NETWORKS: tuple[IPNetwork, ...] = (ipaddress.ip_network("0.0.0.0/0"), ipaddress.ip_network("::/0"))


@dataclass(frozen=True, slots=True)
class CrawlSettings:
    """The crawler's settings. Every field carries its meaning in the comment beside it (a test checks)."""

    connect_timeout: float = 10.0  # seconds to open a TCP/TLS connection
    read_timeout: float = 15.0  # seconds of silence allowed while reading a response
    total_timeout: float = 15.0  # seconds for one request (one hop) to its last byte (spec: not open in 15 s)
    max_body_bytes: int = 10 * 1024 * 1024  # response body cap (compressed, as read from the wire)
    max_decoded_bytes: int = 10 * 1024 * 1024  # cap on a body after gzip/deflate/br decompression
    max_ratio: int = 100  # decompressed/compressed ratio beyond which a body is a bomb (after 1 MB)
    attachment_probe_bytes: int = 16 * 1024  # bytes read from an attachment or external link before closing
    concurrency: int = 128  # requests in flight across the whole campaign
    per_host_concurrency: int = 4  # requests in flight per host (politeness slot size)
    per_host_delay: float = 0.25  # minimum seconds between request starts on one real host
    routed_delay: float = 0.0  # the same for hosts reached through --connect-to (staging, sample world)
    page_budget: int = 2000  # pages crawled per site at most
    max_depth: int = 8  # link depth from the home page at most
    max_query_variants: int = 50  # distinct query strings allowed on one path (trap guard)
    max_calendar_values: int = 6  # distinct values of a year/month/date/day parameter per path (trap guard)
    max_segment_repeats: int = 3  # a path segment seen this many times marks a trap
    max_redirects: int = 10  # redirect hops followed per request
    retries: int = 2  # extra attempts for transient failures (reset, 502/503/504); timeouts are re-checked later
    retry_backoff: float = 0.5  # seconds before the first retry; doubles each time
    recheck_delay: float = 2.0  # seconds before a suspected dead link is checked a second time
    home_rechecks: int = 3  # further attempts at a home page that cannot be opened, spaced by the delay below
    home_recheck_delay: float = 120.0  # seconds between home-page attempts (the inspection-period probe log)
    confirm_403: bool = False  # count a 403 as a confirmed dead link (spec W-D4.4 leaves it configurable)
    link_concurrency: int = 32  # link checks in flight per site
    extract_workers: int = -1  # processes that parse pages besides the event loop's (−1: cores − 1, at most 4)
    processes: int = 1  # processes crawling this campaign together; they share per-host caps (politeness.py)
    campaign_hosts: frozenset[str] = frozenset()  # host names of the campaign's sites, when processes > 1
    keepalive_timeout: float = 30.0  # seconds an idle keep-alive connection is kept
    dns_cache_ttl: int = 300  # seconds a DNS answer is reused
    verify_tls: bool = False  # certificate faults are a security finding, not a reason to skip a site
    obey_robots: bool = True  # honour robots.txt for crawled pages (link checks are single user clicks)
    user_agent: str = DEFAULT_USER_AGENT  # User-Agent of ordinary requests
    spider_user_agent: str = SPIDER_USER_AGENT  # User-Agent of the search-engine variant (cloaking check)
    search_referer: str = SEARCH_REFERER  # Referer prefix of the from-search variant; the site name is appended
    fetch_variants: bool = True  # fetch the home page also as a spider and from a search result
    cloaking_sample: int = 30  # crawled pages (home-listed, then each column's newest) re-fetched as a spider
    allow_private: tuple[IPNetwork, ...] = ()  # networks the address guard lets through besides --connect-to
    connect_to: tuple[ConnectTo, ...] = field(default_factory=tuple)  # curl-style routing rules

    @classmethod
    def build(cls, connect_to: list[str] | tuple[str, ...] = (), allow_private: bool | list[str] = False,
              **overrides: Any) -> "CrawlSettings":
        """Settings from the command-line forms: rule strings, a flag or network strings, and plain knobs."""
        known = {f.name for f in fields(cls)}
        bad = sorted(set(overrides) - known)
        if bad:
            from ..errors import ConfigError

            raise ConfigError(f"未知的抓取设置：{', '.join(bad)}")
        nets = _networks(allow_private)
        rules = tuple(parse_connect_to(s) for s in connect_to)
        return cls(allow_private=nets, connect_to=rules, **overrides)


def _networks(allow: bool | list[str]) -> tuple[IPNetwork, ...]:
    if allow is True:
        return ALL_NETWORKS
    if not allow:
        return ()
    try:
        return tuple(ipaddress.ip_network(n, strict=False) for n in allow)
    except ValueError as exc:
        from ..errors import ConfigError

        raise ConfigError(f"允许访问的内网地址段写法有误：{exc}") from exc


def settings_from_options(options: Any) -> CrawlSettings:
    """CrawlSettings from the runner's InspectOptions (connect_to, per_host, max_pages, allow_private, and
    any CrawlSettings field under `options.settings["crawl"]`, e.g. from a settings file)."""
    overrides: dict[str, Any] = dict((getattr(options, "settings", None) or {}).get("crawl") or {})
    if getattr(options, "per_host", None):
        overrides["per_host_concurrency"] = int(options.per_host)
    if getattr(options, "max_pages", None):
        overrides["page_budget"] = int(options.max_pages)
    return CrawlSettings.build(list(getattr(options, "connect_to", []) or []),
                               getattr(options, "allow_private", False), **overrides)
