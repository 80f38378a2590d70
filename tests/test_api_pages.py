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
