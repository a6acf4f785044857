"""SitePlan: everything decided about one simulated site (look, defects, negatives) plus its labels."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .geography import Identity


# Where each network hazard lives on the one site it is planted on.
HAZARD_PATHS: dict[str, str] = {
    "calendar_trap": "/calendar?month=2026-01", "timeout": "/hazard/timeout.html", "huge_page": "/hazard/big.html",
    "gzip_bomb": "/hazard/bomb.html", "connection_close": "/hazard/close.html", "redirect_chain": "/redir/1.html",
    "slow_page": "/hazard/slow.html", "unavailable_503": "/hazard/busy.html",
}


@dataclass(frozen=True, slots=True)
class LinkSpec:
    tag: str  # a | img
    href: str  # as written in the page
    text: str


@dataclass(slots=True)
class SitePlan:
    index: int
    identity: Identity
    host: str  # may differ from identity.host when a domain defect is planted
    template: str  # trs | hanweb | html5
    encoding: str  # utf-8 | gbk
    charset_header: bool  # whether Content-Type names the charset
    category: str = "healthy"  # healthy | deduct | veto | hijack | down
    kinds: list[str] = field(default_factory=list)  # planted defect kinds, for the catalogue doc
    negatives_kinds: list[str] = field(default_factory=list)
    removed: set[str] = field(default_factory=set)  # column keys not present at all
    ages: dict[str, int] = field(default_factory=dict)  # column key -> age of its newest item (days)
    blank: dict[str, str] = field(default_factory=dict)  # column key -> empty | none | building
    undated: set[str] = field(default_factory=set)
    few: set[str] = field(default_factory=set)  # columns with only two items
    js_list: set[str] = field(default_factory=set)  # columns rendered by script from /api/<key>.json
    min_age: int = 0  # no dated item anywhere on the site is younger than this
    nav_home: bool = False
    home_flags: set[str] = field(default_factory=set)  # no_search no_zc no_viewport no_report no_gov no_name
    footer_missing: set[str] = field(default_factory=set)
    footer_code: str = ""  # the code the footer shows (registry code unless T-ID is planted)
    tag_missing: str | None = None  # an article tag absent from every article
    tag_code: str = ""  # SiteIDCode written in the meta tags
    msg_flags: set[str] = field(default_factory=set)  # replies_stale no_reply_time reply_lag unanswered holiday
    old_lists: set[str] = field(default_factory=set)  # lytj bjtj dczj zxft: newest item too old
    annual_report_old: bool = False
    features: dict[tuple[str, int], list[str]] = field(default_factory=dict)  # article -> planted features
    links: dict[tuple[str, int], list[LinkSpec]] = field(default_factory=dict)
    guide_missing: dict[int, list[str]] = field(default_factory=dict)
    broken_forms: set[int] = field(default_factory=set)
    online_down: bool = False
    bare_topic: int | None = None
    hijack: bool = False
    robots_column: bool = False
    copyright_year: int = 0
    benign_hidden: bool = False
    crackdown: tuple[str, int] | None = None
    slow_link: bool = False
    down_fraction: float = 0.0
    hazard: str | None = None
    labels: list[dict[str, Any]] = field(default_factory=list)
    negatives: list[dict[str, Any]] = field(default_factory=list)
    hazards: list[dict[str, Any]] = field(default_factory=list)

    @property
    def base(self) -> str:
        return f"http://{self.host}"

    @property
    def home(self) -> str:
        return f"{self.base}/"

    def aux_host(self, prefix: str) -> str:
        """A helper host of this site (slow.xa.gov.cn, zxbl.jyj.xa.gov.cn)."""
        return f"{prefix}.{self.identity.host.removeprefix('www.')}"

    def col_url(self, key: str) -> str:
        return f"{self.base}/col/{key}/"

    def art_url(self, key: str, i: int) -> str:
        return f"{self.base}/art/{key}/{i}.html"

    def label(self, indicator: str, url: str | None = None, item: str | None = None, note: str = "",
              **extra: Any) -> None:
        self.labels.append({"indicator": indicator, "site": self.identity.id_code, "url": url or self.home,
                            "item": item, "note": note, **extra})

    def negative(self, kind: str, url: str, indicators: list[str], note: str) -> None:
        self.negatives_kinds.append(kind)
        self.negatives.append({"kind": kind, "site": self.identity.id_code, "url": url,
                               "indicators": indicators, "note": note})

    def feature(self, key: str, i: int, name: str) -> None:
        self.features.setdefault((key, i), []).append(name)

    def link(self, key: str, i: int, spec: LinkSpec) -> None:
        self.links.setdefault((key, i), []).append(spec)

    def has(self, key: str) -> bool:
        return key not in self.removed
