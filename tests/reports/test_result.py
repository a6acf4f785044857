"""CampaignResult.from_json: tolerant reading of results.json."""
from __future__ import annotations

from typing import Any

from govinspect.reports.result import CampaignResult, FindingRecord, SiteRecord


def test_reads_the_fixture(raw: dict[str, Any]) -> None:
    result = CampaignResult.from_json(raw)
    assert len(result.sites) == len(raw["sites"])
    assert sum(len(s.findings) for s in result.sites) == sum(len(s["findings"]) for s in raw["sites"])
    assert result.campaign.period == "2026年第四季度"
    assert result.previous is not None and result.previous.summary["blank_columns_per_site"] == 3.5
    assert len(result.failed) == sum(1 for s in raw["sites"] if s["verdict"] == "不合格")


def test_missing_optional_keys_get_defaults() -> None:
    result = CampaignResult.from_json({"sites": [{"name": "某网站", "findings": [{"indicator": "W-V2"}]}]})
    site = result.sites[0]
    assert result.campaign.rectify_working_days == 15 and result.campaign.scope == "全覆盖"
    assert result.inspected == 1 and result.registered == 1 and result.previous is None
    assert site.verdict == "不合格" and site.region == "未注明地区"
    finding = site.findings[0]
    assert (finding.title, finding.part, finding.confidence) == ("站点无法访问", "veto", 1.0)


def test_unknown_indicator_keeps_its_own_title() -> None:
    finding = FindingRecord.from_json({"indicator": "X-NEW", "title": "新指标", "part": "deduct", "points": "2"})
    assert (finding.title, finding.family, finding.points) == ("新指标", "其他", 2.0)


def test_evidence_text_is_compact_json_and_cut() -> None:
    finding = FindingRecord.from_json({"indicator": "W-D4.4", "evidence": {"a": [1, 2], "b": "中文"}})
    assert finding.evidence_text() == '{"a":[1,2],"b":"中文"}'
    long = FindingRecord.from_json({"indicator": "W-D4.4", "evidence": "x" * 5000})
    assert len(long.evidence_text(100)) == 100 and long.evidence_text(100).endswith("…")


def test_deducted_prefers_the_capped_arithmetic() -> None:
    findings = [{"indicator": "W-D1.8", "part": "deduct", "points": 3}, {"indicator": "W-D1.8", "part": "deduct", "points": 3}]
    capped = SiteRecord.from_json({"findings": findings, "arithmetic": ["第二部分得分 = 100 − 4 = 96"]})
    uncapped = SiteRecord.from_json({"findings": findings})
    assert (capped.deducted, uncapped.deducted) == (4.0, 6.0)
    assert SiteRecord.from_json({"vetoed": True, "findings": findings}).deducted is None


def test_previous_may_be_a_full_result() -> None:
    previous = {"campaign": {"period": "上期"}, "sites": [{"name": "a", "verdict": "合格"}]}
    result = CampaignResult.from_json({"campaign": {"previous": previous}, "sites": []})
    assert result.previous is not None and result.previous.campaign.period == "上期"
    assert len(result.previous.sites) == 1
