"""Listings that continue as JSON (an infinite-scroll section whose loader names the next
batch's endpoint in ``data-api``) and API pages whose field names changed: read without
knowing the field names (``crawler.json_listing``), counted like other discovery pages, and
crawled to the end against the local stand-in."""
from __future__ import annotations

import datetime as dt
import json
import time

import pytest
from parsel import Selector
from scrapy.http import TextResponse
from scrapy.utils.test import get_crawler

from crawler.json_listing import item_date, largest_object_list, next_json_page, read_items
from crawler.listing import next_page_url
from crawler.settings import CrawlOptions
from crawler.spiders.outlet import OutletSpider
from crawler.urls import Mirror
from jobs.crawl import crawl
from standin.server import serving
from standin.site import Site
from tests.conftest import DATA

TZ = "Asia/Ho_Chi_Minh"
SECTION = "https://thainguyentv.vn/thai-nguyen/xa-hoi"
API = "https://thainguyentv.vn/api/chuyen-muc/xa-hoi/bai-viet"
JSON_TYPE = "application/json; charset=utf-8"
HTML_TYPE = "text/html; charset=utf-8"


def _section_html(loader: str, sidebar: str = "") -> str:
    cards = "".join(f'<li class="tin"><a href="/hoi-nong-dan-xa-tap-huan-trong-che-{n}.html">Hội Nông dân tập huấn {n}</a>'
                    f'<em>08:1{n % 10} | 0{n % 9 + 1}/06/2025</em></li>' for n in (5101, 5102, 5103))
    return (f'<html><body><main><ul class="dong-tin">{cards}</ul>{loader}</main>'
            f'<aside class="sidebar">{sidebar}</aside></body></html>')


def _next(html: str, url: str = SECTION, to_real=lambda u: u) -> str | None:
    return next_page_url(Selector(text=html), url, (), None, to_real, ("thainguyentv.vn",))


# ---- the loader's address is the next page --------------------------------------------------
@pytest.mark.parametrize("loader,expected", [
    ('<div class="dang-tai" data-api="/api/chuyen-muc/xa-hoi/bai-viet?trang=2&amp;so_luong=3"><i></i></div>',
     API + "?trang=2&so_luong=3"),
    ('<section id="cuon-tiep" data-next-url="https://thainguyentv.vn/api/chuyen-muc/xa-hoi/bai-viet?page=2"></section>',
     API + "?page=2"),
    # a placeholder filled from the loader's page attribute, as a "Xem thêm" control's is
    ('<div class="vo-han" data-endpoint="/api/chuyen-muc/xa-hoi/bai-viet?page={page}" data-current-page="1"></div>',
     API + "?page=2"),
])
def test_an_unlabelled_loaders_data_api_address_is_the_next_page(loader, expected):
    assert _next(_section_html(loader)) == expected


@pytest.mark.parametrize("loader,sidebar", [
    ('<div class="dang-tai" data-api="/api/chuyen-muc/xa-hoi/bai-viet?page=1"></div>', ""),  # this page again
    ('<div class="dang-tai" data-api="/api/chuyen-muc/xa-hoi/bai-viet"></div>', ""),  # no page: a widget's feed
    ("", '<div class="xem-nhieu" data-api="/api/xem-nhieu?page=2"></div>'),  # a sidebar box's own paging
    ('<div class="dang-tai" data-api="https://quangcao.example.vn/api/tin?page=2"></div>', ""),  # another site
])
def test_a_data_attribute_that_is_not_the_next_batch_is_no_paging(loader, sidebar):
    assert _next(_section_html(loader, sidebar)) is None


def test_the_loader_of_a_mirrored_page_leads_to_the_real_endpoint(sources):
    mirror = Mirror(sources["thainguyentv"], "http://127.0.0.1:8765")
    html = _section_html('<div class="dang-tai" data-api="/api/chuyen-muc/xa-hoi/bai-viet?page=2"></div>')
    assert _next(html, mirror.to_mirror(SECTION), mirror.to_real) == API + "?page=2"


# ---- reading a JSON batch without knowing its field names ---------------------------------
BATCH = {
    "trang_thai": 1,
    "ket_qua": {
        "chuyen_muc": {"ten": "Xã hội", "duong_dan": "/thai-nguyen/xa-hoi"},
        "danh_sach": [
            {"ma": 5104, "tieu_de": "Khánh thành cầu dân sinh ở xã vùng cao",
             "anh": "https://thainguyentv.vn/upload/2025/06/cau.jpg",
             "duong_dan": "/khanh-thanh-cau-dan-sinh-o-xa-vung-cao-5104.html",
             "updated_at": "2025-06-09T10:00:00+07:00", "ngay_xuat_ban": "07/06/2025 15:20"},
            {"ma": 5105, "tieu_de": "Trao học bổng cho học sinh nghèo vượt khó",
             "link": {"web": "https://thainguyentv.vn/trao-hoc-bong-cho-hoc-sinh-ngheo-vuot-kho-5105.html"},
             "createdTime": 1749254400000},  # 7 June 2025, 07:00 in Thái Nguyên
            {"ma": 5106, "tieu_de": "Quảng cáo", "duong_dan": "https://quangcao.example.vn/khuyen-mai-5106.html"},
        ],
        "lien_quan": [{"duong_dan": "/thai-nguyen/kinh-te"}],
        "next": API + "?page=3&size=3",
    },
}


def test_the_items_are_the_largest_list_of_objects_wherever_it_is():
    items, holder = largest_object_list(BATCH)
    assert [item["ma"] for item in items] == [5104, 5105, 5106] and holder is BATCH["ket_qua"]
    assert largest_object_list([{"a": 1}, {"b": 2}])[0] == [{"a": 1}, {"b": 2}]
    assert largest_object_list({"thong_bao": "Không có dữ liệu"}) == ([], None)


def test_each_item_names_its_article_and_its_publication_date(sources):
    read = read_items(largest_object_list(BATCH)[0], sources["thainguyentv"])
    assert [item.url for item in read] == [
        "https://thainguyentv.vn/khanh-thanh-cau-dan-sinh-o-xa-vung-cao-5104.html",  # "duong_dan", not the image
        "https://thainguyentv.vn/trao-hoc-bong-cho-hoc-sinh-ngheo-vuot-kho-5105.html",  # nested "link.web"
        None]  # an advert on another site
    assert [item.published[:16] if item.published else None for item in read] == [
        "2025-06-07T15:20", "2025-06-07T07:00", None]  # not the update time


@pytest.mark.parametrize("entry,expected", [
    ({"publishedAt": "2025-06-01T01:00:00Z", "createdAt": "2025-05-30T01:00:00Z"}, "2025-06-01"),
    ({"modified_date": "2025-06-09", "date": "2025-06-02"}, "2025-06-02"),
    ({"reading_time": "5", "thoi_luong": 90, "pubDate": "Tue, 03 Jun 2025 09:00:00 +0700"}, "2025-06-03"),
    ({"end_time": "2025-06-30", "tieu_de": "Hội nghị ngày 4/6/2025"}, None),
])
def test_the_date_is_a_field_named_as_the_publication_date(entry, expected):
    found = item_date(entry, TZ)
    assert (found[:10] if found else None) == expected


@pytest.mark.parametrize("payload,url,expected", [
    (BATCH, API + "?page=2&size=3", API + "?page=3&size=3"),  # its "next"
    ({"data": [{"a": 1}], "meta": {"next_page_url": None}}, API + "?page=2", None),  # null there: the end
    ({"data": [{"a": 1}], "links": {"nextPage": "?page=5"}}, API + "?page=4", API + "?page=5"),
    ({"items": [{"a": 1}] * 3}, API + "?page=2&size=3", API + "?page=3&size=3"),  # a full batch
    ({"items": [{"a": 1}] * 2}, API + "?page=2&size=3", None),  # a short batch is the last
    ({"items": [{"a": 1}] * 3, "pagination": {"total_pages": 2}}, API + "?page=2&size=3", None),
    ({"items": [{"a": 1}] * 3}, API + "?offset=3&limit=3&zone=xa-hoi", API + "?offset=6&limit=3&zone=xa-hoi"),
    ({"items": []}, API + "?page=2", None),
])
def test_the_next_batch_is_named_by_a_next_field_or_the_page_advanced_when_full(payload, url, expected):
    items, _ = largest_object_list(payload)
    assert next_json_page(payload, items, url) == expected


# ---- the spider ---------------------------------------------------------------------------
def _spider(outlet, **window) -> OutletSpider:
    crawler = get_crawler(OutletSpider, settings_dict={"LOG_ENABLED": False})
    return OutletSpider.from_crawler(crawler, outlets=[outlet], **window)


def _json(url: str, payload) -> TextResponse:
    return TextResponse(url=url, body=json.dumps(payload, ensure_ascii=False).encode(), encoding="utf-8",
                        headers={"Content-Type": JSON_TYPE})


def _split(spider, requests):
    articles = [r for r in requests if r.callback == spider.parse_article]
    return ([r.url for r in articles], [r.cb_kwargs["listing_date"] for r in articles],
            [r for r in requests if r.callback != spider.parse_article])


def test_a_json_listing_page_is_read_for_its_articles_dates_and_next_batch(sources):
    outlet = sources["thainguyentv"]
    spider = _spider(outlet)
    requests = list(spider.parse_listing(_json(API + "?page=2&size=3", BATCH), outlet_id=outlet.id, discovery=0,
                                         chain="c", page=2, start=SECTION))
    urls, dates, paging = _split(spider, requests)
    assert urls == ["https://thainguyentv.vn/khanh-thanh-cau-dan-sinh-o-xa-vung-cao-5104.html",
                    "https://thainguyentv.vn/trao-hoc-bong-cho-hoc-sinh-ngheo-vuot-kho-5105.html"]
    assert dates == ["2025-06-07", "2025-06-07"]
    assert [(r.url, r.callback, r.cb_kwargs["page"]) for r in paging] == [
        (API + "?page=3&size=3", spider.parse_listing, 3)]
    stats = spider.crawler.stats.get_stats()
    assert stats["discovery/listing_pages"] == 1 and stats[f"discovery/{outlet.id}/json_listing_pages"] == 1
    assert stats[f"discovery/{outlet.id}/answered"] == 1 and stats["dropped/json_item_without_url"] == 1


def test_a_json_batch_before_the_window_ends_the_chain(sources):
    outlet = sources["thainguyentv"]
    spider = _spider(outlet, since=dt.date(2025, 6, 8))
    requests = list(spider.parse_listing(_json(API + "?page=2&size=3", BATCH), outlet_id=outlet.id, discovery=0,
                                         chain="c", page=2, start=SECTION))
    assert requests == []
    stats = spider.crawler.stats.get_stats()
    assert stats["discovery/outside_window"] == 2 and stats["discovery/stopped_at_since"] == 1


def test_a_first_json_listing_page_without_articles_raises_the_layout_alarm(sources):
    outlet = sources["thainguyentv"]
    spider = _spider(outlet)
    assert not list(spider.parse_listing(_json(API, {"thong_bao": "Bảo trì hệ thống"}), outlet_id=outlet.id,
                                         discovery=0, chain="c", page=1, start=SECTION))
    assert spider.crawler.stats.get_value(f"layout/{outlet.id}/empty_discovery") == 1


@pytest.mark.parametrize("depth", [600, 5000])
def test_a_json_page_nested_thousands_of_levels_deep_neither_crashes_nor_stalls(sources, depth):
    outlet = sources["thainguyentv"]
    spider = _spider(outlet)
    item = {"url": "https://thainguyentv.vn/tin-sau-8001.html", "date": "2025-06-02"}
    body = '{"a":' * depth + json.dumps({"items": [item] * 2000}) + "}" * depth
    response = TextResponse(url=API + "?page=2", body=body.encode(), encoding="utf-8")
    started = time.perf_counter()
    assert list(spider.parse_listing(response, outlet_id=outlet.id, discovery=0, chain="c", page=2,
                                     start=SECTION)) == []  # its items are too deep to be a listing's
    # one nested past what Python's JSON reader goes is an unreadable discovery page
    assert spider.crawler.stats.get_value("dropped/listing_json_unreadable") == (1 if depth > 1000 else None)
    wide = {"data": [{"url": f"https://thainguyentv.vn/tin-rong-{n}.html", "meta": item} for n in range(1000, 6000)]}
    urls, _, _ = _split(spider, list(spider.parse_listing(_json(API + "?page=2", wide), outlet_id=outlet.id,
                                                          discovery=0, chain="d", page=2, start=SECTION)))
    assert len(urls) == 5000 and time.perf_counter() - started < 5


# ---- a configured API whose field names changed ----------------------------------------------
API_PAGE = "https://api-public.baothainguyen.vn/v1/article?category_ids=&page=1&limit=20&sortBy=publish_date&sortOrder=DESC"


def _parse_api(spider, outlet, payload, page: int = 1):
    index = next(i for i, d in enumerate(outlet.discovery) if d.kind == "json_api")
    return list(spider.parse_api(_json(API_PAGE.replace("page=1", f"page={page}"), payload), outlet_id=outlet.id,
                                 discovery=index, chain="a", page=page, category=""))


def test_api_items_under_renamed_fields_are_guessed_and_the_crawl_goes_on(sources):
    outlet = sources["baothainguyen"]
    spider = _spider(outlet)
    renamed = {"ok": True, "records": [
        {"tieu_de": "Nghiệm thu công trình nước sạch liên xã", "thoi_gian_dang": "2025-06-05T02:10:00Z",
         "link": "https://baothainguyen.vn/xa-hoi/202506/nghiem-thu-cong-trinh-nuoc-sach-lien-xa-3c4d5e6"},
        {"tieu_de": "Phát động Tết trồng cây", "thoi_gian_dang": "2025-06-04T23:30:00Z",
         "link": "/kinh-te/202506/phat-dong-tet-trong-cay-7a8b9c0"}]}
    urls, dates, paging = _split(spider, _parse_api(spider, outlet, renamed))
    assert urls == ["https://baothainguyen.vn/xa-hoi/202506/nghiem-thu-cong-trinh-nuoc-sach-lien-xa-3c4d5e6",
                    "https://baothainguyen.vn/kinh-te/202506/phat-dong-tet-trong-cay-7a8b9c0"]
    assert dates == ["2025-06-05", "2025-06-05"]  # 23:30 UTC is the next morning in Thái Nguyên
    assert [r.url for r in paging] == [API_PAGE.replace("page=1", "page=2")]
    stats = spider.crawler.stats.get_stats()
    assert stats[f"discovery/{outlet.id}/api_fields_guessed"] == 1
    assert "dropped/api_item_without_url" not in stats
    assert f"layout/{outlet.id}/empty_discovery" not in stats and stats[f"layout/{outlet.id}/first_discovery_pages"] == 1
    assert any("guessed" in warning for warning in stats["layout/warnings"])


def test_api_items_without_a_url_field_are_built_from_the_template_with_the_guessed_date(sources):
    outlet = sources["baothainguyen"]
    spider = _spider(outlet)
    renamed = {"items": [{"slug": "dien-tap-phong-chong-thien-tai-1a2b3c4", "publishedTime": 1748710800,
                          "category": {"slug": "xa-hoi"}}],  # 1 June 2025, 00:00 in Thái Nguyên
               "pagination": {"page": 1, "total_pages": 1}}
    urls, dates, paging = _split(spider, _parse_api(spider, outlet, renamed))
    assert urls == ["https://baothainguyen.vn/xa-hoi/202506/dien-tap-phong-chong-thien-tai-1a2b3c4/"]
    assert dates == ["2025-06-01"] and paging == []  # the page count found under "pagination"


def test_an_empty_list_where_configured_is_the_end_not_a_changed_api(sources):
    outlet = sources["baothainguyen"]
    spider = _spider(outlet)
    end = {"data": [], "noi_bat": [{"url": "https://baothainguyen.vn/xa-hoi/202401/bai-cu-noi-bat-1234567"}]}
    assert _parse_api(spider, outlet, end, page=7) == []
    assert spider.crawler.stats.get_value(f"discovery/{outlet.id}/api_fields_guessed") is None


# ---- a crawl against the stand-in ---------------------------------------------------------
ARTICLE_TEXT = ("Ủy ban nhân dân xã vừa tổ chức hội nghị tổng kết phong trào xây dựng nông thôn mới, "
                "biểu dương nhiều hộ gia đình tiêu biểu.")


def _article(title: str, day: str) -> bytes:
    return (f'<html><head><meta charset="utf-8"><title>{title}</title></head><body>'
            f'<h1 class="article-detail-title">{title}</h1><div class="article-detail-date">'
            f'<span class="format_time">09:00</span> | <span class="format_date">{day}</span></div>'
            f'<div class="article-detail-desc">Tin từ cơ sở.</div>'
            f'<div class="__MASTERCMS_CONTENT"><p>{ARTICLE_TEXT}</p></div></body></html>').encode()


def infinite_scroll_site() -> Site:
    """A section page of two cards whose loader names the first JSON batch; two JSON pages
    follow, the first naming the second in ``next``, the second ending with ``next: null``."""
    site = Site("thainguyentv")
    slugs = [f"/tin-xa-hoi-so-{n}-{6200 + n}.html" for n in range(1, 6)]
    site.routes["/robots.txt"] = (200, "text/plain", b"User-agent: *\nAllow: /\n")
    for n, path in enumerate(slugs, 1):
        site.routes[path] = (200, HTML_TYPE, _article(f"Tin xã hội số {n}", f"0{n}/06/2025"))
    cards = "".join(f'<div class="the-tin"><h3><a href="{p}">Tin xã hội số {n}</a></h3><span>0{n}/06/2025</span></div>'
                    for n, p in enumerate(slugs[:2], 1))
    loader = '<div class="cuon-tai" data-api="https://thainguyentv.vn/api/muc/xa-hoi?page=2&amp;size=2"></div>'
    site.routes["/thai-nguyen/xa-hoi"] = (200, HTML_TYPE, f"<html><body>{cards}{loader}</body></html>".encode())

    def batch(paths: list[str], first: int, following: str | None) -> bytes:
        items = [{"id": 6200 + n, "url": f"https://thainguyentv.vn{p}", "date": f"2025-06-0{n}T09:00:00+07:00"}
                 for n, p in enumerate(paths, first)]
        return json.dumps({"data": {"items": items, "next": following}}).encode()

    site.routes["/api/muc/xa-hoi?page=2&size=2"] = (200, JSON_TYPE, batch(
        slugs[2:4], 3, "https://thainguyentv.vn/api/muc/xa-hoi?page=3&size=2"))
    site.routes["/api/muc/xa-hoi?page=3&size=2"] = (200, JSON_TYPE, batch(slugs[4:], 5, None))
    return site


def test_a_crawl_follows_the_loader_into_two_json_pages_and_stores_every_article(tmp_path, sources):
    from storage import open_database

    db = open_database(tmp_path / "json.db")
    try:
        with serving({"thainguyentv": infinite_scroll_site()}) as mirrors:
            run = crawl(db, DATA / "sources.yaml", [sources["thainguyentv"]], mirrors=mirrors,
                        options=CrawlOptions(polite=False, download_timeout=5, retry_times=0))
        titles = sorted(r["title"] for r in db.query("SELECT title FROM articles"))
    finally:
        db.close()
    assert titles == [f"Tin xã hội số {n}" for n in range(1, 6)]
    assert run.result.count("discovery/thainguyentv/json_listing_pages") == 2
    assert run.result.count("dropped/listing_not_html") == 0
