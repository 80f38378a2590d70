"""One period's report: items, counts, monthly counts, comparison and summary text."""
from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Protocol

import pandas as pd

from report.counts import COUNT_COLUMNS, compare, count_table, items_frame, monthly_counts
from report.coverage import coverage_frame, coverage_warnings, outlet_counts, with_warnings
from report.periods import Period
from report.summary import summary_text

log = logging.getLogger(__name__)


class ReportSource(Protocol):
    """What the report needs of storage.Database (and nothing more)."""

    def report_items(self, date_from: str, date_to: str) -> list[dict]: ...

    def undated_report_items(self) -> list[dict]: ...

    def outlets(self) -> list[dict]: ...


@dataclass(frozen=True, eq=False)
class Report:
    """Everything the exports and charts need; frames are not to be modified."""

    period: Period
    items: pd.DataFrame          # counted articles of the period, by reporting outlet
    counts: pd.DataFrame         # report.counts.count_table
    monthly: pd.DataFrame        # month × reporting outlet, zeros kept
    comparison: pd.DataFrame     # report.counts.compare with period.previous()
    summary: str                 # the Vietnamese paragraph (ending with the warnings)
    outlets: tuple[tuple[str, str], ...] = ()   # reporting outlets (id, name), in order
    coverage: pd.DataFrame | None = None        # report.coverage.coverage_frame
    warnings: tuple[str, ...] = ()              # what the counts leave out, in Vietnamese

    @property
    def previous(self) -> Period:
        return self.period.previous()


def _active(outlet: dict, period: Period) -> bool:
    """An outlet of its own (not an archive) whose validity overlaps the period."""
    if outlet.get("report_as"):
        return False
    start, end = period.start.isoformat(), period.end.isoformat()
    return (not outlet.get("valid_from") or outlet["valid_from"] <= end) and \
           (not outlet.get("valid_until") or outlet["valid_until"] >= start)


def reporting_outlets(outlets: list[dict], period: Period, items: pd.DataFrame) -> tuple[tuple[str, str], ...]:
    """The outlets the report covers (a row and a sentence each): those active in the
    period and those with items in it."""
    names = {o["id"]: o.get("name") or o["id"] for o in outlets}
    ids = {o["id"] for o in outlets if _active(o, period)}
    if not items.empty:
        ids |= set(items["outlet"])
        names.update(dict(zip(items["outlet"], items["outlet_name"])))
    return tuple((outlet, names.get(outlet, outlet)) for outlet in sorted(ids))


def _period_items(db: ReportSource, period: Period, outlets: list[dict]) -> pd.DataFrame:
    return items_frame(db.report_items(period.start.isoformat(), period.end.isoformat()), outlets)


def period_counts(db: ReportSource, period: Period) -> pd.DataFrame:
    """The count table of one period, as the report shows it (for the JSON API)."""
    outlets = db.outlets()
    items = _period_items(db, period, outlets)
    return count_table(items, reporting_outlets(outlets, period, items))


def _monthly_with_zeros(monthly: pd.DataFrame, period: Period, outlets: tuple[tuple[str, str], ...]) -> pd.DataFrame:
    """Every month × every reporting outlet, with the outlet's name."""
    ids = sorted({o for o, _ in outlets} | set(monthly["outlet"]))
    index = pd.MultiIndex.from_product([period.months, ids], names=["month", "outlet"])
    frame = (monthly.set_index(["month", "outlet"])[list(COUNT_COLUMNS)]
             .reindex(index, fill_value=0).reset_index())
    names = dict(outlets)
    frame.insert(2, "outlet_name", [names.get(o, o) for o in frame["outlet"]])
    for column in COUNT_COLUMNS:
        frame[column] = frame[column].astype(int)
    return frame


def build_report(db: ReportSource, period: Period) -> Report:
    """Read the period and the one before it from storage and compute the report."""
    outlets = db.outlets()
    items = _period_items(db, period, outlets)
    previous = period.previous()
    before = _period_items(db, previous, outlets)
    reporting = reporting_outlets(outlets, period, items)
    counts = count_table(items, reporting)
    comparison = compare(counts, count_table(before, reporting_outlets(outlets, previous, before)))
    monthly = _monthly_with_zeros(monthly_counts(items, period), period, reporting)
    undated = items_frame(db.undated_report_items(), outlets)
    coverage = coverage_frame(reporting, unclassified=outlet_counts(items[items["classified"] == 0]),
                              undated=outlet_counts(undated),
                              undated_on_topic=outlet_counts(undated[undated["any_topic"] == 1]),
                              names=dict(zip(undated["outlet"], undated["outlet_name"])))
    warnings = coverage_warnings(coverage)
    log.info("report %s: %d counted items, %d on a topic, %d warnings", period.label, len(items),
             int(items["any_topic"].sum()) if not items.empty else 0, len(warnings))
    summary = with_warnings(summary_text(period, counts, comparison, reporting), warnings)
    return Report(period=period, items=items, counts=counts, monthly=monthly, comparison=comparison,
                  summary=summary, outlets=reporting, coverage=coverage, warnings=warnings)
