"""The reports of a real campaign read back: the notice's attachment lists the 不合格 sites of results.json,
the workbook has one row per finding, every site report exists."""
from __future__ import annotations

from pathlib import Path

import pytest
from docx import Document
from openpyxl import load_workbook

from govinspect.reports import write_reports
from govinspect.runner import InspectOutcome


@pytest.fixture(scope="module")
def written(inspected: InspectOutcome, tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[Path]]:
    return write_reports(inspected.results, tmp_path_factory.mktemp("reports"), {"docx", "xlsx", "html"})


def test_notice_counts_and_attachment(inspected: InspectOutcome, written: dict[str, list[Path]]) -> None:
    sites = inspected.results["sites"]
    failed = [s for s in sites if s["verdict"] == "不合格"]
    doc = Document(str(written["docx"][0]))
    text = "\n".join(p.text for p in doc.paragraphs)
    for heading in ("一、总体情况", "二、存在的主要问题", "三、工作要求"):
        assert heading in text
    rate = f"{(len(sites) - len(failed)) / len(sites):.1%}"
    assert f"共检查{len(sites)}个" in text.replace(" ", "") and rate in text
    table = doc.tables[0]
    codes = [row.cells[2].text for row in table.rows[1:]]
    assert sorted(codes) == sorted(s["id_code"] for s in failed)


def test_workbook_has_one_row_per_finding(inspected: InspectOutcome, written: dict[str, list[Path]]) -> None:
    sheet = load_workbook(written["xlsx"][0])["问题明细"]
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    assert len(rows) == sum(len(s["findings"]) for s in inspected.results["sites"])


def test_every_site_has_a_report(inspected: InspectOutcome, written: dict[str, list[Path]]) -> None:
    names = {p.stem for p in written["html"][1:]}
    assert names == {s["id_code"] for s in inspected.results["sites"]}
