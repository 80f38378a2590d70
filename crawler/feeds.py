"""Reading sitemaps and feeds beyond what Scrapy's ``Sitemap`` gives: gzip-compressed
sitemaps served as files (``*.xml.gz``, no Content-Encoding), Google News publication dates,
and RSS / Atom entries read as XML whatever type the server sent them with."""
from __future__ import annotations

import re
from typing import Iterator
from urllib.parse import urljoin

from lxml import etree
from parsel import Selector
from scrapy.utils.gz import gunzip

GZIP_MAGIC = b"\x1f\x8b"
# A sitemap may hold 50,000 entries (about 10 MB); a larger file is not a sitemap.
MAX_SITEMAP_BYTES = 64 * 1024 * 1024
XML_BASE = "{http://www.w3.org/XML/1998/namespace}base"
# Byte-order marks of the encodings a feed's bytes may be in besides UTF-8 (longest first).
UNICODE_BOMS = ((b"\xff\xfe\x00\x00", "utf-32"), (b"\x00\x00\xfe\xff", "utf-32"), (b"\xff\xfe", "utf-16"),
                (b"\xfe\xff", "utf-16"))
XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")


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


def feed_entries(body: bytes, url: str | None = None) -> Iterator[tuple[str, str | None]]:
    """(link, date text) of each RSS item or Atom entry: the RSS ``<link>``, else the Atom
    link to the page (``rel="alternate"`` or none, not an enclosure), else a permalink
    ``<guid>``; the publication date before an update date.

    A relative link is resolved as Atom says (RFC 4287 section 5, XML Base): against the
    ``xml:base`` in scope (on the link, its entry or the feed, each resolved against the one
    above it), the outermost against ``url``, the feed's own address; without ``url`` and
    ``xml:base`` it is left as written."""
    if not body or not body.strip():
        return
    body = _as_utf8(body)
    try:
        sel = Selector(body=body, type="xml", base_url=url)
    except ValueError:  # nothing a parser can read
        return
    if sel.root is None or not isinstance(sel.root, etree._Element):
        return
    # read before the namespaces go (removing them turns xml:base into a plain "base")
    bases = {el: _xml_base(el, url) for el in sel.root.iter("{*}link", "{*}guid")}
    sel.remove_namespaces()
    for node in sel.xpath("//item | //entry"):
        found = _entry_link(node)
        # descendants: a recovering parser may nest an item's date inside raw HTML of its description
        when = (node.xpath(".//pubDate/text()").get() or node.xpath("published/text()").get()
                or node.xpath("updated/text()").get())
        if found:
            yield _resolved(bases.get(found[1], url), found[0]), when


def _as_utf8(body: bytes) -> bytes:
    """A feed's bytes as UTF-8: one written in UTF-16 or UTF-32 (a byte-order mark says so;
    ASP.NET handlers write them) is decoded and its XML declaration, which names the old
    encoding, dropped; any other body is left as it is."""
    for bom, codec in UNICODE_BOMS:
        if body.startswith(bom):
            text = body.decode(codec, errors="replace")  # a truncated response loses its last character only
            return XML_DECLARATION.sub("", text.lstrip("\ufeff"), count=1).encode("utf-8")
    return body


def _xml_base(el, url: str | None) -> str | None:
    """The base an element's relative links resolve against: the ``xml:base`` attributes of
    it and its ancestors, each resolved against the one outside it, the outermost against
    ``url`` (an IRI with non-ASCII letters or spaces around it is a valid base too)."""
    chain = [node.get(XML_BASE).strip() for node in (el, *el.iterancestors()) if (node.get(XML_BASE) or "").strip()]
    base = url
    for value in reversed(chain):
        base = _resolved(base, value)
    return base


def _entry_link(node: Selector) -> tuple[str, object] | None:
    """(link as written, its element) of one item or entry (see ``feed_entries``)."""
    for query, attribute in (("link", None), ("link[not(@rel) or @rel='alternate'][@href]", "href"),
                             ("guid[not(@isPermaLink='false')]", None)):
        for element in node.xpath(query):
            value = (element.attrib.get(attribute) if attribute else element.xpath("string()").get()) or ""
            if value.strip():
                return value.strip(), element.root
    return None


def _resolved(base: str | None, link: str) -> str:
    """``link`` resolved against ``base``, or as written without a base (or with one that
    does not parse)."""
    if not base:
        return link
    try:
        return urljoin(base, link)
    except ValueError:  # "http://[x": not an address
        return link
