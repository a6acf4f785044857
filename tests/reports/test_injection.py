"""Untrusted page text (<script>, {{ 7*7 }}) is shown as text in every format, never run or evaluated."""
from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

import openpyxl

SCRIPT, TEMPLATE = "<script>alert(1)</script>", "{{ 7*7 }}"


def test_workbook_keeps_the_text(written: dict[str, list[Path]]) -> None:
    sheet = openpyxl.load_workbook(written["xlsx"][0])["问题明细"]
    evidence = [r[5] for r in sheet.iter_rows(min_row=2, values_only=True) if r[1] == "6108260001"]
    assert any(SCRIPT in e for e in evidence) and any(TEMPLATE in e for e in evidence)
    assert not any("49" in e for e in evidence)


def test_html_escapes_everywhere(written: dict[str, list[Path]]) -> None:
    for page in written["html"]:
        html = page.read_text(encoding="utf-8")
        assert SCRIPT not in html
        assert "alert(1)" not in html or "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_docx_has_no_evaluated_template(written: dict[str, list[Path]], raw_result: dict[str, Any]) -> None:
    with zipfile.ZipFile(written["docx"][0]) as archive:
        xml = archive.read("word/document.xml").decode("utf-8")
    assert "<script>" not in xml
    names = "".join(s["name"] for s in raw_result["sites"])
    assert "49" not in xml.replace(names, "")
