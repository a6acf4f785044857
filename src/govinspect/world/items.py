"""The dated items of one site's columns and messages, computed from (seed, host, column, index)."""
from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import cached_property

import chinese_calendar

from . import content
from .layout import BY_KEY, COLUMNS, FORMS, HOME_BLOCKS, MATTERS
from .plan import SitePlan
from .templates import Entry

GAPS = {"dynamic": 2.0, "notice": 9.0, "policy": 15.0, "personnel": 40.0, "plan": 60.0, "interpretation": 20.0,
        "data": 30.0, "topic": 45.0}
FIXED_TITLES = {
    "zjgk": ("{p}概况", "{p}历史沿革", "{p}自然地理", "{p}行政区划", "{p}经济社会发展情况"),
    "jgzn": ("{o}主要职责", "{o}内设机构", "{o}所属单位", "{o}机构设置"),
    "ldxx": ("{o}领导分工", "主要负责同志简历", "分管领导简历", "领导班子成员"),
    "xxgkzn": ("{o}政府信息公开指南", "依申请公开办理流程", "政府信息公开申请表"),
    "xxgkml": ("政府信息公开目录", "主动公开目录", "法定主动公开内容"),
    "dczj": ("关于《{p}城市更新实施办法（征求意见稿）》公开征求意见的公告", "{p}公共交通满意度网上调查",
             "关于征集{p}民生实事项目建议的公告", "{p}公交线网优化方案征求意见"),
    "zxft": ("在线访谈：聚焦{p}优化营商环境", "在线访谈：{p}义务教育招生政策解答", "在线访谈：就业创业政策面对面"),
    "ztzl": ("{p}学习贯彻党的二十大精神专题", "{p}优化营商环境专栏", "{p}乡村振兴专题", "{p}安全生产月专题"),
}


@dataclass(frozen=True, slots=True)
class Message:
    index: int
    title: str
    asked: datetime
    replied: datetime | None
    unit: str


def add_workdays(day: date, n: int) -> date:
    """The n-th working day after `day`, using the official calendar with 调休 where it is known."""
    while n > 0:
        day += timedelta(days=1)
        try:
            work = chinese_calendar.is_workday(day)
        except NotImplementedError:
            work = day.weekday() < 5
        n -= work
    return day


class SiteItems:
    """Everything dated on one site; cheap to build, computed lazily per column."""

    def __init__(self, plan: SitePlan, seed: int, as_of: datetime, target_pages: int) -> None:
        self.plan, self.seed, self.as_of = plan, seed, as_of
        self.place = plan.identity.name.removesuffix("人民政府") if plan.identity.kind == "portal" else plan.identity.name
        lists = [c for c in COLUMNS if c.kind != "nav" and plan.has(c.key)]
        self.per_column = max(0, (target_pages - 60) // max(1, len(lists)))
        self._cache: dict[str, list[Entry]] = {}

    def rng(self, *parts: object) -> random.Random:
        return random.Random("/".join([str(self.seed), self.plan.identity.host, *map(str, parts)]))

    def count(self, key: str) -> int:
        if key in self.plan.blank or not self.plan.has(key):
            return 0
        if key in self.plan.few:
            return 2
        used = [i for (k, i) in (*self.plan.links, *self.plan.features) if k == key]
        usual = 16 if key == "zwyw" else (6 if key in HOME_BLOCKS else 2)  # zwyw always paginates
        base = max([usual, *(i + 1 for i in used)])
        if key in ("lytj", "bjtj"):
            base = 6
        if key in ("xxgkzn", "xxgkml", "jgzn", "ldxx", "zjgk"):
            return 3
        if key == "xxgknb":
            return 4
        if key == "bszn":
            return len(MATTERS)
        if key == "bgxz":
            return len(FORMS)
        return base + self.per_column

    def when(self, key: str, i: int) -> datetime | None:
        if key in self.plan.undated:
            return None
        if key == "xxgknb":
            first = self.as_of.year - (2 if self.plan.annual_report_old else 1)
            return datetime(first - i + 1, 1, 20, 9, 30)
        gap = GAPS.get(BY_KEY[key].cls, 30.0) if key not in ("lytj", "bjtj") else 30.0
        age = self.plan.ages.get(key, 30) + int(i * gap)
        r = self.rng(key, i, "t")
        day = self.as_of.date() - timedelta(days=age)
        return datetime(day.year, day.month, day.day, r.randint(8, 17), r.choice((0, 10, 15, 20, 30, 45)))

    def title(self, key: str, i: int, when: datetime | None) -> str:
        o = self.plan.identity.name
        if key in ("lytj", "bjtj") and when is not None:
            month = (when.replace(day=1) - timedelta(days=1))
            what = "网民留言办理情况统计" if key == "lytj" else "政务服务办件统计"
            return f"{month.year}年{month.month}月{what}"
        if key == "xxgknb" and when is not None:
            return f"{o}{when.year - 1}年政府信息公开工作年度报告"
        if key in FIXED_TITLES:
            pool = FIXED_TITLES[key]
            return pool[i % len(pool)].format(p=self.place, o=o)
        if key == "bgxz":
            return FORMS[i]
        return content.title_for(BY_KEY[key].cls, self.place, self.rng(key, i))

    def entries(self, key: str) -> list[Entry]:
        if key not in self._cache:
            out = []
            for i in range(self.count(key)):
                w = self.when(key, i)
                out.append(Entry(self.title(key, i, w), self.url(key, i), w))
            self._cache[key] = out
        return self._cache[key]

    def url(self, key: str, i: int) -> str:
        if key == "bszn":
            return f"/bszn/{i}.html"
        if key == "ztzl":
            return f"/zt/{i}/"
        if key == "bgxz":
            return ("/attach/" if i in self.plan.broken_forms else "/files/") + FORMS[i]
        return f"/art/{key}/{i}.html"

    @cached_property
    def messages(self) -> list[Message]:
        base = self.plan.ages.get("zxly", 5)
        out = [self._message(i, base + 6 * i) for i in range(6)]
        return sorted(out, key=lambda m: m.asked, reverse=True)

    def _message(self, i: int, age: int) -> Message:
        r = self.rng("msg", i)
        asked_day = self.as_of.date() - timedelta(days=age)
        lag = r.randint(1, 3)
        flags = self.plan.msg_flags
        if i == 1 and "holiday" in flags:
            asked_day = _before_national_day(self.as_of.date())
            lag = 4
        elif i == 2 and "reply_lag" in flags:
            lag = 8
        asked = datetime(asked_day.year, asked_day.month, asked_day.day, r.randint(8, 21), r.randint(0, 59))
        unit = self.plan.identity.name if self.plan.identity.kind == "department" else f"{self.place}政府办公室"
        if i == 3 and "unanswered" in flags:
            asked = asked.replace(year=(self.as_of - timedelta(days=120)).year,
                                  month=(self.as_of - timedelta(days=120)).month,
                                  day=(self.as_of - timedelta(days=120)).day)
            return Message(i, content.message_title(r), asked, None, unit)
        rd = add_workdays(asked_day, lag)
        return Message(i, content.message_title(r), asked, datetime(rd.year, rd.month, rd.day, 16, 30), unit)


def _before_national_day(as_of: date) -> date:
    """The 29 September of the latest year whose holiday reply window (4 working days) ends before T."""
    year = as_of.year if as_of >= date(as_of.year, 10, 20) else as_of.year - 1
    return date(year, 9, 29)
