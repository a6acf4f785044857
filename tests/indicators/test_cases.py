"""One runner for every indicator case folder (STYLE habit 2).

`cases/<ID>/<bad_*|good_*>/case.toml` names a mini-site: the site, the monitoring point, its pages
(URL → HTML file in the folder) and any link-check results. A bad case must yield each id in `expect`
(and, with `count`, exactly that many findings of the case's id); a good case must yield no finding of
the case's id. Pages go through the real extractor, column model and checks.
"""
from __future__ import annotations

import tomllib
from datetime import datetime
from pathlib import Path

import pytest

from govinspect.extract.page import extract_page
from govinspect.indicators.registry import run_checks
from govinspect.models import LinkResult, Site
from govinspect.scoring import load_profile
from govinspect.snapshot import build_snapshot

CASES = Path(__file__).parent / "cases"


def case_dirs() -> list[Path]:
    return sorted(p.parent for p in CASES.glob("*/*/case.toml"))


def run_case(folder: Path) -> list:
    case = tomllib.loads((folder / "case.toml").read_text(encoding="utf-8"))
    as_of = datetime.fromisoformat(case["as_of"])
    site = Site(**case["site"])
    pages = [extract_page((folder / name).read_text(encoding="utf-8"), url, status=200, encoding="utf-8",
                          as_of=as_of.date()) for url, name in case["pages"].items()]
    links = [LinkResult(**r) for r in case.get("links", [])]
    snapshot = build_snapshot(site, as_of, pages, links)
    return run_checks(snapshot, load_profile(case.get("profile", "gov2019")))


@pytest.mark.parametrize("folder", case_dirs(), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_case(folder: Path) -> None:
    case = tomllib.loads((folder / "case.toml").read_text(encoding="utf-8"))
    indicator = folder.parent.name
    findings = run_case(folder)
    found = [f for f in findings if f.indicator == indicator]
    if folder.name.startswith("good"):
        assert not found, [f"{f.url}: {f.evidence}" for f in found]
        return
    ids = {f.indicator for f in findings}
    assert set(case.get("expect", [indicator])) <= ids, sorted(ids)
    if "count" in case:
        assert len(found) == case["count"], [f.url for f in found]
    for f in found:
        assert f.url and f.evidence, "every finding carries a URL and evidence"


def test_there_are_cases_for_the_core_indicators() -> None:
    covered = {p.parent.name for p in case_dirs()}
    assert {"W-V3", "W-V4.3", "W-D1.8", "W-D4.3", "W-D4.4", "W-V5.2"} <= covered
