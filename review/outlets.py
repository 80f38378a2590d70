"""Which stored articles a reporting outlet stands for, as SQL-ready outlet spans.

``report.counts.reporting_outlet`` sends an archive site to the outlet it archives
(``report_as``) and hands what an outlet published after its ``valid_until`` to its
successor (following chains). The counts table groups by that
reporting outlet, so the article list filtered by outlet must select the same
articles: ``outlet_spans`` turns the rule into (stored outlet, day interval) pairs.
"""
from __future__ import annotations

from storage.review_queries import OutletSpan


def _spans_from(outlet: str, by_id: dict[str, dict]) -> list[tuple[OutletSpan, str]]:
    """Every day interval of articles stored under *outlet*, with its reporting outlet.

    Walks ``report_as`` and the successor chain exactly as ``reporting_outlet`` does
    (same stop rules: unknown outlet, an outlet seen before, no end date or no successor).
    """
    spans: list[tuple[OutletSpan, str]] = []
    after: str | None = None
    current, seen = outlet, set()
    while True:
        if current not in by_id or current in seen:
            spans.append((OutletSpan(outlet, after, None), current))
            return spans
        seen.add(current)
        info = by_id[current]
        if info.get("report_as"):  # an archive site reports as its outlet, whatever the day
            current = info["report_as"]
            continue
        until, successor = info.get("valid_until"), info.get("successor")
        if not (until and successor):
            spans.append((OutletSpan(outlet, after, None), current))
            return spans
        if after is None or until > after:
            spans.append((OutletSpan(outlet, after, until), current))
            after = until
        current = successor


def reporting_choices(outlets: list[dict]) -> list[dict]:
    """The outlets a list or a count can be asked for: not an archive site (``report_as``),
    whose articles count, and are listed, under the outlet it archives."""
    return [o for o in outlets if not o.get("report_as")]


def reporting_spans(outlets: list[dict]) -> tuple[tuple[OutletSpan, str], ...]:
    """Every stored outlet's day intervals, each with the outlet its articles report as."""
    by_id = {o["id"]: o for o in outlets}
    return tuple(pair for outlet in sorted(by_id) for pair in _spans_from(outlet, by_id))


def outlet_spans(target: str, outlets: list[dict]) -> tuple[OutletSpan, ...]:
    """The stored-outlet day intervals whose articles report as *target*."""
    return tuple(span for span, reporting in reporting_spans(outlets) if reporting == target)

