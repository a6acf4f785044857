"""Per-site 检测报告 (HTML, autoescaped Jinja2, inline CSS), with the evidence screenshots when they were taken.

The same HTML is the source of the PDF format (pdf.py)."""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable
from urllib.parse import urlsplit

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup, escape

from ..columns import class_name
from ..indicators.markings import FOOTER_ITEMS
from .result import CampaignResult, FindingRecord, SiteRecord
from .summary import level_name, number

if TYPE_CHECKING:
    from .screenshots import Shot, ShotSet

ENV = Environment(loader=PackageLoader("govinspect.reports", "templates"), autoescape=True,
                  undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
PART_LABELS = {"veto": "单项否决", "deduct": "扣分", "bonus": "加分", "info": "技术规范提示"}
STAT_LABELS = {"pages": "抓取页面数", "links_checked": "检查链接数", "links_dead": "不可用链接数", "columns": "栏目数",
               "blank_columns": "空白栏目数", "stale_columns": "更新不及时栏目数", "home_unavailable": "首页不可用",
               "region": "地区", "region_code": "行政区划代码", "level": "网站类别", "kind": "网站类型",
               "external_service": "有对外服务职能", "error": "抓取错误"}
MARKING_LABELS = {**FOOTER_ITEMS, "zhaocuo_site_code": "找错入口标识码"}
SNIPPET_KEYS, TERM_KEYS = ("snippet", "text", "context"), ("term", "match", "matched", "keyword")
PROBE_KEYS, PROBE_LIMIT = ("log", "probes", "probe_log"), 10
_DATE = re.compile(r"^(\d{4}-\d{2}-\d{2})")
_UNSAFE_NAME = re.compile(r"[^A-Za-z0-9_-]+")


def safe_href(url: str) -> str | None:
    """Only http(s) URLs become links; javascript:, data: and the like stay text."""
    try:
        return url if urlsplit(url.strip()).scheme.lower() in ("http", "https") else None
    except ValueError:  # a malformed URL from a page stays text
        return None


def highlight(snippet: str, term: str | None) -> Markup:
    """Escape first, then wrap the (escaped) term in <mark>: page text never becomes markup."""
    text = str(escape(snippet))
    if term:
        marked = str(escape(term))
        text = text.replace(marked, f"<mark>{marked}</mark>")
    return Markup(text)


def compact(value: Any) -> str:
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, separators=(",", ":"))


@dataclass(frozen=True, slots=True)
class DateRow:
    label: str
    value: str
    gap: str


@dataclass(slots=True)
class FindingView:
    """One finding prepared for the template: every page-derived value is still plain text."""

    finding: FindingRecord
    href: str | None
    snippet: Markup | None = None
    dates: list[DateRow] = field(default_factory=list)
    probes: list[dict[str, Any]] = field(default_factory=list)
    pairs: list[tuple[str, str]] = field(default_factory=list)
    text: str = ""
    shot: Shot | None = None  # the screenshot of this finding's page, when one was taken

    def __getattr__(self, name: str) -> Any:  # the template reads finding fields directly
        return getattr(self.finding, name)

    @property
    def part_label(self) -> str:
        return PART_LABELS.get(self.finding.part, self.finding.part)

    @property
    def points_text(self) -> str:
        return number(self.finding.points)


def _gap(value: str, as_of: datetime | None) -> str:
    if as_of is None:
        return "—"
    days = (as_of.date() - date.fromisoformat(value)).days
    return f"早于监测时间点 {days} 天" if days >= 0 else f"晚于监测时间点 {-days} 天"


def _dates(evidence: dict[str, Any], as_of: datetime | None) -> list[DateRow]:
    rows = []
    for key, value in evidence.items():
        m = _DATE.match(value) if isinstance(value, str) else None
        if m:
            try:
                rows.append(DateRow(key, value, _gap(m.group(1), as_of)))
            except ValueError:
                continue  # looks like a date but is not one (2026-13-45)
    return rows


def _probes(evidence: dict[str, Any]) -> tuple[str | None, list[dict[str, Any]]]:
    for key in PROBE_KEYS:
        value = evidence.get(key)
        if isinstance(value, list) and value and all(isinstance(p, dict) for p in value):
            rows = [{k: compact(p.get(k, "")) if p.get(k) is not None else "" for k in ("at", "ok", "status", "error")}
                    for p in value[:PROBE_LIMIT]]
            return key, rows
    return None, []


def finding_view(f: FindingRecord, as_of: datetime | None) -> FindingView:
    view = FindingView(f, safe_href(f.url))
    evidence = f.evidence
    if isinstance(evidence, dict):
        snippet_key = next((k for k in SNIPPET_KEYS if isinstance(evidence.get(k), str)), None)
        term = next((str(evidence[k]) for k in TERM_KEYS if evidence.get(k)), None)
        if snippet_key:
            view.snippet = highlight(evidence[snippet_key], term)
        view.dates = _dates(evidence, as_of)
        probe_key, view.probes = _probes(evidence)
        shown = {snippet_key, probe_key, *(d.label for d in view.dates)}
        view.pairs = [(k, compact(v)) for k, v in evidence.items() if k not in shown]
    elif evidence is not None:
        view.text = compact(evidence)
    view.pairs += [(f"detail.{k}", compact(v)) for k, v in (f.detail or {}).items()]
    return view


def _stats(site: SiteRecord) -> list[tuple[str, str]]:
    """The labelled figures of the crawl; nested records get tables of their own (markings, columns)."""
    rows = []
    for key, value in site.stats.items():
        shown_elsewhere = key in ("region", "level", "kind") or key not in STAT_LABELS
        if shown_elsewhere or value is None or isinstance(value, (dict, list)):
            continue
        shown = ("是" if value else "否") if isinstance(value, bool) else compact(value)
        rows.append((STAT_LABELS[key], shown))
    return rows


def _markings(site: SiteRecord) -> list[tuple[str, str]]:
    found = site.stats.get("markings") or {}
    return [(label, ("有" if found.get(key) else "无") if key == "conac" else (found.get(key) or "未发现"))
            for key, label in MARKING_LABELS.items() if key in found]


def _columns(site: SiteRecord) -> list[dict[str, object]]:
    return [{"name": c.get("name") or "", "url": safe_href(c.get("url") or ""),
             "class": class_name(c.get("class") or "other"), "level": c.get("level"), "items": c.get("items"),
             "newest": c.get("newest") or "无日期"}
            for c in site.stats.get("column_list") or [] if isinstance(c, dict)]


def site_stems(result: CampaignResult) -> list[str]:
    """One file-name stem per site, in the result's order: from the id code, safe on every file system
    and unique in the campaign (the report, its PDF and its shots folder share it)."""
    taken: set[str] = set()
    stems = []
    for site in result.sites:
        base = _UNSAFE_NAME.sub("_", site.id_code) or "site"
        name, n = base, 1
        while name in taken:
            n += 1
            name = f"{base}-{n}"
        taken.add(name)
        stems.append(name)
    return stems


def render_site(result: CampaignResult, site: SiteRecord, overview_href: str = "../index.html",
                shots: Iterable[Shot] = ()) -> str:
    as_of = result.campaign.as_of
    shots = list(shots)
    images = {s.url: s for s in shots if s.file}
    findings = [finding_view(f, as_of) for f in site.findings]
    for view in findings:
        view.shot = images.get(view.url.strip())
    return ENV.get_template("site.html.j2").render(
        site=site, campaign=result.campaign, level=level_name(site.level), overview_href=overview_href,
        as_of=as_of.strftime("%Y-%m-%d %H:%M") if as_of else "—", score=number(site.score),
        site_href=safe_href(site.url), stats=_stats(site), markings=_markings(site), columns=_columns(site),
        findings=findings, shots=[(s, safe_href(s.url)) for s in shots])


def site_pages(result: CampaignResult, out_dir: Path, shots: ShotSet | None = None) -> Iterable[tuple[SiteRecord, Path, str]]:
    """(site, sites/<stem>.html, its HTML) for every site, in the result's order."""
    folder = out_dir / "sites"
    for site, stem in zip(result.sites, site_stems(result)):
        html = render_site(result, site, shots=shots.for_site(stem) if shots else ())
        yield site, folder / f"{stem}.html", html


def write_site_reports(result: CampaignResult, out_dir: Path, shots: ShotSet | None = None) -> list[tuple[SiteRecord, Path]]:
    """Write sites/<stem>.html for every site, in the result's order."""
    (out_dir / "sites").mkdir(parents=True, exist_ok=True)
    written: list[tuple[SiteRecord, Path]] = []
    for site, path, html in site_pages(result, out_dir, shots):
        path.write_text(html, encoding="utf-8")
        written.append((site, path))
    return written
