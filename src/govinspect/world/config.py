"""WorldConfig: every knob of the sample world, with its meaning, in one frozen dataclass."""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import datetime
from typing import Any


@dataclass(frozen=True, slots=True)
class WorldConfig:
    """How the world is generated. Rates are shares of sites (0..1) drawn per site from the seed;
    the rare kinds (every negative, every hijack kind, every network hazard) are additionally
    assigned round-robin by site index so that a 30-site world holds each at least once."""

    seed: int = 1
    sites: int = 30
    as_of: datetime = field(default_factory=lambda: datetime.now().replace(hour=0, minute=0, second=0, microsecond=0))
    profile: str = "default"  # default | bench
    scoring_profile: str = "gov2019"  # passed to scoring.expected_verdict
    pages_per_site: int = 0  # target pages per site (0: 80 in default, 465 in bench); default departments get 60 %
    latency_ms: int = 0  # added to every response
    deduct_rate: float = 0.35  # share of sites carrying deduction defects (stale, missing items, ...)
    veto_rate: float = 0.15  # share of sites with a mechanical veto (blank ≥ 5, W-V4.1, W-V3, W-V5.1, W-V6.1)
    hijack_rate: float = 0.05  # share of sites hijacked or spammed (spec §7.3)
    deduct_kinds: tuple[int, int] = (3, 5)  # how many deduction defect kinds a deduction site gets (min, max)
    dead_links_per_site: int = 16  # bench profile: dead link targets planted on every site
    hazards: bool = True  # traps, timeouts, bombs, huge pages, closed connections (off in bench)
    availability: bool = False  # host up/down follows a weekly virtual-clock schedule (monitor world)
    page_cache: int = 4096  # rendered pages kept in the LRU cache (0: every page, for repeated benchmark runs)

    @property
    def pathological(self) -> bool:
        """Down sites and hazard pages: never in the bench profile, so other tools can finish."""
        return self.hazards and self.profile != "bench"

    @property
    def target_pages(self) -> int:
        if self.pages_per_site:
            return self.pages_per_site
        return 465 if self.profile == "bench" else 80

    def target_for(self, kind: str) -> int:
        """Departments are smaller than portals in the default world; bench sites are all the same size."""
        if kind == "portal" or self.profile == "bench":
            return self.target_pages
        return int(self.target_pages * 0.6)

    def as_json(self) -> dict[str, Any]:
        out = asdict(self)
        out["as_of"] = self.as_of.isoformat()
        return out
