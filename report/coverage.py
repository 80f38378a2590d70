"""What the counts leave out, per reporting outlet, and the Vietnamese warnings about it.

A count is only as good as what is stored and classified: an item not yet classified
is in no topic (it is not off-topic either), so the report says how many there are
instead of letting them pass for "no topic".
"""
from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from report.summary import GRAND, format_number

COVERAGE_COLUMNS = ["outlet", "outlet_name", "unclassified"]


def unclassified_counts(items: pd.DataFrame) -> dict[str, int]:
    """Counted items of the period that neither the model nor an editor has labelled yet."""
    if items.empty:
        return {}
    return {str(k): int(v) for k, v in items[items["classified"] == 0].groupby("outlet").size().items()}


def coverage_frame(outlets: Iterable[tuple[str, str]], unclassified: dict[str, int]) -> pd.DataFrame:
    """One row per outlet the report covers, then the total ("tổng", "Tất cả")."""
    rows = [{"outlet": outlet, "outlet_name": name, "unclassified": unclassified.get(outlet, 0)}
            for outlet, name in outlets]
    rows.append({"outlet": GRAND, "outlet_name": "Tất cả", "unclassified": sum(r["unclassified"] for r in rows)})
    return pd.DataFrame(rows, columns=COVERAGE_COLUMNS)


def outlet_warnings(coverage: pd.DataFrame) -> list[tuple[str, str]]:
    """(outlet, sentence) for everything the counts leave out, outlet by outlet."""
    warnings = []
    for row in coverage[coverage["outlet"] != GRAND].to_dict("records"):
        if row["unclassified"]:
            warnings.append((row["outlet"], f"{row['outlet_name']} có {format_number(row['unclassified'])} tin, bài "
                                            "trong kỳ chưa được phân loại chủ đề, chưa được tính vào số liệu theo chủ đề."))
    return warnings


def coverage_warnings(coverage: pd.DataFrame) -> tuple[str, ...]:
    """The warnings the report shows with its counts, one sentence each."""
    return tuple(sentence for _, sentence in outlet_warnings(coverage))


def with_warnings(summary: str, warnings: Iterable[str]) -> str:
    """The summary paragraph followed by "Lưu ý: …", so that it is never pasted without them."""
    warnings = list(warnings)
    return f"{summary} Lưu ý: {' '.join(warnings)}" if warnings else summary
