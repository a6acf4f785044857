"""registry.csv (UTF-8 with BOM) and registry.xlsx of the sample world, in the registry importer's headers."""
from __future__ import annotations

import csv
import io
from pathlib import Path

from openpyxl import Workbook

from .world import World

HEADERS = ("网站名称", "网站标识码", "首页网址", "主办单位", "行政区划代码", "网站类型", "层级", "是否有对外服务职能")


def rows(world: World) -> list[tuple[str, ...]]:
    out = []
    for p in world.plans:
        ident = p.identity
        out.append((ident.name, ident.id_code, p.home, ident.sponsor, ident.division,
                    "门户" if ident.kind == "portal" else "部门", ident.level,
                    "是" if ident.external_service else "否"))
    return out


def csv_bytes(world: World) -> bytes:
    buf = io.StringIO(newline="")
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(HEADERS)
    writer.writerows(rows(world))
    return "\ufeff".encode("utf-8") + buf.getvalue().encode("utf-8")


def write_registry(world: World, out: Path) -> None:
    (out / "registry.csv").write_bytes(csv_bytes(world))
    wb = Workbook()
    ws = wb.active
    ws.title = "网站信息"
    ws.append(HEADERS)
    for row in rows(world):
        ws.append(row)
    wb.save(out / "registry.xlsx")
