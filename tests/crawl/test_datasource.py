"""JSON endpoints behind script-filled lists become ArticleLists."""
from __future__ import annotations

import json
from datetime import date

from govinspect.crawl.datasource import parse_date, parse_items

BASE = "http://www.a.gov.cn/col/tzgg/"


def test_nested_rows_with_mixed_key_names() -> None:
    doc = {"status": 1, "result": {"page": 1, "rows": [
        {"DocTitle": "关于开展检查的通知", "DocUrl": "./202405/t1.html", "PubDate": "2024年5月6日"},
        {"DocTitle": "年度报告", "DocUrl": "/art/2.html", "PubDate": 1717200000000},
        {"DocTitle": "无日期", "DocUrl": "http://www.a.gov.cn/3.html"},
        {"other": "ignored"}]}}
    lst = parse_items(json.dumps(doc), BASE, "通知公告")
    assert lst is not None and lst.column == "通知公告"
    assert [(i.title, i.url, i.date) for i in lst.items] == [
        ("年度报告", "http://www.a.gov.cn/art/2.html", date(2024, 6, 1)),
        ("关于开展检查的通知", "http://www.a.gov.cn/col/tzgg/202405/t1.html", date(2024, 5, 6)),
        ("无日期", "http://www.a.gov.cn/3.html", None)]


def test_documents_without_a_list() -> None:
    assert parse_items("not json", BASE, "x") is None
    assert parse_items(json.dumps({"a": [1, 2], "b": {"c": [{"id": 1}]}}), BASE, "x") is None


def test_parse_date_forms() -> None:
    assert parse_date("2024/05/06 10:00:00") == date(2024, 5, 6)
    assert parse_date("2024-13-40") is None and parse_date("") is None and parse_date(True) is None
    assert parse_date(1714924800) == date(2024, 5, 6)  # 2024-05-05T16:00Z is 5/6 in Beijing
