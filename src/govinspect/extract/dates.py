"""Date parsing for list items and articles: full, year-less and URL-embedded dates (spec §7.1)."""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

# 2023-09-21, 2023/9/1, 2023.09.21, 2023年9月21日 (an optional time after it is read by `find_datetime`).
_FULL = re.compile(r"(?<!\d)((?:19|20)\d{2})\s*(?:[-/.]\s*|年\s*)(\d{1,2})\s*(?:[-/.]\s*|月\s*)(\d{1,2})(?!\d)")
_TIME = re.compile(r"\s*(?:日\s*)?(\d{1,2}):(\d{2})(?::(\d{2}))?")
# [09-21], (03-23), 09-21, 09月21日 — no year; "1/2" is a page count, not a date, so "/" is not accepted here.
_SHORT = re.compile(r"(?<![\d./-])(\d{1,2})(?:-|月)(\d{1,2})(?:日)?(?![\d/-]|[:.]\d)")
_COMPACT = re.compile(r"(?<!\d)((?:19|20)\d{2})(\d{2})(\d{2})(?!\d)")
# Years in article URLs: /2018/3/22/, /art/2024/6/1/, t20180322_, /201803/, /2018-03/.
_URL_YMD = re.compile(r"/((?:19|20)\d{2})/(\d{1,2})/(\d{1,2})/")
_URL_T = re.compile(r"[/_t]((?:19|20)\d{2})(\d{2})(\d{2})(?:[_./]|\d{0,4}[_./])")
_URL_YM = re.compile(r"/((?:19|20)\d{2})-?(\d{2})/")
_DIGIT = re.compile(r"\d")
_URL_Y = re.compile(r"/((?:19|20)\d{2})/")


@dataclass(frozen=True, slots=True)
class PartialDate:
    """A date as written: the year may be missing (`[09-21]`)."""

    year: int | None
    month: int
    day: int


def _valid(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def find_full(text: str) -> date | None:
    """The first full date (with a year) in text."""
    for m in _FULL.finditer(text):
        found = _valid(int(m[1]), int(m[2]), int(m[3]))
        if found:
            return found
    return None


def find_datetime(text: str) -> datetime | None:
    """The first full date in text with its time of day when one follows (`2024-06-13 14:54`)."""
    for m in _FULL.finditer(text):
        day = _valid(int(m[1]), int(m[2]), int(m[3]))
        if not day:
            continue
        t = _TIME.match(text, m.end())
        if t and int(t[1]) < 24 and int(t[2]) < 60:
            return datetime(day.year, day.month, day.day, int(t[1]), int(t[2]), int(t[3] or 0))
        return datetime(day.year, day.month, day.day)
    return None


def find_partial(text: str) -> PartialDate | None:
    """The first date in text, full or year-less."""
    if not _DIGIT.search(text):  # most list entries and menu texts hold no digit at all
        return None
    full = find_full(text)
    if full:
        return PartialDate(full.year, full.month, full.day)
    for m in _SHORT.finditer(text):
        month, day = int(m[1]), int(m[2])
        if 1 <= month <= 12 and 1 <= day <= 31:
            return PartialDate(None, month, day)
    return None


def url_date(url: str) -> tuple[int, int | None, int | None] | None:
    """(year, month, day) embedded in an article URL; month/day None when the URL gives less."""
    for rx in (_URL_YMD, _URL_T):
        m = rx.search(url)
        if m and _valid(int(m[1]), int(m[2]), int(m[3])):
            return int(m[1]), int(m[2]), int(m[3])
    m = _URL_YM.search(url)
    if m and 1 <= int(m[2]) <= 12:
        return int(m[1]), int(m[2]), None
    m = _URL_Y.search(url)
    return (int(m[1]), None, None) if m else None


def _latest_not_after(month: int, day: int, limit: date) -> date | None:
    """The most recent month-day on or before limit (Feb 29 looks further back for a leap year)."""
    for year in range(limit.year, limit.year - 8, -1):
        found = _valid(year, month, day)
        if found and found <= limit:
            return found
    return None


URL_AGREES_DAYS = 45  # a shown date this close to the URL's date shares its year; farther, the URL is an upload date


def _near_url(month: int, day: int, hint: tuple[int, int | None, int | None]) -> date | None:
    """The year from the URL; when the URL also has month/day, the year that puts the date nearest to it,
    or None when no year brings them close (the URL holds another date, such as an upload date)."""
    year, um, ud = hint
    if um is None:
        return _valid(year, month, day)
    anchor = _valid(year, um, ud or 15)
    options = [d for d in (_valid(y, month, day) for y in (year - 1, year, year + 1)) if d]
    if not anchor or not options:
        return _valid(year, month, day)
    best = min(options, key=lambda d: abs((d - anchor).days))
    return best if abs((best - anchor).days) <= URL_AGREES_DAYS else None


def resolve(found: PartialDate, url: str, limit: date) -> date | None:
    """A full date: as written, else the year from the URL, else the latest date not after limit."""
    if found.year is not None:
        return _valid(found.year, found.month, found.day)
    hint = url_date(url)
    near = _near_url(found.month, found.day, hint) if hint else None
    if near:
        return near
    return _latest_not_after(found.month, found.day, limit)


def resolve_sequence(found: list[PartialDate | None], urls: list[str], as_of: date) -> list[date | None]:
    """Dates of one list in page order; year-less dates in a newest-first list chain downwards.

    A list that wraps a year boundary (01-29, 12-28, 09-01) is read as newest first: each year-less date
    is the latest one not after the previous item's date, when the list mostly runs downwards.
    """
    limit = as_of + timedelta(days=1)
    chain = _mostly_descending([f for f in found if f is not None])
    out: list[date | None] = []
    for item, url in zip(found, urls):
        if item is None:
            out.append(None)
            continue
        resolved = resolve(item, url, limit)
        out.append(resolved)
        if chain and resolved:
            limit = resolved + timedelta(days=1)
    return out


def _mostly_descending(items: list[PartialDate]) -> bool:
    keys = [(i.month, i.day) for i in items]
    rises = sum(1 for a, b in zip(keys, keys[1:]) if b > a)
    return len(keys) >= 2 and rises * 3 <= len(keys)
