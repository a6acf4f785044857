"""Working-day deadlines with the official holiday calendar (调休 included)."""
from __future__ import annotations

from datetime import date

from govinspect.reports.workdays import add_working_days, calendar_covers, chinese_date


def test_skips_weekends() -> None:
    assert add_working_days(date(2026, 11, 30), 15) == date(2026, 12, 21)


def test_skips_national_day_and_counts_the_make_up_saturday() -> None:
    # 2026: 10月1日至7日放假, 10月10日（周六）上班
    assert add_working_days(date(2026, 9, 30), 1) == date(2026, 10, 8)
    assert add_working_days(date(2026, 9, 30), 3) == date(2026, 10, 10)


def test_years_without_holiday_data_fall_back_to_weekdays() -> None:
    assert add_working_days(date(2099, 1, 2), 1) == date(2099, 1, 5)  # Friday → Monday
    assert not calendar_covers(date(2026, 12, 20), date(2099, 1, 5))
    assert calendar_covers(date(2026, 1, 1), date(2026, 12, 31))


def test_chinese_date() -> None:
    assert chinese_date(date(2026, 1, 5)) == "2026年1月5日"
