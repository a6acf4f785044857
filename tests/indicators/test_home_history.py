"""Home-page change tracking from the monitor's fingerprints: W-V3 when the home shows no dates and its
news area did not change for two weeks; W-V1.5 (for review) when the same items are re-dated every day."""
from __future__ import annotations

from datetime import datetime, timedelta

from govinspect.indicators.registry import run_checks
from govinspect.models import ArticleList, ListItem, PageFacts, Probe, Site
from govinspect.scoring import load_profile
from govinspect.snapshot import build_snapshot

T = datetime(2026, 11, 23, 9)
SITE = Site("6108270006", "测试县人民政府", "http://www.csx.gov.cn/")
UNDATED_HOME = PageFacts(url=SITE.url, status=200, encoding="utf-8", title="测试县人民政府", kind="home",
                         lists=[ArticleList("要闻", [ListItem(f"要闻{i}", f"{SITE.url}a{i}.html", None) for i in range(5)])])


def history(fingerprint_of_day) -> list[Probe]:  # noqa: ANN001 - a function of the day index
    return [Probe(T - timedelta(days=d, hours=h), True, 200, 0.1, None, fingerprint_of_day(d))
            for d in range(16, 0, -1) for h in (0, 8, 16)]


def ids(probes: list[Probe]) -> dict[str, list]:
    snapshot = build_snapshot(SITE, T, [UNDATED_HOME], [], home_history=probes)
    out: dict[str, list] = {}
    for f in run_checks(snapshot, load_profile()):
        out.setdefault(f.indicator, []).append(f)
    return out


def test_unchanged_news_area_for_two_weeks_is_w_v3() -> None:
    found = ids(history(lambda d: "a" * 24 + ":"))
    assert [f.detail["basis"] for f in found["W-V3"]] == ["fingerprints"]


def test_a_change_inside_the_window_is_not() -> None:
    found = ids(history(lambda d: ("a" if d > 5 else "b") * 24 + ":"))
    assert "W-V3" not in found


def test_no_history_and_no_dates_counts_as_not_updated() -> None:
    assert "W-V3" in ids([])  # undated items count as not updated (spec §0.3)


def test_same_items_redated_every_day_is_a_w_v15_candidate() -> None:
    found = ids(history(lambda d: "a" * 24 + ":" + f"{d:024x}"))
    [signal] = found["W-V1.5"]
    assert signal.needs_review and signal.detail["kind"] == "redating"


def test_findings_do_not_depend_on_the_order_pages_arrived_in() -> None:
    import tomllib
    from pathlib import Path

    from govinspect.extract.page import extract_page

    folder = Path(__file__).parent / "cases" / "T-TAG" / "bad_list_pages_without_siteidcode"
    case = tomllib.loads((folder / "case.toml").read_text(encoding="utf-8"))
    pages = [extract_page((folder / name).read_text(encoding="utf-8"), url, as_of=T.date())
             for url, name in case["pages"].items()]
    site = Site(**case["site"])

    def run(order: list) -> list[tuple[str, str]]:
        return sorted((f.indicator, f.url) for f in run_checks(build_snapshot(site, T, order, []), load_profile()))

    assert run(pages) == run([pages[0]] + pages[:0:-1])
