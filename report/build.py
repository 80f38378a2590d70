"""One period's report: items, counts, monthly counts, comparison and summary text."""
from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Protocol

import pandas as pd

from report.counts import COUNT_COLUMNS, compare, count_table, items_frame, monthly_counts, stored_counts
from report.coverage import Note, coverage_frame, outlet_counts, outlet_warnings, with_warnings
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
    notes: tuple[Note, ...] = ()                # what the counts leave out (report.coverage)

    @property
    def previous(self) -> Period:
        return self.period.previous()

    @property
    def warnings(self) -> tuple[str, ...]:
        """The notes' Vietnamese sentences, in order."""
        return tuple(note.text for note in self.notes)


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


@dataclass(frozen=True, eq=False)
class _PeriodItems:
    items: pd.DataFrame                      # items_frame of the period
    outlets: tuple[tuple[str, str], ...]     # the outlets it covers (reporting_outlets)
    no_data: frozenset[str]                  # covered outlets with no article at all stored in it


def _read_period(db: ReportSource, period: Period, outlets: list[dict]) -> _PeriodItems:
    rows = db.report_items(period.start.isoformat(), period.end.isoformat())
    items = items_frame(rows, outlets)
    covered = reporting_outlets(outlets, period, items)
    stored = stored_counts(rows, outlets)
    return _PeriodItems(items, covered, frozenset(o for o, _ in covered if not stored.get(o)))


def period_counts(db: ReportSource, period: Period, outlet: str | None = None) -> pd.DataFrame:
    """The count table of one period, as the report shows it (for the JSON API); only one
    reporting outlet's rows and total when *outlet* is given."""
    read = _read_period(db, period, db.outlets())
    items, covered = read.items, read.outlets
    if outlet is not None:
        items, covered = items[items["outlet"] == outlet], tuple(o for o in covered if o[0] == outlet)
    return count_table(items, covered)


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
    now, before = _read_period(db, period, outlets), _read_period(db, period.previous(), outlets)
    items, reporting = now.items, now.outlets
    counts = count_table(items, reporting)
    comparison = compare(counts, count_table(before.items, before.outlets), no_data=now.no_data,
                         no_data_before=before.no_data)
    monthly = _monthly_with_zeros(monthly_counts(items, period), period, reporting)
    undated = items_frame(db.undated_report_items(), outlets)
    coverage = coverage_frame(reporting, unclassified=outlet_counts(items[items["classified"] == 0]),
                              undated=outlet_counts(undated),
                              undated_on_topic=outlet_counts(undated[undated["any_topic"] == 1]),
                              no_data=now.no_data, no_data_before=before.no_data,
                              names=dict(before.outlets) | dict(zip(undated["outlet"], undated["outlet_name"])))
    notes = tuple(outlet_warnings(coverage, period))
    log.info("report %s: %d counted items, %d on a topic, %d notes", period.label, len(items),
             int(items["any_topic"].sum()) if not items.empty else 0, len(notes))
    summary = with_warnings(summary_text(period, counts, comparison, reporting), notes)
    return Report(period=period, items=items, counts=counts, monthly=monthly, comparison=comparison,
                  summary=summary, outlets=reporting, coverage=coverage, notes=notes)
