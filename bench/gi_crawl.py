"""govinspect's crawl and link check alone (no indicators, no store), laid out like `govinspect inspect`: the
registry's sites grouped by host and handed out to one process per core (at most 4), each crawling its
groups concurrently through its own `CrawlSession` with the link-check extractor and without the cloaking
variants, under the same per-host shares as the inspection (`crawl/politeness.py`); then a JSON summary
(pages, failed links) for the benchmark.

python bench/gi_crawl.py REGISTRY --connect-to ::127.0.0.1:PORT [--per-host 8] [--processes 0] --out summary.json
"""
from __future__ import annotations

import argparse
import asyncio
import dataclasses
import json
import multiprocessing
import os
import queue
import time
from pathlib import Path
from typing import Any

from govinspect.crawl.session import CrawlSession, link_extractor
from govinspect.crawl.settings import CrawlSettings
from govinspect.crawl.site import CrawlOutcome
from govinspect.lanes import START_LANES, run_lanes
from govinspect.registry import load_registry
from govinspect.runner import NextGroup, host_groups
from govinspect.shards import _handout

SITES_IN_FLIGHT = 64  # most sites per process at once, as `InspectOptions.sites_in_flight`


async def crawl_groups(next_group: NextGroup, lanes: int, settings: CrawlSettings) -> list[CrawlOutcome]:
    outcomes: list[CrawlOutcome] = []
    handed_out = False
    async with CrawlSession.open(None, settings=settings, extract=link_extractor()) as session:

        async def lane() -> None:
            nonlocal handed_out
            while (group := await next_group()) is not None:
                session.fetcher.slots.claim(group.host)
                for _, site in group.sites:
                    outcomes.append(await session.crawl(site))
            handed_out = True

        await run_lanes(lane, lanes, SITES_IN_FLIGHT, more_work=lambda: not handed_out)
    return outcomes


def summary(outcomes: list[CrawlOutcome]) -> dict[str, Any]:
    return {"sites": len(outcomes), "pages": sum(len(o.pages) for o in outcomes),
            "errors": [o.error for o in outcomes if o.error],
            "failed": [{"target": r.target, "status": r.status, "confirmed": r.confirmed}
                       for o in outcomes for r in o.link_results if not r.ok],
            "requests": sum(int(o.stats.get("fetch/requests", 0)) for o in outcomes),
            "crawl_s": sorted(float(o.stats.get("time/crawl_s", 0)) for o in outcomes)}


def merged(parts: list[dict[str, Any]], wall_s: float) -> dict[str, Any]:
    total: dict[str, Any] = {"sites": 0, "pages": 0, "wall_s": round(wall_s, 3), "errors": [], "failed": [],
                             "requests": 0}
    for part in parts:
        for key in ("sites", "pages", "requests"):
            total[key] += part[key]
        total["errors"] += part["errors"]
        total["failed"] += part["failed"]
        total["crawl_s"] = sorted(total.get("crawl_s", []) + part["crawl_s"])
    return total


def _process(work: Any, results: Any, lanes: int, settings: CrawlSettings) -> None:
    results.put(summary(asyncio.run(crawl_groups(_handout(work), lanes, settings))))


def crawl_all(registry: Path, connect_to: list[str], per_host: int, processes: int) -> list[dict[str, Any]]:
    sites = load_registry(registry).sites
    groups = host_groups(list(enumerate(sites)))
    wanted = processes if processes > 0 else min(4, os.cpu_count() or 1)
    count = max(1, min(wanted, len(groups), per_host))
    lanes = max(1, min(START_LANES, -(-len(groups) // count)))
    base = CrawlSettings.build(connect_to, per_host_concurrency=per_host, fetch_variants=False)
    settings = dataclasses.replace(base, extract_workers=0, processes=count,
                                   campaign_hosts=frozenset(g.host for g in groups),
                                   concurrency=max(16, base.concurrency // count))
    context = multiprocessing.get_context("fork")  # nothing runs yet that a fork could copy half-done
    work: Any = context.Queue()
    results: Any = context.Queue()
    for group in groups:
        work.put(group)
    for _ in range(count * SITES_IN_FLIGHT):
        work.put(None)  # an end mark for every lane there can be
    procs = [context.Process(target=_process, args=(work, results, lanes, settings)) for _ in range(count)]
    for proc in procs:
        proc.start()
    parts = _collect(results, procs)
    for proc in procs:
        proc.join()
    return parts


def _collect(results: Any, procs: list[Any]) -> list[dict[str, Any]]:
    """One summary per process; a process that died without one ends the run instead of hanging it."""
    parts: list[dict[str, Any]] = []
    while len(parts) < len(procs):
        try:
            parts.append(results.get(timeout=1))
        except queue.Empty:
            failed = [p.exitcode for p in procs if p.exitcode not in (None, 0)]
            if failed:
                raise SystemExit(f"crawl processes failed with exit codes {failed}")
    return parts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("registry", type=Path)
    parser.add_argument("--connect-to", action="append", default=[])
    parser.add_argument("--per-host", type=int, default=8)
    parser.add_argument("--processes", type=int, default=0, help="0: one per core, at most 4")
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    started = time.monotonic()
    parts = crawl_all(args.registry, args.connect_to, args.per_host, args.processes)
    args.out.write_text(json.dumps(merged(parts, time.monotonic() - started), ensure_ascii=False, indent=1),
                        encoding="utf-8")


if __name__ == "__main__":
    main()
