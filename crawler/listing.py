"""What a listing page lists: its article links with the date printed beside each, and the
address of the next page. Pure functions of a parsed page (the spider makes the requests).

Links are resolved as a browser resolves them: against the page's first ``<base href>``
(itself resolved against the page's address) when it has one, else the page's address.

Links: every link of the page to an article of the outlet, outside page furniture (menus,
sidebars, "most read" boxes), once per canonical URL, in page order, so that a card whose
title is an ``h2`` and the others ``h3``, or whose only link is on its image, is found all
the same. The configured ``article_links`` selectors are read only when no link is left
outside furniture (a listing whose own box is classed like furniture).

Dates: per card, the largest element (a few levels at most) around a link that holds no
link to another article (the first card of an article that has a date, when it is listed
twice): a configured ``item_dates`` selector inside it, else a ``<time datetime>``, else a
short date line that is not the title; when no full date is printed ("Hôm qua 16:40"), the
full date a date element holds in its ``title``, ``datetime`` or ``data-*`` attribute; last a
day and month printed without the year ("16:40 - 02/01"), the latest such day on or before
the card above it, or today (``crawler.dates.complete_years``). A page-wide list of dates no
longer has to match the links one for one.

Next page: the configured ``next_page`` selectors, then the discovery's page template, then
what a reader would click: ``rel="next"``, a link worded "Trang sau" / "Tiếp", a "Xem thêm"
control's ``data-url``, the number after the current page's in a paging box or in a menu of
page numbers (``<select>``), last a bare "»" that is not labelled as the last page; controls
in a sidebar, header, footer or slider are passed over.
"""
from __future__ import annotations

import datetime as dt
import itertools
import re
from dataclasses import dataclass
from typing import Callable
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from parsel import Selector

from crawler.article_pages import first_page, page_number
from crawler.config import OutletConfig
from crawler.dates import complete_years, day_month, epoch_date, has_date, is_bare_date, parse_date
from crawler.page import (HEADING_TAGS, candidates, class_words, in_furniture_known, short_text, split_pseudo,
                          text_of, text_within)
from crawler.urls import absolute, canonical_url, is_article_url

NEXT_WORDS = re.compile(r"^\s*(?:trang\s+(?:sau|tiếp(?:\s+theo)?|kế(?:\s+tiếp)?)|tiếp(?:\s+theo)?|sau|next)"
                        r"\s*[›»>]*\s*$", re.IGNORECASE)
NEXT_SYMBOL = re.compile(r"^\s*(?:[›»>]|>>)\s*$")
LAST_LABEL = re.compile(r"^\s*(?:trang\s+)?(?:cuối|last)\b", re.IGNORECASE)
SIDE_WORDS = {"sidebar", "slide", "slider", "carousel", "swiper", "banner", "menu", "widget"}
PAGING_WORDS = {"pagination", "paging", "pager", "page", "pages", "paginate", "phantrang", "trang"}
MAX_PAGE_NUMBER = 1000  # a number above this is a year or an id, not a page
# A page placeholder in a "Xem thêm" control's address template, and the attributes naming the page.
PAGE_PLACEHOLDER = re.compile(r"\{\{?\s*(?:page|p|pageindex|page_index|pagenumber|trang|0)\s*\}\}?|%page%|:page\b",
                              re.IGNORECASE)
# (attribute, what to add to its number): the next page as it is, the current one plus one;
# "data-page" names either, so it is compared with the page being read.
PAGE_ATTRIBUTES = (("data-next-page", 0), ("data-next", 0), ("data-current-page", 1), ("data-current", 1),
                   ("data-page", None))
# The attribute in which a loader (an infinite-scroll spinner, a "Xem thêm" box) names the
# address of the next batch, which a script fetches: data-api, data-url, data-next-url, …
LOADER_ATTRIBUTE = re.compile(r"^data-(?:[a-z]+-)*(?:api|endpoint|source|url|href|next|ajax)(?:-(?:url|href|link|api))?$")
MORE_LABEL = re.compile(r"^\s*(?:xem|tải|hiển thị)\s+thêm(?:\s+tin|\s+bài)?\s*$", re.IGNORECASE)
CURRENT_WORDS = {"active", "current", "selected"}
MAX_DATE_CHARS = 60
MAX_CARD_CHARS = 1000
MAX_CARD_DEPTH = 8  # a card is a few levels around its link
NOT_DATE_TAGS = {"a", "h1", "h2", "h3", "h4", "h5", "h6"}
PAGE_DIGITS = re.compile(r"[0-9]{1,4}")
# An option value that is an address, not a bare number (a page size).
PAGE_ADDRESS = re.compile(r"^(?![0-9]+$)\S+$")
SCRIPT_HREF = re.compile(r"^\s*(?:javascript:|#|$)", re.IGNORECASE)
DATE_ATTRIBUTES = ("title", "datetime")  # and every data-* attribute
TIME_ATTRIBUTE = re.compile(r"^data-(?:[a-z-]*-)?(?:time|date|timestamp|ts|published|created|pubdate)$")
WEB_SCHEMES = ("http", "https")
GROUP_DEPTH = 3  # a day heading sits beside a card or beside its list, a few levels up
# what a card may print: a full day, or (month, day) without the year
CardDay = dt.date | tuple[int, int] | None


@dataclass(frozen=True)
class ListedArticle:
    """One article a listing names: its real URL and the day printed beside it, if any."""
    url: str
    day: dt.date | None


def _configured_elements(sel: Selector, queries) -> set:
    """The elements the configured link selectors match ("h3 a::attr(href)" -> the ``a``;
    a group "h2 a::attr(href), h3 a::attr(href)" part by part)."""
    found = set()
    for query in queries:
        elements = ", ".join(split_pseudo(part)[0] for part in query.split(","))
        try:
            found.update(node.root for node in sel.css(elements))
        except Exception:  # a selector that does not parse is passed over, as elsewhere
            continue
    return found


def page_base_url(sel: Selector, page_url: str) -> str:
    """The address a page's relative links resolve against, as a browser has it: the first
    ``<base href>``, itself resolved against the page's address, else the page's address (also
    when the base is no web address, as a browser passes over a ``javascript:`` base)."""
    href = next((el.get("href") for el in sel.root.iter("base") if el.get("href") is not None), None)
    if href is None:
        return page_url
    try:
        base = absolute(page_url, href)
    except ValueError:  # an address that does not parse ("http://[x")
        return page_url
    return base if urlsplit(base).scheme.lower() in WEB_SCHEMES else page_url


def listed_articles(sel: Selector, page_url: str, outlet: OutletConfig,
                    to_real: Callable[[str], str], today: dt.date | None = None) -> list[ListedArticle]:
    """The articles a listing page names, in page order (see the module docstring). ``today``
    (default: the clock, in the outlet's zone) is the day year-less card dates are read
    against."""
    base = page_base_url(sel, page_url)
    furniture: dict = {}
    anchors = [a for a in sel.root.iter("a") if not in_furniture_known(a, furniture)]
    listed = _articles_linked(anchors, base, outlet, to_real)
    if not listed:  # the listing's own box is classed like furniture: the configured links
        configured = _configured_elements(sel, outlet.listing.get("article_links", ()))
        listed = _articles_linked([a for a in sel.root.iter("a") if a in configured], base, outlet, to_real)
    if not any(isinstance(day, tuple) for _, day in listed):
        return [ListedArticle(url, day) for url, day in listed]
    today = today or dt.datetime.now(ZoneInfo(outlet.timezone)).date()
    days = complete_years([day for _, day in listed], today)
    return [ListedArticle(url, day) for (url, _), day in zip(listed, days)]


def _articles_linked(anchors: list, base_url: str, outlet: OutletConfig,
                     to_real: Callable[[str], str]) -> list[tuple[str, CardDay]]:
    """The articles the given links point to, once each, in page order, with what their
    cards print of their days."""
    links: dict[str, tuple[str, list]] = {}  # canonical -> (real URL, its link elements)
    owners: dict[object, set[str]] = {}  # element -> canonical URLs of the article links inside it
    for anchor in anchors:
        href = anchor.get("href")
        if not href or SCRIPT_HREF.match(href):
            continue
        address = _address(base_url, href)
        if address is None:
            continue
        real = to_real(address)
        if not is_article_url(real, outlet):
            continue
        key = canonical_url(real, outlet)
        links.setdefault(key, (real, []))[1].append(anchor)
        for element in [anchor, *itertools.islice(anchor.iterancestors(), MAX_CARD_DEPTH)]:
            owners.setdefault(element, set()).add(key)
    date_queries = outlet.listing.get("item_dates", ())
    found = []
    memo: dict = {}
    for key, (real, linking) in links.items():
        cards = [_card(anchor, key, owners) for anchor in linking]
        day = next((day for card in cards for day in [_card_day(card, date_queries, outlet.timezone)] if day), None)
        found.append((real, day or _group_day(cards[0], outlet.timezone, memo)))
    return found


def _card(anchor, key: str, owners: dict) -> object:
    """The largest element around a link that links to no other article and is no larger
    than a card (a page's only link does not make the whole page its card)."""
    card = anchor
    for element in itertools.islice(anchor.iterancestors(), MAX_CARD_DEPTH):
        if owners.get(element, set()) != {key} or not text_within(element, MAX_CARD_CHARS)[1]:
            break
        card = element
    return card


def _card_day(card, date_queries, timezone: str) -> CardDay:
    """The day printed in a card, or (month, day) when it prints no year (see the module
    docstring), or None."""
    card_sel = Selector(root=card)
    configured = [text for query in date_queries for _, text in candidates(card_sel, query, skip_furniture=False)]
    # short lines, not the title (a heading or a link: "Hội thi ngày 8/3/2024")
    lines = [(el, text) for el in card.iter() if isinstance(el.tag, str) and el.tag not in NOT_DATE_TAGS
             and next(el.iter("a"), None) is None for text in [short_text(el, MAX_DATE_CHARS)] if text is not None]
    texts = configured + [t.get("datetime") for t in card.iter("time") if t.get("datetime")]
    texts += [text for _, text in lines if has_date(text)]
    texts += [value for el, text in lines if not has_date(text) for value in _date_attributes(el, timezone)]
    for text in texts:
        iso = parse_date(text, timezone) if text else None
        if iso:
            return dt.date.fromisoformat(iso[:10])
    return next((found for text in configured + [text for _, text in lines] for found in [day_month(text)]
                 if found), None)


def _group_day(card, timezone: str, memo: dict) -> CardDay:
    """The day of the heading a card is listed under when the card prints none (a "Tin mới"
    timeline grouped by day, each item printing only its time): the nearest heading
    (``h2``–``h6``) before the card, or before one of its few enclosing groups, when it
    prints a date and nothing else; None when the nearest heading is no date (a title, a
    box's name). ``memo`` (one per page) keeps the walk linear in the page."""
    for element in [card, *itertools.islice(card.iterancestors(), GROUP_DEPTH)]:
        decided, day = _heading_before(element, timezone, memo)
        if decided:
            return day
    return None


def _heading_before(element, timezone: str, memo: dict) -> tuple[bool, CardDay]:
    """(whether a heading precedes ``element`` among its siblings, the day it prints)."""
    passed = []
    found: tuple[bool, CardDay] = (False, None)
    for before in element.itersiblings(preceding=True):
        if isinstance(before.tag, str) and before.tag in HEADING_TAGS:
            found = (True, _heading_day(before, timezone))
            break
        if before in memo:
            found = memo[before]
            break
        passed.append(before)
    for el in (element, *passed):  # what lies before each of them is the same
        memo[el] = found
    return found


def _heading_day(heading, timezone: str) -> CardDay:
    text = short_text(heading, MAX_DATE_CHARS)
    if text and is_bare_date(text):
        iso = parse_date(text, timezone)
        return dt.date.fromisoformat(iso[:10]) if iso else None
    return day_month(text) if text else None


def _date_attributes(el, timezone: str) -> list[str]:
    """The full dates an element holds in its ``title``, ``datetime`` or ``data-*`` attributes
    (the absolute date behind a printed "Hôm qua 16:40"), each a date and nothing else, or
    a count since the epoch in a ``data-*`` attribute named for a time (``data-time``)."""
    found = []
    for name, value in el.attrib.items():
        if (name in DATE_ATTRIBUTES or name.startswith("data-")) and is_bare_date(value):
            found.append(value)
        elif TIME_ATTRIBUTE.search(name) and epoch_date(value):  # data-time="1711073700"
            found.append(epoch_date(value, timezone))
    return found


def next_page_url(sel: Selector, page_url: str, queries, template_url: str | None,
                  to_real: Callable[[str], str], domains: tuple[str, ...] = ()) -> str | None:
    """The address of the next listing page (see the module docstring), or None; one read
    off the page must stay on the page's site or the outlet's ``domains``."""
    base = page_base_url(sel, page_url)
    for query in queries:
        try:
            href = sel.css(query).get()
        except Exception:
            continue
        if href and not SCRIPT_HREF.match(href) and _address(base, href):
            return to_real(_address(base, href))
    if template_url:
        return template_url
    href = _next_by_reading(sel, base, page_url)
    address = _address(base, href) if href else None
    if not address or not same_site(to_real(address), to_real(page_url), domains):
        return None  # a control read off the page leads to another site (an ad's menu): no paging
    return to_real(address)


def same_site(url: str, other: str, domains: tuple[str, ...] = ()) -> bool:
    """Whether ``url`` is on the site of ``other`` (the same host, "www." and "m." aside, or
    a host under it) or on one of the outlet's ``domains``."""
    try:
        mine, theirs = _bare_host(urlsplit(url).hostname or ""), _bare_host(urlsplit(other).hostname or "")
    except ValueError:
        return False
    sites = {theirs, *(_bare_host(d) for d in domains)}
    return any(mine == site or mine.endswith("." + site) or site.endswith("." + mine) for site in sites if site)


def _bare_host(name: str) -> str:
    """A host name without its "www." or "m." (the same site's desktop and mobile hosts)."""
    return re.sub(r"^(?:www|m)\.", "", name.lower())


def _address(base: str, href: str) -> str | None:
    """``href`` resolved against ``base``; None for an address that does not parse ("http://[x")."""
    try:
        return absolute(base, href.strip())
    except ValueError:
        return None


def _next_by_reading(sel: Selector, base_url: str, page_url: str) -> str | None:
    """The next page's address as a reader finds it (see the module docstring): ``rel=next``;
    a link worded "Trang sau" / "Tiếp" or a "Xem thêm" control's ``data-url``; the link
    after the current page's number, or the option after it in a menu; last, a bare "›" / "»" that is not labelled as the last
    page. Controls in a sidebar, header, footer or slider are passed over."""
    root = sel.root
    for el in root.iter("link", "a"):
        href = el.get("href")
        if "next" in (el.get("rel") or "").lower().split() and href and not SCRIPT_HREF.match(href) \
                and not _beside_the_list(el):
            return href
    symbol = None
    controls = root.xpath("//a[@href] | //*[@data-url or @data-href]")
    for el in controls:
        labels = [t for t in (short_text(el, 30), el.get("title"), el.get("aria-label")) if t]
        if not labels or any(LAST_LABEL.match(t) for t in labels):
            continue
        href = el.get("href") if el.get("href") and not SCRIPT_HREF.match(el.get("href")) else None
        data_url = el.get("data-url") or el.get("data-href")
        if href and any(NEXT_WORDS.match(t) for t in labels):
            found = href
        elif data_url and any(MORE_LABEL.match(t) or NEXT_WORDS.match(t) for t in labels):
            found = _filled_template(el, data_url, page_url)
            if found is None:
                continue
        elif symbol is None and href and any(NEXT_SYMBOL.match(t) for t in labels):
            symbol = None if _beside_the_list(el) else href
            continue
        else:
            continue
        if not _beside_the_list(el):  # read only for the few controls worded as paging
            return found
    return (_after_current(root) or _after_selected_option(root, base_url, page_url)
            or _loader_address(root, base_url, page_url) or symbol)


def _loader_address(root, base_url: str, page_url: str) -> str | None:
    """The address a loader under the list names in a ``data-api`` (``data-url``,
    ``data-next-url`` …) attribute for the next batch an infinite-scroll listing loads (its
    placeholder filled as a "Xem thêm" control's is): one that carries the number of the
    page after this one, wherever it leads on the site (a JSON endpoint of the section)."""
    reading = page_number(page_url, first_page(page_url, MAX_PAGE_NUMBER), largest=MAX_PAGE_NUMBER) or 1
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        for name, value in el.attrib.items():
            if not LOADER_ATTRIBUTE.match(name) or not value.strip() or SCRIPT_HREF.match(value):
                continue
            found = _filled_template(el, value.strip(), page_url)
            address = _address(base_url, found) if found else None
            if address and _page_of_its_own(address) == reading + 1 and not _beside_the_list(el):
                return address
    return None


def _page_of_its_own(address: str) -> int | None:
    """The page number an address carries (a ``page`` parameter, a ``/page/2`` suffix)."""
    return page_number(address, first_page(address, MAX_PAGE_NUMBER), largest=MAX_PAGE_NUMBER)


def _filled_template(control, data_url: str, page_url: str) -> str | None:
    """A "Xem thêm" control's address with its page placeholder ("?page={page}") filled
    from the control's page attribute (``PAGE_ATTRIBUTES``); the address itself when it has
    no placeholder, None when the page to fill in is not given."""
    if not PAGE_PLACEHOLDER.search(data_url):
        return data_url
    for name, step in PAGE_ATTRIBUTES:
        value = control.get(name, "").strip()
        if not PAGE_DIGITS.fullmatch(value):
            continue
        number = int(value)
        if step is None:  # "data-page": the next page, or the one being read
            reading = page_number(page_url, first_page(page_url, MAX_PAGE_NUMBER), largest=MAX_PAGE_NUMBER) or 1
            step = 1 if number == reading else 0
        return PAGE_PLACEHOLDER.sub(str(number + step), data_url)
    return None


def _after_selected_option(root, base_url: str, page_url: str) -> str | None:
    """The address of the option after the selected page number in a page menu (a
    ``<select>`` of numbered pages whose values are addresses, which a script follows): an
    address of this listing with the next page number (a menu of years, or of days whose
    options filter the listing, is none)."""
    for menu in root.iter("select"):
        if _beside_the_list(menu):
            continue
        options = list(menu.iter("option"))
        for option, following in zip(options, options[1:]):
            if option.get("selected") is None:
                continue
            text, value = text_of(option).strip(), (following.get("value") or "").strip()
            if (PAGE_DIGITS.fullmatch(text) and text_of(following).strip() == str(int(text) + 1)
                    and PAGE_ADDRESS.match(value) and _is_next_page(value, base_url, page_url, int(text) + 1)):
                return value
            break
    return None


def _is_next_page(href: str, base_url: str, page_url: str, number: int) -> bool:
    """Whether ``href`` (resolved against the page's base) is this listing's page ``number``:
    its path and query with that page number, whatever host it names (a mirror, ``www.``)."""
    try:
        address, page = urlsplit(absolute(base_url, href)), urlsplit(page_url)
    except ValueError:
        return False
    same_host = address._replace(scheme=page.scheme, netloc=page.netloc).geturl()
    return page_number(same_host, first_page(page_url, MAX_PAGE_NUMBER), largest=MAX_PAGE_NUMBER) == number


def _beside_the_list(el) -> bool:
    """Whether a control sits in a sidebar, header, footer or slider, not under the list."""
    for node in (el, *el.iterancestors()):
        if node.tag in ("aside", "header", "footer") or class_words(node) & SIDE_WORDS:
            return True
    return False


def _after_current(root) -> str | None:
    """The link after the current page's number in a row of numbered page links (a box
    classed as paging: a year menu's active "2023" is no page number)."""
    for el in root.iter():
        if not isinstance(el.tag, str) or not class_words(el) & CURRENT_WORDS:
            continue
        text = text_of(el).strip()
        if not text.isdigit() or int(text) >= MAX_PAGE_NUMBER:
            continue
        if not any(class_words(a) & PAGING_WORDS for a in (el, *list(el.iterancestors())[:3])):
            continue
        item = el if el.getparent() is None or el.getparent().tag != "li" else el.getparent()
        for sibling in item.itersiblings():
            anchor = sibling if sibling.tag == "a" else next(sibling.iter("a"), None)
            href = anchor.get("href") if anchor is not None else None
            if href and not SCRIPT_HREF.match(href) and text_of(anchor).strip() == str(int(text) + 1):
                return href
    return None
