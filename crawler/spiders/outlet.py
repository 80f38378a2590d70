"""One spider for every outlet: discovery and extraction come from data/sources.yaml.

Modes:
- ``incremental``: page each listing until ``stop_after_known_pages`` pages in a row hold
  only stored articles, or until listing dates fall before ``since``.
- ``backfill``: page until the articles (listing dates, or extracted dates) fall before
  ``since``; stored articles are skipped but do not stop the paging, so an interrupted
  backfill resumes where it was.
"""
from __future__ import annotations

import datetime as dt
import json
import logging
import re
from collections import defaultdict
from dataclasses import dataclass
from typing import Any, Iterator

import scrapy
from parsel import Selector
from scrapy.http import Response, TextResponse
from scrapy.spidermiddlewares.httperror import HttpError
from scrapy.utils.sitemap import Sitemap
from twisted.internet.error import ConnectionRefusedError, DNSLookupError, TimeoutError, TCPTimedOutError

from crawler.article_pages import MAX_ARTICLE_PAGES, page_number
from crawler.config import Discovery, OutletConfig
from crawler.dates import parse_date
from crawler.decode import page_text
from crawler.extract import extract_article
from crawler.feeds import feed_entries, news_publication_dates, sitemap_body
from crawler.items import ArticleItem
from crawler.json_listing import (TOTAL_KEYS, JsonItem, json_payload, largest_object_list, looks_like_json,
                                  next_json_page, page_count, read_items, templated_url)
from crawler.json_listing import api_date as _api_date
from crawler.json_listing import value_at as _path
from crawler.json_listing import whole_number as _whole_number
from crawler.listing import listed_articles, next_page_url, same_site
from crawler.section_page import is_section_page
from crawler.urls import Mirror, absolute, canonical_url, is_article_url

log = logging.getLogger(__name__)
ARTICLE_PRIORITY = 10
# A listing page whose dated items are at least this share before ``since`` ends its chain.
SINCE_SHARE = 0.75
# Where a paginator keeps an API page's items and its page count.
API_ITEM_KEYS = ("data", "items", "results", "articles", "list", "rows")
LISTING_PRIORITY = 0
MAX_WARNINGS = 20  # layout warnings kept in the stats


@dataclass
class ChainState:
    """Paging state of one listing chain (one start page or one API category)."""
    known_pages_in_row: int = 0
    reached_since: bool = False
    pages: int = 0


class OutletSpider(scrapy.Spider):
    name = "outlet"

    def __init__(self, outlets: list[OutletConfig], known: dict[str, set[str]] | None = None,
                 mirrors: dict[str, str] | None = None, mode: str = "incremental",
                 since: dt.date | dict[str, dt.date | None] | None = None, until: dt.date | None = None,
                 stop_after_known_pages: int = 2, urls: list[str] | None = None, today: dt.date | None = None,
                 **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.outlets = {o.id: o for o in outlets}
        self.known = {o.id: set((known or {}).get(o.id, ())) for o in outlets}
        self.mirrors = {oid: Mirror(self.outlets[oid], origin) for oid, origin in (mirrors or {}).items()
                        if oid in self.outlets}
        self.mode = mode
        # one date for every outlet, or per outlet (an incremental crawl: each outlet
        # continues from its own last successful crawl)
        self.since_by_outlet = (dict(since) if isinstance(since, dict)
                                else {o.id: since for o in outlets})
        self.until = until
        self.stop_after_known_pages = stop_after_known_pages
        self.explicit_urls = urls or []
        # the day a listing's year-less dates are read against (default: the clock, per outlet zone)
        self.today = today
        self.chains: dict[str, ChainState] = defaultdict(ChainState)
        self.scheduled: set[str] = set()
        self.guessed_outlets: set[str] = set()  # outlets whose API fields were guessed (warned once)

    # ---- helpers --------------------------------------------------------------------
    def _fetch_url(self, outlet: OutletConfig, real_url: str) -> str:
        mirror = self.mirrors.get(outlet.id)
        return mirror.to_mirror(real_url) if mirror else real_url

    def _real_url(self, outlet: OutletConfig, fetched_url: str) -> str:
        mirror = self.mirrors.get(outlet.id)
        return mirror.to_real(fetched_url) if mirror else fetched_url

    def _in_window(self, outlet_id: str, day: dt.date | None) -> str:
        """"before", "after" or "in" the crawl window (undated counts as in)."""
        if day is None:
            return "in"
        since = self.since_by_outlet.get(outlet_id)
        if since and day < since:
            return "before"
        if self.until and day > self.until:
            return "after"
        return "in"

    def _article_request(self, outlet: OutletConfig, real_url: str, chain: str,
                         listing_date: str | None = None) -> scrapy.Request | None:
        key = canonical_url(real_url, outlet)
        if key in self.scheduled:
            return None
        if key in self.known[outlet.id]:
            self.crawler.stats.inc_value("discovery/known_skipped")
            return None
        self.scheduled.add(key)
        # dont_filter: articles are de-duplicated by canonical URL above, and a redirect
        # loop must run into REDIRECT_MAX_TIMES (and be counted) rather than vanish in
        # Scrapy's duplicate filter
        return scrapy.Request(self._fetch_url(outlet, real_url), callback=self.parse_article,
                              errback=self.on_error, priority=ARTICLE_PRIORITY, dont_filter=True,
                              cb_kwargs={"outlet_id": outlet.id, "chain": chain, "listing_date": listing_date})

    # ---- start ----------------------------------------------------------------------
    async def start(self) -> Any:
        for url in self.explicit_urls:
            outlet = self._outlet_for(url)
            if outlet is None:
                self.crawler.stats.inc_value("dropped/unknown_outlet_url")
                continue
            request = self._article_request(outlet, url, chain="explicit")
            if request:
                yield request
        if self.explicit_urls:
            return  # fetching given articles: no discovery
        for outlet in self.outlets.values():
            for index, discovery in enumerate(outlet.discovery):
                for request in self._first_requests(outlet, index, discovery):
                    yield request

    def _outlet_for(self, url: str) -> OutletConfig | None:
        for outlet in self.outlets.values():
            if is_article_url(url, outlet):
                return outlet
        return None

    def _first_requests(self, outlet: OutletConfig, index: int, discovery: Discovery) -> Iterator[scrapy.Request]:
        meta = {"outlet_id": outlet.id, "discovery": index}
        if discovery.kind == "listing":
            for start in discovery.start:
                real = absolute(outlet.base_url + "/", start)
                yield scrapy.Request(self._fetch_url(outlet, real), callback=self.parse_listing,
                                     errback=self.on_error, priority=LISTING_PRIORITY,
                                     cb_kwargs={**meta, "chain": f"{outlet.id}:{start}", "page": 1, "start": real})
        elif discovery.kind == "json_api":
            for category in discovery.category_ids:
                real = discovery.url.format(category_id=category, page=1)
                yield scrapy.Request(self._fetch_url(outlet, real), callback=self.parse_api,
                                     errback=self.on_error, priority=LISTING_PRIORITY,
                                     cb_kwargs={**meta, "chain": f"{outlet.id}:api:{category}", "page": 1,
                                                "category": category})
        elif discovery.kind in ("sitemap", "rss"):
            real = absolute(outlet.base_url + "/", discovery.url or "/sitemap.xml")
            callback = self.parse_sitemap if discovery.kind == "sitemap" else self.parse_feed
            yield scrapy.Request(self._fetch_url(outlet, real), callback=callback, errback=self.on_error,
                                 priority=LISTING_PRIORITY, cb_kwargs={**meta, "chain": f"{outlet.id}:{discovery.kind}"})

    # ---- discovery ------------------------------------------------------------------
    def _should_continue(self, chain: str, page: int, discovery: Discovery) -> bool:
        state = self.chains[chain]
        if page >= discovery.max_pages:
            self.crawler.stats.inc_value("discovery/stopped_max_pages")
            return False
        if state.reached_since:
            self.crawler.stats.inc_value("discovery/stopped_at_since")
            return False
        if self.mode == "incremental" and state.known_pages_in_row >= self.stop_after_known_pages:
            self.crawler.stats.inc_value("discovery/stopped_at_known")
            return False
        return True

    def _note_page(self, outlet: OutletConfig, chain: str, urls: list[str], dates: list[dt.date | None]) -> None:
        state = self.chains[chain]
        state.pages += 1
        self.crawler.stats.inc_value("discovery/listing_pages")
        all_known = bool(urls) and all(canonical_url(u, outlet) in self.known[outlet.id] for u in urls)
        state.known_pages_in_row = state.known_pages_in_row + 1 if all_known else 0
        dated = [d for d in dates if d is not None]
        since = self.since_by_outlet.get(outlet.id)
        if since and dated and sum(d < since for d in dated) >= SINCE_SHARE * len(dated):
            state.reached_since = True  # a box of recent items beside an old list does not keep paging
        if not urls:
            state.reached_since = True  # an empty page ends a chain

    def _note_first_page(self, outlet: OutletConfig, url: str, names_articles: bool, why: str) -> None:
        """Count a first listing or API page for the layout alarm, and one that names no
        article (its layout or shape changed, or the section is empty) with a warning saying
        ``why``; too many of those mark the run degraded (``crawler.health``)."""
        self.crawler.stats.inc_value(f"layout/{outlet.id}/first_discovery_pages")
        if not names_articles:
            self.crawler.stats.inc_value(f"layout/{outlet.id}/empty_discovery")
            self._layout_warning(outlet, url, why)

    def _layout_warning(self, outlet: OutletConfig, url: str, why: str) -> None:
        """Log a change of a page's layout or shape, and keep it (the first few) in the stats."""
        log.warning("%s: %s: %s", outlet.id, url, why)
        warnings = self.crawler.stats.get_value("layout/warnings") or []
        if len(warnings) < MAX_WARNINGS:  # handed back with the stats, for the run's log
            self.crawler.stats.set_value("layout/warnings", [*warnings, f"{outlet.id}: {url}: {why}"])

    def parse_listing(self, response: Response, outlet_id: str, discovery: int, chain: str, page: int,
                      start: str) -> Iterator[scrapy.Request]:
        """A listing page: an HTML page of cards, or the JSON batch an infinite-scroll listing
        loads next (``parse_json_listing``)."""
        outlet = self.outlets[outlet_id]
        config = outlet.discovery[discovery]
        if looks_like_json(response.body):
            payload = json_payload(response.body)
            if payload is None:
                self._discovery_unreadable(outlet_id, "listing_json_unreadable")
                return
            yield from self.parse_json_listing(response, payload, outlet_id, discovery, chain, page, start)
            return
        if not isinstance(response, TextResponse):
            self._discovery_unreadable(outlet_id, "listing_not_html")
            return
        self._discovery_answered(outlet_id)
        to_real = lambda url: self._real_url(outlet, url)  # noqa: E731
        listed = listed_articles(response.selector, response.url, outlet, to_real, today=self.today)
        links, dates = [a.url for a in listed], [a.day for a in listed]
        if page == 1:
            self._note_first_page(outlet, response.url, bool(links), "listing page names no article")
        yield from self._listed_requests(outlet, chain, links, dates)
        if not self._should_continue(chain, page, config):
            return
        template = (absolute(outlet.base_url + "/", config.page_template.format(start=start, page=page + 1))
                    if config.page_template else None)
        next_url = next_page_url(response.selector, response.url, outlet.listing.get("next_page", ()), template,
                                 to_real, outlet.domains)
        if next_url:
            yield self._listing_request(outlet, next_url, discovery, chain, page, start)

    def parse_json_listing(self, response: Response, payload: Any, outlet_id: str, discovery: int, chain: str,
                           page: int, start: str) -> Iterator[scrapy.Request]:
        """A listing page that is JSON (an infinite-scroll batch): its items, their articles
        and dates, and its next page, read without configuration (``crawler.json_listing``)."""
        outlet = self.outlets[outlet_id]
        self._discovery_answered(outlet_id)
        self.crawler.stats.inc_value(f"discovery/{outlet_id}/json_listing_pages")
        real = self._real_url(outlet, response.url)
        entries, _ = largest_object_list(payload)
        read = read_items(entries, outlet)
        urls, dates = self._dated_urls(read, "dropped/json_item_without_url")
        if page == 1:
            self._note_first_page(outlet, response.url, bool(urls), "JSON listing page names no article")
        yield from self._listed_requests(outlet, chain, urls, dates)
        if not self._should_continue(chain, page, outlet.discovery[discovery]):
            return
        next_url = next_json_page(payload, entries, real)
        if next_url and same_site(next_url, real, outlet.domains):
            yield self._listing_request(outlet, next_url, discovery, chain, page, start)

    def _listing_request(self, outlet: OutletConfig, real_url: str, discovery: int, chain: str, page: int,
                         start: str) -> scrapy.Request:
        """The request of the page after ``page`` of a listing chain."""
        return scrapy.Request(self._fetch_url(outlet, real_url), callback=self.parse_listing,
                              errback=self.on_error, priority=LISTING_PRIORITY - page,
                              cb_kwargs={"outlet_id": outlet.id, "discovery": discovery, "chain": chain,
                                         "page": page + 1, "start": start})

    def _listed_requests(self, outlet: OutletConfig, chain: str, urls: list[str],
                         dates: list[dt.date | None]) -> Iterator[scrapy.Request]:
        """Count a discovery page of a chain, and request its articles within the crawl window."""
        self._note_page(outlet, chain, urls, dates)
        for url, day in zip(urls, dates):
            if self._in_window(outlet.id, day) != "in":
                self.crawler.stats.inc_value("discovery/outside_window")
                continue
            request = self._article_request(outlet, url, chain, listing_date=_iso_day(day))
            if request:
                yield request

    def _dated_urls(self, read: list[JsonItem], dropped: str) -> tuple[list[str], list[dt.date | None]]:
        """The article URLs of JSON items and their days; an item naming no article is counted."""
        urls, dates = [], []
        for item in read:
            if item.url is None:
                self.crawler.stats.inc_value(dropped)
                continue
            urls.append(item.url)
            dates.append(_day(item.published))
        return urls, dates

    def parse_api(self, response: Response, outlet_id: str, discovery: int, chain: str, page: int,
                  category: str) -> Iterator[scrapy.Request]:
        """A page of a configured JSON API; when its configured fields find no item, or no
        article in its items (the API renamed them), the page is read as a JSON listing is
        (``crawler.json_listing``), counted and warned about, and the crawl goes on."""
        outlet = self.outlets[outlet_id]
        config = outlet.discovery[discovery]
        try:
            payload = json.loads(response.text)
        except (ValueError, AttributeError, RecursionError):  # not JSON, or nested past what Python reads
            self._discovery_unreadable(outlet_id, "api_not_json")
            return
        self._discovery_answered(outlet_id)
        items, container = _api_items(payload, config.items_path)
        read = [JsonItem(self._api_item_url(outlet, config, entry), _api_date(_path(entry, config.date_field),
                                                                               outlet.timezone))
                for entry in items if isinstance(entry, dict)]
        why = _api_shape_problem(payload, config, found_items=container is not None and bool(read))
        guessed = self._api_fields_guessed(outlet, config, payload, container, read)
        if guessed is not None:
            items, container, read = guessed
            if outlet.id not in self.guessed_outlets:  # warned once: every page of the API has changed alike
                self.guessed_outlets.add(outlet.id)
                self._layout_warning(outlet, response.url, f"{why}: its fields were guessed")
        if page == 1:
            self._note_first_page(outlet, response.url, bool(items), why)
        urls, dates = self._dated_urls(read, "dropped/api_item_without_url")
        yield from self._listed_requests(outlet, chain, urls, dates)
        total = _api_total_pages(payload, config.total_pages_path, container)
        if total is None and guessed is not None:
            total = page_count(payload, items)
        if (total is None or page < total) and items and self._should_continue(chain, page, config):
            real = config.url.format(category_id=category, page=page + 1)
            yield scrapy.Request(self._fetch_url(outlet, real), callback=self.parse_api, errback=self.on_error,
                                 priority=LISTING_PRIORITY - page,
                                 cb_kwargs={"outlet_id": outlet_id, "discovery": discovery, "chain": chain,
                                            "page": page + 1, "category": category})

    def _api_fields_guessed(self, outlet: OutletConfig, config: Discovery, payload: Any, container: dict | None,
                            read: list[JsonItem]) -> tuple[list, dict | None, list[JsonItem]] | None:
        """(items, their holder, what they name) read as a JSON listing, when the configured
        fields found no item list (``container`` None) or no article in a non-empty one and
        the guess finds articles; None otherwise (an empty list where configured is the end)."""
        if any(item.url for item in read) or (container is not None and not read):
            return None
        entries, holder = largest_object_list(payload)
        guessed = read_items(entries, outlet, config.url_template)
        if not any(item.url for item in guessed):
            return None
        self.crawler.stats.inc_value(f"discovery/{outlet.id}/api_fields_guessed")
        return entries, holder, guessed

    def _api_item_url(self, outlet: OutletConfig, config: Discovery, entry: dict) -> str | None:
        if config.url_field and isinstance(entry.get(config.url_field), str):
            return absolute(outlet.base_url + "/", entry[config.url_field])
        if not config.url_template:
            return None
        return templated_url(entry, config.url_template, _api_date(_path(entry, config.date_field), outlet.timezone),
                             outlet)

    def parse_sitemap(self, response: Response, outlet_id: str, discovery: int, chain: str) -> Iterator[scrapy.Request]:
        """A sitemap index or a sitemap, gzip-compressed or not; an entry's day is its Google
        News publication date, else its lastmod."""
        outlet = self.outlets[outlet_id]
        try:
            body = sitemap_body(response.body)
            sitemap = Sitemap(body)
        except Exception:
            self._discovery_unreadable(outlet_id, "sitemap_unreadable")
            return
        self._discovery_answered(outlet_id)
        published = news_publication_dates(body)
        for entry in sitemap:
            loc = (entry.get("loc") or "").strip()
            if not loc:
                continue
            try:  # a relative <loc> is resolved against the sitemap's own address
                real = self._real_url(outlet, absolute(response.url, loc))
            except ValueError:
                self.crawler.stats.inc_value("dropped/sitemap_bad_loc")
                continue
            when = published.get(loc) or entry.get("lastmod")
            day = _day(parse_date(when, outlet.timezone)) if when else None
            if sitemap.type == "sitemapindex":
                if self._in_window(outlet.id, day) == "before":
                    continue
                yield scrapy.Request(self._fetch_url(outlet, real), callback=self.parse_sitemap,
                                     errback=self.on_error, cb_kwargs={"outlet_id": outlet_id,
                                                                       "discovery": discovery, "chain": chain})
            elif is_article_url(real, outlet) and self._in_window(outlet.id, day) == "in":
                request = self._article_request(outlet, real, chain, listing_date=_iso_day(day))
                if request:
                    yield request

    def parse_feed(self, response: Response, outlet_id: str, discovery: int, chain: str) -> Iterator[scrapy.Request]:
        """An RSS or Atom feed, read as XML whatever type it was served with, its links resolved
        against its ``xml:base`` and its address (see ``feed_entries``)."""
        outlet = self.outlets[outlet_id]
        self._discovery_answered(outlet_id)
        for link, when in feed_entries(response.body, response.url):
            try:
                real = self._real_url(outlet, absolute(response.url, link))
            except ValueError:  # a link that does not parse ("http://[x"): the others are read
                self.crawler.stats.inc_value("dropped/feed_bad_link")
                continue
            day = _day(_feed_date(when, outlet.timezone))
            if is_article_url(real, outlet) and self._in_window(outlet.id, day) == "in":
                request = self._article_request(outlet, real, chain, listing_date=_iso_day(day))
                if request:
                    yield request

    # ---- articles -------------------------------------------------------------------
    def parse_article(self, response: Response, outlet_id: str, chain: str,
                      listing_date: str | None = None) -> Iterator[ArticleItem]:
        outlet = self.outlets[outlet_id]
        if not isinstance(response, TextResponse):
            self.crawler.stats.inc_value("dropped/not_html")
            return
        real = self._real_url(outlet, response.url)
        text = page_text(response)
        if text.problem:
            self.crawler.stats.inc_value(f"pages/{text.problem}")
        extraction = extract_article(text.html, real, outlet)
        asked = self._real_url(outlet, _asked_url(response))
        if asked != real and not extraction.section_page:  # a removed article redirected to its section
            extraction.section_page = is_section_page(Selector(text=text.html), asked, outlet, extraction.title,
                                                      served_at=real)
        day = _day(extraction.published_at)
        since = self.since_by_outlet.get(outlet.id)
        if self.mode == "backfill" and day and since and day < since:
            self.chains[chain].reached_since = True
        item = ArticleItem(
            outlet=outlet.id, url=real, canonical_url=canonical_url(real, outlet), page=extraction,
            raw_html=response.body, encoding=text.encoding,
            listing_date=_listing_datetime(listing_date, outlet.timezone),
        )
        yield from self._next_page_of(outlet, item, list(extraction.more_pages), {real})

    def _next_page_of(self, outlet: OutletConfig, item: ArticleItem, pages: list[str],
                      read: set[str]) -> Iterator[ArticleItem | scrapy.Request]:
        """The article, or the request of its next page while the outlet split it over
        several (their text is joined to the first page's before the article is stored)."""
        pages = [url for url in pages if url not in read]
        if not pages or len(read) > MAX_ARTICLE_PAGES:
            yield item
            return
        self.crawler.stats.inc_value("pages/article_page_requested")
        yield scrapy.Request(self._fetch_url(outlet, pages[0]), callback=self.parse_article_page,
                             errback=self.on_article_page_error, priority=ARTICLE_PRIORITY + 1, dont_filter=True,
                             cb_kwargs={"outlet_id": outlet.id, "item": item, "pages": pages, "read": read})

    def parse_article_page(self, response: Response, outlet_id: str, item: ArticleItem, pages: list[str],
                           read: set[str]) -> Iterator[ArticleItem | scrapy.Request]:
        """A further page of a split article: its text joins the article's, then the next page.
        A page that is not one of the article's (a redirect elsewhere or back to the first, a
        "not found" page, a text already read) ends the joining: the pages read are stored."""
        outlet = self.outlets[outlet_id]
        real = self._real_url(outlet, response.url)
        try:
            more = self._further_page(response, real, item, pages[0], read)
        except Exception:  # the pages read so far are not lost to one bad page
            log.exception("further page %s of %s could not be read", real, item.url)
            more = None
        if more is None:
            self.crawler.stats.inc_value("pages/article_page_refused")
            yield item
            return
        item.page.body = "\n".join(part for part in (item.page.body, more.body) if part)
        item.page.captions += [c for c in more.captions if c not in item.page.captions]
        pages = pages + [url for url in more.more_pages if url not in pages]
        yield from self._next_page_of(outlet, item, pages[1:], read | {pages[0], real})

    def _further_page(self, response: Response, real: str, item: ArticleItem, requested: str, read: set[str]):
        """The extraction of a further page, or None when it is no page of the article: not
        a numbered page of it, redirected to a page already read, a "not found" page, or a
        text already joined."""
        if not isinstance(response, TextResponse) or page_number(real, item.url) in (None, 1):
            return None
        if real != requested and real in read:
            return None
        more = extract_article(page_text(response).html, real, self.outlets[item.outlet], first_page=item.url)
        if more.not_found or not more.body or more.body in item.page.body:
            return None
        return more

    def on_article_page_error(self, failure) -> Iterator[ArticleItem]:
        """A further page that failed: counted, and the article stored with the pages read."""
        self.on_error(failure)
        self.crawler.stats.inc_value("pages/article_page_missing")
        yield failure.request.cb_kwargs["item"]

    # ---- errors ---------------------------------------------------------------------
    def on_error(self, failure) -> None:
        """Count every failed request by reason, in all and per outlet, and as a failed
        listing/API/feed page or a failed article page of its outlet (``crawler.health``
        tells an outlet that is down from one that is not); the crawl goes on."""
        reason = _failure_reason(failure)
        self.crawler.stats.inc_value(f"errors/{reason}")
        outlet_id = failure.request.cb_kwargs.get("outlet_id")
        if outlet_id:
            self.crawler.stats.inc_value(f"errors/{outlet_id}/{reason}")
            kind = self._request_kind(failure.request)
            if kind == "discovery":
                self.crawler.stats.inc_value(f"discovery/{outlet_id}/failed")
            elif kind == "article" and _site_unreachable(reason):
                self.crawler.stats.inc_value(f"articles/{outlet_id}/unreachable")
        log.info("request failed (%s): %s", reason, failure.request.url)

    def _request_kind(self, request: scrapy.Request) -> str:
        """"discovery" (a listing, API, sitemap or feed page), "article", or "article_page"
        (a further page of a split article)."""
        name = getattr(request.callback, "__name__", "")
        if name in ("parse_listing", "parse_api", "parse_sitemap", "parse_feed"):
            return "discovery"
        return "article" if name == "parse_article" else "article_page"

    def _discovery_answered(self, outlet_id: str) -> None:
        self.crawler.stats.inc_value(f"discovery/{outlet_id}/answered")

    def _discovery_unreadable(self, outlet_id: str, reason: str) -> None:
        self.crawler.stats.inc_value(f"dropped/{reason}")
        self.crawler.stats.inc_value(f"discovery/{outlet_id}/failed")


def _site_unreachable(reason: str) -> bool:
    """A failure the way a site that is down or overloaded fails (5xx, 408, 429, timeouts,
    connections refused or lost, no DNS), as opposed to a page that is gone or refused (404,
    a redirect loop, too large, robots.txt): fetching it again later may work."""
    if reason.startswith("http_"):
        return reason.startswith("http_5") or reason in ("http_408", "http_429")
    return reason not in ("redirect_loop", "too_large", "ignorerequest")


def _failure_reason(failure) -> str:
    """A failed request's reason as a stats key part: http_500, timeout, dns, …"""
    if failure.check(HttpError):
        return f"http_{failure.value.response.status}"
    if failure.check(TimeoutError, TCPTimedOutError) or "timeout" in type(failure.value).__name__.lower():
        return "timeout"
    if failure.check(DNSLookupError):
        return "dns"
    if failure.check(ConnectionRefusedError):
        return "connection_refused"
    text = str(failure.value).lower()
    if "redirect" in text:
        return "redirect_loop"
    if "maxsize" in text or "cancel" in text:
        return "too_large"
    return re.sub(r"\W+", "_", type(failure.value).__name__.lower())


def _asked_url(response: Response) -> str:
    """The address the page was asked for, before any redirect."""
    request = response.request
    return ((request.meta.get("redirect_urls") if request is not None else None) or [response.url])[0]


def _day(iso: str | None) -> dt.date | None:
    return dt.date.fromisoformat(iso[:10]) if iso else None


def _iso_day(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def _listing_datetime(day: str | None, timezone: str) -> str | None:
    return parse_date(day, timezone) if day else None


def _feed_date(text: str | None, timezone: str) -> str | None:
    if not text:
        return None
    from email.utils import parsedate_to_datetime

    try:
        return parsedate_to_datetime(text.strip()).isoformat()
    except (TypeError, ValueError):
        return parse_date(text, timezone)


def _api_items(payload: Any, items_path: str | None) -> tuple[list, dict | None]:
    """(the items of an API page, the object that holds them): the list at ``items_path``;
    when a paginator now wraps it there (Laravel's ``{current_page, data: [...],
    last_page}``), the list under one of its item keys (``API_ITEM_KEYS``), empty or not
    (its ``links`` or a settings list are no items)."""
    found = _path(payload, items_path)
    if isinstance(found, list):
        return found, payload if isinstance(payload, dict) else None
    if isinstance(found, dict):
        key = next((k for k in API_ITEM_KEYS if isinstance(found.get(k), list)), None)
        if key is not None:
            return found[key], found
    return [], None


def _api_shape_problem(payload: Any, config: Discovery, found_items: bool) -> str:
    """What an API page lacks of what the outlet configures, in words."""
    if found_items:
        return f"API items name no article by {config.url_field or config.url_template!r}"
    keys = sorted(payload)[:10] if isinstance(payload, dict) else type(payload).__name__
    return f"API response has no items at {config.items_path!r} (keys: {keys})"


def _api_total_pages(payload: Any, path: str | None, container: dict | None) -> int | None:
    """The page count an API page gives: at the configured path, else in the object that
    holds the items (a paginator's ``last_page``, ``totalPages``); None when it gives none."""
    candidates = [_path(payload, path)] if path else []
    candidates += [container.get(key) for key in TOTAL_KEYS] if isinstance(container, dict) else []
    for value in candidates:
        number = _whole_number(value)
        if number is not None:
            return number
    return None
