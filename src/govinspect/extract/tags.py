"""Page tags (`<meta name=…>`, spec §6.3 T-TAG), the page title and the viewport tag."""
from __future__ import annotations

import html
import re

from selectolax.lexbor import LexborHTMLParser

NATIONAL_TAGS = ("SiteName", "SiteDomain", "SiteIDCode", "ColumnName", "ColumnDescription", "ColumnKeywords",
                 "ColumnType", "ArticleTitle", "PubDate", "ContentSource", "Keywords", "Author", "Description",
                 "Url", "Image")
_CANONICAL = {name.lower(): name for name in NATIONAL_TAGS}
_QUOTES = "\"'“”‘’ \t\r\n"
_TAGS_IN_TEXT = re.compile(r"<[^>]*>")


def page_meta(tree: LexborHTMLParser) -> dict[str, str]:
    """name → content for every named meta tag (first non-empty value wins), names as written.

    A page that writes some national tags in their usual case and others in another case
    (`pubdate` next to `SiteName`) also gets the canonical name, so `meta["PubDate"]` finds it;
    a page with none in the usual case (old-style `sitename`) is left as written.
    """
    meta: dict[str, str] = {}
    for node in tree.css("meta[name]"):
        name = (node.attributes.get("name") or "").strip(_QUOTES)
        if not name:
            continue
        content = _unquote(node.attributes.get("content") or "")
        if name not in meta or (not meta[name].strip() and content.strip()):
            meta[name] = content
    if any(name in meta for name in NATIONAL_TAGS):
        for name, value in list(meta.items()):
            canonical = _CANONICAL.get(name.lower())
            if canonical and canonical not in meta:
                meta[canonical] = value
    return meta


def _unquote(content: str) -> str:
    """Odd quoting (content="”webkit”") loses its quotes; a value that opens with “ keeps it; whitespace is kept."""
    for q in ("”", "\"", "'"):
        if len(content) >= 2 and content.startswith(q) and content.endswith(q):
            return content[1:-1]
    return content


def meta_tag(meta: dict[str, str], name: str) -> str | None:
    """A tag by name, case-insensitively (exact case first)."""
    if name in meta:
        return meta[name]
    low = name.lower()
    return next((v for k, v in meta.items() if k.lower() == low), None)


def page_title(tree: LexborHTMLParser) -> str | None:
    """The `<title>` text; markup an editor pasted into it is removed."""
    node = tree.css_first("head title") or tree.css_first("title")
    if node is None:
        return None
    text = html.unescape(_TAGS_IN_TEXT.sub("", node.text(deep=True, strip=False)))
    return " ".join(text.split())


def has_viewport(meta: dict[str, str]) -> bool:
    value = meta_tag(meta, "viewport")
    return bool(value and "width" in value.lower())
