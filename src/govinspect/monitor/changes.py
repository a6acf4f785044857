"""Home-page change tracking from probe fingerprints: W-V3 without dates, and re-dating (W-V1.5 candidate).

Pure functions over (time, fingerprint) observations; the lead wires them into the indicators.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from .fingerprint import Fingerprint

Observation = tuple[datetime, Fingerprint]


def observations(rows: Sequence[tuple[datetime, str | None]]) -> list[Observation]:
    """(time, encoded fingerprint) pairs → decoded observations in time order, skipping probes without one."""
    return sorted(((at, Fingerprint.decode(raw)) for at, raw in rows if raw), key=lambda o: o[0])


def content_changes(obs: Sequence[Observation]) -> list[datetime]:
    """Times at which the news area's items (titles) differed from the previous observation."""
    return [cur[0] for prev, cur in zip(obs, obs[1:]) if cur[1].content != prev[1].content]


@dataclass(frozen=True, slots=True)
class StaleDecision:
    """W-V3 from fingerprints: `stale` is None when the observations do not cover the window."""

    stale: bool | None
    last_change: datetime | None
    first_seen: datetime | None
    observations: int


def news_unchanged(obs: Sequence[Observation], as_of: datetime, window_days: int = 14) -> StaleDecision:
    """Did the news area change in [as_of − window, as_of]? Decidable only when observed across the window."""
    start = as_of - timedelta(days=window_days)
    seen = [o for o in obs if o[0] <= as_of]
    if not seen:
        return StaleDecision(None, None, None, 0)
    before = [o for o in seen if o[0] <= start]
    inside = [o for o in seen if o[0] > start]
    changes = content_changes(before[-1:] + inside)
    last = changes[-1] if changes else None
    if changes:
        return StaleDecision(False, last, seen[0][0], len(seen))
    covered = bool(before) and bool(inside) and inside[-1][0] >= as_of - timedelta(days=1)
    return StaleDecision(True if covered else None, None, seen[0][0], len(seen))


@dataclass(frozen=True, slots=True)
class RedatingSignal:
    """Dates shown changed while the items stayed the same (fake freshness): a W-V1.5 candidate."""

    redated: int  # consecutive observed days with the same items and different dates
    same_content_pairs: int
    examples: list[datetime]

    @property
    def suspected(self) -> bool:
        return self.redated >= 3 and self.redated * 2 >= self.same_content_pairs


def daily(obs: Sequence[Observation]) -> list[Observation]:
    """The last observation of each calendar day (dates shown change at most once a day)."""
    by_day: dict[date, Observation] = {}
    for o in sorted(obs, key=lambda o: o[0]):
        by_day[o[0].date()] = o
    return list(by_day.values())


def redating(obs: Sequence[Observation]) -> RedatingSignal:
    """Compare day to day: suspected when the dates moved on most days whose items stayed the same."""
    days = daily(obs)
    same = [(p, c) for p, c in zip(days, days[1:]) if c[1].content == p[1].content]
    moved = [c[0] for p, c in same if c[1].dates is not None and c[1].dates != p[1].dates]
    return RedatingSignal(len(moved), len(same), moved[:10])
