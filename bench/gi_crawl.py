"""govinspect's crawl and link check alone (no indicators, no store): every registry site crawled concurrently
through one `CrawlSession` with the link-check extractor and without the cloaking variants, then a JSON
summary (pages, failed links) for the benchmark.

python bench/gi_crawl.py REGISTRY --connect-to ::127.0.0.1:PORT [--per-host 8] --out summary.json
"""
from __future__ import annotations

import argparse
import asyncio
import json
import time
from pathlib import Path
from typing import Any

from govinspect.crawl.session import CrawlSession, link_extractor
from govinspect.crawl.settings import CrawlSettings
from govinspect.crawl.site import CrawlOutcome
from govinspect.registry import load_registry


async def crawl_all(registry: Path, connect_to: list[str], per_host: int) -> list[CrawlOutcome]:
    sites = load_registry(registry).sites
    settings = CrawlSettings.build(connect_to, per_host_concurrency=per_host, fetch_variants=False)
    async with CrawlSession.open(None, settings=settings, extract=link_extractor()) as session:
        return list(await asyncio.gather(*(session.crawl(site) for site in sites)))


def summary(outcomes: list[CrawlOutcome], wall_s: float) -> dict[str, Any]:
    failed = [{"target": r.target, "status": r.status, "confirmed": r.confirmed}
              for o in outcomes for r in o.link_results if not r.ok]
    return {"sites": len(outcomes), "pages": sum(len(o.pages) for o in outcomes), "wall_s": round(wall_s, 3),
            "errors": [o.error for o in outcomes if o.error], "failed": failed,
            "requests": sum(int(o.stats.get("fetch/requests", 0)) for o in outcomes)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("registry", type=Path)
    parser.add_argument("--connect-to", action="append", default=[])
    parser.add_argument("--per-host", type=int, default=8)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    started = time.monotonic()
    outcomes = asyncio.run(crawl_all(args.registry, args.connect_to, args.per_host))
    args.out.write_text(json.dumps(summary(outcomes, time.monotonic() - started), ensure_ascii=False, indent=1),
                        encoding="utf-8")


if __name__ == "__main__":
    main()
