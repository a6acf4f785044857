"""extract_page never fails on what the web sends: empty, truncated, malformed or random markup."""
from __future__ import annotations

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from govinspect.extract.page import extract_page, page_facts_json

PIECES = ["<a href='", "/x/t20230101_1.html", "'>", "关于某事项的通知", "</a>", "<li>", "</li>", "<ul>", "</ul>",
          "<span>[09-21]</span>", "2023年9月21日", "<div class='footer'>", "</div>", "网站标识码：", "1101150005",
          "<script>", "</script>", "<!--", "-->", "主办单位：", "京ICP备15023992号", "<base href='", "http://[::1",
          "<table><tr><td>", "当前位置：首页 > ", "<meta name='PubDate' content='", "'>", "<form><input>", "\x00", "&nbsp;"]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=40), st.text(max_size=40))
def test_random_markup_never_fails(pieces: list[str], noise: str) -> None:
    facts = extract_page("".join(pieces) + noise, "http://www.x.gov.cn/a/", as_of=date(2024, 1, 1), signals=False)
    data = page_facts_json(facts)
    assert isinstance(data["links"], list) and data["url"] == "http://www.x.gov.cn/a/"


def test_degenerate_pages() -> None:
    for text in ("", "   ", "plain text only", "<html>", "<body></body>", "<frameset><frame src='a.html'></frameset>"):
        facts = extract_page(text, "http://www.x.gov.cn/", signals=False)
        assert facts.kind in ("home", "other")
    frames = extract_page("<frameset><frame src='a.html'></frameset>", "http://www.x.gov.cn/", signals=False)
    assert [l.url for l in frames.links] == ["http://www.x.gov.cn/a.html"]


def test_signals_come_from_security_room() -> None:
    page = "<html><head><title>365bet体育在线_澳门金沙</title></head><body><p>正文</p></body></html>"
    facts = extract_page(page, "http://www.x.gov.cn/", as_of=date(2024, 1, 1))
    assert facts.signals and all(f.indicator.startswith(("W-V", "W-D")) for f in facts.signals)


def test_malformed_base_href_falls_back_to_the_page_url() -> None:
    facts = extract_page("<base href='http://[::1'><a href='/x.html'>x</a>", "http://www.x.gov.cn/a/", signals=False)
    assert [link.url for link in facts.links if link.tag == "a"] == ["http://www.x.gov.cn/x.html"]


def test_malformed_data_url_in_a_script_is_ignored() -> None:
    facts = extract_page("<script>fetch('http://[::1/api/list.json')</script><ul id='list'></ul>",
                         "http://www.x.gov.cn/a/", signals=False)
    assert facts.data_sources == []
