"""results.json against the sample world's labels.json: TP/FP/FN, precision and recall per indicator,
and per-site verdict accuracy (合格/不合格 confusion).

Matching (by the catalogue's scope): `site` → (site, indicator); `url` → (site, indicator, normalised URL),
where a W-D4.4 finding's URL is `detail.target`; `item` → (site, indicator, detail.item). Each label counts
once (TP or FN); each distinct finding key that matches no label is one FP. Labels carrying `requires`
(e.g. W-V2 needs the availability monitor) are optional: a matching finding is a TP, a missing one is
not an FN.
"""
from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote, urlsplit, urlunsplit

from .indicators.catalog import BY_ID

Key = tuple[str, str, str | None]
MAX_SHOWN = 5
URL_SAFE = "/:@!$&'()*+,;=-._~%"


@dataclass
class Row:
    indicator: str
    tp: int = 0
    fp: int = 0
    fn: int = 0
    fp_examples: list[dict[str, Any]] = field(default_factory=list)
    fn_examples: list[dict[str, Any]] = field(default_factory=list)

    @property
    def precision(self) -> float | None:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else None

    @property
    def recall(self) -> float | None:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else None


@dataclass
class Evaluation:
    rows: dict[str, Row]
    verdicts: dict[str, dict[str, int]]  # expected → actual → count
    sites_compared: int
    sites_missing: list[str]

    @property
    def verdict_accuracy(self) -> float | None:
        right = sum(self.verdicts.get(v, {}).get(v, 0) for v in ("合格", "不合格"))
        return right / self.sites_compared if self.sites_compared else None

    def as_json(self) -> dict[str, Any]:
        rows = {k: {**asdict(r), "precision": r.precision, "recall": r.recall} for k, r in sorted(self.rows.items())}
        return {"indicators": rows, "verdicts": self.verdicts, "verdict_accuracy": self.verdict_accuracy,
                "sites_compared": self.sites_compared, "sites_missing": self.sites_missing}


def normalise_url(url: str | None) -> str | None:
    """Scheme/host lower-case, default port dropped, path percent-encoding made uniform, trailing
    index.html/index.htm and the fragment removed."""
    if not url:
        return url
    parts = urlsplit(url.strip())
    host = (parts.hostname or "").lower()
    if parts.port and not (parts.scheme.lower(), parts.port) in (("http", 80), ("https", 443)):
        host = f"{host}:{parts.port}"
    path = quote(unquote(parts.path or "/"), safe=URL_SAFE)  # 登记表.xls and %E7%99%BB… are one URL
    for leaf in ("index.html", "index.htm"):
        if path.endswith("/" + leaf):
            path = path[: -len(leaf)]
    return urlunsplit((parts.scheme.lower(), host, path, parts.query, ""))


def scope_of(indicator: str) -> str:
    spec = BY_ID.get(indicator)
    return spec.scope if spec is not None else "site"


def label_key(label: dict[str, Any]) -> Key:
    ind, scope = label["indicator"], scope_of(label["indicator"])
    if scope == "url":
        return (label["site"], ind, normalise_url(label.get("url")))
    if scope == "item":
        return (label["site"], ind, label.get("item"))
    return (label["site"], ind, None)


def finding_key(site: str, finding: dict[str, Any]) -> Key:
    ind, scope = finding.get("indicator", ""), scope_of(finding.get("indicator", ""))
    detail = finding.get("detail") or {}
    if scope == "url":
        url = detail.get("target") if ind == "W-D4.4" and isinstance(detail, dict) else None
        return (site, ind, normalise_url(url or finding.get("url")))
    if scope == "item":
        return (site, ind, detail.get("item") if isinstance(detail, dict) else None)
    return (site, ind, None)


def evaluate(results: dict[str, Any], labels: dict[str, Any]) -> Evaluation:
    rows: dict[str, Row] = {}
    found: dict[Key, dict[str, Any]] = {}
    for site in results.get("sites", []):
        for f in site.get("findings", []):
            found.setdefault(finding_key(str(site.get("id_code", "")), f), _where(site, f))
    matched: set[Key] = set()
    for label in labels.get("defects", []):
        key = label_key(label)
        row = rows.setdefault(label["indicator"], Row(label["indicator"]))
        if key in found:
            row.tp += 1
            matched.add(key)
        elif not label.get("requires"):
            row.fn += 1
            if len(row.fn_examples) < MAX_SHOWN:
                row.fn_examples.append({"site": label["site"], "url": label.get("url"), "item": label.get("item"), "note": label.get("note", "")})
    optional = {label_key(lab) for lab in labels.get("defects", []) if lab.get("requires")}
    for key, where in found.items():
        if key in matched or key in optional:
            continue
        row = rows.setdefault(key[1], Row(key[1]))
        row.fp += 1
        if len(row.fp_examples) < MAX_SHOWN:
            row.fp_examples.append({**where, "item": key[2] if scope_of(key[1]) == "item" else None})
    verdicts, compared, missing = _verdicts(results, labels)
    return Evaluation(rows, verdicts, compared, missing)


def _where(site: dict[str, Any], finding: dict[str, Any]) -> dict[str, Any]:
    """What an FP example shows: the site, the page, and a link finding's target."""
    detail = finding.get("detail")
    target = detail.get("target") if isinstance(detail, dict) else None
    return {"site": site.get("id_code"), "url": finding.get("url"), **({"target": target} if target else {})}


def _verdicts(results: dict[str, Any], labels: dict[str, Any]) -> tuple[dict[str, dict[str, int]], int, list[str]]:
    actual = {str(s.get("id_code")): s.get("verdict") for s in results.get("sites", [])}
    table: dict[str, dict[str, int]] = {}
    compared, missing = 0, []
    for site in labels.get("sites", []):
        got = actual.get(site["id_code"])
        if got is None:
            missing.append(site["id_code"])
            continue
        want = site["expected"]["verdict"]
        table.setdefault(want, {}).setdefault(str(got), 0)
        table[want][str(got)] += 1
        compared += 1
    return table, compared, missing


def _pct(x: float | None) -> str:
    return "—" if x is None else f"{x:.0%}"


def format_table(ev: Evaluation) -> str:
    """A plain-text report: one line per indicator, then the verdict confusion and examples."""
    lines = [f"{'指标':<10}{'TP':>5}{'FP':>5}{'FN':>5}{'查准率':>8}{'查全率':>8}"]
    for ind in sorted(ev.rows):
        r = ev.rows[ind]
        lines.append(f"{ind:<10}{r.tp:>5}{r.fp:>5}{r.fn:>5}{_pct(r.precision):>9}{_pct(r.recall):>9}")
    lines.append("")
    lines.append(f"结论准确率：{_pct(ev.verdict_accuracy)}（比对 {ev.sites_compared} 个网站，结果中缺少 {len(ev.sites_missing)} 个）")
    for want in ("合格", "不合格"):
        got = ev.verdicts.get(want, {})
        lines.append(f"  应为{want}：" + "，".join(f"判为{k} {v} 个" for k, v in sorted(got.items())) if got else f"  应为{want}：无")
    for ind in sorted(ev.rows):
        r = ev.rows[ind]
        for kind, examples in (("误报", r.fp_examples), ("漏报", r.fn_examples)):
            for ex in examples:
                where = ex.get("target") or ex.get("url") or ""
                item = f" [{ex['item']}]" if ex.get("item") else ""
                lines.append(f"{kind} {ind} 网站 {ex.get('site')} {where}{item}")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="govinspect evaluate", description="按指标计算查准率与查全率")
    parser.add_argument("results")
    parser.add_argument("labels")
    parser.add_argument("--json", action="store_true", dest="as_json")
    args = parser.parse_args(list(argv) if argv is not None else None)
    try:
        results = json.loads(Path(args.results).read_text(encoding="utf-8"))
        labels = json.loads(Path(args.labels).read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as e:
        print(f"无法读取输入文件：{e}", file=sys.stderr)
        return 2
    ev = evaluate(results, labels)
    print(json.dumps(ev.as_json(), ensure_ascii=False, indent=1) if args.as_json else format_table(ev))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
