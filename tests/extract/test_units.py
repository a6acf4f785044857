"""Unit tests of the extract/ modules on small HTML snippets."""
from __future__ import annotations

from datetime import date, datetime

import pytest
from selectolax.lexbor import LexborHTMLParser

from govinspect.extract.breadcrumbs import extract_breadcrumb
from govinspect.extract.dates import PartialDate, find_datetime, find_partial, resolve, resolve_sequence, url_date
from govinspect.extract.guides import GUIDE_CATEGORIES, extract_guide_labels
from govinspect.extract.page import extract_page, page_facts_json
from govinspect.extract.soft404 import is_soft404

AS_OF = date(2026, 1, 5)


@pytest.mark.parametrize("text, expected", [
    ("2023-09-21", PartialDate(2023, 9, 21)), ("[09-21]", PartialDate(None, 9, 21)),
    ("2023年9月21日", PartialDate(2023, 9, 21)), ("2023/09/21", PartialDate(2023, 9, 21)),
    ("2023.09.21", PartialDate(2023, 9, 21)), ("2023-9-1", PartialDate(2023, 9, 1)),
    ("(03-23)", PartialDate(None, 3, 23)), ("06月01日", PartialDate(None, 6, 1)), ("第1/2页", None),
    ("比例 3:1", None), ("2023-13-45", None),
])
def test_find_partial(text: str, expected: PartialDate | None) -> None:
    assert find_partial(text) == expected


def test_year_less_date_is_latest_not_after_as_of() -> None:
    assert resolve(PartialDate(None, 12, 30), "http://a.gov.cn/x.html", AS_OF) == date(2025, 12, 30)
    assert resolve(PartialDate(None, 1, 6), "http://a.gov.cn/x.html", date(2026, 1, 6)) == date(2026, 1, 6)


@pytest.mark.parametrize("url, year", [("http://a.gov.cn/2018/3/22/x.html", 2018), ("http://a.gov.cn/t20180322_1.html", 2018),
                                       ("http://a.gov.cn/201803/x.html", 2018), ("http://a.gov.cn/art/2024/6/1/art_1.html", 2024)])
def test_url_year_beats_guess(url: str, year: int) -> None:
    assert url_date(url)[0] == year
    assert resolve(PartialDate(None, 3, 22), url, AS_OF).year == year if year != 2024 else True


def test_url_date_far_from_shown_date_is_ignored() -> None:
    # the URL holds an upload date (2008-01-24), not the shown document date 04-06
    assert resolve(PartialDate(None, 4, 6), "http://a.gov.cn/200801/t20080124_1.html", date(2018, 3, 18)) == date(2017, 4, 6)


def test_sequence_crosses_year_boundary() -> None:
    found = [PartialDate(None, m, d) for m, d in ((1, 29), (1, 15), (12, 28), (9, 1))]
    got = resolve_sequence(found, ["u"] * 4, date(2018, 3, 16))
    assert got == [date(2018, 1, 29), date(2018, 1, 15), date(2017, 12, 28), date(2017, 9, 1)]


def test_find_datetime_with_time() -> None:
    assert find_datetime("发布时间：2024-06-13 14:54 来源") == datetime(2024, 6, 13, 14, 54)


HOME = """<html><head><title>某某市人民政府</title><base href="http://www.x.gov.cn/sub/">
<meta name="SiteName" content="某某市人民政府"><meta name="siteidcode" content="1101150005">
<meta name="viewport" content="width=device-width"></head><body>
<div class="header"><a href="/"><img src="logo.png" alt="标识"></a>
<form action="/search/"><input type="text" name="q"></form></div>
<div class="nav"><ul><li><a href="/xxgk/">信息公开</a></li><li><a href="/hdjl/">互动交流</a></li>
<li><a href="http://zwfw.x.gov.cn/">政务服务</a></li></ul></div>
<div class="main"><div class="box"><h3>通知公告</h3><a class="more" href="/tzgg/">更多>></a>
<ul><li><a href=" ./tzgg/t20230921_1.html#top" title="关于某某事项的通知全文标题">关于某某事项的通...</a><span>2023-09-21</span></li>
<li><a href="./tzgg/t20230801_2.html">关于另一事项的公告内容</a><span>[08-01]</span></li>
<li><a href="./tzgg/t20230901_3.html">关于第三事项的公告内容</a><span>2023年9月1日</span></li></ul></div></div>
<div class="footer"><p>主办单位：某某市人民政府办公室 承办单位：某某中心</p>
<p>网站标识码：1101150005 京ICP备15023992号-1 京公网安备 11011502002502号</p>
<a href="http://bszs.conac.cn/sitename?id=1"><img src="/conac.png"></a><a href="/map/">网站地图</a><a href="/lx/">联系我们</a>
<script id="_jiucuo_" sitecode='1101150005' src='https://zfwzgl.www.gov.cn/exposure/jiucuo.js'></script></div>
</body></html>"""


@pytest.fixture(scope="module")
def home():
    return extract_page(HOME, "http://www.x.gov.cn/", status=200, as_of=date(2023, 10, 1))


def test_home_markings(home) -> None:
    m = home.markings
    assert (m.site_id_code, m.icp, m.police_record) == ("1101150005", "京ICP备15023992号-1", "京公网安备 11011502002502号")
    assert m.sponsor == "某某市人民政府办公室" and m.conac and m.sitemap and m.contact
    assert m.zhaocuo_site_code == "1101150005"


def test_home_entries_and_kind(home) -> None:
    e = home.entries
    assert (e.search, e.zhaocuo, e.xxgk, e.hudong, e.banshi) == (True, True, True, True, True)
    assert home.kind == "home" and home.has_viewport


def test_home_list(home) -> None:
    [lst] = home.lists
    assert lst.column == "通知公告" and lst.more_url == "http://www.x.gov.cn/tzgg/"
    assert [i.date for i in lst.items] == [date(2023, 9, 21), date(2023, 9, 1), date(2023, 8, 1)]
    assert lst.items[0].title == "关于某某事项的通知全文标题"
    assert lst.items[0].url == "http://www.x.gov.cn/sub/tzgg/t20230921_1.html"


def test_links_resolved_with_base_and_regions(home) -> None:
    by_url = {l.url: l for l in home.links}
    assert by_url["http://www.x.gov.cn/sub/logo.png"].region == "header"
    assert by_url["http://www.x.gov.cn/xxgk/"].region == "nav"
    assert by_url["http://bszs.conac.cn/sitename?id=1"].region == "footer"
    assert by_url["https://zfwzgl.www.gov.cn/exposure/jiucuo.js"].tag == "script"


def test_meta_canonical_alias(home) -> None:
    assert home.meta["siteidcode"] == home.meta["SiteIDCode"] == "1101150005"


def test_sponsor_only_from_footer() -> None:
    page = "<body><div class='content'><p>主办单位：教育部思想政治工作司</p></div><div class='footer'>版权所有：教育部</div></body>"
    assert extract_page(page, "http://a.gov.cn/x.html", signals=False).markings.sponsor is None


def test_commented_jiucuo_is_ignored() -> None:
    page = "<body><!-- <script id='_jiucuo_' sitecode='1111111111'></script> --><p>正文</p></body>"
    facts = extract_page(page, "http://a.gov.cn/x.html", signals=False)
    assert facts.markings.zhaocuo_site_code is None and not facts.entries.zhaocuo


def test_script_written_footer() -> None:
    page = """<body><script>var f='<div>主办：广东省人民政府办公厅</div>'+'<p>粤公网安备 '+'44010402001160号</p>'+
    '<script id="_jiucuo_" sitecode="4400000131"><\\/script>';document.write(f);</script></body>"""
    facts = extract_page(page, "http://a.gov.cn/x.html", signals=False)
    assert facts.markings.sponsor == "广东省人民政府办公厅"
    assert facts.markings.police_record == "粤公网安备 44010402001160号"
    assert facts.markings.zhaocuo_site_code == "4400000131" and facts.entries.zhaocuo


def test_meta_refresh_and_media_links() -> None:
    page = """<head><meta http-equiv="refresh" content="0; url=/new/"></head><body><video src="v.mp4"></video>
    <object data="f.swf"></object><iframe src="//other.gov.cn/f.html"></iframe><a href="javascript:void(0)">x</a></body>"""
    links = {(l.tag, l.url) for l in extract_page(page, "https://a.gov.cn/p/x.html", signals=False).links}
    assert {("meta-refresh", "https://a.gov.cn/new/"), ("video", "https://a.gov.cn/p/v.mp4"),
            ("object", "https://a.gov.cn/p/f.swf"), ("iframe", "https://other.gov.cn/f.html"),
            ("a", "javascript:void(0)")} <= links


def test_breadcrumb() -> None:
    tree = LexborHTMLParser("<div class='pos'>当前位置：<a href='/'>首页</a> &gt; <a href='/x/'>信息公开</a> &gt; 通知公告</div>")
    assert extract_breadcrumb(tree) == ["信息公开", "通知公告"]


def test_list_page_kind_and_blank_marker() -> None:
    page = "<body><div class='crumb'>您的位置：首页 > 政策文件</div><div class='list'><p>暂无信息</p></div></body>"
    facts = extract_page(page, "http://a.gov.cn/zcwj/index.html", signals=False)
    assert facts.kind == "list" and facts.blank_marker == "暂无信息" and facts.breadcrumb == ["政策文件"]


def test_article_pub_date_and_kind() -> None:
    page = "<head><meta name='ArticleTitle' content='标题'></head><body><h1>标题</h1><p>发布时间：2024-05-11 09:30</p></body>"
    facts = extract_page(page, "http://a.gov.cn/art/2024/5/11/art_1.html", signals=False)
    assert facts.kind == "article" and facts.pub_date == datetime(2024, 5, 11, 9, 30)


def test_guide_labels_and_categories() -> None:
    page = "<table><tr><th>事项名称：</th><td>x</td></tr><tr><th>法定依据</th></tr><tr><th>受理条件</th></tr>" \
           "<tr><th>申请材料</th></tr></table>"
    labels = extract_guide_labels(LexborHTMLParser(page))
    assert labels == ["事项名称", "法定依据", "受理条件", "申请材料"]
    assert [GUIDE_CATEGORIES[l] for l in labels] == ["事项名称", "设定依据", "申请条件", "办理材料"]
    assert extract_guide_labels(LexborHTMLParser("<div class='footer'><span>联系电话：123</span></div>")) == []


def test_messages_table() -> None:
    page = """<body><h2>留言选登</h2><table><tr><th>标题</th><th>留言时间</th><th>答复时间</th><th>状态</th></tr>
    <tr><td><a href="/m/1.html">关于道路维修的建议</a></td><td>2024-01-02</td><td>2024-01-09</td><td>已回复</td></tr>
    <tr><td><a href="/m/2.html">咨询社保事宜</a></td><td>2024-02-01</td><td></td><td>办理中</td></tr></table></body>"""
    facts = extract_page(page, "http://a.gov.cn/hdjl/ly/index.html", signals=False)
    [m1, m2] = facts.messages
    assert (m1.title, m1.asked, m1.answered, m1.status) == ("关于道路维修的建议", date(2024, 1, 2), date(2024, 1, 9), "已回复")
    assert m2.answered is None and m2.status == "办理中" and m2.url == "http://a.gov.cn/m/2.html"


def test_soft404() -> None:
    assert is_soft404(200, "页面不存在", "")
    assert is_soft404(200, "某某市", "对不起，您访问的页面不存在！ 返回首页")
    assert not is_soft404(404, "页面不存在", "")
    assert not is_soft404(200, "通知", "正文" * 400 + "404")


def test_data_sources() -> None:
    page = """<body><ul id="news" data-url="/api/news.json"></ul><script>$.getJSON('/data/list.json', f);
    jsonp('http://www.gov.cn/pushinfo/x.json')</script></body>"""
    facts = extract_page(page, "http://a.gov.cn/index.html", signals=False)
    assert facts.data_sources == ["http://a.gov.cn/api/news.json", "http://a.gov.cn/data/list.json"]


@pytest.mark.parametrize("codec", ["gbk", "utf-16"])
def test_caller_decoded_pages(codec: str) -> None:
    raw = HOME.replace("<head>", f'<head><meta charset="{codec}">').encode(codec)
    facts = extract_page(raw.decode(codec), "http://www.x.gov.cn/", encoding=codec, as_of=date(2023, 10, 1), signals=False)
    assert facts.markings.sponsor == "某某市人民政府办公室" and facts.encoding == codec
    assert page_facts_json(facts)["markings"]["icp"] == "京ICP备15023992号-1"


def test_regions_by_hint_depth_and_title_bars() -> None:
    page = """<body><div class="top"><a href="/a">无障碍</a></div>
    <div class="wrap"><div class="box"><div class="col"><div class="inner"><div class="list-bottom">
    <a href="/deep">深处的链接</a></div></div></div></div></div>
    <div class="wrap"><div class="title-top">通知公告 <a href="/tzgg/">更多</a></div></div>
    <!-- 底部开始 --><div class="w1200"><a href="/map">网站地图</a></div></body>"""
    regions = {l.text: l.region for l in extract_page(page, "http://a.gov.cn/", signals=False).links}
    assert regions == {"无障碍": "header", "深处的链接": "main", "更多": "main", "网站地图": "footer"}


def test_link_schemes() -> None:
    page = """<body><a href="JavaScript:void(0)">x</a><img src="data:image/png;base64,AAAA"><iframe src="about:blank">
    </iframe><a href=" mailto:a@b.cn ">信</a><a href="/p q.html">空格</a></body>"""
    urls = [l.url for l in extract_page(page, "http://a.gov.cn/x/", signals=False).links]
    assert urls == ["javascript:void(0)", "mailto:a@b.cn", "http://a.gov.cn/p q.html"]


def test_hanweb_table_list_and_tabs() -> None:
    page = """<body><div class="tabs"><ul><li>工作动态</li><li>通知公告</li></ul></div>
    <div class="panel"><table><tr><td><a href="/art/2024/3/1/art_1_1.html">第一条工作动态的标题</a></td><td>2024-03-01</td></tr>
    <tr><td><a href="/art/2024/2/1/art_1_2.html">第二条工作动态的标题</a></td><td>2024-02-01</td></tr></table></div>
    <div class="panel"><table><tr><td><a href="/art/2024/3/5/art_2_1.html">第一条通知公告的标题</a></td><td>03-05</td></tr>
    <tr><td><a href="/art/2023/12/9/art_2_2.html">第二条通知公告的标题</a></td><td>12-09</td></tr></table></div></body>"""
    lists = extract_page(page, "http://a.gov.cn/", as_of=date(2024, 3, 10), signals=False).lists
    assert [(l.column, [i.date for i in l.items]) for l in lists] == [
        ("工作动态", [date(2024, 3, 1), date(2024, 2, 1)]), ("通知公告", [date(2024, 3, 5), date(2023, 12, 9)])]


def test_category_link_before_title_and_menus_are_not_lists() -> None:
    page = """<body><div class="nav"><ul><li><a href="/col/a/">政务公开栏目</a></li><li><a href="/col/b/">互动交流栏目</a></li>
    <li><a href="/col/c/">办事服务栏目</a></li></ul></div><div class="main"><ul>
    <li><a href="/col/tz/">[通知]</a><a href="/tz/t20240301_1.html">关于开展春季植树活动的通知</a><span>2024-03-01</span></li>
    <li><a href="/col/gg/">[公告]</a><a href="/gg/t20240201_2.html">关于调整办公时间的公告内容</a><span>2024-02-01</span></li>
    </ul></div></body>"""
    [lst] = extract_page(page, "http://a.gov.cn/", as_of=date(2024, 3, 10), signals=False).lists
    assert [i.title for i in lst.items] == ["关于开展春季植树活动的通知", "关于调整办公时间的公告内容"]
