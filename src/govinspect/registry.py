"""Registry import (网站基本信息表): CSV/XLSX rows → `Site`s, with a report of every bad row.

A bad row is reported with its row number, column and reason; the good rows proceed (STYLE habit 6).
Checks: 网站标识码 format and its 6-digit prefix (a real 行政区划代码 consistent with the row's region),
URL form, duplicate codes and URLs, type and level vocabulary (spec §6.1, §6.5).
"""
from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlsplit

from .models import Site

ID_CODE = re.compile(r"^(\d{10}|bm\d{8})$")
PROVINCE_PREFIXES = frozenset(
    "11 12 13 14 15 21 22 23 31 32 33 34 35 36 37 41 42 43 44 45 46 50 51 52 53 54 61 62 63 64 65 71 81 82".split()
)
DIVISIONS_FILE = Path(__file__).parent / "data" / "divisions.tsv"

# Header variants real registries use → our field.
HEADERS: dict[str, tuple[str, ...]] = {
    "name": ("网站名称", "名称", "站点名称"),
    "id_code": ("网站标识码", "标识码", "网站标识", "站点标识码"),
    "url": ("首页网址", "网站地址", "网址", "首页地址", "域名", "网站域名"),
    "sponsor": ("主办单位", "主管单位", "开办单位"),
    "region_code": ("行政区划代码", "区划代码", "行政区划"),
    "kind": ("网站类型", "类型", "网站类别"),
    "level": ("层级", "网站层级", "级别"),
    "external_service": ("是否有对外服务职能", "对外服务职能", "有无对外服务职能"),
}
REQUIRED = ("name", "id_code", "url")
KINDS = {"门户": "portal", "政府门户网站": "portal", "门户网站": "portal", "portal": "portal",
         "部门": "department", "部门网站": "department", "department": "department"}
LEVELS = {
    "state_council_dept": "state_council_dept", "国务院部门": "state_council_dept",
    "province_portal": "province_portal", "province_dept": "province_dept",
    "city_portal": "city_portal", "city_dept": "city_dept",
    "county_portal": "county_portal", "below_county": "below_county",
    "省级": "province", "市级": "city", "县级": "county", "县级以下": "below_county",
    "省级政府门户网站": "province_portal", "省级政府部门网站": "province_dept",
    "市级政府门户网站": "city_portal", "市级政府部门网站": "city_dept",
    "县级政府门户网站": "county_portal", "县级以下政府网站": "below_county",
}
YES = {"是", "有", "yes", "y", "true", "1", ""}
NO = {"否", "无", "no", "n", "false", "0"}


@dataclass(frozen=True, slots=True)
class RowProblem:
    row: int  # 1-based line/row number as the user sees it in the file (header = 1)
    column: str
    reason: str

    def __str__(self) -> str:
        return f"第 {self.row} 行 [{self.column}]：{self.reason}"


@dataclass(slots=True)
class RegistryReport:
    path: str
    sites: list[Site] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)

    @property
    def bad_rows(self) -> list[int]:
        return sorted({p.row for p in self.problems})


def load_registry(path: str | Path) -> RegistryReport:
    """Read and validate a registry file; raises RegistryError only when the file itself is unusable."""
    from .errors import RegistryError

    path = Path(path)
    if not path.exists():
        raise RegistryError(f"找不到网站名录文件：{path}")
    try:
        rows = _read_xlsx(path) if path.suffix.lower() in (".xlsx", ".xlsm") else _read_csv(path)
    except (OSError, ValueError, KeyError) as e:
        raise RegistryError(f"无法读取网站名录文件 {path}：{e}") from None
    if not rows:
        raise RegistryError(f"网站名录文件 {path} 是空的")
    return validate_rows(rows, str(path))


def _read_csv(path: Path) -> list[list[str]]:
    raw = path.read_bytes()
    for enc in ("utf-8-sig", "gb18030"):
        try:
            text = raw.decode(enc)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise ValueError("文件编码既不是 UTF-8 也不是 GBK")
    return [row for row in csv.reader(io.StringIO(text))]


def _read_xlsx(path: Path) -> list[list[str]]:
    from openpyxl import load_workbook

    book = load_workbook(path, read_only=True, data_only=True)
    sheet = book.worksheets[0]
    rows = [["" if v is None else str(v) for v in row] for row in sheet.iter_rows(values_only=True)]
    book.close()
    return rows


def validate_rows(rows: list[list[str]], where: str = "") -> RegistryReport:
    from .errors import RegistryError

    report = RegistryReport(where)
    columns = _map_header(rows[0])
    missing = [HEADERS[f][0] for f in REQUIRED if f not in columns]
    if missing:
        raise RegistryError(f"网站名录 {where} 缺少必需的列：{'、'.join(missing)}（表头：{'、'.join(rows[0])}）")
    seen_codes: dict[str, int] = {}
    seen_urls: dict[str, int] = {}
    for number, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        values = {f: (row[i].strip() if i < len(row) else "") for f, i in columns.items()}
        problems = _row_problems(number, values, seen_codes, seen_urls)
        if problems:
            report.problems.extend(problems)
            continue
        report.sites.append(_site(number, values))
    return report


def _map_header(header: list[str]) -> dict[str, int]:
    cleaned = [h.strip().lstrip("\ufeff") for h in header]
    columns: dict[str, int] = {}
    for field_name, names in HEADERS.items():
        for i, h in enumerate(cleaned):
            if h in names:
                columns[field_name] = i
                break
    return columns


def _row_problems(number: int, v: dict[str, str], seen_codes: dict[str, int],
                  seen_urls: dict[str, int]) -> list[RowProblem]:
    problems = []
    if not v.get("name"):
        problems.append(RowProblem(number, "网站名称", "网站名称为空"))
    code_problem = id_code_problem(v.get("id_code", ""), v.get("region_code", ""))
    if code_problem:
        problems.append(RowProblem(number, "网站标识码", code_problem))
    url_problem = _url_problem(v.get("url", ""))
    if url_problem:
        problems.append(RowProblem(number, "首页网址", url_problem))
    if v.get("kind") and v["kind"] not in KINDS:
        problems.append(RowProblem(number, "网站类型", f"无法识别的网站类型“{v['kind']}”（应为 门户 或 部门）"))
    if v.get("level") and v["level"] not in LEVELS:
        problems.append(RowProblem(number, "层级", f"无法识别的层级“{v['level']}”"))
    service = v.get("external_service", "").lower()
    if service not in YES and service not in NO:
        problems.append(RowProblem(number, "是否有对外服务职能", f"应为 是 或 否，实际为“{v['external_service']}”"))
    if not problems:
        problems += _duplicates(number, v, seen_codes, seen_urls)
    return problems


def _duplicates(number: int, v: dict[str, str], seen_codes: dict[str, int],
                seen_urls: dict[str, int]) -> list[RowProblem]:
    problems = []
    url_key = normalise_url(v["url"])
    if v["id_code"] in seen_codes:
        problems.append(RowProblem(number, "网站标识码", f"与第 {seen_codes[v['id_code']]} 行的标识码 {v['id_code']} 重复"))
    if url_key in seen_urls:
        problems.append(RowProblem(number, "首页网址", f"与第 {seen_urls[url_key]} 行的网址重复"))
    if not problems:
        seen_codes[v["id_code"]] = number
        seen_urls[url_key] = number
    return problems


def id_code_problem(code: str, region_code: str = "") -> str | None:
    """Why a 网站标识码 is not acceptable, or None (spec §6.5)."""
    if not code:
        return "网站标识码为空"
    if not ID_CODE.match(code):
        return f"标识码“{code}”格式不对（应为 10 位数字，或 bm 加 8 位数字）"
    if code.startswith("bm"):
        return None
    prefix = code[:6]
    if prefix[:2] not in PROVINCE_PREFIXES:
        return f"标识码前 6 位 {prefix} 不是有效的行政区划代码（省级代码 {prefix[:2]} 不存在）"
    known = division_codes()
    if prefix[:2] in {c[:2] for c in known} and prefix not in known:
        return f"标识码前 6 位 {prefix} 不是有效的行政区划代码"
    if region_code and region_code != prefix:
        return f"标识码前 6 位 {prefix} 与行政区划代码 {region_code} 不一致"
    return None


@lru_cache(maxsize=1)
def division_names() -> dict[str, str]:
    """The 行政区划 table shipped in data/divisions.tsv (code<TAB>name<TAB>parent): code → name."""
    if not DIVISIONS_FILE.exists():
        return {}
    names: dict[str, str] = {}
    for line in DIVISIONS_FILE.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            code, name, *_ = (line.split("\t") + ["", ""])[:3]
            names[code.strip()] = name.strip()
    return names


@lru_cache(maxsize=1)
def division_codes() -> frozenset[str]:
    return frozenset(division_names())


def region_name(code: str) -> str:
    """The name of a 行政区划代码 ('' when the table does not know it)."""
    return division_names().get(code, "")


def _url_problem(url: str) -> str | None:
    if not url:
        return "首页网址为空"
    parts = urlsplit(url if "://" in url else f"http://{url}")
    if parts.scheme not in ("http", "https"):
        return f"网址“{url}”不是 http 或 https 地址"
    if not parts.hostname or ("." not in parts.hostname and ":" not in parts.hostname
                              and parts.hostname != "localhost") or " " in url:
        return f"网址“{url}”不是有效的网址"
    return None


def normalise_url(url: str) -> str:
    """The registry's URL as a fetchable home-page URL: scheme added, host lower-cased, path kept."""
    url = url.strip()
    if "://" not in url:
        url = f"http://{url}"
    parts = urlsplit(url)
    path = parts.path or "/"
    return f"{parts.scheme.lower()}://{(parts.netloc or '').lower()}{path}" + (f"?{parts.query}" if parts.query else "")


def _site(number: int, v: dict[str, str]) -> Site:
    kind = KINDS.get(v.get("kind", ""), "portal" if not v.get("kind") else "department")
    level = LEVELS.get(v.get("level", ""), "")
    if level in ("province", "city", "county"):
        level = f"{level}_{'portal' if kind == 'portal' else 'dept'}"
    return Site(
        id_code=v["id_code"], name=v["name"], url=normalise_url(v["url"]), sponsor=v.get("sponsor", ""),
        region_code=v.get("region_code", "") or (v["id_code"][:6] if v["id_code"].isdigit() else ""),
        kind=kind, level=level, external_service=v.get("external_service", "").lower() not in NO, row=number,
    )
