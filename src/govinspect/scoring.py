"""The national scoring model (spec §1): vetoes, capped deductions, 60/80 thresholds, bonus, scaling.

A profile file (profiles/*.toml) holds every threshold and point value, so a 办公厅 can copy and edit
it for a local scheme. `score_site` is pure: findings in, verdict and arithmetic out.
"""
from __future__ import annotations

import tomllib
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

from .errors import ConfigError
from .indicators.catalog import BY_ID, spec
from .models import Finding

PROFILE_DIR = Path(__file__).parent / "profiles"
PASS, FAIL = "合格", "不合格"


@dataclass(frozen=True, slots=True)
class PointRule:
    each: float
    cap: float


@dataclass(frozen=True, slots=True)
class Profile:
    id: str
    name: str
    total: float
    pass_line: float
    bonus_above: float
    bonus_cap: float
    deductions_apply_to: str
    bonus_applies_to: str
    no_service_groups: tuple[str, ...]
    no_service_scale: float
    fail_on_deductions_over: float
    thresholds: dict[str, float]
    groups: dict[str, float]
    points: dict[str, PointRule]
    disabled_vetoes: frozenset[str]
    id_map: dict[str, str] = field(default_factory=dict)

    def threshold(self, key: str) -> float:
        try:
            return self.thresholds[key]
        except KeyError:
            raise ConfigError(f"评分方案 {self.id} 缺少阈值 thresholds.{key}") from None

    def scored_id(self, indicator: str) -> str:
        """The id this profile scores a finding under (census2015 maps 2019 ids onto its rows)."""
        return self.id_map.get(indicator, indicator) if self.id_map else indicator


def load_profile(name_or_path: str | Path = "gov2019") -> Profile:
    """A built-in profile by id, or a TOML file; raises ConfigError saying what is wrong and where."""
    path = Path(name_or_path)
    if not path.suffix:
        path = PROFILE_DIR / f"{name_or_path}.toml"
    return _load_profile_file(str(path))


@lru_cache(maxsize=16)
def _load_profile_file(path: str) -> Profile:
    try:
        raw = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"找不到评分方案文件：{path}") from None
    except tomllib.TOMLDecodeError as e:
        raise ConfigError(f"评分方案文件格式错误：{path}：{e}") from None
    return _profile_from_dict(raw, path)


def _profile_from_dict(raw: dict[str, Any], where: str) -> Profile:
    head = _section(raw, "profile", where)
    points = {key: _point_rule(key, val, where) for key, val in _section(raw, "points", where).items()}
    id_map = {str(k): str(v) for k, v in raw.get("map", {}).items()}
    for known in list(id_map) + list(id_map.values()):
        _known_id(known, where, "map")
    profile = Profile(
        id=str(_need(head, "id", where)), name=str(head.get("name", "")),
        total=_num(head, "total", where), pass_line=_num(head, "pass_line", where),
        bonus_above=_num(head, "bonus_above", where), bonus_cap=_num(head, "bonus_cap", where),
        deductions_apply_to=_choice(head, "deductions_apply_to", ("portals", "all"), where),
        bonus_applies_to=_choice(head, "bonus_applies_to", ("portals", "all"), where),
        no_service_groups=tuple(head.get("no_service_groups", [])),
        no_service_scale=_num(head, "no_service_scale", where),
        fail_on_deductions_over=float(head.get("fail_on_deductions_over", 0)),
        thresholds={k: float(v) for k, v in _section(raw, "thresholds", where).items()},
        groups={k: float(v) for k, v in _section(raw, "groups", where).items()},
        points=points,
        disabled_vetoes=frozenset(raw.get("vetoes", {}).get("disabled", [])),
        id_map=id_map,
    )
    return profile


def _section(raw: dict[str, Any], name: str, where: str) -> dict[str, Any]:
    value = raw.get(name)
    if not isinstance(value, dict):
        raise ConfigError(f"评分方案 {where} 缺少 [{name}] 部分")
    return value


def _need(table: dict[str, Any], key: str, where: str) -> Any:
    if key not in table:
        raise ConfigError(f"评分方案 {where} 缺少 profile.{key}")
    return table[key]


def _num(table: dict[str, Any], key: str, where: str) -> float:
    value = _need(table, key, where)
    if not isinstance(value, (int, float)) or value < 0:
        raise ConfigError(f"评分方案 {where}：profile.{key} 应为非负数，实际为 {value!r}")
    return float(value)


def _choice(table: dict[str, Any], key: str, allowed: tuple[str, ...], where: str) -> str:
    value = _need(table, key, where)
    if value not in allowed:
        raise ConfigError(f"评分方案 {where}：profile.{key} 只能是 {'/'.join(allowed)}，实际为 {value!r}")
    return str(value)


def _known_id(key: str, where: str, section: str) -> None:
    if key.split("/")[0] not in BY_ID:
        raise ConfigError(f"评分方案 {where}：[{section}] 中的指标编号 {key!r} 不在指标体系中")


def _point_rule(key: str, value: Any, where: str) -> PointRule:
    _known_id(key, where, "points")
    if not isinstance(value, dict) or not {"each", "cap"} <= set(value):
        raise ConfigError(f"评分方案 {where}：points.{key} 应写成 {{ each = 分值, cap = 上限 }}")
    each, cap = value["each"], value["cap"]
    if not all(isinstance(v, (int, float)) and v >= 0 for v in (each, cap)):
        raise ConfigError(f"评分方案 {where}：points.{key} 的分值和上限应为非负数")
    return PointRule(float(each), float(cap))


# --------------------------------------------------------------------------- scoring


@dataclass(slots=True)
class Score:
    verdict: str
    score: float | None
    vetoed: bool
    findings: list[Finding]  # with points filled in
    arithmetic: list[str]
    pending_review: list[str]


def bucket_of(finding: Finding, profile: Profile) -> str:
    """The points bucket of a finding: its scored id, with the home-page bucket for links."""
    scored = profile.scored_id(finding.indicator)
    on_home = bool((finding.detail or {}).get("on_home"))
    if on_home and f"{scored}/home" in profile.points:
        return f"{scored}/home"
    return scored


def with_points(findings: list[Finding], profile: Profile) -> list[Finding]:
    """Fill each deduct finding's per-occurrence points from the profile (when not given)."""
    out = []
    for f in findings:
        rule = profile.points.get(bucket_of(f, profile))
        if f.part == "deduct" and f.points is None and rule is not None:
            f = replace(f, points=rule.each)
        out.append(f)
    return out


def score_site(findings: list[Finding], profile: Profile, *, is_portal: bool = True,
               external_service: bool = True) -> Score:
    """Apply spec §1.1 (or §1.2 through the profile) to one site's findings."""
    findings = with_points(findings, profile)
    arithmetic: list[str] = []
    deciding, pending = _vetoes(findings, profile)
    if deciding:
        arithmetic.append("单项否决：" + "、".join(f"{i} {spec(i).title}" for i in deciding))
        return Score(FAIL, None, True, findings, arithmetic, pending)
    if not is_portal and profile.deductions_apply_to == "portals":
        arithmetic.append("非门户网站：仅检查单项否决指标")
        return Score(PASS, profile.total, False, findings, arithmetic, pending)
    part2 = _part2(findings, profile, external_service, arithmetic)
    deducted = profile.total - part2
    if profile.fail_on_deductions_over and deducted > profile.fail_on_deductions_over:
        arithmetic.append(f"扣分 {fmt(deducted)} 超过 {fmt(profile.fail_on_deductions_over)} 分：不合格")
        return Score(FAIL, part2, False, findings, arithmetic, pending)
    if part2 < profile.pass_line:
        arithmetic.append(f"第二部分得分 {fmt(part2)} < {fmt(profile.pass_line)}：不合格")
        return Score(FAIL, part2, False, findings, arithmetic, pending)
    final = part2 + _bonus(findings, profile, part2, is_portal, arithmetic)
    return Score(PASS, round(final, 1), False, findings, arithmetic, pending)


def _vetoes(findings: list[Finding], profile: Profile) -> tuple[list[str], list[str]]:
    deciding: list[str] = []
    pending: list[str] = []
    for f in findings:
        scored = profile.scored_id(f.indicator)
        if BY_ID.get(scored) is None or BY_ID[scored].part != "veto" or f.part != "veto":
            continue
        if f.indicator in profile.disabled_vetoes:
            continue
        alone = spec(f.indicator).decides_alone and not f.needs_review
        target = deciding if alone else pending
        if f.indicator not in target:
            target.append(f.indicator)
    pending = [i for i in pending if i not in deciding]
    return deciding, pending


def _part2(findings: list[Finding], profile: Profile, external_service: bool, arithmetic: list[str]) -> float:
    sums: dict[str, float] = {}
    for f in findings:
        if f.part != "deduct" or f.needs_review or not f.points:
            continue
        bucket = bucket_of(f, profile)
        if not external_service and _group_of(bucket) in profile.no_service_groups:
            continue
        sums[bucket] = sums.get(bucket, 0.0) + float(f.points)
    by_group: dict[str, float] = {}
    for bucket, total in sorted(sums.items()):
        rule = profile.points.get(bucket)
        capped = min(total, rule.cap) if rule else total
        note = f"（上限 {fmt(rule.cap)}）" if rule and capped < total else ""
        arithmetic.append(f"扣分：{bucket} {spec(bucket.split('/')[0]).title} {fmt(capped)} 分{note}")
        group = _group_of(bucket)
        by_group[group] = by_group.get(group, 0.0) + capped
    deducted = sum(min(v, profile.groups.get(g, v)) for g, v in by_group.items())
    maximum = profile.total
    if not external_service:
        maximum = profile.total - sum(profile.groups.get(g, 0) for g in profile.no_service_groups)
    raw = max(0.0, maximum - deducted)
    arithmetic.append(f"第二部分得分 = {fmt(maximum)} − {fmt(deducted)} = {fmt(raw)}")
    if not external_service and profile.no_service_scale != 1.0:
        scaled = round(raw * profile.no_service_scale, 1)
        arithmetic.append(f"无对外服务职能：{fmt(raw)} × 4/3 = {fmt(scaled)}")
        return scaled
    return round(raw, 1)


def _bonus(findings: list[Finding], profile: Profile, part2: float, is_portal: bool, arithmetic: list[str]) -> float:
    earned = sum(float(f.points or 0) for f in findings if f.part == "bonus" and not f.needs_review)
    if not earned:
        return 0.0
    if part2 <= profile.bonus_above or (profile.bonus_applies_to == "portals" and not is_portal):
        arithmetic.append(f"加分 {fmt(earned)} 不计入（仅门户网站且第二部分得分高于 {fmt(profile.bonus_above)} 分时计入）")
        return 0.0
    bonus = min(earned, profile.bonus_cap)
    arithmetic.append(f"加分：{fmt(bonus)}（上限 {fmt(profile.bonus_cap)}）")
    return bonus


def _group_of(bucket: str) -> str:
    """W-D1.8 → W-D1; P15-D2.2 → P15-D2."""
    base = bucket.split("/")[0]
    return base.rsplit(".", 1)[0] if "." in base else base


def fmt(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".") if value != int(value) else str(int(value))


def expected_verdict(site_kind: str, external_service: bool, indicator_ids: list[str],
                     profile: str = "gov2019") -> tuple[str, list[str]]:
    """The verdict a correct automatic inspection gives for these planted defects (for labels.json).

    One id per planted defect; vetoes that need a person (spec §7.2) do not decide alone.
    """
    prof = load_profile(profile)
    findings = [
        Finding(i, spec(i).title, spec(i).part, None, "", "", needs_review=not spec(i).decides_alone)
        for i in indicator_ids
    ]
    result = score_site(findings, prof, is_portal=site_kind == "portal", external_service=external_service)
    deciding, _ = _vetoes(result.findings, prof)
    return result.verdict, deciding
