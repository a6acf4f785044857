"""The lower bound of a govinspect run: the larger of the network bound and the world server's own CPU time."""
from __future__ import annotations


def host_bound(requests: int, depth: int, latency_s: float, per_host: int, gap_s: float = 0.0) -> float:
    """One host: its requests spread over `per_host` slots, plus the serial chain of round trips to its
    deepest page (each level is only known after the one above it has arrived); with a politeness gap
    between request starts, at least that gap between consecutive requests."""
    slots = requests * latency_s / max(per_host, 1) + depth * latency_s
    return max(slots, (requests - 1) * gap_s + latency_s) if requests and gap_s else slots


def network_bound(requests: dict[str, int], depth: dict[str, int], latency_s: float, per_host: int,
                  gap_s: float = 0.0) -> float:
    """The campaign's network bound is its slowest host's (hosts proceed in parallel)."""
    return max((host_bound(n, depth.get(h, 0), latency_s, per_host, gap_s) for h, n in requests.items()),
               default=0.0)


def lower_bound(network_s: float, server_cpu_s: float) -> float:
    return max(network_s, server_cpu_s)


def ratio(wall_s: float, bound_s: float) -> float | None:
    return round(wall_s / bound_s, 2) if bound_s > 0 else None
