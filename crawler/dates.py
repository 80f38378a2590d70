"""Publication dates in every form the outlets print, as Asia/Ho_Chi_Minh ISO 8601."""
from __future__ import annotations

import datetime as dt
import re
import unicodedata
from email.utils import parsedate_tz
from functools import lru_cache
from zoneinfo import ZoneInfo

NOISE = re.compile(r"(cập nhật|đăng lúc|ngày đăng|xuất bản|published|updated|\[?gmt\s*\+\s*7\]?|\(gmt\+7\))\s*:?",
                   re.IGNORECASE)
WEEKDAY = re.compile(r"\b(thứ\s+(hai|ba|tư|năm|sáu|bảy|[2-7])|chủ\s+nhật|cn)\b\s*,?", re.IGNORECASE)
DMY = re.compile(r"(?<!\d)(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?!\d)")
YMD = re.compile(r"(?<!\d)(\d{4})[/.-](\d{1,2})[/.-](\d{1,2})(?!\d)")
# "21 tháng 09 năm 2025", "ngày 5 tháng 3, 2021"
VI_WORDS = re.compile(r"(?<!\d)(\d{1,2})\s*tháng\s*(\d{1,2})\s*(?:năm|,|/)?\s*(\d{4})(?!\d)", re.IGNORECASE)
HM = re.compile(r"(?<!\d)(\d{1,2})[:h](\d{2})(?::(\d{2}))?(?!\d)")  # "14:05", "14h05", "2:30:15" (seconds)
# "8 giờ 30", "08g30": read only when no "08:30" form is there
UPDATE_LABEL = re.compile(r"^\W*(?:cập nhật|updated?|sửa đổi|chỉnh sửa)(?:\s+lúc|\s+lần cuối)?\b", re.IGNORECASE)
# A line that opens like a notice of an event ("Thời gian: 8 giờ 00 phút, ngày 15/10/2020")
# dates the event, not the article.
EVENT_LABEL = re.compile(r"^\s*(?:thời gian|thời điểm|hạn chót|hạn cuối|lịch|địa điểm)\b", re.IGNORECASE)
# A label that dates the printing of a print view, not the article: "Ngày in: 28/06/2025 08:02",
# "In lúc 08:02 ngày 28/06/2025", "Thời gian in:", "Printed on ...".
PRINT_LABEL = re.compile(r"(?<!\w)(?:(?:ngày|giờ|thời gian|thời điểm)(?:\s+giờ)?\s+in\s*:|in\s+(?:lúc|ngày|vào)(?!\w)"
                         r"|printed(?:\s+(?:on|at))?(?!\w)|print\s+date(?!\w))", re.IGNORECASE)
# Any label a date line may carry before its date: a publication, update or print label.
LINE_LABEL = re.compile(PRINT_LABEL.pattern + r"|(?<!\w)(?:cập nhật|đăng lúc|ngày đăng|xuất bản|published|updated?|"
                        r"posted|đăng)(?!\w)", re.IGNORECASE)
# A line that tells when a programme goes on air ("Phóng sự phát sóng lúc 8 giờ tối
# 13/08/2024", "Lên sóng: 20h", "Trực tiếp lúc 9h00") dates the broadcast, not the article.
AIR_TIME = re.compile(r"(?<!\w)(?:phát\s+sóng|lên\s+sóng|phát\s+lại|truyền\s+hình\s+trực\s+tiếp|trực\s+tiếp\s+(?:lúc|vào|từ))"
                      r"(?!\w)", re.IGNORECASE)
ROW_SEPARATOR = re.compile(r"\s*[|•·]\s*")  # between the items of a meta row
HM_WORDS = re.compile(r"(?<!\d)(\d{1,2})\s*(?:giờ|g)\s*(\d{2})(?!\d)", re.IGNORECASE)
AFTERNOON = re.compile(r"(?<!\w)(?:pm|p\.m\.|ch)(?!\w)", re.IGNORECASE)
MORNING = re.compile(r"(?<!\w)(?:am|a\.m\.|sa)(?!\w)", re.IGNORECASE)
# A time of day told by the part of the day after it, as Vietnamese speaks a 12-hour clock:
# "2:15 chiều" (14:15), "8 giờ 30 tối" (20:30), "9 giờ đêm" (21:00), "10h sáng" (10:00).
DAY_PART_TIME = re.compile(r"(?<!\d)(?P<hour>[01]?\d|2[0-3])(?:[:h](?P<minute>\d{2})|\s*(?:giờ|g)(?:\s*(?P<minutes>\d{1,2})"
                           r"(?:\s*phút)?)?|h)\s*(?P<part>sáng|trưa|chiều|tối|đêm)(?!\w)", re.IGNORECASE)
DAY_PART = re.compile(r"(?<!\w)(?:sáng|trưa|chiều|tối|đêm)(?!\w)", re.IGNORECASE)
# "Mon, 12 Oct 2020 08:30:00 +0700" (RFC 822, as in some pubdate meta tags and feeds; the
# weekday is optional) and the zone it ends with: an offset ("-0000", "+07:00", also joined
# to the time: "08:30:00-0000") or a name of UTC, before an optional comment ("(ICT)").
RFC822 = re.compile(r"^(?:[A-Za-z]{3},?\s+)?\d{1,2}\s+[A-Za-z]{3}\s+\d{4}\s+\d{1,2}:\d{2}")
RFC822_ZONE = re.compile(r"(?:(?:\s|(?<=\d))(?P<sign>[+-])(?P<hours>\d{2}):?(?P<minutes>\d{2})"
                         r"|\s(?P<utc>GMT|UTC|UT|Z))(?:\s*\([^)]*\))?\s*$", re.IGNORECASE)
# A time as Go prints it by default (Hugo's ``.Date`` in a template): the day, the clock,
# the offset without a colon and the zone's name ("2025-04-02 07:30:00 +0700 +07", "... +0000 UTC").
GO_TIME = re.compile(r"^(?P<day>\d{4}-\d{2}-\d{2}) (?P<clock>\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?) (?P<offset>[+-]\d{4})"
                     r"(?: [+-]?\w+)?$")
# The day and time of day written in an ISO machine date ("2020-10-12T08:30...").
ISO_WALL_CLOCK = re.compile(r"(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2})")
# An ISO time that ends with its offset or "Z" ("...T08:30:00+07:00", "...08:30Z").
ZONED_ISO = re.compile(r"\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?\s*(?:Z|[+-]\d{2}(?::?\d{2})?)$", re.IGNORECASE)
# A 12-hour time ("02:30 PM", "02:30 CH"), which RFC 822 has not: email.utils drops the mark.
TWELVE_HOUR = re.compile(r"\d{1,2}:\d{2}(?::\d{2})?\s*(?:am|pm|a\.m\.|p\.m\.|sa|ch)(?!\w)", re.IGNORECASE)
# "12 Oct 2020", "12 October 2020": an English month name, day first (the RFC 822 order).
MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
EN_DMY = re.compile(r"(?<!\d)(\d{1,2})\s+(" + "|".join(MONTHS) + r")[a-z]*\.?,?\s+(\d{4})(?!\d)", re.IGNORECASE)
# No Vietnamese outlet published online before the late 1990s; earlier years are CMS
# placeholders ("0001-01-01", the 1970 epoch) rather than publication dates.
MIN_YEAR, MAX_YEAR = 1990, 2100
# A date in an article's URL: "/2020/10/12/" (the day) or "/202010/" (the month only), in
# a year parse_date accepts (MIN_YEAR to MAX_YEAR). A month is a folder, a path segment of
# its own with another after it ("/chinh-tri/202309/<slug>"): a six-digit last segment
# ("/video/201712") is an article's id.
_URL_YEAR = "(" + "|".join(str(year) for year in range(MIN_YEAR, MAX_YEAR + 1)) + ")"
URL_DAY = re.compile(r"/" + _URL_YEAR + r"/(0[1-9]|1[0-2])/(0[1-9]|[12]\d|3[01])(?=/)")
URL_MONTH = re.compile(r"/" + _URL_YEAR + r"(0[1-9]|1[0-2])(?=/[^/])")
YEAR = re.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)")


@lru_cache(maxsize=1)
def _dateparser():
    import dateparser  # slow import: only when a date needs the general parser

    return dateparser


def parse_date(text: str | None, timezone: str = "Asia/Ho_Chi_Minh") -> str | None:
    """ISO 8601 with offset, or None when no date can be read.

    Machine dates (ISO, from meta tags or JSON-LD; "Z" and other offsets are converted)
    are read directly. Vietnamese display forms are read day first, so 05/03/2021 is
    5 March: "17:24, 18/01/2021", "Thứ Hai, 12/10/2020 - 08:30", "08:30 ngày 12/10/2020",
    "14:30 | 18/04/2022", "Cập nhật: Thứ hai 22/08/2022 - 16:27", "Thứ Hai, 01/02/2021,
    14:25 [GMT+7]", "21 tháng 09 năm 2025"; anything else goes through dateparser with
    languages=["vi"]. A display date without a time is midnight. Times without an offset
    are in ``timezone``.

    None for impossible dates (31/02, 25:10), years before 1990 or after 2100, and text
    without a four-digit year ("hôm nay", "2 giờ trước": relative to a clock, so not
    reproducible).
    """
    if not text or not str(text).strip():
        return None
    zone = ZoneInfo(timezone)
    raw = unicodedata.normalize("NFC", str(text)).replace("\u00a0", " ").strip()
    parsed = _iso(raw)
    if parsed is None:
        parsed = _display(on_24_hour_clock(raw), zone)
    if parsed is None or not MIN_YEAR <= parsed.year <= MAX_YEAR:
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=zone)
    return parsed.astimezone(zone).isoformat(timespec="seconds")


def has_date(text: str | None) -> bool:
    """Whether a text holds a day, month and four-digit year in one of the display or ISO
    forms (cheap: no dateparser), e.g. to pick date lines out of a page."""
    if not text:
        return False
    return any(p.search(text) for p in (DMY, YMD, VI_WORDS))


def is_update_label(text: str | None) -> bool:
    """Whether a date line is labelled as the last update ("Cập nhật: 16:45 06/05/2024")."""
    return bool(text) and bool(UPDATE_LABEL.match(text))


def is_print_date(text: str | None) -> bool:
    """Whether a date line tells when a print view was printed ("Ngày in: 28/06/2025 08:02"),
    not when the article was published: the last label before its first date is a print label."""
    if not text:
        return False
    first = min((found.start() for found in (p.search(text) for p in (DMY, YMD, VI_WORDS)) if found), default=None)
    if first is None:
        return False
    labels = list(LINE_LABEL.finditer(text[:first]))
    return bool(labels) and bool(PRINT_LABEL.fullmatch(labels[-1].group(0)))


def has_time(text: str | None) -> bool:
    """Whether a text holds a clock time, "14:05", "14h05", "14 giờ 05 (phút)" or an hour
    told by the part of the day ("9 giờ tối")."""
    return bool(text) and bool(HM.search(text) or HM_WORDS.search(text) or DAY_PART_TIME.search(text))


def is_air_time(text: str | None) -> bool:
    """Whether a line tells when a programme goes on air ("Phát sóng: 17:15 thứ Ba,
    10/06/2025", "Phóng sự phát sóng lúc 8 giờ tối 13/08/2024 trên kênh TN1."), which dates
    the broadcast, not the article. The air-time words must state a time, up to the next
    separator of a row ("19:45 12/08/2024 | Phát sóng trong chương trình Thời sự tối"
    names the programme; its date and time are the posting's)."""
    return bool(text) and any(has_time(ROW_SEPARATOR.split(text[match.end():], maxsplit=1)[0])
                              for match in AIR_TIME.finditer(text))


def is_date_line(text: str | None, max_words: int = 4) -> bool:
    """Whether a short text is a date line: a date and a time with at most a few other
    words (a label, an author's name), e.g. "Cập nhật: 14:05 ngày 21/10/2020", and not a
    sentence that mentions a date."""
    if not text or not has_date(text) or not has_time(text) or EVENT_LABEL.match(text) or is_air_time(text):
        return False
    return _other_words(text) <= max_words


def is_day_line(text: str | None, max_words: int = 4) -> bool:
    """Whether a short text is a date line that prints the day without a time ("Thứ Hai,
    12/08/2024", "Ngày đăng: 12/08/2024") with at most a few other words."""
    if (not text or not has_date(text) or has_time(text) or EVENT_LABEL.match(text) or is_air_time(text)
            or is_print_date(text)):
        return False
    return _other_words(text) <= max_words


def _other_words(text: str) -> int:
    """How many words a date line holds besides its date, time, weekday and labels."""
    rest = text
    for pattern in (NOISE, WEEKDAY, DMY, YMD, VI_WORDS, HM, HM_WORDS, AFTERNOON, MORNING, DAY_PART):
        rest = pattern.sub(" ", rest)
    return len(re.findall(r"\w+", re.sub(r"(?i)\b(?:ngày|lúc|phút)\b", " ", rest)))


def url_date(url: str) -> tuple[int, int, int | None] | None:
    """(year, month, day or None) printed in a URL's path, or None: ``/2020/10/12/`` names
    the day, a ``/202010/`` folder (baothainguyen.vn) only the month."""
    path = re.sub(r"^[a-z]+://[^/]+", "", url or "", flags=re.IGNORECASE).split("?")[0] + "/"
    found = URL_DAY.search(path)
    if found:
        return int(found.group(1)), int(found.group(2)), int(found.group(3))
    found = URL_MONTH.search(path)
    if found:
        return int(found.group(1)), int(found.group(2)), None
    return None


def fits_url_date(iso: str, hint: tuple[int, int, int | None] | None, slack_months: int = 1) -> bool:
    """Whether a date can be the publication date of a page whose URL carries ``hint``:
    within ``slack_months`` of the URL's month (a path made in UTC, or a draft published a
    few days after it was created, may name the month before). True without a hint."""
    if not hint or not iso:
        return True
    year, month = int(iso[:4]), int(iso[5:7])
    return abs((year * 12 + month) - (hint[0] * 12 + hint[1])) <= slack_months


def wall_clock(text: str | None) -> str | None:
    """The day and time of day written in a machine date, before its offset or zone is
    applied ("2020-10-12T01:30:00Z" and "Mon, 12 Oct 2020 01:30:00 GMT" give
    "2020-10-12T01:30"), or None for a text without a time of day or in no machine form
    (ISO 8601, RFC 822)."""
    raw = unicodedata.normalize("NFC", str(text or "")).replace("\u00a0", " ").strip()
    found = ISO_WALL_CLOCK.match(raw)
    if found:
        return f"{found.group(1)}T{found.group(2)}"
    if not RFC822.match(raw):
        return None
    written = _rfc822(raw) or _display(raw, ZoneInfo("UTC"))  # "02:30 PM": _display reads it
    return written.strftime("%Y-%m-%dT%H:%M") if written else None


def zoneless_as_utc(text: str | None, timezone: str = "Asia/Ho_Chi_Minh") -> str | None:
    """The local ISO time of an ISO machine date with a time of day but no offset or "Z"
    ("2024-03-08T23:15:00"), read as UTC ("2024-03-09T06:15:00+07:00"), or None for any
    other text. Such a value is ambiguous: many CMSs serialise their UTC clock without a
    zone, others the local wall clock; only the printed date can tell (see extract._date)."""
    raw = unicodedata.normalize("NFC", str(text or "")).strip()
    if not ISO_WALL_CLOCK.match(raw) or ZONED_ISO.search(raw):
        return None
    naive = _iso(raw)
    if naive is None or naive.tzinfo is not None:
        return None
    return naive.replace(tzinfo=dt.timezone.utc).astimezone(ZoneInfo(timezone)).isoformat()


def in_machine_form(text: str | None) -> bool:
    """Whether a date text is in a machine form (ISO 8601, RFC 822) rather than a display
    form ("3/4/2024 3:30:00 PM", whose day and month order a meta tag does not say)."""
    raw = unicodedata.normalize("NFC", str(text or "")).replace("\u00a0", " ").strip()
    return bool(YMD.match(raw) or RFC822.match(raw))


def _rfc822(raw: str) -> dt.datetime | None:
    """An RFC 822 date in the zone it names: "-0000" (RFC 2822: UTC, the sender's zone
    unknown; Python's email.utils reads it as no zone), "+0000", "+00:00", "GMT", "UT",
    "UTC" and "Z" are UTC, "+07:00" is read with its colon, a US zone name ("EST") has its
    offset; without a zone (or with an unknown name) the time is local (naive)."""
    if TWELVE_HOUR.search(raw):  # "02:30 PM": email.utils would read 02:30; _display reads it
        return None
    parts = parsedate_tz(raw)
    if parts is None:
        return None
    try:
        return _in_zone(dt.datetime(*parts[:6]), raw, parts[9])
    except (TypeError, ValueError, OverflowError):  # 31 February, an offset of a day or more
        return None


def _in_zone(naive: dt.datetime, raw: str, named: int | None = 0) -> dt.datetime:
    """``naive`` in the zone that ends ``raw`` (``RFC822_ZONE``), else in the offset of
    seconds ``named`` that email.utils read from a zone name ("EST"), else naive (local).
    ValueError for an offset of a day or more."""
    zone = RFC822_ZONE.search(raw)
    if zone and zone.group("utc"):
        return naive.replace(tzinfo=dt.timezone.utc)
    if zone:
        sign = -1 if zone.group("sign") == "-" else 1
        offset = dt.timedelta(hours=int(zone.group("hours")), minutes=int(zone.group("minutes")))
        return naive.replace(tzinfo=dt.timezone(sign * offset))
    # email.utils gives 0 both for no zone and for one it does not know; other names and
    # offsets it reads ("+99999" too, which is a day or more and no zone)
    return naive.replace(tzinfo=dt.timezone(dt.timedelta(seconds=named))) if named else naive


def _iso(raw: str) -> dt.datetime | None:
    if RFC822.match(raw):
        return _rfc822(raw)
    go = GO_TIME.match(raw)
    if go:  # "2025-04-02 07:30:00 +0700 +07": Go's way of printing a time (Hugo's .Date)
        raw = f"{go.group('day')}T{go.group('clock')}{go.group('offset')[:3]}:{go.group('offset')[3:]}"
    candidate = raw.replace("Z", "+00:00")
    if not re.match(r"^\d{4}-\d{2}-\d{2}", candidate):
        return None
    try:
        return dt.datetime.fromisoformat(candidate.replace(" ", "T", 1) if " " in candidate[:11] else candidate)
    except ValueError:
        return None


def on_24_hour_clock(text: str) -> str:
    """``text`` with each time told by the part of the day ("2:15 chiều", "8 giờ 30 tối",
    "9 giờ đêm") written on the 24-hour clock ("14:15", "20:30", "21:00"); "sáng" (morning)
    and "trưa" (noon) keep the hours of the morning, but 12 in the morning is just after
    midnight ("12:05 sáng" is 00:05, as 12:05 AM); "trưa" moves 1 to 4 o'clock into the
    afternoon ("12 giờ trưa" stays noon), "đêm" (night) moves 7 to 12 o'clock into the
    evening and midnight. An hour from 13 to 23 is already on the 24-hour clock ("14h
    chiều", "20 giờ tối": 14:00, 20:00); a text past 23 hours or 59 minutes is no time."""
    def written(found: re.Match) -> str:
        hour = int(found.group("hour"))
        minute = int(found.group("minute") or found.group("minutes") or 0)
        part = found.group("part").lower()
        if hour > 23 or minute > 59:
            return found.group(0)  # no time
        if hour > 12:
            return f"{hour:02d}:{minute:02d}"  # already on the 24-hour clock
        if (part in ("chiều", "tối") and hour < 12) or (part == "trưa" and 1 <= hour <= 4) or (
                part == "đêm" and hour >= 7):
            hour = (hour + 12) % 24
        elif part == "sáng" and hour == 12:
            hour = 0
        return f"{hour:02d}:{minute:02d}"

    return DAY_PART_TIME.sub(written, text)


def _at(year: int, month: int, day: int, rest: str) -> dt.datetime | None:
    """The date at the time printed in the rest of the text ("02:15 CH" and "2:15 PM" are
    afternoon times, "8 giờ 30" is 08:30, "2:30:15 CH" keeps its seconds), or at midnight."""
    hm = HM.search(rest)
    seconds = int(hm.group(3) or 0) if hm else 0  # "2:30:15 CH": the seconds a .NET date prints
    hm = hm or HM_WORDS.search(rest)
    hour, minute = (int(hm.group(1)), int(hm.group(2))) if hm else (0, 0)
    if hm and hour < 12 and AFTERNOON.search(rest):
        hour += 12
    elif hm and hour == 12 and MORNING.search(rest):
        hour = 0
    try:
        return dt.datetime(year, month, day, hour, minute, seconds)
    except ValueError:
        return None


def _display(raw: str, zone: ZoneInfo) -> dt.datetime | None:
    cleaned = WEEKDAY.sub(" ", NOISE.sub(" ", raw)).replace("|", " ")
    cleaned = re.sub(r"\s+", " ", cleaned).strip(" ,-")
    # The common forms, read exactly (dateparser agrees, but this is 100x faster).
    for pattern, order in ((DMY, "dmy"), (VI_WORDS, "dmy"), (YMD, "ymd")):
        found = pattern.search(cleaned)
        if found:
            a, b, c = (int(x) for x in found.groups())
            year, month, day = (c, b, a) if order == "dmy" else (a, b, c)
            return _at(year, month, day, cleaned[:found.start()] + " " + cleaned[found.end():])
    # "12 Oct 2020 02:30 PM +0700": the RFC 822 order with a 12-hour time (which _rfc822
    # leaves), read here because dateparser reads Vietnamese only; an RFC 822 date with a
    # 24-hour time that _rfc822 refused (31 Feb, a bad offset) stays refused
    found = EN_DMY.search(cleaned)
    if found and not (RFC822.match(cleaned) and not TWELVE_HOUR.search(cleaned)):
        month = MONTHS.index(found.group(2).lower()) + 1
        parsed = _at(int(found.group(3)), month, int(found.group(1)), cleaned[found.end():])
        try:
            return _in_zone(parsed, cleaned) if parsed else None
        except (ValueError, OverflowError):
            return None
    if not YEAR.search(cleaned):
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


# ---- dates printed without a year, and dates held in attributes ----------------------------
# A day and month without a year ("02/01", "2/1"), not part of a longer date ("02/01/24").
DAY_MONTH = re.compile(r"(?<![\d/.-])(\d{1,2})([/.-])(\d{1,2})(?!\d|[/.-]\d)")
# A clock time with optional seconds ("16:40", "16:40:05", "16h40").
CLOCK = re.compile(r"(?<!\d)\d{1,2}[:h]\d{2}(?::\d{2})?(?!\d)")
DATE_LABELS = re.compile(r"\b(?:ngày|lúc|phút)\b", re.IGNORECASE)
# How far from its neighbour a year-less day is looked for (29 February: up to 8 years).
YEAR_SEARCH = 9


def _only_date_left(text: str, patterns: tuple[re.Pattern, ...]) -> bool:
    """Whether nothing but separators is left of ``text`` once the date parts, a weekday and
    a label ("Cập nhật", "ngày", "lúc") are taken out."""
    rest = text
    for pattern in (NOISE, WEEKDAY, *patterns, CLOCK, HM_WORDS, AFTERNOON, MORNING, DAY_PART, DATE_LABELS):
        rest = pattern.sub(" ", rest)
    return not re.search(r"\w", rest)


def is_bare_date(text: str | None) -> bool:
    """Whether a text is a full date and nothing else: a machine date ("2024-03-04T16:40:00+07:00")
    or a display date with at most a time, a weekday and a label ("16:40 04/03/2024"), not a
    sentence or caption that mentions one ("Ảnh chụp ngày 04/03/2024")."""
    if not has_date(text):
        return False
    raw = unicodedata.normalize("NFC", str(text)).replace("\u00a0", " ").strip()
    return _iso(raw) is not None or _only_date_left(raw, (DMY, YMD, VI_WORDS))


def day_month(text: str | None) -> tuple[int, int] | None:
    """(month, day) of a date line printed without its year ("16:40 - 02/01", "Thứ Năm, 2/1"),
    or None: for a text with a full date, with other words beside the date ("Tập 5/12"), or
    with no possible day (31/02). "-" and "." part a day and month only beside a time (a
    lone "3-1" is a score, "2.5" a number)."""
    if not text or has_date(text):
        return None
    raw = unicodedata.normalize("NFC", str(text)).replace("\u00a0", " ").strip()
    found = DAY_MONTH.findall(raw)
    if len(found) != 1 or not _only_date_left(raw, (DAY_MONTH,)):
        return None
    day, separator, month = (int(found[0][0]), found[0][1], int(found[0][2]))
    if separator != "/" and not CLOCK.search(raw):
        return None
    try:
        dt.date(2000, month, day)  # a leap year: 29/02 is a possible day
    except ValueError:
        return None
    return month, day


def _on_or_before(month: int, day: int, ceiling: dt.date) -> dt.date | None:
    """The last (month, day) on or before ``ceiling``."""
    for year in range(ceiling.year, ceiling.year - YEAR_SEARCH, -1):
        try:
            found = dt.date(year, month, day)
        except ValueError:
            continue
        if found <= ceiling:
            return found
    return None


def complete_years(days: list[dt.date | tuple[int, int] | None], today: dt.date) -> list[dt.date | None]:
    """The days of a newest-first list (a listing page) with the year of each year-less
    (month, day) filled in. A site prints the year only for earlier years, so a year-less
    day is the latest one on or before the nearest newer day above it in the list, or, at
    the top, on or before ``today`` + 1 day (a clock a few hours ahead): "02/01" under a
    "05/01" is this January, "28/12" under a "02/01" last December. A day after ``today``
    + 1 never comes out (a pinned card above older ones keeps this year). Full days and
    None pass unchanged."""
    filled: list[dt.date | tuple[int, int] | None] = list(days)
    latest = today + dt.timedelta(days=1)
    above = latest
    for index, value in enumerate(filled):
        if isinstance(value, tuple):
            filled[index] = value = _on_or_before(*value, above)
        if isinstance(value, dt.date):
            above = min(value, latest)
    return filled  # type: ignore[return-value]  # no tuple is left


# ---- dates given as a count since the epoch -------------------------------------------------
# An epoch number in seconds, milliseconds, microseconds or nanoseconds, read in the unit that
# gives a date from 1990 to 2100; as text, ASCII digits with an optional fraction, or ASP.NET's
# "/Date(1711906200000)/".
EPOCH_SCALES = (1, 1e3, 1e6, 1e9)
EPOCH_SECONDS_RANGE = (631152000, 4102444800)
EPOCH_TEXT = re.compile(r"[0-9]{9,20}(?:\.[0-9]+)?")
ASPNET_DATE = re.compile(r"/Date\(([0-9]{9,16})(?:[+-][0-9]{4})?\)/")


def epoch_date(value, timezone: str = "Asia/Ho_Chi_Minh") -> str | None:
    """The local ISO time of a count since the epoch (a number, a digit text, or ASP.NET's
    ``/Date(ms)/``), or None for anything else or a count outside 1990-2100."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, str):
        text = value.strip()
        aspnet = ASPNET_DATE.fullmatch(text)
        if aspnet:
            value = int(aspnet.group(1))
        elif EPOCH_TEXT.fullmatch(text):
            value = float(text)
        else:
            return None
    if not isinstance(value, (int, float)):
        return None
    try:
        seconds = float(value)
    except OverflowError:
        return None
    for scale in EPOCH_SCALES:  # the unit that puts the number in a plausible year
        if EPOCH_SECONDS_RANGE[0] <= seconds / scale <= EPOCH_SECONDS_RANGE[1]:
            return dt.datetime.fromtimestamp(int(seconds / scale), ZoneInfo(timezone)).isoformat()
    return None
