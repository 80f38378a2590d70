"""Reading RSS and Atom feeds (crawler/feeds.py): which link names each entry's page, resolved
as Atom resolves it (RFC 4287 section 5: XML Base, RFC 3986), and the date beside it."""
from __future__ import annotations

import dataclasses

import pytest
from scrapy.http import XmlResponse
from scrapy.utils.test import get_crawler

from crawler.config import Discovery
from crawler.feeds import feed_entries
from crawler.spiders.outlet import OutletSpider
from crawler.urls import Mirror

FEED_URL = "https://thainguyentv.vn/feeds/atom/phap-luat.xml"
ATOM = "http://www.w3.org/2005/Atom"


def _atom(feed_base: str = "", entry_base: str = "", link_base: str = "", href: str = "bai-102318.html") -> bytes:
    def attr(base: str) -> str:
        return f' xml:base="{base}"' if base else ""

    return (f'<?xml version="1.0" encoding="utf-8"?><feed xmlns="{ATOM}"{attr(feed_base)}>'
            f'<link rel="self" href="feeds/atom/phap-luat.xml"/><title>Pháp luật</title>'
            f'<entry{attr(entry_base)}><title>Bài</title>'
            f'<link rel="enclosure" type="image/jpeg" href="upload/anh.jpg"/>'
            f'<link rel="alternate" type="text/html"{attr(link_base)} href="{href}"/>'
            f"<published>2024-04-26T08:40:00+07:00</published><updated>2024-04-26T09:12:00+07:00</updated>"
            f"</entry></feed>").encode("utf-8")


@pytest.mark.parametrize("feed_base,entry_base,link_base,href,expected", [
    # on the feed: a bare relative href and a root-relative one are at the site root, not under /feeds/atom/
    ("https://thainguyentv.vn/", "", "", "bai-102318.html", "https://thainguyentv.vn/bai-102318.html"),
    ("https://thainguyentv.vn/", "", "", "/bai-102318.html", "https://thainguyentv.vn/bai-102318.html"),
    # a relative xml:base on the feed is resolved against the feed's address
    ("/", "", "", "bai-102318.html", "https://thainguyentv.vn/bai-102318.html"),
    ("../", "", "", "bai-102318.html", "https://thainguyentv.vn/feeds/bai-102318.html"),
    # on the entry, itself resolved against the feed's
    ("https://thainguyentv.vn/", "phap-luat/", "", "bai-102318.html", "https://thainguyentv.vn/phap-luat/bai-102318.html"),
    ("", "https://thainguyentv.vn/", "", "bai-102318.html", "https://thainguyentv.vn/bai-102318.html"),
    # on the link element, resolved against the entry's
    ("https://thainguyentv.vn/a/", "b/", "../", "bai-102318.html", "https://thainguyentv.vn/a/bai-102318.html"),
    # none: against the feed's own address; an absolute href whatever the base
    ("", "", "", "bai-102318.html", "https://thainguyentv.vn/feeds/atom/bai-102318.html"),
    ("https://example.org/", "", "", "https://thainguyentv.vn/bai-102318.html", "https://thainguyentv.vn/bai-102318.html"),
])
def test_an_atom_link_resolves_against_the_xml_base_in_scope(feed_base, entry_base, link_base, href, expected):
    body = _atom(feed_base, entry_base, link_base, href)
    assert list(feed_entries(body, FEED_URL)) == [(expected, "2024-04-26T08:40:00+07:00")]


def test_without_an_address_or_xml_base_a_link_is_left_as_written():
    assert list(feed_entries(_atom(href="bai-102318.html"))) == [("bai-102318.html", "2024-04-26T08:40:00+07:00")]
    assert list(feed_entries(_atom(feed_base="https://thainguyentv.vn/"))) == [
        ("https://thainguyentv.vn/bai-102318.html", "2024-04-26T08:40:00+07:00")]


def test_an_rss_link_resolves_against_the_xml_base_of_its_channel_or_item():
    body = ('<?xml version="1.0"?><rss version="2.0"><channel xml:base="https://baothainguyen.vn/">'
            "<item><link>phap-luat/202403/bai-a4d91e2</link><pubDate>04/03/2024 16:40:00</pubDate></item>"
            '<item xml:base="/xa-hoi/"><link>202403/bai-5c2e0b7</link></item>'
            '<item><guid isPermaLink="false">102318</guid><guid>chinh-tri/202403/bai-0e8f3a6</guid></item>'
            "</channel></rss>").encode()
    assert list(feed_entries(body, "https://baothainguyen.vn/rss/tin-moi.rss")) == [
        ("https://baothainguyen.vn/phap-luat/202403/bai-a4d91e2", "04/03/2024 16:40:00"),
        ("https://baothainguyen.vn/xa-hoi/202403/bai-5c2e0b7", None),
        ("https://baothainguyen.vn/chinh-tri/202403/bai-0e8f3a6", None),
    ]


@pytest.mark.parametrize("mirrored", [False, True], ids=["direct", "mirrored"])
def test_the_spider_requests_the_articles_an_xml_base_names(sources, mirrored):
    base = sources["thainguyentv"]
    outlet = dataclasses.replace(base, discovery=base.discovery + (Discovery(kind="rss", url=FEED_URL),))
    origin = "http://127.0.0.1:8765"
    spider = OutletSpider.from_crawler(get_crawler(OutletSpider, settings_dict={"LOG_ENABLED": False}),
                                       outlets=[outlet], mirrors={outlet.id: origin} if mirrored else None)
    url = Mirror(outlet, origin).to_mirror(FEED_URL) if mirrored else FEED_URL
    response = XmlResponse(url=url, body=_atom(feed_base="/", href="tuyen-an-vu-nhan-hoi-lo-102318.html"))
    requests = list(spider.parse_feed(response, outlet_id=outlet.id, discovery=len(outlet.discovery) - 1, chain="c"))
    real = "https://thainguyentv.vn/tuyen-an-vu-nhan-hoi-lo-102318.html"
    assert [r.url for r in requests] == [Mirror(outlet, origin).to_mirror(real) if mirrored else real]
    assert [r.cb_kwargs["listing_date"] for r in requests] == ["2024-04-26"]


def test_an_xml_base_that_is_an_iri_is_applied_to_the_feeds_links():
    body = ('<feed xmlns="http://www.w3.org/2005/Atom" xml:base=" https://thainguyentv.vn/tin-tức/ ">'
            '<entry><link href="a-1.html"/></entry></feed>').encode("utf-8")
    expected = [("https://thainguyentv.vn/tin-tức/a-1.html", None)]
    assert list(feed_entries(body, "https://thainguyentv.vn/rss/a.xml")) == expected
    assert list(feed_entries(body)) == expected


@pytest.mark.parametrize("body", [b"", b"   \n", b"<<<", b"\x00\x01"])
def test_a_feed_with_nothing_to_read_names_no_entry(body):
    assert list(feed_entries(body, "https://thainguyentv.vn/rss/a.xml")) == []


def test_a_feed_written_in_utf16_is_read():
    text = ('<?xml version="1.0" encoding="utf-16"?><rss version="2.0"><channel><item><title>Hội nghị</title>'
            "<link>https://baothainguyen.vn/chinh-tri/202404/hoi-nghi-e08c4a5</link>"
            "<pubDate>Wed, 10 Apr 2024 09:15:00 +0700</pubDate></item></channel></rss>")
    expected = [("https://baothainguyen.vn/chinh-tri/202404/hoi-nghi-e08c4a5", "Wed, 10 Apr 2024 09:15:00 +0700")]
    assert list(feed_entries(b"\xff\xfe" + text.encode("utf-16-le"), FEED_URL)) == expected
    assert list(feed_entries(b"\xfe\xff" + text.encode("utf-16-be"), FEED_URL)) == expected


def test_a_truncated_utf16_feed_keeps_its_entries():
    text = ('<?xml version="1.0" encoding="utf-16"?><rss version="2.0"><channel><item>'
            "<link>https://baothainguyen.vn/chinh-tri/202404/hoi-nghi-e08c4a5</link></item></channel></rss>")
    body = b"\xff\xfe" + text.encode("utf-16-le") + b"\x00"
    assert [link for link, _ in feed_entries(body, FEED_URL)] == ["https://baothainguyen.vn/chinh-tri/202404/hoi-nghi-e08c4a5"]
