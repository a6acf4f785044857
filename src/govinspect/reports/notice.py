"""The 通报 draft as .docx in the GB/T 9704 layout (A4, 仿宋_GB2312 3号 body, 22 lines × 28 characters)."""
from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from docx import Document
from docx.document import Document as DocumentType
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.table import Table
from docx.text.paragraph import Paragraph as DocxParagraph
from docx.text.run import Run

from .notice_text import Paragraph, base_values, body_paragraphs, load_template, render
from .result import CampaignResult, SiteRecord
from .summary import number, outstanding_problems

TITLE_FONT, BODY_FONT, H1_FONT, H2_FONT, PAGE_FONT = "方正小标宋简体", "仿宋_GB2312", "黑体", "楷体_GB2312", "宋体"
TITLE_PT, BODY_PT, TABLE_PT, PAGE_PT = 22, 16, 12, 14
# GB/T 9704: 225 mm type area / 22 lines ≈ 28.9 pt per line, 28 characters of 16 pt per 156 mm line.
LINE_PT = 28.9
INDENT = Pt(BODY_PT * 2)  # first-line indent of two characters
ROLE_FONTS = {"heading1": H1_FONT, "heading2": H2_FONT, "body": BODY_FONT}


def set_font(run: Run, font: str, size: float, bold: bool = False) -> None:
    """Set the Latin and the East Asian font (w:eastAsia), which Word and WPS use for Chinese text."""
    run.font.name = font
    run.font.size = Pt(size)
    run.font.bold = bold
    rpr = run._element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), font)


def exact_spacing(paragraph: DocxParagraph, points: float = LINE_PT) -> None:
    fmt = paragraph.paragraph_format
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = Pt(points)
    fmt.space_before = fmt.space_after = Pt(0)


def add_text(doc: DocumentType, text: str, font: str = BODY_FONT, size: float = BODY_PT,
             align: WD_ALIGN_PARAGRAPH | None = None, indent: bool = True) -> DocxParagraph:
    paragraph = doc.add_paragraph()
    exact_spacing(paragraph)
    if align is not None:
        paragraph.alignment = align
    if indent:
        paragraph.paragraph_format.first_line_indent = INDENT
    set_font(paragraph.add_run(text), font, size)
    return paragraph


def setup_page(doc: DocumentType) -> None:
    """A4 portrait with the standard margins, body style and odd/even page numbers."""
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    section.footer_distance = Mm(28) - Pt(PAGE_PT)  # the page number sits 7 mm below the type area
    normal = doc.styles["Normal"]
    normal.font.name, normal.font.size = BODY_FONT, Pt(BODY_PT)
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), BODY_FONT)
    doc.settings.odd_and_even_pages_header_footer = True
    page_number(section.footer.paragraphs[0], WD_ALIGN_PARAGRAPH.RIGHT)
    page_number(section.even_page_footer.paragraphs[0], WD_ALIGN_PARAGRAPH.LEFT)


def _field_part(paragraph: DocxParagraph, tag: str, kind: str = "", text: str = "") -> None:
    run = paragraph.add_run()
    set_font(run, PAGE_FONT, PAGE_PT)
    element = OxmlElement(tag)
    if kind:
        element.set(qn("w:fldCharType"), kind)
    if text:
        element.set(qn("xml:space"), "preserve")
        element.text = text
    run._element.append(element)


def _field(paragraph: DocxParagraph, instruction: str) -> None:
    """A Word field (here PAGE): begin, instruction, separate, placeholder result, end; Word/WPS update it."""
    _field_part(paragraph, "w:fldChar", "begin")
    _field_part(paragraph, "w:instrText", text=f" {instruction} ")
    _field_part(paragraph, "w:fldChar", "separate")
    _field_part(paragraph, "w:t", text="1")
    _field_part(paragraph, "w:fldChar", "end")


def page_number(paragraph: DocxParagraph, align: WD_ALIGN_PARAGRAPH) -> None:
    """'— 1 —' in 4号 宋体; odd pages right and even pages left, one character in from the edge."""
    paragraph.alignment = align
    fmt = paragraph.paragraph_format
    fmt.right_indent = Pt(PAGE_PT) if align == WD_ALIGN_PARAGRAPH.RIGHT else None
    fmt.left_indent = Pt(PAGE_PT) if align == WD_ALIGN_PARAGRAPH.LEFT else None
    set_font(paragraph.add_run("— "), PAGE_FONT, PAGE_PT)
    _field(paragraph, "PAGE")
    set_font(paragraph.add_run(" —"), PAGE_FONT, PAGE_PT)


def add_body(doc: DocumentType, paragraphs: list[Paragraph]) -> None:
    for p in paragraphs:
        if p.role == "lead":
            paragraph = add_text(doc, "")
            set_font(paragraph.add_run(p.lead), H2_FONT, BODY_PT)
            set_font(paragraph.add_run(p.text), BODY_FONT, BODY_PT)
        else:
            add_text(doc, p.text, ROLE_FONTS.get(p.role, BODY_FONT))


def add_table(doc: DocumentType, headers: list[str], rows: list[list[str]], widths_mm: list[float]) -> Table:
    table = doc.add_table(rows=1, cols=len(headers))
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for column, width in zip(table.columns, widths_mm):
        column.width = Mm(width)  # the grid widths, which LibreOffice and WPS follow
    for cells, bold in ((headers, True), *((r, False) for r in rows)):
        row = table.rows[0] if bold else table.add_row()
        for cell, text, width in zip(row.cells, cells, widths_mm):
            cell.width = Mm(width)
            paragraph = cell.paragraphs[0]
            exact_spacing(paragraph, TABLE_PT * 1.5)
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER if bold or len(text) < 12 else WD_ALIGN_PARAGRAPH.LEFT
            set_font(paragraph.add_run(text), H1_FONT if bold else BODY_FONT, TABLE_PT)
    return table


def failed_rows(result: CampaignResult) -> list[list[str]]:
    return [[str(n), s.name, s.id_code, outstanding_problems(s)] for n, s in enumerate(result.failed, start=1)]


def _problem_list(site: SiteRecord) -> str:
    titles: list[str] = []
    for f in site.problems:
        label = f.title + ("(待人工核实)" if f.needs_review else "")
        if label not in titles:
            titles.append(label)
    return "、".join(titles)


def problem_rows(result: CampaignResult) -> list[list[str]]:
    """附件2: every site with a problem finding, with its part-2 deduction (or 单项否决)."""
    sites = [s for s in result.sites if s.problems]
    return [[str(n), s.name, s.id_code, _problem_list(s), "单项否决" if s.vetoed else number(s.deducted)]
            for n, s in enumerate(sites, start=1)]


def add_attachment(doc: DocumentType, label: str, title: str, headers: list[str], rows: list[list[str]],
                   widths: list[float]) -> None:
    add_text(doc, label, H1_FONT, indent=False).paragraph_format.page_break_before = True
    add_text(doc, "", indent=False)
    add_text(doc, title, TITLE_FONT, TITLE_PT, WD_ALIGN_PARAGRAPH.CENTER, indent=False)
    add_text(doc, "", indent=False)
    add_table(doc, headers, rows, widths)


def add_head(doc: DocumentType, t: dict[str, Any], values: dict[str, Any]) -> None:
    if values["campaign"].doc_number:
        add_text(doc, values["campaign"].doc_number, align=WD_ALIGN_PARAGRAPH.CENTER, indent=False)
        add_text(doc, "", indent=False)
    add_text(doc, render(t["title"], values), TITLE_FONT, TITLE_PT, WD_ALIGN_PARAGRAPH.CENTER, indent=False)
    add_text(doc, "", indent=False)
    if values["campaign"].addressees:
        add_text(doc, render(t["salutation"], values), indent=False)
    add_text(doc, render(t["intro"], values))


def add_tail(doc: DocumentType, t: dict[str, Any], values: dict[str, Any]) -> None:
    add_text(doc, "")
    titles = [render(t["attachment1_title"], values), render(t["attachment2_title"], values)]
    add_text(doc, f"{render(t['attachments_label'], values)}1.{titles[0]}")
    add_text(doc, f"2.{titles[1]}").paragraph_format.first_line_indent = Pt(BODY_PT * 5)
    add_text(doc, "")
    add_text(doc, "")
    for line in (values["campaign"].office, values["issued"]):
        add_text(doc, line, align=WD_ALIGN_PARAGRAPH.RIGHT, indent=False).paragraph_format.right_indent = Pt(BODY_PT * 4)


def write_notice(result: CampaignResult, path: Path, issued: date | None = None,
                 template: Path | None = None) -> Path:
    """Write the 通报 draft to `path` and return it."""
    t = load_template(template)
    values = base_values(result, issued or result.campaign.issued or date.today())
    doc = Document()
    setup_page(doc)
    add_head(doc, t, values)
    add_body(doc, body_paragraphs(result, t, values))
    add_tail(doc, t, values)
    add_attachment(doc, "附件1", render(t["attachment1_title"], values),
                   ["序号", "网站名称", "网站标识码", "存在的突出问题"], failed_rows(result), [13, 47, 32, 64])
    add_attachment(doc, "附件2", render(t["attachment2_title"], values),
                   ["序号", "网站名称", "网站标识码", "存在的问题", "扣分"], problem_rows(result), [13, 38, 32, 52, 21])
    path.parent.mkdir(parents=True, exist_ok=True)
    doc.save(str(path))
    return path
