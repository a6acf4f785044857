"""The good_/bad_ page cases of tests/security/cases, run by one parametrised test (like pylint's)."""
from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from govinspect.extract.security import scan_html

CASES = Path(__file__).resolve().parent / "cases"
URL = "http://www.example.gov.cn/art/2024/3/5/art_1_1.html"


def _expected(page: Path) -> dict:
    return json.loads(page.with_name(page.name.removesuffix(".html") + ".expected.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("page", sorted(CASES.glob("bad_*.html")), ids=lambda p: p.stem)
def test_bad_page_yields_expected_indicators(page: Path) -> None:
    expected = _expected(page)
    as_of = date.fromisoformat(expected["as_of"]) if "as_of" in expected else None
    findings = scan_html(page.read_text(encoding="utf-8"), URL, as_of=as_of)
    assert sorted({f.indicator for f in findings}) == sorted(expected["indicators"]), [f.evidence for f in findings]
    for f in findings:
        assert any("\u4e00" <= ch <= "\u9fff" for ch in f.evidence["说明"])  # a readable Chinese reason
        assert f.points is None and 0 <= f.confidence <= 1
        strong = not f.needs_review and f.confidence >= 0.9
        assert strong == expected["strong"], (f.evidence, f.confidence, f.needs_review)


@pytest.mark.parametrize("page", sorted(CASES.glob("good_*.html")), ids=lambda p: p.stem)
def test_good_page_yields_nothing(page: Path) -> None:
    findings = scan_html(page.read_text(encoding="utf-8"), URL, as_of=date(2026, 11, 23))
    if page.stem == "good_future_date_without_t":
        findings = scan_html(page.read_text(encoding="utf-8"), URL)
    assert findings == [], [f.evidence for f in findings]


def test_every_bad_case_has_its_expectation() -> None:
    for page in CASES.glob("bad_*.html"):
        assert _expected(page)["indicators"], page.name
