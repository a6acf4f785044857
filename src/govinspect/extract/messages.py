"""Rows of a public 留言 list (spec §7.1 message-board records): title, link, 留言时间, 答复时间, 状态."""
from __future__ import annotations

import re
from datetime import date

from selectolax.lexbor import LexborHTMLParser, LexborNode

from ..models import Message
from .dates import find_full
from .links import absolute

_ASKED = ("留言时间", "提问时间", "来信时间", "写信时间", "提交时间", "发布时间")
_ANSWERED = ("答复时间", "回复时间", "办结时间", "处理时间")
_STATUS = ("状态", "办理状态", "处理状态", "回复状态")
_STATUS_WORDS = re.compile(r"已回复|已答复|未回复|未答复|办理中|处理中|已办结|待回复|已受理")
_LABELLED = re.compile(r"(留言时间|提问时间|来信时间|写信时间|提交时间|答复时间|回复时间|办结时间)\s*[:：]\s*"
                       r"((?:19|20)\d{2}[-/.年]\d{1,2}[-/.月]\d{1,2})")


def _cells(row: LexborNode) -> list[LexborNode]:
    return [c for c in row.iter(include_text=False) if c.tag in ("td", "th")]


def _column_of(headers: list[str], words: tuple[str, ...]) -> int | None:
    return next((i for i, h in enumerate(headers) if any(w in h for w in words)), None)


def _cell_date(cells: list[LexborNode], index: int | None) -> date | None:
    if index is None or index >= len(cells):
        return None
    return find_full(cells[index].text(deep=True, strip=True))


def _table_messages(table: LexborNode, base: str) -> list[Message]:
    rows = table.css("tr")
    if not rows:
        return []
    headers = [c.text(deep=True, strip=True) for c in _cells(rows[0])]
    asked, answered = _column_of(headers, _ASKED), _column_of(headers, _ANSWERED)
    if asked is None and answered is None:
        return []
    status = _column_of(headers, _STATUS)
    out = []
    for row in rows[1:]:
        cells, link = _cells(row), row.css_first("a[href]")
        if link is None or not cells:
            continue
        title = (link.attributes.get("title") or link.text(deep=True, strip=True)).strip()
        state = cells[status].text(deep=True, strip=True) if status is not None and status < len(cells) else ""
        out.append(Message(title, absolute(base, link.attributes.get("href") or ""), _cell_date(cells, asked),
                           _cell_date(cells, answered), state or _status_in(row)))
    return out


def _status_in(node: LexborNode) -> str:
    m = _STATUS_WORDS.search(node.text(deep=True, strip=True))
    return m[0] if m else ""


def _labelled_messages(tree: LexborHTMLParser, base: str) -> list[Message]:
    """`<li><a>标题</a><span>留言时间：2024-01-02</span><span>答复时间：…</span></li>` style rows."""
    out = []
    for row in tree.css("li, dl, div.item, div.row"):
        text = row.text(deep=True, separator=" ", strip=True)
        if "时间" not in text or len(text) > 400:
            continue
        found = {label: value for label, value in _LABELLED.findall(text)}
        link = row.css_first("a[href]")
        if not found or link is None:
            continue
        asked = next((find_full(found[k]) for k in _ASKED if k in found), None)
        answered = next((find_full(found[k]) for k in _ANSWERED if k in found), None)
        title = (link.attributes.get("title") or link.text(deep=True, strip=True)).strip()
        out.append(Message(title, absolute(base, link.attributes.get("href") or ""), asked, answered, _status_in(row)))
    return out


def extract_messages(tree: LexborHTMLParser, base: str) -> list[Message]:
    """Message rows from tables with 留言时间/答复时间 headers, else from labelled list rows."""
    out: list[Message] = []
    for table in tree.css("table"):
        if len(table.css("table")) == 1:  # innermost tables only (css() matches the node itself)
            out += _table_messages(table, base)
    return out or _labelled_messages(tree, base)
