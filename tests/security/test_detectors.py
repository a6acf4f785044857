"""Unit tests of single detectors and of the helper contracts other rooms call."""
from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from selectolax.lexbor import LexborHTMLParser

from govinspect.extract.cloaking import cloaking_signals
from govinspect.extract.lexicon import LEXICON_DIR, Lexicon
from govinspect.extract.personal import id_check_char, mask, personal_findings, valid_id_number
from govinspect.extract.hidden import hidden_elements
from govinspect.extract.security import page_signals, spam_page
from govinspect.extract.view import build_view
from govinspect.extract.wording import date_disagreements, place_names
from govinspect.models import Link, ListItem, PageFacts

URL = "http://www.mizhi.gov.cn/art/1.html"


def _lexicon_with_divisions(tmp_path: Path) -> Lexicon:
    rows = ["610000\t陕西省\t", "610800\t榆林市\t610000", "610827\t米脂县\t610800", "610600\t延安市\t610000",
            "610602\t宝塔区\t610600", "140100\t太原市\t140000", "140105\t小店区\t140100"]
    table = tmp_path / "divisions.tsv"
    table.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return Lexicon.from_folder(LEXICON_DIR, table)


def _places(html: str, lexicon: Lexicon) -> list[str]:
    tree = LexborHTMLParser(f"<html><body><p>{html}</p></body></html>")
    view = build_view(tree, URL, PageFacts(URL, 200, "utf-8", None), lexicon)
    return [f.evidence["错误写法"] for f in place_names(view)]


def test_county_under_the_wrong_province_or_city(tmp_path: Path) -> None:
    lexicon = _lexicon_with_divisions(tmp_path)
    assert _places("山西省米脂县人民政府", lexicon) == ["山西省米脂县"]
    assert _places("延安市米脂县", lexicon) == ["延安市米脂县"]
    assert _places("陕西省米脂县、陕西省榆林市米脂县、榆林市、延安市宝塔区", lexicon) == []


def test_districts_are_checked_only_where_the_table_covers_the_province(tmp_path: Path) -> None:
    lexicon = _lexicon_with_divisions(tmp_path)
    assert _places("河北省宝塔区", lexicon) == []  # 河北 not covered, and district names repeat nationwide
    assert _places("陕西省小店区", lexicon) == ["陕西省小店区"]  # 陕西 covered: 小店区 is not there


def test_place_check_degrades_without_a_table() -> None:
    assert _places("山西省米脂县", Lexicon.from_folder(LEXICON_DIR, Path("/nonexistent/divisions.tsv"))) == []


def test_id_numbers_checksum_birth_date_and_mask() -> None:
    assert id_check_char("11010519491231002") == "X"
    assert valid_id_number("11010519491231002X")
    assert not valid_id_number("110105194912310021")  # wrong check character
    assert not valid_id_number("110105194913310028")  # month 13
    assert not valid_id_number("990105194912310020")  # no such province
    assert mask("11010519491231002X") == "1101**********002X"


def test_personal_findings_mask_evidence_and_skip_long_digit_runs() -> None:
    text = "张某 11010519491231002X，电话13912345678；订单号 913912345678123；监督电话：13800000000"
    findings = personal_findings(text, URL)
    assert [f.detail["kind"] for f in findings] == ["id-number", "mobile"]
    assert "11010519491231002X" not in str([f.evidence for f in findings])
    assert "13912345678" not in str([f.evidence for f in findings])


def test_date_disagreements_between_list_and_article() -> None:
    items = [ListItem("通知一", "http://a.gov.cn/1.html", date(2024, 5, 1)),
             ListItem("通知二", "http://a.gov.cn/2.html", date(2024, 5, 2)),
             ListItem("通知三", "http://a.gov.cn/3.html", None)]
    articles = {"http://a.gov.cn/1.html": date(2023, 1, 9), "http://a.gov.cn/2.html": date(2024, 5, 1),
                "http://a.gov.cn/3.html": date(2020, 1, 1)}
    found = date_disagreements(items, articles)
    assert [(f.indicator, f.url, f.needs_review) for f in found] == [("W-V1.5", "http://a.gov.cn/1.html", True)]
    assert found[0].evidence["列表日期"] == "2024-05-01" and found[0].evidence["文章日期"] == "2023-01-09"


def test_spam_page_for_link_targets() -> None:
    assert spam_page("365bet体育在线 官网登录 真人百家乐 注册送彩金 澳门新葡京")
    assert spam_page("百家乐 老虎机 真人视讯 娱乐城 在线投注 时时彩")
    assert not spam_page("某某市人民政府 关于严厉打击网络赌博的通告 百家乐 六合彩 时时彩 在线投注 老虎机")
    assert not spam_page("中国竞彩网 体育彩票官方平台 中福在线")
    assert not spam_page("某某县人民政府门户网站 政务公开 办事服务")


def test_page_signals_reads_the_shared_tree_without_changing_it() -> None:
    html = ('<html><head><title>某县人民政府</title></head><body><div style="display:none">'
            '<a href="http://www.365bet.com/">365bet</a></div><script>var a=1;</script><p>正文</p></body></html>')
    tree = LexborHTMLParser(html)
    before = tree.html
    facts = PageFacts(URL, 200, "utf-8", "某县人民政府", links=[Link("http://www.365bet.com/", "a", "365bet", "main")])
    findings = page_signals(tree, URL, facts, as_of=date(2026, 1, 1), site_name="某县人民政府")
    assert tree.html == before
    hidden = [f for f in findings if f.detail["kind"] == "hidden-link"]
    assert hidden and hidden[0].evidence["选择器"] == "body > div" and not hidden[0].needs_review
    assert hidden[0].evidence["链接"][0]["链接地址"] == "http://www.365bet.com/"


def test_pub_date_fact_after_t_is_a_forged_date() -> None:
    tree = LexborHTMLParser("<html><body><p>正文</p></body></html>")
    facts = PageFacts(URL, 200, "utf-8", "t", pub_date=datetime(2027, 1, 1, 8))
    found = page_signals(tree, URL, facts, as_of=date(2026, 11, 23))
    assert [(f.indicator, f.needs_review) for f in found] == [("W-V1.5", True)]
    assert page_signals(tree, URL, facts, as_of=date(2027, 1, 1)) == []


@pytest.mark.parametrize("style", ["display: none !important", "VISIBILITY:hidden", "position:absolute;top:-3000px",
                                   "width:0;overflow:hidden", "font-size:0", "color:red;background-color:red"])
def test_hiding_styles(style: str) -> None:
    tree = LexborHTMLParser(f'<html><body><div style="{style}">x</div></body></html>')
    assert len(hidden_elements(tree)) == 1


@pytest.mark.parametrize("style", ["display:block", "font-size:0.8em", "position:absolute;left:10px", "width:0",
                                   "color:#333;background-color:#fff"])
def test_visible_styles(style: str) -> None:
    tree = LexborHTMLParser(f'<html><body><div style="{style}">x</div></body></html>')
    assert hidden_elements(tree) == {}


def _facts(title: str, text: str, links: list[Link] | None = None, final_url: str | None = None) -> PageFacts:
    return PageFacts(URL, 200, "utf-8", title, links=links or [], text_sample=text, final_url=final_url)


def test_cloaking_spam_only_for_the_spider() -> None:
    browser = _facts("米脂县人民政府", "政务公开 办事服务")
    spider = _facts("澳门金沙_365bet体育在线_米脂县人民政府", "真人百家乐 注册送彩金",
                    [Link("http://www.amjs888.com/", "a", "澳门金沙", "main")])
    found = cloaking_signals(browser, spider, browser, URL)
    assert [(f.indicator, f.needs_review) for f in found] == [("W-V1.4", False)]
    assert found[0].evidence["浏览器版本"]["标题"] == "米脂县人民政府"
    assert found[0].evidence["对比版本"]["标题"].startswith("澳门金沙")


def test_cloaking_redirect_for_search_referer() -> None:
    browser = _facts("米脂县人民政府", "政务公开")
    referer = _facts("", "", final_url="http://www.bet365.com/zh")
    found = cloaking_signals(browser, browser, referer, URL)
    assert [(f.evidence["对比版本"]["版本"], f.needs_review) for f in found] == [("搜索引擎来路", False)]


def test_cloaking_ignores_equal_or_benign_differences() -> None:
    browser = _facts("米脂县人民政府", "政务公开 今日要闻")
    spider = _facts("米脂县人民政府", "政务公开 昨日要闻", [Link("http://www.xinhuanet.com/", "a", "新华网", "main")])
    assert cloaking_signals(browser, spider, browser, URL) == []


def test_scan_html_reads_the_extractors_facts() -> None:
    """The site-name tag is a fact of extract_page (its meta map); a brand in it is a hijack."""
    from govinspect.extract import security

    page = '<html><head><meta name="SiteName" content="澳门金沙_某县人民政府"></head><body><p>正文</p></body></html>'
    found = security.scan_html(page, URL)
    assert [(f.indicator, f.evidence["字段"]) for f in found] == [("W-V1.4", "网站名称标签")]
