"""labels.json: the planted defects, the hard negatives and the expected verdict of every site."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ..scoring import expected_verdict
from .world import World


def site_entry(world: World, index: int) -> dict[str, Any]:
    p = world.plans[index]
    ids = [lab["indicator"] for lab in p.labels]
    verdict, vetoes = expected_verdict(p.identity.kind, p.identity.external_service, ids, world.config.scoring_profile)
    return {"id_code": p.identity.id_code, "name": p.identity.name, "url": p.home, "host": p.host,
            "kind": p.identity.kind, "template": p.template, "encoding": p.encoding,
            "expected": {"verdict": verdict, "vetoes": vetoes}}


def build_labels(world: World) -> dict[str, Any]:
    cfg = world.config
    config = cfg.as_json()
    config["world_profile"] = config.pop("profile")
    return {
        "world": {"seed": cfg.seed, "sites": cfg.sites, "as_of": cfg.as_of.isoformat(),
                  "profile": cfg.scoring_profile, "config": config,
                  "hazards": [h for p in world.plans for h in p.hazards]},
        "sites": [site_entry(world, i) for i in range(len(world.plans))],
        "defects": [lab for p in world.plans for lab in p.labels],
        "negatives": [n for p in world.plans for n in p.negatives],
    }


def labels_bytes(world: World) -> bytes:
    return json.dumps(build_labels(world), ensure_ascii=False, indent=1, sort_keys=False).encode("utf-8")


def write_labels(world: World, out: Path) -> Path:
    """Written last (tools poll for it): via a temporary name so readers never see half a file."""
    path = out / "labels.json"
    tmp = out / "labels.json.tmp"
    tmp.write_bytes(labels_bytes(world))
    tmp.replace(path)
    return path
