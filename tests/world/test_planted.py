"""Every label of the world, fetched over loopback: the page really carries what the label says."""
from __future__ import annotations

import http.client
import re
from datetime import date, datetime, timedelta
from typing import Any, Callable
from urllib.parse import unquote, urljoin, urlsplit

import pytest
from selectolax.lexbor import LexborHTMLParser

from govinspect.world.hijack import BRAND, EXPIRED_HOST, SPAM_HOSTS
from govinspect.world.items import add_workdays
from govinspect.world.layout import GUIDE_LABELS

from .conftest import AS_OF, Served

DATE_RES = (
    (re.compile(r"(\d{4})-(\d{2})-(\d{2})"), "ymd"), (re.compile(r"(\d{4})/(\d{2})/(\d{2})"), "ymd"),
    (re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日"), "ymd"), (re.compile(r"(\d{4})\.(\d{2})\.(\d{2})"), "ymd"),
    (re.compile(r"\[(\d{2})-(\d{2})\]"), "md"),
)
T = AS_OF.date()


def list_dates(html: str) -> list[date]:
    """Dates shown next to list items in any of the templates' formats (year-less ones: latest past)."""
    tree = LexborHTMLParser(html)
    found = (date_in(node.text()) for node in tree.css("ul.list li, table.list tr, table.messages tr"))
    return [d for d in found if d is not None]


def date_in(text: str) -> date | None:
    for rx, kind in DATE_RES:
        m = rx.search(text)
        if m and kind == "ymd":
            return date(*map(int, m.groups()))
        if m:
            d = date(T.year, int(m[1]), int(m[2]))
            return d if d <= T else d.replace(year=T.year - 1)
    return None


def article_links(html: str) -> list[str]:
    tree = LexborHTMLParser(html)
    main = tree.css_first("div.main")
    return [a.attributes.get("href") or "" for a in (main.css("ul.list a, table.list a") if main else [])]


def months_before(d: date, n: int) -> date:
    y, m = divmod(d.month - 1 - n, 12)
    return date(d.year + y, m + 1, min(d.day, 28))


WINDOW = {"W-D1.4": lambda: T - timedelta(days=14), "W-D1.5": lambda: months_before(T, 6),
          "W-D1.6": lambda: months_before(T, 6), "W-D1.7": lambda: months_before(T, 12),
          "W-D1.9": lambda: months_before(T, 12)}


def _text(world: Served, url: str, **kw: Any) -> str:
    status, headers, body = world.get(url, **kw)
    assert status == 200, (url, status)
    charset = "gbk" if b"gb2312" in body[:400] or b"charset=\"gbk\"" in body[:400] or b"charset=gbk" in body[:400] else "utf-8"
    return body.decode(charset)


def _site(world: Served, code: str) -> dict[str, Any]:
    return next(s for s in world.labels["sites"] if s["id_code"] == code)


def check_stale(world: Served, lab: dict[str, Any]) -> None:
    html = _text(world, lab["url"])
    dates = list_dates(html)
    limit = WINDOW[lab["indicator"]]()
    assert not dates or max(dates) <= limit - timedelta(days=2), (lab, max(dates), limit)
    assert article_links(html), "a stale column still has items"


def check_blank(world: Served, lab: dict[str, Any]) -> None:
    html = _text(world, lab["url"])
    if "sub-columns" in html:  # a navigation node: every child is blank too
        tree = LexborHTMLParser(html)
        for a in tree.css("ul.sub-columns a"):
            assert not article_links(_text(world, urljoin(lab["url"], a.attributes["href"] or "")))
        return
    assert not article_links(html), lab
    assert "暂无信息" in html or "栏目建设中" in html or re.search(r'<(ul|table) class="list">\s*</(ul|table)>', html)


def check_article_text(needle: str | re.Pattern[str]) -> Callable[[Served, dict[str, Any]], None]:
    def check(world: Served, lab: dict[str, Any]) -> None:
        html = _text(world, lab["url"])
        assert (needle.search(html) if isinstance(needle, re.Pattern) else needle in html), lab
    return check


def id_checksum_ok(number: str) -> bool:
    weights = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
    return "10X98765432"[sum(int(d) * w for d, w in zip(number, weights)) % 11] == number[-1]


def check_personal(world: Served, lab: dict[str, Any]) -> None:
    text = LexborHTMLParser(_text(world, lab["url"])).css_first("div.content").text()
    ids = [m for m in re.findall(r"\d{17}[\dX]", text) if id_checksum_ok(m)]
    assert ids or re.search(r"(?<!\d)1[3-9]\d{9}(?!\d)", text), lab


def check_forged(world: Served, lab: dict[str, Any]) -> None:
    html = _text(world, lab["url"])
    pub = datetime.strptime(LexborHTMLParser(html).css_first('meta[name="PubDate"]').attributes["content"] or "", "%Y-%m-%d %H:%M")
    col = lab["url"].rsplit("/", 1)[0].replace("/art/", "/col/") + "/"
    path = urlsplit(lab["url"]).path
    listing = _text(world, col)
    row = next(n for n in LexborHTMLParser(listing).css("ul.list li, table.list tr") if path in (n.html or ""))
    shown = date_in(row.text())
    assert pub > AS_OF or shown != pub.date(), (lab, pub, shown)


def check_spam(world: Served, lab: dict[str, Any]) -> None:
    html = _text(world, lab["url"])
    hosts = [urlsplit(a.attributes.get("href") or "").hostname for a in LexborHTMLParser(html).css("a")]
    metas = " ".join(m.attributes.get("content") or "" for m in LexborHTMLParser(html).css('meta[name="keywords"], meta[name="description"]'))
    assert "澳门金沙" in metas or any(h in SPAM_HOSTS or h == EXPIRED_HOST for h in hosts), lab
    if EXPIRED_HOST in hosts:
        assert "澳门金沙" in _text(world, f"http://{EXPIRED_HOST}/")


def check_hijack(world: Served, lab: dict[str, Any]) -> None:
    html = _text(world, lab["url"])
    if "(ban)" in html or BRAND in (LexborHTMLParser(html).css_first("title").text()):
        return
    keywords = LexborHTMLParser(html).css_first('meta[name="keywords"]')
    if keywords is not None and "澳门金沙" in (keywords.attributes.get("content") or ""):
        return
    if "window.location.href" in html or 'http-equiv="refresh"' in html:
        assert any(h in html for h in SPAM_HOSTS)
        return
    spider = _text(world, lab["url"], ua="Mozilla/5.0 (compatible; Baiduspider/2.0; +http://www.baidu.com/search/spider.html)")
    assert spider != html and "澳门金沙" in spider and "澳门金沙" not in html, lab


def fetch_final(world: Served, url: str, hops: int = 5) -> tuple[int, bytes, int]:
    """Follow redirects by hand; returns (status, body, redirects) or (-1, b'', n) on a network error."""
    for n in range(hops + 1):
        try:
            status, headers, body = world.get(url, timeout=5)
        except (ConnectionError, http.client.HTTPException, OSError):
            return -1, b"", n
        if status in (301, 302) and n < hops:
            url = urljoin(url, headers["location"])
            continue
        return status, body, n
    return status, body, hops


def check_dead(world: Served, lab: dict[str, Any]) -> None:
    if "/hazard/timeout" in lab["url"]:  # checked in-process: waiting 25 s here would slow the suite
        parts = urlsplit(lab["url"])
        assert world.running.world.answer(parts.netloc, parts.path, {}, False).delay > 20
        return
    status, body, hops = fetch_final(world, lab["url"])
    dead = status in (404, 410, 500, 503, -1) or (status == 200 and "页面不存在" in body.decode("utf-8", "replace")
                                                   or status == 200 and "页面不存在" in body.decode("gbk", "replace"))
    assert dead or hops == 5, (lab, status)
    if lab.get("source"):
        page = _text(world, lab["source"])
        refs = [urljoin(lab["source"], n.attributes.get("href") or n.attributes.get("src") or "")
                for n in LexborHTMLParser(page).css("a, img")]
        assert unquote(lab["url"]) in {unquote(r) for r in refs}, lab


def check_guide(world: Served, lab: dict[str, Any]) -> None:
    html = _text(world, lab["url"])
    missing = lab["note"].split("：", 1)[1].split("、")
    for cat in GUIDE_LABELS:
        present = any(label in html for label in GUIDE_LABELS[cat])
        assert present == (cat not in missing), (cat, lab)


def _message_times(html: str) -> tuple[datetime, datetime | None]:
    asked = re.search(r"留言时间：(\d{4}-\d{2}-\d{2} \d{2}:\d{2})", html)
    replied = re.search(r"答复时间：(\d{4}-\d{2}-\d{2} \d{2}:\d{2})", html)
    assert asked
    return (datetime.strptime(asked[1], "%Y-%m-%d %H:%M"),
            datetime.strptime(replied[1], "%Y-%m-%d %H:%M") if replied else None)


def check_reply_lag(world: Served, lab: dict[str, Any]) -> None:
    asked, replied = _message_times(_text(world, lab["url"]))
    assert replied is not None and replied.date() > add_workdays(asked.date(), 5), lab


def check_unanswered(world: Served, lab: dict[str, Any]) -> None:
    html = _text(world, lab["url"])
    asked, replied = _message_times(html)
    assert replied is None and "办理中" in html and T - timedelta(days=365) < asked.date() < T - timedelta(days=92)


def check_bare_topic(world: Served, lab: dict[str, Any]) -> None:
    html = _text(world, lab["url"])
    assert "网站标识码" not in html and "breadcrumb" not in html


def check_home_lacks(*needles: str) -> Callable[[Served, dict[str, Any]], None]:
    def check(world: Served, lab: dict[str, Any]) -> None:
        html = _text(world, lab["url"])
        for needle in needles:
            assert needle not in html, (needle, lab)
    return check


def check_missing_column(world: Served, lab: dict[str, Any]) -> None:
    key = {"W-D1.1": "zjgk", "W-D1.2": "jgzn", "W-D1.3": "ldxx", "W-D1.10": "zcjd", "W-D1.12": "sjfb"}[lab["indicator"]]
    assert world.get(lab["url"] + f"col/{key}/")[0] == 404
    assert f"/col/{key}/" not in _text(world, lab["url"])


def check_home_stale(world: Served, lab: dict[str, Any]) -> None:
    home = _text(world, lab["url"])
    dates = list_dates(home)
    assert not dates or max(dates) < T - timedelta(days=15)
    if not dates:  # a navigation home page: every second-level page is stale too
        for a in LexborHTMLParser(home).css("div.portal-nav a"):
            sub = list_dates(_text(world, urljoin(lab["url"], a.attributes["href"] or "")))
            assert not sub or max(sub) < T - timedelta(days=15), a.attributes["href"]


def check_old_list(key: str, days: int) -> Callable[[Served, dict[str, Any]], None]:
    def check(world: Served, lab: dict[str, Any]) -> None:
        dates = list_dates(_text(world, lab["url"] + f"col/{key}/"))
        assert dates and max(dates) < T - timedelta(days=days), (key, max(dates))
    return check


def check_replies_stale(world: Served, lab: dict[str, Any]) -> None:
    tree = LexborHTMLParser(_text(world, lab["url"] + "col/zxly/"))
    pages = [urljoin(lab["url"], a.attributes["href"] or "") for a in tree.css("table.messages a")]
    replies = [r.date() for _, r in (_message_times(_text(world, u)) for u in pages) if r]
    assert replies and max(replies) < T - timedelta(days=62)


def check_no_reply_time(world: Served, lab: dict[str, Any]) -> None:
    html = _text(world, lab["url"] + "col/zxly/")
    assert "留言时间" in html and "答复时间" not in html


def check_footer_item(world: Served, lab: dict[str, Any]) -> None:
    html = _text(world, lab["url"])
    footer = LexborHTMLParser(html).css_first(".footer").html or ""
    needle = {"site_id_code": "网站标识码", "icp": "ICP备", "police_record": "公网安备", "conac": "conac.cn",
              "sponsor": "主办单位"}.get(lab["item"] or "")
    if needle:
        assert needle not in footer
    elif lab["item"].startswith("tag:"):
        for path in ("art/zwyw/0.html", "art/tzgg/1.html"):
            assert f'name="{lab["item"][4:]}"' not in _text(world, lab["url"] + path)
    else:
        code = LexborHTMLParser(html).css_first('meta[name="SiteIDCode"]').attributes["content"]
        assert code != lab["site"]


def check_site_id(world: Served, lab: dict[str, Any]) -> None:
    footer = LexborHTMLParser(_text(world, lab["url"])).css_first(".footer").text()
    shown = re.search(r"网站标识码：(\S+?)(?:\s|\||$)", footer)
    assert shown and shown[1] != lab["site"]
    assert (re.fullmatch(r"\d{10}", shown[1]) is None) == (lab["item"] == "format")


def check_name_or_domain(world: Served, lab: dict[str, Any]) -> None:
    """W-D4.2 covers the name shown in the header (item "name") and the domain (item "domain")."""
    if lab.get("item") == "name":
        check_home_lacks("<h1>", 'alt="' + "X")(world, lab)
    else:
        check_domain(world, lab)


def check_domain(world: Served, lab: dict[str, Any]) -> None:
    host = urlsplit(lab["url"]).hostname or ""
    assert not (host.startswith("www.") and host.endswith(".gov.cn"))
    _text(world, lab["url"])


def check_no_consult(world: Served, lab: dict[str, Any]) -> None:
    home = _text(world, lab["url"])
    assert not re.search("留言|咨询|信箱|建言", home)
    assert world.get(lab["url"] + "col/zxly/")[0] == 404


def check_down(world: Served, lab: dict[str, Any]) -> None:
    assert fetch_final(world, lab["url"])[0] == -1


def check_xxgk(world: Served, lab: dict[str, Any]) -> None:
    key = {"guide": "xxgkzn", "catalog": "xxgkml", "annual_report": "xxgknb"}[lab["item"]]
    status, _, body = world.get(lab["url"] + f"col/{key}/")
    if status == 200:  # the annual reports exist but not the previous year's
        assert f"{T.year - 1}年政府信息公开" not in _text(world, lab["url"] + f"col/{key}/")
    else:
        assert status == 404


def check_counts(world: Served, lab: dict[str, Any]) -> None:
    mine = [d["indicator"] for d in world.labels["defects"] if d["site"] == lab["site"]]
    stale = sum(mine.count(i) for i in ("W-D1.4", "W-D1.5", "W-D1.6", "W-D1.7", "W-D1.9"))
    need = {"W-V4.1": mine.count("W-D1.4") + mine.count("W-D1.5") + mine.count("W-D1.6") >= 5,
            "W-V4.2": stale + mine.count("W-D1.8") >= 10, "W-V4.3": mine.count("W-D1.8") >= 5}
    assert need[lab["indicator"]]


CHECKS: dict[str, Callable[[Served, dict[str, Any]], None]] = {
    **{i: check_stale for i in WINDOW}, "W-D1.8": check_blank,
    "W-V1.1": check_article_text("中华人民共合国"), "W-D1.14": check_article_text("国土资源局"),
    "W-D4.9": check_personal, "W-V1.5": check_forged, "W-V1.3": check_spam, "W-V1.4": check_hijack,
    "W-D4.4": check_dead, "W-D2.2": check_dead, "W-D2.3": check_dead, "W-D2.1": check_guide,
    "W-D3.4": check_reply_lag, "W-V5.2": check_unanswered, "W-D1.15": check_bare_topic,
    "W-D4.1": check_home_lacks('action="/search"'), "W-D4.6": check_home_lacks("zfwzzc"), "T-ZC": check_home_lacks("zfwzzc"),
    "W-D4.7": check_home_lacks('name="viewport"'), "W-D4.10": check_home_lacks("年度报表"), "T-REP": check_home_lacks("年度报表"),
    "T-GOV": check_home_lacks("国务院信息"), "T-NAME2": check_home_lacks("<h1>", 'alt="' + "X"),
    "W-V6.1": check_home_lacks("办事"), "W-V5.1": check_no_consult,
    **{i: check_missing_column for i in ("W-D1.1", "W-D1.2", "W-D1.3", "W-D1.10", "W-D1.12")},
    "W-V3": check_home_stale, "W-D2.4": check_old_list("bjtj", 92), "W-D3.3": check_old_list("lytj", 330),
    "W-D3.5": check_old_list("dczj", 366), "W-D3.7": check_old_list("zxft", 366), "W-D3.1": check_replies_stale,
    "W-D3.2": check_no_reply_time, "W-D4.3": check_footer_item, "T-FOOT": check_footer_item, "T-TAG": check_footer_item,
    "T-ID": check_site_id, "W-D4.2": check_name_or_domain, "T-DOM1": check_domain, "T-DOM2": check_domain,
    "W-V2": check_down, "W-D1.13": check_xxgk, "W-V4.1": check_counts, "W-V4.2": check_counts, "W-V4.3": check_counts,
}


@pytest.mark.parametrize("indicator", sorted(CHECKS))
def test_every_label_is_real(world: Served, indicator: str) -> None:
    labels = [d for d in world.labels["defects"] if d["indicator"] == indicator]
    assert labels, f"the test world plants no {indicator}"
    for lab in labels:
        if indicator == "W-D3.3" and "无留言统计页面" in lab["note"]:
            assert world.get(lab["url"] + "col/lytj/")[0] == 404
            continue
        CHECKS[indicator](world, lab)


def test_every_label_has_a_known_shape(world: Served) -> None:
    from govinspect.indicators.catalog import BY_ID

    for lab in world.labels["defects"]:
        assert lab["indicator"] in BY_ID and lab["indicator"] in CHECKS
        assert set(lab) >= {"indicator", "site", "url", "item", "note"}
        assert (lab["item"] is not None) == (BY_ID[lab["indicator"]].scope == "item"), lab


def test_expected_verdicts(world: Served) -> None:
    by_site: dict[str, list[str]] = {}
    for lab in world.labels["defects"]:
        by_site.setdefault(lab["site"], []).append(lab["indicator"])
    verdicts = {s["id_code"]: s["expected"]["verdict"] for s in world.labels["sites"]}
    assert set(verdicts.values()) == {"合格", "不合格"}
    for code, verdict in verdicts.items():
        if verdict == "合格":
            assert not {"W-V3", "W-V4.3", "W-V4.1", "W-V5.1"} & set(by_site.get(code, []))
    healthy = sum(1 for s in world.labels["sites"] if s["id_code"] not in by_site)
    assert healthy >= len(verdicts) // 3
