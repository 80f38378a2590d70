"""Query parameters of the article list and the counts, parsed and validated.

Anything wrong raises ``FilterError`` with a Vietnamese message; the routes turn it
into a 400 response.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Mapping
from dataclasses import dataclass, replace

from report.periods import Period, PeriodError, make_period, parse_date
from storage.review_queries import SORTS, STATUSES, TOPIC_FILTERS, Selection
from storage.schema import CONTENT_TYPES

from review.outlets import outlet_spans, reporting_spans

PER_PAGE = 50
MAX_PAGE = 100_000
MAX_QUERY_LENGTH = 200


class FilterError(ValueError):
    """A query parameter that cannot be understood."""


def _text(args: Mapping[str, str], name: str) -> str | None:
    value = (args.get(name) or "").strip()
    return value or None


def _choice(args: Mapping[str, str], name: str, allowed: Collection[str], what: str) -> str | None:
    value = _text(args, name)
    if value is not None and value not in allowed:
        raise FilterError(f"{what} không hợp lệ: {value!r}")
    return value


# a period error in the web app's words: its query parameters (report/periods.py names the reasons)
PERIOD_MESSAGES = {
    "one_period": "Chỉ nêu một khoảng thời gian: from và to, year, quarter hoặc month",
    "range_needs_both": "Cần cả hai tham số from và to (ngày đầu và ngày cuối, dạng YYYY-MM-DD)",
    "date": "Ngày không hợp lệ ({field}={value!r}); dùng dạng YYYY-MM-DD",
    "year": "Năm không hợp lệ (year={value!r}); cần một năm từ 1900 đến 2100",
    "quarter": "Quý không hợp lệ (quarter={value!r}); dùng dạng YYYYQn, ví dụ 2020Q1",
    "month": "Tháng không hợp lệ (month={value!r}); dùng dạng YYYY-MM, ví dụ 2020-03",
    "order": "Khoảng thời gian kết thúc ({end}) trước khi bắt đầu ({start})",
}


def period_message(exc: PeriodError) -> str:
    """A period error as the web app and the API show it."""
    template = PERIOD_MESSAGES.get(exc.reason, "Khoảng thời gian không hợp lệ")
    return template.format(field=exc.field, value=exc.value, start=exc.start, end=exc.end)


def _date(args: Mapping[str, str], name: str) -> dt.date | None:
    value = _text(args, name)
    if value is None:
        return None
    try:
        return parse_date(value, name)
    except PeriodError as exc:
        raise FilterError(period_message(exc)) from None


def parse_outlet(args: Mapping[str, str], outlet_ids: Collection[str]) -> str | None:
    """The reporting outlet the request names (None: every outlet); an unknown one is an error."""
    return _choice(args, "outlet", outlet_ids, "Cơ quan báo chí")


def _page(args: Mapping[str, str]) -> int:
    value = _text(args, "page")
    if value is None:
        return 1
    if not value.isascii() or not value.isdigit() or not 1 <= int(value) <= MAX_PAGE:
        raise FilterError(f"Số trang không hợp lệ: {value!r}")
    return int(value)


@dataclass(frozen=True)
class ArticleFilters:
    """The article list's filters, sort and page (the defaults mean "no filter")."""

    date_from: dt.date | None = None
    date_to: dt.date | None = None
    outlet: str | None = None
    topic: str | None = None
    content_type: str | None = None
    status: str | None = None
    counted: int | None = None
    q: str | None = None
    sort: str = "date"
    page: int = 1

    @classmethod
    def from_args(cls, args: Mapping[str, str], outlet_ids: Collection[str]) -> "ArticleFilters":
        """Parse request arguments; unknown outlets, topics, dates or pages are errors."""
        date_from, date_to = _date(args, "from"), _date(args, "to")
        if date_from and date_to and date_to < date_from:
            raise FilterError(period_message(PeriodError("order", start=date_from, end=date_to)))
        counted = _choice(args, "counted", ("0", "1"), "Giá trị 'counted'")
        q = _text(args, "q")
        if q is not None and len(q) > MAX_QUERY_LENGTH:
            raise FilterError(f"Từ khóa tìm kiếm quá dài (tối đa {MAX_QUERY_LENGTH} ký tự)")
        return cls(
            date_from=date_from,
            date_to=date_to,
            outlet=parse_outlet(args, outlet_ids),
            topic=_choice(args, "topic", TOPIC_FILTERS, "Chủ đề"),
            content_type=_choice(args, "content_type", CONTENT_TYPES, "Loại tin bài"),
            status=_choice(args, "status", STATUSES, "Trạng thái duyệt"),
            counted=None if counted is None else int(counted),
            q=q,
            sort=_choice(args, "sort", SORTS, "Cách sắp xếp") or "date",
            page=_page(args),
        )

    @property
    def offset(self) -> int:
        return (self.page - 1) * PER_PAGE

    def query_args(self, **overrides: object) -> dict[str, str]:
        """The filters as query-string arguments, defaults left out (for url_for)."""
        f = replace(self, **overrides) if overrides else self
        args = {
            "from": f.date_from.isoformat() if f.date_from else None,
            "to": f.date_to.isoformat() if f.date_to else None,
            "outlet": f.outlet, "topic": f.topic, "content_type": f.content_type,
            "status": f.status, "counted": None if f.counted is None else str(f.counted),
            "q": f.q, "sort": None if f.sort == "date" else f.sort,
            "page": None if f.page == 1 else str(f.page),
        }
        return {key: value for key, value in args.items() if value is not None}

    def selection(self, outlets: list[dict]) -> Selection:
        """The storage-level selection; an outlet becomes its reporting-outlet spans, and the
        copies of a piece under one reporting outlet are listed once, as the counts take them."""
        return Selection(
            date_from=self.date_from, date_to=self.date_to,
            outlet_spans=outlet_spans(self.outlet, outlets) if self.outlet else None,
            topic=self.topic, content_type=self.content_type, status=self.status,
            counted=self.counted, search=self.q, sort=self.sort,
            reporting_spans=reporting_spans(outlets),  # a piece stored twice is listed once
        )


def parse_period(args: Mapping[str, str], today: dt.date) -> Period:
    """from/to, year, quarter or month; the current year when none is given."""
    names = ("from", "to", "year", "quarter", "month")
    given = {name: _text(args, name) for name in names}
    if not any(given.values()):
        return Period(dt.date(today.year, 1, 1), dt.date(today.year, 12, 31))
    try:
        return make_period(date_from=given["from"], date_to=given["to"], year=given["year"],
                           quarter=given["quarter"], month=given["month"])
    except PeriodError as exc:
        raise FilterError(period_message(exc)) from None
