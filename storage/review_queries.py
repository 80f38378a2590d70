"""Reads for the editors' review app: filtered article lists, one article's labels.

Every effective value follows the reporting views exactly (``article_labels`` and
``report_items`` in schema.py): the latest review per (article, field) wins, else the
latest prediction (``created_at DESC, model_id DESC``), else 0. The views compute that
for every article before filtering (about a second on 100,000 articles), so these
queries use correlated subqueries on the ``reviews (article_id, field)`` index and the
``predictions`` primary key instead, and the ``published_at`` / ``outlet`` indexes for
the period and outlet; a page sorted by date stops after its rows. A piece stored twice
(the archive site's and the new site's copy, one content hash) is listed once, the copy
``report.counts.drop_copies`` counts (``Selection.reporting_spans``, ``_LATER_COPIES``).
"""
from __future__ import annotations

import datetime as dt
import json
import unicodedata
from dataclasses import dataclass
from typing import Any

from storage.db import Database, fold_diacritics
from storage.schema import CONTENT_TYPES, LABELS

TOPIC_FILTERS = (*LABELS, "any", "none")
STATUSES = ("unreviewed", "reviewed", "confirmed", "corrected")
SORTS = ("date", "uncertainty")
MAX_SEARCH_TERMS = 20


@dataclass(frozen=True)
class OutletSpan:
    """Articles stored under *outlet* whose day lies in (after, until].

    ``after`` None means no lower bound (undated articles included); ``until`` None
    means no upper bound. Days compare as ISO strings, like ``report.counts``.
    """

    outlet: str
    after: str | None = None
    until: str | None = None


@dataclass(frozen=True)
class Selection:
    """Which articles to list; None means "no filter" for every field."""

    date_from: dt.date | None = None
    date_to: dt.date | None = None
    outlet_spans: tuple[OutletSpan, ...] | None = None
    topic: str | None = None          # a label, "any" or "none"
    content_type: str | None = None
    status: str | None = None         # one of STATUSES
    counted: int | None = None        # 1 or 0
    search: str | None = None         # user text, folded and quoted here
    sort: str = "date"                # "date" or "uncertainty"
    # every stored-outlet span with the outlet its articles report as: the copies of one piece
    # (one content hash) under one reporting outlet are listed once, as the counts take them
    # (see _LATER_COPIES); None: every stored copy is listed
    reporting_spans: tuple[tuple[OutletSpan, str], ...] | None = None
    article_ids: tuple[int, ...] | None = None   # only these articles


def _without_control_characters(text: str) -> str:
    """Control and format characters (NUL, ESC, zero-width space…) as spaces: FTS5 cannot
    take a NUL in a query, and none of them is part of a word."""
    return "".join(" " if unicodedata.category(ch)[0] == "C" else ch for ch in text)


def fts_match_expression(text: str) -> str | None:
    """An FTS5 MATCH expression for *text*: folded like the index, every term quoted.

    Terms are ANDed; quoting makes FTS operators and punctuation plain text; control
    characters separate terms.
    """
    terms = [term for term in fold_diacritics(_without_control_characters(text)).split() if term.replace('"', "")]
    if not terms:
        return None
    return " ".join('"' + term.replace('"', '""') + '"' for term in terms[:MAX_SEARCH_TERMS])


def _latest_review(field: str) -> str:
    return (f"(SELECT r.value FROM reviews r WHERE r.article_id = a.id AND r.field = '{field}' "
            "ORDER BY r.id DESC LIMIT 1)")


def _latest_prediction(column: str, label: str) -> str:
    return (f"(SELECT p.{column} FROM predictions p WHERE p.article_id = a.id AND p.label = '{label}' "
            "ORDER BY p.created_at DESC, p.model_id DESC LIMIT 1)")


_COUNTED = f"CAST(COALESCE({_latest_review('counted')}, a.counted) AS INTEGER)"
_BASE_COLUMNS = ",\n".join([
    "a.id AS article_id", "a.outlet", "o.name AS outlet_name", "a.title", "a.canonical_url AS url",
    "a.published_at", "substr(a.published_at, 1, 10) AS day",
    f"COALESCE({_latest_review('content_type')}, a.content_type) AS content_type",
    f"{_COUNTED} AS counted",
    *(f"{_latest_review(label)} AS review_{label}" for label in LABELS),
    *(f"{_latest_prediction('predicted', label)} AS predicted_{label}" for label in LABELS),
    *(f"{_latest_prediction('score', label)} AS score_{label}" for label in LABELS),
])
_ANY_REVIEW = " OR ".join(f"review_{label} IS NOT NULL" for label in LABELS)
_ANY_CORRECTION = " OR ".join(
    f"(review_{label} IS NOT NULL AND CAST(review_{label} AS INTEGER) <> COALESCE(predicted_{label}, 0))"
    for label in LABELS)
_EFFECTIVE_COLUMNS = ",\n".join([
    *(f"CAST(COALESCE(review_{label}, predicted_{label}, 0) AS INTEGER) AS {label}" for label in LABELS),
    f"CASE WHEN {_ANY_CORRECTION} THEN 'corrected' WHEN {_ANY_REVIEW} THEN 'confirmed' "
    "ELSE 'unreviewed' END AS status",
])
_NO_SCORE = 9.0
_MIN_UNCERTAINTY = "NULLIF(MIN({}), {})".format(
    ", ".join(f"COALESCE(abs(score_{label} - 0.5), {_NO_SCORE})" for label in LABELS), _NO_SCORE)


def _span_condition(span: OutletSpan, params: list[Any]) -> str:
    """SQL true for the articles of *span* (its parameters appended to *params*)."""
    parts = ["a.outlet = ?"]
    params.append(span.outlet)
    if span.after is not None:
        parts.append("substr(a.published_at, 1, 10) > ?")
        params.append(span.after)
    if span.until is not None:
        if span.after is None:  # an undated article stays with its own outlet
            parts.append("(a.published_at IS NULL OR substr(a.published_at, 1, 10) <= ?)")
        else:
            parts.append("substr(a.published_at, 1, 10) <= ?")
        params.append(span.until)
    return "(" + " AND ".join(parts) + ")"


def _reporting_outlet(spans: tuple[tuple[OutletSpan, str], ...], params: list[Any]) -> str:
    """SQL for the outlet an article reports as (its stored outlet outside every span)."""
    cases = []
    for span, reporting in spans:
        cases.append(f"WHEN {_span_condition(span, params)} THEN ?")
        params.append(reporting)
    return f"CASE {' '.join(cases)} ELSE a.outlet END" if cases else "a.outlet"


# The copies of a piece a list leaves out, as report.counts.drop_copies does: among the
# selected articles of one reporting outlet with one content hash and one counted flag,
# every copy but the one an editor reviewed (a topic), else a classified one, else the
# one stored first. Only articles whose hash is stored twice (the content_hash index) are
# looked at, so a list without copies costs an index probe per selected article.
_ANY_TOPIC_REVIEW = " OR ".join(f"{_latest_review(label)} IS NOT NULL" for label in LABELS)
_ANY_PREDICTION = " OR ".join(f"{_latest_prediction('predicted', label)} IS NOT NULL" for label in LABELS)
_LATER_COPIES = f"""
        stored_twice AS (
            SELECT a.id, a.content_hash, {{reporting}} AS reporting_outlet
            FROM articles a
            WHERE {{where}}
              AND EXISTS (SELECT 1 FROM articles b WHERE b.content_hash = a.content_hash AND b.id <> a.id)),
        copies AS (
            SELECT t.id, t.reporting_outlet, t.content_hash, {_COUNTED} AS counted,
                   ({_ANY_TOPIC_REVIEW}) AS reviewed, ({_ANY_PREDICTION}) AS predicted
            FROM (SELECT *, COUNT(*) OVER (PARTITION BY reporting_outlet, content_hash) AS n
                  FROM stored_twice) t
            JOIN articles a ON a.id = t.id
            WHERE t.n > 1),
        later_copies AS (
            SELECT id FROM (
                SELECT id, ROW_NUMBER() OVER (PARTITION BY reporting_outlet, content_hash, counted
                                              ORDER BY reviewed DESC, (reviewed OR predicted) DESC, id) AS copy
                FROM copies)
            WHERE copy > 1),"""


def _later_copies(sel: Selection) -> tuple[str, list[Any]]:
    """The CTEs naming ``later_copies`` for the selection ("" when it lists every copy)."""
    if sel.reporting_spans is None:
        return "", []
    params: list[Any] = []
    reporting = _reporting_outlet(sel.reporting_spans, params)
    where, more = _article_conditions(sel)
    return _LATER_COPIES.format(reporting=reporting, where=" AND ".join(where) or "1"), params + more


def _article_conditions(sel: Selection) -> tuple[list[str], list[Any]]:
    """Conditions on the articles table itself (indexed columns, FTS)."""
    where: list[str] = []
    params: list[Any] = []
    if sel.date_from:
        where.append("a.published_at >= ?")
        params.append(sel.date_from.isoformat())
    if sel.date_to and sel.date_to < dt.date.max:
        # day <= date_to, written so that the published_at index can be used
        where.append("a.published_at < ?")
        params.append((sel.date_to + dt.timedelta(days=1)).isoformat())
    if sel.outlet_spans is not None:
        spans = [_span_condition(span, params) for span in sel.outlet_spans]
        where.append("(" + (" OR ".join(spans) or "0") + ")")
    if sel.article_ids is not None:
        where.append(f"a.id IN ({', '.join('?' * len(sel.article_ids)) or 'NULL'})")
        params.extend(sel.article_ids)
    if sel.search:
        match = fts_match_expression(sel.search)
        if match:
            where.append("a.id IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)")
            params.append(match)
    return where, params


def _effective_conditions(sel: Selection) -> tuple[list[str], list[Any]]:
    """Conditions on reviewed-or-predicted values."""
    where: list[str] = []
    params: list[Any] = []
    if sel.topic in LABELS:
        where.append(f"{sel.topic} = 1")
    elif sel.topic == "any":
        where.append("(" + " OR ".join(f"{label} = 1" for label in LABELS) + ")")
    elif sel.topic == "none":
        where.append(" AND ".join(f"{label} = 0" for label in LABELS))
    elif sel.topic is not None:
        raise ValueError(f"unknown topic filter {sel.topic!r}")
    if sel.content_type is not None:
        if sel.content_type not in CONTENT_TYPES:
            raise ValueError(f"unknown content type {sel.content_type!r}")
        where.append("content_type = ?")
        params.append(sel.content_type)
    if sel.status == "reviewed":
        where.append("status <> 'unreviewed'")
    elif sel.status is not None:
        if sel.status not in STATUSES:
            raise ValueError(f"unknown status {sel.status!r}")
        where.append("status = ?")
        params.append(sel.status)
    if sel.counted is not None:
        where.append("counted = ?")
        params.append(int(sel.counted))
    return where, params


def _selection_sql(sel: Selection, *, columns: str = "*") -> tuple[str, list[Any]]:
    copies, copy_params = _later_copies(sel)
    article_where, params = _article_conditions(sel)
    if copies:
        article_where.append("a.id NOT IN (SELECT id FROM later_copies)")
    effective_where, more = _effective_conditions(sel)
    uncertainty = f"abs(score_{sel.topic} - 0.5)" if sel.topic in LABELS else _MIN_UNCERTAINTY
    sql = f"""
        WITH {copies}
        base AS (
            SELECT {_BASE_COLUMNS}
            FROM articles a LEFT JOIN outlets o ON o.id = a.outlet
            WHERE {' AND '.join(article_where) or '1'}),
        effective AS (SELECT *, {_EFFECTIVE_COLUMNS}, {uncertainty} AS uncertainty FROM base)
        SELECT {columns} FROM effective WHERE {' AND '.join(effective_where) or '1'}"""
    return sql, copy_params + params + more


def select_articles(db: Database, sel: Selection, *, limit: int = 50, offset: int = 0) -> list[dict]:
    """One page of articles with their effective labels, content type, status and scores.

    Two steps: the page's ids first (only the columns the filter and the order need are
    computed, and a date-ordered scan stops after the page), then their full rows.
    """
    if sel.sort not in SORTS:
        raise ValueError(f"unknown sort {sel.sort!r}")
    order = "published_at DESC, article_id DESC"
    if sel.sort == "uncertainty":
        order = f"COALESCE(uncertainty, {_NO_SCORE}), " + order  # one reference: one evaluation
    sql, params = _selection_sql(sel, columns="article_id")
    ids = [row["article_id"] for row in
           db.query(f"{sql} ORDER BY {order} LIMIT ? OFFSET ?", [*params, int(limit), int(offset)])]
    if not ids:
        return []
    sql, params = _selection_sql(Selection(topic=sel.topic if sel.topic in LABELS else None, article_ids=tuple(ids)))
    rows = {row["article_id"]: row for row in db.query(sql, params)}
    return [rows[i] for i in ids if i in rows]


def count_articles(db: Database, sel: Selection) -> int:
    """How many articles the selection holds (the list's length)."""
    sql, params = _selection_sql(sel, columns="COUNT(*) AS n")
    return db.query(sql, params)[0]["n"]


def article_summary(db: Database, article_id: int) -> dict | None:
    """One article with its outlet name and effective type, counted flag, labels and status."""
    sql, params = _selection_sql(Selection(article_ids=(article_id,)))
    rows = db.query(sql, params)
    return rows[0] if rows else None


def counted_copy(db: Database, copies: list[int], reporting_spans: tuple[tuple[OutletSpan, str], ...]) -> int | None:
    """Of the stored copies of one piece under one reporting outlet, the one the counts and
    the lists take (None when an editor took every copy out)."""
    sel = Selection(counted=1, article_ids=tuple(copies), reporting_spans=reporting_spans)
    rows = db.query(*_selection_sql(sel, columns="article_id"))
    return rows[0]["article_id"] if rows else None


def stored_copies(db: Database, article_ids: list[int]) -> list[dict]:
    """Every stored article with the text (content hash) of one of *article_ids*, those
    included, in id order: id, outlet, url, published_at, day, content_hash."""
    if not article_ids:
        return []
    marks = ", ".join("?" * len(article_ids))
    return db.query(
        "SELECT id, outlet, canonical_url AS url, published_at, substr(published_at, 1, 10) AS day, content_hash "
        f"FROM articles WHERE content_hash IN (SELECT content_hash FROM articles WHERE id IN ({marks})) "
        "ORDER BY id", article_ids)


def label_states(db: Database, article_id: int) -> list[dict]:
    """Per label: the latest prediction, the latest review and the value that counts."""
    predictions = db.query(
        "SELECT label, model_id, score, predicted, evidence, created_at FROM predictions "
        "WHERE article_id = ? ORDER BY created_at DESC, model_id DESC", [article_id])
    reviews = db.query(
        "SELECT field, value, reviewer, created_at FROM reviews "
        "WHERE article_id = ? ORDER BY id DESC", [article_id])
    states = []
    for label in LABELS:
        prediction = next((p for p in predictions if p["label"] == label), None)
        review = next((r for r in reviews if r["field"] == label), None)
        predicted = prediction["predicted"] if prediction else None
        if review is not None:
            is_on, source = int(review["value"]), "reviewed"
        elif predicted is not None:
            is_on, source = int(predicted), "model"
        else:
            is_on, source = 0, "none"
        states.append({
            "label": label, "is_on": is_on, "source": source,
            "score": prediction["score"] if prediction else None,
            "predicted": predicted,
            "model_id": prediction["model_id"] if prediction else None,
            "evidence": _phrases(prediction["evidence"] if prediction else None),
            "reviewer": review["reviewer"] if review else None,
            "reviewed_at": review["created_at"] if review else None,
        })
    return states


def _phrases(evidence: str | None) -> list[str]:
    """The evidence column as a list of strings (tolerant of bad JSON)."""
    if not evidence:
        return []
    try:
        value = json.loads(evidence)
    except ValueError:
        return []
    return [str(v) for v in value if isinstance(v, str) and v.strip()] if isinstance(value, list) else []
