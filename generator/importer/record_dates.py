"""Dates in an approval record as UK schools write them, read at the precision the words give.

"24.01.19", "24/01/2019", "29th Jan 2025", "Sept 2022", "Autumn 2023", "2024/25", "2025": day
first always (a UK school's order), a two-digit year read as 20xx, and never a day or month the
words do not give. A term or an academic year keeps only its year, with a check, because a term
is not a month. Every reading that is a guess says so in `checks`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from generator.sources.dates import MONTHS, PolicyDate


@dataclass(frozen=True)
class FoundDate:
    """A date read from words: `iso` as the YAML writes it, `start`/`end` where it stood."""

    iso: str
    words: str
    start: int
    end: int
    checks: tuple[str, ...] = ()


_MONTH_WORDS = {name.lower(): number for number, name in enumerate(MONTHS, 1)}
_MONTH_WORDS.update({name[:3].lower(): number for number, name in enumerate(MONTHS, 1)})
_MONTH_WORDS["sept"] = 9
_MONTH = r"(?P<month>" + "|".join(sorted(_MONTH_WORDS, key=len, reverse=True)) + r")\.?"
_ORDINAL = r"(?:st|nd|rd|th)?"
_YEAR4 = r"(?P<year>(?:19|20|21)\d{2})"

_NUMERIC = re.compile(r"(?<![\d.])(?P<a>\d{1,2})\s?(?P<sep>[./-])\s?(?P<b>\d{1,2})\s?(?P=sep)\s?(?P<y>\d{4}|\d{2})(?![\d])")
_ISO = re.compile(r"(?<!\d)(?P<y>(?:19|20|21)\d{2})-(?P<m>\d{2})-(?P<d>\d{2})(?!\d)")
_DAY_MONTH_YEAR = re.compile(rf"\b(?P<day>\d{{1,2}}){_ORDINAL}\s+(?:of\s+)?{_MONTH}(?:,)?\s+{_YEAR4}\b", re.IGNORECASE)
_MONTH_DAY_YEAR = re.compile(rf"\b{_MONTH}\s+(?P<day>\d{{1,2}}){_ORDINAL},?\s+{_YEAR4}\b", re.IGNORECASE)
_MONTH_YEAR = re.compile(rf"\b{_MONTH},?\s+{_YEAR4}\b", re.IGNORECASE)
_MONTH_SHORT_YEAR = re.compile(rf"\b{_MONTH}\s+['’](?P<year>\d{{2}})\b", re.IGNORECASE)
_TERM = re.compile(rf"\b(?P<term>autumn|spring|summer)(?:\s+term)?(?:\s+[12])?,?\s+{_YEAR4}\b", re.IGNORECASE)
_ACADEMIC = re.compile(r"(?<![\d/-])(?<!\d\.)(?P<year>(?:19|20|21)\d{2})\s?[/-]\s?(?P<next>\d{4}|\d{2})(?![\d/-]|\.\d)")
_YEAR = re.compile(r"(?<![\d/-])(?<!\d\.)(?P<year>(?:19|20|21)\d{2})(?![\d/-]|\.\d)")


def _full_year(text: str, checks: list[str], words: str) -> int:
    if len(text) == 4:
        return int(text)
    checks.append(f'two-digit year read as 20{text} in "{words}"')
    return 2000 + int(text)


def _valid(iso: str, words: str, checks: list[str]) -> bool:
    try:
        PolicyDate.parse(iso)
    except ValueError:
        checks.append(f'"{words}" is not a date in the calendar; the record keeps no date for it')
        return False
    return True


def _numeric(match: re.Match[str], problems: list[str]) -> FoundDate | None:
    words = match.group(0)
    a, b = int(match["a"]), int(match["b"])
    checks: list[str] = []
    year = _full_year(match["y"], checks, words)
    day, month = a, b
    if month > 12 and day <= 12:
        # Day first is the UK order; a month past 12 can only be the day, so the writer used the US order.
        day, month = b, a
        checks.append(f'date read as month/day/year from "{words}", because {b} cannot be a month')
    elif day <= 12 and day != month:
        checks.append(f'date read as day.month.year (the UK order) from "{words}"')
    iso = f"{year:04d}-{month:02d}-{day:02d}"
    if not _valid(iso, words, problems):
        return None
    return FoundDate(iso, words, match.start(), match.end(), tuple(checks))


def _from_match(kind: str, match: re.Match[str], problems: list[str]) -> FoundDate | None:
    words = match.group(0)
    checks: list[str] = []
    if kind == "iso":
        iso = f"{match['y']}-{match['m']}-{match['d']}"
    elif kind in ("dmy", "mdy"):
        month = _MONTH_WORDS[match["month"].lower()]
        iso = f"{match['year']}-{month:02d}-{int(match['day']):02d}"
        if kind == "mdy":
            checks.append(f'date read with the month first from "{words}"')
    elif kind == "my":
        iso = f"{match['year']}-{_MONTH_WORDS[match['month'].lower()]:02d}"
    elif kind == "my2":
        year = _full_year(match["year"], checks, words)
        iso = f"{year}-{_MONTH_WORDS[match['month'].lower()]:02d}"
    elif kind == "term":
        iso = match["year"]
        checks.append(f'"{words}" is a term, not a month: recorded the year only; add the month if the record gives it')
    elif kind == "academic":
        following = match["next"][-2:]
        if int(following) != (int(match["year"]) + 1) % 100:
            return None  # "2019-2022" is a span of years, not an academic year
        iso = match["year"]
        checks.append(f'"{words}" is an academic year: recorded {match["year"]}, the year it begins; check which date the record means')
    else:
        iso = match["year"]
    if not _valid(iso, words, problems):
        return None
    return FoundDate(iso, words, match.start(), match.end(), tuple(checks))


_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("iso", _ISO),
    ("dmy", _DAY_MONTH_YEAR),
    ("mdy", _MONTH_DAY_YEAR),
    ("my", _MONTH_YEAR),
    ("my2", _MONTH_SHORT_YEAR),
    ("term", _TERM),
    ("academic", _ACADEMIC),
    ("year", _YEAR),
)


def find_dates(text: str, problems: list[str] | None = None) -> tuple[FoundDate, ...]:
    """Every date in `text`, in the order written; a date-like run that is no calendar date
    ("31.02.19") is left out and said in `problems`, so a person sees it was not lost."""
    sink = problems if problems is not None else []
    taken: list[tuple[int, int]] = []
    found: list[FoundDate] = []

    def free(start: int, end: int) -> bool:
        return all(end <= s or start >= e for s, e in taken)

    for match in _NUMERIC.finditer(text):
        taken.append(match.span())
        date = _numeric(match, sink)
        if date:
            found.append(date)
    # The more precise forms first, so "29 January 2025" is not also read as "January 2025".
    for kind, pattern in _PATTERNS:
        for match in pattern.finditer(text):
            if not free(*match.span()):
                continue
            taken.append(match.span())
            date = _from_match(kind, match, sink)
            if date:
                found.append(date)
    return tuple(sorted(found, key=lambda date: date.start))


def only_date(text: str) -> FoundDate | None:
    """The date when `text` is a date and nothing else (a line reading "December 2020")."""
    stripped = text.strip().strip(".,;:()[]").strip()
    if len(stripped) > 40:  # longer than any date written out ("30th of September 2025" is 22)
        return None
    dates = find_dates(stripped)
    if len(dates) == 1 and dates[0].start == 0 and dates[0].end == len(stripped):
        return dates[0]
    return None


def date_sort_key(iso: str) -> tuple[int, int, int]:
    """Oldest first, a month before the days in it (no precision is invented to compare)."""
    date = PolicyDate.parse(iso)
    return (date.year, date.month or 0, date.day or 0)
