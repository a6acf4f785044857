"""Campaign scope (一次检查): full coverage or a reproducible stratified random sample (抽查).

The sample is drawn with a recorded seed so anyone can re-draw it and audit which sites were chosen.
"""
from __future__ import annotations

import random
import re
from dataclasses import dataclass

from .errors import ConfigError
from .models import Site

STRATA = {"region": lambda s: s.region_code[:4] if s.region_code else "", "level": lambda s: s.level or s.kind,
          "kind": lambda s: s.kind}


@dataclass(frozen=True, slots=True)
class Scope:
    sites: list[Site]
    label: str  # 全覆盖 | 抽查
    share: float | None
    seed: int | None
    stratify: tuple[str, ...]


def parse_share(text: str) -> float:
    """'30%' or '0.3' → 0.3; a clear error otherwise."""
    m = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*(%?)\s*", text or "")
    if not m:
        raise ConfigError(f"抽查比例“{text}”无法识别，请写成 30% 或 0.3")
    value = float(m.group(1)) / (100 if m.group(2) else 1)
    if not 0 < value <= 1:
        raise ConfigError(f"抽查比例“{text}”应在 0 到 100% 之间")
    return value


def plan_scope(sites: list[Site], share: float | None = None, stratify: tuple[str, ...] = (),
               seed: int | None = None) -> Scope:
    if share is None or share >= 1:
        return Scope(list(sites), "全覆盖", None, None, ())
    unknown = [s for s in stratify if s not in STRATA]
    if unknown:
        raise ConfigError(f"无法按“{'、'.join(unknown)}”分层，可选：{'、'.join(STRATA)}")
    seed = seed if seed is not None else random.SystemRandom().randrange(1, 10**6)
    chosen = _stratified(sites, share, stratify, random.Random(seed))
    return Scope(chosen, "抽查", share, seed, stratify)


def _stratified(sites: list[Site], share: float, stratify: tuple[str, ...], rng: random.Random) -> list[Site]:
    groups: dict[tuple[str, ...], list[Site]] = {}
    for site in sorted(sites, key=lambda s: s.id_code):
        groups.setdefault(tuple(STRATA[k](site) for k in stratify), []).append(site)
    total = max(1, round(share * len(sites)))
    quotas = _largest_remainder({k: len(v) * share for k, v in groups.items()}, total)
    chosen: list[Site] = []
    for key in sorted(groups):
        chosen += rng.sample(groups[key], min(quotas[key], len(groups[key])))
    order = {s.id_code: i for i, s in enumerate(sites)}
    return sorted(chosen, key=lambda s: order[s.id_code])


def _largest_remainder(exact: dict[tuple[str, ...], float], total: int) -> dict[tuple[str, ...], int]:
    quotas = {k: int(v) for k, v in exact.items()}
    rest = sorted(exact, key=lambda k: (exact[k] - quotas[k], k), reverse=True)
    for key in rest[: max(0, total - sum(quotas.values()))]:
        quotas[key] += 1
    return quotas
