"""Body bytes → text: BOM, then Content-Type charset, then <meta> in the first 4 KB, then detection.

GB2312 and GBK pages are decoded as GB18030 (its superset): real pages declare gb2312 and use GBK
characters. A declaration that does not decode cleanly is not trusted; the next source is tried.
"""
from __future__ import annotations

import codecs
import re
from functools import lru_cache

from charset_normalizer import from_bytes

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16 LE: its BOM starts with the same two bytes
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_GB_ALIASES = frozenset({"gb2312", "gbk", "gb_2312-80", "gb_2312", "x-gbk", "cp936", "ms936", "euc-cn",
                         "chinese", "csgb2312", "iso-ir-58", "windows-936", "gb18030", "x-euc-cn"})
_META = re.compile(rb"""<meta[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_:.\-]+)""", re.IGNORECASE)
_CT_CHARSET = re.compile(r"""charset\s*=\s*["']?([A-Za-z0-9_:.\-]+)""", re.IGNORECASE)
_DETECT_BYTES = 64 * 1024


@lru_cache(maxsize=256)
def normalize_charset(label: str | None) -> str | None:
    """A codec name Python can use, GB family folded to gb18030; None for unknown labels."""
    if not label:
        return None
    name = label.strip().strip("\"'").lower()
    if name in _GB_ALIASES:
        return "gb18030"
    try:
        codec = codecs.lookup(name).name
    except LookupError:
        return None
    return "gb18030" if codec in ("gb2312", "gbk") else codec


def charset_from_content_type(content_type: str | None) -> str | None:
    if not content_type:
        return None
    m = _CT_CHARSET.search(content_type)
    return m.group(1) if m else None


def charset_from_meta(body: bytes) -> str | None:
    m = _META.search(body, 0, 4096)
    return m.group(1).decode("ascii", "replace") if m else None


def bom_charset(body: bytes) -> str | None:
    for bom, name in _BOMS:
        if body.startswith(bom):
            return name
    return None


def decode_body(body: bytes, content_type: str | None = None) -> tuple[str, str]:
    """Return (text, encoding used). Never raises: the last resort decodes with replacement characters."""
    bom = bom_charset(body)
    if bom is not None:
        return body.decode(bom, "replace").lstrip("\ufeff"), bom
    declared = [normalize_charset(charset_from_content_type(content_type)), normalize_charset(charset_from_meta(body))]
    for name in declared:
        text = _strict(body, name)
        if text is not None:
            return text, name  # type: ignore[return-value]
    return _undeclared(body, next((n for n in declared if n), None))


def _strict(body: bytes, name: str | None) -> str | None:
    if name is None:
        return None
    try:
        return body.decode(name)
    except (UnicodeDecodeError, LookupError):
        return None


def _undeclared(body: bytes, declared: str | None) -> tuple[str, str]:
    text = _strict(body, "utf-8")
    if text is not None:
        return text, "utf-8"
    if declared is not None:
        # a few stray bytes (a truncated page, one bad character) should not override the declaration
        text = body.decode(declared, "replace")
        if text.count("\ufffd") * 1000 <= len(text):
            return text, declared
    guess = normalize_charset(_detect(body))
    text = _strict(body, guess)
    if text is not None:
        return text, guess  # type: ignore[return-value]
    name = declared or guess or "gb18030"
    return body.decode(name, "replace"), name


def _detect(body: bytes) -> str | None:
    best = from_bytes(body[:_DETECT_BYTES]).best()
    return best.encoding if best is not None else None
