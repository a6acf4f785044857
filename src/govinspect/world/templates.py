"""The three page-template families (TRS WCM-like, 大汉 Hanweb-like tables, custom HTML5): markup only."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from html import escape

from .layout import GUIDE_LABELS


@dataclass(frozen=True, slots=True)
class Entry:
    title: str
    url: str
    when: datetime | None


def fmt_date(d: date, style: str, as_of: date) -> str:
    """One of the list date formats; the year-less [MM-DD] only for items younger than 300 days."""
    if style == "bracket" and (as_of - d).days < 300:
        return f"[{d:%m-%d}]"
    if style == "slash":
        return f"{d:%Y/%m/%d}"
    if style == "cn":
        return f"{d.year}年{d.month}月{d.day}日"
    if style == "dot":
        return f"{d:%Y.%m.%d}"
    return f"{d:%Y-%m-%d}"


def pub_line(family: str, when: datetime | None, source: str) -> str:
    if when is None:
        return f"来源：{escape(source)}"
    stamp = {"trs": f"{when:%Y-%m-%d %H:%M}", "hanweb": f"{when.year}年{when:%m}月{when:%d}日 {when:%H:%M}",
             "html5": f"{when:%Y.%m.%d %H:%M}"}[family]
    return f"发布时间：{stamp}　来源：{escape(source)}"


def meta_tags(tags: dict[str, str]) -> str:
    return "".join(f'<meta name="{k}" content="{escape(v)}">\n' for k, v in tags.items())


def head(title: str, charset: str, tags: dict[str, str], viewport: bool, extra: str = "") -> str:
    vp = '<meta name="viewport" content="width=device-width, initial-scale=1">\n' if viewport else ""
    cs = (f'<meta http-equiv="Content-Type" content="text/html; charset={charset}">\n' if charset == "gb2312"
          else f'<meta charset="{charset}">\n')
    return (f"<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n{cs}{vp}<title>{escape(title)}</title>\n"
            f"{meta_tags(tags)}{extra}<link rel=\"stylesheet\" href=\"/css/style.css\">\n</head>\n")


def header(family: str, name: str, show_name: bool, search: bool, nav: list[tuple[str, str]], extra: str = "") -> str:
    form = ('<form action="/search" method="get" class="search"><input type="text" name="q" placeholder="请输入关键词">'
            '<button type="submit">搜索</button></form>' if search else "")
    links = "".join(f'<li><a href="{escape(u)}">{escape(t)}</a></li>' for t, u in nav)
    if family == "trs":
        logo = f"<h1>{escape(name)}</h1>" if show_name else '<img src="/images/banner.png">'
        return (f'<div class="header"><div class="logo">{logo}</div><div class="top-links">{extra}'
                f'<a href="http://www.gov.cn/">中国政府网</a></div>{form}</div>\n<div class="nav"><ul>{links}</ul></div>\n')
    if family == "hanweb":
        alt = escape(name) if show_name else ""
        cells = "".join(f'<td><a href="{escape(u)}">{escape(t)}</a></td>' for t, u in nav)
        return (f'<table class="header" width="100%"><tr><td><img src="/images/logo.png" alt="{alt}"></td>'
                f'<td>{extra}{form}</td></tr></table>\n<table class="nav"><tr>{cells}</tr></table>\n')
    alt = escape(name) if show_name else ""
    return (f'<header class="site-header"><a class="logo" href="/"><img src="/images/logo.svg" alt="{alt}"></a>'
            f'{extra}{form}</header>\n<nav class="main-nav"><ul>{links}</ul></nav>\n')


def breadcrumb(trail: list[tuple[str, str]]) -> str:
    parts = " &gt; ".join(f'<a href="{escape(u)}">{escape(t)}</a>' for t, u in trail)
    return f'<div class="breadcrumb">当前位置：{parts}</div>\n'


def entry_list(family: str, entries: list[Entry], style: str, as_of: date) -> str:
    """Dated (or undated) article links in the family's list markup."""
    rows = []
    for e in entries:
        d = fmt_date(e.when.date(), style, as_of) if e.when else ""
        link = f'<a href="{escape(e.url)}" title="{escape(e.title)}">{escape(e.title)}</a>'
        if family == "trs":
            rows.append(f"<li>{link}<span class=\"date\">{d}</span></li>")
        elif family == "hanweb":
            rows.append(f'<tr><td class="title">{link}</td><td class="date">{d}</td></tr>')
        elif style == "dot":
            rows.append(f"<li>{link} {d}</li>")
        else:
            rows.append(f"<li>{link}<em>{d}</em></li>")
    body = "".join(rows)
    return f'<table class="list">{body}</table>' if family == "hanweb" else f'<ul class="list">{body}</ul>'


def block(family: str, heading: str, more: str, entries: list[Entry], style: str, as_of: date) -> str:
    inner = entry_list(family, entries, style, as_of)
    return (f'<div class="block"><div class="block-title"><h3>{escape(heading)}</h3>'
            f'<a class="more" href="{escape(more)}">更多&gt;&gt;</a></div>{inner}</div>\n')


def pager(base: str, page: int, pages: int) -> str:
    if pages <= 1:
        return ""
    def href(n: int) -> str:
        return base if n == 1 else f"{base}index_{n}.html"
    links = [f'<a href="{href(page - 1)}">上一页</a>'] if page > 1 else []
    links += [f'<a href="{href(n)}">{n}</a>' if n != page else f"<b>{n}</b>" for n in range(1, pages + 1)]
    if page < pages:
        links.append(f'<a href="{href(page + 1)}">下一页</a>')
    return f'<div class="pager">共 {pages} 页 {" ".join(links)}</div>\n'


@dataclass(frozen=True, slots=True)
class FooterInfo:
    sponsor: str | None
    id_code: str | None
    icp: str | None
    police: str | None
    conac: str | None  # the conac link target
    phone: str
    year: int


def footer(family: str, f: FooterInfo) -> str:
    parts = []
    if f.sponsor:
        parts.append(f"主办单位：{escape(f.sponsor)}")
    if f.id_code:
        parts.append(f"网站标识码：{escape(f.id_code)}")
    if f.icp:
        parts.append(f'<a href="http://beian.miit.gov.cn/">{escape(f.icp)}</a>')
    if f.police:
        parts.append(f'<a href="http://www.beian.gov.cn/portal/registerSystemInfo">{escape(f.police)}</a>')
    parts.append(f"联系电话：{f.phone}")
    links = '<a href="/sitemap.html">网站地图</a> | <a href="/about.html">关于本网</a> | <a href="/contact.html">联系我们</a>'
    conac = (f'<a href="{escape(f.conac)}" target="_blank"><img src="/images/red.png" alt="党政机关"></a>'
             if f.conac else "")
    text = " | ".join(parts)
    copy = f"Copyright © {f.year} 版权所有"
    if family == "hanweb":
        return (f'<table class="footer" width="100%"><tr><td>{links}</td></tr><tr><td>{text}</td></tr>'
                f"<tr><td>{copy}</td><td>{conac}</td></tr></table>\n")
    tag = "footer" if family == "html5" else "div"
    return f'<{tag} class="footer"><p>{links}</p><p>{text}</p><p>{copy}</p>{conac}</{tag}>\n'


def guide_body(family: str, fields: dict[str, str]) -> str:
    """A 办事指南 with its element labels written the family's way (spec §6.7 synonyms)."""
    col = {"trs": 0, "hanweb": 1, "html5": 2}[family]
    rows = [(GUIDE_LABELS[k][col], v) for k, v in fields.items()]
    if family == "trs":
        return "<table class=\"guide\">" + "".join(f"<tr><th>{k}</th><td>{escape(v)}</td></tr>" for k, v in rows) + "</table>"
    if family == "hanweb":
        return "".join(f"<p><strong>{k}：</strong>{escape(v)}</p>" for k, v in rows)
    return "<dl class=\"guide\">" + "".join(f"<dt>{k}</dt><dd>{escape(v)}</dd>" for k, v in rows) + "</dl>"


def page(head_html: str, body_top: str, header_html: str, main: str, footer_html: str, tail: str = "") -> str:
    return (f"{head_html}<body>\n{body_top}{header_html}<div class=\"main\" id=\"main\">\n{main}</div>\n"
            f"{footer_html}{tail}</body>\n</html>\n")
