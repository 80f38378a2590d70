"""report: periods, counts, the Vietnamese summary, exports, charts and the SQL example.

The fixture database holds hand-made articles whose counts are worked out below, so
every number asserted here is checked against a count done by hand, not by the code.
"""
from __future__ import annotations

import datetime as dt
import json
import re
import sqlite3
import warnings
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from report.build import Report, build_report
from report.charts import write_charts
from report.counts import count_table, items_frame, reporting_outlet
from report.exports import SHEETS, ReportError, write_report
from report.periods import Period, PeriodError, make_period, parse_date
from report.summary import format_number, format_percent, summary_text
from storage import open_database

ROOT = Path(__file__).resolve().parents[1]
SUBJECT = "công tác nội chính, phòng, chống tham nhũng, tiêu cực và cải cách tư pháp"
MODEL = "baseline-test"

OUTLETS = [
    {"id": "baothainguyen", "name": "Báo Thái Nguyên", "kind": "newspaper", "domain": "baothainguyen.vn",
     "valid_from": "2008-01-01", "valid_until": None, "successor": None, "report_as": None},
    {"id": "baothainguyen-legacy", "name": "Báo Thái Nguyên (lưu trữ)", "kind": "newspaper",
     "domain": "backup.baothainguyen.vn", "valid_from": "2008-01-01", "valid_until": "2022-06-30",
     "successor": "baothainguyen", "report_as": "baothainguyen"},
    {"id": "thainguyentv", "name": "Đài Phát thanh - Truyền hình Thái Nguyên", "kind": "broadcaster",
     "domain": "thainguyentv.vn", "valid_from": "2008-01-01", "valid_until": "2025-06-30",
     "successor": "baothainguyen", "report_as": None},
]

# key: (outlet, published_at, content_type, model labels on, reviews {field: value})
ARTICLES = {
    # Báo Thái Nguyên, 2020
    "a1": ("baothainguyen", "2020-01-15T08:00:00+07:00", "tin", {"noi_chinh"}, {}),
    "a2": ("baothainguyen", "2020-03-01T08:00:00+07:00", "tin", {"noi_chinh", "pctn"}, {}),  # two topics
    "a3": ("baothainguyen", "2020-03-10T08:00:00+07:00", "bai", {"cctp"}, {}),
    "a4": ("baothainguyen", "2020-05-05T08:00:00+07:00", "anh", {"pctn"}, {}),
    "a5": ("baothainguyen", "2020-06-01T08:00:00+07:00", "bai", set(), {"cctp": 1}),          # review turns on
    "a6": ("baothainguyen", "2020-07-01T08:00:00+07:00", "tin", {"noi_chinh"}, {"noi_chinh": 0}),  # review turns off
    "a7": ("baothainguyen", "2020-08-01T08:00:00+07:00", "tin", {"noi_chinh"}, {"counted": 0}),  # not counted
    "a8": ("baothainguyen-legacy", "2020-09-01T08:00:00+07:00", "bai", {"pctn"}, {}),        # archive site
    "a9": ("baothainguyen", "2020-12-31T23:30:00+07:00", "tin", {"noi_chinh"}, {}),           # last evening
    "a10": ("baothainguyen", "2020-04-01T08:00:00+07:00", "tin", None, {}),                   # never classified
    # Đài PT-TH Thái Nguyên, 2020
    "b1": ("thainguyentv", "2020-02-01T19:00:00+07:00", "video", {"noi_chinh"}, {}),
    "b2": ("thainguyentv", "2020-02-15T19:00:00+07:00", "audio", {"noi_chinh", "cctp"}, {}),
    "b3": ("thainguyentv", "2020-11-01T19:00:00+07:00", "tin", {"pctn"}, {}),
    "b4": ("thainguyentv", "2020-10-01T19:00:00+07:00", "video", {"noi_chinh"}, {"content_type": "audio"}),
    # 2019, the year compared with
    "c1": ("baothainguyen", "2019-05-01T08:00:00+07:00", "tin", {"noi_chinh"}, {}),
    "c2": ("baothainguyen", "2019-06-01T08:00:00+07:00", "bai", {"pctn"}, {}),
    "c3": ("thainguyentv", "2019-03-01T19:00:00+07:00", "video", {"noi_chinh"}, {}),
    "c4": ("thainguyentv", "2019-04-01T19:00:00+07:00", "video", {"noi_chinh"}, {}),
    # 2025, the merger: thainguyentv ends on 30 June and hands over to baothainguyen
    "d1": ("thainguyentv", "2025-06-30T19:00:00+07:00", "video", {"noi_chinh"}, {}),
    "d2": ("thainguyentv", "2025-07-01T19:00:00+07:00", "video", {"noi_chinh"}, {}),
    "d3": ("baothainguyen", "2025-08-01T08:00:00+07:00", "tin", {"pctn"}, {}),
}

# Counted by hand from ARTICLES for 2020:
#   Báo Thái Nguyên (a8 from the archive site included, a7 left out):
#     tin a1 nc, a2 nc+pctn, a6 none (review), a9 nc, a10 none -> nc 3, pctn 1, cctp 0, any 3
#     bai a3 cctp, a5 cctp (review), a8 pctn                  -> nc 0, pctn 1, cctp 2, any 3
#     anh a4 pctn                                              -> pctn 1, any 1
#     total nc 3, pctn 3, cctp 2, any 7; reviewed (a5) 1, model only 6
#   Đài: tin b3 pctn; video b1 nc; audio b2 nc+cctp, b4 nc (type reviewed) -> nc 3, pctn 1, cctp 1, any 4
#   2019: Báo 2 (nc 1, pctn 1), Đài 2 (nc 2)
EXPECTED_2020 = {
    ("baothainguyen", "tin"): (3, 1, 0, 3, 0, 3),
    ("baothainguyen", "bai"): (0, 1, 2, 3, 1, 2),
    ("baothainguyen", "anh"): (0, 1, 0, 1, 0, 1),
    ("baothainguyen", "tổng"): (3, 3, 2, 7, 1, 6),
    ("thainguyentv", "tin"): (0, 1, 0, 1, 0, 1),
    ("thainguyentv", "video"): (1, 0, 0, 1, 0, 1),
    ("thainguyentv", "audio"): (2, 0, 1, 2, 0, 2),
    ("thainguyentv", "tổng"): (3, 1, 1, 4, 0, 4),
    ("tổng", "tổng"): (6, 4, 3, 11, 1, 10),
}
NUMBERS = ["noi_chinh", "pctn", "cctp", "any_topic", "reviewed", "model_only"]


def _populate(db) -> dict[str, int]:
    db.sync_outlets(OUTLETS)
    ids = {}
    for key, (outlet, published_at, content_type, on, reviews) in ARTICLES.items():
        url = f"https://{outlet}.vn/bai/{key}"
        outcome = db.upsert_article({
            "outlet": outlet, "url": url, "canonical_url": url, "title": f"Bài {key} về nội chính",
            "lead": "Sapo.", "body": f"Nội dung {key}.", "published_at": published_at,
            "content_type": content_type})
        assert outcome == "inserted"
        ids[key] = db.query("SELECT id FROM articles WHERE canonical_url = ?", [url])[0]["id"]
        if on is not None:
            db.store_predictions([
                {"article_id": ids[key], "label": label, "model_id": MODEL, "score": 0.9 if label in on else 0.1,
                 "predicted": int(label in on), "evidence": "[]", "content_hash": "h",
                 "created_at": "2026-01-01T00:00:00+00:00"}
                for label in ("noi_chinh", "pctn", "cctp")])
        for field, value in reviews.items():
            db.add_review(ids[key], field, value, "bientapvien")
    return ids


@pytest.fixture
def report_db(tmp_path):
    db = open_database(tmp_path / "r.db")
    db.ids = _populate(db)
    yield db
    db.close()


@pytest.fixture
def year_2020(report_db) -> Report:
    return build_report(report_db, make_period(year=2020))


def _row(counts: pd.DataFrame, outlet: str, content_type: str) -> tuple[int, ...]:
    rows = counts[(counts["outlet"] == outlet) & (counts["content_type"] == content_type)]
    assert len(rows) == 1, (outlet, content_type)
    return tuple(int(rows.iloc[0][c]) for c in NUMBERS)


# ---- periods -----------------------------------------------------------------------------
@pytest.mark.parametrize("kwargs, start, end, label", [
    ({"year": 2020}, "2020-01-01", "2020-12-31", "năm 2020"),
    ({"year": "2020"}, "2020-01-01", "2020-12-31", "năm 2020"),
    ({"quarter": "2020Q1"}, "2020-01-01", "2020-03-31", "quý I/2020"),
    ({"quarter": "2020-q4"}, "2020-10-01", "2020-12-31", "quý IV/2020"),
    ({"quarter": "Q2/2021"}, "2021-04-01", "2021-06-30", "quý II/2021"),
    ({"month": "2020-02"}, "2020-02-01", "2020-02-29", "tháng 2/2020"),
    ({"month": "3/2020"}, "2020-03-01", "2020-03-31", "tháng 3/2020"),
    ({"date_from": "2020-01-01", "date_to": "2020-06-30"}, "2020-01-01", "2020-06-30", "6 tháng đầu năm 2020"),
    ({"date_from": "2020-03-05", "date_to": "2020-03-20"}, "2020-03-05", "2020-03-20", "từ 05/03/2020 đến 20/03/2020"),
    ({"date_from": "2020-01-01", "date_to": "2020-12-31"}, "2020-01-01", "2020-12-31", "năm 2020"),
])
def test_make_period(kwargs, start, end, label):
    period = make_period(**kwargs)
    assert (period.start.isoformat(), period.end.isoformat(), period.label) == (start, end, label)


@pytest.mark.parametrize("kwargs", [
    {}, {"year": 2020, "month": "2020-01"}, {"quarter": "2020Q5"}, {"quarter": "2020Q0"},
    {"quarter": "quý 1"}, {"month": "2020-13"}, {"month": "2020-03-01"}, {"month": "tháng ba"},
    {"year": 20200}, {"year": "hai nghìn"}, {"quarter": "0000Q1"}, {"date_from": "2020-01-01"},
    {"date_to": "2020-01-01"}, {"date_from": "2020-02-30", "date_to": "2020-03-01"},
    {"date_from": "01/03/2020", "date_to": "2020-03-31"}, {"date_from": "2020-03-31", "date_to": "2020-03-01"},
])
def test_bad_period_is_period_error(kwargs):
    with pytest.raises(PeriodError):
        make_period(**kwargs)


@pytest.mark.parametrize("kwargs", [
    {"year": 0, "month": "2020-03"}, {"year": 0, "quarter": "2020Q1"}, {"month": "2020-03", "quarter": ""},
    {"year": 0, "date_from": "2020-01-01", "date_to": "2020-01-31"}, {"year": 2020, "date_from": ""},
])
def test_two_period_options_are_an_error_whatever_their_values(kwargs):
    with pytest.raises(PeriodError, match="give one period"):
        make_period(**kwargs)


def test_year_zero_alone_is_not_a_year():
    with pytest.raises(PeriodError, match="not a year"):
        make_period(year=0)


def test_period_previous_and_slug():
    assert make_period(year=2020).previous() == make_period(year=2019)
    assert make_period(quarter="2020Q1").previous() == make_period(quarter="2019Q4")
    assert make_period(month="2020-03").previous() == make_period(month="2020-02")
    assert make_period(date_from="2020-01-01", date_to="2020-06-30").previous().label == "6 tháng cuối năm 2019"
    days = make_period(date_from="2020-03-11", date_to="2020-03-20").previous()
    assert (days.start, days.end) == (dt.date(2020, 3, 1), dt.date(2020, 3, 10))
    assert [make_period(year=2020).slug, make_period(quarter="2020Q3").slug, make_period(month="2020-03").slug,
            days.slug] == ["2020", "2020-Q3", "2020-03", "2020-03-01_2020-03-10"]
    assert make_period(quarter="2020Q1").months == ["2020-01", "2020-02", "2020-03"]
    with pytest.raises(PeriodError):
        Period(dt.date(2020, 2, 1), dt.date(2020, 1, 1))
    with pytest.raises(PeriodError):
        parse_date("2020-3-1")


# ---- counts --------------------------------------------------------------------------------
def test_counts_match_the_hand_count(year_2020):
    counts = year_2020.counts
    assert len(counts) == len(EXPECTED_2020)
    for (outlet, content_type), expected in EXPECTED_2020.items():
        assert _row(counts, outlet, content_type) == expected, (outlet, content_type)
    names = dict(zip(counts["outlet"], counts["outlet_name"]))
    assert names["baothainguyen"] == "Báo Thái Nguyên"      # the archive site has no row of its own
    assert "baothainguyen-legacy" not in set(counts["outlet"])


def test_two_topics_counted_once_in_any_topic(report_db, year_2020):
    items = year_2020.items.set_index("article_id")
    a2 = items.loc[report_db.ids["a2"]]
    assert (a2["noi_chinh"], a2["pctn"], a2["any_topic"]) == (1, 1, 1)
    month = build_report(report_db, make_period(month="2020-03")).counts
    # March: a2 (nội chính + PCTN) and a3 (CCTP): three topic marks, two pieces
    assert _row(month, "tổng", "tổng")[:4] == (1, 1, 1, 2)


def test_review_overrides_model(report_db, year_2020):
    items = year_2020.items.set_index("article_id")
    a5, a6 = items.loc[report_db.ids["a5"]], items.loc[report_db.ids["a6"]]
    assert (a5["cctp"], a5["any_topic"], a5["reviewed"]) == (1, 1, 1)      # model said no, editor yes
    assert (a6["noi_chinh"], a6["any_topic"], a6["reviewed"]) == (0, 0, 1)  # model said yes, editor no
    assert items.loc[report_db.ids["b4"], "content_type"] == "audio"       # reviewed content type wins
    # a later review of the same field wins over the earlier one
    report_db.add_review(report_db.ids["a6"], "noi_chinh", 1, "truongban")
    again = build_report(report_db, make_period(year=2020))
    assert _row(again.counts, "baothainguyen", "tin")[:4] == (4, 1, 0, 4)


def test_not_counted_item_left_out(report_db, year_2020):
    assert report_db.ids["a7"] not in set(year_2020.items["article_id"])
    report_db.add_review(report_db.ids["a7"], "counted", 1, "truongban")   # put back
    again = build_report(report_db, make_period(year=2020))
    assert _row(again.counts, "baothainguyen", "tổng")[:4] == (4, 3, 2, 8)


def test_successor_after_valid_until(report_db):
    report = build_report(report_db, make_period(year=2025))
    items = report.items.set_index("article_id")
    assert items.loc[report_db.ids["d1"], "outlet"] == "thainguyentv"     # 30 June: still the broadcaster
    assert items.loc[report_db.ids["d2"], "outlet"] == "baothainguyen"    # 1 July: the merged outlet
    assert items.loc[report_db.ids["d2"], "source_outlet"] == "thainguyentv"
    assert _row(report.counts, "thainguyentv", "tổng")[:4] == (1, 0, 0, 1)
    assert _row(report.counts, "baothainguyen", "video")[:4] == (1, 0, 0, 1)
    assert _row(report.counts, "baothainguyen", "tổng")[:4] == (1, 1, 0, 2)


def test_reporting_outlet_rules():
    by_id = {o["id"]: o for o in OUTLETS}
    assert reporting_outlet("baothainguyen-legacy", "2020-01-01", by_id) == "baothainguyen"
    assert reporting_outlet("thainguyentv", "2025-06-30", by_id) == "thainguyentv"
    assert reporting_outlet("thainguyentv", "2025-07-01", by_id) == "baothainguyen"
    assert reporting_outlet("unknown", "2025-07-01", by_id) == "unknown"
    loop = {"a": {"id": "a", "valid_until": "2020-01-01", "successor": "b"},
            "b": {"id": "b", "valid_until": "2020-01-01", "successor": "a"}}
    assert reporting_outlet("a", "2021-01-01", loop) in {"a", "b"}     # stops, no endless loop


def test_every_outlet_covered_has_a_row_even_without_items(report_db, tmp_path):
    # March 2020: the broadcaster has nothing in the period, the newspaper two pieces
    march = build_report(report_db, make_period(month="2020-03"))
    assert [o for o, _ in march.outlets] == ["baothainguyen", "thainguyentv"]
    assert _row(march.counts, "thainguyentv", "tổng") == (0, 0, 0, 0, 0, 0)
    assert _row(march.counts, "tổng", "tổng")[:4] == (1, 1, 1, 2)
    assert list(march.counts["outlet"]).count("thainguyentv") == 1        # the total row only
    write_report(march, "csv", tmp_path / "m.csv")
    csv = pd.read_csv(tmp_path / "m.csv", encoding="utf-8-sig", keep_default_na=False)
    tv = csv[csv["Mã cơ quan"] == "thainguyentv"]
    assert len(tv) == 1 and tv.iloc[0]["Tổng (mỗi tin, bài tính một lần)"] == 0
    assert tv.iloc[0]["Cơ quan báo chí"] == "Đài Phát thanh - Truyền hình Thái Nguyên"
    write_report(march, "xlsx", tmp_path / "m.xlsx")
    assert "thainguyentv" in set(pd.read_excel(tmp_path / "m.xlsx", sheet_name="Số liệu")["Mã cơ quan"])
    rows = json.loads(write_report(march, "json"))["counts"]
    assert {(r["outlet"], r["content_type"]) for r in rows if r["any_topic"] == 0} >= {("thainguyentv", "tổng")}
    # a period with nothing at all: every active outlet and the grand total, all zeros
    empty = build_report(report_db, make_period(year=2018))
    assert [(r["outlet"], r["content_type"]) for r in empty.counts.to_dict("records")] == [
        ("baothainguyen", "tổng"), ("thainguyentv", "tổng"), ("tổng", "tổng")]
    assert empty.counts[NUMBERS].to_numpy().sum() == 0
    write_report(empty, "csv", tmp_path / "e.csv")
    assert list(pd.read_csv(tmp_path / "e.csv", encoding="utf-8-sig", keep_default_na=False)["Cơ quan báo chí"]) \
        == ["Báo Thái Nguyên", "Đài Phát thanh - Truyền hình Thái Nguyên", "Tất cả"]


def test_missing_content_type_is_kept():
    rows = [{"article_id": 1, "outlet": "x", "outlet_name": "X", "title": "t", "url": "u",
             "published_at": "2020-01-01T00:00:00+07:00", "day": "2020-01-01", "month": "2020-01",
             "content_type": None, "counted": 1, "noi_chinh": 1, "pctn": 0, "cctp": 0, "any_topic": 1,
             "reviewed": 0, "classified": 1}]
    table = count_table(items_frame(rows, [{"id": "x", "name": "X"}]))
    assert _row(table, "x", "khac")[:4] == (1, 0, 0, 1)
    assert _row(table, "tổng", "tổng")[:4] == (1, 0, 0, 1)


def test_monthly_counts_keep_zero_months(year_2020):
    monthly = year_2020.monthly
    assert len(monthly) == 12 * 2
    btn = monthly[monthly["outlet"] == "baothainguyen"].set_index("month")
    assert btn.loc["2020-02", "any_topic"] == 0
    assert btn.loc["2020-03", "any_topic"] == 2
    assert btn["any_topic"].sum() == 7
    assert monthly["any_topic"].sum() == 11


# ---- comparison and summary -----------------------------------------------------------------
def test_comparison_with_previous_year(year_2020):
    cmp = year_2020.comparison.set_index(["outlet", "topic"])
    assert tuple(cmp.loc[("baothainguyen", "any_topic"), ["count", "previous", "change", "percent"]]) == (7, 2, 5, 250.0)
    assert tuple(cmp.loc[("thainguyentv", "any_topic"), ["count", "previous", "change", "percent"]]) == (4, 2, 2, 100.0)
    assert tuple(cmp.loc[("tổng", "any_topic"), ["count", "previous", "change", "percent"]]) == (11, 4, 7, 175.0)
    assert tuple(cmp.loc[("thainguyentv", "noi_chinh"), ["count", "previous", "change"]]) == (3, 2, 1)
    assert pd.isna(cmp.loc[("baothainguyen", "cctp"), "percent"])       # 2 against 0: no percentage


def test_summary_sentences(year_2020):
    assert year_2020.summary == (
        f"Năm 2020, Báo Thái Nguyên đã đăng tải 7 tin, bài, ảnh tuyên truyền về {SUBJECT} "
        "(trong đó: 3 tin, 3 bài, 1 ảnh; 3 về nội chính, 3 về phòng, chống tham nhũng, tiêu cực, "
        "2 về cải cách tư pháp), tăng 5 tin, bài (250%) so với năm 2019. "
        f"Năm 2020, Đài Phát thanh - Truyền hình Thái Nguyên đã đăng tải, phát sóng 4 tin, bài, "
        f"phóng sự, chương trình tuyên truyền về {SUBJECT} (trong đó: 1 tin, 1 video, 2 audio "
        "(phóng sự, chương trình); 3 về nội chính, 1 về phòng, chống tham nhũng, tiêu cực, "
        "1 về cải cách tư pháp), tăng 2 tin, bài (100%) so với năm 2019. "
        "Tính chung năm 2020, các cơ quan báo chí đã đăng tải, phát sóng 11 tin, bài, ảnh, phóng sự, "
        f"chương trình tuyên truyền về {SUBJECT} (trong đó: 4 tin, 3 bài, 1 ảnh, 1 video, 2 audio "
        "(phóng sự, chương trình); 6 về nội chính, 4 về phòng, chống tham nhũng, tiêu cực, "
        "3 về cải cách tư pháp), tăng 7 tin, bài (175%) so với năm 2019. "
        f"Lưu ý: {UNCLASSIFIED_NOTE}")


def _store_off_topic(db, outlet: str, published_at: str, key: str) -> int:
    """A stored, classified piece on no topic: the period was crawled, its count is a true zero."""
    url = f"https://{outlet}.vn/khac/{key}"
    db.upsert_article({"outlet": outlet, "url": url, "canonical_url": url, "title": f"Tin khác {key}",
                       "lead": "Sapo.", "body": f"Nội dung khác {key}.", "published_at": published_at,
                       "content_type": "tin"})
    article_id = db.query("SELECT id FROM articles WHERE canonical_url = ?", [url])[0]["id"]
    db.store_predictions([
        {"article_id": article_id, "label": label, "model_id": MODEL, "score": 0.1, "predicted": 0,
         "evidence": "[]", "content_hash": "h", "created_at": "2026-01-01T00:00:00+00:00"}
        for label in ("noi_chinh", "pctn", "cctp")])
    return article_id


def test_summary_quarter_month_decrease_and_equal(report_db):
    _store_off_topic(report_db, "baothainguyen", "2019-11-05T08:00:00+07:00", "q4")      # Q4 2019 was crawled
    q1 = build_report(report_db, make_period(quarter="2020Q1")).summary
    assert q1.startswith("Quý I/2020, Báo Thái Nguyên đã đăng tải 3 tin, bài tuyên truyền về")
    assert "tăng 3 tin, bài so với quý IV/2019." in q1                    # nothing before: no percentage
    _store_off_topic(report_db, "baothainguyen", "2020-02-10T08:00:00+07:00", "feb")
    feb = build_report(report_db, make_period(month="2020-02")).summary
    assert feb.startswith("Tháng 2/2020, Báo Thái Nguyên không có tin, bài nào tuyên truyền về")
    assert "Tháng 2/2020, Đài Phát thanh - Truyền hình Thái Nguyên đã phát sóng 2 phóng sự, chương trình" in feb
    assert "Tính chung" not in feb                                         # one outlet published
    _store_off_topic(report_db, "baothainguyen", "2021-05-05T08:00:00+07:00", "2021")
    year_2021 = build_report(report_db, make_period(year=2021)).summary
    assert f"Năm 2021, Báo Thái Nguyên không có tin, bài nào tuyên truyền về {SUBJECT}, " \
           "giảm 7 tin, bài (100%) so với năm 2020." in year_2021
    # an editor adds April's one piece; March had two at the newspaper: a fall of 50%
    report_db.add_review(report_db.ids["a10"], "pctn", 1, "bientapvien")
    same = build_report(report_db, make_period(date_from="2020-04-01", date_to="2020-04-30"))
    assert "tháng 4/2020" == same.period.label and "giảm 1 tin, bài (50%) so với tháng 3/2020" in same.summary


NO_DATA = "chưa có dữ liệu của {name}: cơ sở dữ liệu chưa lưu tin, bài nào của cơ quan này trong kỳ."
BTN, TV = "Báo Thái Nguyên", "Đài Phát thanh - Truyền hình Thái Nguyên"


@pytest.mark.parametrize("year", [2018, 2099])                             # never crawled / not yet happened
def test_a_period_without_any_stored_article_is_no_data_not_zero(report_db, year):
    report = build_report(report_db, make_period(year=year))
    assert report.summary.startswith(f"Năm {year}, {NO_DATA.format(name=BTN)}")
    assert "không có tin, bài nào" not in report.summary and "so với" not in report.summary
    assert any(w.startswith(f"Cơ sở dữ liệu chưa có tin, bài nào của {BTN} trong năm {year}")
               for w in report.warnings)
    cmp = report.comparison[report.comparison["topic"] == "any_topic"].set_index("outlet")
    assert not cmp.loc["baothainguyen", "has_data"] and cmp["change"].isna().all()
    data = json.loads(write_report(report, "json"))
    assert next(r for r in data["coverage"] if r["outlet"] == "baothainguyen")["no_data"] is True
    table = write_report(report, "table")
    assert "chưa có dữ liệu" in table.split("So với", 1)[1]


def test_no_comparison_with_a_previous_period_without_data(report_db):
    # 2019 holds articles of both outlets, 2018 none: 2019 is reported, but not against 2018
    report = build_report(report_db, make_period(year=2019))
    assert report.summary.startswith(f"Năm 2019, {BTN} đã đăng tải 2 tin, bài tuyên truyền về")
    assert "so với năm 2018" not in report.summary and "tăng" not in report.summary
    assert any(w.startswith(f"Cơ sở dữ liệu chưa có tin, bài nào của {BTN} trong năm 2018") for w in report.warnings)
    cmp = report.comparison[report.comparison["topic"] == "any_topic"].set_index("outlet")
    assert cmp.loc["baothainguyen", "has_data"] and not cmp.loc["baothainguyen", "previous_has_data"]
    assert pd.isna(cmp.loc["baothainguyen", "change"]) and pd.isna(cmp.loc["tổng", "change"])
    # one outlet without data before: that outlet and the total lose their comparison, not the other
    _store_off_topic(report_db, "thainguyentv", "2018-06-01T19:00:00+07:00", "2018")
    report = build_report(report_db, make_period(year=2019))
    assert f"{TV} đã phát sóng 2 phóng sự, chương trình tuyên truyền về {SUBJECT} (trong đó: 2 video " \
           "(phóng sự, chương trình); 2 về nội chính), tăng 2 phóng sự, chương trình so với năm 2018." \
        in report.summary
    assert "Tính chung năm 2019" in report.summary and report.summary.count("so với năm 2018") == 1


def test_empty_period_gives_zeros_and_a_sentence(report_db):
    _store_off_topic(report_db, "baothainguyen", "2018-03-01T08:00:00+07:00", "2018a")  # crawled, nothing on a topic
    report = build_report(report_db, make_period(year=2018))
    assert report.items["any_topic"].sum() == 0 and report.counts[NUMBERS].to_numpy().sum() == 0
    assert set(report.comparison["count"]) <= {0} and set(report.comparison["previous"]) <= {0}
    assert len(report.monthly) == 12 * 2 and report.monthly["any_topic"].sum() == 0
    assert report.summary == (
        f"Năm 2018, {BTN} không có tin, bài nào tuyên truyền về {SUBJECT}. "
        f"Năm 2018, {NO_DATA.format(name=TV)} "
        f"Lưu ý: Cơ sở dữ liệu chưa có tin, bài nào của {BTN} trong năm 2017, kỳ so sánh: không so sánh được "
        "với kỳ đó.")
    # after the merger only the merged outlet is active
    assert build_report(report_db, make_period(year=2027)).outlets == (("baothainguyen", "Báo Thái Nguyên"),)


def test_empty_database(tmp_path):
    db = open_database(tmp_path / "empty.db")
    try:
        report = build_report(db, make_period(month="2020-03"))
    finally:
        db.close()
    assert report.summary == "Tháng 3/2020, chưa có dữ liệu: cơ sở dữ liệu chưa lưu tin, bài nào trong kỳ."
    assert report.warnings == ("Cơ sở dữ liệu chưa có tin, bài nào trong tháng 3/2020.",)
    for fmt in ("table", "json"):
        assert write_report(report, fmt)
    write_report(report, "xlsx", tmp_path / "empty.xlsx")
    write_report(report, "csv", tmp_path / "empty.csv")
    csv = pd.read_csv(tmp_path / "empty.csv", encoding="utf-8-sig")
    assert list(csv["Cơ quan báo chí"]) == ["Tất cả"] and csv["Tổng (mỗi tin, bài tính một lần)"].sum() == 0
    assert {p.suffix for p in write_charts(report, tmp_path / "charts")} == {".png", ".svg"}


def test_vietnamese_number_formatting():
    assert format_number(1234567) == "1.234.567"
    assert format_number(215) == "215"
    assert format_number(10.5, 1) == "10,5"
    assert format_percent(10.5) == "10,5%"
    assert format_percent(250.0) == "250%"
    assert format_percent(1234.56) == "1.234,6%"
    counts = pd.DataFrame([
        {"outlet": "x", "outlet_name": "X", "content_type": "tin", "noi_chinh": 1500, "pctn": 0, "cctp": 0,
         "any_topic": 1500, "reviewed": 0, "model_only": 1500},
        {"outlet": "x", "outlet_name": "X", "content_type": "tổng", "noi_chinh": 1500, "pctn": 0, "cctp": 0,
         "any_topic": 1500, "reviewed": 0, "model_only": 1500}])
    comparison = pd.DataFrame([{"outlet": "x", "topic": "any_topic", "count": 1500, "previous": 1200,
                                "change": 300, "percent": 25.0}])
    text = summary_text(make_period(year=2020), counts, comparison, [("x", "Báo X")])
    assert text == (f"Năm 2020, Báo X đã đăng tải 1.500 tin, bài tuyên truyền về {SUBJECT} "
                    "(trong đó: 1.500 tin; 1.500 về nội chính), tăng 300 tin, bài (25%) so với năm 2019.")
    comparison.loc[0, "previous"] = 1500
    text = summary_text(make_period(year=2020), counts, comparison, [("x", "Báo X")])
    assert text.endswith("), bằng với năm 2019.")
    comparison.loc[0, "previous"] = 1384
    text = summary_text(make_period(year=2020), counts, comparison, [("x", "Báo X")])
    assert text.endswith("tăng 116 tin, bài (8,4%) so với năm 2019.")


# ---- what the counts leave out ------------------------------------------------------------------
UNCLASSIFIED_NOTE = ("Báo Thái Nguyên có 1 tin, bài trong kỳ chưa được phân loại chủ đề, "
                     "chưa được tính vào số liệu theo chủ đề.")


def test_unclassified_items_are_reported_in_every_channel(report_db, year_2020, tmp_path):
    # a10 (April 2020, the newspaper) was stored but never classified
    coverage = year_2020.coverage.set_index("outlet")
    assert (coverage.loc["baothainguyen", "unclassified"], coverage.loc["thainguyentv", "unclassified"],
            coverage.loc["tổng", "unclassified"]) == (1, 0, 1)
    assert UNCLASSIFIED_NOTE in year_2020.warnings
    assert year_2020.summary.endswith(" Lưu ý: " + " ".join(year_2020.warnings))
    table = write_report(year_2020, "table")
    assert "Lưu ý:" in table and UNCLASSIFIED_NOTE in table
    data = json.loads(write_report(year_2020, "json"))
    assert data["warnings"] == list(year_2020.warnings)
    assert next(r for r in data["coverage"] if r["outlet"] == "baothainguyen")["unclassified"] == 1
    write_report(year_2020, "csv", tmp_path / "c.csv")
    csv = pd.read_csv(tmp_path / "c.csv", encoding="utf-8-sig", keep_default_na=False)
    notes = csv.set_index(["Mã cơ quan", "Loại"])["Lưu ý"]                 # on the outlet's total row
    assert notes[("baothainguyen", "Tổng")] == UNCLASSIFIED_NOTE
    assert set(notes.drop(("baothainguyen", "Tổng"))) == {""}
    write_report(year_2020, "xlsx", tmp_path / "c.xlsx")
    sheet = pd.read_excel(tmp_path / "c.xlsx", sheet_name="Số liệu")
    assert UNCLASSIFIED_NOTE in set(sheet["Lưu ý"])
    summary = pd.read_excel(tmp_path / "c.xlsx", sheet_name="Tóm tắt").set_index("Mục")["Nội dung"]
    assert UNCLASSIFIED_NOTE in summary["Lưu ý"]
    # once it is classified (here by an editor) the note goes
    report_db.add_review(report_db.ids["a10"], "pctn", 0, "bientapvien")
    again = build_report(report_db, make_period(year=2020))
    assert again.coverage.set_index("outlet").loc["tổng", "unclassified"] == 0
    assert not any("phân loại" in w for w in again.warnings) and "phân loại" not in again.summary


def _classified(db, url: str, on: set[str]) -> int:
    """The id of the article stored at *url*, given the model's predictions: the topics *on*."""
    article_id = db.query("SELECT id FROM articles WHERE canonical_url = ?", [url])[0]["id"]
    db.store_predictions([
        {"article_id": article_id, "label": label, "model_id": MODEL, "score": 0.9 if label in on else 0.1,
         "predicted": int(label in on), "evidence": "[]", "content_hash": "h",
         "created_at": "2026-01-01T00:00:00+00:00"} for label in ("noi_chinh", "pctn", "cctp")])
    return article_id


UNDATED_NOTE = ("Báo Thái Nguyên có 2 tin, bài đã lưu chưa rõ ngày đăng (trong đó 1 thuộc ít nhất một chủ đề), "
                "chưa được tính vào kỳ báo cáo nào; cần xác định ngày đăng của các tin, bài này.")


def _store_undated(db, key: str, outlet: str, on: set[str]) -> int:
    url = f"https://{outlet}.vn/khong-ngay/{key}"
    db.upsert_article({"outlet": outlet, "url": url, "canonical_url": url, "title": f"Bài {key} chưa rõ ngày",
                       "lead": "Sapo.", "body": f"Nội dung {key}.", "published_at": None, "content_type": "bai"})
    return _classified(db, url, on)


def test_undated_articles_are_reported_in_every_channel(report_db, tmp_path):
    _store_undated(report_db, "u1", "baothainguyen-legacy", {"pctn"})   # on a topic, from the archive site
    _store_undated(report_db, "u2", "baothainguyen", set())
    taken_out = _store_undated(report_db, "u3", "thainguyentv", {"noi_chinh"})
    report_db.add_review(taken_out, "counted", 0, "bientapvien")        # not counted: not worth a note
    report = build_report(report_db, make_period(month="2020-03"))
    coverage = report.coverage.set_index("outlet")
    assert tuple(coverage.loc["baothainguyen", ["undated", "undated_on_topic"]]) == (2, 1)
    assert tuple(coverage.loc["thainguyentv", ["undated", "undated_on_topic"]]) == (0, 0)
    assert tuple(coverage.loc["tổng", ["undated", "undated_on_topic"]]) == (2, 1)
    assert UNDATED_NOTE in report.warnings
    assert not any("Đài" in w and "chưa rõ ngày đăng" in w for w in report.warnings)
    assert UNDATED_NOTE in report.summary.split("Lưu ý: ", 1)[1]
    assert UNDATED_NOTE in write_report(report, "table").split("Lưu ý:", 1)[1]
    data = json.loads(write_report(report, "json"))
    assert UNDATED_NOTE in data["warnings"]
    assert next(r for r in data["coverage"] if r["outlet"] == "baothainguyen")["undated"] == 2
    write_report(report, "csv", tmp_path / "u.csv")
    notes = pd.read_csv(tmp_path / "u.csv", encoding="utf-8-sig", keep_default_na=False).set_index(
        ["Mã cơ quan", "Loại"])["Lưu ý"]
    assert UNDATED_NOTE in notes[("baothainguyen", "Tổng")]
    write_report(report, "xlsx", tmp_path / "u.xlsx")
    summary = pd.read_excel(tmp_path / "u.xlsx", sheet_name="Tóm tắt").set_index("Mục")["Nội dung"]
    assert UNDATED_NOTE in summary["Lưu ý"]
    # an outlet the period does not cover still has its undated articles named (on the grand total row)
    _store_undated(report_db, "u4", "thainguyentv", {"noi_chinh"})
    after_merger = build_report(report_db, make_period(year=2027))
    assert any(w.startswith("Đài Phát thanh - Truyền hình Thái Nguyên có 1 tin, bài đã lưu chưa rõ ngày đăng")
               for w in after_merger.warnings)
    assert "Đài Phát thanh" in dict(zip(after_merger.counts["outlet"], _csv_notes(after_merger, tmp_path)))["tổng"]


def _csv_notes(report: Report, tmp_path: Path) -> list[str]:
    write_report(report, "csv", tmp_path / "notes.csv")
    return list(pd.read_csv(tmp_path / "notes.csv", encoding="utf-8-sig", keep_default_na=False)["Lưu ý"])


# ---- exports -------------------------------------------------------------------------------
def test_table_format(year_2020, tmp_path):
    text = write_report(year_2020, "table", tmp_path / "out" / "bang.txt")
    assert (tmp_path / "out" / "bang.txt").read_text(encoding="utf-8") == text
    for header in ("Cơ quan báo chí", "Loại", "Nội chính", "PCTN, tiêu cực", "CCTP", "Tổng", "Đã duyệt"):
        assert header in text
    assert "NĂM 2020 (01/01/2020 – 31/12/2020)" in text
    assert year_2020.summary in text
    assert re.search(r"Báo Thái Nguyên\s+Tổng\s+3\s+3\s+2\s+7\s+1\s+6", text)
    assert re.search(r"Tất cả\s+11\s+4\s+\+7\s+175%", text)


def test_csv_format(year_2020, tmp_path):
    path = tmp_path / "so-lieu.csv"
    assert write_report(year_2020, "csv", path) is None
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")                  # BOM for Excel
    frame = pd.read_csv(path, encoding="utf-8-sig", keep_default_na=False)
    assert len(frame) == len(EXPECTED_2020)
    assert list(frame.columns[:3]) == ["Mã cơ quan", "Cơ quan báo chí", "Loại"]
    total = frame[(frame["Cơ quan báo chí"] == "Báo Thái Nguyên") & (frame["Loại"] == "Tổng")].iloc[0]
    assert (total["Nội chính"], total["Phòng, chống tham nhũng, tiêu cực"], total["Cải cách tư pháp"],
            total["Tổng (mỗi tin, bài tính một lần)"]) == (3, 3, 2, 7)
    assert set(frame["Loại"]) == {"tin", "bài", "ảnh", "video", "audio", "Tổng"}


def test_json_format(year_2020, tmp_path, report_db):
    path = tmp_path / "bao-cao.json"
    text = write_report(year_2020, "json", path)
    assert "Báo Thái Nguyên" in text                                        # ensure_ascii=False
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["period"]["from"] == "2020-01-01" and data["period"]["to"] == "2020-12-31"
    assert data["period"]["label"] == "năm 2020"
    assert set(data) >= {"period", "counts", "monthly", "comparison", "summary", "articles"}
    assert len(data["counts"]) == len(EXPECTED_2020) and len(data["monthly"]) == 24
    grand = next(r for r in data["counts"] if r["outlet"] == "tổng")
    assert [grand[c] for c in NUMBERS] == list(EXPECTED_2020[("tổng", "tổng")])
    cctp = next(r for r in data["comparison"] if r["outlet"] == "baothainguyen" and r["topic"] == "cctp")
    assert cctp["percent"] is None and cctp["count"] == 2
    assert data["summary"] == year_2020.summary
    assert len(data["articles"]) == 11                                      # the pieces behind "Tổng"
    by_id = {a["article_id"]: a for a in data["articles"]}
    assert by_id[report_db.ids["a2"]]["topics"] == ["noi_chinh", "pctn"]
    assert by_id[report_db.ids["a5"]]["review"] == "reviewed"
    assert by_id[report_db.ids["a1"]]["review"] == "model"
    assert by_id[report_db.ids["a8"]]["outlet"] == "baothainguyen"
    assert by_id[report_db.ids["a8"]]["source_outlet"] == "baothainguyen-legacy"


def test_xlsx_format(year_2020, tmp_path, report_db):
    path = tmp_path / "xuat" / "bao-cao.xlsx"
    assert write_report(year_2020, "xlsx", path) is None
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == list(SHEETS)
    assert book.sheetnames[:4] == ["Số liệu", "Theo tháng", "Danh sách bài", "So sánh"]
    sheets = pd.read_excel(path, sheet_name=None)
    assert len(sheets["Số liệu"]) == len(EXPECTED_2020)
    assert len(sheets["Theo tháng"]) == 24
    assert len(sheets["Danh sách bài"]) == 11
    assert len(sheets["So sánh"]) == 3 * 4
    counts = sheets["Số liệu"]
    total = counts[(counts["Mã cơ quan"] == "thainguyentv") & (counts["Loại"] == "Tổng")].iloc[0]
    assert total["Tổng (mỗi tin, bài tính một lần)"] == 4
    articles = sheets["Danh sách bài"]
    assert list(articles.columns) == ["Mã bài", "Tiêu đề", "Ngày đăng", "Cơ quan báo chí", "Loại", "Chủ đề",
                                      "Đường dẫn", "Trạng thái"]
    a2 = articles[articles["Mã bài"] == report_db.ids["a2"]].iloc[0]
    assert a2["Chủ đề"] == "Nội chính; Phòng, chống tham nhũng, tiêu cực"
    assert a2["Ngày đăng"] == pd.Timestamp("2020-03-01 08:00")
    assert set(articles["Trạng thái"]) == {"đã duyệt", "mô hình"}
    link = book["Danh sách bài"].cell(2, 7)
    assert link.hyperlink is not None and link.hyperlink.target == link.value
    compare = sheets["So sánh"]
    assert list(compare.columns[2:4]) == ["Năm 2020", "Năm 2019"]
    assert book["Tóm tắt"]["B6"].value == year_2020.summary


FORMULA_LIKE_TITLES = ("=2+2 Công an huyện khởi tố vụ nhận hối lộ", "+84 cuộc thanh tra trong năm",
                       "-1 vụ án tham nhũng được phát hiện", "@Ban Nội chính: họp giao ban")


def test_xlsx_writes_scraped_text_as_text_never_as_a_formula(report_db, tmp_path):
    for n, title in enumerate(FORMULA_LIKE_TITLES):
        url = f"https://baothainguyen.vn/bai/formula-{n}"
        report_db.upsert_article({"outlet": "baothainguyen", "url": url, "canonical_url": url, "title": title,
                                  "lead": "Sapo.", "body": f"Nội dung {n}.",
                                  "published_at": "2020-12-30T08:00:00+07:00", "content_type": "tin"})
        article_id = report_db.query("SELECT id FROM articles WHERE canonical_url = ?", [url])[0]["id"]
        report_db.add_review(article_id, "pctn", 1, "bientapvien")
    path = tmp_path / "cong-thuc.xlsx"
    write_report(build_report(report_db, make_period(month="2020-12")), "xlsx", path)
    book = openpyxl.load_workbook(path)
    for sheet in book:
        for row in sheet.iter_rows():
            assert all(cell.data_type != "f" for cell in row), [(c.coordinate, c.value) for c in row]
    titles = {cell.value: cell for cell in book["Danh sách bài"]["B"][1:]}
    for title in FORMULA_LIKE_TITLES:
        assert titles[title].data_type == "s" and titles[title].quotePrefix, title   # stays text when edited
    read_back = pd.read_excel(path, sheet_name="Danh sách bài")
    assert set(FORMULA_LIKE_TITLES) <= set(read_back["Tiêu đề"])


def test_comparison_names_an_outlet_that_published_only_in_the_previous_period(report_db, tmp_path):
    # 2026: the broadcaster has merged away; its last pieces (2025) are only in the compared year
    report = build_report(report_db, make_period(year=2026))
    assert "thainguyentv" in set(report.comparison["outlet"])
    tv = "Đài Phát thanh - Truyền hình Thái Nguyên"
    table = write_report(report, "table")
    comparison_part = table.split("So với năm 2025")[1]
    assert tv in comparison_part and "thainguyentv" not in comparison_part
    write_report(report, "xlsx", tmp_path / "2026.xlsx")
    sheet = pd.read_excel(tmp_path / "2026.xlsx", sheet_name="So sánh")
    assert tv in set(sheet["Cơ quan báo chí"]) and "thainguyentv" not in set(sheet["Cơ quan báo chí"])
    rows = json.loads(write_report(report, "json"))["comparison"]
    assert {r["outlet_name"] for r in rows if r["outlet"] == "thainguyentv"} == {tv}


def test_formats_refuse_bad_requests(year_2020):
    with pytest.raises(ValueError, match="output path"):
        write_report(year_2020, "xlsx", None)
    with pytest.raises(ValueError, match="output path"):
        write_report(year_2020, "csv")
    with pytest.raises(ReportError, match="unknown report format"):
        write_report(year_2020, "pdf")


def test_unwritable_output_is_report_error(year_2020, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    with pytest.raises(ReportError, match="cannot write"):
        write_report(year_2020, "csv", blocker / "so-lieu.csv")


# ---- charts --------------------------------------------------------------------------------
def test_charts_png_and_svg(year_2020, tmp_path):
    with warnings.catch_warnings():
        warnings.simplefilter("error")                                    # a missing glyph warns
        paths = write_charts(year_2020, tmp_path / "bieu-do")
    assert sorted(p.name for p in paths) == sorted([
        "bieu-do-2020-chu-de.png", "bieu-do-2020-chu-de.svg",
        "bieu-do-2020-co-quan.png", "bieu-do-2020-co-quan.svg"])
    for path in paths:
        assert path.exists() and path.stat().st_size > 1000
        head = path.read_bytes()[:200]
        assert head.startswith(b"\x89PNG") if path.suffix == ".png" else b"<svg" in path.read_bytes()[:2000]
    svg = (tmp_path / "bieu-do" / "bieu-do-2020-chu-de.svg").read_text(encoding="utf-8")
    assert "Tin, bài theo chủ đề và theo tháng, năm 2020" in svg           # titles kept as comments/text


def test_charts_do_not_switch_the_global_backend(year_2020, tmp_path):
    import matplotlib

    before = matplotlib.get_backend()
    write_charts(year_2020, tmp_path)
    assert matplotlib.get_backend() == before


# ---- the same piece stored twice --------------------------------------------------------------
def _store_copy(db, key: str, outlet: str, on: set[str]) -> int:
    """Another stored copy of ARTICLES[key] (same title, sapo, text and day) under *outlet*."""
    published_at = ARTICLES[key][1]
    url = f"https://{outlet}.vn/ban-sao/{key}"
    assert db.upsert_article({"outlet": outlet, "url": url, "canonical_url": url, "title": f"Bài {key} về nội chính",
                              "lead": "Sapo.", "body": f"Nội dung {key}.", "published_at": published_at,
                              "content_type": ARTICLES[key][2]}) == "inserted"
    return _classified(db, url, on)


def test_a_piece_stored_from_the_archive_and_the_new_site_counts_once(report_db):
    ids = report_db.ids
    copy = _store_copy(report_db, "a1", "baothainguyen-legacy", {"noi_chinh"})   # archive copy of a1
    other_outlet = _store_copy(report_db, "a2", "thainguyentv", {"noi_chinh", "pctn"})  # same text, other outlet
    hashes = {r["id"]: r["content_hash"] for r in report_db.query("SELECT id, content_hash FROM articles")}
    assert hashes[copy] == hashes[ids["a1"]] and hashes[other_outlet] == hashes[ids["a2"]]
    report = build_report(report_db, make_period(year=2020))
    assert _row(report.counts, "baothainguyen", "tin") == EXPECTED_2020[("baothainguyen", "tin")]
    assert _row(report.counts, "baothainguyen", "tổng") == EXPECTED_2020[("baothainguyen", "tổng")]
    assert _row(report.counts, "thainguyentv", "tin")[:4] == (1, 2, 0, 2)    # another outlet's copy counts
    kept = set(report.items["article_id"])
    assert ids["a1"] in kept and copy not in kept                            # neither reviewed: the first stored
    year = make_period(year=2020)
    assert _sql_totals(report_db, _readme_query(), year) == _report_totals(report_db, year)
    # an editor's decision on the archive copy: that copy is the one counted
    report_db.add_review(copy, "pctn", 1, "bientapvien")
    report = build_report(report_db, make_period(year=2020))
    assert copy in set(report.items["article_id"]) and ids["a1"] not in set(report.items["article_id"])
    assert _row(report.counts, "baothainguyen", "tin")[:4] == (3, 2, 0, 3)
    records = {r["article_id"]: r for r in json.loads(write_report(report, "json"))["articles"]}
    assert records[copy]["source_outlet"] == "baothainguyen-legacy" and ids["a1"] not in records
    assert _sql_totals(report_db, _readme_query(), year) == _report_totals(report_db, year)
    # one copy taken out by an editor: the other still counts, once
    report_db.add_review(copy, "counted", 0, "bientapvien")
    report = build_report(report_db, make_period(year=2020))
    assert _row(report.counts, "baothainguyen", "tổng") == EXPECTED_2020[("baothainguyen", "tổng")]
    assert _sql_totals(report_db, _readme_query(), year) == _report_totals(report_db, year)


# ---- the SQL example of report/README_SQL.md -----------------------------------------------
YEARLY_MARK = "yearly counts per reporting outlet"


LIST_MARK = "the articles behind one number"


def _readme_query(doc: str = "report/README_SQL.md", mark: str = YEARLY_MARK) -> str:
    text = (ROOT / doc).read_text(encoding="utf-8")
    blocks = re.findall(r"```sql\n(.*?)```", text, flags=re.S)
    return next(b for b in blocks if mark in b)


def _sql_rows(db, query: str, period: Period) -> list[dict]:
    """The query's rows for the period (:date_from, :date_to), read as a script would: read-only."""
    conn = sqlite3.connect(f"file:{db.path}?mode=ro", uri=True)
    conn.row_factory = sqlite3.Row
    try:
        return [dict(r) for r in conn.execute(query, {"date_from": period.start.isoformat(),
                                                      "date_to": period.end.isoformat()})]
    finally:
        conn.close()


def _sql_totals(db, query: str, period: Period) -> dict[str, tuple]:
    """The query's rows by outlet: (year, name, noi_chinh, pctn, cctp, any_topic, any_topic_reviewed)."""
    return {r["outlet"]: (r["year"], r["outlet_name"], r["noi_chinh"], r["pctn"], r["cctp"], r["any_topic"],
                          r["any_topic_reviewed"]) for r in _sql_rows(db, query, period)}


def _report_totals(db, period: Period) -> dict[str, tuple]:
    """The report's outlet totals with items, in _sql_totals' shape (a year's period)."""
    report = build_report(db, period)
    counts = report.counts
    totals = counts[(counts["content_type"] == "tổng") & (counts["outlet"] != "tổng")]
    with_items = set(report.items["outlet"])
    return {r["outlet"]: (str(period.start.year), r["outlet_name"], r["noi_chinh"], r["pctn"], r["cctp"],
                          r["any_topic"], r["reviewed"])
            for r in totals.to_dict(orient="records") if r["outlet"] in with_items}


@pytest.mark.parametrize("doc", ["report/README_SQL.md", "README.md"])
@pytest.mark.parametrize("year", [2019, 2020, 2025])
def test_readme_sql_matches_build_report(report_db, year, doc):
    _store_copy(report_db, "a1", "baothainguyen-legacy", {"noi_chinh"})   # a piece stored twice
    period = make_period(year=year)
    got = _sql_totals(report_db, _readme_query(doc), period)
    assert got == _report_totals(report_db, period)
    if year == 2020:
        assert got["baothainguyen"][2:6] == (3, 3, 2, 7)                   # the hand count


def test_readme_sql_lists_the_articles_behind_a_number_as_the_count_takes_them(report_db):
    """report/README_SQL.md's list behind one number (Báo Thái Nguyên's anti-corruption items)
    holds the articles its count takes: the archive site's too, a piece stored twice once."""
    copy = _store_copy(report_db, "a2", "baothainguyen-legacy", {"noi_chinh", "pctn"})   # a2 from the archive
    year = make_period(year=2020)
    query = _readme_query(mark=LIST_MARK)

    def behind_the_number() -> list[int]:
        items = build_report(report_db, year).items
        return sorted(items[(items["outlet"] == "baothainguyen") & (items["pctn"] == 1)]["article_id"])

    listed = [r["article_id"] for r in _sql_rows(report_db, query, year)]
    assert sorted(listed) == behind_the_number() == sorted(report_db.ids[k] for k in ("a2", "a4", "a8"))
    report_db.add_review(copy, "cctp", 0, "bientapvien")    # a decision on the archive copy: it is the one
    listed = [r["article_id"] for r in _sql_rows(report_db, query, year)]
    assert sorted(listed) == behind_the_number() == sorted([copy, report_db.ids["a4"], report_db.ids["a8"]])


def test_readme_counts_report_items_only_with_the_tested_query():
    """README.md once showed a GROUP BY of report_items by stored outlet that no test ran: it
    counted the archive site apart and the broadcaster's post-merger items as its own. Every
    count it shows over report_items must be the query the test above runs."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    tested = _readme_query("README.md")
    assert text.count("FROM report_items") == tested.count("FROM report_items") == 1


def test_comparison_changes_stay_whole_numbers_beside_empty_ones(report_db, tmp_path):
    _store_off_topic(report_db, "thainguyentv", "2018-06-01T19:00:00+07:00", "2018")   # 2018: the broadcaster only
    report = build_report(report_db, make_period(year=2019))
    rows = {(r["outlet"], r["topic"]): r for r in json.loads(write_report(report, "json"))["comparison"]}
    tv = rows[("thainguyentv", "any_topic")]["change"]
    assert tv == 2 and isinstance(tv, int)
    assert rows[("baothainguyen", "any_topic")]["change"] is None
    assert rows[("tổng", "any_topic")]["change"] is None
    write_report(report, "xlsx", tmp_path / "c.xlsx")
    sheet = pd.read_excel(tmp_path / "c.xlsx", sheet_name="So sánh")
    total = sheet[(sheet["Cơ quan báo chí"] == "Tất cả") & (sheet["Chủ đề"] == "Tổng (mỗi tin, bài tính một lần)")]
    assert total.iloc[0]["Ghi chú"] == "Chưa đủ dữ liệu năm 2018"
    table = write_report(report, "table")
    assert re.search(r"Tất cả\s+4\s+0 \(chưa đủ dữ liệu\)", table)
