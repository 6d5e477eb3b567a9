"""Working days and opening windows: Indonesian holidays, cuti bersama, local closures."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import holidays

from sim.scenario import Scenario, WeeklyHours

MIN_PER_DAY = 24 * 60


def days_of(start: dt.date, end: dt.date) -> Iterator[dt.date]:
    """Every date from start to end inclusive."""
    for offset in range((end - start).days + 1):
        yield start + dt.timedelta(days=offset)


def national_closures(years: range) -> dict[dt.date, str]:
    """National holidays and cuti bersama (joint leave) for the given years, in Indonesian."""
    return dict(
        holidays.country_holidays(
            "ID", years=list(years), language="id", categories=("public", "government")
        )
    )


def undecreed_years(years: range) -> list[int]:
    """Years for which the holidays package knows no cuti bersama decree (dates may be missing)."""
    return [
        year
        for year in years
        if not holidays.country_holidays("ID", years=year, categories=("government",))
    ]


def estimated_years(years: range) -> list[int]:
    """Years whose Islamic holiday dates are only estimates in the holidays package."""
    found = national_closures(years)
    return sorted({day.year for day, name in found.items() if "perkiraan" in name})


class Calendar:
    """Which days are closed, and each site's opening window on a given day."""

    def __init__(self, scenario: Scenario) -> None:
        period = scenario.period
        self.start = period.start
        self.days = period.days
        years = range(period.start.year, period.end.year + 1)
        self.national = scenario.calendar.national_holidays
        closed = national_closures(years) if self.national else {}
        for day in scenario.calendar.extra_closures:
            closed.setdefault(day, "Penutupan lokal")
        self.closed = closed
        self.years = years

    def is_closed(self, day: dt.date) -> bool:
        return day in self.closed

    def window(self, hours: WeeklyHours, day: dt.date) -> tuple[int, int] | None:
        """Opening window in minutes after midnight, or None when closed that day."""
        if day in self.closed:
            return None
        return hours.window(day)

    def weekdays_open(self, start: dt.date, end: dt.date) -> int:
        """Mondays to Fridays from start to end inclusive that are not closed (within the
        period's calendar years)."""
        return sum(d.weekday() < 5 and d not in self.closed for d in days_of(start, end))

    def working_days(self, hours: WeeklyHours) -> int:
        """Number of days in the period on which a site with these hours opens."""
        return sum(self.window(hours, d) is not None for d in days_of(self.start, self.end))

    @property
    def end(self) -> dt.date:
        return self.start + dt.timedelta(days=self.days - 1)

    def day_index(self, day: dt.date) -> int:
        return (day - self.start).days

    def date_of(self, index: int) -> dt.date:
        return self.start + dt.timedelta(days=index)

    def warnings(self) -> list[tuple[str, str]]:
        """Cautions about the holiday data: (message key, years) pairs."""
        if not self.national:
            return []
        notes = []
        missing = undecreed_years(self.years)
        if missing:
            notes.append(("cuti_bersama_unknown", ", ".join(map(str, missing))))
        estimated = estimated_years(self.years)
        if estimated:
            notes.append(("holidays_estimated", ", ".join(map(str, estimated))))
        return notes
