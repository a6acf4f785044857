"""Entries on a page (spec §6.4, §6.12 T-ZC): site search, 我为政府网站找错, 信息公开, 互动交流, 办事服务."""
from __future__ import annotations

import re

from selectolax.lexbor import LexborHTMLParser

from ..models import Entries, Link

_SEARCH_NAME = re.compile(r"search|keyword|query|(?:^|[^a-z])(?:qs|q|kw|wd|ss|sear|sousuo|searchword|key|text)(?:[^a-z]|$)"
                          r"|搜索|关键[词字]|检索|查询", re.I)
_TEXT_INPUT = frozenset({"", "text", "search"})
_SEARCH_ACTION = re.compile(r"search|sousuo|/s(?:[/?]|$)|so\.|jsearch|fulltext|query", re.I)
_SEARCH_HREF = re.compile(r"search|sousuo|fulltext|jsearch", re.I)
# Links that look like search but are another service: the national 找错 platform's query page.
_NOT_SITE_SEARCH = re.compile(r"zfwzzc\.www\.gov\.cn|jiucuo|errorInfo", re.I)
_NATIONAL_JIUCUO = re.compile(r"""id\s*=\s*\\?['"]?_jiucuo_|exposure/jiucuo|jiucuo\.html\?site_?code""", re.I)
_XXGK = ("政府信息公开", "信息公开")
_HUDONG = ("互动交流", "政民互动", "留言", "咨询", "信箱", "建言", "征集", "在线访谈", "互动")
_HUDONG_ONLY_NOT = ("网上信访", "纪检举报")
_BANSHI = ("办事服务", "政务服务", "办事指南", "网上办事", "在线办事", "网上办理", "便民服务")
_BANSHI_HOST = re.compile(r"zwfw|zwdt|banshi|bsfw|gjzwfw|ggfw|wsbs")  # matched in lower-cased host names


def _is_search_input(attrs: dict[str, str | None]) -> bool:
    if (attrs.get("type") or "").strip().lower() not in _TEXT_INPUT:
        return False
    names = " ".join(attrs.get(k) or "" for k in ("id", "name", "placeholder", "class", "title", "value"))
    return bool(_SEARCH_NAME.search(names))


_SCRIPT_INPUT = re.compile(r"<input\b[^>]*>", re.I)


def _script_inputs(source: str) -> bool:
    """A search input written by script (a header built with document.write)."""
    for m in _SCRIPT_INPUT.finditer(source):
        if _is_search_input(LexborHTMLParser(m[0]).css_first("input").attributes):
            return True
    return False


def search_entry(tree: LexborHTMLParser, links: list[Link], source: str = "") -> bool:
    """A live site-search box: a search-like text input (also in script-written markup), a search form with a
    text input, or a 搜索 link."""
    for node in tree.css("input"):
        if _is_search_input(node.attributes):
            return True
    if "<input" in source.lower() and _script_inputs(source):
        return True
    for form in tree.css("form"):
        action = form.attributes.get("action") or ""
        if _SEARCH_ACTION.search(action) and not re.search(r"method=search", action, re.I) and any(
                (i.attributes.get("type") or "").lower() in _TEXT_INPUT for i in form.css("input")):
            return True
    return any(l.tag == "a" and (l.text in ("搜索", "检索", "站内搜索") or _SEARCH_HREF.search(l.url)) and
               not l.url.lower().startswith("javascript") and not _NOT_SITE_SEARCH.search(l.url) for l in links)


def zhaocuo_entry(tree: LexborHTMLParser, links: list[Link], scripts: str) -> bool:
    """The national 我为政府网站找错 entry: the `_jiucuo_` script or span, a jiucuo link, or its text."""
    if tree.css_first("script#_jiucuo_, span#_span_jiucuo"):
        return True
    if any("exposure/jiucuo" in l.url or ("jiucuo" in l.url and "site_code=" in l.url.lower()) for l in links):
        return True
    if any("我为政府网站找错" in l.text for l in links):
        return True
    return bool(_NATIONAL_JIUCUO.search(scripts))


MAX_ENTRY_TEXT = 12  # an entry is a short navigation label; an article title that mentions 政务服务 is not one


def _is_entry(l: Link) -> bool:
    return l.tag in ("a", "area") and 0 < len(l.text.strip()) <= MAX_ENTRY_TEXT


def _labels(links: list[Link]) -> str:
    """The texts of the page's entry-like links, one per line: a word found here is in one of them."""
    return "\n".join(l.text for l in links if _is_entry(l))


def _link_has(links: list[Link], words: tuple[str, ...], labels: str | None = None) -> bool:
    labels = _labels(links) if labels is None else labels
    return any(w in labels for w in words)


def hudong_entry(links: list[Link], labels: str | None = None) -> bool:
    if not _link_has(links, _HUDONG, labels):
        return False
    for l in links:
        if not _is_entry(l):
            continue
        if any(w in l.text for w in _HUDONG) and not any(w == l.text for w in _HUDONG_ONLY_NOT):
            return True
    return False


def banshi_entry(links: list[Link], labels: str | None = None) -> bool:
    if _link_has(links, _BANSHI, labels):
        return True
    if not _BANSHI_HOST.search("\n".join(l.url for l in links).lower()):  # no such word in any URL at all
        return False
    return any(l.tag == "a" and _BANSHI_HOST.search(_host_part(l.url)) for l in links if l.url.startswith("http"))


def _host_part(url: str) -> str:
    return (url.split("/")[2] if url.count("/") >= 2 else "").lower()


def extract_entries(tree: LexborHTMLParser, links: list[Link], scripts: str, source: str = "") -> Entries:
    labels = _labels(links)
    return Entries(search=search_entry(tree, links, source), zhaocuo=zhaocuo_entry(tree, links, scripts),
                   xxgk=_link_has(links, _XXGK, labels), hudong=hudong_entry(links, labels),
                   banshi=banshi_entry(links, labels))
