"""Probe schedule (spec W-V2): N evenly spaced slots a day per site, shifted by a deterministic per-(site, day) jitter."""
from __future__ import annotations

import hashlib
from collections.abc import Iterator
from datetime import date, datetime, time, timedelta

DAY_SECONDS = 86400
GOLDEN = 0.6180339887498949  # 1/phi: consecutive days' phases form a low-discrepancy (Weyl) sequence


def site_phase(site_key: str) -> float:
    """A stable number in [0, 1) per site, so that 600 sites spread evenly over each slot (no herd)."""
    digest = hashlib.sha256(site_key.encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big") / 2**64


def day_offset(site_key: str, day: date, per_day: int) -> int:
    """Seconds (inside the first slot) by which all of this site's slots on `day` are shifted.

    Why a Weyl sequence instead of an independent hash per day: over a week the phases relative to a
    daily outage window are spread evenly, so a host down 6 % of the time is measured near 6 %, not
    4 % or 8 % by chance; each (site, day) is still deterministic and looks jittered.
    """
    step = DAY_SECONDS // per_day
    phase = (site_phase(site_key) + day.toordinal() * GOLDEN) % 1.0
    return int(phase * step)


def slots_of_day(site_key: str, day: date, per_day: int) -> list[datetime]:
    """The scheduled instants (whole seconds, naive local time) of one site on one day."""
    if per_day < 1 or per_day > DAY_SECONDS:
        raise ValueError("per_day must be between 1 and 86400")
    step = DAY_SECONDS // per_day
    start = datetime.combine(day, time()) + timedelta(seconds=day_offset(site_key, day, per_day))
    return [start + timedelta(seconds=k * step) for k in range(per_day)]


def slots_between(site_key: str, start: datetime, end: datetime, per_day: int) -> Iterator[datetime]:
    """Every slot with start <= slot < end, in order."""
    day = start.date()
    while datetime.combine(day, time()) < end:
        for slot in slots_of_day(site_key, day, per_day):
            if start <= slot < end:
                yield slot
        day += timedelta(days=1)


def next_slot(site_key: str, after: datetime, per_day: int) -> datetime:
    """The first slot at or after `after`."""
    day = after.date()
    while True:
        for slot in slots_of_day(site_key, day, per_day):
            if slot >= after:
                return slot
        day += timedelta(days=1)
