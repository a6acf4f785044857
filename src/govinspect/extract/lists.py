"""Article lists on a page (spec §7.1 dated items): home-page blocks, a column's main list, 相关阅读 blocks.

A list is a container holding ≥ 2 sibling entries (li, tr, dd, p, or bare links) that each lead with one link to
an article-like URL. Dates are read from the entry's text outside the title, then the title attribute, then an
HTML comment inside the entry; year-less dates are resolved by `dates.resolve_sequence`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from selectolax.lexbor import LexborHTMLParser, LexborNode

from ..models import ArticleList, ListItem
from .dates import PartialDate, find_partial, resolve_sequence
from .links import absolute
from .markings import normalise
from .regions import RegionMap

_ITEM_TAGS = frozenset({"li", "tr", "dd", "dt", "p"})
_LIST_CONTAINERS = frozenset({"ul", "ol", "table", "tbody", "dl"})
_CONTAINER_STOP = frozenset({"body", "html"})
_COMMENT = re.compile(r"<!--(.*?)-->", re.S)
_INDEX_PAGE = re.compile(r"/(?:index|default|list|main)(?:_\d+)?\.\w+$|/$", re.I)
_ARTICLE_HINT = re.compile(r"\d{4,}|[?&](?:id|aid|articleid|docid|sid|intreleaseid|infoid|contentid)=", re.I)
_NOT_ARTICLE = ("javascript:", "mailto:", "tel:", "#")
_DOCUMENT = re.compile(r"\.(?:docx?|xlsx?|pptx?|pdf|zip|rar|7z|wps|et|ofd|txt|jpe?g|png|gif)$", re.I)  # attachments
_MORE = re.compile(r"^(?:更多|更多>+|more|MORE|More|>>|》》|\+)\s*[>＞》+]*$")
_HEADING_TAGS = ("h1", "h2", "h3", "h4", "h5", "h6")
_EXTENSION = re.compile(r"\.\w{2,5}$")
_MAX_HEADING = 16
UNDATED_MEAN_TITLE = 10  # undated link blocks with shorter texts are menus and icon lists


@dataclass(slots=True)
class _Entry:
    node: LexborNode
    anchor: LexborNode
    title: str
    url: str
    article: bool  # the URL looks like one article (not a column index, an attachment, or a site)
    found: PartialDate | None = None


@dataclass(slots=True)
class _Group:
    container: LexborNode
    region: str
    entries: list[_Entry] = field(default_factory=list)


@lru_cache(maxsize=8192)
def article_like(url: str) -> bool:
    """A URL that looks like one article rather than a column index, a site, an attachment, or script."""
    low = url.lower()
    if not url or low.startswith(_NOT_ARTICLE) or not low.startswith(("http", "/")):
        return False
    path, _, query = url.partition("#")[0].partition("?")
    if "//" in path[:8]:  # drop scheme and host without urllib (this runs for every anchor)
        slash = path.find("/", path.find("//") + 2)
        path = path[slash:] if slash >= 0 else "/"
    if _DOCUMENT.search(path):
        return False
    query = "?" + query
    if _INDEX_PAGE.search(path) and not _ARTICLE_HINT.search(query):
        return False
    return bool(_ARTICLE_HINT.search(path + query)) or bool(_EXTENSION.search(path))


def _entry_node(anchor: LexborNode) -> LexborNode:
    """The item an anchor belongs to: its nearest li/tr/dd/p within four levels, else the anchor itself."""
    node = anchor.parent
    for _ in range(4):
        if node is None:
            break
        tag = node.tag
        if tag in _CONTAINER_STOP:
            break
        if tag in _ITEM_TAGS:
            return node
        node = node.parent
    return anchor


def _container(entry: LexborNode) -> LexborNode | None:
    parent = entry.parent
    if parent is not None and parent.tag == "tbody" and parent.parent is not None:
        return parent.parent
    return parent


def _title(anchor: LexborNode) -> str:
    """The title attribute beats a truncated anchor text ("…")."""
    text = normalise(anchor.text(deep=True, separator="", strip=False))
    attr = normalise(anchor.attributes.get("title") or "")
    if attr and (not text or text.endswith(("...", "…", "..")) or len(attr) > len(text)):
        return attr
    return text


def _group_anchors(tree: LexborHTMLParser, regions: RegionMap, base: str) -> list[_Group]:
    """Entries grouped by container; an entry's title link is its first article-like link, else its first link."""
    groups: dict[int, _Group] = {}
    by_entry: dict[int, _Entry] = {}
    for anchor in tree.css("a[href]"):
        url = absolute(base, anchor.attributes.get("href") or "")
        if not url.startswith(("http://", "https://")):
            continue
        entry = _entry_node(anchor)
        known = by_entry.get(entry.mem_id)
        article = article_like(url)
        if known is not None and (known.article or not article):
            continue
        title = _title(anchor)
        if len(title) < 4:
            continue
        if known is not None:  # a category link came first ("[通知] 标题"): the article link is the title
            known.anchor, known.title, known.url, known.article = anchor, title, url, True
            continue
        container = _container(entry)
        if container is None:
            continue
        group = groups.get(container.mem_id)
        if group is None:
            group = groups[container.mem_id] = _Group(container, regions.region_of(anchor))
        by_entry[entry.mem_id] = item = _Entry(entry, anchor, title, url, article)
        group.entries.append(item)
    return list(groups.values())


def _text_outside(entry: _Entry) -> str:
    """The entry's text without the title link's text (a title may contain a year)."""
    if entry.node is entry.anchor:
        return _following_text(entry.anchor)
    full = entry.node.text(deep=True, separator=" ", strip=False)
    inner = entry.anchor.text(deep=True, separator=" ", strip=False)
    return full.replace(inner, " ", 1) if inner else full


def _following_text(anchor: LexborNode) -> str:
    """For bare links in a div: the siblings up to the next link (`<a>…</a><span>[09-21]</span>`)."""
    parts: list[str] = []
    node = anchor.next
    while node is not None and node.tag != "a":
        parts.append(node.text(deep=True, strip=False) if node.tag != "-comment" else "")
        node = node.next
    node = anchor.prev
    if node is not None and node.tag == "span":  # a date before the link
        parts.append(node.text(deep=True, strip=False))
    return " ".join(parts)


def _find_date(entry: _Entry) -> PartialDate | None:
    found = find_partial(_text_outside(entry))
    if found is None:
        found = find_partial(entry.anchor.attributes.get("title") or "")
    if found is None and entry.node is not entry.anchor:
        html_text = entry.node.html or ""
        if "<!--" in html_text:  # dates kept only in a comment next to the item (hn_hunan_home)
            found = find_partial(" ".join(_COMMENT.findall(html_text)))
    return found


def _is_list(group: _Group, dated: int, column_page: bool) -> bool:
    entries = group.entries
    if len(entries) < 2:  # a column page's main list may hold one dated article (a column that is nearly idle)
        return (column_page and dated == 1 and entries[0].article and group.region == "main"
                and group.container.tag in _LIST_CONTAINERS)
    if dated * 2 >= len(entries):
        return True  # dated entries make a list even of topic pages or downloadable forms
    if group.region != "main" or sum(1 for e in entries if e.article) * 2 < len(entries):
        return False  # undated blocks in nav/header/footer, or of column/site links, are menus
    mean = sum(len(e.title) for e in entries) / len(entries)
    return len(entries) >= 3 and mean >= UNDATED_MEAN_TITLE


_MORE_TEXT = re.compile(r"更多\s*[>＞》+]*|more\s*[>＞》+]*|>>|》》", re.I)


def _tab_labels(node: LexborNode) -> list[str]:
    """The labels of a tab bar (`<ul><li>要闻</li><li>动态</li></ul>`): ≥ 2 short texts, or [] when not one."""
    items = node.css("li") or [c for c in node.iter(include_text=False) if c.tag not in ("script", "style")]
    labels = [normalise(_MORE_TEXT.sub("", i.text(deep=True, separator=" ", strip=False))) for i in items]
    labels = [label for label in labels if label]
    if len(labels) >= 2 and all(2 <= len(label) <= 10 for label in labels):
        return labels
    return []


_STATE_CLASSES = frozenset({"current", "cur", "on", "active", "show", "hide", "hidden", "selected", "first", "last"})


def _panel_class(node: LexborNode) -> tuple[str | None, frozenset[str]]:
    """Tag and class of a tab panel without state classes ("g-tab-pad current" is a "g-tab-pad")."""
    return node.tag, frozenset((node.attributes.get("class") or "").split()) - _STATE_CLASSES


def _panels_between(tab_bar: LexborNode | None, node: LexborNode) -> int:
    """How many sibling panels (same tag and class as node) stand before node, back to the tab bar."""
    index, prev, kind = 0, node.prev, _panel_class(node)
    while prev is not None and (tab_bar is None or prev.mem_id != tab_bar.mem_id):
        if prev.is_element_node and _panel_class(prev) == kind:
            index += 1
        prev = prev.prev
    return index


def _has_sibling_panels(tab_bar: LexborNode, node: LexborNode) -> bool:
    kind, walk = _panel_class(node), node.next
    while walk is not None:
        if walk.is_element_node and _panel_class(walk) == kind:
            return True
        walk = walk.next
    return _panels_between(tab_bar, node) > 0


def _inner_heading(container: LexborNode, entries: set[int]) -> str:
    """A heading inside the container before its entries (`<dl><dt>要闻</dt><dd>…`)."""
    for child in container.iter(include_text=False):
        if child.mem_id in entries or child.css_first("a[href]") is not None and child.tag not in _HEADING_TAGS:
            return ""
        text = normalise(_MORE_TEXT.sub("", child.text(deep=True, separator=" ", strip=False)))
        if 2 <= len(text) <= _MAX_HEADING:
            return text
    return ""


def _is_trail(node: LexborNode) -> bool:
    text = node.text(deep=True, strip=True)
    return "位置" in text or text.startswith("首页") or "首页>" in text.replace(" ", "")


def _heading(container: LexborNode) -> tuple[str, LexborNode | None]:
    """The block's heading and the block holding it: a short text just before the list (climbing up to three
    levels), or, after a tab bar, the tab label at this panel's position. Sibling panels are stepped over."""
    node: LexborNode | None = container
    panel = 0  # the position of the innermost tab panel holding the list among its same-tag siblings
    for _ in range(3):
        if node is None:
            break
        prev, steps = node.prev, 0
        while prev is not None and steps < 8:
            if prev.is_element_node and prev.tag not in ("script", "style"):
                steps += 1
                if _is_trail(prev):  # the 当前位置 line is no heading; the page's column names the list
                    prev = prev.prev
                    continue
                tabs = _tab_labels(prev)
                if tabs:
                    # panels are the siblings here, or (tab box holding one wrapper) the container's siblings
                    index = _panels_between(prev, node) if _has_sibling_panels(prev, node) else panel
                    return tabs[index] if index < len(tabs) else tabs[0], node.parent
                text = normalise(_MORE_TEXT.sub("", prev.text(deep=True, separator=" ", strip=False)))
                if 2 <= len(text) <= _MAX_HEADING:
                    return text, node.parent
                if text and prev.tag != node.tag:  # another panel of the same tab box is stepped over
                    break
            prev = prev.prev
        panel = panel or _panels_between(None, node)
        node = node.parent
    return "", None


def _more_url(block: LexborNode | None, base: str) -> str | None:
    if block is None:
        return None
    for a in block.css("a[href]"):
        text = normalise(a.text(deep=True, strip=False)) or (a.attributes.get("title") or "")
        if _MORE.match(text) or text.startswith("更多"):
            return absolute(base, a.attributes.get("href") or "")
    return None


def extract_lists(tree: LexborHTMLParser, regions: RegionMap, base: str, as_of: date,
                  main_column: str = "", column_page: bool = False) -> list[ArticleList]:
    """Every list of articles on the page, items newest first (undated items after dated ones).

    `main_column` names a list without a heading of its own; `column_page` (a page with a breadcrumb and no
    article tags) lets a one-item dated list count."""
    out: list[ArticleList] = []
    main_list: tuple[int, ArticleList] | None = None  # (size, list): the column page's own list
    for group in _group_anchors(tree, regions, base):
        for entry in group.entries:
            entry.found = _find_date(entry)
        dated = sum(1 for e in group.entries if e.found)
        if not _is_list(group, dated, column_page):
            continue
        dates = resolve_sequence([e.found for e in group.entries], [e.url for e in group.entries], as_of)
        items = [ListItem(e.title, e.url, d) for e, d in zip(group.entries, dates)]
        items.sort(key=lambda i: i.date or date.min, reverse=True)
        heading = _inner_heading(group.container, {e.node.mem_id for e in group.entries})
        block = group.container
        if not heading:
            heading, block = _heading(group.container)
        out.append(ArticleList(heading or main_column, items, _more_url(block, base)))
        if column_page and group.region == "main" and (main_list is None or len(items) > main_list[0]):
            main_list = (len(items), out[-1])
    if main_list is not None and main_column:
        main_list[1].column = main_column  # a column page's main list is that column, whatever stands above it
    return out
