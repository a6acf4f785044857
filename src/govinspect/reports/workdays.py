"""Working-day arithmetic for rectification deadlines (工作日, with 调休 via chinese_calendar)."""
from __future__ import annotations

import logging
from datetime import date, timedelta

import chinese_calendar

log = logging.getLogger(__name__)


def is_workday(day: date) -> bool:
    """The official calendar where chinese_calendar has the year; Monday–Friday beyond it."""
    try:
        return bool(chinese_calendar.is_workday(day))
    except NotImplementedError:
        log.warning("chinese_calendar 无 %s 年节假日数据，按周一至周五计算工作日", day.year)
        return day.weekday() < 5


def add_working_days(start: date, days: int) -> date:
    """The date `days` working days after `start` (the start day itself is not counted)."""
    current, left = start, days
    while left > 0:
        current += timedelta(days=1)
        if is_workday(current):
            left -= 1
    return current


def calendar_covers(start: date, end: date) -> bool:
    """Whether the official holiday data covers every year from start to end."""
    try:
        for year in range(start.year, end.year + 1):
            chinese_calendar.is_workday(date(year, 1, 1))
    except NotImplementedError:
        return False
    return True


def chinese_date(day: date) -> str:
    """2026-11-23 → '2026年11月23日' (the notice's date form)."""
    return f"{day.year}年{day.month}月{day.day}日"
