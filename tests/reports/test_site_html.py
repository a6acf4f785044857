"""Per-site 检测报告: escaping, highlighting, links, dates and probe logs."""
from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

from govinspect.reports.result import CampaignResult, FindingRecord
from govinspect.reports.site_html import finding_view, highlight, render_site, safe_href


def _pages(written: dict[str, list[Path]]) -> dict[str, str]:
    return {p.stem: p.read_text(encoding="utf-8") for p in written["html"][1:]}


def test_one_report_per_site(written: dict[str, list[Path]], raw_result: dict[str, Any]) -> None:
    pages = _pages(written)
    assert sorted(pages) == sorted(s["id_code"] for s in raw_result["sites"])
    for site in raw_result["sites"]:
        page = pages[site["id_code"]]
        assert site["name"] in page and site["verdict"] in page and 'href="../index.html"' in page


def test_scoring_arithmetic_is_shown(written: dict[str, list[Path]]) -> None:
    page = _pages(written)["6108260002"]
    assert "第二部分得分 = 100 − 45 = 55" in page and "第二部分得分 55 &lt; 60：不合格" in page


def test_script_and_template_text_are_shown_as_text(written: dict[str, list[Path]]) -> None:
    page = _pages(written)["6108260001"]
    assert "<script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "{{ 7*7 }}" in page and "49" not in page


def test_highlight_escapes_first_then_marks() -> None:
    assert str(highlight("<b>链接</b> 澳门赌场", "澳门赌场")) == "&lt;b&gt;链接&lt;/b&gt; <mark>澳门赌场</mark>"
    assert str(highlight("a <i> b", "<i>")) == "a <mark>&lt;i&gt;</mark> b"
    assert str(highlight("plain", None)) == "plain"


def test_only_http_links_are_links(raw: dict[str, Any]) -> None:
    raw["sites"][0]["findings"][0]["url"] = "javascript:alert(1)"
    result = CampaignResult.from_json(raw)
    page = render_site(result, result.sites[0])
    assert 'href="javascript' not in page and "javascript:alert(1)" in page
    assert safe_href("https://a.gov.cn/") == "https://a.gov.cn/" and safe_href(" JavaScript:x") is None
    assert 'rel="noopener noreferrer"' in page


def test_dates_against_the_monitoring_point() -> None:
    f = FindingRecord.from_json({"indicator": "W-D1.4", "evidence": {"column": "工作动态", "newest": "2026-09-30"}})
    view = finding_view(f, datetime(2026, 11, 23))
    assert [(d.label, d.gap) for d in view.dates] == [("newest", "早于监测时间点 54 天")]
    assert view.pairs == [("column", "工作动态")]


def test_probe_log_extract(written: dict[str, list[Path]]) -> None:
    page = _pages(written)["6108000005"]
    assert "探测记录（前 3 条）" in page and "2026-11-17T04:22:00" in page and "502" in page


def test_link_detail_is_listed(written: dict[str, list[Path]]) -> None:
    page = _pages(written)["6108270002"]
    assert "detail.target" in page and "https://jyj.mizhi.gov.cn/old/index.html" in page


def test_columns_table_shows_item_counts(raw: dict[str, Any]) -> None:
    raw["sites"][0]["stats"]["column_list"] = [{"name": "通知公告", "url": "http://a.gov.cn/tzgg/", "class": "notice",
                                                "level": 1, "items": 17, "newest": "2026-11-20"}]
    result = CampaignResult.from_json(raw)
    page = render_site(result, result.sites[0])
    assert "<td>17</td>" in page and "built-in method" not in page and "<td>通知公告</td>" in page
