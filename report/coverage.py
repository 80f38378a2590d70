"""What the counts leave out, per reporting outlet, and the Vietnamese warnings about it.

A count is only as good as what is stored and classified: an item not yet classified
is in no topic (it is not off-topic either), and an article without a publication date
is in no period; the report says how many there are instead of passing over them.
"""
from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from report.summary import GRAND, format_number

COVERAGE_COLUMNS = ["outlet", "outlet_name", "unclassified", "undated", "undated_on_topic"]


def outlet_counts(items: pd.DataFrame) -> dict[str, int]:
    """How many of *items* (an items_frame selection) each reporting outlet has."""
    if items.empty:
        return {}
    return {str(k): int(v) for k, v in items.groupby("outlet").size().items()}


def coverage_frame(outlets: Iterable[tuple[str, str]], *, unclassified: dict[str, int],
                   undated: dict[str, int], undated_on_topic: dict[str, int],
                   names: dict[str, str] | None = None) -> pd.DataFrame:
    """One row per outlet the report covers (then per other outlet with undated articles), then
    the total ("tổng", "Tất cả").

    unclassified: counted items of the period with no label from the model or an editor;
    undated: counted articles with no publication date (they belong to no period), and
    how many of them are on a topic.
    """
    outlets = list(outlets)
    covered = {outlet for outlet, _ in outlets}
    outlets += [(o, (names or {}).get(o) or o) for o in sorted(undated) if o not in covered]
    rows = [{"outlet": outlet, "outlet_name": name, "unclassified": unclassified.get(outlet, 0),
             "undated": undated.get(outlet, 0), "undated_on_topic": undated_on_topic.get(outlet, 0)}
            for outlet, name in outlets]
    rows.append({"outlet": GRAND, "outlet_name": "Tất cả",
                 **{c: sum(r[c] for r in rows) for c in COVERAGE_COLUMNS[2:]}})
    return pd.DataFrame(rows, columns=COVERAGE_COLUMNS)


def outlet_warnings(coverage: pd.DataFrame) -> list[tuple[str, str]]:
    """(outlet, sentence) for everything the counts leave out, outlet by outlet."""
    warnings = []
    for row in coverage[coverage["outlet"] != GRAND].to_dict("records"):
        if row["unclassified"]:
            warnings.append((row["outlet"], f"{row['outlet_name']} có {format_number(row['unclassified'])} tin, bài "
                                            "trong kỳ chưa được phân loại chủ đề, chưa được tính vào số liệu theo chủ đề."))
        if row["undated"]:
            on_topic = (f" (trong đó {format_number(row['undated_on_topic'])} thuộc ít nhất một chủ đề)"
                        if row["undated_on_topic"] else "")
            warnings.append((row["outlet"], f"{row['outlet_name']} có {format_number(row['undated'])} tin, bài đã lưu "
                                            f"chưa rõ ngày đăng{on_topic}, chưa được tính vào kỳ báo cáo nào; "
                                            "cần xác định ngày đăng của các tin, bài này."))
    return warnings


def coverage_warnings(coverage: pd.DataFrame) -> tuple[str, ...]:
    """The warnings the report shows with its counts, one sentence each."""
    return tuple(sentence for _, sentence in outlet_warnings(coverage))


def with_warnings(summary: str, warnings: Iterable[str]) -> str:
    """The summary paragraph followed by "Lưu ý: …", so that it is never pasted without them."""
    warnings = list(warnings)
    return f"{summary} Lưu ý: {' '.join(warnings)}" if warnings else summary
