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


def test_a_card_date_comes_from_its_date_line_not_from_a_date_in_its_title(sources):
    html = ("<html><body><main><div class=card><h3>"
            '<a href="/phap-luat/202403/hoi-thi-0000001/">Hội thi tuyên truyền ngày 8/3/2024</a></h3>'
            "<span class=ngay>14/03/2024</span></div><div class=card>" + _a(2) + "</div></main></body></html>")
    assert _listed(html, sources["baothainguyen"])[0].day == dt.date(2024, 3, 14)


@pytest.mark.parametrize("paging,expected", [
    # "»" that the page labels as its last page: the number after the current one instead
    ('<div class="pagination"><a href="/p/1">1</a><span class="active">2</span><a href="/p/3">3</a>'
     '<a href="/p/87" title="Trang cuối">»</a></div>', "https://baothainguyen.vn/p/3"),
    # a slider's "›" and an aside's "Trang sau" are not the listing's paging
    ('<div class="slider"><a class="slide-next" href="/video/">›</a></div>'
     '<aside><a href="/phap-luat/?page=9">Trang sau</a></aside>', None),
    # a year menu's active item is no page number; nor is a script link a page
    ('<ul class="menu-years"><li class="active"><a href="/2023/">2023</a></li><li><a href="/2024/">2024</a></li></ul>',
     None),
    ('<div class="pagination"><span class="current">1</span><a href="javascript:;">2</a></div>', None),
])
def test_the_next_page_is_not_taken_from_what_only_looks_like_paging(paging, expected):
    html = f"<html><body>{paging}</body></html>"
    assert next_page_url(Selector(text=html), PAGE, [], None, lambda url: url) == expected


def test_a_box_of_recent_items_beside_an_old_list_does_not_keep_the_backfill_paging(sources):
    from scrapy.http import HtmlResponse
    from scrapy.utils.test import get_crawler

    from crawler.spiders.outlet import OutletSpider

    outlet = sources["baothainguyen"]
    old = "".join(f'<div class=card>{_a(n)}<span class=time>0{n}/02/2023</span></div>' for n in range(1, 7))
    side = f'<div class="col-md-4"><div class=card>{_a(9)}<span class=time>28/11/2026</span></div></div>'
    html = f'<html><body><main>{old}</main>{side}<a rel="next" href="/phap-luat/?page=2">Trang sau</a></body></html>'
    spider = OutletSpider.from_crawler(get_crawler(OutletSpider, settings_dict={"LOG_ENABLED": False}),
                                       outlets=[outlet], mode="backfill", since=dt.date(2024, 1, 1))
    index = next(i for i, d in enumerate(outlet.discovery) if d.kind == "listing")
    requests = list(spider.parse_listing(HtmlResponse(url=PAGE, body=html.encode(), encoding="utf-8"),
                                         outlet_id=outlet.id, discovery=index, chain="c", page=1, start=PAGE))
    assert [r.url for r in requests if r.callback == spider.parse_article] == [
        f"https://baothainguyen.vn/phap-luat/202309/bai-so-9-{9:07x}/"]  # only the item inside the window
    assert spider.crawler.stats.get_value("discovery/stopped_at_since") == 1


def test_reading_a_deep_listing_with_many_links_stays_linear(sources):
    import time

    def page(links: int) -> str:
        cards = "".join(f"<div class=card>{_a(n)}<span>14/09/2023</span></div>" for n in range(links))
        return "<html><body>" + "<div>" * 800 + cards + "</div>" * 800 + "</body></html>"

    def best(html: str) -> float:
        times = []
        for _ in range(3):
            t0 = time.perf_counter()
            _listed(html, sources["baothainguyen"])
            times.append(time.perf_counter() - t0)
        return min(times)

    small, large = best(page(100)), best(page(1000))
    # ten times the links: ~10x when each ancestor is read once, ~100x when once per link
    assert large < 30 * max(small, 0.005), (small, large)
