"""The column model (栏目, spec §6.6): list pages of one site → `Column`s with class, level and dated items.

Pure: it reads the facts of the pages the crawler saw. A column is identified by the directory of its
list pages (pagination pages `index_1.html` fold into `index.html`); its name comes from the ColumnName
tag, the breadcrumb, or the link text that led to it; its level from the breadcrumb depth or from being
linked in the home page's main navigation; its parent from the breadcrumb.
"""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlsplit

from .models import Column, ListItem, PageFacts

LEXICON = Path(__file__).parent / "lexicon" / "column_types.toml"
INDEX_PAGE = re.compile(r"/(?:index|default|list)(?:_\d+)?\.(?:s?html?|jsp|aspx?|php)$", re.I)
PAGINATION = re.compile(r"(?:_|-|/page/)(\d+)(?=\.(?:s?html?|jsp|aspx?|php)$|/?$)", re.I)


@dataclass(frozen=True, slots=True)
class ColumnClass:
    id: str
    name: str  # as reports and evidence call it: 动态要闻, 通知公告, …
    contains: tuple[str, ...]
    exclude: tuple[str, ...]


@lru_cache(maxsize=1)
def column_classes() -> tuple[tuple[ColumnClass, ...], dict[str, str]]:
    data = tomllib.loads(LEXICON.read_text(encoding="utf-8"))
    classes = tuple(
        ColumnClass(c["id"], c["name"], tuple(c.get("exact", [])) + tuple(c.get("contains", [])),
                    tuple(c.get("exclude", [])))
        for c in data["class"]
    )
    return classes, dict(data["windows"])


def classify(name: str, column_type: str = "") -> str:
    """The update class of a column by its name, falling back to its ColumnType tag."""
    classes, _ = column_classes()
    for text in (name, column_type):
        if not text:
            continue
        for cls in classes:
            if any(word in text for word in cls.contains) and not any(x in text for x in cls.exclude):
                return cls.id
    return "other"


def class_name(cls: str) -> str:
    """The Chinese name of a column class (其他 for an unclassified column)."""
    names = {c.id: c.name for c in column_classes()[0]}
    return names.get(cls) or ("其他" if cls == "other" else cls)


@lru_cache(maxsize=65536)  # asked for every link of every page; the template's links repeat
def column_key(url: str) -> str:
    """The identity of the column a list page belongs to: scheme://host/dir/ without pagination."""
    parts = urlsplit(url)
    path = INDEX_PAGE.sub("/", parts.path)
    if path == parts.path:
        path = PAGINATION.sub("", path)
    if not path.endswith("/") and "." not in path.rsplit("/", 1)[-1]:
        path += "/"
    query = f"?{parts.query}" if parts.query and not path.endswith("/") else ""
    return f"{parts.scheme}://{parts.netloc.lower()}{path}{query}"


def build_columns(pages: list[PageFacts], home: PageFacts | None) -> list[Column]:
    """Group list pages into columns, name and classify them, link parents and children."""
    link_names = _link_names(pages)
    nav_keys = {column_key(link.url) for link in (home.links if home else []) if link.region in ("nav", "header")}
    groups: dict[str, list[PageFacts]] = {}
    for page in pages:
        if page.kind == "list" and (home is None or page.url != home.url):
            groups.setdefault(column_key(page.url), []).append(page)
    columns = [_column(key, group, link_names, nav_keys) for key, group in groups.items()]
    _link_parents(columns, {key: group[0] for key, group in groups.items()})
    return sorted(columns, key=lambda c: c.url)


def _column(key: str, group: list[PageFacts], link_names: dict[str, str], nav_keys: set[str]) -> Column:
    first = min(group, key=lambda p: (len(p.url), p.url))
    name = (first.meta.get("ColumnName") or "").strip() or (first.breadcrumb[-1] if first.breadcrumb else "") \
        or link_names.get(key, "") or (first.lists[0].column if first.lists else "") or (first.title or "")
    depth = len(first.breadcrumb)
    level = 1 if key in nav_keys or depth == 1 else max(depth, 2)
    items = _items(group)
    marker = next((p.blank_marker for p in group if p.blank_marker), None)
    scripted = any(p.data_sources for p in group)
    return Column(name=name, url=first.url, cls=classify(name, first.meta.get("ColumnType", "")), level=level,
                  items=items, blank_marker=marker, rendered_by_script=scripted)


def _items(group: list[PageFacts]) -> list[ListItem]:
    """Items of the column's own main list (the largest list of each page), deduplicated by URL."""
    seen: dict[str, ListItem] = {}
    for page in group:
        if not page.lists:
            continue
        main = max(page.lists, key=lambda lst: len(lst.items))
        for item in main.items:
            seen.setdefault(item.url, item)
    return sorted(seen.values(), key=lambda i: (i.date is None, -(i.date.toordinal() if i.date else 0)))


def _link_names(pages: list[PageFacts]) -> dict[str, str]:
    """Column key → the shortest link text that pointed at it (nav entries, 更多 targets)."""
    names: dict[str, str] = {}
    for page in pages:
        for lst in page.lists:
            if lst.more_url and lst.column:
                names.setdefault(column_key(lst.more_url), lst.column)
        for link in page.links:
            text = link.text.strip()
            if link.tag == "a" and 2 <= len(text) <= 12 and text not in ("更多", "更多>>", "more", "首页"):
                key = column_key(link.url)
                if key not in names or len(text) < len(names[key]):
                    names[key] = text
    return names


def _link_parents(columns: list[Column], firsts: dict[str, PageFacts]) -> None:
    by_name: dict[str, Column] = {}
    for col in columns:
        by_name.setdefault(col.name, col)
    for col in columns:
        trail = firsts[column_key(col.url)].breadcrumb
        if len(trail) >= 2:
            parent = by_name.get(trail[-2])
            if parent is not None and parent is not col and col.url not in parent.children:
                parent.children.append(col.url)


def has_content(column: Column, by_url: dict[str, Column], seen: frozenset[str] = frozenset()) -> bool:
    """Whether the column or any descendant column has ever had an item (spec: 空白栏目)."""
    if column.items or column.rendered_by_script:
        return True
    seen = seen | {column.url}
    return any(has_content(by_url[c], by_url, seen) for c in column.children if c in by_url and c not in seen)
