"""Footer markings (spec §6.4 T-FOOT, §6.5 T-ID): 网站标识码, ICP, 公安备案, 党政机关标识, 主办单位, 找错 site code."""
from __future__ import annotations

import bisect
import html
import re
from dataclasses import dataclass
from urllib.parse import unquote

from selectolax.lexbor import LexborHTMLParser

from ..models import Link, Markings

_PROVINCES = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼蜀黔滇陇秦"
SITE_ID = re.compile(r"网站标识码\s*[:：]?\s*(bm\d{8}|\d{10})(?!\d)", re.I)
# A malformed code (6101-1200, 9 digits) is still reported as shown, for the T-ID format and equality checks.
SITE_ID_LOOSE = re.compile(r"网站标识码\s*[:：]?\s*([A-Za-z]{0,2}\d[\d-]{3,14}\d)")
ICP = re.compile(rf"[{_PROVINCES}]\s*ICP\s*备\s*\d{{6,10}}(?:\s*号)?(?:\s*-\s*\d+)?", re.I)
POLICE = re.compile(rf"[{_PROVINCES}]\s*公网安备\s*(?:号\s*[:：]?\s*)?\d{{14}}(?:\s*号)?")
POLICE_LABELLED = re.compile(r"公安机关备案号?\s*[:：]?\s*\d{14}(?:\s*号)?")
SPONSOR = re.compile(r"主办(?:单位)?\s*[:：]\s*([^\s|，,；;、]{2,40})|主办单位\s*([^\s|，,；;:：、]{2,40})")
SPONSOR_SUFFIX = re.compile(r"([\u4e00-\u9fff（）()]{2,30}?)(?:\s*)主办(?![单:：\u4e00-\u9fff])")
# Words that end a sponsor name when the footer runs items together without spaces.
_SPONSOR_STOP = re.compile(r"(?:承办|协办|版权|地址|电话|联系|网站标识码|政府网站标识码|ICP|备案|技术支持|邮编|Copyright|©).*$", re.I)
_SUFFIX_PREFIX = re.compile(r"^.*(?:版权所有|所有|版权)")
_JIUCUO_ATTR = re.compile(r"""_jiucuo_[^>]{0,200}?sitecode\s*=\s*\\?['"]?\s*(bm\d{8}|\d{10})""", re.I)
_ZHAOCUO_LINK = re.compile(r"jiucuo|errorinfo|zfwzzc|zfwzgl|exposure")  # the national 找错 platform's links (lower case)
_SITE_CODE_PARAM = re.compile(r"site_?code=(bm\d{8}|\d{10})", re.I)
_TAGS = re.compile(r"<[^>]*>")


@dataclass(slots=True)
class MarkingTexts:
    """The texts markings are searched in, most trusted first."""

    footer: str
    page: str
    scripts: str  # inline script source with markup removed (footers written by document.write)
    source: str = ""  # inline script source as written (attributes of script-written tags)


def normalise(text: str) -> str:
    """Whitespace (including NBSP and full-width spaces) folded to one space."""
    return " ".join(text.split())  # str.split splits on exactly the characters \s matches


_CONCAT = re.compile(r"""['"]\s*\+\s*['"]""")  # '粤公网安备'+ '4401…号' written as two JS strings


def script_source(tree: LexborHTMLParser) -> str:
    """The source of the inline scripts, string concatenations joined."""
    parts = [node.text(deep=True, strip=False) for node in tree.css("script:not([src])")]
    raw = "\n".join(p for p in parts if p)
    return _CONCAT.sub("", raw.replace("\\/", "/").replace("\\'", "'").replace('\\"', '"'))


def script_text(source: str) -> str:
    """Inline script source as text: markup inside string literals removed and entities decoded."""
    return html.unescape(_TAGS.sub(" ", source))


_FOOTER_WORDS = ("版权所有", "主办", "ICP备", "网站标识码", "公网安备", "邮编", "Email", "地址")
TAIL_SHARE = 0.5  # a footer found by its words must sit in the second half of the page text


def content_footer(tree: LexborHTMLParser, body_text: str) -> str:
    """For pages without a marked footer: the last block holding 主办/版权所有/ICP words near the page end."""
    for word in ("主办", "版权所有", "ICP备"):
        matches = [n for n in tree.css(f'body *:lexbor-contains("{word}")') if n.tag not in ("script", "style")]
        if not matches:
            continue
        node = matches[-1]
        for _ in range(3):
            text = node.text(deep=True, separator="", strip=True)
            if sum(1 for w in _FOOTER_WORDS if w in text) >= 2 or node.parent is None:
                break
            node = node.parent
        text = node.text(deep=True, separator="", strip=False)
        at = body_text.rfind(node.text(deep=True, separator="\n", strip=False).strip()[:40])
        if at >= 0 and at >= len(body_text) * TAIL_SHARE and sum(1 for w in _FOOTER_WORDS if w in text) >= 2:
            return text
    return ""


def _first(rx: re.Pattern[str], texts: list[str], group: int = 0) -> str | None:
    for text in texts:
        m = rx.search(text)
        if m:
            return normalise(m[group])
    return None


def _sponsor_in(text: str) -> str | None:
    for m in SPONSOR.finditer(text):
        name = _SPONSOR_STOP.sub("", m[1] or m[2] or "").strip("：:.。 ")
        if len(name) >= 2:
            return name
    for m in SPONSOR_SUFFIX.finditer(text):
        name = _SUFFIX_PREFIX.sub("", m[1]).strip()
        if len(name) >= 4:
            return name
    return None


def sponsor(texts: MarkingTexts) -> str | None:
    """主办单位 from the footer, else from script-written footers; never from the article body."""
    for text in (texts.footer, texts.scripts):
        found = _sponsor_in(normalise(text))
        if found:
            return found
    return None


def conac(tree: LexborHTMLParser, links: list[Link], scripts: str) -> bool:
    """党政机关标识: a link/image/script on a conac.cn host, the `_ideConac` span, or either written by script."""
    for link in links:
        if "conac.cn" in link.url.lower():  # the host is parsed only for the few links that can match
            host = link.url.split("//", 1)[-1].split("/", 1)[0].split(":", 1)[0].lower()
            if host.endswith("conac.cn"):
                return True
    if tree.css_first("#_ideConac, #imgConac"):
        return True
    unquoted = unquote(scripts) if "%" in scripts else scripts
    return "_ideConac" in unquoted or "conac.cn/" in unquoted


def _zhaocuo_links(links: list[Link]) -> list[Link]:
    """Links to the 找错 platform or labelled 找错, in page order: one regex pass over all URLs, not one per link."""
    lowered = [link.url.lower() for link in links]  # matched in lower case: an re.I alternation is 5× slower
    urls = "\n".join(lowered)
    starts = [0]
    for url in lowered[:-1]:
        starts.append(starts[-1] + len(url) + 1)
    picked = {bisect.bisect_right(starts, m.start()) - 1 for m in _ZHAOCUO_LINK.finditer(urls)}
    picked.update(i for i, link in enumerate(links) if "找错" in link.text)
    return [links[i] for i in sorted(picked)]


def zhaocuo_site_code(tree: LexborHTMLParser, links: list[Link], source: str) -> str | None:
    """The site code of the national 找错 entry: `_jiucuo_` script attribute, a `site_code=` link, or script text."""
    for node in tree.css("script#_jiucuo_, [id=_jiucuo_]"):
        code = (node.attributes.get("sitecode") or node.attributes.get("siteCode") or "").strip().strip("'\"")
        if code:
            return code
    for link in _zhaocuo_links(links):
        m = _SITE_CODE_PARAM.search(link.url)
        if m:
            return m[1]
    m = _JIUCUO_ATTR.search(source) if "_jiucuo_" in source.lower() else None  # re.I scans slowly
    return m[1] if m else None


def extract_markings(tree: LexborHTMLParser, texts: MarkingTexts, links: list[Link]) -> Markings:
    """All footer markings; each text value whitespace-normalised as found."""
    order = [texts.footer, texts.page, texts.scripts]
    police = _first(POLICE, order) or _first(POLICE_LABELLED, order)
    footer_links = [l for l in links if l.region == "footer"] or links
    return Markings(
        site_id_code=_first(SITE_ID, order, 1) or _first(SITE_ID_LOOSE, order, 1),
        icp=_first(ICP, order),
        police_record=police,
        conac=conac(tree, links, texts.scripts),
        sponsor=sponsor(texts),
        zhaocuo_site_code=zhaocuo_site_code(tree, links, texts.source or texts.scripts),
        sitemap=any(l.text == "网站地图" or "网站地图" in l.text for l in footer_links if l.tag == "a"),
        contact=any(w in l.text for l in footer_links for w in ("联系我们", "联系方式"))
        or "联系电话" in texts.footer or "联系我们" in texts.footer,
    )
