"""Registry import: a broken row is reported with its row number, column and reason; the rest proceed."""
from __future__ import annotations

import csv
from pathlib import Path

import pytest
from openpyxl import Workbook

from govinspect.errors import RegistryError
from govinspect.registry import id_code_problem, load_registry

HEADER = ["网站名称", "网站标识码", "首页网址", "主办单位", "行政区划代码", "网站类型", "层级", "是否有对外服务职能"]


def good_rows(n: int) -> list[list[str]]:
    return [[f"测试{i}局", f"610800{i:04d}", f"http://cs{i}.yl.gov.cn/", f"榆林市测试{i}局", "610800", "部门",
             "city_dept", "是"] for i in range(1, n + 1)]


def write_csv(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        csv.writer(fh).writerows([HEADER] + rows)
    return path


def test_five_broken_rows_among_fifty(tmp_path: Path) -> None:
    rows = good_rows(50)
    rows[3][1] = "61080012"            # row 5: too short
    rows[10][2] = "ftp://bad.example"  # row 12: not http
    rows[20][1] = rows[0][1]           # row 22: duplicate code
    rows[30][1] = "9908000031"         # row 32: no such province
    rows[40][7] = "也许"                # row 42: bad yes/no
    report = load_registry(write_csv(tmp_path / "r.csv", rows))
    assert len(report.sites) == 45
    assert report.bad_rows == [5, 12, 22, 32, 42]
    text = "\n".join(map(str, report.problems))
    assert "第 5 行 [网站标识码]" in text and "第 22 行 [网站标识码]：与第 2 行" in text and "第 42 行 [是否有对外服务职能]" in text


def test_xlsx_with_header_variants(tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    sheet.append(["名称", "标识码", "网站地址", "主办单位"])
    sheet.append(["榆林市人民政府", "6108000001", "www.yl.gov.cn", "榆林市人民政府办公室"])
    book.save(tmp_path / "r.xlsx")
    report = load_registry(tmp_path / "r.xlsx")
    assert [s.url for s in report.sites] == ["http://www.yl.gov.cn/"] and report.sites[0].region_code == "610800"


def test_gbk_csv_is_read(tmp_path: Path) -> None:
    path = tmp_path / "gbk.csv"
    path.write_bytes(("\n".join([",".join(HEADER), ",".join(good_rows(1)[0])]) + "\n").encode("gbk"))
    assert len(load_registry(path).sites) == 1


def test_missing_required_column_is_a_file_error(tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    path.write_text("网站名称,首页网址\n甲,http://www.a.gov.cn/\n", encoding="utf-8")
    with pytest.raises(RegistryError, match="网站标识码"):
        load_registry(path)


@pytest.mark.parametrize("code, region, ok", [
    ("6108270006", "610827", True), ("bm07000001", "", True), ("6108270006", "610800", False),
    ("610827000", "", False), ("bm0700001", "", False), ("9908000001", "", False),
])
def test_id_code_rules(code: str, region: str, ok: bool) -> None:
    assert (id_code_problem(code, region) is None) is ok


def test_store_creates_the_folder_of_a_sqlite_file(tmp_path: Path) -> None:
    from govinspect.store.db import Store

    Store(f"sqlite:///{tmp_path}/new/folder/gi.db")
    assert (tmp_path / "new" / "folder" / "gi.db").exists()


def test_store_errors_are_one_clear_line(tmp_path: Path) -> None:
    from govinspect.errors import StoreError
    from govinspect.store.db import Store

    (tmp_path / "file").write_text("x")
    with pytest.raises(StoreError, match="无法打开数据库"):
        Store(f"sqlite:///{tmp_path}/file/gi.db")
    with pytest.raises(StoreError, match="无法识别"):
        Store("nosuchdb://x")
