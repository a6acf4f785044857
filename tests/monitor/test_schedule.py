"""The probe schedule: N slots a day, evenly spaced, deterministic, spread across sites, consistent views."""
from __future__ import annotations

from collections import Counter
from datetime import date, datetime, timedelta

from hypothesis import given, settings, strategies as st

from govinspect.monitor.schedule import day_offset, next_slot, slots_between, slots_of_day

DAY = date(2026, 11, 2)


def test_a_day_has_per_day_slots_evenly_spaced_inside_the_day() -> None:
    slots = slots_of_day("6100000001", DAY, 24)
    assert len(slots) == 24
    assert all(s.date() == DAY for s in slots)
    gaps = {(b - a).total_seconds() for a, b in zip(slots, slots[1:])}
    assert gaps == {3600.0}
    assert all(s.microsecond == 0 for s in slots)


def test_schedule_is_deterministic_and_jitter_differs_by_site_and_day() -> None:
    assert slots_of_day("a", DAY, 24) == slots_of_day("a", DAY, 24)
    offsets = {day_offset("a", DAY + timedelta(days=d), 24) for d in range(7)}
    assert len(offsets) == 7  # the phase moves from day to day
    assert slots_of_day("a", DAY, 24) != slots_of_day("b", DAY, 24)


def test_six_hundred_sites_spread_evenly_over_the_hour() -> None:
    minutes = Counter(slots_of_day(f"site{i:04d}", DAY, 24)[0].minute for i in range(600))
    assert len(minutes) == 60
    assert max(minutes.values()) <= 25  # 10 per minute on average: no thundering herd


def test_week_phases_cover_the_slot_evenly() -> None:
    """A daily outage of 1.44 slot-lengths is hit 1.44 times a day on average over a week."""
    for i in range(50):
        key = f"site{i}"
        phases = sorted(day_offset(key, DAY + timedelta(days=d), 24) / 3600 for d in range(7))
        gaps = [b - a for a, b in zip(phases, phases[1:])] + [1 - phases[-1] + phases[0]]
        assert max(gaps) < 0.45  # a Weyl sequence leaves no large hole in seven days


@settings(max_examples=60, deadline=None)
@given(st.text(min_size=1, max_size=12), st.integers(1, 96), st.integers(0, 86400 * 3))
def test_between_and_next_agree(key: str, per_day: int, offset: int) -> None:
    start = datetime(2026, 11, 2) + timedelta(seconds=offset)
    end = start + timedelta(days=2)
    listed = list(slots_between(key, start, end, per_day))
    walked, t = [], next_slot(key, start, per_day)
    while t < end:
        walked.append(t)
        t = next_slot(key, t + timedelta(seconds=1), per_day)
    assert listed == walked
    assert len(listed) in (2 * per_day - 1, 2 * per_day, 2 * per_day + 1)
