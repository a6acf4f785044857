"""How the runner splits a campaign between processes: by host, and only where that is safe."""
from __future__ import annotations

from pathlib import Path

from govinspect.models import Site
from govinspect.runner import InspectOptions, host_groups, longest_first, process_count
from govinspect.store.db import Store


def _pending(*urls: str) -> list[tuple[int, Site]]:
    return [(i, Site(f"61010000{i:02d}", f"网站{i}", url)) for i, url in enumerate(urls, 1)]


def test_sites_on_one_host_form_one_group_in_registry_order() -> None:
    groups = host_groups(_pending("http://www.xa.gov.cn/", "http://JYJ.xa.gov.cn/", "http://www.xa.gov.cn/bm/jtj/"))
    assert [g.host for g in groups] == ["www.xa.gov.cn", "jyj.xa.gov.cn"]
    assert [cs for cs, _ in groups[0].sites] == [1, 3]


def test_groups_that_took_longest_last_time_go_first() -> None:
    groups = host_groups(_pending(*(f"http://www.s{i}.gov.cn/" for i in range(1, 5)), "http://www.s2.gov.cn/bm/"))
    took = {1: 10.0, 2: 30.0, 5: 50.0, 3: 200.0}  # site 4 was never inspected: an average one (72.5 s)
    assert [g.host for g in longest_first(groups, took)] == ["www.s3.gov.cn", "www.s2.gov.cn", "www.s4.gov.cn",
                                                           "www.s1.gov.cn"]  # s2 holds two sites: 30 + 50 s
    assert longest_first(groups, {}) == groups  # a first campaign keeps registry order


def test_last_durations_come_from_earlier_campaigns(tmp_path: Path) -> None:
    from datetime import datetime, timedelta

    from govinspect.store.schema import CampaignSiteRow

    store = Store(f"sqlite:///{tmp_path / 'gi.db'}")
    ids = store.upsert_sites([Site("6101000001", "网站", "http://www.a.gov.cn/"),
                              Site("6101000002", "网站二", "http://www.b.gov.cn/")])
    site_ids = set(ids.values())
    start = datetime(2026, 8, 1, 9)
    for minutes in (5, 12, None):  # two finished campaigns, then the current one
        campaign = store.create_campaign({"name": "检查", "as_of": start}, list(site_ids))
        with store.session() as s, s.begin():
            for row in s.query(CampaignSiteRow).filter(CampaignSiteRow.campaign_id == campaign):
                if minutes and row.site_id == ids["6101000001"]:
                    row.started, row.finished = start, start + timedelta(minutes=minutes)
        start += timedelta(days=90)
    assert store.last_durations(site_ids, campaign) == {ids["6101000001"]: 720.0}  # the latest, not the current


def test_process_count(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr("os.cpu_count", lambda: 8)
    store = Store(f"sqlite:///{tmp_path / 'gi.db'}")
    groups = host_groups(_pending(*(f"http://www.s{i}.gov.cn/" for i in range(10))))

    def count(**changes: object) -> int:
        return process_count(InspectOptions(Path("r.csv"), tmp_path, store.url, **changes), store, groups)

    assert count(processes=1) == 1
    assert count(processes=0) == 4  # one per core, at most 4, and no more than the default per-host cap 4
    assert count(processes=0, per_host=2) == 2  # every other process keeps one place on a host
    assert count(processes=3, per_host=8) == 3
    assert process_count(InspectOptions(Path("r.csv"), tmp_path, store.url, processes=4), store, groups[:2]) == 2
    memory = Store("sqlite://")
    assert process_count(InspectOptions(Path("r.csv"), tmp_path, "sqlite://", processes=4), memory, groups) == 1


def test_a_writer_waits_for_another_processs_transaction(tmp_path: Path) -> None:
    """Campaign processes share one SQLite file: a busy database makes a writer wait, not fail."""
    import sqlite3
    import threading
    import time
    from datetime import datetime

    db = tmp_path / "gi.db"
    store = Store(f"sqlite:///{db}")
    ids = store.upsert_sites([Site("6101000001", "网站", "http://www.a.gov.cn/")])
    campaign = store.create_campaign({"name": "检查", "as_of": datetime(2026, 11, 23)}, [ids["6101000001"]])
    campaign_site_id = store.campaign_sites(campaign)[0][0].id
    other = sqlite3.connect(db, isolation_level=None, check_same_thread=False)
    other.execute("BEGIN IMMEDIATE")  # another process holds the write lock for a while
    threading.Timer(6.0, lambda: other.execute("COMMIT")).start()  # longer than sqlite3's default 5 s wait
    started = time.monotonic()
    store.mark_started(campaign_site_id)
    assert time.monotonic() - started >= 5.5
    assert store.campaign_sites(campaign)[0][0].started is not None


def test_in_memory_database_is_told_from_the_url_alone() -> None:
    """The command line decides whether to start the fork server before SQLAlchemy is imported; the URL
    forms must agree with what the store itself finds."""
    from govinspect.shards import in_memory_database
    from govinspect.store.db import Store

    for url in ("sqlite://", "sqlite:///:memory:", "sqlite+pysqlite://"):
        assert in_memory_database(url) and Store(url).in_memory, url
    for url in ("sqlite:///govinspect.db", "sqlite:////tmp/x.db", "postgresql://u@localhost/db", "govinspect.db"):
        assert not in_memory_database(url), url
