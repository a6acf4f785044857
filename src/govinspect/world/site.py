"""The page model of one simulated site: every kind of page, with the planted defects applied."""
from __future__ import annotations

import json
import random
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from html import escape

from . import content, hijack
from . import templates as T
from .items import SiteItems
from .layout import BY_KEY, COLUMNS, FORMS, HOME_BLOCKS, MATTERS, ROBOTS_COLUMN
from .plan import SitePlan

PER_PAGE = {"trs": 10, "hanweb": 15, "html5": 12}
HOME_STYLE = {"trs": "iso", "hanweb": "bracket", "html5": "dot"}
LIST_STYLE = {"trs": "iso", "hanweb": "slash", "html5": "cn"}


@dataclass(slots=True)
class Resp:
    """A rendered answer; `action` asks the server for special network behaviour."""

    status: int = 200
    text: str = ""
    content_type: str = "text/html"
    body: bytes | None = None  # raw bytes (files, JSON); text is encoded with the site's charset otherwise
    headers: dict[str, str] = field(default_factory=dict)
    action: str | None = None  # abort | close | bomb | huge | sleep
    delay: float = 0.0
    charset: bool = True  # False: never name a charset (binary)


class SiteModel:
    def __init__(self, plan: SitePlan, seed: int, as_of: datetime, target_pages: int) -> None:
        self.plan, self.seed, self.as_of = plan, seed, as_of
        self.items = SiteItems(plan, seed, as_of, target_pages)
        self.fam = plan.template
        self.charset = "utf-8" if plan.encoding == "utf-8" else ("gb2312" if plan.index % 2 else "gbk")

    # ---- shared parts ------------------------------------------------------------------------

    def rng(self, *parts: object) -> random.Random:
        return self.items.rng(*parts)

    def site_tags(self) -> dict[str, str]:
        ident = self.plan.identity
        return {"SiteName": ident.name, "SiteDomain": self.plan.host, "SiteIDCode": self.plan.tag_code}

    def column_tags(self, key: str) -> dict[str, str]:
        c = BY_KEY.get(key, ROBOTS_COLUMN)
        ctype = f"{BY_KEY[c.parent].name}，{c.name}" if c.parent else c.name
        return {**self.site_tags(), "ColumnName": c.name, "ColumnType": ctype}

    def first_level(self) -> list[tuple[str, str]]:
        nav = [("首页", "/")]
        for c in COLUMNS:
            if c.parent is None and self.plan.has(c.key) and c.key not in ("bmdt", "qxdt", "tpxw"):
                nav.append((c.name, self.col_href(c.key)))
        if self.plan.robots_column:
            nav.append((ROBOTS_COLUMN.name, self.col_href(ROBOTS_COLUMN.key)))
        return nav

    def col_href(self, key: str) -> str:
        return f"/col/{key}/index.html" if self.fam == "trs" else f"/col/{key}/"

    def header(self, home: bool = False) -> str:
        flags = self.plan.home_flags
        extra = '<a href="/big5/index.html">繁體</a> ' if self.plan.hijack else ""
        show_name = not (home and "no_name" in flags)
        search = not (home and "no_search" in flags)
        return T.header(self.fam, self.plan.identity.name, show_name, search, self.first_level(), extra)

    def footer(self) -> str:
        ident, miss = self.plan.identity, self.plan.footer_missing
        r = self.rng("footer")
        icp = f"陕ICP备{r.randint(10000000, 99999999)}号"
        police = f"陕公网安备 {ident.division}{r.randint(10000000, 99999999)}号"
        info = T.FooterInfo(
            sponsor=None if "sponsor" in miss else ident.sponsor,
            id_code=None if "site_id_code" in miss else self.plan.footer_code,
            icp=None if "icp" in miss else icp, police=None if "police_record" in miss else police,
            conac=None if "conac" in miss else f"http://bszs.conac.cn/sitename?method=show&id={ident.id_code[-8:]}",
            phone=f"0912-{r.randint(3000000, 3999999)}", year=self.plan.copyright_year)
        return T.footer(self.fam, info)

    def trail(self, key: str) -> list[tuple[str, str]]:
        c = BY_KEY.get(key, ROBOTS_COLUMN)
        out = [("首页", "/")]
        if c.parent:
            out.append((BY_KEY[c.parent].name, self.col_href(c.parent)))
        out.append((c.name, self.col_href(key)))
        return out

    def wrap(self, title: str, tags: dict[str, str], main: str, home: bool = False, head_extra: str = "",
             body_top: str = "", tail: str = "") -> Resp:
        viewport = not (home and "no_viewport" in self.plan.home_flags)
        html = T.page(T.head(title, self.charset, tags, viewport, head_extra), body_top, self.header(home),
                      main, self.footer(), tail)
        return Resp(text=html)

    # ---- lists -------------------------------------------------------------------------------

    def list_page(self, key: str, page: int) -> Resp:
        c = BY_KEY.get(key)
        if key == ROBOTS_COLUMN.key and self.plan.robots_column:
            return self.wrap(ROBOTS_COLUMN.name, self.column_tags(key), T.breadcrumb(self.trail(key)) + '<ul class="list"></ul>')
        if c is None or not self.plan.has(key):
            return self.not_found()
        if c.kind == "nav":
            return self.nav_page(key)
        if key == "zxly":
            return self.message_list()
        name = f"{c.name}_{self.plan.identity.name}"
        main = T.breadcrumb(self.trail(key)) + f"<h2>{escape(c.name)}</h2>\n" + self.list_body(key, page)
        tail = self.js_loader(key) if key in self.plan.js_list else ""
        return self.wrap(name, self.column_tags(key), main, tail=tail)

    def list_body(self, key: str, page: int) -> str:
        mode = self.plan.blank.get(key)
        if mode == "building":
            return '<div class="building">栏目建设中，敬请期待……</div>'
        if mode == "none":
            return '<ul class="list"><li>暂无信息</li></ul>'
        if key in self.plan.js_list:
            return '<ul class="list" id="art-list"></ul>'
        entries = self.items.entries(key)
        per = PER_PAGE[self.fam]
        pages = max(1, -(-len(entries) // per))
        if page > pages:
            return ""
        chunk = entries[(page - 1) * per: page * per]
        return T.entry_list(self.fam, chunk, LIST_STYLE[self.fam], self.as_of.date()) + T.pager(self.col_href(key).replace("index.html", ""), page, pages)

    def js_loader(self, key: str) -> str:
        return ("<script>fetch('/api/" + key + ".json').then(function(r){return r.json();}).then(function(d){"
                "var ul=document.getElementById('art-list');d.items.forEach(function(it){var li=document.createElement('li');"
                "li.innerHTML='<a href=\"'+it.url+'\">'+it.title+'</a><span>'+it.date+'</span>';ul.appendChild(li);});});</script>\n")

    def api(self, key: str) -> Resp:
        if key not in self.plan.js_list:
            return self.not_found()
        items = [{"title": e.title, "url": e.url, "date": e.when.strftime("%Y-%m-%d") if e.when else None}
                 for e in self.items.entries(key)]
        body = json.dumps({"column": BY_KEY[key].name, "items": items}, ensure_ascii=False).encode("utf-8")
        return Resp(body=body, content_type="application/json")

    def nav_page(self, key: str) -> Resp:
        kids = [c for c in COLUMNS if c.parent == key and self.plan.has(c.key)]
        links = "".join(f'<li><a href="{self.col_href(c.key)}">{escape(c.name)}</a></li>' for c in kids)
        main = T.breadcrumb(self.trail(key)) + f'<h2>{escape(BY_KEY[key].name)}</h2><ul class="sub-columns">{links}</ul>\n'
        return self.wrap(BY_KEY[key].name, self.column_tags(key), main)

    # ---- articles ----------------------------------------------------------------------------

    def article(self, key: str, i: int, spider: bool = False) -> Resp:
        c = BY_KEY.get(key)
        if c is None or not self.plan.has(key) or not 0 <= i < self.items.count(key) or key in ("bszn", "ztzl", "bgxz"):
            return self.not_found()
        feats = self.plan.features.get((key, i), [])
        if "cloaking" in feats and spider:
            return Resp(body=hijack.gambling_page().encode("utf-8"), content_type="text/html; charset=utf-8")
        entry = self.items.entries(key)[i]
        when = self._article_time(entry.when, feats)
        title = entry.title
        tags = {**self.column_tags(key), "ArticleTitle": title}
        if when is not None:
            tags["PubDate"] = f"{when:%Y-%m-%d %H:%M}"
        tags["ContentSource"] = self.plan.identity.name
        if self.plan.tag_missing:
            tags.pop(self.plan.tag_missing, None)
        head_title, head_extra, body_top, tail = f"{title}_{self.plan.identity.name}", "", "", ""
        if "meta_spam" in feats:  # keywords/description rewritten with gambling words (tampering, W-V1.4)
            terms = "，".join(hijack.SPAM_TERMS)
            head_extra = f'<meta name="keywords" content="{terms}">\n<meta name="description" content="{terms}在线投注">\n'
        if "meta_refresh" in feats:
            head_extra += f'<meta http-equiv="refresh" content="0;url=http://{hijack.SPAM_HOSTS[1]}/">\n'
        if "js_redirect" in feats:
            tail = f'<script>window.location.href="http://{hijack.SPAM_HOSTS[0]}/";</script>\n'
        body = self.article_body(key, i, feats)
        main = (T.breadcrumb(self.trail(key)) + f'<div class="article"><h2 class="title">{escape(title)}</h2>'
                f'<div class="info">{T.pub_line(self.fam, when, self.plan.identity.name)}</div>'
                f'<div class="content">{body}</div>{self.article_links(key, i)}</div>\n')
        return self.wrap(head_title, tags, main, head_extra=head_extra, body_top=body_top, tail=tail)

    def _article_time(self, when: datetime | None, feats: list[str]) -> datetime | None:
        if when is None:
            return None
        if "forged_future" in feats:
            return self.as_of + timedelta(days=30, hours=10)
        if "forged_mismatch" in feats:
            return when - timedelta(days=200)
        return when

    def article_body(self, key: str, i: int, feats: list[str]) -> str:
        r = self.rng(key, i, "body")
        paras = content.paragraphs(self.items.place, r)
        if self.plan.crackdown == (key, i):
            paras.insert(0, f"为维护社会治安秩序，{self.items.place}公安机关依法严厉打击赌博违法犯罪活动，"
                            "规范体育彩票、福利彩票销售管理，严禁利用网络组织赌博，欢迎群众举报涉赌线索。")
        extra = {
            "wording": "会议指出，要深入学习宣传贯彻《中华人民共合国宪法》，增强全社会法治观念。",
            "outdated_name": f"{self.items.place}国土资源局相关负责同志参加会议并就土地利用工作作了发言。",
            "personal_id": f"申请人：{content.person(r)}，身份证号码：{valid_id(self.plan.identity.division, r)}，请于公示期内提出异议。",
            "personal_mobile": f"中标人{content.person(r)}，联系手机：1389{r.randint(1000000, 9999999)}。",
        }
        paras += [v for k, v in extra.items() if k in feats]
        html = "".join(f"<p>{escape(p)}</p>" for p in paras)
        for f in feats:
            if f.startswith("hidden_links:"):
                html += hijack.hidden_links(f.split(":", 1)[1], r)
            if f == "expired_link":
                html += f'<p>相关链接：<a href="http://{hijack.EXPIRED_HOST}/">合作单位网站</a></p>'
        return html

    def article_links(self, key: str, i: int) -> str:
        specs = self.plan.links.get((key, i), [])
        out = []
        for s in specs:
            if s.tag == "img":
                out.append(f'<img src="{escape(s.href)}" alt="{escape(s.text)}">')
            else:
                out.append(f'<a href="{escape(s.href)}">{escape(s.text)}</a>')
        return f'<div class="related">相关链接：{" ".join(out)}</div>' if out else ""

    # ---- home ----------------------------------------------------------------------------------

    def home(self) -> Resp:
        p, flags = self.plan, self.plan.home_flags
        blocks = self.home_nav() if p.nav_home else self.home_blocks()
        main = blocks + self.home_entries() + ("" if "no_gov" in flags else self.gov_block())
        if p.slow_link:
            main += f'<div class="friend-links">友情链接：<a href="http://{p.aux_host("slow")}/">市政务数据共享平台</a></div>\n'
        title = hijack.BRAND if p.hijack else p.identity.name
        body_top = hijack.tag_soup(self.rng("soup")) if p.hijack else ""
        body_top += self.benign_top() if p.benign_hidden else ""
        tail = "" if "no_zc" in flags else self.zhaocuo()
        if p.benign_hidden:
            tail += '<div style="height:0;overflow:hidden"><script src="http://hm.baidu.com/hm.js?0f1e2d3c4b5a"></script></div>\n'
        if p.hijack:
            main = main.replace(self.items.place, hijack.BRAND.split("_")[0])
        return self.wrap(title, self.site_tags(), main, home=True, body_top=body_top, tail=tail)

    def home_blocks(self) -> str:
        out = []
        for key in HOME_BLOCKS:
            if not self.plan.has(key):
                continue
            entries = self.items.entries(key)[:6]
            out.append(T.block(self.fam, BY_KEY[key].name, self.col_href(key), entries, HOME_STYLE[self.fam], self.as_of.date()))
        return "".join(out)

    def home_nav(self) -> str:
        links = "".join(f'<li><a href="{u}">{escape(t)}</a></li>' for t, u in self.first_level()[1:])
        return f'<div class="portal-nav"><ul>{links}</ul></div>\n'

    def home_entries(self) -> str:
        p = self.plan
        links = [f'<a href="{self.col_href("xxgk")}">政府信息公开</a>']
        if p.has("zxly"):
            links.append(f'<a href="{self.col_href("zxly")}">领导信箱</a> <a href="{self.col_href("zxly")}">咨询留言</a>')
        if p.has("bsfw"):
            links.append(f'<a href="{self.col_href("bsfw")}">办事服务</a> <a href="{self.col_href("bszn")}">办事指南</a>')
        if "no_report" not in p.home_flags:
            y = self.as_of.year - 1
            links.append(f'<a href="/report/{y}.html">{y}年度政府网站工作年度报表</a>')
        return f'<div class="entries">{" | ".join(links)}</div>\n'

    def gov_block(self) -> str:
        """The 国务院信息 block: a list of gov.cn links, or on a navigation home page two entries (no list)."""
        if self.plan.nav_home:
            return ('<div class="block gov"><a href="http://www.gov.cn/">国务院信息</a> '
                    '<a href="http://www.gov.cn/zhengce/">国务院政策文件库</a></div>\n')
        r = self.rng("gov")
        titles = ("国务院常务会议研究部署有关工作", "国务院办公厅关于进一步优化营商环境的意见", "国务院政策例行吹风会",
                  "国务院关于印发有关行动方案的通知", "国务院部门新闻发布会")
        items = "".join(f'<li><a href="http://www.gov.cn/zhengce/content/{r.randint(100000, 999999)}.htm">{t}</a></li>' for t in titles)
        return f'<div class="block gov"><div class="block-title"><h3>国务院信息</h3><a class="more" href="http://www.gov.cn/">更多</a></div><ul>{items}</ul></div>\n'

    def zhaocuo(self) -> str:
        code = self.plan.identity.id_code
        if self.plan.index % 2:
            return (f'<div class="jiucuo"><a href="http://zfwzzc.www.gov.cn/check_web/errorInfo_querySearch.action?site_code={code}">'
                    "我为政府网站找错</a></div>\n")
        return f'<script id="_jiucuo_" sitecode="{code}" src="http://zfwzzc.www.gov.cn/plugin/js/jiucuo.js"></script>\n'

    def benign_top(self) -> str:
        links = "".join(f'<a href="{u}">{escape(t)}</a>' for t, u in self.first_level()[1:6])
        return ('<a href="#main" style="position:absolute;left:-10000px;top:auto;width:1px;height:1px;overflow:hidden">跳转到主要内容</a>\n'
                f'<div class="mobile-menu" style="display:none">{links}</div>\n')

    # ---- other pages -------------------------------------------------------------------------

    def message_list(self) -> Resp:
        no_reply = "no_reply_time" in self.plan.msg_flags
        head = "<tr><th>标题</th><th>留言时间</th>" + ("" if no_reply else "<th>答复时间</th>") + "<th>状态</th></tr>"
        rows = []
        for m in self.items.messages:
            rep = "" if no_reply else (f"<td>{m.replied:%Y-%m-%d}</td>" if m.replied else "<td></td>")
            state = "已答复" if m.replied else "办理中"
            rows.append(f'<tr><td><a href="/msg/{m.index}.html">{escape(m.title)}</a></td><td>{m.asked:%Y-%m-%d}</td>{rep}<td>{state}</td></tr>')
        main = (T.breadcrumb(self.trail("zxly")) + '<h2>领导信箱</h2><p><a href="/hdjl/write.html">我要写信</a></p>'
                f'<table class="messages">{head}{"".join(rows)}</table>\n')
        return self.wrap(f"领导信箱_{self.plan.identity.name}", self.column_tags("zxly"), main)

    def message(self, i: int) -> Resp:
        found = [m for m in self.items.messages if m.index == i]
        if not found or not self.plan.has("zxly"):
            return self.not_found()
        m = found[0]
        reply = (f"<p>答复单位：{escape(m.unit)}</p><p>答复时间：{m.replied:%Y-%m-%d %H:%M}</p><p>答复内容：您好，您反映的问题已转相关部门办理，感谢您的关注。</p>"
                 if m.replied else "<p>状态：办理中</p>")
        main = (T.breadcrumb(self.trail("zxly")) + f'<div class="message"><h2>{escape(m.title)}</h2><p>留言人：网友</p>'
                f"<p>留言时间：{m.asked:%Y-%m-%d %H:%M}</p><p>留言内容：{escape(m.title)}，请相关部门予以答复。</p>{reply}</div>\n")
        return self.wrap(f"{m.title}_{self.plan.identity.name}", self.column_tags("zxly"), main)

    def write_form(self) -> Resp:
        main = ('<h2>我要写信</h2><form action="/hdjl/submit" method="post"><input name="title"><textarea name="body">'
                "</textarea><button>提交</button></form>")
        return self.wrap("我要写信", self.site_tags(), main)  # a form, not a column: no column tags

    def guide(self, i: int) -> Resp:
        if not self.plan.has("bszn") or not 0 <= i < len(MATTERS):
            return self.not_found()
        matter, missing = MATTERS[i], self.plan.guide_missing.get(i, [])
        values = {"事项名称": matter, "设定依据": "《中华人民共和国行政许可法》及相关法规", "申请条件": "符合相关规定的申请人",
                  "办理材料": "申请表、身份证明材料", "办理地点": f"{self.items.place}政务服务中心一楼综合窗口",
                  "办理时间": "工作日上午9:00-12:00，下午13:30-17:30", "联系电话": "0912-12345",
                  "办理流程": "申请—受理—审核—办结"}
        fields = {k: v for k, v in values.items() if k not in missing}
        online = f"http://{self.plan.aux_host('zxbl')}/"
        main = (T.breadcrumb(self.trail("bszn")) + f'<div class="guide"><h2>{escape(matter)}办事指南</h2>'
                + T.guide_body(self.fam, fields) + f'<p><a href="/files/{FORMS[0]}">下载申请表</a> '
                f'<a href="{online}">在线办理</a></p></div>\n')
        return self.wrap(f"{matter}_{self.plan.identity.name}", self.column_tags("bszn"), main)

    def topic(self, i: int) -> Resp:
        if not self.plan.has("ztzl") or not 0 <= i < self.items.count("ztzl"):
            return self.not_found()
        entry = self.items.entries("ztzl")[i]
        lst = T.entry_list(self.fam, self.items.entries("zwyw")[:5], LIST_STYLE[self.fam], self.as_of.date())
        main = f'<div class="topic"><h2>{escape(entry.title)}</h2>{lst}</div>\n'
        if self.plan.bare_topic == i:
            html = (f'<!DOCTYPE html><html><head><meta charset="{self.charset}"><title>{escape(entry.title)}</title></head>'
                    f"<body><div class=\"zt-banner\"></div>{main}</body></html>\n")
            return Resp(text=html)
        return self.wrap(entry.title, self.column_tags("ztzl"), T.breadcrumb(self.trail("ztzl")) + main)

    def annual_report(self, year: int) -> Resp:
        main = (f"<h2>{escape(self.plan.identity.name)}{year}年度政府网站工作年度报表</h2>"
                f"<table><tr><td>网站名称</td><td>{escape(self.plan.identity.name)}</td></tr>"
                f"<tr><td>网站标识码</td><td>{self.plan.identity.id_code}</td></tr></table>")
        return self.wrap(f"{year}年度政府网站工作年度报表", self.site_tags(), main)

    def search(self, q: str) -> Resp:
        hits = [e for key in HOME_BLOCKS if self.plan.has(key) for e in self.items.entries(key) if q and q in e.title]
        main = f"<h2>搜索结果</h2><p>共找到 {len(hits)} 条结果</p>" + T.entry_list(self.fam, hits[:20], "iso", self.as_of.date())
        return self.wrap("搜索结果", self.site_tags(), main)

    def sitemap(self) -> Resp:
        links = "".join(f'<li><a href="{self.col_href(c.key)}">{escape(c.name)}</a></li>'
                        for c in COLUMNS if self.plan.has(c.key) and c.key not in self.plan.blank)
        return self.wrap("网站地图", self.site_tags(), f"<h2>网站地图</h2><ul>{links}</ul>")

    def mirror(self) -> Resp:
        if not self.plan.hijack:
            return self.not_found()
        text = hijack.mirror_text(self.home().text)
        return Resp(text=text.replace(self.plan.identity.name, hijack.mirror_text(self.plan.identity.name)))

    def simple(self, title: str, text: str) -> Resp:
        return self.wrap(title, self.site_tags(), f"<h2>{escape(title)}</h2><p>{escape(text)}</p>")

    def not_found(self, status: int = 404) -> Resp:
        resp = self.simple("页面不存在", "您访问的页面不存在或已被删除。")
        resp.status = status
        return resp

    def robots(self) -> Resp:
        lines = ["User-agent: *", "Disallow: /admin/", "Disallow: /hdjl/submit"]
        if self.plan.robots_column:
            lines.append(f"Disallow: /col/{ROBOTS_COLUMN.key}/")
        return Resp(body=("\n".join(lines) + "\n").encode(), content_type="text/plain")

    def calendar(self, month: str) -> Resp:
        try:
            y, m = (int(x) for x in month.split("-"))
        except ValueError:
            y, m = 2026, 1
        prev = f"{y - (m == 1)}-{12 if m == 1 else m - 1:02d}"
        nxt = f"{y + (m == 12)}-{1 if m == 12 else m + 1:02d}"
        main = (f"<h2>活动日历 {y}年{m}月</h2><a href=\"/calendar?month={prev}\">上个月</a> "
                f"<a href=\"/calendar?month={nxt}\">下个月</a>")
        return self.wrap("活动日历", self.site_tags(), main)




def valid_id(division: str, r: random.Random) -> str:
    """An 18-digit 居民身份证号码 with a correct GB 11643 check digit."""
    body = f"{division}{r.randint(1960, 2000)}{r.randint(1, 12):02d}{r.randint(1, 28):02d}{r.randint(100, 999)}"
    weights = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
    total = sum(int(d) * w for d, w in zip(body, weights))
    return body + "10X98765432"[total % 11]
