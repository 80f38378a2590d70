"""Reading a listing page (crawler/listing.py): which links are articles of the listing,
the day printed in each card, and the next page's address."""
from __future__ import annotations

import datetime as dt

import pytest
from parsel import Selector

from crawler.listing import listed_articles, next_page_url

PAGE = "https://baothainguyen.vn/phap-luat/"


def _a(n: int, text: str = "Tin") -> str:
    return f'<a href="/phap-luat/202309/bai-so-{n}-{n:07x}/">{text} {n}</a>'


def _listed(html: str, outlet):
    return listed_articles(Selector(text=html), PAGE, outlet, lambda url: url)


def test_links_of_every_card_in_page_order_once_each_and_none_from_furniture(sources):
    html = ("<html><body><header>" + _a(9) + "</header><main>"
            f'<div class="featured"><a href="/phap-luat/202309/bai-so-1-{1:07x}/"><img src="/1.jpg"></a>'
            f"<h2>{_a(1)}</h2></div><div class=card><h3>{_a(2)}</h3></div><div class=card>{_a(3)}</div></main>"
            f'<aside>{_a(4)}</aside><div class="box-docnhieu">{_a(5)}</div></body></html>')
    assert [a.url.split("/")[-2] for a in _listed(html, sources["baothainguyen"])] == [
        f"bai-so-{n}-{n:07x}" for n in (1, 2, 3)]


def test_each_card_gives_its_own_day_whatever_the_markup(sources):
    html = ("<html><body><p>Thứ Bảy, 29/11/2026</p><main>"
            f'<div>{_a(1)}<time datetime="2023-09-15T08:00:00+07:00">35 phút trước</time></div>'
            f'<div>{_a(2)}<span><i class="fa fa-clock"></i> 14/09/2023</span></div>'
            f"<div>{_a(3)}</div>"  # no date in its card: none, not the page's date line
            "</main></body></html>")
    days = [a.day for a in _listed(html, sources["baothainguyen"])]
    assert days == [dt.date(2023, 9, 15), dt.date(2023, 9, 14), None]


def test_a_listing_boxed_like_furniture_falls_back_to_the_configured_links(sources):
    html = f'<html><body><div class="list-related"><div class="item">{_a(1)}</div></div></body></html>'
    html = html.replace("<a ", '<a class="title2" ')
    assert len(_listed(html, sources["baothainguyen"])) == 1


@pytest.mark.parametrize("paging,expected", [
    ('<link rel="next" href="/phap-luat/?page=2">', "https://baothainguyen.vn/phap-luat/?page=2"),
    ('<div class="page-nav"><a href="/phap-luat/trang-1.html">1</a><strong class="current">2</strong>'
     '<a href="/phap-luat/trang-3.html">3</a></div>', "https://baothainguyen.vn/phap-luat/trang-3.html"),
    ('<ul class="pagination"><li class="active"><a href="?page=2">2</a></li><li><a href="?page=3">3</a></li></ul>',
     "https://baothainguyen.vn/phap-luat/?page=3"),
    ('<a href="/phap-luat/p/3" title="Trang sau">»</a>', "https://baothainguyen.vn/phap-luat/p/3"),
    ('<button data-url="/phap-luat/?page=2" onclick="more()">Xem thêm</button>',
     "https://baothainguyen.vn/phap-luat/?page=2"),
    ('<a href="javascript:void(0)">Trang sau</a>', None),
    ('<div class="pagination"><span class="active">3</span></div>', None),  # the last page
])
def test_the_next_page_is_found_as_a_reader_finds_it(paging, expected):
    html = f"<html><head></head><body>{paging}</body></html>"
    if paging.startswith("<link"):
        html = f"<html><head>{paging}</head><body></body></html>"
    assert next_page_url(Selector(text=html), PAGE, [], None, lambda url: url) == expected


def test_configured_paging_then_the_template_come_before_reading_the_page():
    html = '<html><body><a class="next" href="/a/?page=2">x</a><a rel="next" href="/b/?page=2">Trang sau</a></body></html>'
    sel = Selector(text=html)
    assert next_page_url(sel, PAGE, ["a.next::attr(href)"], None, str).endswith("/a/?page=2")
    assert next_page_url(sel, PAGE, [], "https://baothainguyen.vn/t/2", str) == "https://baothainguyen.vn/t/2"
    assert next_page_url(sel, PAGE, [], None, str).endswith("/b/?page=2")
