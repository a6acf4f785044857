"""`link_facts`: the few facts a link check needs from a page (its links, script-filled list endpoints and
whether it is a soft 404), for crawls that check links without judging indicators. A fraction of
`extract_page`'s cost: no regions, lists, markings or security detectors."""
from __future__ import annotations

from selectolax.lexbor import LexborHTMLParser

from ..models import Link, PageFacts
from .links import base_url, link_targets
from .markings import script_source
from .page import data_sources, main_text, visible_text
from .regions import RegionMap
from .soft404 import NOT_FOUND, is_soft404
from .tags import page_title


def link_facts(text: str, url: str, *, status: int | None = None, encoding: str | None = None) -> PageFacts:
    """A page's title, links (document order, no anchor text), data endpoints and soft-404 flag."""
    tree = LexborHTMLParser(text)
    base = base_url(tree, url)
    facts = PageFacts(url=url, status=status, encoding=encoding, title=page_title(tree))
    facts.links = [Link(target, name, "", "main") for _, name, target, _ in link_targets(tree, base)]
    if tree.css_first("script:not([src]), [data-url], [data-api], [data-source], [data-json]") is not None:
        facts.data_sources = data_sources(tree, script_source(tree), base)
    facts.soft404 = _soft404(tree, status, facts.title)
    return facts


def is_soft404_page(text: str, status: int | None) -> bool:
    """The soft-404 verdict of a page the link checker fetched but the crawl did not: the same rule as for
    crawled pages."""
    tree = LexborHTMLParser(text)
    return _soft404(tree, status, page_title(tree))


def _soft404(tree: LexborHTMLParser, status: int | None, title: str | None) -> bool:
    """As `extract_page` decides it (title, then the short main text), but the region walk runs only for the
    rare page whose raw text holds a not-found phrase at all."""
    if is_soft404(status, title, ""):
        return True
    body = tree.body
    if body is None or status not in (None, 200) or not NOT_FOUND.search(body.text(deep=True, strip=False)):
        return False
    return is_soft404(status, title, main_text(visible_text(tree), RegionMap(tree)))
