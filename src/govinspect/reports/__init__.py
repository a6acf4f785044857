"""Report writers, one module per format, all reading one campaign result (`CampaignResult`).

`write_reports` is what `govinspect report`, `inspect` and `demo` call:

1. read the results.json dict into a `CampaignResult` (result.py);
2. docx: the 通报 draft with its two attachment lists (notice.py, wording in templates/notice.toml);
3. xlsx: the attachment workbook (workbook.py);
4. pdf: one 检测报告 PDF per site under sites/ (pdf.py, WeasyPrint, from the site report's HTML);
5. html: one 检测报告 per site under sites/ (site_html.py), then index.html with the charts and links to
   every report and PDF (overview.py).

Evidence screenshots (screenshots.py, Playwright + chromium) are taken before, by the caller, and passed in
as a `ShotSet`: the site reports and their PDFs then show them.
"""
from __future__ import annotations

import warnings
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

from ..errors import GovInspectError
from .result import CampaignResult

if TYPE_CHECKING:
    from .screenshots import ShotSet

FORMATS = ("docx", "xlsx", "html", "pdf")
NOTICE_NAME, WORKBOOK_NAME = "通报.docx", "附件.xlsx"

__all__ = ["FORMATS", "CampaignResult", "ReportError", "ReportWarning", "write_reports"]


class ReportError(GovInspectError):
    """A report cannot be produced (a missing optional renderer, a browser that does not start)."""

    error_class = "report"


class ReportWarning(UserWarning):
    """A requested report part was skipped; the other formats were still written."""


def _warn(message: str) -> None:
    warnings.warn(message, ReportWarning, stacklevel=3)


def write_reports(result: dict[str, Any] | CampaignResult, out_dir: Path, formats: set[str],
                  issued: date | None = None, template: Path | None = None, shots: ShotSet | None = None,
                  warn: Callable[[str], None] = _warn) -> dict[str, list[Path]]:
    """Write the requested formats into out_dir; returns format → the files written (html: overview first).

    A format whose optional renderer is missing (pdf without WeasyPrint) is reported once through `warn`
    and skipped; the others are written.
    """
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
    if "pdf" in formats:  # before html: the overview links the PDFs written now
        written["pdf"] = _write_pdfs(data, out_dir, shots, warn)
    if "html" in formats:
        written["html"] = _write_html(data, out_dir, written, shots)
    return written


def _write_pdfs(data: CampaignResult, out_dir: Path, shots: ShotSet | None,
                warn: Callable[[str], None]) -> list[Path]:
    from .pdf import pdf_missing, write_site_pdfs

    missing = pdf_missing()
    if missing:
        warn(f"未生成 PDF 检测报告：{missing}；其他格式照常生成。")
        return []
    return write_site_pdfs(data, out_dir, shots)


def _write_html(data: CampaignResult, out_dir: Path, written: dict[str, list[Path]],
                shots: ShotSet | None) -> list[Path]:
    # Imported here: matplotlib is only loaded when charts are wanted.
    from .overview import FileLink, write_overview
    from .site_html import write_site_reports

    pages = write_site_reports(data, out_dir, shots)
    labels = {"docx": "通报（Word）", "xlsx": "附件（Excel）"}
    files = [FileLink(labels[k], p.name) for k in ("docx", "xlsx") for p in written.get(k, [])]
    overview = write_overview(data, pages, out_dir, files, pdfs=set(written.get("pdf", [])))
    return [overview, *(path for _, path in pages)]
