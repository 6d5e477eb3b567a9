"""Working days: national holidays and cuti bersama closed, local closures, opening windows."""

from __future__ import annotations

import datetime as dt

import holidays
import pytest

from sim.calendar import Calendar, days_of, national_closures
from sim.scenario import WeeklyHours, validate

WEEKDAY_HOURS = {d: "08:00-14:00" for d in ("mon", "tue", "wed", "thu")} | {"fri": "08:00-11:00"}
MON_FRI = WeeklyHours(**WEEKDAY_HOURS)

# Weekday closures counted by hand from SKB 3 Menteri on national holidays and cuti bersama
# 2023 (No. 1066/2022, 3/2022, 3/2022 as revised by No. 327/2023, 1/2023, 1/2023), checked
# against the holidays package. Weekend holidays (1 Jan, 22 Jan, 18 Feb, 22-23 Apr, 4 Jun)
# close nothing extra.
# 2023: 260 weekdays - 21 closures = 239:
#   23 Jan (cuti Imlek), 22 Mar (Nyepi), 23 Mar (cuti Nyepi), 7 Apr (Wafat Yesus),
#   19, 20, 21, 24, 25 Apr (cuti Idul Fitri), 1 May (Hari Buruh), 18 May (Kenaikan),
#   1 Jun (Pancasila), 2 Jun (cuti Waisak), 28 Jun (cuti Idul Adha), 29 Jun (Idul Adha),
#   30 Jun (cuti Idul Adha), 19 Jul (1 Muharram), 17 Aug (Kemerdekaan), 28 Sep (Maulid),
#   25 Dec (Natal), 26 Dec (cuti Natal).
WORKING_DAYS_2023 = 239
# 2024: 262 weekdays - 24 closures = 238:
#   1 Jan, 8 Feb (Isra Mikraj), 9 Feb (cuti Imlek), 14 Feb (Pemilu), 11 Mar (Nyepi),
#   12 Mar (cuti Nyepi), 29 Mar (Wafat Yesus), 8, 9 Apr (cuti Idul Fitri),
#   10, 11 Apr (Idul Fitri), 12, 15 Apr (cuti Idul Fitri), 1 May (Hari Buruh),
#   9 May (Kenaikan), 10 May (cuti Kenaikan), 23 May (Waisak), 24 May (cuti Waisak),
#   17 Jun (Idul Adha), 18 Jun (cuti Idul Adha), 16 Sep (Maulid), 27 Nov (Pilkada),
#   25 Dec (Natal), 26 Dec (cuti Natal).
WORKING_DAYS_2024 = 238

CLOSED_WEEKDAYS_2023 = [
    (1, 23), (3, 22), (3, 23), (4, 7), (4, 19), (4, 20), (4, 21), (4, 24), (4, 25), (5, 1),
    (5, 18), (6, 1), (6, 2), (6, 28), (6, 29), (6, 30), (7, 19), (8, 17), (9, 28), (12, 25),
    (12, 26),
]  # fmt: skip


def make_calendar(mmc_data, start, end, *, national=True, extra=(), hours=None) -> Calendar:
    mmc_data["period"] = {"start": start, "end": end}
    mmc_data["calendar"] = {
        "national_holidays": national,
        "opening_hours": {"main_office": hours or WEEKDAY_HOURS},
        "extra_closures": list(extra),
    }
    return Calendar(validate(mmc_data, "test"))


def by_hand(year: int) -> int:
    """Mon-Fri days of the year that are neither a national holiday nor cuti bersama."""
    closed = holidays.country_holidays(
        "ID", years=year, language="id", categories=("public", "government")
    )
    days = days_of(dt.date(year, 1, 1), dt.date(year, 12, 31))
    return sum(1 for d in days if d.weekday() < 5 and d not in closed)


@pytest.mark.parametrize(
    ("year", "expected"), [(2023, WORKING_DAYS_2023), (2024, WORKING_DAYS_2024)]
)
def test_working_days_of_a_year(mmc_data, year, expected):
    cal = make_calendar(mmc_data, dt.date(year, 1, 1), dt.date(year, 12, 31))
    assert cal.working_days(MON_FRI) == by_hand(year) == expected


def test_the_2023_closures_are_the_decreed_ones(mmc_data):
    cal = make_calendar(mmc_data, dt.date(2023, 1, 1), dt.date(2023, 12, 31))
    closed_weekdays = sorted(d for d in cal.closed if d.weekday() < 5)
    assert closed_weekdays == [dt.date(2023, m, d) for m, d in CLOSED_WEEKDAYS_2023]
    # cuti bersama come from the "government" category, named as such in Indonesian
    assert "Cuti Bersama" in cal.closed[dt.date(2023, 4, 21)]
    assert "Cuti Bersama" in cal.closed[dt.date(2023, 6, 28)]


def test_national_closures_include_cuti_bersama():
    found = national_closures(range(2023, 2024))
    public_only = holidays.country_holidays("ID", years=2023, language="id")
    assert dt.date(2023, 12, 26) in found
    assert dt.date(2023, 12, 26) not in public_only
    assert dt.date(2023, 8, 17) in found


def test_window_on_holidays_extra_closures_and_ordinary_days(mmc_data):
    local = dt.date(2023, 3, 6)  # a Monday closed locally
    cal = make_calendar(mmc_data, dt.date(2023, 1, 2), dt.date(2023, 12, 31), extra=[local])
    assert cal.window(MON_FRI, dt.date(2023, 8, 17)) is None  # Hari Kemerdekaan, Thursday
    assert cal.window(MON_FRI, dt.date(2023, 4, 21)) is None  # cuti bersama, Friday
    assert cal.window(MON_FRI, local) is None
    assert cal.closed[local] == "Penutupan lokal"
    assert cal.window(MON_FRI, dt.date(2023, 3, 7)) == (480, 840)  # Tuesday
    assert cal.window(MON_FRI, dt.date(2023, 3, 10)) == (480, 660)  # Friday, 08:00-11:00
    assert cal.window(MON_FRI, dt.date(2023, 3, 11)) is None  # Saturday, no hours
    assert cal.window(MON_FRI, dt.date(2023, 3, 13)) == (480, 840)  # the Monday after


def test_round_the_clock_window(mmc_data):
    cal = make_calendar(mmc_data, dt.date(2023, 1, 2), dt.date(2023, 1, 8), national=False)
    hours = WeeklyHours(sun="00:00-24:00")
    assert cal.window(hours, dt.date(2023, 1, 8)) == (0, 24 * 60)
    assert cal.working_days(hours) == 1


def test_without_national_holidays_only_extra_closures_close(mmc_data):
    local = dt.date(2023, 3, 6)
    cal = make_calendar(
        mmc_data, dt.date(2023, 1, 1), dt.date(2023, 12, 31), national=False, extra=[local]
    )
    assert cal.window(MON_FRI, dt.date(2023, 8, 17)) == (480, 840)
    assert cal.window(MON_FRI, local) is None
    assert cal.working_days(MON_FRI) == 260 - 1
    assert cal.warnings() == []


def test_extra_closure_on_a_holiday_keeps_the_holiday_name(mmc_data):
    cal = make_calendar(
        mmc_data, dt.date(2023, 1, 1), dt.date(2023, 12, 31), extra=[dt.date(2023, 8, 17)]
    )
    assert "Kemerdekaan" in cal.closed[dt.date(2023, 8, 17)]
    assert cal.working_days(MON_FRI) == WORKING_DAYS_2023


def test_days_and_indices(mmc_data):
    cal = make_calendar(mmc_data, dt.date(2023, 3, 1), dt.date(2023, 12, 31))
    assert cal.days == 306
    assert cal.end == dt.date(2023, 12, 31)
    assert cal.day_index(dt.date(2023, 3, 1)) == 0
    assert cal.date_of(cal.day_index(dt.date(2023, 7, 3))) == dt.date(2023, 7, 3)
    assert len(list(days_of(cal.start, cal.end))) == cal.days


def test_no_warnings_for_2023(mmc_data):
    cal = make_calendar(mmc_data, dt.date(2023, 1, 1), dt.date(2023, 12, 31))
    assert cal.warnings() == []


def test_warning_for_a_year_without_cuti_bersama_decree(mmc_data):
    cal = make_calendar(mmc_data, dt.date(2029, 1, 1), dt.date(2029, 6, 30))
    notes = dict(cal.warnings())
    assert notes["cuti_bersama_unknown"] == "2029"


def test_warning_names_only_the_undecreed_years(mmc_data):
    cal = make_calendar(mmc_data, dt.date(2024, 7, 1), dt.date(2029, 6, 30))
    years = dict(cal.warnings()).get("cuti_bersama_unknown", "")
    assert "2029" in years.split(", ")
    assert "2024" not in years.split(", ")


def test_no_warnings_when_national_holidays_are_off(mmc_data):
    cal = make_calendar(mmc_data, dt.date(2029, 1, 1), dt.date(2029, 6, 30), national=False)
    assert cal.warnings() == []
