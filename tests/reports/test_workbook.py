"""The attachment workbook read back with openpyxl."""
from __future__ import annotations

from pathlib import Path
from typing import Any

import openpyxl
import pytest
from openpyxl.workbook.workbook import Workbook

from govinspect.reports.result import CampaignResult
from govinspect.reports.workbook import EVIDENCE_LIMIT, write_workbook


@pytest.fixture(scope="module")
def book(written: dict[str, list[Path]]) -> Workbook:
    return openpyxl.load_workbook(written["xlsx"][0])


def _rows(book: Workbook, sheet: str) -> list[tuple[Any, ...]]:
    return [r for r in book[sheet].iter_rows(min_row=2, values_only=True) if any(v is not None for v in r)]


def test_sheets_headers_and_layout(book: Workbook) -> None:
    assert book.sheetnames == ["不合格网站", "全部网站得分", "问题明细"]
    details = book["问题明细"]
    assert [c.value for c in details[1]] == ["网站名称", "网站标识码", "指标", "问题描述", "页面地址", "证据", "扣分", "置信度"]
    for sheet in book.worksheets:
        assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref
        assert sheet.column_dimensions["B"].width >= 14


def test_details_are_one_row_per_finding(book: Workbook, raw_result: dict[str, Any]) -> None:
    expected = [(s["name"], s["id_code"], f["indicator"]) for s in raw_result["sites"] for f in s["findings"]]
    assert [r[:3] for r in _rows(book, "问题明细")] == expected


def test_failed_and_score_sheets(book: Workbook, raw_result: dict[str, Any]) -> None:
    failed = [s["id_code"] for s in raw_result["sites"] if s["verdict"] == "不合格"]
    assert [r[2] for r in _rows(book, "不合格网站")] == failed
    scores = _rows(book, "全部网站得分")
    assert [(r[2], r[6], r[7]) for r in scores] == [(s["id_code"], s["verdict"], s["score"]) for s in raw_result["sites"]]


def test_evidence_is_compact_text(book: Workbook) -> None:
    evidence = {r[0]: r[5] for r in _rows(book, "问题明细") if r[2] == "W-D1.4"}
    assert evidence["绥德县卫生健康局"].startswith('{"column":"工作动态","newest":"2026-09-30"')


def test_formula_like_text_stays_text(book: Workbook) -> None:
    risky = [c for row in book["问题明细"].iter_rows(min_row=2) for c in row
             if isinstance(c.value, str) and c.value[:1] in "=+-@"]
    assert len(risky) >= 4
    assert all(c.data_type == "s" and c.quotePrefix for c in risky)
    assert risky[0].value.startswith('=HYPERLINK(')  # shown as written, not altered
    assert not [c for s in book.worksheets for row in s.iter_rows() for c in row if c.data_type == "f"]


def test_long_evidence_is_cut(raw: dict[str, Any], tmp_path: Path) -> None:
    raw["sites"][0]["findings"][0]["evidence"] = {"text": "长" * 50_000}
    book = openpyxl.load_workbook(write_workbook(CampaignResult.from_json(raw), tmp_path / "a.xlsx"))
    cell = book["问题明细"]["F2"].value
    assert len(cell) == EVIDENCE_LIMIT and cell.endswith("…")
