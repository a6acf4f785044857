"""Script-filled lists: a page's JSON endpoint (PageFacts.data_sources) turned into an `ArticleList`.

Pure: the crawler fetches the endpoint, this module finds the first array of objects with a title-like
and a url-like key anywhere in the document and reads title, url and date from each item.
"""
from __future__ import annotations

import json
import re
from datetime import date, datetime, timedelta, timezone
from typing import Any
from urllib.parse import urljoin

from ..models import ArticleList, ListItem

TITLE_KEYS = ("title", "name", "doctitle", "subject", "biaoti", "bt", "text", "label")
URL_KEYS = ("url", "link", "href", "docurl", "linkurl", "path", "uri", "pageurl")
DATE_KEYS = ("date", "pubdate", "publishdate", "publish_date", "pubtime", "publishtime", "publish_time",
             "releasedate", "release_date", "docreltime", "createtime", "create_time", "created", "time",
             "fbrq", "fbsj", "scrq", "inputtime", "updatetime", "modified")
_DATE = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})")
_MAX_NODES = 10_000
_BEIJING = timezone(timedelta(hours=8))  # epoch values are dates as shown in China


def parse_items(text: str, base_url: str, column: str) -> ArticleList | None:
    """The list found in a JSON document, newest first; None when the document holds no such list."""
    try:
        doc = json.loads(text)
    except ValueError:
        return None
    rows = _find_rows(doc)
    if rows is None:
        return None
    items = [item for item in (_item(row, base_url) for row in rows) if item is not None]
    items.sort(key=lambda i: i.date or date.min, reverse=True)
    return ArticleList(column=column, items=items)


def _find_rows(doc: Any) -> list[dict[str, Any]] | None:
    """Breadth-first search for the first list whose objects carry a title and a url."""
    queue, seen = [doc], 0
    while queue and seen < _MAX_NODES:
        node = queue.pop(0)
        seen += 1
        if isinstance(node, list):
            rows = [r for r in node if isinstance(r, dict)]
            if rows and _key(rows[0], TITLE_KEYS) and _key(rows[0], URL_KEYS):
                return rows
            queue.extend(r for r in node if isinstance(r, (list, dict)))
        elif isinstance(node, dict):
            queue.extend(v for v in node.values() if isinstance(v, (list, dict)))
    return None


def _key(row: dict[str, Any], names: tuple[str, ...]) -> str | None:
    lowered = {k.lower(): k for k in row if isinstance(k, str)}
    for name in names:
        if name in lowered and row[lowered[name]] not in (None, ""):
            return lowered[name]
    return None


def _item(row: dict[str, Any], base_url: str) -> ListItem | None:
    title_key, url_key = _key(row, TITLE_KEYS), _key(row, URL_KEYS)
    if title_key is None or url_key is None:
        return None
    date_key = _key(row, DATE_KEYS)
    when = parse_date(row[date_key]) if date_key else None
    return ListItem(title=str(row[title_key]).strip(), url=urljoin(base_url, str(row[url_key]).strip()), date=when)


def parse_date(value: Any) -> date | None:
    """'2024-05-06', '2024年5月6日', '2024/05/06 10:00', or epoch seconds/milliseconds."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        seconds = value / 1000 if value > 10**11 else value
        try:
            return datetime.fromtimestamp(seconds, tz=_BEIJING).date()
        except (OverflowError, OSError, ValueError):
            return None
    m = _DATE.search(str(value))
    if not m:
        return None
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None
