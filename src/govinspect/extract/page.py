"""`extract_page`: every fact of one page from one parse, and `page_facts_json`, the `page --json` contract.

Steps: parse once → regions → tags and title → links → lists → markings and entries → breadcrumb, messages,
guide labels → page kind, publication time, blank marker, data sources, soft 404 → security signals.
"""
from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any
from urllib.parse import urlsplit

from selectolax.lexbor import LexborHTMLParser

from ..models import ArticleList, Finding, PageFacts, PageKind
from .breadcrumbs import extract_breadcrumb
from .dates import find_datetime
from .entries import extract_entries
from .guides import extract_guide_labels
from .links import absolute, base_url, collect_links
from .lists import extract_lists
from .markings import MarkingTexts, content_footer, extract_markings, normalise, script_source, script_text
from .messages import extract_messages
from .regions import RegionMap, block_text
from .soft404 import is_soft404
from .tags import has_viewport, meta_tag, page_meta, page_title

_HOME_PATH = re.compile(r"^/?(?:index|default|main|home)?(?:\.s?html?|\.jsp|\.php|\.aspx?)?$", re.I)
_PUB_LABELS = (re.compile(r"(?:发布时间|发布日期|发文日期|发稿时间)\s*[:：]?\s*"),
               re.compile(r"(?:更新时间|时间|日期)\s*[:：]\s*"))
_BLANK = re.compile(r"暂无信息|暂无数据|暂无内容|暂无相关信息|栏目建设中|正在建设中|内容更新中|栏目正在建设")
_DATA_ATTRS = "[data-url], [data-api], [data-source], [data-json]"
_DATA_URL = re.compile(r"""['"]((?:https?:)?[\w./:-]*?(?:\.json|/api/[\w./-]*|getJson[\w.]*|/json/[\w./-]*)(?:\?[^'"\s]*)?)['"]""",
                       re.I)
_STATIC = re.compile(r"\.(?:js|css|png|jpe?g|gif|svg|ico|woff2?|ttf|html?|shtml)(?:\?|$)", re.I)  # not data endpoints
_PAGINATION = re.compile(r"下一页|上一页|尾页|首页\s*上一页|共\s*\d+\s*页|第\s*\d+\s*页")
_GUIDE_GATE = ("办事指南", "申请条件", "受理条件", "办理材料", "申请材料", "设定依据", "法定依据", "实施依据")
_MESSAGE_WORDS = ("留言", "来信", "信件", "咨询", "信箱")
SAMPLE_CHARS = 300
HEADER_CHARS = 500
ARTICLE_TEXT = 1500  # characters of body text


def visible_text(tree: LexborHTMLParser) -> str:
    """The body's text without script and style contents."""
    body = tree.body
    return block_text(body, "\n") if body is not None else ""


def main_text(body_text: str, regions: RegionMap) -> str:
    """The body text without the header, nav and footer blocks (the 中部内容区)."""
    for region in ("header", "nav", "footer"):
        for node, hint in regions.outer:
            if hint == region:
                block = block_text(node, "\n").strip()
                if block:
                    body_text = body_text.replace(block, "", 1)
    return body_text


def _is_home_url(url: str) -> bool:
    try:
        return bool(_HOME_PATH.match(urlsplit(url).path or "/"))
    except ValueError:
        return False


def page_kind(facts: PageFacts, text: str) -> PageKind:
    """home, list, article, message, guide or other (see the module docs of each rule)."""
    meta, title = facts.meta, facts.title or ""
    main_lists = [l for l in facts.lists if len(l.items) >= 5]
    if _is_home_url(facts.url) or len(facts.lists) >= 4:
        return "home"
    if facts.guide_labels and ("办事指南" in title or "办事指南" in text or len(facts.guide_labels) >= 5):
        return "guide"
    trail = " ".join(facts.breadcrumb) + title
    if any(w in trail for w in _MESSAGE_WORDS) and re.search(r"(?:留言|来信|提问)时间", text) and not main_lists:
        return "message"
    if (meta_tag(meta, "ArticleTitle") or "").strip():
        return "article"
    if (meta_tag(meta, "ColumnName") or "").strip() and not (meta_tag(meta, "PubDate") or "").strip():
        return "list"
    if facts.breadcrumb and (main_lists or _PAGINATION.search(text) or facts.blank_marker):
        return "list"
    if facts.pub_date or (meta_tag(meta, "PubDate") or "").strip():
        return "article"
    if not main_lists and len(text) >= ARTICLE_TEXT and find_datetime(text):
        return "article"  # a long body with a date and no list: an article without tags or a 发布时间 label
    return "other"


def visible_pub_date(text: str) -> datetime | None:
    """The visible 发布时间 (or 发布日期/日期/时间 label) of an article."""
    for label in _PUB_LABELS:  # 发布时间 beats a table's 生成日期
        for m in label.finditer(text):
            found = find_datetime(text[m.end():m.end() + 40])
            if found:
                return found
    return None


def data_sources(tree: LexborHTMLParser, scripts: str, base: str) -> list[str]:
    """JSON endpoints a script or a data-url/data-api attribute fills lists from, absolute, on the page's host."""
    found: dict[str, None] = {}
    for node in tree.css(_DATA_ATTRS):
        for key in ("data-url", "data-api", "data-source", "data-json"):
            value = (node.attributes.get(key) or "").strip()
            if value:
                found.setdefault(absolute(base, value), None)
    host: str | None = ""
    for m in _DATA_URL.finditer(scripts):
        url = absolute(base, m[1])
        host = host or _host(base)
        if host and _host(url) == host and not _STATIC.search(url):
            found.setdefault(url, None)
    return [u for u in found if u.startswith(("http://", "https://"))]


def _host(url: str) -> str | None:
    try:
        return urlsplit(url).hostname
    except ValueError:  # page content is untrusted: a malformed URL names no host
        return None


def _main_column(meta: dict[str, str], breadcrumb: list[str], title: str | None) -> str:
    name = (meta_tag(meta, "ColumnName") or "").strip()
    return name or (breadcrumb[-1] if breadcrumb else (title or ""))


def _blank_marker(text: str, regions: RegionMap) -> str | None:
    m = _BLANK.search(text)
    if m is None:
        return None
    outside = regions.text("header") + regions.text("footer") + regions.text("nav")
    return None if m[0] in outside and m[0] not in text.replace(outside, "") else m[0]


def header_text(tree: LexborHTMLParser, regions: RegionMap) -> str:
    """The 头部标识区 text, with the alt/title of its images (the site name is often a logo image)."""
    parts = [regions.text("header")]
    for node, hint in regions.outer:
        if hint == "header":
            parts += [img.attributes.get("alt") or img.attributes.get("title") or "" for img in node.css("img")]
    return normalise(" ".join(p for p in parts if p))[:HEADER_CHARS]


def _signals(tree: LexborHTMLParser, url: str, facts: PageFacts, as_of: date | None) -> list[Finding]:
    from .security import page_signals  # security.py imports this module: imported at call time

    return page_signals(tree, url, facts, as_of=as_of)


def extract_page(text: str, url: str, *, status: int | None = None, encoding: str | None = None,
                 as_of: date | None = None, signals: bool = True) -> PageFacts:
    """Every fact of one decoded page. `as_of` resolves year-less dates (default: today)."""
    if isinstance(as_of, datetime):
        as_of = as_of.date()
    tree = LexborHTMLParser(text)
    base = base_url(tree, url)
    regions = RegionMap(tree)
    meta = page_meta(tree)
    facts = PageFacts(url=url, status=status, encoding=encoding, title=page_title(tree), meta=meta)
    facts.links = collect_links(tree, base, regions)
    body_text = visible_text(tree)
    source = script_source(tree)
    scripts = script_text(source)
    facts.breadcrumb = extract_breadcrumb(tree)
    main_column = _main_column(meta, facts.breadcrumb, facts.title)
    column_page = bool(facts.breadcrumb) and not (meta_tag(meta, "ArticleTitle") or "").strip() and not _is_home_url(url)
    facts.lists = extract_lists(tree, regions, base, as_of or date.today(), main_column, column_page)
    footer = regions.text("footer")
    if "主办" not in footer and "ICP" not in footer:
        footer += "\n" + content_footer(tree, body_text)
    texts = MarkingTexts(footer=footer, page=body_text, scripts=scripts, source=source)
    facts.markings = extract_markings(tree, texts, facts.links)
    facts.entries = extract_entries(tree, facts.links, source, source)
    _fill_details(facts, tree, body_text, regions, scripts, base)
    if signals:
        facts.signals = _signals(tree, url, facts, as_of)
    return facts


def _fill_details(facts: PageFacts, tree: LexborHTMLParser, body_text: str, regions: RegionMap, scripts: str,
                  base: str) -> None:
    """The facts that depend on the page's text: kind, dates, markers, messages, guide labels, soft 404."""
    facts.header_text = header_text(tree, regions)
    facts.has_viewport = has_viewport(facts.meta)
    facts.blank_marker = _blank_marker(body_text, regions)
    facts.data_sources = data_sources(tree, scripts, base)
    if any(w in body_text for w in _GUIDE_GATE):
        facts.guide_labels = extract_guide_labels(tree)
    if any(w in body_text for w in _MESSAGE_WORDS) and "时间" in body_text:
        facts.messages = extract_messages(tree, base)
    facts.pub_date = visible_pub_date(body_text)
    main = main_text(body_text, regions)
    facts.text_sample = normalise(main)[:SAMPLE_CHARS]
    facts.soft404 = is_soft404(facts.status, facts.title, main)
    facts.kind = page_kind(facts, body_text)
    if facts.kind != "article":
        facts.pub_date = None if facts.kind != "message" else facts.pub_date


# --- the `page --json` contract ---------------------------------------------------------------------

def _list_json(lst: ArticleList) -> dict[str, Any]:
    return {"column": lst.column, "more_url": lst.more_url,
            "items": [{"title": i.title, "url": i.url, "date": i.date.isoformat() if i.date else None}
                      for i in lst.items]}


def _text_or_none(value: str | None) -> str | None:
    return normalise(value) if value else None


def page_facts_json(facts: PageFacts) -> dict[str, Any]:
    """The DESIGN.md `page --json` document (extra keys after the contract's)."""
    m, e = facts.markings, facts.entries
    return {
        "url": facts.url, "status": facts.status, "encoding": facts.encoding, "title": facts.title,
        "meta": dict(facts.meta),
        "markings": {"site_id_code": _text_or_none(m.site_id_code), "icp": _text_or_none(m.icp),
                     "police_record": _text_or_none(m.police_record), "conac": bool(m.conac),
                     "sponsor": _text_or_none(m.sponsor), "zhaocuo_site_code": _text_or_none(m.zhaocuo_site_code),
                     "sitemap": m.sitemap, "contact": m.contact},
        "entries": {"search": e.search, "zhaocuo": e.zhaocuo, "xxgk": e.xxgk, "hudong": e.hudong, "banshi": e.banshi},
        "lists": [_list_json(lst) for lst in facts.lists],
        "links": [{"url": l.url, "tag": l.tag, "text": l.text, "region": l.region} for l in facts.links],
        "signals": [f.to_json() for f in facts.signals],
        "kind": facts.kind, "breadcrumb": facts.breadcrumb,
        "pub_date": facts.pub_date.isoformat(sep=" ") if facts.pub_date else None,
        "blank_marker": facts.blank_marker, "data_sources": facts.data_sources,
        "messages": [{"title": x.title, "url": x.url, "asked": x.asked.isoformat() if x.asked else None,
                      "answered": x.answered.isoformat() if x.answered else None, "status": x.status}
                     for x in facts.messages],
        "guide_labels": facts.guide_labels, "soft404": facts.soft404, "has_viewport": facts.has_viewport,
        "header_text": facts.header_text, "text_sample": facts.text_sample,
    }
