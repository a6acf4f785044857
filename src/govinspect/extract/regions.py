"""Page regions (头部标识区 header, nav, 中部内容区 main, 底部功能区 footer) by tag, id/class hints and position (spec §6.4)."""
from __future__ import annotations

import re
from functools import lru_cache

from selectolax.lexbor import LexborHTMLParser, LexborNode

from ..models import Region

# Hints are matched in lower-cased "id class" strings. Short words must stand alone ("top-bar", not "stop").
_FOOTER = re.compile(r"foot|bottom|copyright|banquan|(?:^|[^a-z])(?:bq|fot|db|dibu|bot|btm)(?:[^a-z]|$)")
_FOOTER_COMMENT = re.compile(r"底部|页脚|页尾|版权|footer|bottom", re.I)
_NAV = re.compile(r"(?:^|[^a-z])nav|navbar|menu|daohang|(?:^|[^a-z])(?:dh|lanmu)(?:[^a-z]|$)")
_HEADER = re.compile(r"header|(?:^|[^a-z])(?:head|top|logo|banner|toubu|tou|topbar)(?:[^a-z0-9]|$)")
_BLOCK_TITLE = re.compile(r"更多|more", re.I)  # a list block's title bar ("top"/"head" class) says 更多
_TAG_REGION: dict[str, Region] = {"header": "header", "nav": "nav", "footer": "footer"}
MAX_DEPTH = 6  # how deep under <body> hinted blocks are looked for
LAYOUT_DEPTH = 3  # header/footer blocks sit this near the top of <body>; deeper "top"/"bottom" classes are widgets
_PRIORITY = {"footer": 3, "nav": 2, "header": 1}
_NOT_SCANNED = frozenset({"script", "style", "a", "select"})


def hint_of(node: LexborNode, depth: int = 0) -> Region | None:
    """The region an element's tag, id or class names, or None. Header and footer class names count only
    near the top of the layout (a block's "title-head" or "list-bottom" is no page header or footer)."""
    tag = node.tag or ""
    if tag in _TAG_REGION:
        return _TAG_REGION[tag]
    attrs = node.attributes
    ident, classes = attrs.get("id"), attrs.get("class")
    if not ident and not classes:
        return None
    names = f"{ident or ''} {classes or ''}".lower()
    hint = _name_hint(names, depth <= LAYOUT_DEPTH)
    if hint == "header" and _BLOCK_TITLE.search(node.text(deep=True, strip=True)[:200]):
        return None
    return hint


@lru_cache(maxsize=4096)  # a site's template repeats the same id/class strings on every page
def _name_hint(names: str, layout: bool) -> Region | None:
    if layout and _FOOTER.search(names):
        return "footer"
    if _NAV.search(names):
        return "nav"
    if layout and _HEADER.search(names):
        return "header"
    return None


class RegionMap:
    """The hinted blocks of one page and the region of any node in it."""

    def __init__(self, tree: LexborHTMLParser) -> None:
        self.roots: dict[int, Region] = {}
        self.outer: list[tuple[LexborNode, Region]] = []  # outermost hinted blocks, for region text
        self._cache: dict[int, Region] = {}
        self._texts: dict[Region, str] = {}
        body = tree.body
        if body is not None:
            self._scan(body, 0, None)

    def _scan(self, node: LexborNode, depth: int, inside: Region | None) -> None:
        marked = False  # a `<!-- 底部开始 -->` comment marks the next block as the footer
        for child in node.iter(include_text=True):
            tag = child.tag
            if tag == "-comment":
                marked = marked or bool(_FOOTER_COMMENT.search(child.comment_content or ""))
                continue
            if tag == "-text" or not child.is_element_node:
                continue
            hint = hint_of(child, depth) or ("footer" if marked and depth <= 2 else None)
            marked = False
            if hint:
                self.roots[child.mem_id] = hint
                if inside is None:
                    self.outer.append((child, hint))
            if depth < MAX_DEPTH and tag not in _NOT_SCANNED:
                self._scan(child, depth + 1, inside or hint)

    def region_of(self, node: LexborNode) -> Region:
        """footer beats nav beats header (footers hold menus; headers hold navs); main otherwise."""
        parent = node.parent
        if parent is None:
            return "main"
        # The region of an element is the strongest hint on it or above it: walk up to the first element
        # already known, then record each element passed on the way (siblings share their ancestors).
        path: list[tuple[int, Region | None]] = []
        best: Region | None = None
        walk: LexborNode | None = parent
        while walk is not None:
            key = walk.mem_id
            best = self._cache.get(key)
            if best is not None:
                break
            path.append((key, self.roots.get(key)))
            walk = walk.parent
        best = best or "main"
        for key, hint in reversed(path):
            if hint and (best == "main" or _PRIORITY[hint] > _PRIORITY[best]):
                best = hint
            self._cache[key] = best
        return best

    def text(self, region: Region) -> str:
        """The visible text of the outermost blocks of one region (script and style contents left out)."""
        text = self._texts.get(region)
        if text is None:
            text = self._texts[region] = "\n".join(block_text(node) for node, hint in self.outer if hint == region)
        return text


def block_text(node: LexborNode, separator: str = "") -> str:
    """An element's text without the contents of the scripts and styles inside it."""
    text = node.text(deep=True, separator=separator, strip=False)
    for inner in node.css("script, style, noscript, template"):
        code = inner.text(deep=True, separator=separator, strip=False)
        if code.strip():
            text = text.replace(code, "", 1)
    return text
