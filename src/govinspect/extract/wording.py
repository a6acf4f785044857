"""Content accuracy of one page: forged dates (W-V1.5), serious wording errors and leader names (W-V1.1),
outdated institution and misplaced place names (W-D1.14). Every finding here waits for a person."""
from __future__ import annotations

import re
from datetime import date
from typing import Iterable

from ..models import Finding, ListItem
from .lexicon import Hit, longest, normalise
from .view import PageView, make_finding, meta_value, snippet

_INSTITUTION_AFTER = re.compile(r"\s*(人民政府|政府|[\u4e00-\u9fff]{0,8}?(?:局|委员会|办公室|中心|厅|委))")
_VISIBLE_DATE = re.compile(r"(?:发布时间|发布日期|发文日期|时间|日期)\s*[:：]\s*(\d{4})[-年/.](\d{1,2})[-月/.](\d{1,2})")

# --- dates --------------------------------------------------------------------------------------------

def page_date(view: PageView) -> tuple[date | None, str]:
    """The page's publication date and where it was read (PubDate tag, extracted fact, visible text)."""
    if view.facts.pub_date:
        return view.facts.pub_date.date(), "页面发布时间"
    m = re.match(r"\s*(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})", meta_value(view.facts, "PubDate"))
    source = "PubDate 标签"
    if not m:
        m, source = _VISIBLE_DATE.search(view.raw_text), "页面显示的发布时间"
    if not m:
        return None, ""
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3))), source
    except ValueError:
        return None, ""


def forged_date(view: PageView, as_of: date | None) -> list[Finding]:
    """A publication date after the monitoring point T (W-V1.5, needs_review)."""
    published, source = page_date(view)
    if as_of is None or published is None or published <= as_of:
        return []
    return [make_finding("W-V1.5", view.url, f"{source}（{published.isoformat()}）晚于监测时间点（{as_of.isoformat()}），疑似伪造发布日期",
                         confidence=0.7, needs_review=True, kind="future-date", 发布日期=published.isoformat(),
                         监测时间点=as_of.isoformat())]


def date_disagreements(list_items: Iterable[ListItem], article_dates: dict[str, date], *,
                       tolerance_days: int = 1) -> list[Finding]:
    """List dates that disagree with the linked article's PubDate by more than `tolerance_days` (W-V1.5)."""
    out = []
    for item in list_items:
        published = article_dates.get(item.url)
        if item.date is None or published is None or abs((item.date - published).days) <= tolerance_days:
            continue
        out.append(make_finding("W-V1.5", item.url, f"栏目列表显示日期（{item.date.isoformat()}）与文章发布时间（{published.isoformat()}）不一致，疑似伪造发布日期",
                                confidence=0.6, needs_review=True, kind="date-disagreement", 标题=item.title[:80],
                                列表日期=item.date.isoformat(), 文章日期=published.isoformat()))
    return out



# --- serious and general wording errors ------------------------------------------------------------------

def _text_and_title(view: PageView) -> tuple[str, list[Hit]]:
    """Title and body together, so that a wrong name in the title is found too (built once per view)."""
    if view.titled is None:
        title = normalise(view.facts.title or "")
        text = title + "\n" + view.text
        shifted = [Hit(h.term, h.start + len(title) + 1, h.end + len(title) + 1, h.entry) for h in view.hits]
        view.titled = text, view.lexicon.match_normalised(title) + shifted
    return view.titled


def wording(view: PageView) -> list[Finding]:
    """Known wrong forms of state names, formulations and leaders' names (W-V1.1, always needs_review)."""
    text, hits = _text_and_title(view)
    by_term: dict[str, list[Hit]] = {}
    for h in longest(hits, ("wrong", "leader")):
        by_term.setdefault(h.term, []).append(h)
    out = []
    for term, found in by_term.items():
        what = "领导人姓名" if found[0].kind == "leader" else "规范表述"
        out.append(make_finding("W-V1.1", view.url, f"{what}“{found[0].entry.category}”被误写为“{term}”",
                                confidence=0.7, needs_review=True, kind=found[0].kind, 错误写法=term,
                                正确写法=found[0].entry.category, 片段=snippet(text, found[0].start, found[0].end),
                                位置={"正文字符偏移": found[0].start}, 出现次数=len(found)))
    return out


def outdated_names(view: PageView) -> list[Finding]:
    """Institution names abolished in a 机构改革 used on a page dated after the change (W-D1.14)."""
    published, _ = page_date(view)
    if published is None:
        return []
    text, hits = _text_and_title(view)
    out, seen = [], set()
    for h in longest(hits, ("outdated",)):
        since = h.entry.since
        historical = "原" in text[max(0, h.start - 4):h.start] or "前" == text[h.start - 1:h.start]
        if since is None or published <= since or historical or text[h.end:h.end + 1] == "门" or h.term in seen:
            continue
        seen.add(h.term)
        out.append(make_finding("W-D1.14", view.url, f"机构改革后仍使用已撤销的机构名称“{h.term}”（现为“{h.entry.category}”）",
                                confidence=0.6, needs_review=True, kind="outdated-name", 旧名称=h.term,
                                现名称=h.entry.category, 页面日期=published.isoformat(), 改革生效=since.isoformat(),
                                片段=snippet(text, h.start, h.end)))
    return out


_PLACE_STOP = frozenset({"市辖区", "省直辖县级行政区划", "自治区直辖县级行政区划"})


def _province_covered(view: PageView, name: str) -> bool:
    """Whether the divisions table lists counties under the province of `name` (so absence means wrong)."""
    divisions = view.lexicon.divisions
    prefixes = {c[:2] for c, n in divisions.names.items() if n == name}
    return any(c[:2] in prefixes for c in divisions.counties())


def _level(code: str) -> int:
    """1 province, 2 prefecture, 3 county (by the code's trailing zeros)."""
    return 1 if code.endswith("0000") else 2 if code.endswith("00") else 3


def _misplaced(view: PageView, outer: Hit, inner: Hit) -> bool:
    """Whether "outer inner" (山西省米脂县) nests a division under a province or city that does not hold it."""
    divisions = view.lexicon.divisions
    if len(outer.term) < 3 or len(inner.term) < 3 or inner.term in _PLACE_STOP or outer.term in _PLACE_STOP:
        return False
    if min(map(_level, outer.entry.codes)) >= max(map(_level, inner.entry.codes)):
        return False  # two places of the same level listed together, not a nesting
    if any(outer.term in divisions.ancestors(code) for code in inner.entry.codes):
        return False
    if _province_covered(view, outer.term):
        return True
    return inner.term.endswith(("县", "旗"))  # county names are unique nationwide; districts are not


def place_names(view: PageView) -> list[Finding]:
    """A county or city written under a province or city it does not belong to (W-D1.14)."""
    places = longest([h for h in view.hits if h.kind == "place"], ("place",))
    out, seen = [], set()
    for outer, inner in zip(places, places[1:]):
        pair = outer.term + inner.term
        if outer.end != inner.start or pair in seen or not _misplaced(view, outer, inner):
            continue
        seen.add(pair)
        owners = sorted({a for code in inner.entry.codes for a in view.lexicon.divisions.ancestors(code)})
        out.append(make_finding("W-D1.14", view.url, f"地名错误：“{inner.term}”不属于“{outer.term}”（应属{'、'.join(owners) or '其他地区'}）",
                                confidence=0.6, needs_review=True, kind="place-name", 错误写法=pair,
                                片段=snippet(view.text, outer.start, inner.end), 位置={"正文字符偏移": outer.start}))
    return out


