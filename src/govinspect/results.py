"""results.json (the DESIGN.md contract) from the store: one campaign, every site entry as stored."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .store.db import Store
from .store.schema import CampaignRow


def campaign_header(row: CampaignRow, inspected: int, extra: dict[str, Any] | None = None) -> dict[str, Any]:
    settings = row.settings or {}
    header = {
        "id": row.id, "name": row.name, "period": row.period, "as_of": row.as_of.isoformat(),
        "profile": row.profile, "scope": row.scope, "sample_share": row.sample_share, "seed": row.seed,
        "stratify": row.stratify, "registry": row.registry_path, "sites_registered": row.sites_registered,
        "sites_inspected": inspected, "started": row.created.isoformat(timespec="seconds"),
        "finished": row.finished.isoformat(timespec="seconds") if row.finished else None,
    }
    header.update({k: settings[k] for k in ("office", "doc_number", "addressees", "rectify_working_days",
                                            "registry_problems") if k in settings})
    header.update(extra or {})
    return header


def campaign_results(store: Store, campaign_id: int | None = None) -> dict[str, Any]:
    """The results.json document of a campaign (the latest when none is named)."""
    from .errors import StoreError

    row = store.campaign(campaign_id)
    if row is None:
        raise StoreError("数据库中没有检查任务" if campaign_id is None else f"数据库中没有编号为 {campaign_id} 的检查任务")
    sites = [cs.result for cs, _site in store.campaign_sites(row.id) if cs.result is not None]
    previous = _previous_summary(store, row)
    return {"campaign": campaign_header(row, len(sites), {"previous": previous}), "sites": sites}


def _previous_summary(store: Store, row: CampaignRow) -> dict[str, Any] | None:
    """The latest earlier campaign over the same registry, for period comparison (seed 004 style)."""
    earlier = [c for c in store.campaigns() if c.id < row.id and c.registry_path == row.registry_path and c.finished]
    if not earlier:
        return None
    prev = earlier[-1]
    sites = [cs.result for cs, _s in store.campaign_sites(prev.id) if cs.result is not None]
    return {"campaign": campaign_header(prev, len(sites)), "sites": sites}


def write_results(results: dict[str, Any], out_dir: Path) -> Path:
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / "results.json"
    path.write_text(json.dumps(results, ensure_ascii=False, indent=1, default=str), encoding="utf-8")
    return path
