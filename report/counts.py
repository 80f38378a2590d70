"""Counts by outlet, topic and content type, from the report_items view."""
from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from report.periods import Period

TOPICS = ("noi_chinh", "pctn", "cctp")
COUNT_COLUMNS = (*TOPICS, "any_topic")
CONTENT_TYPES = ("tin", "bai", "anh", "video", "audio")
TOPIC_NAMES_VI = {
    "noi_chinh": "Nội chính",
    "pctn": "Phòng, chống tham nhũng, tiêu cực",
    "cctp": "Cải cách tư pháp",
    "any_topic": "Tổng (ít nhất một chủ đề)",
}
UNKNOWN_TYPE = "khac"  # a stored piece without a content type (kept, never silently dropped)
TYPE_NAMES_VI = {"tin": "tin", "bai": "bài", "anh": "ảnh", "video": "video", "audio": "audio",
                 UNKNOWN_TYPE: "chưa rõ loại"}
ITEM_COLUMNS = ["article_id", "outlet", "outlet_name", "title", "url", "published_at", "day", "month",
                "content_type", "counted", *TOPICS, "any_topic", "reviewed", "classified", "content_hash"]


def items_frame(rows: list[dict], outlets: list[dict]) -> pd.DataFrame:
    """The articles of a period as a frame, each attributed to its reporting outlet.

    An archive site (``report_as``) counts as the outlet it archives; an outlet whose
    validity period ended hands what it published afterwards to its successor (the
    2025 merger); items an editor marked not counted are dropped, and so are second
    copies of a piece (see drop_copies). ``source_outlet`` keeps the outlet the article
    was stored under.
    """
    frame = pd.DataFrame(rows, columns=ITEM_COLUMNS)
    if frame.empty:
        return frame.assign(source_outlet=pd.Series(dtype=object))
    by_id = {o["id"]: o for o in outlets}
    frame["source_outlet"] = frame["outlet"]
    frame["outlet"] = [reporting_outlet(o, day, by_id) for o, day in zip(frame["outlet"], frame["day"])]
    frame["outlet_name"] = [by_id.get(o, {}).get("name") or o for o in frame["outlet"]]
    frame["content_type"] = frame["content_type"].where(frame["content_type"].notna(), UNKNOWN_TYPE)
    frame["counted"] = pd.to_numeric(frame["counted"], errors="coerce").fillna(1).astype(int)
    frame = frame[frame["counted"] == 1].copy()
    for column in (*TOPICS, "any_topic", "reviewed", "classified"):
        frame[column] = pd.to_numeric(frame[column], errors="coerce").fillna(0).astype(int)
    return drop_copies(frame).reset_index(drop=True)


def drop_copies(items: pd.DataFrame) -> pd.DataFrame:
    """One row per reporting outlet and content hash: the same piece stored twice (from the
    archive site and the new site) counts once.

    The copy kept is the one an editor reviewed, else a classified one, else the one
    stored first (lowest id); the order of the rows is kept. A row without a hash is its
    own piece. report/README_SQL.md's query keeps the same copy.
    """
    if items.empty or "content_hash" not in items:
        return items
    hashed = items[items["content_hash"].notna()]
    preferred = hashed.sort_values(["reviewed", "classified", "article_id"], ascending=[False, False, True])
    copies = preferred[preferred.duplicated(["outlet", "content_hash"], keep="first")].index
    return items.drop(index=copies)


def stored_counts(rows: list[dict], outlets: list[dict]) -> dict[str, int]:
    """Articles stored in a period per reporting outlet, counted or not: what was crawled."""
    by_id = {o["id"]: o for o in outlets}
    stored: dict[str, int] = {}
    for row in rows:
        outlet = reporting_outlet(row["outlet"], row["day"], by_id)
        stored[outlet] = stored.get(outlet, 0) + 1
    return stored


def reporting_outlet(outlet: str, day: str | None, by_id: dict[str, dict]) -> str:
    """The outlet an article counts under on *day*.

    Follows ``report_as`` (an archive site reports as its outlet, whatever the day) and
    ``successor`` while *day* lies after an outlet's ``valid_until``; stops at an
    unknown outlet or a loop.
    """
    seen = set()
    while outlet in by_id and outlet not in seen:
        seen.add(outlet)
        info = by_id[outlet]
        if info.get("report_as"):
            outlet = info["report_as"]
        elif day and info.get("valid_until") and day > info["valid_until"] and info.get("successor"):
            outlet = info["successor"]
        else:
            break
    return outlet


def count_table(items: pd.DataFrame, outlets: Iterable[tuple[str, str]] = ()) -> pd.DataFrame:
    """One row per outlet and content type (plus each outlet's total and a grand total).

    Columns: the three topics, any_topic (an article in several topics counted once),
    and any_topic split into reviewed and model_only. Every outlet of *outlets* ((id,
    name) pairs: the outlets the report covers) has its total row, of zeros when it has
    no items; the grand total is always there.
    """
    numbers = [*COUNT_COLUMNS, "reviewed", "model_only"]
    columns = ["outlet", "outlet_name", "content_type", *numbers]
    frame = items.assign(reviewed=items["any_topic"] * items["reviewed"],
                         model_only=items["any_topic"] * (1 - items["reviewed"])) if not items.empty else \
        pd.DataFrame(columns=columns)
    sums = (frame.groupby(["outlet", "outlet_name", "content_type"], as_index=False)[numbers].sum())
    totals = (frame.groupby(["outlet", "outlet_name"], as_index=False)[numbers].sum().assign(content_type="tổng"))
    missing = [(o, name) for o, name in outlets if o not in set(totals["outlet"])]
    if missing:
        zeros = pd.DataFrame([{"outlet": o, "outlet_name": name, "content_type": "tổng", **dict.fromkeys(numbers, 0)}
                              for o, name in missing])
        totals = pd.concat([totals, zeros], ignore_index=True) if not totals.empty else zeros
    grand = pd.DataFrame([{"outlet": "tổng", "outlet_name": "Tất cả", "content_type": "tổng",
                           **{c: int(frame[c].sum()) for c in numbers}}])
    order = {t: i for i, t in enumerate((*CONTENT_TYPES, UNKNOWN_TYPE))}
    sums = sums.assign(_o=sums["content_type"].map(order).fillna(99))
    parts = []
    for outlet in sorted(set(totals["outlet"])):
        parts.append(sums[sums["outlet"] == outlet].sort_values("_o").drop(columns="_o"))
        parts.append(totals[totals["outlet"] == outlet])
    table = pd.concat([part for part in (*parts, grand) if not part.empty], ignore_index=True)[columns]
    for column in numbers:
        table[column] = table[column].astype(int)
    return table


def monthly_counts(items: pd.DataFrame, period: Period) -> pd.DataFrame:
    """Per month of the period and outlet: counts per topic and any_topic (zeros kept)."""
    if items.empty:
        return pd.DataFrame({"month": pd.Series(dtype=object), "outlet": pd.Series(dtype=object),
                             **{c: pd.Series(dtype=int) for c in COUNT_COLUMNS}})
    index = pd.MultiIndex.from_product([period.months, sorted(items["outlet"].unique())],
                                       names=["month", "outlet"])
    sums = items.groupby(["month", "outlet"])[list(COUNT_COLUMNS)].sum()
    return sums.reindex(index, fill_value=0).reset_index()


def topic_items(items: pd.DataFrame, outlet: str | None = None, topic: str | None = None,
                content_type: str | None = None) -> pd.DataFrame:
    """The articles behind one number of the count table."""
    selected = items
    if outlet and outlet != "tổng":
        selected = selected[selected["outlet"] == outlet]
    if content_type and content_type != "tổng":
        selected = selected[selected["content_type"] == content_type]
    if topic:
        selected = selected[selected[topic] == 1]
    return selected


def compare(current: pd.DataFrame, previous: pd.DataFrame, *, no_data: Iterable[str] = (),
            no_data_before: Iterable[str] = ()) -> pd.DataFrame:
    """Per outlet and topic: counts now and before, change and percent change.

    An outlet in only one of the two tables is compared with zero; its name comes from
    whichever table has it. *no_data* / *no_data_before*: outlets with no article stored
    at all in the period / the previous one; their rows say so (has_data,
    previous_has_data) and have no change. The total ("tổng") has data when no outlet
    lacks it.
    """
    def totals(frame: pd.DataFrame) -> pd.DataFrame:
        rows = frame[frame["content_type"] == "tổng"].set_index("outlet")
        return rows if not rows.empty else pd.DataFrame(columns=["outlet_name", *COUNT_COLUMNS])

    now, before = totals(current), totals(previous)
    no_data, no_data_before = set(no_data), set(no_data_before)
    names = {**dict(zip(before.index, before["outlet_name"])), **dict(zip(now.index, now["outlet_name"]))}
    outlets = sorted(set(now.index) | set(before.index), key=lambda o: (o == "tổng", o))
    records = []
    for outlet in outlets:
        grand = outlet == "tổng"
        has_data = not no_data if grand else outlet not in no_data
        had_data = not no_data_before if grand else outlet not in no_data_before
        for topic in COUNT_COLUMNS:
            a = int(now.loc[outlet, topic]) if outlet in now.index else 0
            b = int(before.loc[outlet, topic]) if outlet in before.index else 0
            comparable = has_data and had_data
            records.append({"outlet": outlet, "outlet_name": names.get(outlet) or outlet, "topic": topic,
                            "count": a, "previous": b, "change": a - b if comparable else None,
                            "percent": round(100 * (a - b) / b, 1) if b and comparable else None,
                            "has_data": has_data, "previous_has_data": had_data})
    frame = pd.DataFrame(records, columns=["outlet", "outlet_name", "topic", "count", "previous", "change",
                                           "percent", "has_data", "previous_has_data"])
    return frame.astype({"change": "Int64"})  # whole numbers, empty where not comparable
