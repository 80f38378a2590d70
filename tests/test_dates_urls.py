"""Vietnamese dates, canonical URLs, mirrors and the content-type rules."""
from __future__ import annotations

import dataclasses
import unicodedata

import pytest
import yaml
from parsel import Selector

from crawler.config import ConfigError, load_sources
from crawler.dates import (MAX_YEAR, MIN_YEAR, fits_url_date, has_date, is_date_line, parse_date, url_date,
                          wall_clock, zoneless_as_utc)
from crawler.extract import decide_content_type
from crawler.urls import Mirror, canonical_url, is_article_url
from tests.conftest import DATA

ORIGIN = "http://127.0.0.1:8765"


# ---- dates -------------------------------------------------------------------------------
@pytest.mark.parametrize("text,expected", [
    # every form in shared/docs/sources.md
    ("17:24, 18/01/2021", "2021-01-18T17:24:00+07:00"),
    ("Thứ Hai, 12/10/2020 - 08:30", "2020-10-12T08:30:00+07:00"),
    ("08:30 ngày 12/10/2020", "2020-10-12T08:30:00+07:00"),
    ("21 tháng 09 năm 2025", "2025-09-21T00:00:00+07:00"),
    ("14:30 | 18/04/2022", "2022-04-18T14:30:00+07:00"),
    ("Cập nhật: Thứ hai 22/08/2022 - 16:27", "2022-08-22T16:27:00+07:00"),
    ("Thứ Hai, 01/02/2021, 14:25 [GMT+7]", "2021-02-01T14:25:00+07:00"),
    ("2021-01-18T10:24:00Z", "2021-01-18T17:24:00+07:00"),
    ("2021-01-18T10:24:00.000Z", "2021-01-18T17:24:00+07:00"),
    ("2023-09-30T18:30:00.000Z", "2023-10-01T01:30:00+07:00"),  # the day (and month) turn over
    ("2021-01-18T17:24:00+07:00", "2021-01-18T17:24:00+07:00"),
    ("2021-01-18T17:24:00+0700", "2021-01-18T17:24:00+07:00"),
    ("2021-01-18 17:24:00", "2021-01-18T17:24:00+07:00"),  # no offset: local time
    ("2021-01-18", "2021-01-18T00:00:00+07:00"),
    ("05/03/2021", "2021-03-05T00:00:00+07:00"),  # day first: 5 March, not 3 May
    ("5/3/2021", "2021-03-05T00:00:00+07:00"),
    ("18-01-2021 17h24", "2021-01-18T17:24:00+07:00"),
    ("2021/01/18 17:24", "2021-01-18T17:24:00+07:00"),
    ("Ngày 5 tháng 3 năm 2021", "2021-03-05T00:00:00+07:00"),
    ("ngày 21 tháng 09 năm 2025 lúc 10h15", "2025-09-21T10:15:00+07:00"),
    ("Chủ nhật, 07/01/2024 - 06:05", "2024-01-07T06:05:00+07:00"),
    ("Thứ 7, 06/01/2024 | 21:40 (GMT+7)", "2024-01-06T21:40:00+07:00"),
    ("Đăng lúc: 18/01/2021 17:24:59", "2021-01-18T17:24:59+07:00"),  # the printed seconds are kept
    ("17:24,\u00a018/01/2021", "2021-01-18T17:24:00+07:00"),  # a non-breaking space
    (unicodedata.normalize("NFD", "Thứ Hai, 12/10/2020 - 08:30"), "2020-10-12T08:30:00+07:00"),
    ("29/02/2020", "2020-02-29T00:00:00+07:00"),  # a leap day
    # bylines of redesigned pages
    ("Thứ Hai, 12/10/2020 | 08:30", "2020-10-12T08:30:00+07:00"),
    ("12/10/2020 08:30 GMT+7", "2020-10-12T08:30:00+07:00"),
    ("Cập nhật: 08:30 ngày 12/10/2020", "2020-10-12T08:30:00+07:00"),
    ("12/10/2020 02:15 PM", "2020-10-12T14:15:00+07:00"),
    ("2:15 CH, 12/10/2020", "2020-10-12T14:15:00+07:00"),
    ("12:10 SA, 12/10/2020", "2020-10-12T00:10:00+07:00"),
    ("12/10/2020 - 8 giờ 30", "2020-10-12T08:30:00+07:00"),
    ("Mon, 12 Oct 2020 01:30:00 GMT", "2020-10-12T08:30:00+07:00"),  # RFC 822, as in pubdate meta tags
    ("Mon, 12 Oct 2020 08:30:00 +0700", "2020-10-12T08:30:00+07:00"),
])
def test_vietnamese_date_forms(text, expected):
    assert parse_date(text) == expected


@pytest.mark.parametrize("text", [
    "Mon, 12 Oct 2020 01:30:00 -0000",  # RFC 2822: UTC, the sender's zone unknown (not local time)
    "Mon, 12 Oct 2020 01:30:00 +0000", "Mon, 12 Oct 2020 01:30:00 +00:00", "Mon, 12 Oct 2020 01:30:00 GMT",
    "Mon, 12 Oct 2020 01:30:00 UT", "Mon, 12 Oct 2020 01:30:00 UTC", "Mon, 12 Oct 2020 01:30:00 Z",
    "mon, 12 oct 2020 01:30:00 gmt", "Mon, 12 Oct 2020 01:30 -0000", "Mon, 12 Oct 2020 01:30:00 +0000 (UTC)",
    "12 Oct 2020 01:30:00 GMT", "12 Oct 2020 01:30:00 -0000",  # the weekday is optional
    "Mon, 12 Oct 2020 01:30:00-0000", "12 Oct 2020 01:30:00+0000", "12 Oct 2020 01:30-00:00",  # joined to the time
])
def test_rfc822_dates_in_utc_are_read_as_utc(text):
    assert parse_date(text) == "2020-10-12T08:30:00+07:00"
    assert parse_date(text, "UTC") == "2020-10-12T01:30:00+00:00"


@pytest.mark.parametrize("text,expected", [
    ("Mon, 12 Oct 2020 08:30:00 +0700 (ICT)", "2020-10-12T08:30:00+07:00"),
    ("Mon, 12 Oct 2020 08:30:00 +07:00", "2020-10-12T08:30:00+07:00"),
    ("Mon, 12 Oct 2020 03:00:00 +05:30", "2020-10-12T04:30:00+07:00"),
    ("Sun, 11 Oct 2020 21:30:00 EST", "2020-10-12T09:30:00+07:00"),
    ("Mon, 12 Oct 2020 08:30:00", "2020-10-12T08:30:00+07:00"),  # no zone: the outlet's local time
    ("Mon, 31 Feb 2020 03:00:00 GMT", None),
    # an offset of a day or more is no zone: no date, not a crash
    ("Mon, 12 Oct 2020 08:30:00 +99999", None), ("12 Oct 2020 08:30:00 -99999", None),
])
def test_rfc822_dates_in_other_zones(text, expected):
    assert parse_date(text) == expected


@pytest.mark.parametrize("text,expected", [
    # a 12-hour time is no RFC 822 time (email.utils would drop the mark and read 02:30)
    ("12 Oct 2020 02:30 PM", "2020-10-12T14:30:00+07:00"), ("12 Oct 2020 02:30 CH", "2020-10-12T14:30:00+07:00"),
    ("Mon, 12 Oct 2020 02:30:15 PM", "2020-10-12T14:30:15+07:00"), ("12 Oct 2020 02:30 pm", "2020-10-12T14:30:00+07:00"),
    ("12 Oct 2020 02:30 SA", "2020-10-12T02:30:00+07:00"), ("12 Oct 2020 12:30 AM", "2020-10-12T00:30:00+07:00"),
    ("12 Oct 2020 07:30 AM GMT", "2020-10-12T14:30:00+07:00"), ("12 Oct 2020 02:30 PM +0700", "2020-10-12T14:30:00+07:00"),
    ("Mon, 31 Feb 2020 02:30 PM", None), ("12 Oct 2020 02:30 PM +9999", None),
])
def test_rfc822_dates_with_a_12_hour_time(text, expected):
    assert parse_date(text) == expected


@pytest.mark.parametrize("text,expected", [
    ("2020-10-12T01:30:00Z", "2020-10-12T01:30"), ("2020-10-12 08:30:00+07:00", "2020-10-12T08:30"),
    ("Mon, 12 Oct 2020 01:30:00 GMT", "2020-10-12T01:30"), ("12 Oct 2020 01:30:00-0000", "2020-10-12T01:30"),
    ("Mon, 12 Oct 2020 08:30:00 +0700", "2020-10-12T08:30"), ("12 Oct 2020 02:30 PM GMT", "2020-10-12T14:30"),
    ("2020-10-12", None), ("12/10/2020 08:30", None), ("", None), (None, None),
])
def test_wall_clock_is_the_time_written_before_its_zone(text, expected):
    assert wall_clock(text) == expected


@pytest.mark.parametrize("text,expected", [
    ("2024-03-08T23:15:00", "2024-03-09T06:15:00+07:00"), ("2024-03-08 23:15", "2024-03-09T06:15:00+07:00"),
    ("2024-03-08T23:15:00Z", None), ("2024-03-08T23:15:00+07:00", None), ("2024-03-08T23:15:00+0700", None),
    ("2024-03-08T16:15:00-07", None), ("2024-03-08", None), ("Mon, 12 Oct 2020 01:30:00", None), (None, None),
])
def test_a_machine_time_without_a_zone_read_as_utc(text, expected):
    assert zoneless_as_utc(text) == expected


@pytest.mark.parametrize("text", [
    "31/02/2021", "29/02/2021", "32/01/2021", "18/13/2021", "00/01/2021", "25:10, 18/01/2021", "17:61, 18/01/2021",
    "2021-02-30T10:00:00Z", "0000-00-00 00:00:00", "0001-01-01T00:00:00", "1970-01-01T00:00:00Z",
])
def test_impossible_dates_are_none(text):
    assert parse_date(text) is None


@pytest.mark.parametrize("text", [
    None, "", "   ", "abc", "Bình luận (0)", "Xem thêm", "Thứ Ba", "Tháng 9", "Lượt xem: 2.318", "hôm nay",
    "2 giờ trước", "3 ngày trước", "--/--/----", "N/A", "Lượt xem: 2021",
])
def test_garbage_is_none(text):
    assert parse_date(text) is None


@pytest.mark.parametrize("url,expected", [
    ("https://baothainguyen.vn/chinh-tri/202309/slug-93449ee/", (2023, 9, None)),
    ("https://baothainguyen.vn/chinh-tri/200809/bai-nam-2008-367B136", (2008, 9, None)),
    ("https://example.vn/2020/10/12/slug.html", (2020, 10, 12)),
    ("https://thainguyentv.vn/ban-tin-ngay-20-5-2025-108951.html", None),
    ("https://baothainguyen.vn/tim-kiem/?key=202309", None),
    ("https://baothainguyen.vn/chinh-tri/202313/slug-93449ee", None),  # no 13th month
    ("https://baothainguyen.vn/xa-hoi/202011/slug-93449ee/", (2020, 11, None)),
    ("https://example.vn/1950/12/25/slug.html", None),  # before any Vietnamese outlet was online
])
def test_url_date(url, expected):
    assert url_date(url) == expected


@pytest.mark.parametrize("url", [
    "https://example.vn/bai-viet/201712",  # a six-digit article id as the last segment
    "https://example.vn/bai-viet/201712/",
    "https://example.vn/video/201906?page=2",
    "https://example.vn/p/195012/slug",  # a year no outlet published in
    "https://example.vn/tin/123456/slug",
    "https://example.vn/tin/a202011/slug",  # not a segment of its own
])
def test_a_six_digit_segment_that_is_no_date_folder_is_no_month(url):
    assert url_date(url) is None


def test_url_years_are_those_parse_date_accepts():
    assert url_date(f"https://example.vn/{MIN_YEAR - 1}/10/12/slug.html") is None
    assert url_date(f"https://example.vn/{MIN_YEAR}/10/12/slug.html") == (MIN_YEAR, 10, 12)
    assert url_date(f"https://example.vn/{MAX_YEAR}/10/12/slug.html") == (MAX_YEAR, 10, 12)
    assert url_date(f"https://example.vn/tin/{MAX_YEAR}10/slug") == (MAX_YEAR, 10, None)
    assert url_date(f"https://example.vn/{MAX_YEAR + 1}/10/12/slug.html") is None
    assert parse_date(f"12/10/{MAX_YEAR}") is not None and parse_date(f"12/10/{MIN_YEAR}") is not None


def test_a_date_must_fit_the_url_month():
    hint = (2023, 10, None)
    assert fits_url_date("2023-10-31T23:50:00+07:00", hint)
    assert fits_url_date("2023-11-01T00:30:00+07:00", hint)  # a path made in UTC
    assert fits_url_date("2023-09-28T09:00:00+07:00", hint)  # a draft published days later
    assert not fits_url_date("2026-03-02T09:12:00+07:00", hint)  # today's date in a sidebar
    assert fits_url_date("2026-03-02T09:12:00+07:00", None)


@pytest.mark.parametrize("text,expected", [
    ("Thứ Hai, 12/10/2020 | 08:30", True), ("21 tháng 09 năm 2025", True), ("2021-01-18T10:24:00Z", True),
    ("Lượt xem: 2021", False), ("08:30", False), ("", False), (None, False),
])
def test_has_date(text, expected):
    assert has_date(text) is expected


@pytest.mark.parametrize("text,expected", [
    ("Thứ Sáu, 19/03/2021 - 15:20", True), ("Cập nhật: 14:05 ngày 21/10/2020", True),
    ("Minh Khôi | 12/10/2020 08:30 GMT+7", True), ("2:15 CH, 12/10/2020", True),
    ("Đăng lúc 21 giờ 05 phút ngày 3 tháng 2 năm 2025", True),  # the time in words
    ("Thời gian: 8 giờ 00 phút, ngày 15/10/2020.", False), ("Thời gian: 8h00 ngày 15/10/2020", False),  # an event
    ("19/03/2021", False),  # no time: a document's date rather than a byline
    ("Sáng 19/03/2021, lúc 8:30, đoàn kiểm tra đã làm việc với huyện", False),  # a sentence
    ("Lượt xem: 2.318", False), ("", False),
])
def test_is_date_line(text, expected):
    assert is_date_line(text) is expected


def test_dates_are_in_the_outlet_timezone():
    assert parse_date("17:24, 18/01/2021", "UTC") == "2021-01-18T17:24:00+00:00"
    assert parse_date("2021-01-18T10:24:00Z", "UTC") == "2021-01-18T10:24:00+00:00"
    assert parse_date("2021-01-18T10:24:00Z", "Asia/Ho_Chi_Minh").endswith("+07:00")


# ---- canonical URLs ------------------------------------------------------------------------
@pytest.fixture(scope="module")
def outlets():
    return load_sources(DATA / "sources.yaml")


@pytest.mark.parametrize("url,expected", [
    # tracking parameters, fragment, http, www, upper-case hex id, trailing slash
    ("http://www.baothainguyen.vn/phap-luat/202101/phat-hien-co-so-san-xuat-phan-bon-gia-367B136/"
     "?utm_source=zalo&utm_medium=share&fbclid=IwAR0x#binh-luan",
     "https://baothainguyen.vn/phap-luat/202101/phat-hien-co-so-san-xuat-phan-bon-gia-367b136"),
    ("https://baothainguyen.vn/chinh-tri/202309/slug-bai-viet-93449ee",
     "https://baothainguyen.vn/chinh-tri/202309/slug-bai-viet-93449ee"),
    ("https://baothainguyen.vn/chinh-tri/202309/slug-bai-viet-93449ee/",
     "https://baothainguyen.vn/chinh-tri/202309/slug-bai-viet-93449ee"),
    ("https://BAOTHAINGUYEN.VN/chinh-tri//202309/slug-bai-viet-93449EE/#top",
     "https://baothainguyen.vn/chinh-tri/202309/slug-bai-viet-93449ee"),
    ("https://baothainguyen.vn/chinh-tri/200809/bai-nam-2008-367B136",
     "https://baothainguyen.vn/chinh-tri/200809/bai-nam-2008-367b136"),
    # an article's path names it: any query parameter on it is a share tag
    ("https://baothainguyen.vn/chinh-tri/202309/slug-bai-viet-93449ee/?gidzl=abc&page=2&zarsrc=30",
     "https://baothainguyen.vn/chinh-tri/202309/slug-bai-viet-93449ee"),
    # not articles: parameters that are not tracking ones stay, sorted
    ("https://www.baothainguyen.vn/phap-luat/?page=2", "https://baothainguyen.vn/phap-luat?page=2"),
    ("https://baothainguyen.vn/tim-kiem/?utm_source=x&key=tham+nh%C5%A9ng",
     "https://baothainguyen.vn/tim-kiem?key=tham+nh%C5%A9ng"),
    ("https://baothainguyen.vn/tim-kiem/?page=2&key=a", "https://baothainguyen.vn/tim-kiem?key=a&page=2"),
    ("https://baothainguyen.vn/", "https://baothainguyen.vn/"),
    # an article's AMP copy is the same article; other /amp pages stay apart
    ("https://baothainguyen.vn/amp/chinh-tri/202309/slug-bai-viet-93449ee",
     "https://baothainguyen.vn/chinh-tri/202309/slug-bai-viet-93449ee"),
    ("https://baothainguyen.vn/chinh-tri/202309/slug-bai-viet-93449ee/amp/?amp=1",
     "https://baothainguyen.vn/chinh-tri/202309/slug-bai-viet-93449ee"),
    ("https://baothainguyen.vn/amp/", "https://baothainguyen.vn/amp"),
])
def test_canonical_baothainguyen(outlets, url, expected):
    outlet = outlets["baothainguyen"]
    assert canonical_url(url, outlet) == expected
    assert canonical_url(expected, outlet) == expected  # idempotent


@pytest.mark.parametrize("outlet_id,url,expected", [
    ("thainguyentv", "http://www.thainguyentv.vn/triet-pha-duong-day-danh-bac-87215.html?utm_source=fb&fbclid=x#top",
     "https://thainguyentv.vn/triet-pha-duong-day-danh-bac-87215.html"),
    ("thainguyentv", "https://thainguyentv.vn/thai-nguyen/xa-hoi?page=2&utm_medium=x",
     "https://thainguyentv.vn/thai-nguyen/xa-hoi?page=2"),
    ("thainguyentv", "https://thainguyentv.vn/video/", "https://thainguyentv.vn/video/"),  # slash kept
    ("thainguyentv", "https://thainguyentv.vn/triet-pha-duong-day-danh-bac-87215.amp.html",
     "https://thainguyentv.vn/triet-pha-duong-day-danh-bac-87215.html"),
    ("baothainguyen-legacy", "http://backup.baothainguyen.vn/tin-tuc/phap-luat/xet-xu-luu-dong-145872-7.html#a",
     "https://backup.baothainguyen.vn/tin-tuc/phap-luat/xet-xu-luu-dong-145872-7.html"),
])
def test_canonical_other_outlets(outlets, outlet_id, url, expected):
    assert canonical_url(url, outlets[outlet_id]) == expected


@pytest.mark.parametrize("outlet_id,url,expected", [
    ("baothainguyen", "https://baothainguyen.vn/chinh-tri/202309/slug-bai-viet-93449ee", True),
    ("baothainguyen", "https://baothainguyen.vn/chinh-tri/202309/slug-bai-viet-93449ee/", True),
    ("baothainguyen", "https://www.baothainguyen.vn/phap-luat/202101/bai-cu-367B136/?utm_source=x", True),
    ("baothainguyen", "https://baothainguyen.vn/multimedia/infographic/202309/so-lieu-tiep-dan-1a2b3c4/", True),
    ("baothainguyen", "https://baothainguyen.vn/phap-luat/", False),
    ("baothainguyen", "https://baothainguyen.vn/phap-luat/202309/", False),
    # an article's AMP copy (a feed or a shared link may give it) is an article; /amp/ alone is not
    ("baothainguyen", "https://baothainguyen.vn/chinh-tri/202309/slug-bai-viet-93449ee/amp/", True),
    ("baothainguyen", "https://baothainguyen.vn/amp/chinh-tri/202309/slug-bai-viet-93449ee", True),
    ("baothainguyen", "https://baothainguyen.vn/amp/", False),
    ("thainguyentv", "https://thainguyentv.vn/triet-pha-duong-day-danh-bac-87215.amp.html", True),
    ("baothainguyen", "https://baothainguyen.vn/tim-kiem/?key=ma+tuy", False),
    ("baothainguyen", "https://api-public.baothainguyen.vn/v1/article?page=1", False),
    ("baothainguyen", "https://thainguyentv.vn/triet-pha-duong-day-87215.html", False),
    ("baothainguyen", "javascript:void(0);", False),
    ("thainguyentv", "https://thainguyentv.vn/triet-pha-duong-day-87215.html", True),
    ("thainguyentv", "https://thainguyentv.vn/thai-nguyen/xa-hoi", False),
    ("thainguyentv", "https://thainguyentv.vn/video", False),
    ("baothainguyen-legacy", "https://backup.baothainguyen.vn/tin-tuc/phap-luat/xet-xu-145872-7.html", True),
    ("baothainguyen-legacy", "https://baothainguyen.vn/tin-tuc/phap-luat/xet-xu-145872-7.html", False),
])
def test_is_article_url(outlets, outlet_id, url, expected):
    assert is_article_url(url, outlets[outlet_id]) is expected


# ---- mirrors -----------------------------------------------------------------------------
@pytest.mark.parametrize("real,mirrored", [
    ("https://baothainguyen.vn/phap-luat/202309/slug-93449ee/", f"{ORIGIN}/phap-luat/202309/slug-93449ee/"),
    ("https://baothainguyen.vn/phap-luat/?page=2", f"{ORIGIN}/phap-luat/?page=2"),
    ("https://baothainguyen.vn/", f"{ORIGIN}/"),
    ("https://www.baothainguyen.vn/phap-luat/202309/slug-93449ee/",
     f"{ORIGIN}/_hosts/www.baothainguyen.vn/phap-luat/202309/slug-93449ee/"),
    ("https://api-public.baothainguyen.vn/v1/article?category_ids=&page=1&limit=20&sortBy=publish_date&sortOrder=DESC",
     f"{ORIGIN}/_hosts/api-public.baothainguyen.vn/v1/article?category_ids=&page=1&limit=20"
     "&sortBy=publish_date&sortOrder=DESC"),
])
def test_mirror_round_trip(outlets, real, mirrored):
    mirror = Mirror(outlets["baothainguyen"], ORIGIN)
    assert mirror.to_mirror(real) == mirrored
    assert mirror.to_real(mirrored) == real
    assert Mirror(outlets["baothainguyen"], ORIGIN + "/").to_mirror(real) == mirrored


def test_mirror_leaves_other_urls_alone(outlets):
    mirror = Mirror(outlets["baothainguyen"], ORIGIN)
    for url in ("https://thainguyentv.vn/a-87215.html", "https://www.facebook.com/baothainguyen.vn/"):
        assert mirror.to_mirror(url) == url
    assert mirror.to_real("http://127.0.0.1:9999/phap-luat/") == "http://127.0.0.1:9999/phap-luat/"
    assert mirror.to_real("http://127.0.0.1:87650/phap-luat/") == "http://127.0.0.1:87650/phap-luat/"
    assert mirror.to_real(ORIGIN) == "https://baothainguyen.vn/"
    assert mirror.to_real(ORIGIN + "?page=2") == "https://baothainguyen.vn/?page=2"
    # a real URL fetched over http comes back as https, the fragment never travels
    assert mirror.to_real(mirror.to_mirror("http://baothainguyen.vn/a/202309/b-93449ee#c")) == \
        "https://baothainguyen.vn/a/202309/b-93449ee"


def test_mirror_of_the_broadcaster(outlets):
    mirror = Mirror(outlets["thainguyentv"], ORIGIN)
    real = "https://thainguyentv.vn/thai-nguyen/xa-hoi?page=2"
    assert mirror.to_mirror(real) == f"{ORIGIN}/thai-nguyen/xa-hoi?page=2"
    assert mirror.to_real(mirror.to_mirror(real)) == real


# ---- content types -----------------------------------------------------------------------
def _words(n: int) -> str:
    return " ".join(["chữ"] * n)


def test_length_rule_boundary_is_documented_and_exact(outlets):
    assert "tin_max_words" in decide_content_type.__doc__ and "one more is ``bai``" in decide_content_type.__doc__
    for outlet in (outlets["baothainguyen"], dataclasses.replace(outlets["thainguyentv"], tin_max_words=50)):
        limit = outlet.tin_max_words
        url = outlet.base_url + "/some-article"
        assert decide_content_type(url, "Tiêu đề", _words(limit), [], None, outlet) == ("tin", "length")
        assert decide_content_type(url, "Tiêu đề", _words(limit + 1), [], None, outlet) == ("bai", "length")
        assert decide_content_type(url, "Tiêu đề", "", [], None, outlet) == ("tin", "length")


def test_default_limit_is_400_words(outlets):
    assert outlets["baothainguyen"].tin_max_words == 400


@pytest.mark.parametrize("path,title,expected", [
    ("/video/202412/ra-quan-1d7f5b0/", "Ra quân", ("video", "url")),
    ("/podcast/202503/lua-dao-ebc1234/", "Lừa đảo", ("audio", "url")),
    ("/audio-bao-thai-nguyen/202503/ban-tin-ebc1234/", "Bản tin", ("audio", "url")),
    ("/multimedia/202405/dien-tap-b03e6a9/", "Diễn tập", ("anh", "url")),
    ("/multimedia/infographic/202405/so-lieu-b03e6a9/", "Số liệu", ("anh", "url")),
    ("/video/202412/anh-dep-1d7f5b0/", "[Photo] Ảnh đẹp", ("video", "url")),  # the URL wins over the title
    ("/xa-hoi/202405/le-hoi-b03e6a9/", "[Ảnh] Lễ hội", ("anh", "title")),
    ("/thoi-su-thai-nguyen/202405/ket-qua-b03e6a9/", "[Infographic] Kết quả năm 2023", ("anh", "title")),
    ("/xa-hoi/202405/le-hoi-b03e6a9/", "Video: Lễ hội", ("video", "title")),
    ("/xa-hoi/202405/le-hoi-b03e6a9/", "Lễ hội", ("tin", "length")),
])
def test_url_and_title_rules_baothainguyen(outlets, path, title, expected):
    outlet = outlets["baothainguyen"]
    assert decide_content_type(outlet.base_url + path, title, _words(500 if expected[1] != "length" else 80),
                               [], None, outlet) == expected


@pytest.mark.parametrize("title,expected", [
    ("[Photo] Ngày hội ở xã Vô Tranh", ("anh", "title")),
    ("[PHOTO] Ngày hội", ("anh", "title")),
    ("[Video] Bản tin thời sự", ("video", "title")),
    ("[Infographic] Kết quả phòng, chống tham nhũng", ("anh", "title")),
    ("Ngày hội [Photo]", ("tin", "length")),
])
def test_title_rules_thainguyentv(outlets, title, expected):
    outlet = outlets["thainguyentv"]
    assert decide_content_type("https://thainguyentv.vn/ngay-hoi-83560.html", title, _words(60), [], None,
                               outlet) == expected


def _page(inside: str, sidebar: str = "", head: str = "") -> Selector:
    return Selector(text=f'<html><head>{head}</head><body><div class="main"><h1 class="article-detail-title">T</h1>'
                         f'<div class="__MASTERCMS_CONTENT">{inside}<p>{_words(30)}</p></div></div>'
                         f'<div class="sidebar">{sidebar}</div></body></html>')


@pytest.mark.parametrize("inside,sidebar,head,words,expected", [
    ('<div class="video-player"><video src="a.mp4"></video></div>', "", "", 30, ("video", "media")),
    ('<iframe src="https://www.youtube.com/embed/x"></iframe>', "", "", 30, ("video", "media")),
    ('<audio controls src="a.mp3"></audio>', "", "", 30, ("audio", "media")),
    ("", "", '<meta property="og:type" content="video.other">', 30, ("video", "media")),
    ("", '<div class="box-live"><video src="live.m3u8"></video></div>', "", 30, ("tin", "length")),  # sidebar player
    ('<video src="a.mp4"></video>', "", "", 401, ("video", "media")),  # a broadcaster's page around a clip
    # a JW Player box says nothing of what it plays: the file its set-up script names does
    ('<div id="jwplayer_1"></div><script>jwplayer("jwplayer_1").setup({file: "https://m.vn/a/b.mp3", '
     'type: "mp3"})</script>', "", "", 30, ("audio", "media")),
    ('<div id="jwplayer_1"></div><script>jwplayer("jwplayer_1").setup({file: "https://m.vn/v/b.mp4"})</script>',
     "", "", 30, ("video", "media")),
    ('<div id="jwplayer_1"></div>', "", "", 30, ("video", "media")),  # nothing named: the library's usual use
    ('<iframe src="https://w.soundcloud.com/player/?url=x"></iframe>', "", "", 30, ("audio", "media")),
    ('<iframe data-src="https://media.vn/player/embed?file=a.mp3"></iframe>', "", "", 30, ("audio", "media")),
    ('<audio src="a.mp3"></audio><video src="a.mp4"></video>', "", "", 30, ("video", "media")),  # video wins
    # a widget reading the text aloud is no radio item: by its class, or by its label
    ('<div class="box-tts"><audio src="https://tts.vn/a.mp3"></audio></div>', "", "", 30, ("tin", "length")),
    ('<div class="nghe-doc-bai"><audio src="a.mp3"></audio></div>', "", "", 30, ("tin", "length")),
    ('<div class="box"><span>Nghe đọc bài viết</span><audio src="a.mp3"></audio></div>', "", "", 30,
     ("tin", "length")),
    ('<div class="box"><span>Bản tin phát thanh</span><audio src="a.mp3"></audio></div>', "", "", 30,
     ("audio", "media")),
])
def test_media_rule(outlets, inside, sidebar, head, words, expected):
    outlet = outlets["thainguyentv"]
    sel = _page(inside, sidebar, head)
    assert decide_content_type("https://thainguyentv.vn/ban-tin-108951.html", "Bản tin", _words(words), [], sel,
                               outlet) == expected


def test_how_long_a_text_around_a_player_may_be_is_per_outlet(outlets):
    """A newspaper's long text around a clip is an article; a broadcaster's (media_max_words:
    null) is the broadcast."""
    sel = _page('<video src="a.mp4"></video>')
    paper, station = outlets["baothainguyen"], outlets["thainguyentv"]
    assert paper.media_max_words == paper.tin_max_words == 400 and station.media_max_words is None
    url = paper.base_url + "/xa-hoi/202405/le-hoi-b03e6a9/"
    assert decide_content_type(url, "Lễ hội", _words(400), [], sel, paper) == ("video", "media")
    assert decide_content_type(url, "Lễ hội", _words(401), [], sel, paper) == ("bai", "length")
    assert decide_content_type(url, "Lễ hội", _words(5000), [], sel, station) == ("video", "media")


def _sources_with(tmp_path, **newspaper):
    """The shipped sources file with keys of the newspaper's entry set (None: removed)."""
    raw = yaml.safe_load((DATA / "sources.yaml").read_text(encoding="utf-8"))
    entry = next(o for o in raw["outlets"] if o["id"] == "baothainguyen")
    for key, value in newspaper.items():
        entry[key] = value
    path = tmp_path / "sources.yaml"
    path.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    return path


@pytest.mark.parametrize("keys,expected", [({"media_max_words": None}, None), ({"media_max_words": 900}, 900),
                                           ({"tin_max_words": 250}, 250)])
def test_media_max_words_is_read_from_the_outlet_entry(tmp_path, keys, expected):
    assert load_sources(_sources_with(tmp_path, **keys))["baothainguyen"].media_max_words == expected


@pytest.mark.parametrize("value", [0, -5, "many", True])
def test_a_bad_media_max_words_is_refused(tmp_path, value):
    with pytest.raises(ConfigError, match="media_max_words"):
        load_sources(_sources_with(tmp_path, media_max_words=value))


def test_gallery_rule(outlets):
    outlet = outlets["thainguyentv"]
    url = "https://thainguyentv.vn/ngay-hoi-83560.html"
    captions = ["Ảnh 1.", "Ảnh 2.", "Ảnh 3."]
    assert decide_content_type(url, "Ngày hội", _words(249), captions, None, outlet) == ("anh", "gallery")
    assert decide_content_type(url, "Ngày hội", _words(250), captions, None, outlet) == ("tin", "length")
    assert decide_content_type(url, "Ngày hội", _words(60), captions[:2], None, outlet) == ("tin", "length")


# ---- config --------------------------------------------------------------------------------
@pytest.mark.parametrize("canonical,message", [
    ({"trailing_slash": "sometimes"}, "trailing_slash"),
    ({"article_query": "maybe"}, "article_query"),
    ({"lowercase_id": "-([0-9a-f"}, "lowercase_id"),
    ({"lowercase_ids": "-([0-9a-f]{7})$"}, "unknown canonical rule"),
])
def test_canonical_rules_are_checked(tmp_path, canonical, message):
    raw = yaml.safe_load((DATA / "sources.yaml").read_text(encoding="utf-8"))
    raw["families"]["mastercms"]["canonical"] = canonical
    path = tmp_path / "sources.yaml"
    path.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    with pytest.raises(ConfigError, match=message):
        load_sources(path)
