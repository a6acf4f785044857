"""Screenshots of the evidence pages (optional renderer: Playwright driving Debian's chromium).

For each site: the home page first, then the URLs of its findings, deduplicated, at most `SHOT_LIMIT`.
Each page is rendered headless at 1280×800 and saved as sites/shots/<site>/NN.png.

Page content is untrusted, so the browser is boxed in:
- the crawler's address guard (crawl/connect.py) runs on every URL first: a private or loopback target is
  refused unless a `--connect-to` rule routes it;
- chromium resolves names only through `--host-resolver-rules`: the `--connect-to` rules, then each admitted
  public host pinned to the address the guard checked, then `MAP * ~NOTFOUND`. So a redirect, an image or a
  link to any other name or IP literal (127.0.0.1, 10.x) cannot be reached, and DNS cannot re-bind;
- JavaScript is off (hijack evidence is in the served HTML), downloads and service workers are refused,
  each page has a time limit, and one failing page is recorded as text while the others go on.
"""
from __future__ import annotations

import asyncio
import os
import re
import shutil
import socket
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable
from urllib.parse import urlsplit

from ..crawl.connect import AddressGuard, AddressPolicy, ConnectResolver, ConnectTo, ip_literal, parse_connect_to
from ..errors import ConfigError, FetchError
from . import ReportError
from .result import CampaignResult, SiteRecord
from .site_html import safe_href, site_stems

CHROMIUM_ENV, DEFAULT_CHROMIUM = "GOVINSPECT_CHROMIUM", "/usr/bin/chromium"
SHOT_LIMIT, PAGE_TIMEOUT_S = 6, 15.0
PARALLEL_SITES = min(4, os.cpu_count() or 1)  # rendering is CPU-bound: about one site per core
VIEWPORT = {"width": 1280, "height": 800}
SHOTS_DIR = "shots"  # under sites/, so a site report links its images as shots/<site>/NN.png
_HOST = re.compile(r"^[a-z0-9.-]+$")  # what may go into a resolver rule (after IDNA): no commas, spaces, globs


@dataclass(slots=True)
class Shot:
    """One evidence page: `file` (relative to sites/) when a picture was taken, `error` (Chinese) otherwise."""

    url: str
    file: str | None = None
    error: str | None = None
    status: int | None = None


@dataclass(slots=True)
class ShotSet:
    """Every site's shots, keyed by the site's report stem (sites/<stem>.html)."""

    by_site: dict[str, list[Shot]] = field(default_factory=dict)
    seconds: float = 0.0

    def for_site(self, stem: str) -> list[Shot]:
        return self.by_site.get(stem, [])

    @property
    def taken(self) -> int:
        return sum(1 for shots in self.by_site.values() for s in shots if s.file)

    @property
    def failed(self) -> int:
        return sum(1 for shots in self.by_site.values() for s in shots if not s.file)


def chromium_path() -> str:
    return os.environ.get(CHROMIUM_ENV) or DEFAULT_CHROMIUM


def renderer_missing() -> str | None:
    """None when screenshots can be taken; otherwise why not, in Chinese."""
    try:
        import playwright.async_api  # noqa: F401
    except ImportError:
        return "未安装 Playwright（pip install 'govinspect[screenshots]'）"
    path = chromium_path()
    if not (os.path.isfile(path) and os.access(path, os.X_OK)):
        return f"找不到可执行的 chromium：{path}（Debian：apt-get install chromium，或设置 {CHROMIUM_ENV}）"
    return None


def evidence_urls(site: SiteRecord, limit: int = SHOT_LIMIT) -> list[str]:
    """The home page first, then each finding's page, once each; only http(s) URLs."""
    urls = [u.strip() for u in (site.url, *(f.url for f in site.findings)) if u and safe_href(u)]
    return list(dict.fromkeys(urls))[:limit]


def url_host(url: str) -> tuple[str, int]:
    """(host as chromium will look it up, port); ConfigError for a host that cannot go into a resolver rule."""
    try:
        parts = urlsplit(url)
        host, port = parts.hostname or "", parts.port or (443 if parts.scheme.lower() == "https" else 80)
    except ValueError:
        raise ConfigError(f"网址无效：{url}") from None
    if ip_literal(host) is not None:
        return host, port
    try:
        ascii_host = host.encode("idna").decode("ascii").lower()
    except UnicodeError:
        raise ConfigError(f"网址的域名无效：{url}") from None
    if not ascii_host or not _HOST.match(ascii_host):
        raise ConfigError(f"网址的域名无效：{url}")
    return ascii_host, port


def _hostport(host: str, port: int | None) -> str:
    ip = ip_literal(host)
    shown = f"[{ip}]" if ip is not None and ip.version == 6 else host
    return f"{shown}:{port}" if port else shown


def connect_rule(rule: ConnectTo) -> str:
    """A `--connect-to` rule as a chromium MAP rule (an empty host or port matches any / keeps it, as in curl)."""
    for host in (rule.host1, rule.host2):
        if host and not (ip_literal(host) or _HOST.match(host)):
            raise ConfigError(f"--connect-to 的主机名无法用于截图：{host}")
    target = rule.host2 or rule.host1
    if target is None:  # chromium cannot keep "any host" while changing only the port
        raise ConfigError("截图时 --connect-to 须写明目标主机或源主机（如 ::127.0.0.1:8765）")
    return f"MAP {_hostport(rule.host1 or '*', rule.port1)} {_hostport(target, rule.port2)}"


def resolver_rules(rules: Iterable[ConnectTo], pins: dict[str, str]) -> str:
    """connect-to rules first (first match wins, as in curl), then the checked public hosts, then nothing else."""
    parts = [connect_rule(r) for r in rules]
    parts += [f"MAP {host} {_hostport(address, None)}" for host, address in sorted(pins.items())]
    return ", ".join([*parts, "MAP * ~NOTFOUND"])


class Admission:
    """The crawler's address guard applied to the evidence URLs; collects the public hosts to pin."""

    def __init__(self, rules: tuple[ConnectTo, ...], policy: AddressPolicy | None = None) -> None:
        self.rules = rules
        self.resolver = ConnectResolver(rules, policy)
        self.guard = AddressGuard(self.resolver)
        self.pins: dict[str, str] = {}

    async def admit(self, url: str) -> str | None:
        """None when the URL may be rendered; otherwise the refusal in Chinese."""
        try:
            host, port = url_host(url)
            if await self.guard.check(url, host, port):  # routed by --connect-to
                return None
            await self._pin(host, port)
        except (FetchError, ConfigError) as exc:
            return exc.message
        return None

    async def _pin(self, host: str, port: int) -> None:
        if ip_literal(host) is not None:
            self.pins.setdefault(host, host)  # a checked literal; chromium maps it to itself
            return
        if host not in self.pins:
            [first, *_] = await self.resolver.resolve(host, port, socket.AF_UNSPEC)
            self.pins[host] = first["host"]

    async def close(self) -> None:
        await self.resolver.close()


def first_line(exc: BaseException) -> str:
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0][:200]


def error_text(exc: BaseException, timeout_s: float) -> str:
    """A browser error as one Chinese line (the English first line of Playwright's message kept for detail)."""
    first = first_line(exc)
    if "ERR_NAME_NOT_RESOLVED" in first:
        return f"未截图：该主机未经 --connect-to 映射或未通过地址检查（{first}）"
    if "Download is starting" in first or "ERR_ABORTED" in first:
        return f"未截图：该地址是文件下载或被浏览器中止（{first}）"
    if "Timeout" in first or isinstance(exc, asyncio.TimeoutError):
        return f"未截图：页面在 {timeout_s:g} 秒内没有加载完成"
    return f"未截图：{first}"


@dataclass(frozen=True, slots=True)
class Job:
    stem: str
    shot: Shot
    path: Path


def plan(result: CampaignResult, out_dir: Path, limit: int) -> tuple[ShotSet, list[Job]]:
    """One Shot per evidence page, numbered per site; clears each site's old shots folder."""
    shots, jobs = ShotSet(), []
    for site, stem in zip(result.sites, site_stems(result)):
        folder = out_dir / "sites" / SHOTS_DIR / stem
        shutil.rmtree(folder, ignore_errors=True)
        shots.by_site[stem] = []
        for n, url in enumerate(evidence_urls(site, limit), 1):
            name = f"{n:02d}.png"
            shot = Shot(url)
            shots.by_site[stem].append(shot)
            jobs.append(Job(stem, shot, folder / name))
    return shots, jobs


async def capture(result: CampaignResult, out_dir: Path, connect_to: Iterable[str] = (), *,
                  limit: int = SHOT_LIMIT, timeout_s: float = PAGE_TIMEOUT_S, parallel: int = PARALLEL_SITES,
                  budget_s: float | None = None, policy: AddressPolicy | None = None) -> ShotSet:
    """Take every site's evidence screenshots; never raises for one page, only when the browser cannot start."""
    started = time.monotonic()
    rules = tuple(parse_connect_to(c) for c in connect_to)
    shots, jobs = plan(result, out_dir, limit)
    admission = Admission(rules, policy)
    try:
        for job in jobs:
            job.shot.error = await admission.admit(job.shot.url)
    finally:
        await admission.close()
    todo = [j for j in jobs if j.shot.error is None]
    if todo:
        await _render_all(todo, resolver_rules(rules, admission.pins), timeout_s, parallel,
                          started + budget_s if budget_s else None)
    shots.seconds = time.monotonic() - started
    return shots


async def _render_all(jobs: list[Job], host_rules: str, timeout_s: float, parallel: int,
                      deadline: float | None) -> None:
    from playwright.async_api import async_playwright

    by_site: dict[str, list[Job]] = {}
    for job in jobs:
        by_site.setdefault(job.stem, []).append(job)
    async with async_playwright() as pw:
        browser = await _launch(pw, host_rules)
        try:
            gate = asyncio.Semaphore(max(1, parallel))

            async def one_site(site_jobs: list[Job]) -> None:
                async with gate:
                    await _render_site(browser, site_jobs, timeout_s, deadline)
            await asyncio.gather(*(one_site(j) for j in by_site.values()))
        finally:
            await browser.close()


async def _launch(pw: Any, host_rules: str) -> Any:
    try:
        return await pw.chromium.launch(
            executable_path=chromium_path(), args=[f"--host-resolver-rules={host_rules}"],
            chromium_sandbox=os.geteuid() != 0)  # chromium refuses to run sandboxed as root
    except Exception as exc:  # noqa: BLE001 - Playwright's launch errors have no narrower common type
        raise ReportError(f"无法启动 chromium（{chromium_path()}）：{first_line(exc)}") from None


async def _render_site(browser: Any, jobs: list[Job], timeout_s: float, deadline: float | None) -> None:
    # One context and one tab per site: nothing (cookies, cache) is shared between sites, and opening a
    # context or a tab costs more than loading a loopback page; a tab that failed is replaced.
    try:
        context = await browser.new_context(viewport=VIEWPORT, java_script_enabled=False, accept_downloads=False,
                                            service_workers="block", locale="zh-CN")
    except Exception as exc:  # noqa: BLE001 - e.g. the browser died: this site's pages fail, the run goes on
        for job in jobs:
            job.shot.error = error_text(exc, timeout_s)
        return
    context.set_default_timeout(timeout_s * 1000)
    page = None
    try:
        for job in jobs:
            if deadline is not None and time.monotonic() > deadline:
                job.shot.error = "未截图：已超过本次截图的总时间上限"
                continue
            page = page or await context.new_page()
            if not await _render(page, job, timeout_s):
                await page.close()
                page = None
    finally:
        await context.close()


async def _render(page: Any, job: Job, timeout_s: float) -> bool:
    """Load one page and save its picture; False (and the reason in the shot) when that failed."""
    try:
        response = await page.goto(job.shot.url, wait_until="load")
        job.shot.status = response.status if response else None
        job.path.parent.mkdir(parents=True, exist_ok=True)
        await page.screenshot(path=str(job.path), type="png")
    except Exception as exc:  # noqa: BLE001 - any browser failure is this page's, recorded as text
        job.shot.error = error_text(exc, timeout_s)
        return False
    job.shot.file = job.path.relative_to(job.path.parents[2]).as_posix()
    return True


def take_screenshots(result: dict[str, Any] | CampaignResult, out_dir: Path, connect_to: Iterable[str] = (),
                     **options: Any) -> ShotSet:
    """Synchronous entry for the CLI and demo."""
    data = result if isinstance(result, CampaignResult) else CampaignResult.from_json(result)
    return asyncio.run(capture(data, Path(out_dir), list(connect_to), **options))
