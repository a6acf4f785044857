"""The 通报 .docx read back with python-docx: wording, counts, attachment tables and the GB/T 9704 layout."""
from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import docx
import pytest
from docx.document import Document as DocumentType
from docx.enum.text import WD_LINE_SPACING
from docx.oxml.ns import qn
from docx.shared import Pt
from jinja2.exceptions import SecurityError, UndefinedError

from govinspect.reports.notice import write_notice
from govinspect.reports.notice_text import render
from govinspect.reports.result import CampaignResult


def _notice(raw: dict[str, Any], tmp_path: Path, **kw: Any) -> DocumentType:
    path = write_notice(CampaignResult.from_json(raw), tmp_path / "n.docx", **kw)
    return docx.Document(str(path))


def _text(doc: DocumentType) -> str:
    return "\n".join(p.text for p in doc.paragraphs)


def _east_asia(run: Any) -> str | None:
    return run._element.rPr.rFonts.get(qn("w:eastAsia"))


@pytest.fixture(scope="module")
def notice(written: dict[str, list[Path]]) -> DocumentType:
    return docx.Document(str(written["docx"][0]))


def test_title_doc_number_and_addressees(notice: DocumentType, raw_result: dict[str, Any]) -> None:
    campaign = raw_result["campaign"]
    texts = [p.text for p in notice.paragraphs if p.text]
    assert texts[0] == campaign["doc_number"]
    assert texts[1] == f"关于{campaign['name']}情况的通报" and campaign["period"] in texts[1]
    assert texts[2] == campaign["addressees"] + "："


def test_three_sections_in_order(notice: DocumentType) -> None:
    text = _text(notice)
    positions = [text.index(h) for h in ("一、总体情况", "二、存在的主要问题", "三、工作要求")]
    assert positions == sorted(positions)


def test_counts_and_pass_rate(notice: DocumentType, raw_result: dict[str, Any]) -> None:
    sites = raw_result["sites"]
    passed = sum(1 for s in sites if s["verdict"] == "合格")
    rate = f"{100 * passed / len(sites):.1f}%"
    assert f"共检查{len(sites)}个网站" in _text(notice)
    assert f"合格{passed}个，不合格{len(sites) - passed}个，总体合格率为{rate}" in _text(notice)


def test_regions_at_full_pass_rate_are_named(notice: DocumentType) -> None:
    assert "靖边县100%（2/2）" in _text(notice) and "靖边县政府网站检查合格率为100%" in _text(notice)
    assert "县级政府门户网站3个，合格1个，合格率33.3%" in _text(notice)


def test_comparison_with_previous_period(notice: DocumentType) -> None:
    assert "与2026年第三季度相比，空白栏目数由上期平均每网站3.5个降至" in _text(notice)


def test_problems_name_sites_and_mark_review(notice: DocumentType) -> None:
    text = _text(notice)
    assert "（一）单项否决方面" in text and "站点无法访问：“榆林市审计局”" in text
    assert "安全攻击未及时有效处置：“绥德县人民政府”（待人工核实）" in text
    assert "链接可用性：" in text and "“靖边县财政局”（待人工核实）" in text


def test_deadline_in_working_days(notice: DocumentType) -> None:
    assert "并于2026年12月21日前（15个工作日内）" in _text(notice)  # issued 2026-11-30
    texts = [p.text for p in notice.paragraphs]
    signature = texts.index("榆林市人民政府办公室")
    assert texts[signature + 1] == "2026年11月30日" and texts.index("附件1") > signature


def test_attachment_1_rows_are_the_failed_sites(notice: DocumentType, raw_result: dict[str, Any]) -> None:
    table = notice.tables[0]
    assert [c.text for c in table.rows[0].cells] == ["序号", "网站名称", "网站标识码", "存在的突出问题"]
    rows = [[c.text for c in r.cells] for r in table.rows[1:]]
    failed = [s for s in raw_result["sites"] if s["verdict"] == "不合格"]
    assert [(r[0], r[1], r[2]) for r in rows] == [(str(n), s["name"], s["id_code"]) for n, s in enumerate(failed, 1)]
    assert rows[0][3] == "未提供办事服务" and rows[2][3].startswith("扣分指标得分55分，低于60分")


def test_attachment_2_lists_deductions(notice: DocumentType, raw_result: dict[str, Any]) -> None:
    rows = [[c.text for c in r.cells] for r in notice.tables[1].rows]
    assert rows[0] == ["序号", "网站名称", "网站标识码", "存在的问题", "扣分"]
    with_problems = [s for s in raw_result["sites"] if any(f["part"] != "bonus" for f in s["findings"])]
    assert [r[1] for r in rows[1:]] == [s["name"] for s in with_problems]
    by_name = {r[1]: r[4] for r in rows[1:]}
    assert (by_name["米脂县教育局"], by_name["靖边县财政局"], by_name["米脂县人民政府"]) == ("3", "1.5", "单项否决")


def test_page_layout(notice: DocumentType) -> None:
    section = notice.sections[0]
    sizes = (section.page_width, section.page_height, section.top_margin, section.bottom_margin,
             section.left_margin, section.right_margin)
    assert [round(v.mm, 1) for v in sizes] == [210, 297, 37, 35, 28, 26]  # stored in twips
    body = [p for p in notice.paragraphs if p.text.startswith("为持续推动")][0]
    assert body.paragraph_format.line_spacing_rule == WD_LINE_SPACING.EXACTLY
    assert body.paragraph_format.line_spacing == Pt(28.9)
    assert body.runs[0].font.size == Pt(16) and _east_asia(body.runs[0]) == "仿宋_GB2312"


def test_fonts_of_title_and_headings(notice: DocumentType) -> None:
    by_text = {p.text: p for p in notice.paragraphs}
    title = [p for t, p in by_text.items() if t.endswith("情况的通报")][0]
    assert title.alignment == 1 and title.runs[0].font.size == Pt(22) and _east_asia(title.runs[0]) == "方正小标宋简体"
    assert _east_asia(by_text["一、总体情况"].runs[0]) == "黑体"
    assert _east_asia(by_text["（一）分地区情况"].runs[0]) == "楷体_GB2312"


def test_footer_page_number_field(notice: DocumentType) -> None:
    assert notice.settings.odd_and_even_pages_header_footer
    for footer in (notice.sections[0].footer, notice.sections[0].even_page_footer):
        xml = footer._element.xml
        assert "PAGE" in xml and 'w:fldCharType="begin"' in xml and 'w:fldCharType="end"' in xml
        assert footer.paragraphs[0].text.startswith("— ") and footer.paragraphs[0].text.endswith(" —")


def test_title_names_the_period_even_when_the_name_does_not(raw: dict[str, Any], tmp_path: Path) -> None:
    raw["campaign"]["name"] = "全市政府网站检查"
    assert "关于2026年第四季度全市政府网站检查情况的通报" in _text(_notice(raw, tmp_path))


def test_sampled_campaign_states_the_share(raw: dict[str, Any], tmp_path: Path) -> None:
    raw["campaign"].update(scope="抽查", sample_share=0.3, seed=7, sites_registered=40)
    text = _text(_notice(raw, tmp_path))
    assert "纳入全国政府网站信息报送系统的40个政府网站" in text
    assert "本次按照30%的比例随机抽查12个网站（随机种子7" in text


def test_page_content_is_never_a_template(raw: dict[str, Any], tmp_path: Path) -> None:
    raw["sites"][0]["name"] = "{{ 7*7 }}{% if true %}注入{% endif %}"
    doc = _notice(raw, tmp_path)
    text = _text(doc) + "".join(c.text for t in doc.tables for r in t.rows for c in r.cells)
    assert "“{{ 7*7 }}{% if true %}注入{% endif %}”" in text
    assert "49" not in text


def test_office_template_is_used(raw: dict[str, Any], tmp_path: Path) -> None:
    from govinspect.reports.notice_text import load_template

    wording = (Path(__file__).resolve().parents[2] / "src/govinspect/reports/templates/notice.toml").read_text("utf-8")
    custom = tmp_path / "mine.toml"
    custom.write_text(wording.replace("\ntitle = '关于", "\ntitle = '本办关于"), encoding="utf-8")
    assert load_template(custom)["title"].startswith("本办关于")
    doc = _notice(raw, tmp_path, template=custom, issued=date(2026, 9, 30))
    assert "本办关于2026年第四季度全市政府网站检查情况的通报" in _text(doc)
    assert "并于2026年10月27日前" in _text(doc)  # 15 working days across the National Day holiday


def test_templates_are_sandboxed() -> None:
    with pytest.raises((SecurityError, UndefinedError)):
        render("{{ ''.__class__.__mro__[1].__subclasses__() }}", {})
