"""The 当前位置 trail of a page (column names without 首页), for the column model and ColumnName checks (spec §6.3, §6.6)."""
from __future__ import annotations

import re
from typing import Iterator

from selectolax.lexbor import LexborHTMLParser, LexborNode

_HINTED = ("[class*=crumb], [id*=crumb], [class*=position], [id*=position], [class*=location], [id*=location], "
           "[class*=dqwz], [id*=dqwz], [class*=weizhi], [id*=weizhi], [class*=path], [id*=path]")
_LABEL = re.compile(r"^.*?(?:当前位置|您的位置|您现在的位置|现在的位置|所在位置|位置)\s*[:：]?\s*")
_SEPARATORS = re.compile(r"\s*(?:>>|>|»|＞|›|→|/|\\|》|〉|-&gt;)\s*")
_HOME = frozenset({"首页", "网站首页", "主页", "返回首页", "home", "Home", "HOME", "正文", "详情", "内容", "正文内容"})
_WORDS = ("当前位置", "您的位置", "您现在的位置", "所在位置")
_MAX_TEXT = 120


def _trail_text(node: LexborNode) -> str:
    return node.text(deep=True, separator=" > ", strip=True)


def _names(text: str) -> list[str]:
    text = _LABEL.sub("", text.replace("\u00a0", " ").replace("\u3000", " "), count=1)
    parts = [p.strip() for p in _SEPARATORS.split(text)]
    return [p for p in parts if p and p not in _HOME and len(p) <= 30]


def _candidates(tree: LexborHTMLParser) -> Iterator[LexborNode]:
    """Hinted blocks first, then the innermost element holding each label word. Lazy: the label search
    walks the text of every element, so it runs only when no hinted block gave a trail."""
    yield from (n for n in tree.css(_HINTED) if n.tag not in ("link", "script", "input", "meta", "a"))
    body = tree.body
    page_text = body.text(deep=True, strip=False) if body is not None else ""
    for word in _WORDS:
        if word not in page_text:
            continue
        matches = tree.css(f'*:lexbor-contains("{word}")')
        # the innermost element holding the label (the last match in document order)
        inner = [n for n in matches if n.tag not in ("html", "body", "script", "style", "title", "head")]
        if inner:
            yield inner[-1]


def _widen(node: LexborNode) -> LexborNode:
    """A bare label (`<span>当前位置：</span><a>…`) needs its parent to see the trail."""
    text = node.text(deep=True, strip=True)
    if _LABEL.sub("", text).strip() == "" and node.parent is not None:
        return node.parent
    return node


def extract_breadcrumb(tree: LexborHTMLParser) -> list[str]:
    """Column names of the page's position trail, outermost first, without 首页."""
    for node in _candidates(tree):
        node = _widen(node)
        text = _trail_text(node)
        if not text or len(text) > _MAX_TEXT * 3:
            continue
        names = _names(text)
        if names and sum(len(n) for n in names) <= _MAX_TEXT:
            return names
    return []
