"""What the pages and the API show: the article list, one article, the counts.

Both front ends call these functions, so the HTML and the JSON always agree.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import pandas as pd

from report.build import period_counts
from report.counts import COUNT_COLUMNS, reporting_outlet
from report.periods import Period
from storage import Database
from storage import review_queries as rq
from storage.schema import LABELS

from review.filters import PER_PAGE, ArticleFilters
from review.outlets import reporting_spans

MAX_SQLITE_INT = 2**63 - 1
COUNT_NUMBER_COLUMNS = (*COUNT_COLUMNS, "reviewed", "model_only")


@dataclass(frozen=True)
class ArticlePage:
    """One page of the filtered list."""

    items: list[dict]
    total: int
    page: int
    pages: int
    per_page: int = PER_PAGE


def _list_item(row: dict, outlets: list[dict], copies: list[dict]) -> dict:
    reporting = reporting_outlet(row["outlet"], row["day"], {o["id"]: o for o in outlets})
    names = {o["id"]: o.get("name") or o["id"] for o in outlets}
    return {
        "id": row["article_id"], "title": row["title"], "url": row["url"],
        "published_at": row["published_at"], "outlet": row["outlet"],
        "outlet_name": row["outlet_name"] or row["outlet"],
        "reporting_outlet": reporting, "reporting_outlet_name": names.get(reporting, reporting),
        "content_type": row["content_type"], "counted": row["counted"], "status": row["status"],
        "topics": {label: row[label] for label in LABELS},
        "scores": {label: row[f"score_{label}"] for label in LABELS},
        "reviewed_labels": [label for label in LABELS if row[f"review_{label}"] is not None],
        "uncertainty": row["uncertainty"], "copies": copies,
    }


def other_copies(db: Database, article_ids: list[int], outlets: list[dict]) -> dict[int, list[dict]]:
    """Per article: the other stored copies of its text that report as the same outlet
    (id, outlet, url, published_at), in id order; the lists show one copy of such a piece."""
    by_id = {o["id"]: o for o in outlets}
    pieces: dict[tuple[str, str], list[dict]] = {}
    for row in rq.stored_copies(db, article_ids):
        key = (row["content_hash"], reporting_outlet(row["outlet"], row["day"], by_id))
        pieces.setdefault(key, []).append(row)
    wanted = set(article_ids)
    return {row["id"]: [{key: copy[key] for key in ("id", "outlet", "url", "published_at")}
                        for copy in piece if copy["id"] != row["id"]]
            for piece in pieces.values() for row in piece if row["id"] in wanted}


def list_articles(db: Database, filters: ArticleFilters, outlets: list[dict]) -> ArticlePage:
    """The page of articles the filters ask for, with the total count."""
    selection = filters.selection(outlets)
    total = rq.count_articles(db, selection)
    rows = rq.select_articles(db, selection, limit=PER_PAGE, offset=filters.offset)
    copies = other_copies(db, [row["article_id"] for row in rows], outlets)
    return ArticlePage(items=[_list_item(row, outlets, copies[row["article_id"]]) for row in rows], total=total,
                       page=filters.page, pages=max(1, math.ceil(total / PER_PAGE)))


def article_detail(db: Database, article_id: int, outlets: list[dict]) -> dict | None:
    """Everything the article page shows, or None for an unknown id."""
    if not 0 < article_id <= MAX_SQLITE_INT:
        return None
    article = db.article(article_id)
    summary = rq.article_summary(db, article_id)
    if article is None or summary is None:
        return None
    copies = other_copies(db, [article_id], outlets)[article_id]
    labels = rq.label_states(db, article_id)
    evidence = sorted({phrase for state in labels for phrase in state["evidence"]}, key=str.lower)
    return {
        **_list_item(summary, outlets, copies),
        "counted_copy": rq.counted_copy(db, [article_id, *(c["id"] for c in copies)], reporting_spans(outlets))
        if copies else None,
        "lead": article["lead"], "body": article["body"], "author": article["author"],
        "category": article["category"], "stored_content_type": article["content_type"],
        "version": article["version"], "first_seen": article["first_seen"],
        "labels": labels, "evidence": evidence, "reviews": db.reviews_for(article_id),
    }


@dataclass(frozen=True)
class Counts:
    """The count table of a period (rows as plain dicts, numbers as ints)."""

    period: Period
    rows: list[dict]
    outlet: str | None = None  # the one reporting outlet counted, None: every outlet


def counts(db: Database, period: Period, outlet: str | None = None) -> Counts:
    """The report's count table for the period: outlet × content type × topic (one reporting
    outlet's rows and total when *outlet* is given)."""
    table: pd.DataFrame = period_counts(db, period, outlet)
    rows: list[dict[str, Any]] = []
    for record in table.to_dict("records"):
        row = {key: record[key] for key in ("outlet", "outlet_name", "content_type")}
        row.update({column: int(record[column]) for column in COUNT_NUMBER_COLUMNS})
        rows.append(row)
    return Counts(period=period, rows=rows, outlet=outlet)


def count_link_args(counts: Counts, row: dict, column: str) -> dict[str, str]:
    """List filters that select exactly the articles behind one number of the table."""
    period = counts.period
    args = {"from": period.start.isoformat(), "to": period.end.isoformat(), "counted": "1"}
    if row["outlet"] != "tổng":
        args["outlet"] = row["outlet"]
    elif counts.outlet is not None:
        args["outlet"] = counts.outlet
    if row["content_type"] != "tổng":
        args["content_type"] = row["content_type"]
    if column in LABELS:
        args["topic"] = column
    else:
        args["topic"] = "any"
        if column == "reviewed":
            args["status"] = "reviewed"
        elif column == "model_only":
            args["status"] = "unreviewed"
    return args
