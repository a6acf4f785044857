"""Every link a page would have checked (W-D4.4 inputs): absolute URLs, the tag, the text and the region."""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterator
from urllib.parse import urlsplit, urldefrag, urljoin

from selectolax.lexbor import LexborHTMLParser, LexborNode

from ..models import Link
from .regions import RegionMap

LINK_SELECTOR = ("a[href], area[href], img[src], iframe[src], frame[src], script[src], link[href], video[src], "
                 "audio[src], source[src], embed[src], object[data], meta[http-equiv]")
_SOURCE_ATTR = {"a": "href", "area": "href", "link": "href", "object": "data"}
_NOT_FETCHED = ("javascript:", "mailto:", "tel:", "data:", "about:", "sms:")
_INLINE = ("data:", "about")
_CONTROL = re.compile(r"[\t\n\r]")
_ORIGIN_ONLY = ("/", "http://", "https://")
_REFRESH = re.compile(r"url\s*=\s*['\"]?([^'\"\s;]+)", re.I)


def base_url(tree: LexborHTMLParser, url: str) -> str:
    """The page URL, or the document's `<base href>` resolved against it."""
    base = tree.css_first("base[href]")
    href = (base.attributes.get("href") or "").strip() if base else ""
    if not href:
        return url
    resolved = absolute(url, href)
    try:
        return resolved if urlsplit(resolved).hostname else url
    except ValueError:  # a malformed base (e.g. an unclosed IPv6 literal) is ignored, as browsers do
        return url


def absolute(base: str, href: str) -> str:
    """href as it will be requested: stripped, resolved, fragment dropped; javascript:/mailto: kept as written."""
    if href.startswith(_ORIGIN_ONLY):
        # Root-relative, protocol-relative and absolute hrefs resolve against the base's origin alone, so the
        # cache below serves a site's template links on every page, not once per page URL.
        base = _origin(base)
    return _resolve(base, href)


@lru_cache(maxsize=1024)
def _origin(base: str) -> str:
    """`http://host:port/` of an http(s) base; any other base as it is."""
    if not base.startswith(("http://", "https://")):
        return base
    end = base.find("/", base.find("//") + 2)
    return base if end < 0 else base[:end + 1]


@lru_cache(maxsize=65536)
def _resolve(base: str, href: str) -> str:
    href = href.strip()
    if "\t" in href or "\n" in href or "\r" in href:
        href = _CONTROL.sub("", href)
    if href.lower().startswith(_NOT_FETCHED):  # kept as written, scheme lower-cased ("JavaScript:void(0)")
        scheme, _, rest = href.partition(":")
        return f"{scheme.lower()}:{rest}"
    fast = _fast_join(base, href)
    if fast is not None:
        return fast
    try:
        return urldefrag(urljoin(base, href))[0] or base
    except ValueError:  # a malformed IPv6 literal and the like: keep what the page wrote
        return href


def _fast_join(base: str, href: str) -> str | None:
    """The common cases without urllib (most of a page's cost): absolute URLs and root-relative paths with
    nothing to normalise. None sends the href to urljoin."""
    if "#" in href or "./" in href or "\\" in href or " " in href or not base.startswith(("http://", "https://")):
        return None
    if href.startswith(("http://", "https://")):
        return href if "/" in href[8:] or "?" not in href[8:] else None
    if href.startswith("/") and not href.startswith("//"):
        origin_end = base.find("/", base.find("//") + 2)
        return (base if origin_end < 0 else base[:origin_end]) + href
    if href and not href.startswith(("?", "/")) and ":" not in href.split("/", 1)[0] and "?" not in base:
        slash = base.rfind("/")
        return (base[:slash + 1] if slash > base.find("//") + 1 else base + "/") + href
    return None


def fetchable(url: str) -> bool:
    return url.lower().startswith(("http://", "https://"))


def _raw_target(attrs: dict[str, str | None], tag: str) -> str | None:
    if tag == "meta":
        if (attrs.get("http-equiv") or "").strip().lower() != "refresh":
            return None
        m = _REFRESH.search(attrs.get("content") or "")
        return m[1] if m else None
    return attrs.get(_SOURCE_ATTR.get(tag, "src"))


def link_text(node: LexborNode, tag: str, attrs: dict[str, str | None]) -> str:
    """Anchor text, else the title attribute or an image's alt, whitespace folded."""
    text = node.text(deep=True, separator="", strip=True) if tag in ("a", "area") else ""
    if not text:
        text = attrs.get("title") or attrs.get("alt") or ""
        if not text and tag == "a":
            img = node.css_first("img[alt]")
            text = (img.attributes.get("alt") or "") if img else ""
    return " ".join(text.split())  # str.split folds exactly what \s+ matches


def link_targets(tree: LexborHTMLParser, base: str) -> Iterator[tuple[LexborNode, str, str, dict[str, str | None]]]:
    """(node, tag name, absolute target, attributes) of every link in document order; inline data and
    about:blank frames are no link to check."""
    for node in tree.css(LINK_SELECTOR):
        tag = node.tag or ""
        attrs = node.attributes  # built once: the text falls back on title/alt
        raw = _raw_target(attrs, tag)
        if raw is None or not raw.strip() or raw.lstrip()[:5].lower() in _INLINE:
            continue
        yield node, ("meta-refresh" if tag == "meta" else tag), absolute(base, raw), attrs


def collect_links(tree: LexborHTMLParser, base: str, regions: RegionMap) -> list[Link]:
    """All links of the page in document order, with their text and region."""
    return [Link(url, name, link_text(node, name, attrs), regions.region_of(node))
            for node, name, url, attrs in link_targets(tree, base)]
