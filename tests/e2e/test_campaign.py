"""The whole pipeline against the sample world: contracts, measured precision, one truth in every output."""
from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from govinspect.evaluate import evaluate
from govinspect.reports import write_reports
from govinspect.results import campaign_results
from govinspect.runner import InspectOutcome
from govinspect.store.db import Store

from .conftest import World

CONTRACTS = Path(__file__).resolve().parents[2] / ".." / "shared" / "tools" / "check_contracts.py"
EXTRACTION_BASED = ("W-V3", "W-V4.1", "W-V4.2", "W-V4.3", "W-D4.4", "W-D4.3", "W-D4.6", "T-FOOT", "T-TAG")


def contracts_module():  # noqa: ANN201 - the shared checker, loaded from ../shared
    if not CONTRACTS.exists():
        pytest.skip("../shared/tools/check_contracts.py is not beside the repository")
    spec = importlib.util.spec_from_file_location("check_contracts", CONTRACTS)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


def test_results_json_matches_the_contract(inspected: InspectOutcome) -> None:
    problems: list[str] = []
    contracts_module().check_results(str(inspected.results_path), problems)
    assert problems == []


def test_every_site_records_what_was_crawled(inspected: InspectOutcome) -> None:
    for site in inspected.results["sites"]:
        stats = site["stats"]
        if stats["home_unavailable"]:
            continue
        assert stats["pages"] > 10 and stats["links_checked"] > 10
        assert stats["column_list"] and all("newest" in c for c in stats["column_list"])
        assert set(stats["markings"]) >= {"site_id_code", "icp", "police_record", "conac", "sponsor"}


def test_precision_and_recall_on_the_world(inspected: InspectOutcome, world: World) -> None:
    ev = evaluate(inspected.results, world.labels).as_json()
    rows = ev["indicators"]
    for indicator in EXTRACTION_BASED:
        row = rows.get(indicator)
        if row is not None:
            assert row["fp"] == 0 and row["fn"] == 0, row
    assert not [r for r in rows.values() if r["fp"]]
    assert ev["verdict_accuracy"] == 1.0


def test_hard_negatives_yield_no_finding(inspected: InspectOutcome, world: World) -> None:
    from govinspect.evaluate import normalise_url

    found = {(s["id_code"], f["indicator"], normalise_url((f.get("detail") or {}).get("target") or f["url"]))
             for s in inspected.results["sites"] for f in s["findings"]}
    for neg in world.labels["negatives"]:
        for indicator in neg["indicators"]:
            assert (neg["site"], indicator, normalise_url(neg["url"])) not in found, neg


def test_store_results_and_site_pages_agree(inspected: InspectOutcome, tmp_path: Path) -> None:
    store = Store(_db_of(inspected))
    again = campaign_results(store, inspected.campaign_id)
    assert [s["findings"] for s in again["sites"]] == [s["findings"] for s in inspected.results["sites"]]
    written = write_reports(inspected.results, tmp_path, {"html"})
    pages = {p.stem: p.read_text(encoding="utf-8") for p in written["html"][1:]}
    for site in inspected.results["sites"]:
        page = pages[site["id_code"]]
        assert site["verdict"] in page
        for f in site["findings"]:
            assert f["indicator"] in page


def _db_of(outcome: InspectOutcome) -> str:
    return f"sqlite:///{outcome.results_path.parent}/gi.db"


def test_results_file_is_the_store_s(inspected: InspectOutcome) -> None:
    on_disk = json.loads(inspected.results_path.read_text(encoding="utf-8"))
    assert on_disk["sites"] == json.loads(json.dumps(inspected.results["sites"], ensure_ascii=False, default=str))
