"""What an indicator is: a spec declaration from the catalogue plus one check over a `SiteSnapshot`.

A check returns `Finding`s with evidence. Checks share one `Context` (the snapshot, the profile and a
few derived views computed once), so no check recomputes the column model or the window dates.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any, Callable, Iterable

from ..columns import has_content
from ..models import Column, Finding, PageFacts, SiteSnapshot
from ..scoring import Profile
from .catalog import Spec, spec


@dataclass(slots=True)
class Context:
    snapshot: SiteSnapshot
    profile: Profile
    by_url: dict[str, Column] = field(default_factory=dict)
    _memo: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.by_url = {c.url: c for c in self.snapshot.columns}

    def memo(self, key: str, compute: Callable[[], Any]) -> Any:
        """A derived view computed once per site and shared by the checks that need it."""
        if key not in self._memo:
            self._memo[key] = compute()
        return self._memo[key]

    @property
    def today(self) -> date:
        return self.snapshot.as_of.date()

    @property
    def home(self) -> PageFacts | None:
        return self.snapshot.home

    @property
    def home_url(self) -> str:
        return self.snapshot.home.url if self.snapshot.home else self.snapshot.site.url

    def months_ago(self, months: float) -> date:
        return months_before(self.today, int(months))

    def days_ago(self, days: float) -> date:
        return self.today - timedelta(days=int(days))

    def t(self, key: str) -> float:
        return self.profile.threshold(key)

    def is_blank(self, column: Column) -> bool:
        return not has_content(column, self.by_url)

    def pages(self, *kinds: str) -> Iterable[PageFacts]:
        return (p for p in self.snapshot.pages if not kinds or p.kind in kinds)


Check = Callable[[Context], Iterable[Finding]]


@dataclass(frozen=True, slots=True)
class Indicator:
    spec: Spec
    check: Check


def indicator(indicator_id: str) -> Callable[[Check], Indicator]:
    """Declare a check for a spec id: `@indicator("W-V4.3")`."""
    def wrap(check: Check) -> Indicator:
        return Indicator(spec(indicator_id), check)
    return wrap


def finding(indicator_id: str, url: str, evidence: Any, *, confidence: float = 1.0, needs_review: bool | None = None,
            detail: dict[str, Any] | None = None, points: float | None = None) -> Finding:
    """A finding with the title and part of its spec entry."""
    s = spec(indicator_id)
    review = (not s.decides_alone) if needs_review is None else needs_review
    return Finding(indicator_id, s.title, s.part, points, url, evidence, confidence, review, detail)


def months_before(day: date, months: int) -> date:
    """Calendar arithmetic (spec §0.3): 2026-08-31 minus 6 months is 2026-02-28."""
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    month += 1
    for d in (day.day, 30, 29, 28):
        try:
            return date(year, month, d)
        except ValueError:
            continue
    raise ValueError(day)


def fmt_date(d: date | None) -> str:
    return d.isoformat() if d else "无日期"
