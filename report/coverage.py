"""What the counts leave out, per reporting outlet, and the Vietnamese warnings about it.

A count is only as good as what is stored and classified: an item not yet classified
is in no topic (it is not off-topic either), an article without a publication date is
in no period, and a period of which nothing at all is stored (never crawled, or still
to come) has no data, which is not the same as zero. The report says so instead of
passing over them.
"""
from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple

import pandas as pd

from report.periods import Period
from report.summary import GRAND, format_number

COVERAGE_COLUMNS = ["outlet", "outlet_name", "no_data", "no_data_before", "unclassified", "undated",
                    "undated_on_topic"]
NUMBER_COLUMNS = ("unclassified", "undated", "undated_on_topic")
IN_SUMMARY = ("no_data_before", "unclassified", "undated")  # "no_data" is the outlet's sentence itself


class Note(NamedTuple):
    """One thing the counts leave out: whose it is, what kind, the Vietnamese sentence."""

    outlet: str
    kind: str  # no_data | no_data_before | unclassified | undated
    text: str


def outlet_counts(items: pd.DataFrame) -> dict[str, int]:
    """How many of *items* (an items_frame selection) each reporting outlet has."""
    if items.empty:
        return {}
    return {str(k): int(v) for k, v in items.groupby("outlet").size().items()}


def coverage_frame(outlets: Iterable[tuple[str, str]], *, unclassified: dict[str, int],
                   undated: dict[str, int], undated_on_topic: dict[str, int],
                   no_data: Iterable[str] = (), no_data_before: Iterable[str] = (),
                   names: dict[str, str] | None = None) -> pd.DataFrame:
    """One row per outlet the report covers, then per other outlet with no data in the
    previous period or with undated articles, then the total ("tổng", "Tất cả").

    no_data / no_data_before: no article at all of the outlet is stored in the period /
    the previous one; unclassified: counted items of the period with no label from the
    model or an editor; undated: counted articles with no publication date (they belong
    to no period), and how many of them are on a topic.
    """
    outlets = list(outlets)
    covered = {outlet for outlet, _ in outlets}
    no_data, no_data_before = set(no_data), set(no_data_before)
    others = sorted((no_data_before | set(undated)) - covered)
    rows = [{"outlet": outlet, "outlet_name": name, "no_data": outlet in no_data,
             "no_data_before": outlet in no_data_before, "unclassified": unclassified.get(outlet, 0),
             "undated": undated.get(outlet, 0), "undated_on_topic": undated_on_topic.get(outlet, 0)}
            for outlet, name in [*outlets, *((o, (names or {}).get(o) or o) for o in others)]]
    rows.append({"outlet": GRAND, "outlet_name": "Tất cả", "no_data": covered <= no_data,
                 "no_data_before": bool(no_data_before),
                 **{c: sum(r[c] for r in rows) for c in NUMBER_COLUMNS}})
    return pd.DataFrame(rows, columns=COVERAGE_COLUMNS)


def outlet_warnings(coverage: pd.DataFrame, period: Period) -> list[Note]:
    """Everything the counts of *period* leave out, outlet by outlet."""
    outlets = coverage[coverage["outlet"] != GRAND].to_dict("records")
    if not outlets:
        return [Note(GRAND, "no_data", f"Cơ sở dữ liệu chưa có tin, bài nào trong {period.label}.")]
    warnings = []
    for row in outlets:
        outlet, name = row["outlet"], row["outlet_name"]
        if row["no_data"]:
            warnings.append(Note(outlet, "no_data", (
                f"Cơ sở dữ liệu chưa có tin, bài nào của {name} trong {period.label} (kỳ này chưa được thu thập "
                "hoặc chưa diễn ra): số liệu của cơ quan này là chưa có dữ liệu, không phải bằng 0.")))
        elif row["no_data_before"]:
            warnings.append(Note(outlet, "no_data_before", (
                f"Cơ sở dữ liệu chưa có tin, bài nào của {name} trong {period.previous().label}, kỳ so sánh: "
                "không so sánh được với kỳ đó.")))
        if row["unclassified"]:
            warnings.append(Note(outlet, "unclassified", (
                f"{name} có {format_number(row['unclassified'])} tin, bài trong kỳ chưa được phân loại chủ đề, "
                "chưa được tính vào số liệu theo chủ đề.")))
        if row["undated"]:
            on_topic = (f" (trong đó {format_number(row['undated_on_topic'])} thuộc ít nhất một chủ đề)"
                        if row["undated_on_topic"] else "")
            warnings.append(Note(outlet, "undated", (
                f"{name} có {format_number(row['undated'])} tin, bài đã lưu chưa rõ ngày đăng{on_topic}, "
                "chưa được tính vào kỳ báo cáo nào; cần xác định ngày đăng của các tin, bài này.")))
    return warnings


def with_warnings(summary: str, warnings: Iterable[Note]) -> str:
    """The summary paragraph followed by "Lưu ý: …", so that it is never pasted without them
    (a period without data already says so in its own sentence)."""
    notes = [w.text for w in warnings if w.kind in IN_SUMMARY]
    return f"{summary} Lưu ý: {' '.join(notes)}" if notes else summary
