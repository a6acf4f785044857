"""The one campaign-result type every report writer reads (results.json, read tolerantly)."""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from ..indicators.catalog import BY_ID

PART_PROBLEM = ("veto", "deduct", "info")  # bonus findings are merits, never listed as problems
_PART2 = re.compile(r"第二部分得分\s*=\s*([\d.]+)\s*[−-]\s*([\d.]+)")


def _text(d: dict[str, Any], key: str, default: str = "") -> str:
    value = d.get(key)
    return default if value is None else str(value)


def _int(d: dict[str, Any], key: str, default: int | None = None) -> int | None:
    value = d.get(key)
    try:
        return default if value is None else int(value)
    except (TypeError, ValueError):
        return default


def _float(value: Any) -> float | None:
    try:
        return None if value is None or isinstance(value, bool) else float(value)
    except (TypeError, ValueError):
        return None


def _confidence(value: Any) -> float:
    number = _float(value)
    return 1.0 if number is None else min(1.0, max(0.0, number))


def parse_datetime(text: str | None) -> datetime | None:
    """ISO text → datetime; None when absent or unreadable."""
    if not text:
        return None
    try:
        return datetime.fromisoformat(str(text).replace("Z", "+00:00"))
    except ValueError:
        return None


@dataclass(frozen=True, slots=True)
class FindingRecord:
    indicator: str
    title: str
    part: str
    points: float | None
    url: str
    evidence: Any
    confidence: float = 1.0
    needs_review: bool = False
    detail: dict[str, Any] | None = None

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> FindingRecord:
        indicator = _text(d, "indicator", "?")
        known = BY_ID.get(indicator)
        return cls(
            indicator=indicator,
            title=_text(d, "title") or (known.title if known else indicator),
            part=_text(d, "part") or (known.part if known else "info"),
            points=_float(d.get("points")),
            url=_text(d, "url"),
            evidence=d.get("evidence"),
            confidence=_confidence(d.get("confidence")),
            needs_review=bool(d.get("needs_review", False)),
            detail=d.get("detail") if isinstance(d.get("detail"), dict) else None,
        )

    @property
    def family(self) -> str:
        known = BY_ID.get(self.indicator)
        return known.family if known and known.family else "其他"

    def evidence_text(self, limit: int = 500) -> str:
        """Evidence as one line of plain text: JSON dumped compactly, cut at `limit` characters."""
        value = self.evidence
        text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, separators=(",", ":"))
        text = " ".join(text.split())
        return text if len(text) <= limit else text[: limit - 1] + "…"


@dataclass(frozen=True, slots=True)
class SiteRecord:
    id_code: str
    name: str
    url: str
    verdict: str
    score: float | None
    vetoed: bool
    findings: tuple[FindingRecord, ...] = ()
    stats: dict[str, Any] = field(default_factory=dict)
    arithmetic: tuple[str, ...] = ()
    pending_review: tuple[str, ...] = ()

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> SiteRecord:
        return cls(
            id_code=_text(d, "id_code"),
            name=_text(d, "name") or _text(d, "url"),
            url=_text(d, "url"),
            verdict="合格" if d.get("verdict") == "合格" else "不合格",
            score=_float(d.get("score")),
            vetoed=bool(d.get("vetoed", False)),
            findings=tuple(FindingRecord.from_json(f) for f in d.get("findings") or () if isinstance(f, dict)),
            stats=dict(d.get("stats") or {}),
            arithmetic=tuple(str(a) for a in d.get("arithmetic") or ()),
            pending_review=tuple(str(p) for p in d.get("pending_review") or ()),
        )

    @property
    def passed(self) -> bool:
        return self.verdict == "合格"

    @property
    def region(self) -> str:
        return str(self.stats.get("region") or "未注明地区")

    @property
    def level(self) -> str:
        return str(self.stats.get("level") or self.stats.get("kind") or "")

    @property
    def problems(self) -> tuple[FindingRecord, ...]:
        return tuple(f for f in self.findings if f.part in PART_PROBLEM)

    @property
    def deducted(self) -> float | None:
        """Points deducted in part 2, from the scoring arithmetic when present (it applies the caps)."""
        if self.vetoed:
            return None
        for line in self.arithmetic:
            m = _PART2.search(line)
            if m:
                return float(m.group(2))
        points = [f.points or 0.0 for f in self.findings if f.part == "deduct"]
        return sum(points) if points else 0.0


@dataclass(frozen=True, slots=True)
class Campaign:
    id: int | None
    name: str
    period: str
    as_of: datetime | None
    profile: str
    scope: str
    sample_share: float | None
    seed: int | None
    sites_registered: int | None
    sites_inspected: int | None
    started: datetime | None
    finished: datetime | None
    office: str
    doc_number: str
    addressees: str
    rectify_working_days: int
    issued: date | None = None

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> Campaign:
        issued = parse_datetime(d.get("issued"))
        return cls(
            id=_int(d, "id"), name=_text(d, "name", "政府网站检查"), period=_text(d, "period"),
            as_of=parse_datetime(d.get("as_of")), profile=_text(d, "profile", "gov2019"),
            scope=_text(d, "scope", "全覆盖"), sample_share=_float(d.get("sample_share")),
            seed=_int(d, "seed"), sites_registered=_int(d, "sites_registered"),
            sites_inspected=_int(d, "sites_inspected"), started=parse_datetime(d.get("started")),
            finished=parse_datetime(d.get("finished")), office=_text(d, "office", "市人民政府办公室"),
            doc_number=_text(d, "doc_number"), addressees=_text(d, "addressees"),
            rectify_working_days=_int(d, "rectify_working_days", 15) or 15,
            issued=issued.date() if issued else None,
        )

    @property
    def sampled(self) -> bool:
        return self.scope == "抽查"


@dataclass(frozen=True, slots=True)
class CampaignResult:
    """One campaign: its settings, every inspected site, and (when known) the previous period."""

    campaign: Campaign
    sites: tuple[SiteRecord, ...]
    previous: CampaignResult | None = None
    summary: dict[str, float] = field(default_factory=dict)  # figures given directly (a previous period's summary)

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> CampaignResult:
        """Read a results.json dict; `campaign.previous` may be a full result or a campaign dict with a summary."""
        raw = dict(d.get("campaign") or {}) if "campaign" in d else dict(d)
        previous = raw.pop("previous", None)
        summary = d.get("summary") if "campaign" in d else raw.pop("summary", None)
        return cls(
            campaign=Campaign.from_json(raw),
            sites=tuple(SiteRecord.from_json(s) for s in d.get("sites") or () if isinstance(s, dict)),
            previous=cls.from_json(previous) if isinstance(previous, dict) else None,
            summary={k: v for k, v in (summary or {}).items() if _float(v) is not None},
        )

    @property
    def inspected(self) -> int:
        return self.campaign.sites_inspected if self.campaign.sites_inspected is not None else len(self.sites)

    @property
    def registered(self) -> int:
        return self.campaign.sites_registered if self.campaign.sites_registered is not None else self.inspected

    @property
    def passed(self) -> tuple[SiteRecord, ...]:
        return tuple(s for s in self.sites if s.passed)

    @property
    def failed(self) -> tuple[SiteRecord, ...]:
        return tuple(s for s in self.sites if not s.passed)
