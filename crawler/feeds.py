"""Reading sitemaps and feeds beyond what Scrapy's ``Sitemap`` gives: gzip-compressed
sitemaps served as files (``*.xml.gz``, no Content-Encoding), Google News publication dates,
and RSS / Atom entries read as XML whatever type the server sent them with."""
from __future__ import annotations

from typing import Iterator

from lxml import etree
from parsel import Selector
from scrapy.utils.gz import gunzip

GZIP_MAGIC = b"\x1f\x8b"
# A sitemap may hold 50,000 entries (about 10 MB); a larger file is not a sitemap.
MAX_SITEMAP_BYTES = 64 * 1024 * 1024


def sitemap_body(body: bytes) -> bytes:
    """The XML of a sitemap response, decompressed when the bytes are gzip."""
    return gunzip(body, max_size=MAX_SITEMAP_BYTES) if body[:2] == GZIP_MAGIC else body


def news_publication_dates(body: bytes) -> dict[str, str]:
    """loc -> ``<news:publication_date>`` of a Google News sitemap (Scrapy's ``Sitemap``
    flattens the ``<news:news>`` block and loses it); empty for another sitemap."""
    if b"publication_date" not in body:
        return {}
    parser = etree.XMLParser(recover=True, remove_comments=True, resolve_entities=False, no_network=True,
                             huge_tree=True)
    root = etree.fromstring(body, parser=parser)
    dates = {}
    for url in ([] if root is None else root.iter("{*}url")):
        loc = url.findtext("{*}loc")
        published = next((el.text for el in url.iter("{*}publication_date") if el.text), None)
        if loc and published:
            dates[loc.strip()] = published.strip()
    return dates


def feed_entries(body: bytes) -> Iterator[tuple[str, str | None]]:
    """(link as written, date text) of each RSS item or Atom entry: the RSS ``<link>``,
    else the Atom link to the page (``rel="alternate"`` or none, not an enclosure), else a
    permalink ``<guid>``; the publication date before an update date."""
    sel = Selector(body=body, type="xml")
    sel.remove_namespaces()
    for node in sel.xpath("//item | //entry"):
        link = ((node.xpath("link/text()").get() or "").strip()
                or node.xpath("link[not(@rel) or @rel='alternate']/@href").get()
                or node.xpath("guid[not(@isPermaLink='false')]/text()").get())
        # descendants: a recovering parser may nest an item's date inside raw HTML of its description
        when = (node.xpath(".//pubDate/text()").get() or node.xpath("published/text()").get()
                or node.xpath("updated/text()").get())
        if link and link.strip():
            yield link.strip(), when
