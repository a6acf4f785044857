"""The 通报's words: the editable template (templates/notice.toml) rendered over values computed from a result.

Templates are rendered in a sandboxed Jinja environment; everything taken from the result (site names,
evidence) enters only as values, so text from inspected pages is never evaluated as a template.
"""
from __future__ import annotations

import tomllib
from dataclasses import dataclass
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Any

from jinja2 import StrictUndefined
from jinja2.sandbox import SandboxedEnvironment

from .comparison import compare
from .result import CampaignResult
from .summary import by_level, by_region, overall, percent, problems_by_family
from .workdays import add_working_days, calendar_covers, chinese_date

CN_NUMBERS = "一二三四五六七八九十"
# python-docx escapes XML itself, so no HTML escaping here; the sandbox keeps templates harmless.
_ENV = SandboxedEnvironment(autoescape=False, undefined=StrictUndefined, keep_trailing_newline=False)


def load_template(path: Path | None = None) -> dict[str, Any]:
    """The notice wording: a 办公厅's own file when given, else the packaged default."""
    if path is not None:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    text = resources.files("govinspect.reports").joinpath("templates/notice.toml").read_text(encoding="utf-8")
    return tomllib.loads(text)


def render(template: str, values: dict[str, Any]) -> str:
    return _ENV.from_string(template).render(**values).strip()


def cn_number(n: int) -> str:
    return CN_NUMBERS[n - 1] if 1 <= n <= len(CN_NUMBERS) else str(n)


@dataclass(frozen=True, slots=True)
class Paragraph:
    """One line of the notice body: its role decides the font (heading1 黑体, heading2 楷体, body 仿宋)."""

    role: str  # heading1 | heading2 | body | lead (楷体 lead-in followed by body text)
    text: str
    lead: str = ""


def base_values(result: CampaignResult, issued: date) -> dict[str, Any]:
    c = result.campaign
    total = overall(result)
    deadline = add_working_days(issued, c.rectify_working_days)
    return {
        "campaign": c, "period": c.period or c.name, "registered": result.registered,
        "inspected": result.inspected, "sampled": c.sampled,
        "share": percent(c.sample_share) if c.sample_share is not None else percent(
            result.inspected / result.registered if result.registered else None),
        "seed": c.seed, "passed": total.passed, "failed": total.total - total.passed, "rate": total.rate_text,
        "deadline": chinese_date(deadline), "days": c.rectify_working_days,
        "deadline_exact": calendar_covers(issued, deadline), "issued": chinese_date(issued),
    }


def overall_paragraphs(result: CampaignResult, t: dict[str, Any], values: dict[str, Any]) -> list[Paragraph]:
    regions = by_region(result)
    out = [Paragraph("heading1", render(t["section_overall"], values)), Paragraph("body", render(t["overall"], values))]
    lines = "，".join(f"{r.label}{r.rate_text}（{r.passed}/{r.total}）" for r in regions)
    full = "、".join(r.label for r in regions if r.total and r.passed == r.total)
    out += [Paragraph("heading2", render(t["region_heading"], values)),
            Paragraph("body", render(t["region_text"], {**values, "lines": lines, "full": full}))]
    levels = "；".join(f"{lv.label}{lv.total}个，合格{lv.passed}个，合格率{lv.rate_text}" for lv in by_level(result))
    out += [Paragraph("heading2", render(t["level_heading"], values)),
            Paragraph("body", render(t["level_text"], {**values, "lines": levels}))]
    changes = compare(result)
    if changes and result.previous is not None:
        prev = result.previous.campaign
        sentences = "；".join(c.sentence() for c in changes)
        out += [Paragraph("heading2", render(t["comparison_heading"], values)),
                Paragraph("body", render(t["comparison_text"], {**values, "previous": prev.period or prev.name,
                                                                 "sentences": sentences}))]
    return out


def problem_paragraphs(result: CampaignResult, t: dict[str, Any], values: dict[str, Any]) -> list[Paragraph]:
    out = [Paragraph("heading1", render(t["section_problems"], values))]
    families = problems_by_family(result)
    if not families:
        return out + [Paragraph("body", render(t["no_problems"], values))]
    any_review = False
    for n, (family, indicators) in enumerate(families.items(), start=1):
        out.append(Paragraph("heading2", render(t["family_heading"], {**values, "number": cn_number(n), "family": family})))
        for item in indicators:
            names = []
            for m in item.mentions:
                note = "（待人工核实）" if m.review_only else (f"（{m.count}处）" if m.count > 1 else "")
                any_review = any_review or m.review_only
                names.append(f"“{m.site.name}”{note}")
            sites = "、".join(names) + f"等{len(names)}个网站" if len(names) > 1 else names[0]
            out.append(Paragraph("body", render(t["indicator_text"], {**values, "title": item.title, "sites": sites})))
    if any_review:
        out.append(Paragraph("body", render(t["review_note"], values)))
    return out


def requirement_paragraphs(t: dict[str, Any], values: dict[str, Any]) -> list[Paragraph]:
    out = [Paragraph("heading1", render(t["section_requirements"], values))]
    for item in t.get("requirements", []):
        out.append(Paragraph("lead", render(item.get("text", ""), values), render(item.get("heading", ""), values)))
    out.append(Paragraph("body", render(t["deadline"], values)))
    return out


def body_paragraphs(result: CampaignResult, t: dict[str, Any], values: dict[str, Any]) -> list[Paragraph]:
    """The three numbered sections, in order."""
    return (overall_paragraphs(result, t, values) + problem_paragraphs(result, t, values)
            + requirement_paragraphs(t, values))
