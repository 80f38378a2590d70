"""Vietnamese names for codes shown in the interface, and display filters."""
from __future__ import annotations

import datetime as dt

from report.counts import TOPIC_NAMES_VI, TYPE_NAMES_VI

TOPIC_NAMES = {"noi_chinh": TOPIC_NAMES_VI["noi_chinh"], "pctn": TOPIC_NAMES_VI["pctn"],
               "cctp": TOPIC_NAMES_VI["cctp"]}
TOPIC_FILTER_NAMES = {**TOPIC_NAMES, "any": "Ít nhất một chủ đề", "none": "Không thuộc chủ đề nào"}
TYPE_NAMES = {**TYPE_NAMES_VI, "tổng": "tổng"}
STATUS_NAMES = {"unreviewed": "Chưa duyệt", "reviewed": "Đã duyệt (xác nhận hoặc sửa)",
                "confirmed": "Đã xác nhận", "corrected": "Đã sửa"}
SOURCE_NAMES = {"model": "mô hình", "reviewed": "biên tập viên", "none": "chưa phân loại"}
SORT_NAMES = {"date": "Mới nhất", "uncertainty": "Mô hình phân vân nhất"}
COUNTED_NAMES = {"1": "Được tính", "0": "Không tính"}
FIELD_NAMES = {**TOPIC_NAMES, "content_type": "Loại tin bài", "counted": "Tính vào thống kê"}
COUNT_COLUMN_NAMES = {**TOPIC_NAMES, "any_topic": TOPIC_NAMES_VI["any_topic"],
                      "reviewed": "Trong đó đã duyệt", "model_only": "Trong đó chỉ theo mô hình"}
NOT_COUNTED_REASONS = {"duplicate": "Trùng lặp", "not_journalism": "Không phải tác phẩm báo chí"}


def review_value_name(field: str, value: str) -> str:
    """A decision's value in words ("có" / "không" / a content type)."""
    if field == "content_type":
        return TYPE_NAMES.get(value, value)
    if field == "counted":
        return "tính" if value == "1" else "không tính"
    return "thuộc chủ đề" if value == "1" else "không thuộc chủ đề"


TEMPLATE_GLOBALS = {
    "TOPIC_NAMES": TOPIC_NAMES, "TOPIC_FILTER_NAMES": TOPIC_FILTER_NAMES, "TYPE_NAMES": TYPE_NAMES,
    "STATUS_NAMES": STATUS_NAMES, "SOURCE_NAMES": SOURCE_NAMES, "SORT_NAMES": SORT_NAMES,
    "COUNTED_NAMES": COUNTED_NAMES, "FIELD_NAMES": FIELD_NAMES, "COUNT_COLUMN_NAMES": COUNT_COLUMN_NAMES,
    "NOT_COUNTED_REASONS": NOT_COUNTED_REASONS, "review_value_name": review_value_name,
}


def format_datetime(value: str | None) -> str:
    """"2020-03-01T08:00:00+07:00" as "01/03/2020 08:00" (the raw text if it is not ISO)."""
    if not value:
        return ""
    try:
        moment = dt.datetime.fromisoformat(value)
    except ValueError:
        return value
    return moment.strftime("%d/%m/%Y %H:%M") if len(value) > 10 else moment.strftime("%d/%m/%Y")


def format_score(value: float | None) -> str:
    return "–" if value is None else f"{value:.2f}"


TEMPLATE_FILTERS = {"vn_datetime": format_datetime, "score": format_score}
