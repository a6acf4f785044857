"""registry.csv/xlsx: headers, BOM, realistic 网站标识码 built from real 行政区划代码."""
from __future__ import annotations

import csv
import io
import re

from openpyxl import load_workbook

from govinspect.world.geography import divisions
from govinspect.world.registry_out import HEADERS

from .conftest import Served


def _rows(world: Served) -> list[dict[str, str]]:
    raw = (world.out / "registry.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))


def test_csv_headers_and_rows(world: Served) -> None:
    rows = _rows(world)
    assert tuple(rows[0].keys()) == HEADERS
    assert len(rows) == 60
    assert {r["网站类型"] for r in rows} == {"门户", "部门"}
    assert {r["是否有对外服务职能"] for r in rows} <= {"是", "否"}


def test_id_codes_follow_divisions(world: Served) -> None:
    codes = {d.code: d for d in divisions()}
    for row in _rows(world):
        code = row["网站标识码"]
        assert re.fullmatch(r"\d{10}", code), code
        assert code[:6] == row["行政区划代码"] and code[:6] in codes
        if row["网站类型"] == "门户" and row["层级"] == "县级":
            assert not code[:6].endswith("00")  # a county portal carries its county code
    assert len({r["网站标识码"] for r in _rows(world)}) == 60


def test_xlsx_matches_csv(world: Served) -> None:
    ws = load_workbook(world.out / "registry.xlsx").active
    values = list(ws.values)
    assert tuple(values[0]) == HEADERS
    assert [r["网站标识码"] for r in _rows(world)] == [v[1] for v in values[1:]]


def test_divisions_file_covers_the_province() -> None:
    rows = divisions()
    assert rows[0].code == "610000"
    assert sum(1 for d in rows if d.parent == "610000") == 10
    assert len(rows) > 110
