"""The ready Vietnamese paragraph of the annual report: one sentence per outlet.

"Năm 2020, Báo Thái Nguyên đã đăng tải 215 tin, bài, ảnh tuyên truyền về công tác nội
chính, phòng, chống tham nhũng, tiêu cực và cải cách tư pháp (trong đó: 120 tin, 80 bài,
15 ảnh; 150 về nội chính, 60 về phòng, chống tham nhũng, tiêu cực, 20 về cải cách tư
pháp), tăng 12 tin, bài (5,9%) so với năm 2019."

Every number is the count table's: the total is ``any_topic`` (a piece in several
topics counted once), the split by type is ``any_topic`` per content type, the split by
topic is each topic's own count (so the topics may add up to more than the total).
"""
from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from report.counts import CONTENT_TYPES, TOPICS, UNKNOWN_TYPE
from report.periods import Period

GRAND = "tổng"  # the outlet and content_type key of total rows in the count table
SUBJECT = ("công tác nội chính, phòng, chống tham nhũng, tiêu cực và cải cách tư pháp")
TOPIC_PHRASES = {"noi_chinh": "nội chính", "pctn": "phòng, chống tham nhũng, tiêu cực",
                 "cctp": "cải cách tư pháp"}
PRINT_TYPES = ("tin", "bai", "anh", UNKNOWN_TYPE)
BROADCAST_TYPES = ("video", "audio")
TYPE_PHRASES = {"tin": "tin", "bai": "bài", "anh": "ảnh", "video": "video", "audio": "audio",
                UNKNOWN_TYPE: "chưa xác định loại"}
BROADCAST_NOUN = "phóng sự, chương trình"
NO_DATA = "chưa có dữ liệu của {name}: cơ sở dữ liệu chưa lưu tin, bài nào của cơ quan này trong kỳ."


def format_number(value: float, decimals: int = 0) -> str:
    """Vietnamese style: thousands with ".", decimals with "," (1.234.567; 10,5)."""
    text = f"{value:,.{decimals}f}"
    return text.replace(",", "\0").replace(".", ",").replace("\0", ".")


def format_percent(value: float) -> str:
    """One decimal, Vietnamese separators, no ",0" tail: 10,5% / 250% / 1.234,5%."""
    text = format_number(round(value, 1), 1)
    return (text[:-2] if text.endswith(",0") else text) + "%"


def capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]


def against(previous: Period) -> str:
    """The compared period after "so với": "năm 2019", "quý IV/2019", "giai đoạn từ ..."."""
    label = previous.label
    return f"giai đoạn {label}" if label.startswith("từ ") else label


def _type_counts(counts: pd.DataFrame, outlet: str) -> dict[str, int]:
    """any_topic per content type for one outlet (or every outlet for GRAND)."""
    rows = counts[counts["content_type"] != GRAND]
    if outlet != GRAND:
        rows = rows[rows["outlet"] == outlet]
    sums = rows.groupby("content_type")["any_topic"].sum()
    return {t: int(sums.get(t, 0)) for t in (*CONTENT_TYPES, UNKNOWN_TYPE)}


def _total_row(counts: pd.DataFrame, outlet: str) -> dict[str, int]:
    rows = counts[(counts["outlet"] == outlet) & (counts["content_type"] == GRAND)]
    if rows.empty:
        return {c: 0 for c in (*TOPICS, "any_topic")}
    row = rows.iloc[0]
    return {c: int(row[c]) for c in (*TOPICS, "any_topic")}


def _comparison(comparison: pd.DataFrame, outlet: str) -> tuple[int, int, bool, bool]:
    """(count, previous, has data, previous period has data) of any_topic for one outlet."""
    rows = comparison[(comparison["outlet"] == outlet) & (comparison["topic"] == "any_topic")]
    if rows.empty:
        return 0, 0, True, True
    row = rows.iloc[0]
    return (int(row["count"]), int(row["previous"]), bool(row.get("has_data", True)),
            bool(row.get("previous_has_data", True)))


def _change_clause(now: int, before: int, unit: str, previous: Period) -> str:
    """", tăng 12 tin, bài (10,5%) so với năm 2019" / ", giảm ..." / ", bằng với ..."."""
    compared = against(previous)
    if now == before:
        return f", bằng với {compared}" if now else ""
    word = "tăng" if now > before else "giảm"
    change = abs(now - before)
    percent = f" ({format_percent(100 * change / before)})" if before else ""
    return f", {word} {format_number(change)} {unit}{percent} so với {compared}"


def _published(types: dict[str, int], total: int, topics: dict[str, int]) -> tuple[str, str]:
    """("đã đăng tải 215 tin, bài, ảnh tuyên truyền về ... (trong đó: ...)", unit of change)."""
    has_print = any(types[t] for t in PRINT_TYPES)
    has_broadcast = any(types[t] for t in BROADCAST_TYPES)
    if has_print and has_broadcast:
        verb = "đã đăng tải, phát sóng"
    elif has_broadcast:
        verb = "đã phát sóng"
    else:
        verb = "đã đăng tải"
    nouns = []
    if has_print or not has_broadcast:
        nouns.append("tin, bài, ảnh" if types["anh"] else "tin, bài")
    if has_broadcast:
        nouns.append(BROADCAST_NOUN)
    unit = "tin, bài" if has_print or not has_broadcast else BROADCAST_NOUN

    parts = [f"{format_number(types[t])} {TYPE_PHRASES[t]}" for t in ("tin", "bai", "anh") if types[t]]
    broadcast = [f"{format_number(types[t])} {TYPE_PHRASES[t]}" for t in BROADCAST_TYPES if types[t]]
    if broadcast:
        parts.append(", ".join(broadcast) + f" ({BROADCAST_NOUN})")
    if types[UNKNOWN_TYPE]:
        parts.append(f"{format_number(types[UNKNOWN_TYPE])} {TYPE_PHRASES[UNKNOWN_TYPE]}")
    by_topic = [f"{format_number(topics[t])} về {TOPIC_PHRASES[t]}" for t in TOPICS if topics[t]]
    detail = "; ".join(filter(None, [", ".join(parts), ", ".join(by_topic)]))
    text = f"{verb} {format_number(total)} {', '.join(nouns)} tuyên truyền về {SUBJECT}"
    return (f"{text} (trong đó: {detail})" if detail else text), unit


def outlet_sentence(period: Period, name: str, counts: pd.DataFrame, comparison: pd.DataFrame,
                    outlet: str) -> str:
    """One sentence for one outlet (GRAND: every outlet together).

    An outlet with no article at all stored in the period has no data (not zero); the
    change is left out when either period has no data.
    """
    opening = capitalise(period.label)
    total_row = _total_row(counts, outlet)
    total = total_row["any_topic"]
    now, before, has_data, had_data = _comparison(comparison, outlet)
    if not has_data and outlet != GRAND:
        return f"{opening}, {NO_DATA.format(name=name)}"
    comparable = has_data and had_data
    if total == 0:
        change = _change_clause(0, before, "tin, bài", period.previous()) if before and comparable else ""
        return f"{opening}, {name} không có tin, bài nào tuyên truyền về {SUBJECT}{change}."
    published, unit = _published(_type_counts(counts, outlet), total, total_row)
    change = _change_clause(total, before, unit, period.previous()) if comparable else ""
    return f"{opening}, {name} {published}{change}."


def summary_text(period: Period, counts: pd.DataFrame, comparison: pd.DataFrame,
                 outlets: Iterable[tuple[str, str]]) -> str:
    """The paragraph: one sentence per reporting outlet, then the total when several published.

    *outlets* are (id, display name) pairs in the order wanted; an outlet with nothing
    in the period still gets its sentence ("... không có tin, bài nào ...", or "chưa có
    dữ liệu ..." when nothing of it is stored in the period).
    """
    outlets = list(outlets)
    if not outlets:
        return f"{capitalise(period.label)}, chưa có dữ liệu: cơ sở dữ liệu chưa lưu tin, bài nào trong kỳ."
    sentences = [outlet_sentence(period, name, counts, comparison, outlet) for outlet, name in outlets]
    publishing = [o for o, _ in outlets if _total_row(counts, o)["any_topic"] > 0]
    if len(publishing) > 1:
        total = outlet_sentence(period, "các cơ quan báo chí", counts, comparison, GRAND)
        sentences.append(total.replace(capitalise(period.label), f"Tính chung {period.label}", 1))
    return " ".join(sentences)
