"""The planted dead-link targets (W-D4.4) and soft 404s of a bench world's labels.json, and scoring against them."""
from __future__ import annotations

from dataclasses import dataclass

from govinspect.evaluate import normalise_url

SOFT404_MARK = "软 404"


@dataclass(frozen=True, slots=True)
class Planted:
    dead: frozenset[str]  # normalised targets that answer with an error (404, 500, loop, dns, ...)
    soft404: frozenset[str]  # normalised targets that answer 200 with a "page not found" text


@dataclass(frozen=True, slots=True)
class Score:
    dead_found: int
    false_positives: int
    soft404_found: int


def planted(labels: dict[str, object], sites: set[str] | None = None) -> Planted:
    """W-D4.4 labels split into hard dead targets and soft 404s (optionally only for some site id codes)."""
    dead: set[str] = set()
    soft: set[str] = set()
    for lab in labels.get("defects", []):  # type: ignore[union-attr]
        if lab.get("indicator") != "W-D4.4" or (sites is not None and lab.get("site") not in sites):
            continue
        url = normalise_url(lab.get("url")) or ""
        (soft if SOFT404_MARK in (lab.get("note") or "") else dead).add(url)
    return Planted(frozenset(dead), frozenset(soft))


def score(found_dead: set[str], found_soft: set[str], truth: Planted, aliases: dict[str, str] | None = None) -> Score:
    """Reported targets (already normalised) against the planted ones; a soft 404 reported as dead counts as
    found; `aliases` maps a redirect's later hops back to the planted link."""
    aliases = aliases or {}
    everything = {aliases.get(u, u) for u in found_dead | found_soft}
    hits = everything & truth.dead
    soft_hits = everything & truth.soft404
    false = everything - truth.dead - truth.soft404
    return Score(len(hits), len(false), len(soft_hits))
