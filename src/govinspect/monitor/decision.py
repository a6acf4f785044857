"""The W-V2 (站点无法访问) decision over a week of probes: ratio, longest outage, evidence table.

Pure: the indicator (`indicators/availability.py`) and `monitor status/simulate` can share it.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any, Literal

from ..models import Probe

Status = Literal["veto", "pass", "insufficient"]
EVIDENCE_ROWS = 20


@dataclass(frozen=True, slots=True)
class Thresholds:
    """Spec W-V2: ≥ 20 probes a day for 7 full days; failed/total ≥ 5 % is a veto."""

    fail_ratio: float = 0.05
    min_days: int = 7
    min_per_day: int = 20


@dataclass(slots=True)
class Decision:
    status: Status
    probes: int
    failed: int
    full_days: int
    longest_outage_s: float = 0.0
    longest_outage_from: datetime | None = None
    failures: list[Probe] = field(default_factory=list)

    @property
    def ratio(self) -> float:
        return self.failed / self.probes if self.probes else 0.0

    @property
    def fires(self) -> bool:
        return self.status == "veto"

    def evidence(self) -> dict[str, Any]:
        """The evidence table in the spec's words (Chinese keys, as in results.json)."""
        log = [{"时间": p.at.isoformat(timespec="seconds"), "状态": p.status, "错误": p.error}
               for p in self.failures[:EVIDENCE_ROWS]]
        return {"探测次数": self.probes, "失败次数": self.failed, "失败比例": f"{self.ratio:.1%}",
                "完整监测天数": self.full_days, "最长中断(分钟)": round(self.longest_outage_s / 60, 1),
                "最长中断开始": self.longest_outage_from.isoformat(timespec="seconds")
                if self.longest_outage_from else None, f"失败记录(前{EVIDENCE_ROWS}条)": log}

    def detail(self) -> dict[str, Any]:
        return {"probes": self.probes, "failed": self.failed, "ratio": round(self.ratio, 4),
                "full_days": self.full_days, "longest_outage_s": round(self.longest_outage_s, 1),
                "status": self.status}


def window(as_of: datetime, days: int) -> tuple[datetime, datetime]:
    """The `days` whole calendar days before as_of's day (a campaign at T judges the week before T)."""
    end = datetime.combine(as_of.date(), time())
    return end - timedelta(days=days), end


def full_days(probes: Sequence[Probe], min_per_day: int) -> int:
    """Calendar days holding at least `min_per_day` completed probes (missed slots are not probes)."""
    per_day: Counter[date] = Counter(p.at.date() for p in probes)
    return sum(1 for n in per_day.values() if n >= min_per_day)


def longest_outage(probes: Sequence[Probe]) -> tuple[float, datetime | None]:
    """Longest run of consecutive failed probes, from its first failure to the next success (or last failure)."""
    best, best_from, run_from = 0.0, None, None
    ordered = sorted(probes, key=lambda p: p.at)
    for i, p in enumerate(ordered):
        if not p.ok and run_from is None:
            run_from = p.at
        if run_from is not None and (p.ok or i == len(ordered) - 1):
            span = (p.at - run_from).total_seconds()
            if span > best or best_from is None:
                best, best_from = span, run_from
            run_from = None if p.ok else run_from
    return best, best_from


def decide(probes: Sequence[Probe], thresholds: Thresholds = Thresholds()) -> Decision:
    """Decide W-V2 from completed probes (already limited to the window). Too few full days: insufficient."""
    failed = sorted((p for p in probes if not p.ok), key=lambda p: p.at)
    days = full_days(probes, thresholds.min_per_day)
    outage, outage_from = longest_outage(probes)
    decision = Decision("pass", len(probes), len(failed), days, outage, outage_from, failed)
    if days < thresholds.min_days:
        decision.status = "insufficient"
    elif decision.ratio >= thresholds.fail_ratio:
        decision.status = "veto"
    return decision
