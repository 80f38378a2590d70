"""Reading a JSON listing API page whose shape drifted: items inside a paginator object,
the page count beside them, dates as epoch numbers."""
from __future__ import annotations

import pytest

from crawler.spiders.outlet import _api_date, _api_items, _api_total_pages

TZ = "Asia/Ho_Chi_Minh"


@pytest.mark.parametrize("value,expected", [
    (1711906200000, "2024-04-01T00:30:00+07:00"),  # milliseconds: 17:30 UTC on 31 March
    (1711906200, "2024-04-01T00:30:00+07:00"),  # seconds
    ("1711906200000", "2024-04-01T00:30:00+07:00"),
    ("2024-03-31T17:30:00Z", "2024-04-01T00:30:00+07:00"),
    (0, None), (99999999999999999, None), (True, None), (None, None), ("", None),
])
def test_an_api_date_as_text_or_epoch_number(value, expected):
    assert _api_date(value, TZ) == expected


def test_items_inside_a_paginator_and_its_page_count():
    items = [{"slug": "a"}, {"slug": "b"}]
    laravel = {"data": {"current_page": 1, "data": items, "last_page": 21, "links": [{"url": None}]}}
    found, container = _api_items(laravel, "data")
    assert found == items and _api_total_pages(laravel, "meta.totalPages", container) == 21
    plain = {"data": items, "meta": {"totalPages": "4"}}
    found, container = _api_items(plain, "data")
    assert found == items and _api_total_pages(plain, "meta.totalPages", container) == 4
    assert _api_items({"data": {"message": "lỗi"}}, "data") == ([], None)
    assert _api_items({"error": 1}, "data") == ([], None)


def test_an_empty_paginator_has_no_items_and_no_setting_list_is_taken_for_items():
    empty = {"data": {"current_page": 1, "data": [], "last_page": 1,
                      "links": [{"url": None, "label": "« Previous"}, {"url": "https://x.vn/a?page=1", "label": "1"}]}}
    assert _api_items(empty, "data")[0] == []
    assert _api_items({"data": {"config": [{"key": "theme"}]}}, "data") == ([], None)


@pytest.mark.parametrize("count,expected", [(21.0, 21), ("4", 4), (1.5, None), ("²", None), (-1, None), (True, None)])
def test_a_page_count_as_a_whole_number(count, expected):
    assert _api_total_pages({"meta": {"totalPages": count}}, "meta.totalPages", None) == expected


@pytest.mark.parametrize("value", ["²", 10 ** 400, float("inf"), "1e400", "/Date(abc)/"])
def test_a_hostile_api_date_is_no_date(value):
    assert _api_date(value, TZ) is None


@pytest.mark.parametrize("value", [1711906200000000, "1711906200.5", "/Date(1711906200000)/",
                                   "/Date(1711906200000+0700)/"])
def test_an_api_date_in_other_epoch_forms(value):
    assert _api_date(value, TZ) == "2024-04-01T00:30:00+07:00"
