"""Personal information in visible page text (W-D4.9): 居民身份证号 with a valid ISO 7064 checksum and birth
date, and mainland mobile numbers; the evidence is masked so that reports do not leak it again."""
from __future__ import annotations

import re
from datetime import date

from ..indicators.catalog import spec
from ..models import Finding

# Province codes of GB/T 2260 as they start an ID number (71 台湾, 81 香港, 82 澳门 included).
_PROVINCES = frozenset("11 12 13 14 15 21 22 23 31 32 33 34 35 36 37 41 42 43 44 45 46 50 51 52 53 54 "
                       "61 62 63 64 65 71 81 82".split())
_WEIGHTS = [pow(2, 17 - i, 11) for i in range(17)]
_ID = re.compile(r"(?<![0-9A-Za-z])(\d{17}[\dXx])(?![0-9A-Za-z])")
_ID_HINT = re.compile(r"\d{17}")
_MOBILE_HINT = re.compile(r"1[3-9]\d{9}")
_MOBILE = re.compile(r"(?<![\d.])(1[3-9]\d{9})(?![\d.])")
# A number under one of these labels is an office's published contact line, not a private person's.
_OFFICIAL = re.compile(r"(联系电话|咨询电话|监督电话|举报电话|服务电话|值班电话|热线|办公电话|投诉电话|传真)[:：\s]*$")
MAX_PER_PAGE = 20


def id_check_char(first17: str) -> str:
    """ISO 7064 MOD 11-2 check character of GB 11643."""
    total = sum(int(d) * w for d, w in zip(first17, _WEIGHTS))
    return "10X98765432"[total % 11]


def valid_id_number(number: str, today: date | None = None) -> bool:
    """An 18-digit 居民身份证号 with a known province, a real birth date and a correct check character."""
    if len(number) != 18 or not number[:17].isdigit() or number[:2] not in _PROVINCES:
        return False
    try:
        born = date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        return False
    if not date(1900, 1, 1) <= born <= (today or date.today()):
        return False
    return id_check_char(number[:17]) == number[17].upper()


def mask(number: str) -> str:
    """Keep the first 4 and last 4 characters: 6101**********1234."""
    return number[:4] + "*" * (len(number) - 8) + number[-4:] if len(number) > 8 else "*" * len(number)


def _context(text: str, start: int, end: int, number: str) -> str:
    return (text[max(0, start - 12):start] + mask(number) + text[end:end + 12]).replace("\n", " ").strip()


def _finding(url: str, what: str, number: str, text: str, start: int, end: int, *, sure: bool) -> Finding:
    s = spec("W-D4.9")
    evidence = {"说明": f"页面正文公开了未脱敏的{what}", "号码(已脱敏)": mask(number),
                "上下文": _context(text, start, end, number), "位置": {"正文字符偏移": start}}
    return Finding("W-D4.9", s.title, s.part, None, url, evidence, 0.95 if sure else 0.5, not sure,
                   {"kind": "id-number" if sure else "mobile", "masked": mask(number), "offset": start})


def personal_findings(text: str, url: str, *, today: date | None = None) -> list[Finding]:
    """One finding per distinct ID number or private-looking mobile number in `text` (visible text)."""
    out: list[Finding] = []
    seen: set[str] = set()
    # The exact patterns open with look-behinds, which the regex engine tries at every position; a plain
    # pattern that any match must contain rules most pages out quickly (a footer's 14-digit 公网安备 number
    # is not 17 digits long, nor a mobile number).
    ids = _ID.finditer(text) if _ID_HINT.search(text) else ()
    for m in ids:
        if m.group(1) not in seen and valid_id_number(m.group(1), today):
            seen.add(m.group(1))
            out.append(_finding(url, "居民身份证号码", m.group(1), text, m.start(1), m.end(1), sure=True))
    for m in _MOBILE.finditer(text) if _MOBILE_HINT.search(text) else ():
        number = m.group(1)
        if number in seen or _OFFICIAL.search(text[max(0, m.start() - 12):m.start()]):
            continue
        seen.add(number)
        out.append(_finding(url, "手机号码", number, text, m.start(1), m.end(1), sure=False))
    return out[:MAX_PER_PAGE]
