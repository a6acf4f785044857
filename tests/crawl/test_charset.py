"""Charset decoding: BOM, then Content-Type, then <meta>, then detection; GB family decoded as GB18030."""
from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from govinspect.crawl.charset import decode_body, normalize_charset

SHARED = Path(__file__).resolve().parents[2] / ".." / "shared"
TEXT = "湘潭市人民政府办公室关于印发通知的公告，请各单位认真贯彻落实。镕"  # 镕 is GBK-only, not GB2312


def test_gbk_with_content_type_header() -> None:
    body = f"<html><body>{TEXT}</body></html>".encode("gbk")
    text, encoding = decode_body(body, "text/html; charset=GBK")
    assert encoding == "gb18030" and TEXT in text


def test_gb2312_declared_only_in_meta_but_using_gbk_characters() -> None:
    body = f'<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"></head>' \
           f"<body>{TEXT}</body></html>".encode("gbk")
    text, encoding = decode_body(body, "text/html")
    assert encoding == "gb18030" and TEXT in text


def test_html5_meta_charset() -> None:
    body = f'<!doctype html><meta charset="GB_2312-80"><p>{TEXT}</p>'.encode("gb18030")
    assert decode_body(body, None) == (f'<!doctype html><meta charset="GB_2312-80"><p>{TEXT}</p>', "gb18030")


@pytest.mark.parametrize("bom, codec, name", [
    (codecs.BOM_UTF16_LE, "utf-16-le", "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be", "utf-16-be"),
    (codecs.BOM_UTF8, "utf-8", "utf-8"), (codecs.BOM_UTF32_LE, "utf-32-le", "utf-32-le"),
])
def test_bom_wins_over_a_wrong_declaration(bom: bytes, codec: str, name: str) -> None:
    html = f'<html><head><meta charset="gb2312"></head><body>{TEXT}</body></html>'
    text, encoding = decode_body(bom + html.encode(codec), "text/html; charset=gb2312")
    assert (text, encoding) == (html, name)


def test_real_page_declaring_gb2312_stored_as_utf16le() -> None:
    path = SHARED / "corpus" / "real" / "hn_xiangtan_article.html"
    if not path.exists():
        pytest.skip("shared corpus not present")
    text, encoding = decode_body(path.read_bytes(), "text/html; charset=gb2312")
    assert encoding == "utf-16-le"
    assert "<html" in text and "湘潭" in text and "\ufffd" not in text


def test_no_declaration_utf8_and_gbk() -> None:
    assert decode_body(f"<p>{TEXT}</p>".encode("utf-8"), None) == (f"<p>{TEXT}</p>", "utf-8")
    body = ("<html><body>" + TEXT * 5 + "</body></html>").encode("gbk")
    text, encoding = decode_body(body, "text/html")
    assert TEXT in text and encoding == "gb18030"


def test_wrong_header_declaration_falls_back_to_meta() -> None:
    body = f'<meta charset="gbk"><p>{TEXT}</p>'.encode("gbk")
    text, encoding = decode_body(body, "text/html; charset=utf-8")
    assert TEXT in text and encoding == "gb18030"


def test_stray_bad_byte_keeps_the_declared_charset() -> None:
    body = f'<meta charset="gbk"><p>{TEXT * 20}</p>'.encode("gbk") + b"\xff"
    text, encoding = decode_body(body, None)
    assert encoding == "gb18030" and TEXT in text


@pytest.mark.parametrize("label, name", [
    ("GB2312", "gb18030"), ("gbk", "gb18030"), ("x-gbk", "gb18030"), ("GB_2312-80", "gb18030"),
    ("UTF8", "utf-8"), ("'utf-8'", "utf-8"), ("no-such-charset", None), (None, None), ("big5", "big5"),
])
def test_normalize_charset(label: str | None, name: str | None) -> None:
    assert normalize_charset(label) == name
