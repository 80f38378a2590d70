"""Reporting periods: a year, a quarter, a month or any date range."""
from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass


class PeriodError(ValueError):
    """A period that cannot be understood."""


@dataclass(frozen=True)
class Period:
    start: dt.date
    end: dt.date  # inclusive

    @property
    def label(self) -> str:
        """A Vietnamese label: "năm 2020", "quý I/2020", "tháng 3/2020" or a range."""
        s, e = self.start, self.end
        if s == dt.date(s.year, 1, 1) and e == dt.date(s.year, 12, 31):
            return f"năm {s.year}"
        if s.day == 1 and e.year == s.year and e.day == calendar.monthrange(e.year, e.month)[1]:
            if s.month == e.month:
                return f"tháng {s.month}/{s.year}"
            if e.month == s.month + 2 and s.month in (1, 4, 7, 10):
                return f"quý {('I', 'II', 'III', 'IV')[(s.month - 1) // 3]}/{s.year}"
        return f"từ {s:%d/%m/%Y} đến {e:%d/%m/%Y}"

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


def parse_date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise PeriodError(f"not a date (YYYY-MM-DD): {text!r}") from None


def make_period(*, date_from: str | None = None, date_to: str | None = None, year: int | None = None,
                quarter: str | None = None, month: str | None = None) -> Period:
    """Build one period from exactly one way of naming it.

    quarter is "2020Q1" or "2020-Q1"; month is "2020-03".
    """
    given = [x for x in (date_from or date_to, year, quarter, month) if x]
    if len(given) != 1:
        raise PeriodError("give one period: --from/--to, --year, --quarter or --month")
    if year:
        return Period(dt.date(year, 1, 1), dt.date(year, 12, 31))
    if quarter:
        try:
            y, q = quarter.upper().replace("-", "").split("Q")
            y, q = int(y), int(q)
            assert 1 <= q <= 4
        except (ValueError, AssertionError):
            raise PeriodError(f"not a quarter (YYYYQn): {quarter!r}") from None
        return Period(dt.date(y, 3 * q - 2, 1), _month_end(y, 3 * q))
    if month:
        try:
            y, m = (int(x) for x in month.split("-"))
            return Period(dt.date(y, m, 1), _month_end(y, m))
        except ValueError:
            raise PeriodError(f"not a month (YYYY-MM): {month!r}") from None
    if not (date_from and date_to):
        raise PeriodError("--from and --to go together")
    start, end = parse_date(date_from), parse_date(date_to)
    if end < start:
        raise PeriodError(f"the period ends ({end}) before it starts ({start})")
    return Period(start, end)
