"""Writes the indicator case folders under tests/indicators/cases (run: python tests/indicators/make_cases.py).

The folders are committed; edit this file and re-run it to change them. Dates are relative to T = 2026-11-23.
"""
import os, textwrap, json
from datetime import date, timedelta
ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "cases")
T = date(2026, 11, 23)
HOST = "http://www.csx.gov.cn"
SITE = dict(id_code="6108270006", name="测试县人民政府", url=HOST + "/", kind="portal", external_service=True, region_code="610827")

def d(days): return (T - timedelta(days=days)).isoformat()

FOOTER = """<div class="footer"><p>主办单位：测试县人民政府办公室　联系电话：0912-1234567　<a href="/sitemap.html">网站地图</a></p>
<p>网站标识码：6108270006　<a href="https://beian.miit.gov.cn/">陕ICP备06001574号</a>　<a href="http://www.beian.gov.cn/">陕公网安备 61082702000190号</a></p>
<p><a href="https://bszs.conac.cn/sitename?method=show&id=1"><img src="/images/dzjg.png" alt="党政机关"></a></p></div>"""

def head(title, meta):
    tags = "".join(f'<meta name="{k}" content="{v}">\n' for k, v in meta.items())
    return f'<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">\n{tags}<title>{title}</title></head>'

SITE_META = {"SiteName": "测试县人民政府", "SiteDomain": "www.csx.gov.cn", "SiteIDCode": "6108270006"}

def header(nav):
    links = "".join(f'<li><a href="{u}">{n}</a></li>' for n, u in nav)
    return f"""<div class="header"><div class="logo"><h1>测试县人民政府</h1></div>
<form action="/search" method="get"><input type="text" name="q" placeholder="请输入关键词"><button>搜索</button></form></div>
<div class="nav"><ul><li><a href="/">首页</a></li>{links}</ul></div>"""

def items_html(items):
    return "".join(f'<li><a href="{u}" title="{t}">{t}</a><span class="date">{dt or ""}</span></li>\n' for t, u, dt in items)

def home(nav, blocks, footer=FOOTER, extra=""):
    body = "".join(f'<div class="news-block"><div class="block-title"><span>{n}</span><a class="more" href="{m}">更多</a></div><ul>\n{items_html(it)}</ul></div>\n' for n, m, it in blocks)
    return head("测试县人民政府", SITE_META) + f"<body>{header(nav)}<div class=\"main\">{body}{extra}</div>{footer}</body></html>"

def listing(nav, crumbs, colname, items, marker=None, inner=None):
    meta = dict(SITE_META, ColumnName=colname, ColumnType=colname)
    crumb = " &gt; ".join(['<a href="/">首页</a>'] + [f'<a href="#">{c}</a>' for c in crumbs])
    main = inner if inner is not None else (f'<ul class="list">\n{items_html(items)}</ul>' if items else "")
    if marker: main += f'<div class="no-data">{marker}</div>'
    return head(f"{colname}_测试县人民政府", meta) + f'<body>{header(nav)}<div class="position">当前位置：{crumb}</div><div class="main">{main}</div>{FOOTER}</body></html>'

def arts(prefix, days_list):
    return [(f"{prefix}工作情况通报第{i+1}期关于进一步加强管理的通知", f"/col/{prefix}/2026/t{i}.html", d(x) if x is not None else None) for i, x in enumerate(days_list)]

def write(case_id, name, pages, expect=None, count=None, links=None, site=SITE, as_of="2026-11-23T09:00:00"):
    folder = os.path.join(ROOT, case_id, name)
    os.makedirs(folder, exist_ok=True)
    mapping = {}
    for i, (url, html) in enumerate(pages.items()):
        fname = "home.html" if i == 0 else f"page{i}.html"
        open(os.path.join(folder, fname), "w", encoding="utf-8").write(html)
        mapping[url] = fname
    toml = [f'as_of = "{as_of}"']
    if expect: toml.append("expect = " + json.dumps(expect, ensure_ascii=False))
    if count is not None: toml.append(f"count = {count}")
    toml.append("[site]")
    toml += [f"{k} = {json.dumps(v, ensure_ascii=False)}" for k, v in site.items()]
    toml.append("[pages]")
    toml += [f'"{u}" = "{f}"' for u, f in mapping.items()]
    for r in links or []:
        toml.append("[[links]]")
        toml += [f"{k} = {json.dumps(v, ensure_ascii=False)}" for k, v in r.items()]
    open(os.path.join(folder, "case.toml"), "w", encoding="utf-8").write("\n".join(toml) + "\n")

NAV = [("政务动态", "/col/zwdt/index.html"), ("通知公告", "/col/tzgg/index.html"), ("政策文件", "/col/zcwj/index.html")]
fresh_home_blocks = [("政务动态", "/col/zwdt/index.html", arts("zwdt", [1, 3, 5, 8])),
                     ("通知公告", "/col/tzgg/index.html", arts("tzgg", [2, 30, 60]))]

def base_pages(extra_cols=()):
    pages = {HOST + "/": home(NAV, fresh_home_blocks)}
    pages[HOST + "/col/zwdt/index.html"] = listing(NAV, ["政务动态"], "政务动态", arts("zwdt", [1, 3, 5, 8]))
    pages[HOST + "/col/tzgg/index.html"] = listing(NAV, ["通知公告"], "通知公告", arts("tzgg", [2, 30, 60]))
    for url, html in extra_cols: pages[HOST + url] = html
    return pages

# --- W-V4.3 / W-D1.8 blank columns
blank_cols = []
for i, (slug, name, marker, crumbs) in enumerate([("a1", "统计数据", None, ["信息公开", "统计数据"]), ("a2", "规划计划", "暂无信息", ["信息公开", "规划计划"]),
        ("a3", "人事信息", "栏目建设中", ["信息公开", "人事信息"]), ("a4", "政策解读", None, ["政策解读"]), ("a5", "重点领域", "暂无信息", ["信息公开", "重点领域"])]):
    blank_cols.append((f"/col/{slug}/index.html", listing(NAV, crumbs, name, [], marker=marker)))
write("W-V4.3", "bad_five_blank", base_pages(blank_cols), expect=["W-V4.3", "W-D1.8"])
write("W-D1.8", "bad_five_blank", base_pages(blank_cols), expect=["W-D1.8"], count=5)
write("W-V4.3", "good_four_blank", base_pages(blank_cols[:4]))
# navigation node whose child has content: neither is blank
nav_node = ("/col/xxgk/index.html", listing(NAV, ["信息公开"], "信息公开", [], inner='<div class="sub"><a href="/col/tzgg/index.html">通知公告</a></div>'))
child = ("/col/ghjh/index.html", listing(NAV, ["信息公开", "规划计划"], "规划计划", arts("ghjh", [40, 100])))
write("W-D1.8", "good_navigation_node_with_content", base_pages([nav_node, child]))
# JS-rendered list: empty container filled from JSON
js = listing(NAV, ["工作动态"], "工作动态", [], inner='<ul id="list" data-url="/api/gzdt.json"></ul><script>fetch("/api/gzdt.json").then(r=>r.json()).then(render)</script>')
write("W-D1.8", "good_js_rendered_list", base_pages([("/col/gzdt/index.html", js)]))
# --- staleness
write("W-D1.4", "bad_stale_dynamic", base_pages([("/col/bmdt/index.html", listing(NAV, ["部门动态"], "部门动态", arts("bmdt", [20, 40])))]), count=1)
write("W-D1.4", "good_few_but_recent", base_pages([("/col/bmdt/index.html", listing(NAV, ["部门动态"], "部门动态", arts("bmdt", [10])))]))
write("W-D1.7", "good_personnel_idle_ten_months", base_pages([("/col/rsxx/index.html", listing(NAV, ["信息公开", "人事信息"], "人事信息", arts("rsxx", [300, 420])))]))
write("W-D1.7", "bad_personnel_idle_fourteen_months", base_pages([("/col/rsxx/index.html", listing(NAV, ["信息公开", "人事信息"], "人事信息", arts("rsxx", [430])))]), count=1)
write("W-D1.6", "bad_undated_notices", base_pages([("/col/gsgg/index.html", listing(NAV, ["公示公告"], "公示公告", arts("gsgg", [None, None, None])))]), count=1)
stale_cols = [(f"/col/s{i}/index.html", listing(NAV, [name], name, arts(f"s{i}", [30 + i]))) for i, name in enumerate(["部门动态", "乡镇动态", "工作动态", "图片新闻", "区县动态"])]
write("W-V4.1", "bad_five_stale_news", base_pages(stale_cols), expect=["W-V4.1", "W-D1.4"])
write("W-V4.1", "good_four_stale_news", base_pages(stale_cols[:4]))
# --- W-V3 home
stale_home = {HOST + "/": home(NAV, [("政务动态", "/col/zwdt/index.html", arts("zwdt", [20, 25, 40]))])}
stale_home[HOST + "/col/zwdt/index.html"] = listing(NAV, ["政务动态"], "政务动态", arts("zwdt", [20, 25, 40]))
write("W-V3", "bad_home_stale", stale_home, expect=["W-V3"])
nav_home = {HOST + "/": home(NAV, [], extra='<div class="portal-entries"><a href="/col/zwdt/index.html">政务动态</a><a href="/col/tzgg/index.html">通知公告</a></div>')}
nav_home[HOST + "/col/zwdt/index.html"] = listing(NAV, ["政务动态"], "政务动态", arts("zwdt", [2, 9]))
nav_home[HOST + "/col/tzgg/index.html"] = listing(NAV, ["通知公告"], "通知公告", arts("tzgg", [5]))
write("W-V3", "good_navigation_home_fresh_second_level", nav_home)
write("W-V3", "good_fresh_home", base_pages())
# --- markings
no_icp = FOOTER.replace('<a href="https://beian.miit.gov.cn/">陕ICP备06001574号</a>', "")
p = base_pages(); p[HOST + "/"] = home(NAV, fresh_home_blocks, footer=no_icp)
write("W-D4.3", "bad_no_icp", p, expect=["W-D4.3", "T-FOOT"])
write("W-D4.3", "good_full_footer", base_pages())
# --- links
dead = [dict(target=HOST + "/uploads/办事表格.doc", status=404, ok=False, confirmed=True, sources=[HOST + "/col/tzgg/index.html"], on_home=False),
        dict(target="http://www.partner.gov.cn/", status=200, ok=True, confirmed=False, sources=[HOST + "/"], on_home=True)]
write("W-D4.4", "bad_one_dead_link", base_pages(), count=1, links=dead)
write("W-D4.4", "good_suspected_only", base_pages(), links=[dict(target="http://slow.gov.cn/", status="timeout", ok=False, confirmed=False, sources=[HOST + "/"], on_home=True)])
# --- messages
def msg_page(rows):
    trs = "".join(f'<tr><td><a href="/hdjl/m{i}.html">{t}</a></td><td>{a}</td><td>{r or ""}</td><td>{"已回复" if r else "未回复"}</td></tr>' for i, (t, a, r) in enumerate(rows))
    table = f'<table class="msg-list"><tr><th>留言标题</th><th>留言时间</th><th>答复时间</th><th>状态</th></tr>{trs}</table>'
    return listing(NAV, ["互动交流", "县长信箱"], "县长信箱", [], inner=table)
rows_bad = [("关于小区路灯不亮的问题", d(130), None), ("咨询社保转移办理", d(20), d(18)), ("建议增加公交线路", d(40), d(35))]
write("W-V5.2", "bad_unanswered_four_months", base_pages([("/hdjl/index.html", msg_page(rows_bad))]), count=1)
rows_ok = [("咨询社保转移办理", d(20), d(18)), ("建议增加公交线路", d(40), d(35)), ("反映噪音扰民", d(400), None)]
write("W-V5.2", "good_old_message_outside_year", base_pages([("/hdjl/index.html", msg_page(rows_ok))]))
# W-D3.4 working days: 2026-09-30 asked; holidays Oct 1-8 → answered Oct 14 = 5 working days (9,10(Sat make-up?),...)
rows_slow = [("关于学校入学政策的咨询", "2026-11-02", "2026-11-13"), ("建议增加公交线路", d(40), d(35))]
write("W-D3.4", "bad_eight_working_days", base_pages([("/hdjl/index.html", msg_page(rows_slow))]), count=1)
rows_holiday = [("关于学校入学政策的咨询", "2026-09-30", "2026-10-13"), ("建议增加公交线路", d(40), d(36))]
write("W-D3.4", "good_five_working_days_over_national_day", base_pages([("/hdjl/index.html", msg_page(rows_holiday))]))
print("written")

# ---------------------------------------------------------------- site-level presence checks
FULL_NAV = NAV + [("政府信息公开", "/xxgk/index.html"), ("互动交流", "/hdjl/index.html"), ("办事服务", "/bsfw/index.html"),
                  ("走进测试县", "/zjcs/index.html"), ("机构职能", "/jgzn/index.html"), ("领导信息", "/ldxx/index.html"),
                  ("政策解读", "/zcjd/index.html"), ("数据发布", "/sjfb/index.html")]
EXTRA = ('<div class="gov-block"><div class="block-title"><span>国务院信息</span></div><ul>'
         '<li><a href="http://www.gov.cn/zhengce/1.htm">国务院关于进一步优化政务服务的意见</a><span class="date">' + d(3) + '</span></li>'
         '<li><a href="http://www.gov.cn/zhengce/2.htm">国务院办公厅关于推进政务公开的通知</a><span class="date">' + d(6) + '</span></li></ul></div>'
         '<div class="links"><a href="/xxgk/zn.html">政府信息公开指南</a><a href="/xxgk/ml.html">政府信息公开目录</a>'
         '<a href="/xxgk/nb2025.html">测试县2025年政府信息公开工作年度报告</a><a href="/ndbb/2025.html">2025年政府网站工作年度报表</a>'
         '<a href="/hdjl/xzxx.html">县长信箱</a><a href="http://zfwzzc.www.gov.cn/check_web/errorInfo_querySearch.action?site_code=6108270006">我为政府网站找错</a></div>')

def full_home(footer=FOOTER, extra=EXTRA, nav=FULL_NAV, blocks=None, viewport=True, search=True):
    html = home(nav, fresh_home_blocks if blocks is None else blocks, footer=footer, extra=extra)
    if not viewport:
        html = html.replace('<meta name="viewport" content="width=device-width, initial-scale=1">', "")
    if not search:
        html = html.replace('<form action="/search" method="get"><input type="text" name="q" placeholder="请输入关键词"><button>搜索</button></form>', "")
    return html

def full_pages(home_html=None, extra_cols=()):
    pages = base_pages(extra_cols)
    pages[HOST + "/"] = home_html or full_home()
    return dict([(HOST + "/", pages.pop(HOST + "/"))] + list(pages.items()))

write("W-V5.1", "good_mailbox_link", full_pages())
no_channel = EXTRA.replace('<a href="/hdjl/xzxx.html">县长信箱</a>', "")
nav_no_hd = [x for x in FULL_NAV if x[0] != "互动交流"] + [("在线访谈", "/zxft/index.html")]
write("W-V5.1", "bad_only_interviews", full_pages(full_home(extra=no_channel, nav=nav_no_hd)), count=1)
nav_no_bs = [x for x in FULL_NAV if x[0] != "办事服务"]
write("W-V6.1", "bad_no_service_entry", full_pages(full_home(nav=nav_no_bs)), count=1)
write("W-V6.1", "good_service_entry", full_pages())
write("W-D1.1", "bad_no_overview", full_pages(full_home(nav=[x for x in FULL_NAV if x[0] != "走进测试县"])), count=1)
write("W-D1.1", "good_overview", full_pages())
write("W-D1.10", "bad_no_interpretation", full_pages(full_home(nav=[x for x in FULL_NAV if x[0] != "政策解读"])), count=1)
write("W-D1.13", "bad_no_annual_report", full_pages(full_home(extra=EXTRA.replace("测试县2025年政府信息公开工作年度报告", "测试县2023年政府信息公开工作年度报告"))), count=1)
write("W-D1.13", "good_guide_catalog_report", full_pages())
write("W-D4.1", "bad_no_search", full_pages(full_home(search=False)), count=1)
write("W-D4.1", "good_search_form", full_pages())
no_zc = EXTRA.replace('<a href="http://zfwzzc.www.gov.cn/check_web/errorInfo_querySearch.action?site_code=6108270006">我为政府网站找错</a>', "")
write("W-D4.6", "bad_no_zhaocuo", full_pages(full_home(extra=no_zc)), expect=["W-D4.6", "T-ZC"], count=1)
write("W-D4.6", "good_zhaocuo_link", full_pages())
write("W-D4.7", "bad_no_viewport", full_pages(full_home(viewport=False)), count=1)
write("W-D4.7", "good_viewport", full_pages())
write("W-D4.10", "bad_old_report", full_pages(full_home(extra=EXTRA.replace('/ndbb/2025.html">2025年政府网站工作年度报表', '/ndbb/2023.html">2023年政府网站工作年度报表'))), expect=["W-D4.10", "T-REP"], count=1)
write("W-D4.10", "good_last_year_report", full_pages())
write("T-GOV", "bad_no_state_council_block", full_pages(full_home(extra=EXTRA.split('<div class="links">')[0].replace("国务院", "省政府") + '<div class="links">' + EXTRA.split('<div class="links">')[1])), count=1)
write("T-GOV", "good_state_council_block", full_pages())
write("T-ID", "bad_footer_code_differs", full_pages(full_home(footer=FOOTER.replace("网站标识码：6108270006", "网站标识码：6108270009"))), count=1)
write("T-ID", "good_footer_code", full_pages())
nowww = dict(SITE, url="http://csx.gov.cn/")
write("W-D4.2", "bad_portal_without_www", {"http://csx.gov.cn/": full_home()}, expect=["W-D4.2", "T-DOM2"], count=1, site=nowww)
write("W-D4.2", "good_portal_domain", full_pages())
# messages-based deductions
def msg_full(rows): return full_pages(extra_cols=[("/hdjl/index.html", msg_page(rows))])
write("W-D3.1", "bad_no_reply_in_two_months", msg_full([("咨询社保转移办理", d(100), d(90)), ("建议增加公交线路", d(120), d(110))]), count=1)
write("W-D3.1", "good_recent_reply", msg_full([("咨询社保转移办理", d(20), d(18)), ("建议增加公交线路", d(40), d(35))]))

# ---------------------------------------------------------------- remaining automatable ids
write("W-D1.2", "bad_no_institution", full_pages(full_home(nav=[x for x in FULL_NAV if x[0] != "机构职能"])), count=1)
write("W-D1.2", "good_institution", full_pages())
write("W-D1.3", "bad_no_leaders", full_pages(full_home(nav=[x for x in FULL_NAV if x[0] != "领导信息"])), count=1)
write("W-D1.3", "good_leaders", full_pages())
write("W-D1.12", "bad_no_data_release", full_pages(full_home(nav=[x for x in FULL_NAV if x[0] != "数据发布"])), count=1)
write("W-D1.12", "good_data_release", full_pages())
many = [(f"/col/m{i}/index.html", listing(NAV, [name], name, arts(f"m{i}", [20 + i]))) for i, name in
        enumerate(["部门动态", "乡镇动态", "工作动态", "图片新闻", "区县动态", "基层动态", "镇街动态", "今日要闻"])]
many += [(f"/col/n{i}/index.html", listing(NAV, ["信息公开", name], name, arts(f"n{i}", [400]))) for i, name in enumerate(["人事任免", "发展规划"])]
write("W-V4.2", "bad_ten_stale", full_pages(extra_cols=many), expect=["W-V4.2", "W-V4.1"])
write("W-V4.2", "good_nine_stale", full_pages(extra_cols=many[:9]))
topic_col = ("/col/ztzl/index.html", listing(NAV, ["专题专栏"], "专题专栏", [("优化营商环境专栏", "/zt/1/", d(20)), ("乡村振兴专栏", "/zt/2/", d(30))]))
bare_topic = ('<!DOCTYPE html><html><head><meta charset="utf-8"><title>优化营商环境专栏</title></head><body><h1>优化营商环境</h1>'
              '<ul class="list">' + items_html(arts("zt1", [3, 9])) + '</ul></body></html>')
std_topic = listing(NAV, ["专题专栏", "乡村振兴专栏"], "乡村振兴专栏", arts("zt2", [4, 12]))
write("W-D1.15", "bad_topic_without_footer", full_pages(extra_cols=[topic_col, ("/zt/1/", bare_topic), ("/zt/2/", std_topic)]), count=1)
write("W-D1.15", "good_topics_standard", full_pages(extra_cols=[topic_col, ("/zt/2/", std_topic)]))
def guide(labels):
    rows = "".join(f"<tr><th>{k}</th><td>{v}</td></tr>" for k, v in labels)
    return listing(NAV, ["办事服务", "办事指南"], "办事指南", [], inner=f'<h2>企业设立登记办事指南</h2><table class="guide">{rows}</table>'
                   '<p><a href="/bsfw/files/申请表.doc">申请表下载</a> <a href="http://zxbl.csx.gov.cn/">在线办理</a></p>')
ALL8 = [("事项名称", "企业设立登记"), ("设定依据", "《市场主体登记管理条例》"), ("申请条件", "符合条件的申请人"), ("办理材料", "申请书、身份证明"),
        ("办理地点", "县政务服务中心"), ("办理时间", "工作日 9:00-17:00"), ("联系电话", "0912-1234567"), ("办理流程", "申请、受理、审核、办结")]
write("W-D2.1", "bad_guide_missing_basis_and_place", full_pages(extra_cols=[("/bsfw/zn1.html", guide([x for x in ALL8 if x[0] not in ("设定依据", "办理地点")]))]), count=1)
write("W-D2.1", "good_complete_guide", full_pages(extra_cols=[("/bsfw/zn1.html", guide(ALL8))]))
dead_form = [dict(target=HOST + "/bsfw/files/申请表.doc", status=404, ok=False, confirmed=True, sources=[HOST + "/bsfw/zn1.html"], on_home=False)]
write("W-D2.2", "bad_dead_form", full_pages(extra_cols=[("/bsfw/zn1.html", guide(ALL8))]), expect=["W-D2.2", "W-D4.4"], count=1, links=dead_form)
write("W-D2.2", "good_live_form", full_pages(extra_cols=[("/bsfw/zn1.html", guide(ALL8))]),
      links=[dict(dead_form[0], status=200, ok=True, confirmed=False)])
dead_system = [dict(target="http://zxbl.csx.gov.cn/", status=503, ok=False, confirmed=True, sources=[HOST + "/bsfw/zn1.html"], on_home=False)]
write("W-D2.3", "bad_online_system_down", full_pages(extra_cols=[("/bsfw/zn1.html", guide(ALL8))]), count=1, links=dead_system)
write("W-D2.3", "good_online_system_suspected_only", full_pages(extra_cols=[("/bsfw/zn1.html", guide(ALL8))]),
      links=[dict(dead_system[0], status="timeout", confirmed=False)])
write("W-D2.4", "bad_service_stats_stale", full_pages(extra_cols=[("/bsfw/bjtj.html", listing(NAV, ["办事服务", "办件统计"], "办件统计", arts("bjtj", [120, 150])))]), count=1)
write("W-D2.4", "good_service_stats_recent", full_pages(extra_cols=[("/bsfw/bjtj.html", listing(NAV, ["办事服务", "办件统计"], "办件统计", arts("bjtj", [20, 50])))]))
def msg_no_reply_col(rows):
    trs = "".join(f'<tr><td><a href="/hdjl/m{i}.html">{t}</a></td><td>{a}</td><td>已回复</td></tr>' for i, (t, a) in enumerate(rows))
    return listing(NAV, ["互动交流", "县长信箱"], "县长信箱", [], inner=f'<table class="msg-list"><tr><th>留言标题</th><th>留言时间</th><th>状态</th></tr>{trs}</table>')
write("W-D3.2", "bad_no_reply_time", full_pages(extra_cols=[("/hdjl/index.html", msg_no_reply_col([("咨询社保转移办理", d(20)), ("建议增加公交线路", d(40))]))]), count=1)
write("W-D3.2", "good_both_times", msg_full([("咨询社保转移办理", d(20), d(18)), ("建议增加公交线路", d(40), d(35))]))
stats_col = ("/hdjl/tj.html", listing(NAV, ["互动交流", "留言统计"], "留言统计", [("2026年10月县长信箱留言受理情况统计", "/hdjl/tj/202610.html", d(20))]))
write("W-D3.3", "bad_no_statistics", msg_full([("咨询社保转移办理", d(20), d(18))]), count=1)
write("W-D3.3", "good_statistics_this_year", full_pages(extra_cols=[("/hdjl/index.html", msg_page([("咨询社保转移办理", d(20), d(18))])), stats_col]))
survey_old = ("/hdjl/dczj.html", listing(NAV, ["互动交流", "调查征集"], "调查征集", arts("dczj", [400, 500])))
survey_new = ("/hdjl/dczj.html", listing(NAV, ["互动交流", "调查征集"], "调查征集", arts("dczj", [60, 200])))
write("W-D3.5", "bad_no_survey_this_year", full_pages(extra_cols=[survey_old]), count=1)
write("W-D3.5", "good_recent_survey", full_pages(extra_cols=[survey_new]))
talk_old = ("/hdjl/zxft.html", listing(NAV, ["互动交流", "在线访谈"], "在线访谈", arts("zxft", [380])))
talk_new = ("/hdjl/zxft.html", listing(NAV, ["互动交流", "在线访谈"], "在线访谈", arts("zxft", [90])))
write("W-D3.7", "bad_no_interview_this_year", full_pages(extra_cols=[talk_old]), count=1)
write("W-D3.7", "good_recent_interview", full_pages(extra_cols=[talk_new]))
write("T-FOOT", "bad_no_police_record", full_pages(full_home(footer=FOOTER.replace('<a href="http://www.beian.gov.cn/">陕公网安备 61082702000190号</a>', ""))), expect=["T-FOOT", "W-D4.3"], count=1)
write("T-FOOT", "good_full_footer", full_pages())
no_tags = {u: (h.replace('<meta name="SiteIDCode" content="6108270006">\n', "") if u != HOST + "/" else h) for u, h in full_pages().items()}
write("T-TAG", "bad_list_pages_without_siteidcode", no_tags, expect=["T-TAG", "W-D4.3"])
write("T-TAG", "good_all_tags", full_pages())
write("T-NAME2", "bad_header_without_name", full_pages(full_home().replace("<h1>测试县人民政府</h1>", "<h1>欢迎访问</h1>")), expect=["T-NAME2", "W-D4.2"], count=1)
write("T-NAME2", "good_header_name", full_pages())
write("T-DOM1", "bad_com_domain", {"http://www.csx-gov.com/": full_home()}, expect=["T-DOM1", "W-D4.2"], count=1, site=dict(SITE, url="http://www.csx-gov.com/"))
write("T-DOM1", "good_gov_cn", full_pages())
write("T-DOM3", "bad_department_own_domain", {"http://csxjyj.gov.cn/": full_home()}, count=1,
      site=dict(SITE, url="http://csxjyj.gov.cn/", kind="department", id_code="6108270012", name="测试县教育局"))
write("T-DOM3", "good_department_subdomain", {"http://jyj.csx.gov.cn/": full_home()},
      site=dict(SITE, url="http://jyj.csx.gov.cn/", kind="department", id_code="6108270012", name="测试县教育局"))
print("written more")

# ---------------------------------------------------------------- a partner domain taken over by spam (W-V1.3)
partner = listing(NAV, ["友情链接"], "友情链接", [], inner='<ul class="links"><li><a href="http://www.old-partner-site.com/">合作单位网站</a></li></ul>')
taken = [dict(target="http://www.old-partner-site.com/", status=200, ok=True, confirmed=False, external=True,
              sources=[HOST + "/col/yqlj/index.html"], on_home=False, spam=True)]
write("W-V1.3", "bad_link_to_taken_over_domain", full_pages(extra_cols=[("/col/yqlj/index.html", partner)]), count=1, links=taken)
write("W-V1.3", "good_partner_still_legitimate", full_pages(extra_cols=[("/col/yqlj/index.html", partner)]),
      links=[dict(taken[0], spam=False)])
