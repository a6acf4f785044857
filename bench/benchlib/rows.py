"""One benchmark row (one tool, one mode, one world) from its measured run, its output and the server's counts."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .labels import Planted, score
from .measure import RunStats
from .parsers import ToolOutput
from .urls import canonical_set


@dataclass(frozen=True, slots=True)
class Setting:
    """What every row of one world shares."""

    latency_ms: int
    sites: int
    site_hosts: frozenset[str]
    by_address: dict[str, str]
    planted: Planted
    aliases: dict[str, str]  # redirect hops of planted targets → the target
    gap_s: float = 0.0  # govinspect's politeness gap between request starts on one host (the polite rows)


def server_counts(stats: dict[str, Any], site_hosts: frozenset[str], by_address: dict[str, str]) -> tuple[int, int]:
    """(requests of the run, most requests in flight on one site host); per-address keys mapped to hosts."""
    peak = 0
    for key, n in dict(stats.get("max_in_flight", {})).items():
        if by_address.get(key, key) in site_hosts:
            peak = max(peak, int(n))
    return int(stats.get("requests", 0)), peak


def per_host_requests(stats: dict[str, Any], by_address: dict[str, str]) -> dict[str, int]:
    out: dict[str, int] = {}
    for key, n in dict(stats.get("per_host", {})).items():
        host = by_address.get(key, key)
        out[host] = out.get(host, 0) + int(n)
    return out


def make_row(tool: str, mode: str, setting: Setting, run: RunStats, output: ToolOutput | None,
             stats: dict[str, Any]) -> dict[str, Any]:
    requests, in_flight = server_counts(stats, setting.site_hosts, setting.by_address)
    pages = output.pages if output else 0
    row: dict[str, Any] = {
        "tool": tool, "mode": mode, "latency_ms": setting.latency_ms, "sites": setting.sites, "pages": pages,
        "requests": requests, "wall_s": round(run.wall_s, 2),
        "pages_per_s": round(pages / run.wall_s, 1) if run.wall_s > 0 else 0.0,
        "cpu_s": round(run.cpu_s, 2), "cpu_ms_per_page": round(1000 * run.cpu_s / pages, 2) if pages else None,
        "peak_rss_mb": round(run.peak_rss_mb, 1), "max_in_flight_per_host": in_flight,
        "dead_planted": len(setting.planted.dead), "soft404_planted": len(setting.planted.soft404),
    }
    row.update(_accuracy(output, setting))
    row["exit_status"] = run.returncode  # LinkChecker and wget exit non-zero whenever they found broken links
    if run.error:
        row["error"] = run.error
    return row


def _accuracy(output: ToolOutput | None, setting: Setting) -> dict[str, Any]:
    if output is None:
        return {"dead_found": None, "false_positives": None, "soft404_found": None}
    got = score(canonical_set(output.broken, setting.by_address), canonical_set(output.soft404, setting.by_address),
                setting.planted, setting.aliases)
    return {"dead_found": got.dead_found, "false_positives": got.false_positives, "soft404_found": got.soft404_found}


def error_row(tool: str, mode: str, setting: Setting, error: str) -> dict[str, Any]:
    return {"tool": tool, "mode": mode, "latency_ms": setting.latency_ms, "sites": setting.sites, "error": error}
