"""The plain data types every room shares: no I/O, no behaviour beyond small derived values.

Flow: registry rows become `Site`s; the crawler turns fetched pages into `PageFacts` (via extract/);
`SiteSnapshot` gathers one site's facts; indicators turn a snapshot into `Finding`s; scoring turns
findings into a `SiteResult`.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date, datetime
from typing import Any, Literal

Region = Literal["header", "nav", "main", "footer"]
Part = Literal["veto", "deduct", "bonus", "info"]
PageKind = Literal["home", "list", "article", "message", "guide", "other"]


@dataclass(frozen=True, slots=True)
class Site:
    """One row of the registry (网站基本信息)."""

    id_code: str  # 网站标识码: 10 digits or bm + 8 digits
    name: str  # 网站名称
    url: str  # 首页网址
    sponsor: str = ""  # 主办单位
    region_code: str = ""  # 行政区划代码 (6 digits)
    kind: str = "portal"  # portal | department
    level: str = ""  # province_portal, city_dept, ... (spec §6.1)
    external_service: bool = True  # 是否有对外服务职能
    row: int | None = None  # registry row number, for messages


@dataclass(slots=True)
class Link:
    url: str  # absolute, as it will be requested
    tag: str  # a, img, script, link, iframe, area, source, meta-refresh, ...
    text: str
    region: Region


@dataclass(slots=True)
class ListItem:
    title: str
    url: str
    date: date | None


@dataclass(slots=True)
class ArticleList:
    """A dated or undated list of articles found on a page (a column block or a column's own list)."""

    column: str  # the block's heading or the page's column name
    items: list[ListItem]
    more_url: str | None = None  # the block's "更多" link, when it has one


@dataclass(slots=True)
class Markings:
    site_id_code: str | None = None
    icp: str | None = None
    police_record: str | None = None
    conac: bool = False
    sponsor: str | None = None
    zhaocuo_site_code: str | None = None
    sitemap: bool = False
    contact: bool = False


@dataclass(slots=True)
class Entries:
    search: bool = False
    zhaocuo: bool = False
    xxgk: bool = False
    hudong: bool = False
    banshi: bool = False


@dataclass(slots=True)
class Message:
    """One public message (留言) as listed on a 互动 page."""

    title: str
    url: str
    asked: date | None  # 留言时间
    answered: date | None  # 答复时间
    status: str = ""  # 已回复 / 未回复 / 办理中 as shown


@dataclass(slots=True)
class Finding:
    indicator: str  # spec id, e.g. "W-V4.3"
    title: str  # Chinese title from the spec
    part: Part
    points: float | None
    url: str
    evidence: Any  # text, or a JSON-able dict/list
    confidence: float = 1.0
    needs_review: bool = False
    detail: dict[str, Any] | None = None

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(slots=True)
class PageFacts:
    """Everything extract/ learns from one fetched page. Bodies are not kept."""

    url: str
    status: int | None
    encoding: str | None
    title: str | None
    kind: PageKind = "other"
    meta: dict[str, str] = field(default_factory=dict)
    markings: Markings = field(default_factory=Markings)
    entries: Entries = field(default_factory=Entries)
    lists: list[ArticleList] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    signals: list[Finding] = field(default_factory=list)
    breadcrumb: list[str] = field(default_factory=list)  # 首页 > 信息公开 > 通知公告 → names
    header_text: str = ""  # visible text of the 头部标识区
    pub_date: datetime | None = None  # the article's visible publication time
    blank_marker: str | None = None  # "暂无信息" / "栏目建设中" when the list area says so
    data_sources: list[str] = field(default_factory=list)  # JSON endpoints a script fills lists from
    messages: list[Message] = field(default_factory=list)
    guide_labels: list[str] = field(default_factory=list)  # 办事指南 element labels found
    soft404: bool = False
    has_viewport: bool = False
    final_url: str | None = None
    text_sample: str = ""  # first part of the main text, for evidence


@dataclass(slots=True)
class LinkResult:
    """The campaign-wide verdict on one link target."""

    target: str
    status: int | str  # final HTTP status, an error class ("timeout", "dns", ...), or "soft-404"
    ok: bool
    confirmed: bool  # a failure seen twice (or a definitive 404/410)
    tag: str = "a"
    external: bool = False
    sources: list[str] = field(default_factory=list)  # pages that link to it (first few)
    on_home: bool = False
    content_type: str | None = None
    spam: bool = False  # the target now serves spam (a security finding, not a dead link)


@dataclass(slots=True)
class Column:
    """A 栏目 as the column model sees it (built from list pages, nav links, tags and breadcrumbs)."""

    name: str
    url: str
    cls: str  # dynamic | notice | policy | personnel | plan | interpretation | overview | ... | other
    level: int  # 1 = first-level (一级栏目)
    items: list[ListItem] = field(default_factory=list)
    children: list[str] = field(default_factory=list)  # urls of sub-columns
    blank_marker: str | None = None
    rendered_by_script: bool = False
    reachable: bool = True

    @property
    def newest(self) -> date | None:
        dates = [i.date for i in self.items if i.date]
        return max(dates) if dates else None


@dataclass(slots=True)
class Probe:
    at: datetime
    ok: bool
    status: int | None
    elapsed_s: float | None
    error: str | None = None
    fingerprint: str | None = None


@dataclass(slots=True)
class SiteSnapshot:
    """One site as the indicators see it."""

    site: Site
    as_of: datetime  # monitoring point T
    home: PageFacts | None
    pages: list[PageFacts]
    columns: list[Column] = field(default_factory=list)
    link_results: list[LinkResult] = field(default_factory=list)
    probes: list[Probe] = field(default_factory=list)  # W-V2: the monitor's week, or the inspection's attempts
    home_history: list[Probe] = field(default_factory=list)  # the monitor's probes of the last weeks, fingerprinted
    extra_signals: list[Finding] = field(default_factory=list)  # cloaking etc., from the crawler
    stats: dict[str, Any] = field(default_factory=dict)
    error: str | None = None  # why the site could not be crawled, when it could not


@dataclass(slots=True)
class SiteResult:
    site: Site
    verdict: Literal["合格", "不合格"]
    score: float | None
    vetoed: bool
    findings: list[Finding]
    stats: dict[str, Any] = field(default_factory=dict)
    arithmetic: list[str] = field(default_factory=list)  # the scoring steps, for reports
    pending_review: list[str] = field(default_factory=list)  # veto ids awaiting a person

    def to_json(self) -> dict[str, Any]:
        return {
            "id_code": self.site.id_code,
            "name": self.site.name,
            "url": self.site.url,
            "verdict": self.verdict,
            "score": self.score,
            "vetoed": self.vetoed,
            "findings": [f.to_json() for f in self.findings],
            "stats": self.stats,
            "arithmetic": self.arithmetic,
            "pending_review": self.pending_review,
        }
