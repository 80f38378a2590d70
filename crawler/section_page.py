"""A section's page served at an article's address.

When an article is taken down, many CMSs answer its address with status 200 and the page of
the article's section (or the home page) instead of a "not found" page. Stored as an article,
it would count as a news item titled "Pháp luật". The page gives itself away: it names as
its own address (``rel=canonical``, else ``og:url``) a page of the same site that is no
article, whose path holds the article's (``/phap-luat/`` above ``/phap-luat/202402/…``)
or which lists other articles (a site of flat addresses), it does not call itself an article
(``og:type``), and the headline it prints is the name the site's links give that section. A
redirect from the article's address does the naming when the page does not.
"""
from __future__ import annotations

import logging
from urllib.parse import urlsplit

from parsel import Selector

from crawler.config import OutletConfig
from crawler.listing import same_site
from crawler.page import clean_text
from crawler.urls import absolute, is_article_url

log = logging.getLogger(__name__)
SECTION_MIN_ARTICLES = 3  # a section's page lists at least this many other articles


def is_section_page(sel: Selector, url: str, outlet: OutletConfig, title: str,
                    served_at: str | None = None) -> bool:
    """Whether the page asked for at article address ``url`` is a section's page (see the
    module docstring); ``served_at``: where a redirect led, the page's own address when it
    names none; a redirect to the site's home page is one. A page with no title, or asked
    for at an address that is no article's, is not judged here."""
    if not is_article_url(url, outlet):
        return False
    if served_at is not None and urlsplit(served_at).path in ("", "/") and same_site(served_at, url):
        return True  # redirected to the home page
    if not title:
        return False
    own = _own_address(sel, url) or served_at
    if own is None or not same_site(own, url) or _article_path(own, outlet):
        return False
    if (sel.css('meta[property="og:type"]::attr(content)').get() or "").strip().lower() == "article":
        return False
    section_path = urlsplit(own).path.rstrip("/")
    holds_article = urlsplit(url).path.startswith(section_path + "/")
    # elsewhere on a site of flat addresses, a section shows itself by its list of articles;
    # a canonical address elsewhere on the site (a misconfigured theme) proves nothing alone
    return (holds_article or _lists_articles(sel, url, outlet)) and _names_section(sel, url, section_path, title)


def _article_path(address: str, outlet: OutletConfig) -> bool:
    """Whether an address of the site is an article's by its path, whatever host it names
    (a mobile ``m.`` host or an old domain the outlet's configuration does not list)."""
    return is_article_url(address, outlet) or bool(outlet.article_url_pattern.match(urlsplit(address).path))


def _own_address(sel: Selector, url: str) -> str | None:
    """The address the page gives itself, resolved against ``url``; None when it gives none
    or one that does not parse."""
    href = (sel.css('link[rel~="canonical"]::attr(href)').get()
            or sel.css('meta[property="og:url"]::attr(content)').get() or "").strip()
    if not href:
        return None
    try:
        return absolute(url, href)
    except ValueError:
        return None


def _lists_articles(sel: Selector, url: str, outlet: OutletConfig) -> bool:
    """Whether the page links to ``SECTION_MIN_ARTICLES`` or more articles of the outlet
    other than the one asked for."""
    found: set[str] = set()
    for href in sel.xpath("//a/@href").getall():
        try:
            target = absolute(url, href)
        except ValueError:
            continue
        if target != url and is_article_url(target, outlet):
            found.add(target.split("#")[0])
            if len(found) >= SECTION_MIN_ARTICLES:
                return True
    return False


def _names_section(sel: Selector, url: str, section_path: str, title: str) -> bool:
    """Whether a link of the page to the section's address is worded as the page's title
    (the menu's or the breadcrumb's "Pháp luật"); a headline linking to its own address
    names no section."""
    wanted = " ".join(title.split()).casefold()
    for link in sel.xpath("//a[@href][not(ancestor::h1 or ancestor::h2 or ancestor::h3)]"):  # a headline's own link names nothing
        try:
            target = urlsplit(absolute(url, link.attrib["href"]))
        except ValueError:
            continue
        if target.path.rstrip("/") == section_path and \
                " ".join(clean_text(" ".join(link.xpath(".//text()").getall())).split()).casefold() == wanted:
            return True
    return False
