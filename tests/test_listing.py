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
    # a menu of page numbers that a script follows
    ('<select onchange="location.href=this.value"><option value="/phap-luat/?trang=1">1</option>'
     '<option value="/phap-luat/?trang=2" selected>2</option><option value="/phap-luat/?trang=3">3</option></select>',
     "https://baothainguyen.vn/phap-luat/?trang=3"),
    ('<select><option value="?trang=1">1</option><option value="?trang=2" selected>2</option></select>', None),
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
    # a menu of years, of sorting orders or of page sizes is no paging
    ('<select><option value="/2023/" selected>2023</option><option value="/2024/">2024</option></select>', None),
    ('<select><option value="20" selected>20</option><option value="21">21</option></select>', None),
    # a menu of days whose options filter the listing: the next day is no next page
    ('<select name="ngay"><option value="/phap-luat/?ngay=13&thang=3">13</option>'
     '<option value="/phap-luat/?ngay=14&thang=3" selected>14</option>'
     '<option value="/phap-luat/?ngay=15&thang=3">15</option></select>', None),
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


# ---- links resolved against <base href> ----------------------------------------------
SLUG = "khoi-to-3-bi-can-a4d91e2"


@pytest.mark.parametrize("page,head,href,paging,expected", [
    # no base: against the page's own address
    ("https://baothainguyen.vn/phap-luat/?page=2", "", f"202403/{SLUG}", "?page=3",
     "https://baothainguyen.vn/phap-luat/"),
    # an absolute base: a link without a leading slash is not put under the page's folder
    ("https://baothainguyen.vn/phap-luat/?page=2", '<base href="https://baothainguyen.vn/">',
     f"phap-luat/202403/{SLUG}", "phap-luat/?page=3", "https://baothainguyen.vn/phap-luat/"),
    # a base relative to the page, resolved against the page's address first
    ("https://baothainguyen.vn/tim-kiem/?key=x", '<base href="/phap-luat/">', f"202403/{SLUG}", "?page=3",
     "https://baothainguyen.vn/phap-luat/"),
    ("https://baothainguyen.vn/a/b/", '<base href="../../phap-luat/">', f"202403/{SLUG}", "./?page=3",
     "https://baothainguyen.vn/phap-luat/"),
    # the first base with an href counts; a javascript: base is passed over, as a browser does
    ("https://baothainguyen.vn/phap-luat/", '<base target="_blank"><base href="/"><base href="/x/">',
     f"phap-luat/202403/{SLUG}", "phap-luat/?page=3", "https://baothainguyen.vn/phap-luat/"),
    ("https://baothainguyen.vn/phap-luat/", '<base href="javascript:void(0)">', f"202403/{SLUG}", "?page=3",
     "https://baothainguyen.vn/phap-luat/"),
])
def test_links_and_the_next_page_resolve_against_the_base_href_as_a_browser_does(sources, page, head, href, paging,
                                                                                   expected):
    html = (f"<html><head>{head}</head><body><main><div class=item><a class=title2 href='{href}'>Tin</a></div>"
            f"</main><a href='{paging}' title='Trang sau'>›</a></body></html>")
    sel = Selector(text=html)
    assert [a.url for a in listed_articles(sel, page, sources["baothainguyen"], str)] == [expected + f"202403/{SLUG}"]
    assert next_page_url(sel, page, [], None, str) == expected + "?page=3"
    assert next_page_url(sel, page, ["a[title='Trang sau']::attr(href)"], None, str) == expected + "?page=3"


def test_page_base_url_is_the_page_address_without_a_usable_base():
    from crawler.listing import page_base_url

    page = "https://baothainguyen.vn/phap-luat/?page=2"
    assert page_base_url(Selector(text="<html><body></body></html>"), page) == page
    assert page_base_url(Selector(text='<html><head><base href=""></head></html>'), page) == page
    assert page_base_url(Selector(text='<html><head><base href="http://[x"></head></html>'), page) == page
    assert page_base_url(Selector(text='<html><head><base href="?page=1"></head></html>'), page) == (
        "https://baothainguyen.vn/phap-luat/?page=1")


def test_a_mirrored_page_with_a_relative_base_names_the_real_articles(sources):
    """A root-relative base on a page served from the mirror resolves to the mirror, which
    ``to_real`` maps back to the outlet."""
    from crawler.urls import Mirror

    outlet = sources["baothainguyen"]
    mirror = Mirror(outlet, "http://127.0.0.1:8765")
    html = f"<html><head><base href='/'></head><body><div><a href='phap-luat/202403/{SLUG}'>Tin</a></div></body></html>"
    listed = listed_articles(Selector(text=html), "http://127.0.0.1:8765/phap-luat/?page=2", outlet, mirror.to_real)
    assert [a.url for a in listed] == [f"https://baothainguyen.vn/phap-luat/202403/{SLUG}"]


# ---- a full date in the date element's attribute ------------------------------------------
@pytest.mark.parametrize("date_element,expected", [
    ('<span class="time" title="16:40 04/03/2024">Hôm qua 16:40</span>', dt.date(2024, 3, 4)),
    ('<span class="time" title="Thứ Hai, 04/03/2024 16:40"><i class="icon-clock"></i></span>', dt.date(2024, 3, 4)),
    ('<span class="date" datetime="2024-03-04T16:40:00+07:00">2 giờ trước</span>', dt.date(2024, 3, 4)),
    ('<em data-publish-date="2024-03-04 16:40">Hôm qua</em>', dt.date(2024, 3, 4)),
    # the printed date comes first, the attribute only when the text has no full date
    ('<span class="time" title="16:40 04/03/2024">10:15 02/03/2024</span>', dt.date(2024, 3, 2)),
    # an attribute that only mentions a date (a caption), and a link's title, give none
    ('<span class="photo" title="Ảnh chụp ngày 04/03/2024">Ảnh</span>', None),
    ('<a href="/tim-kiem/?key=x" title="04/03/2024">Hôm qua</a>', None),
])
def test_a_card_date_printed_without_a_full_date_is_read_from_the_date_elements_attribute(sources, date_element,
                                                                                             expected):
    html = f"<html><body><main><div class=card>{_a(1)}{date_element}</div><div class=card>{_a(2)}</div></main></body></html>"
    assert _listed(html, sources["baothainguyen"])[0].day == expected


# ---- card dates printed without their year ---------------------------------------------
def _cards(*dates: str) -> str:
    cards = "".join(f'<div class=card><h3>{_a(n)}</h3><span class=time>{d}</span></div>' for n, d in enumerate(dates))
    return f"<html><body><main>{cards}</main></body></html>"


@pytest.mark.parametrize("printed,today,expected", [
    # across a new year: the year-less days are this year's, above last year's dated cards
    (("16:40 - 02/01", "10:15 - 02/01", "15:30 - 01/01", "21:45 - 31/12/2024", "09:00 - 30/12/2024"),
     dt.date(2025, 1, 2), ("2025-01-02", "2025-01-02", "2025-01-01", "2024-12-31", "2024-12-30")),
    # within one year
    (("08:00 - 15/03", "Thứ Năm, 14/03", "09:30 - 01/03/2024"), dt.date(2024, 3, 20),
     ("2024-03-15", "2024-03-14", "2024-03-01")),
    # a year-less day under a later day of the year is last year's (Dec 2023 under Mar 2024)
    (("10:00 - 05/03", "10:00 - 20/12", "10:00 - 10/01/2023"), dt.date(2024, 3, 20),
     ("2024-03-05", "2023-12-20", "2023-01-10")),
    # under a dated card: on or before it
    (("10:00 - 02/01/2025", "23:00 - 30/12", "08:00 - 29/12"), dt.date(2025, 1, 5),
     ("2025-01-02", "2024-12-30", "2024-12-29")),
    # no dated card at all: on or before the crawl's today (a day ahead at most), in order
    (("08:00 - 03/01", "16:40 - 02/01", "21:45 - 31/12"), dt.date(2025, 1, 2),
     ("2025-01-03", "2025-01-02", "2024-12-31")),
    (("08:00 - 05/01",), dt.date(2025, 1, 2), ("2024-01-05",)),
    # a pinned card above newer ones is still this year's, never after today
    (("08:00 - 05/03", "09:00 - 10/03/2024", "16:00 - 09/03/2024"), dt.date(2024, 3, 20),
     ("2024-03-05", "2024-03-10", "2024-03-09")),
    # a section that prints the year only for earlier years, its last dated card two years old
    (("08:00 - 15/03", "10:00 - 01/02/2022"), dt.date(2024, 3, 20), ("2024-03-15", "2022-02-01")),
    # 29 February only in a leap year
    (("10:00 - 29/02", "10:00 - 01/05/2023"), dt.date(2025, 6, 1), ("2024-02-29", "2023-05-01")),
])
def test_a_year_less_card_date_is_the_latest_before_the_card_above_or_today(sources, printed, today, expected):
    listed = listed_articles(Selector(text=_cards(*printed)), PAGE, sources["baothainguyen"], str, today=today)
    assert [a.day.isoformat() if a.day else None for a in listed] == list(expected)


@pytest.mark.parametrize("printed", ["Tập 5/12", "3-1", "Sáng 2/1, Công an tỉnh", "31/02", "02/01/24 | 8"])
def test_a_number_that_only_looks_like_a_year_less_date_dates_no_card(sources, printed):
    listed = listed_articles(Selector(text=_cards(printed, "09:30 - 01/03/2024")), PAGE, sources["baothainguyen"],
                             str, today=dt.date(2030, 6, 1))
    assert [a.day for a in listed] == [None, dt.date(2024, 3, 1)]


@pytest.mark.parametrize("page,head,options,number,expected", [
    ("https://baothainguyen.vn/phap-luat/trang-22.html", "", ("/phap-luat/trang-22.html", "/phap-luat/trang-23.html"),
     22, "https://baothainguyen.vn/phap-luat/trang-23.html"),
    ("https://baothainguyen.vn/phap-luat/page/30/", "", ("/phap-luat/page/30/", "/phap-luat/page/31/"), 30,
     "https://baothainguyen.vn/phap-luat/page/31/"),
    ("https://baothainguyen.vn/phap-luat/?page=2", '<base href="https://baothainguyen.vn/">',
     ("phap-luat/?page=2", "phap-luat/?page=3"), 2, "https://baothainguyen.vn/phap-luat/?page=3"),
    ("http://127.0.0.1:8765/phap-luat/?page=2", "",
     ("https://baothainguyen.vn/phap-luat/?page=2", "https://baothainguyen.vn/phap-luat/?page=3"), 2,
     "https://baothainguyen.vn/phap-luat/?page=3"),
])
def test_a_page_menu_leads_on_past_page_21_behind_a_base_and_from_a_mirror(page, head, options, number, expected):
    menu = (f'<select><option value="{options[0]}" selected>{number}</option>'
            f'<option value="{options[1]}">{number + 1}</option></select>')
    html = f"<html><head>{head}</head><body>{menu}</body></html>"
    to_real = lambda url: url.replace("http://127.0.0.1:8765", "https://baothainguyen.vn")  # noqa: E731 - the mirror
    assert next_page_url(Selector(text=html), page, [], None, to_real) == expected


def test_a_page_menu_leading_to_another_site_is_no_paging():
    menu = ('<select><option value="https://ads.example.com/phap-luat/?page=2" selected>2</option>'
            '<option value="https://ads.example.com/phap-luat/?page=3">3</option></select>')
    html = f"<html><body>{menu}</body></html>"
    assert next_page_url(Selector(text=html), "https://baothainguyen.vn/phap-luat/?page=2", [], None, str) is None


def test_a_link_that_does_not_parse_loses_no_other_link(sources):
    html = ('<html><body><main><a href="http://[x">x</a><div class=card><h3>' + _a(1) + "</h3></div>"
            '<a rel="next" href="http://[y">sau</a></main></body></html>')
    sel = Selector(text=html)
    assert len(listed_articles(sel, PAGE, sources["baothainguyen"], str)) == 1
    assert next_page_url(sel, PAGE, ["a[rel=next]::attr(href)"], None, str) is None


def test_a_card_dated_only_by_an_epoch_time_attribute(sources):
    html = ('<html><body><main><div class="item" data-id="101921" data-time="1711073700">' + _a(1) +
            '<span class="time-ago" data-time="1711073700"></span></div><div class="item" data-id="9">' + _a(2) +
            '<span class="views" data-count="1711073700">12</span></div></main></body></html>')
    days = [a.day for a in _listed(html, sources["baothainguyen"])]
    assert days == [dt.date(2024, 3, 22), None]  # 02:15 UTC on 22 March is 09:15 in Thái Nguyên
    late = html.replace("1711073700", "1711130400")  # 18:00 UTC on 22 March is 01:00 on 23 March there
    assert [a.day for a in _listed(late, sources["baothainguyen"])][0] == dt.date(2024, 3, 23)


@pytest.mark.parametrize("page,href", [
    ("https://baothainguyen.vn/chinh-tri/?page=2", "https://baothainguyen.org.vn/chinh-tri/?page=3"),
    ("https://baothainguyen.vn/chinh-tri/?page=2", "https://m.baothainguyen.vn/chinh-tri/?page=3"),
    ("https://m.baothainguyen.vn/chinh-tri/?page=2", "https://baothainguyen.vn/chinh-tri/?page=3"),
])
def test_a_next_page_on_the_outlets_other_hosts_is_followed(page, href):
    html = f'<html><head><link rel="next" href="{href}"></head><body></body></html>'
    domains = ("baothainguyen.vn", "www.baothainguyen.vn", "baothainguyen.org.vn")
    assert next_page_url(Selector(text=html), page, [], None, str, domains) == href


@pytest.mark.parametrize("page,control,expected", [
    (PAGE, '<button data-url="/phap-luat/?page={page}" data-page="2">Xem thêm</button>',
     "https://baothainguyen.vn/phap-luat/?page=2"),
    # the attribute names the page being read: the next one is wanted
    (PAGE, '<button data-url="/phap-luat/?page={page}" data-current-page="1">Xem thêm</button>',
     "https://baothainguyen.vn/phap-luat/?page=2"),
    ("https://baothainguyen.vn/phap-luat/?page=3",
     '<a href="javascript:;" data-url="/phap-luat/?page=%page%" data-page="3">Xem thêm tin</a>',
     "https://baothainguyen.vn/phap-luat/?page=4"),
    (PAGE, '<button data-url="/phap-luat/trang-{{ page }}.html" data-next-page="2">Tải thêm</button>',
     "https://baothainguyen.vn/phap-luat/trang-2.html"),
    (PAGE, '<button data-url="/phap-luat/?page={page}">Xem thêm</button>', None),  # which page: not said
    # the next page named as such is taken as it is, whatever the address of the page read
    ("https://thainguyentv.vn/chuyen-muc/2", '<button data-url="/ajax/chuyen-muc/2?page={page}" data-next-page="2">'
     "Xem thêm</button>", "https://thainguyentv.vn/ajax/chuyen-muc/2?page=2"),
])
def test_a_more_buttons_address_template_is_filled_with_the_next_page(page, control, expected):
    html = f"<html><body>{control}</body></html>"
    assert next_page_url(Selector(text=html), page, [], None, lambda url: url) == expected


def test_cards_printing_only_a_time_take_the_day_of_the_heading_they_are_listed_under(sources):
    def items(numbers: list[int]) -> str:
        return "".join(f'<li><span class="time">2{n}:10</span><h3>{_a(n)}</h3></li>' for n in numbers)
    html = ('<html><body><header><span class="today">Thứ Năm, 06/06/2024</span></header><main>'
            f'<div class="day"><h2 class="timeline-date">Thứ Năm, 06/06/2024</h2><ul>{items([1, 2])}</ul></div>'
            f"<h2>Thứ Tư, 05/06/2024</h2><ul>{items([3])}</ul>"  # groups without a wrapper each
            f"<h2>Tin ảnh</h2><ul>{items([4])}</ul>"  # the nearest heading is no date: no day
            "</main></body></html>")
    days = [a.day for a in _listed(html, sources["baothainguyen"])]
    assert days == [dt.date(2024, 6, 6), dt.date(2024, 6, 6), dt.date(2024, 6, 5), None]


@pytest.mark.parametrize("near,far", [
    ('<div class="date-bar">Thứ Năm, 06/06/2024</div>', ""),  # a date line that is no heading, by the list
    ('<p class="date">Thứ Năm, 06/06/2024</p>', ""),
    ("", '<h3 class="date">Thứ Năm, 06/06/2024</h3>'),  # a date heading past the groups a card is in
])
def test_an_undated_card_takes_no_day_from_the_pages_date_line(sources, near, far):
    cards = "".join(f'<div class="card"><h3>{_a(n)}</h3></div>' for n in (1, 2))
    html = (f'<html><body>{far}<div class="wrap"><div class="inner"><main>{near}<div class="list">{cards}'
            "</div></main></div></div></body></html>")
    assert [a.day for a in _listed(html, sources["baothainguyen"])] == [None, None]
