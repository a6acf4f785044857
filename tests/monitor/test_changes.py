"""Fingerprints of the home page's news area and what they tell: W-V3 without dates, re-dating (W-V1.5)."""
from __future__ import annotations

from datetime import date, datetime, timedelta

from govinspect.models import ArticleList, ListItem
from govinspect.monitor.changes import content_changes, news_unchanged, observations, redating
from govinspect.monitor.fingerprint import Fingerprint, fingerprint_lists, fingerprint_page

T = datetime(2026, 11, 23)

HOME = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>某市人民政府</title></head><body>
<div class="news"><h2>政务要闻</h2><ul>
<li><a href="/a/1.html">市政府召开常务会议</a><span>{d1}</span></li>
<li><a href="/a/2.html">全市安全生产工作会议召开</a><span>{d2}</span></li>
<li><a href="/a/3.html">关于做好冬季供暖工作的通知</a><span>{d3}</span></li>
</ul></div></body></html>"""


def lists(titles: list[str], dates: list[date | None]) -> list[ArticleList]:
    return [ArticleList("政务要闻", [ListItem(t, f"/a/{i}.html", d) for i, (t, d) in enumerate(zip(titles, dates))])]


def test_page_fingerprint_separates_items_from_dates() -> None:
    a = fingerprint_page(HOME.format(d1="2026-11-20", d2="2026-11-18", d3="2026-11-15"), "http://www.x.gov.cn/")
    b = fingerprint_page(HOME.format(d1="2026-11-23", d2="2026-11-23", d3="2026-11-23"), "http://www.x.gov.cn/")
    assert a is not None and b is not None
    assert a.content == b.content and a.dates != b.dates
    assert Fingerprint.decode(a.encode()) == a and len(a.encode()) <= 64


def test_no_items_no_fingerprint_and_undated_lists_have_no_date_hash() -> None:
    assert fingerprint_lists([]) is None
    undated = fingerprint_lists(lists(["甲", "乙"], [None, None]))
    assert undated is not None and undated.dates is None
    assert Fingerprint.decode(undated.encode()).dates is None


def fp(titles: list[str], day: date | None = None) -> Fingerprint:
    found = fingerprint_lists(lists(titles, [day] * len(titles)))
    assert found is not None
    return found


def test_news_unchanged_for_two_weeks_is_stale() -> None:
    obs = [(T - timedelta(days=d), fp(["甲", "乙"])) for d in range(20, -1, -1)]
    decision = news_unchanged(obs, T)
    assert decision.stale is True and decision.last_change is None and decision.observations == 21


def test_a_new_item_inside_the_window_is_not_stale() -> None:
    obs = [(T - timedelta(days=d), fp(["甲", "乙"] if d > 5 else ["丙", "甲", "乙"])) for d in range(20, -1, -1)]
    decision = news_unchanged(obs, T)
    assert decision.stale is False and decision.last_change == T - timedelta(days=5)
    assert content_changes(obs) == [T - timedelta(days=5)]


def test_observations_not_covering_the_window_decide_nothing() -> None:
    recent = [(T - timedelta(days=d), fp(["甲"])) for d in range(6, -1, -1)]
    assert news_unchanged(recent, T).stale is None  # a week of watching cannot show two weeks without news
    old = [(T - timedelta(days=d), fp(["甲"])) for d in range(30, 10, -1)]
    assert news_unchanged(old, T).stale is None  # nothing seen lately
    assert news_unchanged([], T).stale is None


def test_redating_the_same_items_on_every_visit_is_flagged() -> None:
    obs = [(T - timedelta(hours=h), fp(["甲", "乙"], (T - timedelta(hours=h)).date())) for h in range(96, -1, -6)]
    signal = redating(obs)
    assert signal.suspected and signal.redated >= 3


def test_ordinary_updates_are_not_redating() -> None:
    days = [T - timedelta(days=d) for d in range(10, -1, -1)]
    obs = [(t, fp(["甲", "乙"], date(2026, 11, 1))) for t in days[:5]]
    obs += [(t, fp(["丙", "甲", "乙"], date(2026, 11, 18))) for t in days[5:]]
    assert not redating(obs).suspected
    rows = [(t, f.encode()) for t, f in reversed(obs)] + [(T, None)]
    assert observations(rows) == obs  # decoded, sorted, probes without a fingerprint skipped
