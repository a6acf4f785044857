"""Content-security and serious-error signals of one page (W-V1.1, W-V1.3, W-V1.4, W-V1.5, W-D1.14, W-D4.9).

Precision first (spec §7.2): a veto finding with needs_review=False needs a strong signal (hidden or
script-written spam links, spam in the title or meta tags, a brand where the site name should be,
injected tag soup, a link or redirect to a spam host); spam words in visible body text alone are at most
a weak, needs_review finding, and generic words never count alone.

Steps for one page: build a `PageView` (view.py: visible text, lexicon hits, hidden elements from
hidden.py) once, then run each detector over it — the spam and hijack detectors here, the date and
wording checks in wording.py; `scan_html` is the same from raw HTML.
"""
from __future__ import annotations

import base64
import binascii
import re
from functools import lru_cache
from datetime import date, datetime
from typing import Callable, Iterable
from urllib.parse import unquote, urlsplit

from selectolax.lexbor import LexborHTMLParser, LexborNode

from ..models import Finding, PageFacts
from .hidden import declarations, selector_of
from .links import absolute
from .lexicon import Hit, Lexicon, normalise
from .personal import personal_findings
from .view import PageView, build_view, make_finding, meta_value, snippet
from .wording import _INSTITUTION_AFTER, forged_date, outdated_names, place_names, wording
# Words that mark an article *about* gambling or fraud (a crackdown, a warning), not one promoting it.
_CRACKDOWN = re.compile(r"打击|整治|查处|严禁|取缔|防范|警惕|非法|违法|犯罪|通告|提醒|举报|警方|公安|法院|判处|涉赌|反诈")
_SPAM_HOST = re.compile(r"\d+bet|bet\d+|^bet[a-z]*$|casino|poker|bocai|duchang|baijiale|xpj|amjs|vnsr|porn|sex|xxx|jav|^av\d")
_SPAM_TLDS = frozenset({"bet", "casino", "poker", "xxx", "sex", "porn", "adult"})
_PINYIN = re.compile(r"[\u4e00-\u9fff][(（]([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,6})[)）]")


# --- hosts and links --------------------------------------------------------------------------------

@lru_cache(maxsize=65536)
def host_of(url: str) -> str:
    try:
        return (urlsplit(url).hostname or "").lower().rstrip(".")
    except ValueError:
        return ""


@lru_cache(maxsize=16384)
def base_domain(host: str) -> str:
    """The registrable part: yl.gov.cn for www.yl.gov.cn, example.com for a.b.example.com."""
    labels = host.split(".")
    keep = 3 if len(labels) >= 3 and labels[-2] in {"gov", "com", "net", "org", "edu", "ac"} and len(labels[-1]) == 2 else 2
    return ".".join(labels[-keep:])


def is_gov_host(host: str) -> bool:
    return host.endswith(".gov.cn") or host == "gov.cn" or host.endswith(".gov") or host.endswith(".政务")


def is_external(url: str, page_url: str) -> bool:
    """An absolute http(s) URL on another registrable domain than the page's."""
    if not url.lower().startswith(("http://", "https://", "//")):
        return False
    host = host_of(url if not url.startswith("//") else "http:" + url)
    return bool(host) and base_domain(host) != base_domain(host_of(page_url))


def spam_host_reason(url: str, lexicon: Lexicon) -> str | None:
    """Why a URL's host looks like a gambling/porn host, or None."""
    host = host_of(url)
    if not host or is_gov_host(host):
        return None
    brands = [h.term for h in lexicon.match_normalised(host) if h.kind == "brand"]
    if brands:
        return f"域名含博彩/色情品牌“{brands[0]}”"
    labels = re.split(r"[.-]", host)
    if labels[-1] in _SPAM_TLDS or any(_SPAM_HOST.search(label) for label in labels[:-1]):
        return "域名具有博彩/色情网站特征"
    return None


SHORT_TEXT = 512  # texts up to this length (anchors, titles, link targets) repeat across a site's pages


def text_spam(text: str, lexicon: Lexicon) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(brands, distinct generic terms) found in a short text such as a link's anchor or a title."""
    return _text_spam(text, lexicon) if len(text) <= SHORT_TEXT else _text_spam.__wrapped__(text, lexicon)


@lru_cache(maxsize=16384)
def _text_spam(text: str, lexicon: Lexicon) -> tuple[tuple[str, ...], tuple[str, ...]]:
    hits = lexicon.match(text)
    brands = tuple(sorted({h.term for h in hits if h.kind == "brand"}))
    terms = tuple(sorted({h.term for h in hits if h.kind == "term"}))
    return brands, terms


@lru_cache(maxsize=65536)
def foreign_non_gov(url: str, page_domain: str) -> bool:
    """A link to another registrable domain (see `is_external`) that is not a government host."""
    if not url.lower().startswith(("http://", "https://", "//")):
        return False
    host = host_of(url if not url.startswith("//") else "http:" + url)
    return bool(host) and base_domain(host) != page_domain and not is_gov_host(host_of(url))


@lru_cache(maxsize=16384)
def link_spam_reason(url: str, text: str, lexicon: Lexicon, *, weak_ok: bool) -> str | None:
    """Why a link points to spam: a brand in its text or host, a spam-like host, or (weak_ok) ≥ 2 spam words.
    Cached: a site's template links are judged once, not on every page."""
    brands, terms = text_spam(f"{text} {unquote(url)}", lexicon)
    if brands:
        return f"链接含博彩/色情品牌“{'、'.join(brands[:3])}”"
    host_reason = spam_host_reason(url, lexicon)
    if host_reason:
        return host_reason
    if weak_ok and len(terms) >= 2:  # one generic word ("体育在线") is too common in menus of real sites
        return f"链接文字含“{'、'.join(terms[:3])}”"
    return None


# --- detectors ---------------------------------------------------------------------------------------

Detector = Callable[[PageView], list[Finding]]


def hidden_links(view: PageView) -> list[Finding]:
    """暗链: links in hidden elements to external non-government hosts with spam marks (W-V1.3)."""
    groups: dict[str, list[dict[str, str]]] = {}
    reasons: dict[str, str] = {}
    if not view.hidden:
        return []
    for index, node in enumerate(view.tree.css("a[href], area[href]")):
        why_hidden = view.hidden_reason(node)
        href = absolute(view.url, node.attributes.get("href") or "")
        if not why_hidden or not is_external(href, view.url) or is_gov_host(host_of(href)):
            continue
        text = (node.text() or "") + " " + (node.attributes.get("title") or "")
        why_spam = link_spam_reason(href, text, view.lexicon, weak_ok=True)
        if why_spam:
            where = selector_of(node.parent)
            groups.setdefault(where, []).append({"链接地址": href, "链接文字": text.strip()[:80], "判定": why_spam,
                                                 "位置": f"页面第{index + 1}个链接"})
            reasons[where] = why_hidden
    return [make_finding("W-V1.3", view.url, f"页面隐藏区域（{reasons[where]}）内有指向外部赌博/色情网站的链接（暗链）",
                         confidence=0.95, needs_review=False, kind="hidden-link", 选择器=where, 链接=links[:10],
                         链接数=len(links))
            for where, links in groups.items()]


# What opens a comment node in the HTML tokenizer: <!--, other <! markup but a doctype, <?, and </ before a
# non-letter (bogus comments).
_COMMENT_MARK = re.compile(rb"<!(?![dD][oO][cC][tT][yY][pP][eE])|<\?|</[^a-zA-Z]")
_HREF = re.compile(r"""href\s*=\s*\\?["']?\s*((?:https?:)?//[^"'\s<>\\]+)""", re.I)


def comment_links(view: PageView) -> list[Finding]:
    """Spam links kept inside HTML comments (invisible to visitors, read by search engines)."""
    found = []
    if not _COMMENT_MARK.search(view.tree.raw_html):  # no comment in the page: no walk over every node
        return []
    for node in view.tree.root.traverse(include_text=True) if view.tree.root else []:
        if not node.is_comment_node:
            continue
        content = node.comment_content or ""
        for m in _HREF.finditer(content):
            href = absolute(view.url, m.group(1))
            why = is_external(href, view.url) and link_spam_reason(href, content[m.end():m.end() + 200],
                                                                    view.lexicon, weak_ok=True)
            if why:
                found.append({"链接地址": href, "判定": why, "注释片段": snippet(content, m.start(), m.end())})
    if not found:
        return []
    return [make_finding("W-V1.3", view.url, "HTML注释中藏有指向外部赌博/色情网站的链接（暗链）", confidence=0.9,
                         needs_review=False, kind="comment-link", 链接=found[:10], 链接数=len(found))]


def _decode_payloads(script: str) -> str:
    """The script plus what it hides: base64 (atob), String.fromCharCode, %xx / \\xNN / \\uNNNN escapes."""
    out = [script]
    for m in re.finditer(r"atob\(\s*['\"]([A-Za-z0-9+/=]{8,})['\"]\s*\)", script):
        try:
            out.append(base64.b64decode(m.group(1)).decode("utf-8", "replace"))
        except (binascii.Error, ValueError):
            continue
    for m in re.finditer(r"fromCharCode\(\s*([\d\s,]+)\)", script):
        out.append("".join(chr(int(n)) for n in m.group(1).split(",") if n.strip().isdigit() and int(n) < 0x110000))
    if re.search(r"\\x[0-9a-fA-F]{2}|\\u[0-9a-fA-F]{4}", script):
        out.append(re.sub(r"\\x([0-9a-fA-F]{2})|\\u([0-9a-fA-F]{4})",
                          lambda m: chr(int(m.group(1) or m.group(2), 16)), script))
    if "%3c" in script.lower() or "%3C" in script:
        out.append(unquote(script))
    return "\n".join(out)


_WRITES = re.compile(r"document\.write|innerHTML|atob\(|fromCharCode|eval\(|unescape\(|insertAdjacentHTML", re.I)


def _inline_scripts(view: PageView) -> Iterable[tuple[LexborNode, str]]:
    for node in view.tree.css("script"):
        if not node.attributes.get("src"):
            code = node.text() or ""
            if code.strip():
                yield node, code


def script_links(view: PageView) -> list[Finding]:
    """Spam links or spam text written into the page by script (document.write, atob, eval, fromCharCode)."""
    out = []
    for node, code in _inline_scripts(view):
        if not _WRITES.search(code):
            continue
        decoded = _decode_payloads(code)
        brands, _ = text_spam(decoded, view.lexicon)
        links = [{"链接地址": u, "判定": why} for u in dict.fromkeys(m.group(1) for m in _HREF.finditer(decoded))
                 if is_external(u, view.url) and (why := link_spam_reason(u, "", view.lexicon, weak_ok=False))]
        if links or brands:
            reason = "脚本动态写入指向外部赌博/色情网站的链接" if links else f"脚本动态写入博彩/色情内容“{'、'.join(brands[:3])}”"
            out.append(make_finding("W-V1.3", view.url, reason, confidence=0.95, needs_review=False, kind="script-link",
                                    选择器=selector_of(node), 链接=links[:10], 脚本片段=code.strip()[:200]))
    return out


_LOCATION = re.compile(r"""location(?:\.href)?\s*=\s*(['"])(.+?)\1|location\.(?:replace|assign)\(\s*(['"])(.+?)\3""")
# A redirect gated on where the visitor came from, or on a crawler's User-Agent, is cloaking by script.
_CONDITIONAL = re.compile(r"document\.referrer|spider|googlebot|bingbot|sogou|360spider|yisouspider", re.I)
_IN_FUNCTION = re.compile(r"function\b|=>")


def _redirect_targets(view: PageView) -> Iterable[tuple[str, str, str, LexborNode]]:
    """(target, how, the script text just before the redirect, node) for meta refresh and script redirects."""
    for node in view.tree.css("meta[http-equiv]"):
        if (node.attributes.get("http-equiv") or "").lower() == "refresh":
            m = re.search(r"url\s*=\s*['\"]?([^'\";]+)", node.attributes.get("content") or "", re.I)
            if m:
                yield absolute(view.url, m.group(1)), "meta refresh 跳转", "", node
    for node, code in _inline_scripts(view):
        decoded = _decode_payloads(code)
        for m in _LOCATION.finditer(decoded):
            target = (m.group(2) or m.group(4) or "").strip()
            if target.startswith(("http://", "https://", "//")):
                yield absolute(view.url, target), "脚本跳转", decoded[max(0, m.start() - 300):m.start()], node


def redirects(view: PageView) -> list[Finding]:
    """Redirects to non-government hosts: to a spam host or conditioned on the visitor = veto signal.

    Any other on-load redirect off government hosts is a weak finding; a redirect inside a function
    (a search box sending its query to a search engine) runs on a click, not on load, and is skipped.
    """
    out = []
    for target, how, before, node in _redirect_targets(view):
        if not is_external(target, view.url) or is_gov_host(host_of(target)):
            continue
        why = link_spam_reason(target, "", view.lexicon, weak_ok=False)
        conditional = bool(_CONDITIONAL.search(before))
        if why or conditional:
            reason = f"{how}到外部博彩/色情网站（{why}）" if why else f"{how}按访问来源/爬虫身份跳转到外部非政府网站（疑似劫持）"
            out.append(make_finding("W-V1.4", view.url, reason, confidence=0.95 if why else 0.9, needs_review=False,
                                    kind="redirect", 跳转地址=target, 选择器=selector_of(node)))
        elif not _IN_FUNCTION.search(before):
            out.append(make_finding("W-V1.4", view.url, f"{how}到外部非政府网站，请人工确认", confidence=0.4,
                                    needs_review=True, kind="redirect-weak", 跳转地址=target, 选择器=selector_of(node)))
    return out


def _tiny_frame(node: LexborNode) -> bool:
    """The classic 挂马 frame: width and height both 0 or 1 (in attributes or inline style)."""
    attrs = node.attributes
    style = declarations(attrs.get("style") or "")
    sizes = [(attrs.get(k) or style.get(k) or "").strip().removesuffix("px") for k in ("width", "height")]
    return all(size in ("0", "1") for size in sizes)


def frames_and_scripts(view: PageView) -> list[Finding]:
    """iframes and external scripts from spam hosts (veto); 0×0 iframes to other non-gov hosts (weak)."""
    out = []
    for node in view.tree.css("iframe[src], frame[src], script[src]"):
        src = absolute(view.url, node.attributes.get("src") or "")
        if not is_external(src, view.url) or is_gov_host(host_of(src)):
            continue
        why = spam_host_reason(src, view.lexicon)
        label = "外部脚本" if node.tag == "script" else "内嵌框架"
        if why:
            out.append(make_finding("W-V1.4", view.url, f"页面引入来自博彩/色情网站的{label}（{why}）", confidence=0.95,
                                    needs_review=False, kind="frame", 地址=src, 选择器=selector_of(node)))
        elif node.tag != "script" and _tiny_frame(node):
            out.append(make_finding("W-V1.4", view.url, "宽高为0的隐藏内嵌框架指向外部非政府网站，疑似挂马，请人工确认",
                                    confidence=0.5, needs_review=True, kind="frame-weak", 地址=src,
                                    选择器=selector_of(node)))
    return out


def visible_spam_links(view: PageView) -> list[Finding]:
    """Ordinary links whose text or host names a gambling/porn brand (a link to a spam host)."""
    found = []
    page_domain = base_domain(host_of(view.url))
    for link in view.facts.links:
        if link.tag in ("a", "area") and foreign_non_gov(link.url, page_domain):
            why = link_spam_reason(link.url, link.text, view.lexicon, weak_ok=False)
            if why:
                found.append({"链接地址": link.url, "链接文字": link.text[:80], "判定": why, "区域": link.region})
    if not found:
        return []
    return [make_finding("W-V1.3", view.url, "页面链接到外部赌博/色情网站", confidence=0.95, needs_review=False,
                         kind="spam-link", 链接=found[:10], 链接数=len(found))]




def title_andmeta_value(view: PageView, site_name: str | None) -> list[Finding]:
    """A brand in <title>, keywords, description or SiteName (hijack); several spam terms there (spam)."""
    fields = {"标题": view.facts.title or "", "关键词/描述": meta_value(view.facts, "keywords", "description"),
              "网站名称标签": meta_value(view.facts, "SiteName")}
    out = []
    for label, value in fields.items():
        brands, terms = text_spam(value, view.lexicon)
        if brands:
            where = f"网站名称“{site_name}”应在的位置" if site_name and site_name not in value else label
            out.append(make_finding("W-V1.4", view.url, f"页面{label}中出现博彩/色情品牌“{'、'.join(brands[:3])}”，{where}被篡改",
                                    confidence=0.95, needs_review=False, kind="title-brand", 字段=label,
                                    片段=value[:200]))
        elif len(terms) >= 2 and not _CRACKDOWN.search(value):
            out.append(make_finding("W-V1.3", view.url, f"页面{label}中出现多个赌博/色情推广词“{'、'.join(terms[:4])}”",
                                    confidence=0.9, needs_review=False, kind="title-terms", 字段=label,
                                    片段=value[:200]))
    return out


def _clusters(hits: list[Hit], gap: int = 8) -> list[list[Hit]]:
    """Runs of spam hits separated by at most `gap` characters."""
    runs: list[list[Hit]] = []
    for h in hits:
        if runs and h.start - max(x.end for x in runs[-1]) <= gap:
            runs[-1].append(h)
        else:
            runs.append([h])
    return runs


def brand_in_name_position(view: PageView) -> list[Finding]:
    """A brand run standing where a locality's name belongs: "365bet…官网登录人民政府办公室" (seed 002)."""
    spam = [h for h in view.hits if h.kind in ("brand", "term")]
    places = []
    for run in _clusters(spam):
        end = max(h.end for h in run)
        after = _INSTITUTION_AFTER.match(view.text, end)
        # An SEO brand run ("365bet体育在线_Best365官网登录") has several strings; one brand followed by an
        # institution is how a crackdown report reads ("皇冠体育赌博网站被公安局查处").
        if not after or len({h.term for h in run}) < 2 or not any(h.kind == "brand" for h in run):
            continue
        if _CRACKDOWN.search(after.group(0)):
            continue
        start = min(h.start for h in run)
        places.append({"片段": snippet(view.text, start, after.end()), "位置": {"正文字符偏移": start},
                       "替换的机构名": after.group(1)})
    if not places:
        return []
    return [make_finding("W-V1.4", view.url, "正文中地方/机构名称被替换为博彩品牌（网站内容被篡改）", confidence=0.95,
                         needs_review=False, kind="brand-as-name", 出现=places[:5], 出现次数=len(places))]


def body_spam(view: PageView, already: list[Finding]) -> list[Finding]:
    """Brands in visible body text only: a weak, needs_review finding, and only when dense enough."""
    if any(f.indicator in ("W-V1.3", "W-V1.4") and not f.needs_review for f in already):
        return []
    brands = [h for h in view.hits if h.kind == "brand"]
    distinct = {h.term for h in brands}
    if not (len(distinct) >= 2 or len(brands) >= 3):
        return []
    if _CRACKDOWN.search(view.text) and len(brands) < 5:
        return []
    first = brands[0]
    return [make_finding("W-V1.3", view.url, f"页面正文多次出现博彩/色情品牌“{'、'.join(sorted(distinct)[:4])}”，请人工确认",
                         confidence=0.6, needs_review=True, kind="body-brands", 片段=snippet(view.text, first.start, first.end),
                         位置={"正文字符偏移": first.start}, 出现次数=len(brands))]


def tag_soup(view: PageView) -> list[Finding]:
    """≥ 5 empty elements of ≥ 3 kinds sharing one id: the injected tag soup of seed 002 (W-V1.4)."""
    body = view.tree.body
    if body is None:
        return []
    nodes_by_id: dict[str, list[LexborNode]] = {}
    for node in (body, *body.css("[id]")):
        ident = node.attributes.get("id")
        if ident:
            nodes_by_id.setdefault(ident, []).append(node)
    # Only ids repeated often enough can qualify: the emptiness test reads each element's whole text.
    by_id = {ident: [n.tag or "" for n in nodes if not (n.text() or "").strip()]
             for ident, nodes in nodes_by_id.items() if len(nodes) >= 5 and len({n.tag for n in nodes}) >= 3}
    out = []
    for ident, tags in by_id.items():
        if len(tags) >= 5 and len(set(tags)) >= 3:
            sample = "".join(f'<{t} id="{ident}">' for t in tags[:6])
            out.append(make_finding("W-V1.4", view.url, f"页面被注入大量同一随机id（{ident}）的空标签，网站疑似被篡改",
                                    confidence=0.95, needs_review=False, kind="tag-soup", 片段=sample,
                                    选择器=f"#{ident}", 元素数=len(tags)))
    return out


def mirror(view: PageView) -> list[Finding]:
    """Pinyin inserted after characters ("辦(ban)公廳"): a converted mirror of a government page (W-V1.4)."""
    marks = list(_PINYIN.finditer(view.raw_text))
    if len(marks) < 3 or len({m.group(1) for m in marks}) < 2:
        return []
    first = marks[0]
    return [make_finding("W-V1.4", view.url, "页面为插入拼音注音的繁体转换镜像页（政府网页被镜像/篡改），请人工确认",
                         confidence=0.8, needs_review=True, kind="mirror", 片段=snippet(view.raw_text, first.start(), first.end()),
                         注音数=len(marks), 位置={"正文字符偏移": first.start()})]


# --- entry points ----------------------------------------------------------------------------------------

def _dedupe(findings: list[Finding]) -> list[Finding]:
    seen: dict[tuple[str, str, str], Finding] = {}
    for f in findings:
        seen.setdefault((f.indicator, f.url, str(f.evidence)[:300]), f)
    return list(seen.values())


# The detectors that need nothing but the page; title_and_meta, body_spam and forged_date take more.
DETECTORS: tuple[Detector, ...] = (hidden_links, comment_links, script_links, redirects, frames_and_scripts,
                                   visible_spam_links, tag_soup, brand_in_name_position, mirror, wording,
                                   outdated_names, place_names)


def page_signals(tree: LexborHTMLParser, url: str, facts: PageFacts, *, as_of: date | None = None,
                 site_name: str | None = None) -> list[Finding]:
    """Every security and serious-error finding of one parsed page (the tree is read, never changed)."""
    view = build_view(tree, url, facts)
    out: list[Finding] = []
    for detector in DETECTORS:
        out += detector(view)
    out += title_andmeta_value(view, site_name)
    out += body_spam(view, out)
    out += forged_date(view, as_of)
    out += personal_findings(view.raw_text, url)
    return _dedupe(out)


def spam_page(text: str) -> bool:
    """Whether a link target's text is a gambling/porn page (an expired domain taken over)."""
    hits = Lexicon.load().match(text)
    brands = {h.term for h in hits if h.kind == "brand"}
    terms = {h.term for h in hits if h.kind == "term"}
    crackdown = bool(_CRACKDOWN.search(normalise(text)))
    if len(brands) >= 2 or (brands and len(terms) >= 2):
        return not crackdown or len(brands) >= 3
    return len(terms) >= 5 and not crackdown


def scan_html(text: str, url: str, *, as_of: date | datetime | None = None, site_name: str | None = None) -> list[Finding]:
    """Parse one page and return its security and serious-error findings (what `govinspect scan` prints)."""
    from .page import extract_page  # page.py calls page_signals: imported here, not at the top

    when = as_of.date() if isinstance(as_of, datetime) else as_of
    facts = extract_page(text, url, as_of=when, signals=False)
    return page_signals(LexborHTMLParser(text), url, facts, as_of=when, site_name=site_name)
