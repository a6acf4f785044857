"""The 附件 workbook (.xlsx): 不合格网站, 全部网站得分, 问题明细; text cells are guarded against formula injection."""
from __future__ import annotations

from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import TYPE_STRING
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from .result import CampaignResult, SiteRecord
from .summary import level_name, outstanding_problems

EVIDENCE_LIMIT = 1000  # characters: enough to read, short of Excel's 32,767-character cell limit
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")

Row = list[Any]


def looks_like_formula(value: Any) -> bool:
    return isinstance(value, str) and value.startswith(FORMULA_STARTS)


def guard(cell: Any) -> None:
    """Keep text that starts like a formula as text: a string cell with Excel's quote prefix (like typing ')."""
    if looks_like_formula(cell.value):
        cell.data_type = TYPE_STRING
        cell.quotePrefix = True


def add_sheet(book: Workbook, title: str, headers: list[str], rows: list[Row], widths: list[int]) -> Worksheet:
    sheet = book.create_sheet(title)
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    for cell in sheet[1]:
        cell.font, cell.fill = Font(bold=True), HEADER_FILL
        cell.alignment = Alignment(horizontal="center", vertical="center")
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            guard(cell)
            cell.alignment = Alignment(vertical="top", wrap_text=True)
    for n, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(n)].width = width
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    return sheet


def failed_rows(result: CampaignResult) -> list[Row]:
    return [[n, s.name, s.id_code, s.url, s.region, outstanding_problems(s)]
            for n, s in enumerate(result.failed, start=1)]


def _score_row(n: int, s: SiteRecord) -> Row:
    return [n, s.name, s.id_code, s.url, s.region, level_name(s.level), s.verdict, s.score,
            "是" if s.vetoed else "否", s.deducted, len(s.problems), "、".join(s.pending_review)]


def score_rows(result: CampaignResult) -> list[Row]:
    return [_score_row(n, s) for n, s in enumerate(result.sites, start=1)]


def finding_rows(result: CampaignResult) -> list[Row]:
    """One row per finding, bonus findings included (their 扣分 cell shows the points as 加分)."""
    rows: list[Row] = []
    for s in result.sites:
        for f in s.findings:
            points = f.points if f.part == "deduct" else None
            rows.append([s.name, s.id_code, f.indicator, _description(f.title, f.part, f.needs_review),
                         f.url, f.evidence_text(EVIDENCE_LIMIT), points, f.confidence])
    return rows


def _description(title: str, part: str, needs_review: bool) -> str:
    kind = {"veto": "单项否决", "deduct": "扣分", "bonus": "加分", "info": "技术规范提示"}.get(part, part)
    return f"{title}（{kind}）" + ("，待人工核实" if needs_review else "")


def write_workbook(result: CampaignResult, path: Path) -> Path:
    """Write the attachment workbook to `path` and return it."""
    book = Workbook()
    if book.active is not None:
        book.remove(book.active)
    add_sheet(book, "不合格网站", ["序号", "网站名称", "网站标识码", "首页网址", "地区", "存在的突出问题"],
              failed_rows(result), [6, 30, 14, 34, 12, 60])
    add_sheet(book, "全部网站得分", ["序号", "网站名称", "网站标识码", "首页网址", "地区", "网站类别", "结论", "得分",
                                 "单项否决", "扣分", "问题数", "待人工核实指标"], score_rows(result),
              [6, 30, 14, 34, 12, 18, 8, 8, 10, 8, 8, 18])
    add_sheet(book, "问题明细", ["网站名称", "网站标识码", "指标", "问题描述", "页面地址", "证据", "扣分", "置信度"],
              finding_rows(result), [30, 14, 10, 36, 40, 80, 8, 8])
    path.parent.mkdir(parents=True, exist_ok=True)
    book.save(path)
    return path
