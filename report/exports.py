"""A report as a terminal table, CSV, JSON or an Excel workbook.

The table, CSV and workbook carry Vietnamese headers for the people who read them;
the JSON keeps the codes (noi_chinh, pctn, cctp, any_topic, tin, bai, ...) for scripts.
"""
from __future__ import annotations

import datetime as dt
import json
import math
from pathlib import Path
from typing import Any

import pandas as pd
from tabulate import tabulate

from report.build import Report
from report.counts import COUNT_COLUMNS, TOPICS, TYPE_NAMES_VI
from report.summary import GRAND, against, capitalise, format_number, format_percent

FORMATS = ("table", "csv", "json", "xlsx")
LOCAL_TZ = dt.timezone(dt.timedelta(hours=7))

TOPIC_HEADERS = {"noi_chinh": "Nội chính", "pctn": "Phòng, chống tham nhũng, tiêu cực",
                 "cctp": "Cải cách tư pháp", "any_topic": "Tổng (mỗi tin, bài tính một lần)"}
SHORT_TOPIC_HEADERS = {"noi_chinh": "Nội chính", "pctn": "PCTN, tiêu cực", "cctp": "CCTP",
                       "any_topic": "Tổng"}
COUNT_HEADERS = {"outlet": "Mã cơ quan", "outlet_name": "Cơ quan báo chí", "content_type": "Loại",
                 **TOPIC_HEADERS, "reviewed": "Trong đó đã duyệt", "model_only": "Trong đó theo mô hình"}
MONTHLY_HEADERS = {"month": "Tháng", "outlet": "Mã cơ quan", "outlet_name": "Cơ quan báo chí",
                   **TOPIC_HEADERS}
ARTICLE_HEADERS = ("Mã bài", "Tiêu đề", "Ngày đăng", "Cơ quan báo chí", "Loại", "Chủ đề",
                   "Đường dẫn", "Trạng thái")
REVIEW_STATUS_VI = {"reviewed": "đã duyệt", "model": "mô hình", "none": "chưa phân loại"}
FOOTNOTE = ("Tổng: số tin, bài thuộc ít nhất một chủ đề, mỗi tin, bài tính một lần; "
            "\"đã duyệt\": nhãn đã được biên tập viên xác nhận, \"mô hình\": nhãn do mô hình phân loại.")
NOTE = "Lưu ý"
NO_DATA_CELL = "chưa có dữ liệu"
SHEETS = ("Số liệu", "Theo tháng", "Danh sách bài", "So sánh", "Tóm tắt")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")  # what a spreadsheet may take for a formula


class ReportError(Exception):
    """A report that cannot be written, worth one clear line to the user."""


class OutputRequired(ReportError, ValueError):
    """A file format was asked for without an output path."""


# ---- shared views of the report --------------------------------------------------------
def _type_name(code: str) -> str:
    return "Tổng" if code == GRAND else TYPE_NAMES_VI.get(code, code)


def _notes_column(report: Report) -> list[str]:
    """Each outlet's warnings on its total row; those of an outlet without a row on the grand total."""
    notes: dict[str, list[str]] = {}
    shown = set(report.counts["outlet"])
    for note in report.notes:
        notes.setdefault(note.outlet if note.outlet in shown else GRAND, []).append(note.text)
    return [" ".join(notes.get(o, [])) if t == GRAND else ""
            for o, t in zip(report.counts["outlet"], report.counts["content_type"])]


def _counts_vi(report: Report) -> pd.DataFrame:
    """The count table with Vietnamese headers and a last column of warnings ("Lưu ý")."""
    frame = report.counts[list(COUNT_HEADERS)].copy()
    frame["content_type"] = frame["content_type"].map(_type_name)
    frame["outlet"] = frame["outlet"].replace({GRAND: ""})
    frame[NOTE] = _notes_column(report)
    return frame.rename(columns=COUNT_HEADERS)


def _monthly_vi(report: Report) -> pd.DataFrame:
    return report.monthly[list(MONTHLY_HEADERS)].rename(columns=MONTHLY_HEADERS)


def _any_data(report: Report) -> tuple[bool, bool]:
    """Whether any outlet of the comparison has data in the period, in the previous one."""
    rows = report.comparison[report.comparison["outlet"] != GRAND]
    return bool(rows["has_data"].any()), bool(rows["previous_has_data"].any())


def _no_data_note(row: dict, report: Report) -> str:
    """"Chưa có dữ liệu năm 2019" for a comparison row missing a period's data ("" otherwise);
    "Chưa đủ dữ liệu …" for the total when only some outlets miss it."""
    labels = (report.period.label, report.previous.label)
    flags = (row["has_data"], row["previous_has_data"])
    notes = []
    for label, has, any_data in zip(labels, flags, _any_data(report)):
        if not has:
            partial = row["outlet"] == GRAND and any_data
            notes.append(f"{'Chưa đủ' if partial else 'Chưa có'} dữ liệu {label}")
    return "; ".join(notes)


def _count_cell(row: dict, column: str, any_data: bool) -> str:
    """A number of the comparison table, or what stands in for it without data."""
    has = row["has_data" if column == "count" else "previous_has_data"]
    if has:
        return format_number(row[column])
    if row["outlet"] == GRAND and any_data:
        return f"{format_number(row[column])} (chưa đủ dữ liệu)"
    return NO_DATA_CELL


def _comparison_vi(report: Report) -> pd.DataFrame:
    frame = report.comparison
    now, before = capitalise(report.period.label), capitalise(report.previous.label)
    return pd.DataFrame({
        "Cơ quan báo chí": list(frame["outlet_name"]),
        "Chủ đề": [TOPIC_HEADERS[t] for t in frame["topic"]],
        now: frame["count"].astype(int),
        before: frame["previous"].astype(int),
        "Tăng (+) / giảm (-)": [None if _missing(c) else int(c) for c in frame["change"]],
        "Tỷ lệ (%)": [None if _missing(p) else float(p) for p in frame["percent"]],
        "Ghi chú": [_no_data_note(row, report) for row in frame.to_dict("records")],
    })


def _missing(value: Any) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value))


def _review_status(row: Any) -> str:
    if row["reviewed"]:
        return "reviewed"
    return "model" if row["classified"] else "none"


def _local_time(published_at: str | None) -> dt.datetime | None:
    """Publication time in Vietnam, without tzinfo (Excel cannot hold one)."""
    if not published_at:
        return None
    try:
        moment = dt.datetime.fromisoformat(published_at)
    except ValueError:
        return None
    if moment.tzinfo is not None:
        moment = moment.astimezone(LOCAL_TZ).replace(tzinfo=None)
    return moment


def article_records(report: Report) -> list[dict]:
    """The articles behind the counts: every counted item in at least one topic."""
    items = report.items
    if items.empty:
        return []
    records = []
    for _, row in items[items["any_topic"] == 1].iterrows():
        records.append({
            "article_id": int(row["article_id"]), "title": row["title"],
            "published_at": row["published_at"], "day": row["day"],
            "outlet": row["outlet"], "outlet_name": row["outlet_name"],
            "source_outlet": row.get("source_outlet", row["outlet"]),
            "content_type": row["content_type"],
            "topics": [t for t in TOPICS if int(row[t])],
            "url": row["url"], "review": _review_status(row),
        })
    return records


def _json_value(value: Any) -> Any:
    if isinstance(value, float) and math.isnan(value):
        return None
    if hasattr(value, "item"):          # numpy scalars
        return _json_value(value.item())
    if value is pd.NA or value is pd.NaT:
        return None
    return value


def _records(frame: pd.DataFrame) -> list[dict]:
    return [{k: _json_value(v) for k, v in row.items()} for row in frame.to_dict(orient="records")]


def report_dict(report: Report) -> dict:
    """The JSON document: period, counts, monthly, comparison, summary, warnings, coverage, articles."""
    period = report.period
    return {
        "period": {"from": period.start.isoformat(), "to": period.end.isoformat(), "label": period.label,
                   "previous": {"from": report.previous.start.isoformat(),
                                "to": report.previous.end.isoformat(), "label": report.previous.label}},
        "counts": _records(report.counts),
        "monthly": _records(report.monthly),
        "comparison": _records(report.comparison),
        "summary": report.summary,
        "warnings": list(report.warnings),
        "coverage": _records(report.coverage) if report.coverage is not None else [],
        "articles": article_records(report),
    }


# ---- formats ---------------------------------------------------------------------------
def _numbers(frame: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    frame = frame.copy()
    for column in columns:
        frame[column] = [("" if _missing(v) else format_number(int(v))) for v in frame[column]]
    return frame


def render_table(report: Report) -> str:
    """A readable terminal table with Vietnamese headers, the comparison and the summary."""
    period = report.period
    dates = "" if period.label.startswith("từ ") else f" ({period.start:%d/%m/%Y} – {period.end:%d/%m/%Y})"
    title = f"SỐ LIỆU TUYÊN TRUYỀN VỀ NỘI CHÍNH, PCTN, TIÊU CỰC VÀ CẢI CÁCH TƯ PHÁP — {period.label.upper()}{dates}"
    number_columns = [*COUNT_COLUMNS, "reviewed", "model_only"]
    headers = {"outlet_name": "Cơ quan báo chí", "content_type": "Loại", **SHORT_TOPIC_HEADERS,
               "reviewed": "Đã duyệt", "model_only": "Mô hình"}
    frame = _numbers(report.counts, number_columns)
    frame["content_type"] = frame["content_type"].map(_type_name)
    frame = frame[list(headers)].rename(columns=headers)
    counts_text = tabulate(frame.values.tolist(), headers=list(frame.columns), tablefmt="simple",
                           disable_numparse=True, colalign=("left", "left", *["right"] * len(number_columns)))
    parts = [title, "", counts_text, FOOTNOTE]
    if report.warnings:
        parts += ["", f"{NOTE}:", *(f"- {warning}" for warning in report.warnings)]
    if not report.comparison.empty:
        comparison = report.comparison
        comparison = comparison[comparison["topic"] == "any_topic"]
        now_data, before_data = _any_data(report)
        rows = [[r["outlet_name"], _count_cell(r, "count", now_data), _count_cell(r, "previous", before_data),
                 "" if _missing(r["change"]) else ("+" if r["change"] > 0 else "") + format_number(r["change"]),
                 "" if _missing(r["percent"]) else format_percent(r["percent"])]
                for r in comparison.to_dict(orient="records")]
        headers = ["Cơ quan báo chí", capitalise(period.label), capitalise(report.previous.label),
                   "Tăng/giảm", "Tỷ lệ"]
        parts += ["", f"So với {against(report.previous)} (tổng số tin, bài):",
                  tabulate(rows, headers=headers, tablefmt="simple", disable_numparse=True,
                           colalign=("left", "right", "right", "right", "right"))]
    parts += ["", report.summary, ""]
    return "\n".join(parts)


def _write_text(text: str, output: Path, encoding: str = "utf-8") -> None:
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(text, encoding=encoding, newline="\n")
    except OSError as exc:
        raise ReportError(f"cannot write {output}: {exc.strerror or exc}") from exc


def _write_csv(report: Report, output: Path) -> None:
    # UTF-8 with a BOM: Excel then opens the Vietnamese text correctly.
    _write_text(_counts_vi(report).to_csv(index=False, lineterminator="\n"), output, encoding="utf-8-sig")


def _style_sheet(sheet: Any, widths: dict[str, int] | None = None) -> None:
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "A2"
    if sheet.max_row > 1:
        sheet.auto_filter.ref = sheet.dimensions
    for index, column in enumerate(sheet.iter_cols(min_row=1, max_row=min(sheet.max_row, 200)), start=1):
        letter = get_column_letter(index)
        header = str(column[0].value or "")
        longest = max([len(str(c.value)) for c in column[1:] if c.value is not None] or [0])
        sheet.column_dimensions[letter].width = (widths or {}).get(header) or min(max(len(header) * 0.6, longest, 8) + 2, 60)


def _keep_text(sheet: Any) -> None:
    """Text that a spreadsheet would read as a formula (=, +, -, @ first) stays text.

    openpyxl stores a string starting with "=" as a formula; the cell is set back to a
    string and given Excel's quote prefix, so that editing it does not evaluate it either.
    """
    for row in sheet.iter_rows():
        for cell in row:
            if isinstance(cell.value, str) and cell.value.startswith(FORMULA_STARTS):
                cell.data_type = "s"
                cell.quotePrefix = True


def _articles_frame(report: Report) -> pd.DataFrame:
    topic_names = {"noi_chinh": "Nội chính", "pctn": "Phòng, chống tham nhũng, tiêu cực",
                   "cctp": "Cải cách tư pháp"}
    rows = [[r["article_id"], r["title"], _local_time(r["published_at"]), r["outlet_name"],
             TYPE_NAMES_VI.get(r["content_type"], r["content_type"]),
             "; ".join(topic_names[t] for t in r["topics"]), r["url"], REVIEW_STATUS_VI[r["review"]]]
            for r in article_records(report)]
    return pd.DataFrame(rows, columns=list(ARTICLE_HEADERS))


def _write_xlsx(report: Report, output: Path) -> None:
    period = report.period
    summary = pd.DataFrame({"Mục": ["Kỳ báo cáo", "Từ ngày", "Đến ngày", "So sánh với", "Tóm tắt", "Ghi chú", NOTE],
                            "Nội dung": [capitalise(period.label), f"{period.start:%d/%m/%Y}",
                                         f"{period.end:%d/%m/%Y}", capitalise(against(report.previous)), report.summary,
                                         FOOTNOTE, "\n".join(report.warnings) or "Không có."]})
    frames = dict(zip(SHEETS, (_counts_vi(report), _monthly_vi(report), _articles_frame(report),
                               _comparison_vi(report), summary)))
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
        with pd.ExcelWriter(output, engine="openpyxl") as writer:
            for name, frame in frames.items():
                frame.to_excel(writer, sheet_name=name, index=False)
            book = writer.book
            book.properties.title = f"Số liệu tuyên truyền {period.label}"
            for name in SHEETS:
                _keep_text(book[name])
                _style_sheet(book[name], {"Tiêu đề": 60, "Đường dẫn": 45, "Nội dung": 120})
            articles = book["Danh sách bài"]
            date_col = ARTICLE_HEADERS.index("Ngày đăng") + 1
            link_col = ARTICLE_HEADERS.index("Đường dẫn") + 1
            for row in range(2, articles.max_row + 1):
                articles.cell(row, date_col).number_format = "dd/mm/yyyy hh:mm"
                link = articles.cell(row, link_col)
                if link.value:
                    link.hyperlink = link.value
                    link.style = "Hyperlink"
            from openpyxl.styles import Alignment
            for cell in book["Tóm tắt"]["B"]:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    except OSError as exc:
        raise ReportError(f"cannot write {output}: {exc.strerror or exc}") from exc


def write_report(report: Report, fmt: str, output: Path | None = None) -> str | None:
    """Write *report* as table, csv, json or xlsx.

    table and json return their text (and write it to *output* when given); csv and
    xlsx need *output* and return None.
    """
    if fmt not in FORMATS:
        raise ReportError(f"unknown report format {fmt!r}: use one of {', '.join(FORMATS)}")
    output = Path(output) if output is not None else None
    if fmt in ("csv", "xlsx") and output is None:
        raise OutputRequired(f"the {fmt} format writes a file: give an output path (e.g. --output report.{fmt})")
    if fmt == "table":
        text = render_table(report)
    elif fmt == "json":
        text = json.dumps(report_dict(report), ensure_ascii=False, indent=2)
    elif fmt == "csv":
        _write_csv(report, output)
        return None
    else:
        _write_xlsx(report, output)
        return None
    if output is not None:
        _write_text(text, output)
    return text
