"""Reporting periods: a year, a quarter, a month or any date range."""
from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

ROMAN_QUARTERS = ("I", "II", "III", "IV")
MIN_YEAR, MAX_YEAR = 1900, 2100


class PeriodError(ValueError):
    """A period that cannot be understood.

    ``reason`` names the rule broken (a key of REASONS), ``field`` the input at fault
    ("from", "to", "year", "quarter" or "month"; None when it is the combination), ``value``
    what that input held, ``start``/``end`` the dates of a period that ends before it starts.
    str() is a plain English line; each front end words it for its users, naming its own
    inputs (pipeline.py its flags, review/filters.py its query parameters).
    """

    def __init__(self, reason: str, field: str | None = None, value: object = None, *,
                 start: object = None, end: object = None) -> None:
        self.reason, self.field, self.value, self.start, self.end = reason, field, value, start, end
        super().__init__(REASONS[reason].format(value=value, start=start, end=end))


REASONS = {
    "one_period": "give one period: a date range, a year, a quarter or a month",
    "range_needs_both": "a date range needs its first and its last day",
    "date": "not a date (YYYY-MM-DD): {value!r}",
    "year": f"not a year between {MIN_YEAR} and {MAX_YEAR}: {{value!r}}",
    "quarter": "not a quarter (YYYYQn): {value!r}",
    "month": "not a month (YYYY-MM): {value!r}",
    "order": "the period ends ({end}) before it starts ({start})",
    "not_dates": "a period needs two dates, not {start!r} and {end!r}",
}


@dataclass(frozen=True)
class Period:
    start: dt.date
    end: dt.date  # inclusive

    def __post_init__(self) -> None:
        if not isinstance(self.start, dt.date) or not isinstance(self.end, dt.date):
            raise PeriodError("not_dates", start=self.start, end=self.end)
        if self.end < self.start:
            raise PeriodError("order", start=self.start, end=self.end)

    @property
    def label(self) -> str:
        """A Vietnamese label: "năm 2020", "quý I/2020", "tháng 3/2020",
        "6 tháng đầu năm 2020" or "từ 01/03/2020 đến 15/03/2020"."""
        s, e = self.start, self.end
        if s == dt.date(s.year, 1, 1) and e == dt.date(s.year, 12, 31):
            return f"năm {s.year}"
        if s.day == 1 and e.year == s.year and e == _month_end(e.year, e.month):
            if s.month == e.month:
                return f"tháng {s.month}/{s.year}"
            if e.month == s.month + 2 and s.month in (1, 4, 7, 10):
                return f"quý {ROMAN_QUARTERS[(s.month - 1) // 3]}/{s.year}"
            if (s.month, e.month) == (1, 6):
                return f"6 tháng đầu năm {s.year}"
            if (s.month, e.month) == (7, 12):
                return f"6 tháng cuối năm {s.year}"
            if (s.month, e.month) == (1, 9):
                return f"9 tháng đầu năm {s.year}"
        return f"từ {s:%d/%m/%Y} đến {e:%d/%m/%Y}"

    @property
    def slug(self) -> str:
        """A file-name-safe name: "2020", "2020-Q1", "2020-03" or "2020-03-01_2020-03-15"."""
        s, e = self.start, self.end
        if s == dt.date(s.year, 1, 1) and e == dt.date(s.year, 12, 31):
            return str(s.year)
        if s.day == 1 and e.year == s.year and e == _month_end(e.year, e.month):
            if s.month == e.month:
                return f"{s.year}-{s.month:02d}"
            if e.month == s.month + 2 and s.month in (1, 4, 7, 10):
                return f"{s.year}-Q{(s.month - 1) // 3 + 1}"
        return f"{s.isoformat()}_{e.isoformat()}"

    @property
    def months(self) -> list[str]:
        """Every month the period touches, as "YYYY-MM" (the x axis of monthly counts)."""
        out, (y, m) = [], (self.start.year, self.start.month)
        while (y, m) <= (self.end.year, self.end.month):
            out.append(f"{y:04d}-{m:02d}")
            y, m = (y + 1, 1) if m == 12 else (y, m + 1)
        return out

    def previous(self) -> "Period":
        """The period of the same length just before (a year before a year, etc.)."""
        s, e = self.start, self.end
        if s.day == 1 and e == _month_end(e.year, e.month):
            months = (e.year - s.year) * 12 + e.month - s.month + 1
            start = _add_months(s, -months)
            end = _month_end(*_ym(_add_months(s, -1)))
            return Period(start, end)
        length = e - s
        return Period(s - length - dt.timedelta(days=1), s - dt.timedelta(days=1))


def _ym(day: dt.date) -> tuple[int, int]:
    return day.year, day.month


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _add_months(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


def _is_year(value: int | str) -> bool:
    text = str(value).strip()
    return text.isascii() and text.isdigit() and MIN_YEAR <= int(text) <= MAX_YEAR


def parse_date(text: str, field: str | None = None) -> dt.date:
    """An ISO date (YYYY-MM-DD) or PeriodError (naming *field*, the input it came from)."""
    if not isinstance(text, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text.strip()):
        raise PeriodError("date", field, text)
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise PeriodError("date", field, text) from None


_QUARTER = (re.compile(r"(?P<y>\d{4})-?Q(?P<q>\d)"),     # 2020Q1, 2020-Q1
            re.compile(r"Q(?P<q>\d)[-/](?P<y>\d{4})"))   # Q1-2020, Q1/2020
_MONTH = (re.compile(r"(?P<y>\d{4})-(?P<m>\d{1,2})"),    # 2020-03
          re.compile(r"(?P<m>\d{1,2})/(?P<y>\d{4})"))    # 3/2020


def _match(patterns: tuple[re.Pattern[str], ...], text: str) -> re.Match[str] | None:
    for pattern in patterns:
        found = pattern.fullmatch(text.strip().upper())
        if found:
            return found
    return None


def make_period(*, date_from: str | None = None, date_to: str | None = None, year: int | str | None = None,
                quarter: str | None = None, month: str | None = None) -> Period:
    """Build one period from exactly one way of naming it.

    year is 2020 (or "2020"); quarter is "2020Q1", "2020-Q1" or "Q1/2020"; month is
    "2020-03" or "3/2020"; date_from/date_to are ISO dates, both inclusive.
    """
    ways = (date_from is not None or date_to is not None, year is not None, quarter is not None,
            month is not None)
    if sum(ways) != 1:  # an option given counts whatever its value (year 0 included)
        raise PeriodError("one_period")
    if year is not None:
        if not _is_year(year):
            raise PeriodError("year", "year", year)
        y = int(str(year).strip())
        return Period(dt.date(y, 1, 1), dt.date(y, 12, 31))
    if quarter is not None:
        found = _match(_QUARTER, str(quarter))
        if not found or not 1 <= int(found["q"]) <= 4 or not _is_year(found["y"]):
            raise PeriodError("quarter", "quarter", quarter)
        y, q = int(found["y"]), int(found["q"])
        return Period(dt.date(y, 3 * q - 2, 1), _month_end(y, 3 * q))
    if month is not None:
        found = _match(_MONTH, str(month))
        if not found or not 1 <= int(found["m"]) <= 12 or not _is_year(found["y"]):
            raise PeriodError("month", "month", month)
        y, m = int(found["y"]), int(found["m"])
        return Period(dt.date(y, m, 1), _month_end(y, m))
    if not (date_from and date_to):
        raise PeriodError("range_needs_both", "to" if date_from else "from")
    start, end = parse_date(date_from, "from"), parse_date(date_to, "to")
    if end < start:
        raise PeriodError("order", start=start, end=end)
    return Period(start, end)
