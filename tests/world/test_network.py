"""Network behaviours and page properties of the world, checked over loopback (and the clock in-process)."""
from __future__ import annotations

import http.client
import json
import re
import zlib
from datetime import datetime, timedelta
from typing import Any
from urllib.parse import urlsplit

import pytest

from govinspect.world.config import WorldConfig
from govinspect.world.world import World

from .conftest import AS_OF, Served
from .test_planted import fetch_final, list_dates


def _plan(world: Served, pred: Any) -> Any:
    return next(p for p in world.running.world.plans if pred(p))


def _hazard(world: Served, kind: str) -> dict[str, Any]:
    return next(h for h in world.labels["world"]["hazards"] if h["kind"] == kind)


def test_gbk_without_header_is_really_gbk(world: Served) -> None:
    plan = _plan(world, lambda p: p.encoding == "gbk" and not p.charset_header and p.category != "down")
    status, headers, body = world.get(plan.home)
    assert status == 200 and "charset" not in headers["content-type"]
    with pytest.raises(UnicodeDecodeError):
        body.decode("utf-8")
    head = body[:300].decode("ascii", "replace")
    assert re.search(r'charset="?(gb2312|gbk)', head)
    assert plan.identity.name in body.decode("gbk")


def test_gbk_with_header_and_utf8(world: Served) -> None:
    gbk = _plan(world, lambda p: p.encoding == "gbk" and p.charset_header and p.category != "down")
    assert re.search(r"charset=(gbk|gb2312)", world.get(gbk.home)[1]["content-type"])
    utf = _plan(world, lambda p: p.encoding == "utf-8" and p.category != "down")
    assert utf.identity.name in world.get(utf.home)[2].decode("utf-8")


def test_cloaked_page_differs_for_baiduspider(world: Served) -> None:
    plan = _plan(world, lambda p: p.hijack)
    url = plan.art_url("tzgg", 4)
    browser = world.get(url)[2]
    spider = world.get(url, ua="Mozilla/5.0 (compatible; Baiduspider/2.0)")[2]
    assert browser != spider and "澳门金沙".encode() in spider


def test_gzip_bomb_without_reading_it_all(world: Served) -> None:
    status, headers, body = world.get(_hazard(world, "gzip_bomb")["url"])
    assert status == 200 and headers["content-encoding"] == "gzip"
    assert len(body) < 2_000_000
    inflater = zlib.decompressobj(31)
    head = inflater.decompress(body[:200_000], 50_000_000)
    assert len(head) == 50_000_000 and head.count(0) == len(head)  # 200 kB already inflate past 50 MB


def test_huge_page_announces_30_mb(world: Served) -> None:
    url = urlsplit(_hazard(world, "huge_page")["url"])
    conn = http.client.HTTPConnection("127.0.0.1", world.port, timeout=10)
    conn.request("GET", url.path, headers={"Host": url.netloc})
    resp = conn.getresponse()
    assert int(resp.getheader("Content-Length")) == 30 * 1024 * 1024
    assert resp.read(65536).startswith(b"<!DOCTYPE html>")
    conn.close()


def test_slow_and_timeout_pages_are_planned(world: Served) -> None:
    w = world.running.world
    timeout = _hazard(world, "timeout")["url"].split("/", 3)
    ans = w.answer(timeout[2], "/" + timeout[3], {}, False)
    assert ans.action == "sleep" and ans.delay > 20
    slow = next(n for n in world.labels["negatives"] if n["kind"] == "slow_link")["url"]
    ans = w.answer(slow.split("/")[2], "/", {}, False)
    assert ans.action == "sleep" and 2 <= ans.delay <= 4 and ans.status == 200


def test_closed_connection_and_dns_failure(world: Served) -> None:
    assert fetch_final(world, _hazard(world, "connection_close")["url"])[0] == -1
    assert fetch_final(world, "http://www.partner1.invalid/")[0] == -1


def test_redirect_chain_ends_alive_and_loop_never_does(world: Served) -> None:
    status, _, hops = fetch_final(world, _hazard(world, "redirect_chain")["url"])
    assert status == 200 and hops == 3
    loops = [d["url"] for d in world.labels["defects"] if "/loop/" in d["url"]]
    site = _plan(world, lambda p: p.category == "healthy")
    for url in loops or [f"{site.base}/loop/0/a.html"]:
        assert fetch_final(world, url, hops=6)[2] == 6


def test_calendar_is_an_endless_trap(world: Served) -> None:
    url = _hazard(world, "calendar_trap")["url"]
    seen = set()
    for _ in range(5):
        body = world.get(url)[2].decode("utf-8", "replace") + world.get(url)[2].decode("gbk", "replace")
        nxt = re.search(r'href="(/calendar\?month=[\d-]+)">下个月', body)
        assert nxt
        url = url.split("/calendar")[0] + nxt[1]
        seen.add(url)
    assert len(seen) == 5


def test_unavailable_503(world: Served) -> None:
    assert world.get(_hazard(world, "unavailable_503")["url"])[0] == 503


def test_hard_negatives_are_served(world: Served) -> None:
    kinds = {n["kind"]: n for n in world.labels["negatives"]}
    js = kinds["js_rendered_list"]
    page = world.get(js["url"])[2]
    assert b"/api/bmdt.json" in page and re.search(rb'<ul class="list" id="art-list"></ul>', page)
    data = json.loads(world.get(js["url"].replace("/col/bmdt/", "/api/bmdt.json"))[2])
    assert data["items"] and {"title", "url", "date"} <= set(data["items"][0])
    robots = world.get(kinds["robots_disallowed"]["url"].split("/col/")[0] + "/robots.txt")[2].decode()
    assert "Disallow: /col/gzjb/" in robots
    few = world.get(kinds["few_recent"]["url"])[2]
    few_text = few.decode("gbk" if b"gb" in few[:200] else "utf-8")
    dates = list_dates(few_text)
    assert len(dates) == 2 and max(dates) >= AS_OF.date() - timedelta(days=5)
    assert set(kinds) == {"few_recent", "js_rendered_list", "crackdown_article", "slow_link", "copyright_year",
                          "personnel_idle_10_months", "nav_home_fresh", "benign_hidden", "robots_disallowed",
                          "reply_over_holiday"}


def test_stats_count_requests(world: Served) -> None:
    plan = _plan(world, lambda p: p.category == "healthy")
    world.get(plan.home)
    stats = json.loads(world.get(f"http://{plan.host}/__world/stats")[2])
    assert stats["requests"] >= 1 and stats["per_host"][plan.host] >= 1
    assert stats["max_in_flight"][plan.host] >= 1


def test_per_site_addresses(small_world: Served) -> None:
    mapping = json.loads((small_world.out / "addresses.json").read_text(encoding="utf-8"))
    assert mapping["port"] == small_world.port and len(mapping["hosts"]) == 6
    host, addr = sorted(mapping["hosts"].items())[0]
    status, _, body = small_world.get("http://x/", address=addr, host=f"{addr}:{small_world.port}")
    plan = small_world.running.world.by_host[host]
    assert status == 200 and plan.identity.name.encode(plan.encoding if plan.encoding == "utf-8" else "gbk") in body


def test_labels_written_last(small_world: Served) -> None:
    out = small_world.out
    assert (out / "labels.json").stat().st_mtime_ns >= (out / "registry.xlsx").stat().st_mtime_ns


def test_availability_follows_the_virtual_clock() -> None:
    world = World(WorldConfig(seed=1, sites=10, as_of=AS_OF, availability=True, hazards=False))
    plan = next(p for p in world.plans if p.down_fraction == 0.30)
    day = datetime(2026, 11, 20)
    minutes = [world.is_down(plan, day + timedelta(minutes=m)) for m in range(24 * 60)]
    assert abs(sum(minutes) / len(minutes) - 0.30) < 0.01
    assert not any(world.is_down(p, day) for p in world.plans if p.down_fraction == 0)
    assert any(d["indicator"] == "W-V2" and d.get("requires") == "monitor" for d in plan.labels)
    default = World(WorldConfig(seed=1, sites=10, as_of=AS_OF, hazards=False))
    assert not any(default.is_down(p, day + timedelta(hours=h)) for p in default.plans for h in range(24))


def test_x_world_time_drives_outages(tmp_path: Any) -> None:
    from .conftest import _serve

    config = WorldConfig(seed=1, sites=10, as_of=AS_OF, availability=True, hazards=False, latency_ms=1)
    served = _serve(config, tmp_path)
    world = next(served)
    try:
        w = world.running.world
        plan = next(p for p in w.plans if p.down_fraction == 0.30)
        day = datetime(2026, 11, 20)
        down = next(day + timedelta(minutes=m) for m in range(1440) if w.is_down(plan, day + timedelta(minutes=m)))
        up = next(day + timedelta(minutes=m) for m in range(1440) if not w.is_down(plan, day + timedelta(minutes=m)))
        assert world.get(plan.home, headers={"X-World-Time": up.isoformat()})[0] == 200
        assert fetch_final_with(world, plan.home, down.isoformat()) == -1
        assert world.get(plan.home, headers={"X-World-Time": str(up.timestamp())})[0] == 200
    finally:
        next(served, None)


def fetch_final_with(world: Served, url: str, when: str) -> int:
    try:
        return world.get(url, headers={"X-World-Time": when}, timeout=5)[0]
    except (ConnectionError, http.client.HTTPException, OSError):
        return -1
