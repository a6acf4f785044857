"""The catalogue as rows for `govinspect indicators` and for docs/indicators.md (generated, never hand-edited)."""
from __future__ import annotations

from ..scoring import fmt, load_profile
from .catalog import ALL
from .registry import IMPLEMENTED, NOT_YET

PART_NAMES = {"veto": "单项否决", "deduct": "扣分", "bonus": "加分", "info": "技术规范"}


def catalogue_rows(profile: str = "gov2019") -> list[dict[str, str]]:
    prof = load_profile(profile)
    rows = []
    for s in ALL:
        rule = prof.points.get(s.id)
        points = f"{fmt(rule.each)}/次，上限 {fmt(rule.cap)}" if rule else ("否决" if s.part == "veto" else "")
        if s.id in IMPLEMENTED:
            state = "已实现" + ("（需人工确认）" if not s.decides_alone else "")
        elif s.auto in ("HUMAN",):
            state = "人工"
        elif s.auto in ("GROUP", "CONTEXT"):
            state = "分组/背景"
        else:
            state = "暂未实现：" + NOT_YET.get(s.id, "新媒体与考核模块待建")
        rows.append({"id": s.id, "title": s.title, "part": PART_NAMES[s.part], "points": points,
                     "status": s.status, "auto": s.auto, "implemented": state})
    return rows


def markdown() -> str:
    lines = ["# Indicator catalogue", "",
             "Generated from `indicators/catalog.py` and `indicators/registry.py` by "
             "`python -m govinspect.indicators.listing > docs/indicators.md`; a test keeps it in sync.", "",
             "| 编号 | 名称 | 类别 | 分值 (gov2019) | 依据 | 自动化 | 本系统 |", "|---|---|---|---|---|---|---|"]
    for r in catalogue_rows():
        lines.append(f"| {r['id']} | {r['title']} | {r['part']} | {r['points']} | {r['status']} | {r['auto']} | {r['implemented']} |")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    print(markdown(), end="")
