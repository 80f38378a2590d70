"""An article split over several pages: which links name its further pages, the paging line
left out of the text, the type of a split text, and the spider joining the pages (a page
that fails leaves the article stored with the pages read)."""
from __future__ import annotations

import pytest
from parsel import Selector
from scrapy.http import HtmlResponse, Request
from scrapy.spidermiddlewares.httperror import HttpError
from scrapy.utils.test import get_crawler
from twisted.python.failure import Failure

from crawler.article_pages import further_pages, page_number
from crawler.extract import extract_article
from crawler.spiders.outlet import OutletSpider

ARTICLE = "https://backup.baothainguyen.vn/tin-tuc/phap-luat/canh-giac-voi-tin-dung-den-298711-7.html"
TEXT = "Lực lượng chức năng đã có mặt kịp thời để xử lý hiện trường và phân luồng giao thông. " * 4


@pytest.mark.parametrize("url,article,expected", [
    (ARTICLE + "?page=2", ARTICLE, 2),
    (ARTICLE + "?trang=3", ARTICLE, 3),
    (ARTICLE.replace(".html", "/2"), ARTICLE, 2),
    (ARTICLE.replace(".html", "-p2.html"), ARTICLE, 2),
    ("https://wp.vn/?p=218734&page=2", "https://wp.vn/?p=218734", 2),
    ("https://wp.vn/?p=218735", "https://wp.vn/?p=218734", None),  # another post's id, not a page
    (ARTICLE + "?page=2&id=5", ARTICLE, None),  # two things changed
    (ARTICLE + "?utm_source=rss&page=2", ARTICLE + "?fbclid=x", 2),  # tracking parameters aside
    (ARTICLE + "?page=99", ARTICLE, None),  # no article has that many pages
    (ARTICLE + "?page=%C2%B2", ARTICLE, None),  # "²" is a digit to Python, no page number
    (ARTICLE + "?page=" + "9" * 5000, ARTICLE, None),
    ("https://x.vn/le-khai-giang-nam-hoc-moi-2/", "https://x.vn/le-khai-giang-nam-hoc-moi/", None),  # a post's slug
    ("https://x.vn/a/slug-abc1234/page/3/", "https://x.vn/a/slug-abc1234/", 3),
    (ARTICLE, ARTICLE, 1),  # the first page itself
    (ARTICLE.replace("canh-giac-voi-tin-dung-den-298711", "khoi-to-298712"), ARTICLE, None),
    (ARTICLE.replace("backup.", "www.") + "?page=2", ARTICLE, None),
    ("http://[x", ARTICLE, None),
])
def test_a_further_page_is_the_articles_own_address_with_a_page_number(url, article, expected):
    assert page_number(url, article) == expected


def _body(paging: str, url: str = ARTICLE):
    html = (f'<html><body><div id="content-detail"><p>{TEXT}</p>{paging}</div>'
            '<div class="pagination"><a href="/tin-tuc/phap-luat/?page=2">2</a></div></body></html>')
    return Selector(text=html).css("#content-detail")[0].root


def _paging(current: int, pages: int = 3) -> str:
    links = [f"<b>{n}</b>" if n == current else
             f'<a href="{ARTICLE if n == 1 else ARTICLE + f"?page={n}"}">{n}</a>' for n in range(1, pages + 1)]
    after = f' <a href="{ARTICLE}?page={current + 1}">Trang sau »</a>' if current < pages else ""
    return f'<div class="paging-detail">Trang: {" ".join(links)}{after}</div>'


def test_the_first_page_names_the_further_pages_and_its_paging_line():
    pages, controls = further_pages(_body(_paging(1)), ARTICLE)
    assert pages == [ARTICLE + "?page=2", ARTICLE + "?page=3"]
    assert [c.get("class") for c in controls] == ["paging-detail"]


@pytest.mark.parametrize("current,pages", [(2, 2), (3, 3)])
def test_the_last_page_names_none_but_its_paging_line_is_still_no_text(current, pages):
    """On the last page the only links are to earlier pages, page 1 by its bare address."""
    found, controls = further_pages(_body(_paging(current, pages)), ARTICLE + f"?page={current}")
    assert found == [] and [c.get("class") for c in controls] == ["paging-detail"]


def test_a_paging_line_printed_twice_is_no_text_twice():
    body = _body(_paging(1).replace("paging-detail", "top") + f"<p>{TEXT}</p>" + _paging(1))
    assert [c.get("class") for c in further_pages(body, ARTICLE)[1]] == ["top", "paging-detail"]


def test_paging_in_furniture_after_the_body_names_no_page():
    html = (f'<html><body><div id="content-detail"><p>{TEXT}</p></div><div class="other-news"><b>Các tin khác</b>'
            f'<div class="pager">Trang <a href="{ARTICLE}?page=2">2</a></div></div></body></html>')
    assert further_pages(Selector(text=html).css("#content-detail")[0].root, ARTICLE) == ([], [])


def test_a_path_numbered_page_reads_its_siblings_against_the_first_page():
    first = "https://x.vn/phap-luat/canh-giac-abc1234/"
    paging = (f'<div class="pager"><a href="{first}1/">« Trang trước</a> Trang 2/3 '
              f'<a href="{first}3/">Trang sau »</a></div>')
    pages, controls = further_pages(_body(paging), first + "2/", first_url=first.rstrip("/"))
    assert pages == [first + "3/"] and len(controls) == 1


def test_links_in_the_text_and_a_listings_paging_are_no_pages_of_the_article():
    inline = f'<p>{TEXT} Xem thêm <a href="/tin-tuc/phap-luat/khoi-to-298712-7.html">bài trước</a>.</p>'
    assert further_pages(_body(inline), ARTICLE) == ([], [])


def _page(paging: str) -> str:
    return ('<html><body><h1 class="title">Cảnh giác với tín dụng đen</h1>'
            '<p class="ngay-cap-nhat">Cập nhật: Thứ hai 14/03/2022 - 16:27</p>'
            f'<div id="content-detail"><p>{TEXT}</p>{paging}</div></body></html>')


def test_a_text_split_over_pages_is_an_article_and_its_paging_line_no_text(sources):
    result = extract_article(_page(_paging(1)), ARTICLE, sources["baothainguyen-legacy"])
    assert result.more_pages == [ARTICLE + "?page=2", ARTICLE + "?page=3"]
    assert (result.content_type, result.content_type_rule) == ("bai", "pages")
    assert "Trang" not in result.body and result.body.startswith(TEXT.strip()[:40])
    single = extract_article(_page(""), ARTICLE, sources["baothainguyen-legacy"])
    assert single.more_pages == [] and (single.content_type, single.content_type_rule) == ("tin", "length")


def _spider(outlet) -> OutletSpider:
    return OutletSpider.from_crawler(get_crawler(OutletSpider, settings_dict={"LOG_ENABLED": False}),
                                     outlets=[outlet])


def _response(url: str, html: str, request: Request | None = None) -> HtmlResponse:
    return HtmlResponse(url=url, body=html.encode("utf-8"), encoding="utf-8", request=request)


def test_the_spider_joins_the_pages_and_reads_each_once(sources):
    outlet = sources["baothainguyen-legacy"]
    spider = _spider(outlet)
    [request] = list(spider.parse_article(_response(ARTICLE, _page(_paging(1))), outlet_id=outlet.id, chain="c"))
    assert request.url == ARTICLE + "?page=2" and request.callback == spider.parse_article_page
    second = _page(_paging(2)).replace(TEXT, "Trang hai của bài viết. " * 5)
    [request] = list(request.callback(_response(request.url, second, request), **request.cb_kwargs))
    assert request.url == ARTICLE + "?page=3", "page 1, linked from page 2, is not read again"
    third = _page(_paging(3)).replace(TEXT, "Trang ba của bài viết. " * 5)
    [item] = list(request.callback(_response(request.url, third, request), **request.cb_kwargs))
    parts = item.page.body.split("\n")
    assert parts[0].startswith("Lực lượng") and parts[1].startswith("Trang hai") and parts[2].startswith("Trang ba")
    assert "Trang:" not in item.page.body and "Trang sau" not in item.page.body
    assert item.url == ARTICLE and item.page.content_type == "bai"
    assert spider.crawler.stats.get_value("pages/article_page_requested") == 2


def test_a_further_page_that_fails_leaves_the_article_with_the_pages_read(sources):
    outlet = sources["baothainguyen-legacy"]
    spider = _spider(outlet)
    [request] = list(spider.parse_article(_response(ARTICLE, _page(_paging(1))), outlet_id=outlet.id, chain="c"))
    failure = Failure(HttpError(HtmlResponse(request.url, status=503, body=b"", request=request)))
    failure.request = request
    [item] = list(request.errback(failure))
    assert item.url == ARTICLE and item.page.body.startswith(TEXT.strip()[:40])
    assert spider.crawler.stats.get_value("pages/article_page_missing") == 1
    assert spider.crawler.stats.get_value("errors/http_503") == 1


def _first_request(spider, outlet):
    [request] = list(spider.parse_article(_response(ARTICLE, _page(_paging(1))), outlet_id=outlet.id, chain="c"))
    return request


@pytest.mark.parametrize("final_url,html", [
    (ARTICLE, _page(_paging(1))),  # redirected back to the first page: its text again
    ("https://backup.baothainguyen.vn/tin-tuc/phap-luat/khoi-to-298712-7.html",
     _page("").replace(TEXT, "Đồng Hỷ khởi tố đối tượng cho vay lãi nặng. " * 4)),  # another article
    (ARTICLE + "?page=2", "<html><head><title>404 - Không tìm thấy trang</title></head><body>"
     "<h1>404 - Không tìm thấy trang</h1><p>Trang bạn yêu cầu không tồn tại hoặc đã bị xóa khỏi hệ thống.</p>"
     "</body></html>"),  # a "not found" page served with 200
    (ARTICLE + "?page=2", _page(_paging(2))),  # page 1's text served again as page 2
])
def test_a_further_page_that_is_no_page_of_the_article_is_not_joined(sources, final_url, html):
    outlet = sources["baothainguyen-legacy"]
    spider = _spider(outlet)
    request = _first_request(spider, outlet)
    [item] = list(request.callback(_response(final_url, html, request), **request.cb_kwargs))
    assert item.page.body.count(TEXT.strip()) == 1
    assert "Đồng Hỷ" not in item.page.body and "không tồn tại" not in item.page.body
    assert spider.crawler.stats.get_value("pages/article_page_refused") == 1


def test_a_further_page_that_cannot_be_read_leaves_the_article_stored(sources, monkeypatch):
    outlet = sources["baothainguyen-legacy"]
    spider = _spider(outlet)
    request = _first_request(spider, outlet)

    def broken(*args, **kwargs):
        raise ValueError("Exceeds the limit (4300 digits)")
    monkeypatch.setattr("crawler.spiders.outlet.extract_article", broken)
    second = _page(_paging(2)).replace(TEXT, "Trang hai của bài viết. " * 5)
    [item] = list(request.callback(_response(request.url, second, request), **request.cb_kwargs))
    assert item.url == ARTICLE and item.page.body.startswith(TEXT.strip()[:40])


def test_a_further_pages_opening_crosshead_stays_text(sources):
    outlet = sources["baothainguyen-legacy"]
    spider = _spider(outlet)
    request = _first_request(spider, outlet)
    crosshead = "Thủ đoạn tinh vi của các đối tượng cho vay nặng lãi ở vùng nông thôn"
    second = _page(_paging(2)).replace(f"<p>{TEXT}</p>", f"<p><strong>{crosshead}</strong></p><p>{TEXT[:60]}x</p>")
    [next_request] = list(request.callback(_response(request.url, second, request), **request.cb_kwargs))
    assert crosshead in next_request.cb_kwargs["item"].page.body
