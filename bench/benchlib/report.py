"""The benchmark's outputs: bench/results/latest.json (+ a dated copy) and the Markdown table latest.md."""
from __future__ import annotations

import json
import shutil
from datetime import datetime
from pathlib import Path
from typing import Any

COLUMNS = (("tool", "工具"), ("mode", "模式"), ("latency_ms", "延迟 ms"), ("sites", "网站"), ("pages", "页面"),
           ("requests", "请求"), ("wall_s", "耗时 s"), ("pages_per_s", "页/秒"), ("cpu_s", "CPU s"),
           ("cpu_ms_per_page", "CPU ms/页"), ("peak_rss_mb", "峰值内存 MB"), ("max_in_flight_per_host", "单主机最大并发"),
           ("dead", "死链 发现/埋设"), ("false_positives", "误报"), ("soft404", "软404 发现/埋设"),
           ("bound_s", "下界 s"), ("bound_ratio", "实测/下界"))


def cell(row: dict[str, Any], key: str) -> str:
    if row.get("error") and key in ("dead", "false_positives", "soft404"):
        return "—"  # an unfinished run's partial output says nothing about what it would have found
    if key == "dead":
        return _pair(row.get("dead_found"), row.get("dead_planted"))
    if key == "soft404":
        return _pair(row.get("soft404_found"), row.get("soft404_planted"))
    if key == "mode" and row.get("scaling"):
        return f"{row['mode']}（规模）"
    if key == "mode" and row.get("gap_s"):
        lanes = "自适应" if row.get("sites_in_flight") == "adaptive" else f"每进程 {row.get('sites_in_flight')}"
        return f"{row['mode']}（间隔 {row['gap_s']} s，同时检查网站数 {lanes}）"
    value = row.get(key)
    return "—" if value is None else str(value)


def _pair(found: Any, planted: Any) -> str:
    return "—" if found is None else f"{found}/{planted}"


def markdown(doc: dict[str, Any]) -> str:
    head = [f"# 对比测速结果（{doc['date']}，{doc['cores']} 核，{doc['variant']}）", ""]
    head += ["| " + " | ".join(title for _, title in COLUMNS) + " |", "|" + "---|" * len(COLUMNS)]
    lines = []
    for row in doc["rows"]:
        cells = [cell(row, key) for key, _ in COLUMNS]
        lines.append("| " + " | ".join(c.replace("|", "/") for c in cells) + " |")
    notes = ["", "说明："] + [f"- {n}" for n in doc.get("notes", [])]
    errors = [f"- {r['tool']} {r['mode']} {r.get('latency_ms')} ms {r.get('sites')} 站：{r['error']}"
              for r in doc["rows"] if r.get("error")]
    return "\n".join(head + lines + notes + (["", "出错的测量："] + errors if errors else [])) + "\n"


def write_results(doc: dict[str, Any], results: Path) -> Path:
    """latest.json and latest.md (scaling-latest.* for a scaling-only run, which must not replace the
    side-by-side table), written via temporary names, plus dated copies of both."""
    results.mkdir(parents=True, exist_ok=True)
    stamp = datetime.fromisoformat(doc["date"]).strftime("%Y%m%d-%H%M%S")
    base = "scaling-latest" if doc["variant"] == "scaling" else "latest"
    for name, text in ((f"{base}.json", json.dumps(doc, ensure_ascii=False, indent=1)), (f"{base}.md", markdown(doc))):
        tmp = results / (name + ".tmp")
        tmp.write_text(text, encoding="utf-8")
        tmp.replace(results / name)
        suffix = name.split(".", 1)[1]
        shutil.copyfile(results / name, results / f"{doc['variant']}-{stamp}.{suffix}")
    return results / f"{base}.json"
