"""Monitor use cases for the CLI and the campaign: pick targets, run, summarise, simulate a week, decide W-V2."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta
from pathlib import Path
from typing import Any

from ..models import Probe
from ..store.db import Store
from .clock import Clock, SystemClock, VirtualClock
from .decision import Decision, Thresholds, decide, window
from .prober import Prober, ProbeFetcher, probe_settings
from .scheduler import Monitor, MonitorSettings, RunStats, Schedule, Target


def targets_from(store: Store, registry: Path | None = None, campaign: int | None = None) -> list[Target]:
    """The sites to probe: a registry file (imported into the store), a campaign's sites, or every stored site."""
    if registry is not None:
        from ..registry import load_registry

        sites = load_registry(registry).sites
        ids = store.upsert_sites(sites)
        return [Target(ids[s.id_code], s.id_code, s.url) for s in sites]
    if campaign is not None:
        return [Target(cs.site_id, s.id_code, s.url) for cs, s in store.campaign_sites(campaign)]
    return [Target(site_id, s.id_code, s.url) for site_id, s in store.sites()]


async def run_monitor(store: Store, targets: list[Target], clock: Clock, settings: MonitorSettings,
                      connect_to: list[str] | tuple[str, ...] = (), until: datetime | None = None,
                      schedule: Schedule | None = None) -> RunStats:
    """Probe `targets` until `until` (forever when None) through one shared fetcher."""
    fetcher = ProbeFetcher(probe_settings(connect_to, settings.timeout))
    prober = Prober(fetcher, settings.timeout, send_world_time=not isinstance(clock, SystemClock))
    async with fetcher:
        return await Monitor(store, targets, prober, clock, settings, schedule).run(until)


def site_probes(store: Store, site_id: int, as_of: datetime, days: int = 7) -> list[Probe]:
    """The completed probes (missed slots left out) of the `days` whole days before `as_of`, for SiteSnapshot.probes."""
    start, end = window(as_of, days)
    return [Probe(at=r.at or r.slot, ok=r.outcome == "ok", status=r.status, elapsed_s=r.elapsed_s, error=r.error,
                  fingerprint=r.fingerprint)
            for r in store.probes(site_id, start) if r.slot < end and r.outcome != "missed"]


def thresholds_of(profile: str = "gov2019", per_day: int | None = None) -> Thresholds:
    """W-V2 thresholds from a scoring profile."""
    from ..scoring import load_profile

    p = load_profile(profile)
    min_per_day = per_day if per_day is not None else int(p.threshold("availability_probes_per_day"))
    return Thresholds(p.threshold("availability_fail_ratio"), int(p.threshold("availability_min_days")), min_per_day)


@dataclass(slots=True)
class SiteReport:
    """One site's week: what `monitor simulate` and `monitor status` print."""

    target: Target
    name: str
    decision: Decision
    missed: int = 0
    last_failure: datetime | None = None

    def as_json(self) -> dict[str, Any]:
        d = self.decision
        return {"id_code": self.target.key, "name": self.name, "url": self.target.url, "probes": d.probes,
                "failed": d.failed, "missed": self.missed, "ratio": round(d.ratio, 4), "status": d.status,
                "w_v2": d.fires, "longest_outage_s": round(d.longest_outage_s, 1),
                "last_failure": self.last_failure.isoformat(timespec="seconds") if self.last_failure else None,
                "evidence": d.evidence() if d.fires else None}


def week_reports(store: Store, targets: list[Target], as_of: datetime, thresholds: Thresholds,
                 days: int = 7) -> list[SiteReport]:
    """Decide W-V2 for each target from the probe log of the `days` whole days before `as_of`."""
    names = {site_id: s.name for site_id, s in store.sites()}
    start, _ = window(as_of, days)
    summary = {row["site_id"]: row for row in store.probe_summary(start)}
    out = []
    for t in targets:
        decision = decide(site_probes(store, t.site_id, as_of, days), thresholds)
        row = summary.get(t.site_id, {})
        out.append(SiteReport(t, names.get(t.site_id, ""), decision, row.get("missed", 0), row.get("last_failure")))
    return out


async def simulate_week(store: Store, targets: list[Target], days: int, start: datetime,
                        settings: MonitorSettings, connect_to: list[str] | tuple[str, ...],
                        thresholds: Thresholds) -> list[SiteReport]:
    """Run the real scheduler on a virtual clock over `days` days from `start`, then decide W-V2."""
    start = datetime.combine(start.date(), time())
    end = start + timedelta(days=days)
    await run_monitor(store, targets, VirtualClock(start), settings, connect_to, until=end)
    return week_reports(store, targets, end, thresholds, days)
