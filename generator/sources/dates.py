"""Dates as schools write them: a day, a month or only a year, never an invented day."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

_PATTERN = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
DATE_PATTERN = _PATTERN.pattern

# No school policy was written before 1900 or is reviewed after 2199; the bounds keep review
# arithmetic (a ratification plus up to 60 months) inside the calendar Python can count.
MIN_YEAR, MAX_YEAR = 1900, 2199

MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


@dataclass(frozen=True, order=True)
class PolicyDate:
    """A date with its precision kept: month and day are None when the source did not give them."""

    year: int
    month: int | None = None
    day: int | None = None

    @classmethod
    def parse(cls, text: str) -> PolicyDate:
        """Parse YYYY, YYYY-MM or YYYY-MM-DD; raise ValueError with advice otherwise."""
        match = _PATTERN.match(text.strip())
        if not match:
            raise ValueError(f"'{text}' is not a date; write YYYY-MM-DD (e.g. 2025-01-29), YYYY-MM for a month (e.g. 2016-06) or YYYY for a year")
        year_text, month_text, day_text = match.groups()
        year = int(year_text)
        month = int(month_text) if month_text else None
        day = int(day_text) if day_text else None
        if not MIN_YEAR <= year <= MAX_YEAR:
            raise ValueError(f"'{text}' has the year {year}; policy dates run from {MIN_YEAR} to {MAX_YEAR}: check the year")
        if month is not None and not 1 <= month <= 12:
            raise ValueError(f"'{text}' has month {month}; months run from 01 to 12")
        if day is not None:
            assert month is not None  # the pattern gives a day only after a month
            try:
                dt.date(year, month, day)
            except ValueError:
                raise ValueError(f"'{text}' is not a day in the calendar; check the day and month") from None
        return cls(year, month, day)

    def iso(self) -> str:
        """The form written in YAML (and in machine-readable outputs)."""
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    def display(self) -> str:
        """UK style: '29 January 2025', 'June 2016', '2016'."""
        if self.month is None:
            return str(self.year)
        if self.day is None:
            return f"{MONTHS[self.month - 1]} {self.year}"
        return f"{self.day} {MONTHS[self.month - 1]} {self.year}"

    def when(self) -> str:
        """The date after a verb, at its precision: 'on 29 January 2025', 'in June 2016', 'in 2016'."""
        return f"{'on' if self.day else 'in'} {self.display()}"

    def first_day(self) -> dt.date:
        return dt.date(self.year, self.month or 1, self.day or 1)

    def last_day(self) -> dt.date:
        """The last day this date could mean: a review due 'September 2022' is due by 30 September."""
        month = self.month or 12
        day = self.day or calendar.monthrange(self.year, month)[1]
        return dt.date(self.year, month, day)

    def add_months(self, months: int) -> PolicyDate:
        """Shift by whole months, keeping the precision (used for review cycles)."""
        month0 = (self.month or 1) - 1 + months
        year = self.year + month0 // 12
        month = month0 % 12 + 1
        if self.month is None:
            return PolicyDate(year) if months % 12 == 0 else PolicyDate(year, month)
        day = None
        if self.day is not None:
            day = min(self.day, calendar.monthrange(year, month)[1])
        return PolicyDate(year, month, day)

    def __str__(self) -> str:
        return self.display()
