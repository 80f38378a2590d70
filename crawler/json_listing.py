"""What a JSON listing page lists, read without knowing its field names: the batch an
infinite-scroll section loads (its address named by a loader's ``data-api``), or an API page
whose configured field names no longer match. Pure functions of the decoded payload (the
spider makes the requests).

- Items: the largest list of objects anywhere in the payload (a few levels deep).
- An item's article: its first text field (its own fields before those of the objects it
  holds) that is an address (absolute, or from the site's root) of an article of the outlet
  (``crawler.urls.is_article_url``); else, when the outlet configures one, its URL template
  filled from its fields.
- An item's date: a field whose name says it is a publication date or time ("publish…",
  "created…", "…date", "…time", "ngày"), not an update, a duration or an end; a date text
  (``crawler.dates.parse_date``) or a count since the epoch (``crawler.dates.epoch_date``).
- The next page: a field named ``next`` / ``next_url`` / ``next_page`` / ``nextPage`` (…)
  holding an address on the same site (or a page number); null there ends the listing. Else
  the same address with its page number (``page``, ``p``, …) or offset advanced, when the
  batch was full (as many items as its size parameter asks; any item when none is given)
  and the payload's page count, if it gives one, is not reached.
"""
from __future__ import annotations

import json
import re
from collections import deque
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl, unquote_plus, urlsplit

from crawler.article_pages import PAGE_PARAMETERS
from crawler.config import OutletConfig
from crawler.dates import epoch_date, parse_date
from crawler.urls import absolute, is_article_url

JSON_START = re.compile(rb"(?:\xef\xbb\xbf)?\s*[\[{]")  # a BOM, spaces, then an object or array
MAX_DEPTH = 8  # how deep the items, the next link and the page count are looked for
FLATTEN_DEPTH = 4  # an item's objects within objects, read for its fields
MAX_ADDRESS_CHARS = 2000
ADDRESS_START = ("http://", "https://", "//", "/")
# a field name that says "published": ranked publish < created < any other date or time
DATE_NAMES = (("publish", "pubdate", "xuatban", "ngaydang", "thoigiandang"), ("creat", "posted"),
              ("date", "time", "ngay", "thoigian"))
# a date or time that is not the publication's: an update, an end, a length, a zone
NOT_PUBLISHED_PARTS = ("updat", "modif", "edit", "expir", "duration", "zone", "capnhat")
NOT_PUBLISHED_WORDS = {"end", "until", "read", "reading", "sua"}
NAME_WORDS = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|[0-9]+")
NEXT_KEYS = {"next", "nexturl", "nextpage", "nextpageurl", "nextlink", "nexthref"}
SIZE_KEYS = {"size", "limit", "perpage", "pagesize", "count", "take", "psize"}
OFFSET_KEYS = {"offset", "start", "skip", "from"}
PAGE_KEYS = {name.lower() for name in PAGE_PARAMETERS} | {"pagenumber", "pageno", "pagenum"}
# Where a paginator keeps its page count.
TOTAL_KEYS = ("last_page", "lastPage", "totalPages", "total_pages", "pageCount")
ASCII_DIGITS = re.compile(r"[0-9]{1,9}")
MAX_PAGE = 100_000


@dataclass(frozen=True)
class JsonItem:
    """One item of a JSON listing: the real URL of its article (None when it names none)
    and its publication time as local ISO (None when it gives none)."""
    url: str | None
    published: str | None


def looks_like_json(body: bytes) -> bool:
    """Whether a response body is written as a JSON object or array (no page is)."""
    return bool(JSON_START.match(body))


def json_payload(body: bytes) -> Any | None:
    """The decoded payload of a response body that is a JSON object or array (whatever
    type it was served with), else None (also for one that does not decode, or is nested
    deeper than Python's JSON reader goes)."""
    if not looks_like_json(body):
        return None
    try:
        return json.loads(body.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        return None


def _key(name: str) -> str:
    """A field name without case, "_" or "-" (``next_page_url`` = ``nextPageUrl``)."""
    return re.sub(r"[_-]", "", name).lower()


def _walk(payload: Any, skip: Any = None) -> list[tuple[Any, int]]:
    """Every list and object of the payload, breadth first, to ``MAX_DEPTH`` levels, with its
    depth; ``skip`` (the items list) is not walked into."""
    found, queue = [], deque([(payload, 0)])
    while queue:
        node, depth = queue.popleft()
        found.append((node, depth))
        if depth >= MAX_DEPTH or node is skip:
            continue
        children = node.values() if isinstance(node, dict) else node if isinstance(node, list) else ()
        queue.extend((child, depth + 1) for child in children if isinstance(child, (dict, list)))
    return found


def _objects_in(value: Any) -> int:
    return sum(isinstance(entry, dict) for entry in value) if isinstance(value, list) else 0


def largest_object_list(payload: Any) -> tuple[list, dict | None]:
    """(the largest list of objects in the payload, the object that holds it), the shallowest
    of equal ones; ([], None) when there is none. The list is the payload's own (whatever
    else it holds is passed over by ``read_items``)."""
    best: list = payload if isinstance(payload, list) else []
    most, holder = _objects_in(best), None
    for node, _ in _walk(payload):
        for value in node.values() if isinstance(node, dict) else ():
            count = _objects_in(value)
            if count > most:
                best, most, holder = value, count, node
    return (best, holder) if most else ([], None)


def value_at(data: Any, dotted: str | None) -> Any:
    """The value at a dotted path of objects ("meta.totalPages"), or None."""
    if not dotted:
        return None
    for part in dotted.split("."):
        if not isinstance(data, dict):
            return None
        data = data.get(part)
    return data


def flatten(entry: dict, prefix: str = "", depth: int = 0) -> dict[str, Any]:
    """An object's fields with those of the objects it holds as ``<key>_<field>`` (to
    ``FLATTEN_DEPTH`` levels)."""
    flat: dict[str, Any] = {}
    for key, value in entry.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            if depth < FLATTEN_DEPTH:
                flat.update(flatten(value, name + "_", depth + 1))
        else:
            flat[name] = value
    return flat


def _own_fields_first(entry: dict) -> list[tuple[str, Any]]:
    """An item's fields, its own before those of the objects it holds."""
    flat = flatten(entry)
    return sorted(flat.items(), key=lambda pair: pair[0] not in entry)


def _date_rank(name: str) -> int | None:
    """How surely a field name says "published" (0: publish…, 1: created…, 2: another date
    or time), None for a name that says no date, or another one (an update, an end)."""
    lowered = _key(name)
    words = {word.lower() for word in NAME_WORDS.findall(name)}
    if words & NOT_PUBLISHED_WORDS or any(part in lowered for part in NOT_PUBLISHED_PARTS):
        return None
    return next((rank for rank, parts in enumerate(DATE_NAMES) if any(part in lowered for part in parts)), None)


def api_date(value: Any, timezone: str) -> str | None:
    """An API item's date as local ISO: a count since the epoch (``crawler.dates.epoch_date``:
    seconds to nanoseconds, ``/Date(ms)/``) or a date text."""
    if isinstance(value, str) and not epoch_date(value, timezone):
        return parse_date(value.strip(), timezone) if value.strip() else None
    return epoch_date(value, timezone)


def item_date(entry: dict, timezone: str) -> str | None:
    """An item's publication time (see the module docstring), or None."""
    named = []
    for name, value in _own_fields_first(entry):
        rank = _date_rank(name)
        if rank is not None:
            named.append((name not in entry, rank, value))
    for *_, value in sorted(named, key=lambda found: found[:2]):
        published = api_date(value, timezone)
        if published:
            return published
    return None


def item_url(entry: dict, outlet: OutletConfig) -> str | None:
    """The first text field of an item that is an address of an article of the outlet,
    resolved against the outlet's address; None when there is none."""
    for _, value in _own_fields_first(entry):
        if not _looks_like_address(value) or value.strip().startswith("?"):
            continue
        try:
            address = absolute(outlet.base_url + "/", value)
        except ValueError:
            continue
        if is_article_url(address, outlet):
            return address
    return None


def templated_url(entry: dict, template: str, published: str | None, outlet: OutletConfig) -> str | None:
    """An item's URL built from the outlet's template and its fields (nested ones as
    ``<key>_<field>``; ``publish_yyyymm`` from its publication time), or None."""
    fields = flatten(entry)
    if published:
        fields["publish_yyyymm"] = published[:4] + published[5:7]
    try:
        return absolute(outlet.base_url + "/", template.format(**fields))
    except (KeyError, IndexError, ValueError, AttributeError):
        return None


def read_items(entries: list, outlet: OutletConfig, url_template: str | None = None) -> list[JsonItem]:
    """The article URL and the date of each item (see the module docstring)."""
    found = []
    for entry in entries:
        if not isinstance(entry, dict):
            continue
        published = item_date(entry, outlet.timezone)
        url = item_url(entry, outlet)
        if url is None and url_template:
            url = templated_url(entry, url_template, published, outlet)
            url = url if url and is_article_url(url, outlet) else None
        found.append(JsonItem(url, published))
    return found


def whole_number(value: Any) -> int | None:
    """A count given as an int, an integral float (PHP's ``ceil()`` gives 21.0) or ASCII digits."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value if value >= 0 else None
    if isinstance(value, float):
        return int(value) if value.is_integer() and 0 <= value < 1e9 else None
    if isinstance(value, str) and ASCII_DIGITS.fullmatch(value.strip()):
        return int(value.strip())
    return None


def page_count(payload: Any, items: list) -> int | None:
    """The page count a payload gives anywhere outside its items (``last_page``,
    ``pagination.total_pages``), or None."""
    for node, _ in _walk(payload, skip=items):
        if isinstance(node, dict):
            for key in TOTAL_KEYS:
                number = whole_number(node.get(key))
                if number is not None:
                    return number
    return None


def next_link(payload: Any, items: list, page_url: str) -> tuple[bool, str | int | None]:
    """(whether the payload names its next page, that page: an address resolved against
    ``page_url``, a page number, or None for the last page)."""
    for node, _ in _walk(payload, skip=items):
        if not isinstance(node, dict):
            continue
        for key, value in node.items():
            if _key(key) not in NEXT_KEYS:
                continue
            if value is None or value is False or value == "":
                return True, None
            if _looks_like_address(value):
                try:
                    return True, absolute(page_url, value)
                except ValueError:
                    continue
            number = whole_number(value)
            if number is not None:
                return True, number
    return False, None


def _looks_like_address(value: Any) -> bool:
    """A text that is an address, absolute or relative to the site or the page ("?page=3")."""
    if not isinstance(value, str) or len(value) > MAX_ADDRESS_CHARS:
        return False
    text = value.strip()
    return text.startswith((*ADDRESS_START, "?")) and not any(ch.isspace() for ch in text)


def _with_parameter(url: str, name: str, value: int) -> str:
    """``url`` with the query parameter ``name`` set to ``value``, the rest of it as it was."""
    parts = urlsplit(url)
    pairs = [f"{name}={value}" if unquote_plus(pair.partition("=")[0]) == name else pair
             for pair in parts.query.split("&")]
    return parts._replace(query="&".join(pairs)).geturl()


def _parameter(query: dict[str, str], names: set[str], largest: int) -> tuple[str, int] | None:
    """(the name, the number) of the first query parameter named as one of ``names`` whose
    value is a whole number up to ``largest``."""
    for key, value in query.items():
        number = whole_number(value)
        if _key(key) in names and number is not None and number <= largest:
            return key, number
    return None


def _query_of(url: str) -> dict[str, str]:
    try:
        return dict(parse_qsl(urlsplit(url).query, keep_blank_values=True))
    except ValueError:
        return {}


def advanced_page(page_url: str, batch: int, payload: Any, items: list) -> str | None:
    """The same address with its page number or offset advanced, when the batch of
    ``batch`` items was full and the payload's page count is not reached; else None."""
    query = _query_of(page_url)
    size = _parameter(query, SIZE_KEYS, MAX_PAGE)
    if batch == 0 or (size is not None and batch < size[1]):
        return None
    page = _parameter(query, PAGE_KEYS, MAX_PAGE)
    if page is not None:
        total = page_count(payload, items)
        if total is not None and page[1] >= total:
            return None
        return _with_parameter(page_url, page[0], page[1] + 1)
    offset = _parameter(query, OFFSET_KEYS, MAX_PAGE * MAX_PAGE)
    if offset is not None:
        return _with_parameter(page_url, offset[0], offset[1] + (size[1] if size else batch))
    return None


def next_json_page(payload: Any, items: list, page_url: str) -> str | None:
    """The address of the next page of a JSON listing read at ``page_url`` (real, not
    mirrored; see the module docstring), or None."""
    named, found = next_link(payload, items, page_url)
    if named:
        if isinstance(found, int):
            page = _parameter(_query_of(page_url), PAGE_KEYS, MAX_PAGE)
            found = _with_parameter(page_url, page[0], found) if page else None
        return found if found != page_url else None
    return advanced_page(page_url, len(items), payload, items)
