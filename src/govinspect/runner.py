"""Campaign orchestration: registry → scope → crawl every site concurrently → indicators → score → store.

Steps for one campaign:
 1. import the registry (bad rows reported, good rows proceed) and store its sites;
 2. plan the scope (全覆盖 or a seeded stratified sample) and create the campaign, or resume one;
 3. crawl the pending sites in one event loop, sharing one fetcher and one campaign-wide link cache, or, on a
    machine with several cores, in one such loop per core (`shards.py`), each taking the next host's sites;
 4. for each site as soon as it is crawled: snapshot → indicator checks → score → one store transaction
    (so a crash loses at most the sites in flight, and `--resume` skips the finished ones);
 5. write results.json from the store.
"""
from __future__ import annotations

import asyncio
import os
import time
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Awaitable, Callable
from urllib.parse import urlsplit

from .campaigns import plan_scope
from .errors import StoreError
from .indicators.registry import run_checks
from .lanes import START_LANES, run_lanes
from .crawl.settings import CrawlSettings, settings_from_options
from .models import Finding, LinkResult, PageFacts, Probe, Site, SiteResult, SiteSnapshot
from .registry import RegistryReport, load_registry, region_name
from .results import campaign_results, write_results
from .scoring import Profile, load_profile, score_site
from .snapshot import build_snapshot
from .shards import may_use_processes, warm_up
from .store.db import Store

if TYPE_CHECKING:  # the crawler (and aiohttp) is imported where sites are crawled, not by every command
    from .crawl.site import CrawlOutcome


@dataclass(slots=True)
class InspectOptions:
    registry: Path
    out: Path
    db: str
    connect_to: list[str] = field(default_factory=list)
    profile: str = "gov2019"
    as_of: datetime | None = None
    sample: float | None = None
    stratify: tuple[str, ...] = ()
    seed: int | None = None
    name: str = ""
    period: str = ""
    resume: bool = False
    campaign_id: int | None = None
    sites_in_flight: int = 64  # most sites crawled at once in each process (lanes.py opens them as needed)
    processes: int = 1  # processes crawling side by side (0: one per core, at most 4); 1 keeps one event loop
    max_pages: int | None = None
    per_host: int | None = None
    allow_private: bool = False
    settings: dict[str, Any] = field(default_factory=dict)  # office, doc_number, addressees, ...


@dataclass(slots=True)
class Progress:
    """What the CLI's progress bar shows; the runner calls `update` after each site."""

    total: int = 0
    done: int = 0
    pages: int = 0
    errors: int = 0
    started: float = field(default_factory=time.monotonic)
    on_update: Callable[["Progress"], None] | None = None

    def update(self, pages: int, error: bool) -> None:
        self.done += 1
        self.pages += pages
        self.errors += int(error)
        if self.on_update:
            self.on_update(self)

    @property
    def pages_per_s(self) -> float:
        return self.pages / max(1e-6, time.monotonic() - self.started)


@dataclass(slots=True)
class InspectOutcome:
    campaign_id: int
    results_path: Path
    results: dict[str, Any]
    registry: RegistryReport
    progress: Progress


def inspect(options: InspectOptions, progress: Progress | None = None) -> InspectOutcome:
    progress = progress or Progress()
    if may_use_processes(options.processes, options.db):
        warm_up()  # a no-op when the command line started it already
    registry = load_registry(options.registry)
    profile = load_profile(options.profile)
    store = Store(options.db)
    campaign_id = _resume(store, options) if options.resume else _create(store, options, registry, profile)
    waiting = [(cs, site) for cs, site in store.campaign_sites(campaign_id) if cs.status != "done"]
    pending = [(cs.id, site) for cs, site in waiting]
    row = store.campaign(campaign_id)
    assert row is not None
    progress.total = len(store.campaign_sites(campaign_id))
    progress.done = progress.total - len(pending)
    took = store.last_durations({cs.site_id for cs, _ in waiting}, campaign_id)
    groups = longest_first(host_groups(pending), {cs.id: took[cs.site_id] for cs, _ in waiting if cs.site_id in took})
    processes = process_count(options, store, groups)
    if processes > 1:
        from .shards import inspect_in_processes

        inspect_in_processes(processes, groups, options, row.as_of, progress)
    else:
        asyncio.run(_inspect_sites(store, _handing_out(groups), profile, row.as_of, options, progress))
    store.finish_campaign(campaign_id)
    results = campaign_results(store, campaign_id)
    return InspectOutcome(campaign_id, write_results(results, options.out), results, registry, progress)


def _create(store: Store, options: InspectOptions, registry: RegistryReport, profile: Profile) -> int:
    scope = plan_scope(registry.sites, options.sample, options.stratify, options.seed)
    ids = store.upsert_sites(scope.sites)
    as_of = options.as_of or datetime.now().replace(microsecond=0)
    settings = dict(options.settings)
    settings["registry_problems"] = [str(p) for p in registry.problems]
    fields = dict(name=options.name or f"{as_of:%Y}年政府网站检查", period=options.period or _period(as_of),
                  as_of=as_of, profile=str(options.profile), scope=scope.label, sample_share=scope.share,
                  seed=scope.seed, stratify=",".join(scope.stratify), registry_path=str(options.registry.resolve()),
                  sites_registered=len(registry.sites), settings=settings)
    return store.create_campaign(fields, [ids[s.id_code] for s in scope.sites])


def _resume(store: Store, options: InspectOptions) -> int:
    row = store.campaign(options.campaign_id)
    if row is None:
        raise StoreError("没有可以继续的检查任务：请先运行一次 inspect（不带 --resume）")
    return row.id


def _period(as_of: datetime) -> str:
    quarter = "一二三四"[(as_of.month - 1) // 3]
    return f"{as_of.year}年第{quarter}季度"


@dataclass(slots=True)
class HostGroup:
    """The pending sites on one host: one process crawls them, one after another, so that the host's
    politeness cap is never split between processes."""

    host: str
    sites: list[tuple[int, Site]]


NextGroup = Callable[[], Awaitable[HostGroup | None]]


def host_groups(pending: list[tuple[int, Site]]) -> list[HostGroup]:
    groups: dict[str, HostGroup] = {}
    for campaign_site_id, site in pending:
        host = (urlsplit(site.url).hostname or "").lower()
        groups.setdefault(host, HostGroup(host, [])).sites.append((campaign_site_id, site))
    return list(groups.values())


def longest_first(groups: list[HostGroup], took: dict[int, float]) -> list[HostGroup]:
    """The groups whose sites took longest in their last inspection first, so that the longest are not
    started last and left running alone at the end; a group never inspected counts as an average one, and
    equal groups keep registry order."""
    if not took:
        return groups
    average = sum(took.values()) / len(took)

    def expected(group: HostGroup) -> float:
        return sum(took.get(campaign_site_id, average) for campaign_site_id, _ in group.sites)

    return sorted(groups, key=expected, reverse=True)


def process_count(options: InspectOptions, store: Store, groups: list[HostGroup]) -> int:
    """How many processes crawl: as asked (0: one per core, at most 4), but never more than the host groups,
    nor than the per-host cap (each other process keeps one place on a host), nor with an in-memory database."""
    if options.processes == 1 or len(groups) < 2 or store.in_memory:
        return 1
    wanted = options.processes if options.processes > 0 else min(4, os.cpu_count() or 1)
    return max(1, min(wanted, len(groups), settings_from_options(options).per_host_concurrency))


def _handing_out(groups: list[HostGroup]) -> NextGroup:
    remaining = iter(groups)

    async def next_group() -> HostGroup | None:
        return next(remaining, None)

    return next_group


async def _inspect_sites(store: Store, next_group: NextGroup, profile: Profile, as_of: datetime,
                         options: InspectOptions, progress: Progress, settings: CrawlSettings | None = None,
                         start_lanes: int = START_LANES) -> None:
    """Lanes, each taking the next host group and inspecting its sites in turn: `start_lanes` at first, more
    while the loop idles, at most `options.sites_in_flight` (`lanes.py`)."""
    from .crawl.session import CrawlSession

    from .monitor.service import site_probes

    site_ids = {site.id_code: row_id for row_id, site in store.sites()}
    async with CrawlSession.open(options, as_of.date(), settings=settings) as session:

        async def one(campaign_site_id: int, site: Site) -> None:
            store.mark_started(campaign_site_id)
            outcome = await session.crawl(site)
            site_id = site_ids[site.id_code]
            week = site_probes(store, site_id, as_of, int(profile.threshold("availability_min_days")))
            history = site_probes(store, site_id, as_of, HISTORY_DAYS)
            result, pages, links = judge(site, as_of, profile, outcome, week, history)
            store.save_site(campaign_site_id, result, pages, links, outcome.error)
            progress.update(len(pages), bool(outcome.error))

        handed_out = False

        async def lane() -> None:
            nonlocal handed_out
            while (group := await next_group()) is not None:
                session.fetcher.slots.claim(group.host)
                for campaign_site_id, site in group.sites:
                    await one(campaign_site_id, site)
            handed_out = True

        cap = max(1, options.sites_in_flight)
        await run_lanes(lane, min(start_lanes, cap), cap, more_work=lambda: not handed_out)


HISTORY_DAYS = 15  # the monitor's record read for home-page change tracking (W-V3's 2 weeks, and a day)


def judge(site: Site, as_of: datetime, profile: Profile, outcome: CrawlOutcome,
          weekly_probes: list[Probe] | None = None,
          home_history: list[Probe] | None = None) -> tuple[SiteResult, list[PageFacts], list[LinkResult]]:
    """From one site's crawl outcome (and the monitor's week of probes, when there is one) to its result."""
    snapshot = build_snapshot(site, as_of, outcome.pages, outcome.link_results, outcome.variants,
                              probes=weekly_probes or outcome.home_probes, stats=outcome.stats, error=outcome.error,
                              spider_pages=outcome.spider_pages, home_history=home_history)
    findings = run_checks(snapshot, profile)
    score = score_site(findings, profile, is_portal=site.kind == "portal", external_service=site.external_service)
    result = SiteResult(site, score.verdict, score.score, score.vetoed, _ordered(score.findings),
                        site_stats(snapshot), score.arithmetic, score.pending_review)
    return result, outcome.pages, outcome.link_results


def _ordered(findings: list[Finding]) -> list[Finding]:
    rank = {"veto": 0, "deduct": 1, "bonus": 2, "info": 3}
    return sorted(findings, key=lambda f: (rank[f.part], f.indicator, f.url))


def site_stats(s: SiteSnapshot) -> dict[str, Any]:
    """What results.json records for every site besides its findings (issue: pages, columns, links, marks)."""
    home = s.home
    dead = [r for r in s.link_results if not r.ok and r.confirmed]
    return {
        "region_code": s.site.region_code, "region": region_name(s.site.region_code),
        "level": s.site.level, "kind": s.site.kind,
        "external_service": s.site.external_service,
        "home_unavailable": home is None, "error": s.error,
        "pages": len(s.pages), "links_checked": len(s.link_results), "links_dead": len(dead),
        "columns": len(s.columns),
        "column_list": [{"name": c.name, "url": c.url, "class": c.cls, "level": c.level, "items": len(c.items),
                         "newest": c.newest.isoformat() if c.newest else None} for c in s.columns],
        "markings": _markings(home), "tags": dict(home.meta) if home else {},
        "entries": _entries(home),
        "crawl": {k: v for k, v in s.stats.items() if isinstance(v, (int, float, str))},
    }


def _markings(home: PageFacts | None) -> dict[str, Any]:
    if home is None:
        return {}
    m = home.markings
    return {"site_id_code": m.site_id_code, "icp": m.icp, "police_record": m.police_record, "conac": m.conac,
            "sponsor": m.sponsor, "zhaocuo_site_code": m.zhaocuo_site_code}


def _entries(home: PageFacts | None) -> dict[str, bool]:
    if home is None:
        return {}
    e = home.entries
    return {"search": e.search, "zhaocuo": e.zhaocuo, "xxgk": e.xxgk, "hudong": e.hudong, "banshi": e.banshi}
