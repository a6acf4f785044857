"""Parsers of each tool's own output: LinkChecker CSV, linkinator JSON, wget's log, the Scrapy spider's JSON,
and govinspect's crawl-driver JSON and results.json. Each yields the pages it fetched and the links it calls broken."""
from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass, field
from typing import Any

PAGE_SUFFIXES = ("/", ".html", ".htm", ".shtml")
WGET_OK = re.compile(r"URL:\s*(\S+)\s+(?:\[\d|200\b)")  # "URL:u [n/n] -> file" (fetched) or "URL: u 200 OK"
WGET_BROKEN = re.compile(r"^Found (\d+) broken links?\.", re.M)


@dataclass(slots=True)
class ToolOutput:
    pages: int = 0
    broken: list[str] = field(default_factory=list)  # URLs the tool reports as broken (hard errors)
    soft404: list[str] = field(default_factory=list)  # URLs the tool reports as soft 404s


def looks_like_page(url: str) -> bool:
    path = url.split("?", 1)[0].split("#", 1)[0]
    return path.endswith(PAGE_SUFFIXES) or path.count("/") <= 2


def linkchecker_csv(text: str, internal: set[str]) -> ToolOutput:
    """LinkChecker `-F csv` (semicolon separated, `#` comment lines) in verbose mode: every URL checked."""
    lines = [ln for ln in text.splitlines() if ln and not ln.startswith("#")]
    out, pages = ToolOutput(), set()
    for row in csv.DictReader(io.StringIO("\n".join(lines)), delimiter=";"):
        url = row.get("url") or row.get("urlname") or ""
        if (row.get("valid") or "").strip() == "False":
            out.broken.append(url)
        elif _host(url) in internal and looks_like_page(url):
            pages.add(url)
    out.pages = len(pages)
    return out


def linkinator_json(text: str, internal: set[str]) -> ToolOutput:
    """`linkinator --format json`: {"passed", "links": [{"url", "status", "state", "parent"}]}."""
    start = text.find("{")
    data = json.loads(text[start:]) if start >= 0 else {"links": []}
    out, pages = ToolOutput(), set()
    for link in data.get("links", []):
        url, state = link.get("url", ""), link.get("state")
        if state == "BROKEN":
            out.broken.append(url)
        elif state == "OK" and _host(url) in internal and looks_like_page(url):
            pages.add(url)
    out.pages = len(pages)
    return out


def wget_log(text: str, internal: set[str]) -> ToolOutput:
    """`wget --spider -r -nv`: one "URL: … 200 OK" line per fetch; the broken links are listed at the end
    after "Found N broken link(s)."."""
    out = ToolOutput()
    out.pages = len({u for u in WGET_OK.findall(text) if _host(u) in internal and looks_like_page(u)})
    found = WGET_BROKEN.search(text)
    if found:
        for line in text[found.end():].splitlines():
            if line.strip().startswith(("http://", "https://")):
                out.broken.append(line.strip())
            elif line.strip().startswith("FINISHED"):
                break
    return out


def scrapy_json(text: str) -> ToolOutput:
    data = json.loads(text)
    return ToolOutput(pages=int(data.get("pages", 0)), broken=sorted(data.get("broken", {})))


def gi_crawl_json(text: str) -> ToolOutput:
    """bench/gi_crawl.py's summary: pages crawled and every failed link with its status."""
    data = json.loads(text)
    out = ToolOutput(pages=int(data["pages"]))
    for link in data["failed"]:
        (out.soft404 if link["status"] == "soft-404" else out.broken).append(link["target"])
    return out


def gi_results(results: dict[str, Any]) -> ToolOutput:
    """results.json of `govinspect inspect`: W-D4.4 findings carry detail.target and detail.status."""
    out = ToolOutput()
    for site in results.get("sites", []):
        stats = site.get("stats") or {}
        out.pages += int(stats.get("pages/crawled") or (stats.get("crawl") or {}).get("pages/crawled") or 0)
        for f in site.get("findings", []):
            detail = f.get("detail") or {}
            if f.get("indicator") == "W-D4.4" and isinstance(detail, dict) and detail.get("target"):
                (out.soft404 if detail.get("status") == "soft-404" else out.broken).append(detail["target"])
    return out


def _host(url: str) -> str:
    rest = url.split("://", 1)[-1]
    return rest.split("/", 1)[0].lower()
