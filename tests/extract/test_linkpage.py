"""`link_facts` (the link-check extractor) must see what `extract_page` sees: the same link targets and tags
in the same order, the same data endpoints and the same soft-404 verdict, on real and sample pages."""
from __future__ import annotations

from datetime import datetime

import pytest

from govinspect.extract.linkpage import link_facts
from govinspect.extract.page import extract_page
from govinspect.models import PageFacts

from .test_corpus import CORPUS, LABELS, decode

world = pytest.importorskip("govinspect.world.world")
config = pytest.importorskip("govinspect.world.config")


def _same(full: PageFacts, light: PageFacts) -> None:
    assert [(l.url, l.tag) for l in light.links] == [(l.url, l.tag) for l in full.links]
    assert light.data_sources == full.data_sources
    assert light.soft404 == full.soft404
    assert light.title == full.title


@pytest.mark.parametrize("label", LABELS, ids=[label["file"] for label in LABELS])
def test_real_pages(label: dict) -> None:
    if not CORPUS.exists():
        pytest.skip("shared corpus not present")
    text = decode((CORPUS / label["file"]).read_bytes())
    url = f"http://{label['site'].get('domain') or 'www.example.gov.cn'}/"
    _same(extract_page(text, url, status=200, signals=False), link_facts(text, url, status=200))


def _walk(sample: object, plan: object, limit: int) -> list[tuple[str, str]]:
    """(url, decoded text) of up to `limit` HTML pages of one site, breadth-first from its home."""
    queue, seen, out = ["/"], {"/"}, []
    while queue and len(out) < limit:
        path = queue.pop(0)
        base, _, query = path.partition("?")
        answer = sample.answer(plan.host, base, dict(q.split("=", 1) for q in query.split("&") if "=" in q), False)
        if answer.status != 200 or b"<html" not in answer.body[:400].lower():
            continue
        text = answer.body.decode("gb18030" if plan.encoding != "utf-8" else "utf-8", errors="replace")
        url = f"http://{plan.host}{path}"
        out.append((url, text))
        for link in link_facts(text, url, status=200).links:
            prefix = f"http://{plan.host}"
            if link.tag == "a" and link.url.startswith(prefix + "/"):
                rest = link.url[len(prefix):]
                if rest not in seen:
                    seen.add(rest)
                    queue.append(rest)
    return out


def test_sample_world_pages_including_soft_404s() -> None:
    sample = world.World(config.WorldConfig(seed=2, sites=4, as_of=datetime(2026, 5, 20), profile="bench"))
    pages = soft = 0
    for plan in sample.plans:
        for url, text in _walk(sample, plan, 150):
            full = extract_page(text, url, status=200, signals=False)
            _same(full, link_facts(text, url, status=200))
            pages += 1
            soft += full.soft404
    assert pages >= 400 and soft >= 1  # the bench profile plants soft 404s: the comparison covered some


def test_a_short_not_found_page_and_a_long_page_mentioning_404() -> None:
    short = "<html><head><title>提示</title></head><body><div class='header'>某某市人民政府</div><p>对不起，您访问的页面不存在</p></body></html>"
    long = "<html><head><title>通知</title></head><body><p>" + "正文内容，" * 400 + "错误代码 404 的说明</p></body></html>"
    assert link_facts(short, "http://www.a.gov.cn/x.html", status=200).soft404
    assert not link_facts(long, "http://www.a.gov.cn/y.html", status=200).soft404
    assert not link_facts(short, "http://www.a.gov.cn/x.html", status=404).soft404  # a real 404 is no soft 404


def test_checked_pages_get_the_crawled_pages_rule() -> None:
    """A templated not-found page: long header and footer, a short main text. The link checker's verdict on it
    (is_soft404_page) is the crawl's (extract_page), so a page is not judged by two rules."""
    from govinspect.extract.linkpage import is_soft404_page

    footer = "<div class='footer'>" + "主办单位：某某市人民政府办公室 地址：某某路 1 号 " * 30 + "</div>"
    page = (f"<html><head><title>某某市人民政府</title></head><body><div class='header'>某某市人民政府</div>"
            f"<p>抱歉，您访问的页面不存在。</p>{footer}</body></html>")
    url = "http://www.a.gov.cn/gone.html"
    assert extract_page(page, url, status=200, signals=False).soft404
    assert is_soft404_page(page, 200) and not is_soft404_page(page.replace("页面不存在", "内容"), 200)
