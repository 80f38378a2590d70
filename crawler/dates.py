"""Publication dates in every form the outlets print, as Asia/Ho_Chi_Minh ISO 8601."""
from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from zoneinfo import ZoneInfo

NOISE = re.compile(r"(cập nhật|đăng lúc|ngày đăng|xuất bản|published|updated|\[?gmt\s*\+\s*7\]?|\(gmt\+7\))\s*:?",
                   re.IGNORECASE)
WEEKDAY = re.compile(r"\b(thứ\s+(hai|ba|tư|năm|sáu|bảy|[2-7])|chủ\s+nhật|cn)\b\s*,?", re.IGNORECASE)
DMY = re.compile(r"(?<!\d)(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?!\d)")
HM = re.compile(r"(?<!\d)(\d{1,2})[:h](\d{2})(?!\d)")


@lru_cache(maxsize=1)
def _dateparser():
    import dateparser  # slow import: only when a date needs the general parser

    return dateparser


def parse_date(text: str | None, timezone: str = "Asia/Ho_Chi_Minh") -> str | None:
    """ISO 8601 with offset, or None when no date can be read.

    Machine dates (ISO, from meta tags or JSON-LD) are read directly; Vietnamese
    display forms ("17:24, 18/01/2021", "Thứ Hai, 12/10/2020 - 08:30",
    "21 tháng 09 năm 2025") go through dateparser with languages=["vi"] and
    day-first order, so 05/03/2021 is 5 March.
    """
    if not text or not text.strip():
        return None
    zone = ZoneInfo(timezone)
    raw = text.strip()
    parsed = _iso(raw)
    if parsed is None:
        parsed = _display(raw, zone)
    if parsed is None:
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=zone)
    return parsed.astimezone(zone).isoformat(timespec="seconds")


def _iso(raw: str) -> dt.datetime | None:
    candidate = raw.replace("Z", "+00:00")
    if not re.match(r"^\d{4}-\d{2}-\d{2}", candidate):
        return None
    try:
        return dt.datetime.fromisoformat(candidate.replace(" ", "T", 1) if " " in candidate[:11] else candidate)
    except ValueError:
        return None


def _display(raw: str, zone: ZoneInfo) -> dt.datetime | None:
    cleaned = WEEKDAY.sub(" ", NOISE.sub(" ", raw)).replace("|", " ")
    cleaned = re.sub(r"\s+", " ", cleaned).strip(" ,-")
    # The common numeric form, read exactly (dateparser agrees, but this is 100x faster).
    dmy = DMY.search(cleaned)
    if dmy:
        day, month, year = (int(x) for x in dmy.groups())
        rest = cleaned[:dmy.start()] + " " + cleaned[dmy.end():]
        hm = HM.search(rest)
        hour, minute = (int(hm.group(1)), int(hm.group(2))) if hm else (0, 0)
        try:
            return dt.datetime(year, month, day, hour, minute)
        except ValueError:
            return None
    parser = _dateparser()
    settings = {"DATE_ORDER": "DMY", "TIMEZONE": str(zone), "RETURN_AS_TIMEZONE_AWARE": False,
                "PREFER_DATES_FROM": "past", "REQUIRE_PARTS": ["day", "month", "year"]}
    parsed = parser.parse(cleaned, languages=["vi"], settings=settings)
    if parsed is None:
        from dateparser.search import search_dates

        found = search_dates(cleaned, languages=["vi"], settings=settings)
        parsed = found[0][1] if found else None
    return parsed
