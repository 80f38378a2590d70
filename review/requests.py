"""Query parameters of a request, parsed once for the pages and the API (400 when bad)."""
from __future__ import annotations

import datetime as dt

from flask import abort, request

from report.periods import Period
from review import service
from review.context import get_db
from review.filters import ArticleFilters, FilterError, parse_outlet, parse_period
from review.outlets import reporting_choices


def period_or_400() -> Period:
    """The period the request names (the current year when it names none)."""
    try:
        return parse_period(request.args, dt.date.today())
    except FilterError as exc:
        abort(400, description=str(exc))


def counts_query_or_400() -> tuple[Period, str | None]:
    """The period and the reporting outlet (None: every outlet) the counts are asked for."""
    period = period_or_400()
    try:
        return period, parse_outlet(request.args, {o["id"] for o in reporting_choices(get_db().outlets())})
    except FilterError as exc:
        abort(400, description=str(exc))


def filters_or_400(outlets: list[dict]) -> ArticleFilters:
    """The article-list filters of the request, checked against the known outlets."""
    try:
        return ArticleFilters.from_args(request.args, {o["id"] for o in reporting_choices(outlets)})
    except FilterError as exc:
        abort(400, description=str(exc))


def list_filters_or_none(outlets: list[dict]) -> ArticleFilters | None:
    """The article list's filters an article page was opened from (carried in its query
    string, so that "back to the list" and a decision keep them); None when there are
    none or they do not parse (the page still opens)."""
    try:
        filters = ArticleFilters.from_args(request.args, {o["id"] for o in reporting_choices(outlets)})
    except FilterError:
        return None
    return filters if filters.query_args() else None


def article_list_or_400() -> tuple[ArticleFilters, service.ArticlePage, list[dict]]:
    """The filters of the request, the page of articles they select, and the outlets."""
    db = get_db()
    outlets = db.outlets()
    filters = filters_or_400(outlets)
    return filters, service.list_articles(db, filters, outlets), outlets
