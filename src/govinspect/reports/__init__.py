"""Report writers, one module per format, all reading one campaign result (`CampaignResult`).

`write_reports` is what `govinspect report` and `govinspect demo` call:

1. read the results.json dict into a `CampaignResult` (result.py);
2. docx: the 通报 draft with its two attachment lists (notice.py, wording in templates/notice.toml);
3. xlsx: the attachment workbook (workbook.py);
4. html: one 检测报告 per site under sites/ (site_html.py), then index.html with the charts (overview.py).
"""
from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from .result import CampaignResult

FORMATS = ("docx", "xlsx", "html")
NOTICE_NAME, WORKBOOK_NAME = "通报.docx", "附件.xlsx"

__all__ = ["FORMATS", "CampaignResult", "write_reports"]


def write_reports(result: dict[str, Any] | CampaignResult, out_dir: Path, formats: set[str],
                  issued: date | None = None, template: Path | None = None) -> dict[str, list[Path]]:
    """Write the requested formats into out_dir; returns format → the files written (html: overview first)."""
    from .notice import write_notice
    from .workbook import write_workbook

    unknown = set(formats) - set(FORMATS)
    if unknown:
        raise ValueError(f"unknown report formats: {sorted(unknown)} (use {', '.join(FORMATS)})")
    data = result if isinstance(result, CampaignResult) else CampaignResult.from_json(result)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    written: dict[str, list[Path]] = {}
    if "docx" in formats:
        written["docx"] = [write_notice(data, out_dir / NOTICE_NAME, issued, template)]
    if "xlsx" in formats:
        written["xlsx"] = [write_workbook(data, out_dir / WORKBOOK_NAME)]
    if "html" in formats:
        written["html"] = _write_html(data, out_dir, written)
    return written


def _write_html(data: CampaignResult, out_dir: Path, written: dict[str, list[Path]]) -> list[Path]:
    # Imported here: matplotlib is only loaded when charts are wanted.
    from .overview import FileLink, write_overview
    from .site_html import write_site_reports

    pages = write_site_reports(data, out_dir)
    labels = {"docx": "通报（Word）", "xlsx": "附件（Excel）"}
    files = [FileLink(labels[k], p.name) for k in ("docx", "xlsx") for p in written.get(k, [])]
    overview = write_overview(data, pages, out_dir, files)
    return [overview, *(path for _, path in pages)]
