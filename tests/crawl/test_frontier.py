"""The per-site frontier: canonical keys, scope, budget, depth, HTML-only, and the trap guard."""
from __future__ import annotations

from govinspect.crawl.frontier import Frontier, canonical, host_of, looks_like_html

HOME = "http://www.f.gov.cn/"


def _drain(frontier: Frontier) -> list[str]:
    out = []
    while (entry := frontier.pop()) is not None:
        out.append(entry.url)
    return out


def test_canonical_sorts_query_and_drops_fragment() -> None:
    assert canonical("http://www.f.gov.cn/a?b=2&a=1#x") == canonical("http://www.f.gov.cn/a?a=1&b=2")
    assert "#" not in canonical("http://www.f.gov.cn/a#top")


def test_host_and_html_detection() -> None:
    assert host_of("HTTP://WWW.F.gov.cn:80/x") == "www.f.gov.cn"
    assert host_of("http://www.f.gov.cn:8080/x") == "www.f.gov.cn:8080"
    assert looks_like_html("http://x/a/index.shtml") and looks_like_html("http://x/list?page=2")
    assert looks_like_html("http://x/content.jsp?id=5") and looks_like_html("http://x/dir/")
    assert not looks_like_html("http://x/files/plan.PDF") and not looks_like_html("http://x/a.docx?v=1")


def test_scope_is_the_site_host_only() -> None:
    f = Frontier(HOME, budget=100, max_depth=5)
    assert f.offer("http://www.f.gov.cn/a.html", 1) is None
    assert f.offer("https://www.f.gov.cn/a.html", 1) == "seen"  # http and https are one page
    assert f.offer("http://jyj.f.gov.cn/", 1) == "scope"  # a department sub-domain is its own site
    assert f.offer("http://www.other.gov.cn/", 1) == "scope"
    assert f.offer("mailto:a@f.gov.cn", 1) == "scope"
    assert f.offer("http://www.f.gov.cn/a.html#part", 1) == "seen"
    assert f.offer("http://www.f.gov.cn/files/a.pdf", 1) == "not-html"
    assert _drain(f) == ["http://www.f.gov.cn/a.html"]


def test_budget_and_depth() -> None:
    f = Frontier(HOME, budget=3, max_depth=2)
    assert f.offer("http://www.f.gov.cn/deep.html", 3) == "depth"
    reasons = [f.offer(f"http://www.f.gov.cn/p{i}.html", 1) for i in range(5)]
    assert reasons == [None, None, None, "budget", "budget"]
    assert len(f) == 3 and f.admitted == 3


def test_repeated_segment_trap() -> None:
    f = Frontier(HOME, budget=100, max_depth=20)
    assert f.offer("http://www.f.gov.cn/xxgk/xxgk/index.html", 1) is None
    assert f.offer("http://www.f.gov.cn/xxgk/a/xxgk/b/xxgk/index.html", 1) == "trap"


def test_query_variant_trap() -> None:
    f = Frontier(HOME, budget=1000, max_depth=20, max_queries=10)
    reasons = [f.offer(f"http://www.f.gov.cn/search.jsp?q={i}", 1) for i in range(15)]
    assert reasons[:10] == [None] * 10 and set(reasons[10:]) == {"trap"}
    assert f.offer("http://www.f.gov.cn/other.jsp?q=1", 1) is None


def test_calendar_trap() -> None:
    f = Frontier(HOME, budget=1000, max_depth=50, max_calendar=4)
    reasons = [f.offer(f"http://www.f.gov.cn/cal.jsp?year=2024&month={m}", 1) for m in range(1, 9)]
    assert reasons[:4] == [None] * 4 and set(reasons[4:]) == {"trap"}
