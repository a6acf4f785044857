"""Smoke test of the benchmark harness (bench/): output parsers, URL matching, scoring, bounds, tables."""
from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[2] / "bench"
sys.path.insert(0, str(BENCH))

from benchlib import parsers  # noqa: E402
from benchlib.bound import host_bound, lower_bound, network_bound, ratio  # noqa: E402
from benchlib.labels import planted, score  # noqa: E402
from benchlib.report import markdown, write_results  # noqa: E402
from benchlib.rows import Setting, make_row, server_counts  # noqa: E402
from benchlib.measure import RunStats, run_measured  # noqa: E402
from benchlib.urls import address_map, canonical  # noqa: E402
from benchlib.world import hosts_file, load_world, page_links, redirect_aliases, walk_world  # noqa: E402

INTERNAL = {"127.0.1.1"}
BY_ADDRESS = address_map({"port": 80, "hosts": {"www.a.gov.cn": "127.0.1.1"}})
ATTACH_UTF8 = "http://www.a.gov.cn/attach/%E5%B7%A5%E4%BD%9C1.pdf"
LABELS = {"defects": [
    {"indicator": "W-D4.4", "site": "1", "url": "http://www.a.gov.cn/dead/0.html", "note": "页面不存在（404）"},
    {"indicator": "W-D4.4", "site": "1", "url": "http://www.a.gov.cn/attach/工作1.pdf", "note": "附件无法下载"},
    {"indicator": "W-D4.4", "site": "1", "url": "http://www.a.gov.cn/moved/3.html", "note": "跳转到 404 页面"},
    {"indicator": "W-D4.4", "site": "1", "url": "http://www.a.gov.cn/old/4.html", "note": "软 404：返回 200 但提示页面不存在"},
    {"indicator": "W-D1.1", "site": "1", "url": "http://www.a.gov.cn/", "note": "其他指标"},
]}

LINKCHECKER_CSV = """# created by LinkChecker
urlname;parentname;base;result;warningstring;infostring;valid;url;line;column;name;dltime;size;checktime;cached;level;modified
http://127.0.1.1/;;;200 OK;;;True;http://127.0.1.1/;;;;;;;;0;
/dead/0.html;http://127.0.1.1/;;404 Not Found;;;False;http://127.0.1.1/dead/0.html;3;1;x;;;;;1;
/col/a/;http://127.0.1.1/;;200 OK;;;True;http://127.0.1.1/col/a/;3;1;x;;;;;1;
/logo.png;http://127.0.1.1/;;200 OK;;;True;http://127.0.1.1/logo.png;3;1;x;;;;;1;
"""
LINKINATOR_JSON = json.dumps({"passed": False, "links": [
    {"url": "http://127.0.1.1/", "status": 200, "state": "OK"},
    {"url": "http://127.0.1.1/art/1.html", "status": 200, "state": "OK"},
    {"url": "http://127.0.1.1/attach/%E5%B7%A5%E4%BD%9C1.pdf", "status": 404, "state": "BROKEN"},
    {"url": "http://127.0.1.1/x.js", "status": 0, "state": "SKIPPED"}]})
WGET_LOG = """2026-01-01 10:00:00 URL:http://127.0.1.1/ [6927/6927] -> "tmp/index.html.tmp" [1]
2026-01-01 10:00:00 URL: http://127.0.1.1/images/logo.png 200 OK
2026-01-01 10:00:00 URL:http://127.0.1.1/col/a/ [10/10] -> "tmp/index.html.tmp" [1]
Found 2 broken links.

http://127.0.1.1/dead/moved-3.html
http://127.0.1.1/attach/%B9%A4%D7%F71.pdf

FINISHED --2026-01-01 10:00:01--
"""


def test_linkchecker_csv_counts_pages_and_broken() -> None:
    out = parsers.linkchecker_csv(LINKCHECKER_CSV, INTERNAL)
    assert out.broken == ["http://127.0.1.1/dead/0.html"]
    assert out.pages == 2  # the home and the column; the image is not a page


def test_linkinator_json_and_scrapy_json() -> None:
    out = parsers.linkinator_json("npm notice\n" + LINKINATOR_JSON, INTERNAL)
    assert (out.pages, out.broken) == (2, ["http://127.0.1.1/attach/%E5%B7%A5%E4%BD%9C1.pdf"])
    spider = parsers.scrapy_json(json.dumps({"pages": 7, "broken": {"http://127.0.1.1/dead/0.html": 404}}))
    assert (spider.pages, spider.broken) == (7, ["http://127.0.1.1/dead/0.html"])


def test_wget_log_reads_the_broken_link_section() -> None:
    out = parsers.wget_log(WGET_LOG, INTERNAL)
    assert out.pages == 2
    assert out.broken == ["http://127.0.1.1/dead/moved-3.html", "http://127.0.1.1/attach/%B9%A4%D7%F71.pdf"]


def test_govinspect_outputs() -> None:
    crawl = parsers.gi_crawl_json(json.dumps({"pages": 5, "failed": [
        {"target": "http://www.a.gov.cn/dead/0.html", "status": 404},
        {"target": "http://www.a.gov.cn/old/4.html", "status": "soft-404"}]}))
    assert (crawl.pages, crawl.broken, crawl.soft404) == (5, ["http://www.a.gov.cn/dead/0.html"],
                                                          ["http://www.a.gov.cn/old/4.html"])
    results = {"sites": [{"stats": {"crawl": {"pages/crawled": 9}}, "findings": [
        {"indicator": "W-D4.4", "detail": {"target": "http://www.a.gov.cn/dead/0.html", "status": 404}},
        {"indicator": "W-D1.1", "detail": {"target": "http://www.a.gov.cn/x"}}]}]}
    full = parsers.gi_results(results)
    assert (full.pages, full.broken, full.soft404) == (9, ["http://www.a.gov.cn/dead/0.html"], [])


@pytest.mark.parametrize("reported", [
    "http://127.0.1.1/attach/%E5%B7%A5%E4%BD%9C1.pdf",  # UTF-8 escapes
    "http://127.0.1.1/attach/工作1.pdf",  # raw
    "http://127.0.1.1/attach/%B9%A4%D7%F71.pdf",  # GBK escapes (wget on a GBK page)
    "http://127.0.1.1:80/attach/%e5%b7%a5%e4%bd%9c1.pdf#top",  # default port, lower-case escapes, fragment
])
def test_canonical_maps_addresses_and_percent_encoding(reported: str) -> None:
    assert canonical(reported, BY_ADDRESS) == ATTACH_UTF8


def test_planted_and_score_with_redirect_aliases() -> None:
    truth = planted(LABELS)
    assert len(truth.dead) == 3 and truth.soft404 == {"http://www.a.gov.cn/old/4.html"}
    aliases = {"http://www.a.gov.cn/dead/moved-3.html": "http://www.a.gov.cn/moved/3.html"}
    found = {canonical(u, BY_ADDRESS) for u in parsers.wget_log(WGET_LOG, INTERNAL).broken}
    got = score(found | {"http://www.a.gov.cn/nope.html"}, set(), truth, aliases)
    assert (got.dead_found, got.false_positives, got.soft404_found) == (2, 1, 0)
    assert score(found, set(), truth).dead_found == 1  # without the alias the redirect is missed


def test_bounds() -> None:
    assert host_bound(800, 4, 0.05, 8) == pytest.approx(5.2)
    assert network_bound({"a": 800, "b": 80}, {"a": 4}, 0.05, 8) == pytest.approx(5.2)
    assert network_bound({}, {}, 0.05, 8) == 0.0
    assert host_bound(401, 4, 0.1, 8, gap_s=0.25) == pytest.approx(100.1)  # the gap binds: 400 gaps + 1 latency
    assert host_bound(401, 4, 0.1, 8, gap_s=0.001) == pytest.approx(5.4125)  # the slots bind
    assert lower_bound(0.0, 1.5) == 1.5 and lower_bound(5.2, 1.5) == 5.2
    assert ratio(10.4, 5.2) == 2.0 and ratio(1.0, 0.0) is None


def test_row_and_tables(tmp_path: Path) -> None:
    setting = Setting(0, 1, frozenset({"www.a.gov.cn"}), BY_ADDRESS, planted(LABELS), {})
    stats = {"requests": 12, "per_host": {"127.0.1.1": 12}, "max_in_flight": {"127.0.1.1": 3, "www.gov.cn": 9}}
    assert server_counts(stats, setting.site_hosts, BY_ADDRESS) == (12, 3)
    out = parsers.linkchecker_csv(LINKCHECKER_CSV, INTERNAL)
    row = make_row("linkchecker", "crawl", setting, RunStats(wall_s=2.0, cpu_s=0.5, peak_rss_mb=40.0, returncode=1),
                   out, stats)
    assert row["pages_per_s"] == 1.0 and row["cpu_ms_per_page"] == 250.0 and row["dead_found"] == 1
    assert "error" not in row  # LinkChecker's exit status 1 only means it found broken links
    doc = {"date": "2026-01-02T03:04:05", "cores": 2, "variant": "quick", "rows": [row, {
        "tool": "wget", "mode": "crawl", "latency_ms": 0, "sites": 1, "error": "安装失败：x|y"}], "notes": ["n"]}
    table = markdown(doc)
    assert "| linkchecker | crawl | 0 | 1 | 2 | 12 |" in table and "安装失败：x/y" not in table.split("出错")[0]
    latest = write_results(doc, tmp_path)
    assert json.loads(latest.read_text(encoding="utf-8"))["rows"][0]["tool"] == "linkchecker"
    assert (tmp_path / "latest.md").exists() and (tmp_path / "quick-20260102-030405.json").exists()
    # an unfinished run's partial counts are not shown; a scaling-only run leaves the side-by-side table alone
    assert "| wget | crawl | 0 | 1 |" in table and table.split("| wget |")[1].split("\n")[0].count("—") >= 3
    scaling = write_results(dict(doc, variant="scaling", date="2026-01-02T04:05:06"), tmp_path)
    assert scaling.name == "scaling-latest.json" and (tmp_path / "scaling-latest.md").exists()
    assert json.loads((tmp_path / "latest.json").read_text(encoding="utf-8"))["variant"] == "quick"


def test_run_measured_times_out_and_kills(tmp_path: Path) -> None:
    done = run_measured([sys.executable, "-c", "print('hi')"], 30, tmp_path / "ok.log")
    assert done.returncode == 0 and done.error is None and (tmp_path / "ok.log").read_text().strip() == "hi"
    slow = run_measured([sys.executable, "-c", "import time; time.sleep(60)"], 0.5, tmp_path / "slow.log")
    assert slow.timed_out and "超时" in (slow.error or "")


def test_world_walk_aliases_and_hosts_file() -> None:
    world = load_world(1, date.today().isoformat(), pages_per_site=30)
    host = world.plans[0].host
    wmap = walk_world(world, [host])
    assert wmap.depth[host] >= 2 and wmap.pages[host] >= 20 and "www.gov.cn" in wmap.hosts
    moved = [lab["url"] for lab in world.plans[0].labels if "/moved/" in (lab.get("url") or "")]
    aliases = redirect_aliases(world, set(moved))
    assert moved and set(aliases.values()) == set(moved)
    text = hosts_file({"port": 80, "hosts": {host: "127.0.1.1"}}, wmap.hosts | {"www.partner1.invalid"})
    assert f"127.0.1.1\t{host}" in text and "127.0.0.1\twww.gov.cn" in text and ".invalid" not in text


def test_page_links_resolves_and_marks_followed() -> None:
    html = '<a href="/a.html#x">a</a><img src="i.png"><a href="javascript:void(0)">j</a>'
    assert page_links(html, "http://h/b/") == [("http://h/a.html", True), ("http://h/b/i.png", False)]
