"""Saved pages of each outlet, with the output they must give (house rule 2).

Every folder ``tests/fixtures/sites/<outlet>/<case>/`` holds a saved page (``page.html``, or
the file named by ``"file"``) and ``expected.json``. ``"kind"`` says what the page is:

- ``article``: fed through ``HtmlResponse`` (the encoding found the way Scrapy finds it,
  unless ``"encoding"`` names one) and read as the spider reads it (``crawler.decode``: a
  page that declares a single-byte encoding but is UTF-8 is read as UTF-8; ``"problem"``
  names the crawl statistic it counts) to ``extract_article``; a page that is no article
  (``"dropped"``: the reason, e.g. ``not_found_page`` for a site's error page served with
  status 200) must be dropped by ``CleanPipeline`` with that reason counted; every listed field must match
  exactly, ``body_contains`` phrases must be in the body and ``body_excludes`` phrases
  must not be.
- ``listing``: fed to ``OutletSpider.parse_listing``; the article requests (as canonical
  URLs, in page order), their listing dates and the next-page request must match.
- ``api``: the same for ``OutletSpider.parse_api`` on a saved JSON response.
- ``sitemap`` and ``feed``: ``"responses"`` lists saved responses (file, URL, headers; a
  ``"gunzip"`` one as a server sending ``Content-Encoding: gzip`` would leave it), each fed
  to ``parse_sitemap`` / ``parse_feed`` as the response type Scrapy builds from its headers,
  in the crawl window the case names; the article requests (canonical URLs and days) and the
  child sitemaps requested must match, and nothing may be counted as dropped.

Listings and API responses are also run as if served from a local mirror, as the crawl
tests serve the stand-in site, so that the mirror mapping is exercised on real-looking
links (absolute, www, http, protocol-less).
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import gzip
import json
import unicodedata
from pathlib import Path

import pytest
from scrapy.exceptions import DropItem
from scrapy.http import Headers, HtmlResponse, Request, TextResponse
from scrapy.responsetypes import responsetypes
from scrapy.spidermiddlewares.httperror import HttpError
from scrapy.utils.test import get_crawler
from twisted.python.failure import Failure

from crawler.config import Discovery

from crawler.decode import page_text
from crawler.pipelines import CleanPipeline
from crawler.extract import extract_article
from crawler.spiders.outlet import OutletSpider
from crawler.urls import Mirror, canonical_url, is_article_url

SITES = Path(__file__).resolve().parent / "fixtures" / "sites"
MIRROR_ORIGIN = "http://127.0.0.1:8765"
EXACT_FIELDS = ("title", "lead", "captions", "published_at", "author", "category", "tags", "content_type",
                "content_type_rule", "extraction", "missing")


def _cases(kind: str) -> list[Path]:
    found = []
    for expected in sorted(SITES.glob("*/*/expected.json")):
        if json.loads(expected.read_text(encoding="utf-8")).get("kind", "article") == kind:
            found.append(expected.parent)
    return found


def _case_id(case: Path) -> str:
    return f"{case.parent.name}/{case.name}"


def _load(case: Path, sources) -> tuple[dict, object, bytes]:
    expected = json.loads((case / "expected.json").read_text(encoding="utf-8"))
    outlet = sources[expected.get("outlet", case.parent.name)]
    default = "api.json" if expected.get("kind") == "api" else "page.html"
    body = (case / expected.get("file", default)).read_bytes()
    return expected, outlet, body


def _html_response(url: str, body: bytes, expected: dict) -> HtmlResponse:
    headers = expected.get("headers") or {}
    return HtmlResponse(url=url, body=body, encoding=expected.get("encoding"), headers=headers)


def _spider(outlet, mirrored: bool, expected: dict | None = None) -> OutletSpider:
    """A spider for one outlet, in the crawl window (mode, since, until) a case names."""
    crawler = get_crawler(OutletSpider, settings_dict={"LOG_ENABLED": False})
    mirrors = {outlet.id: MIRROR_ORIGIN} if mirrored else None
    window: dict = {key: dt.date.fromisoformat(expected[key]) for key in ("since", "until") if (expected or {}).get(key)}
    if (expected or {}).get("mode"):
        window["mode"] = expected["mode"]
    if (expected or {}).get("today"):  # the day the page was saved: its year-less dates are read against it
        window["today"] = dt.date.fromisoformat(expected["today"])
    return OutletSpider.from_crawler(crawler, outlets=[outlet], mirrors=mirrors, **window)


def _discovery_index(outlet, kind: str) -> int:
    for index, discovery in enumerate(outlet.discovery):
        if discovery.kind == kind:
            return index
    raise AssertionError(f"{outlet.id} has no {kind} discovery")


def test_there_are_fixtures_for_every_kind():
    assert len(_cases("article")) >= 12
    assert _cases("listing") and _cases("api")
    assert {c.parent.name for c in _cases("article")} >= {"baothainguyen", "baothainguyen-legacy", "thainguyentv"}


# ---- articles -----------------------------------------------------------------------
@pytest.mark.parametrize("case", _cases("article"), ids=_case_id)
def test_article_fixture(case, sources):
    expected, outlet, body = _load(case, sources)
    url = expected["url"]
    assert is_article_url(url, outlet), "the fixture's URL must be an article URL of its outlet"
    response = _html_response(url, body, expected)
    text = page_text(response)
    assert text.problem == expected.get("problem")
    result = extract_article(text.html, url, outlet)
    assert result.not_found is (expected.get("dropped") == "not_found_page")
    if expected.get("dropped"):
        return  # no article on the page: its fields mean nothing (the spider test checks the drop)

    for name in EXACT_FIELDS:
        if name in expected:
            assert getattr(result, name) == expected[name], name
    if "lead_prefix" in expected:
        assert result.lead.startswith(expected["lead_prefix"])
    for phrase in expected.get("body_contains", []):
        assert phrase in result.body, f"body lacks {phrase!r}"
    for phrase in expected.get("body_excludes", []):
        assert phrase not in result.body, f"body has {phrase!r}"
    assert not result.body.startswith(result.lead), "the lead is stored once, not again at the top of the body"

    for name in ("title", "lead", "body", "author", "category"):
        text = getattr(result, name) or ""
        assert unicodedata.is_normalized("NFC", text), name
        assert "\u00a0" not in text and "&nbsp;" not in text and "&quot;" not in text, name
    assert all(unicodedata.is_normalized("NFC", c) for c in result.captions)


@pytest.mark.parametrize("case", _cases("article"), ids=_case_id)
def test_article_fixture_through_the_spider(case, sources):
    """The same page through the spider's callback, as a crawl would store it."""
    expected, outlet, body = _load(case, sources)
    spider = _spider(outlet, mirrored=True)
    fetched = Mirror(outlet, MIRROR_ORIGIN).to_mirror(expected["url"])
    response = _html_response(fetched, body, expected)
    fetched: list[str] = []
    items = _follow_article_pages(spider, spider.parse_article(response, outlet_id=outlet.id, chain="c"), case,
                                  expected, outlet, fetched)
    assert fetched == list(expected.get("pages") or {}), "each further page once, in order"
    assert spider.crawler.stats.get_value("pages/article_page_missing") is None
    assert len(items) == 1
    item = items[0]
    for phrase in expected.get("spider_body_contains", []):
        assert phrase in item.page.body, f"the stored body lacks {phrase!r}"
    for phrase in expected.get("spider_body_excludes", []):
        assert phrase not in item.page.body, f"the stored body has {phrase!r}"
    assert item.url == expected["url"]
    assert item.canonical_url == expected.get("canonical_url", canonical_url(expected["url"], outlet))
    for name in ("title", "published_at", "content_type", "content_type_rule", "extraction", "captions", "missing"):
        if name in expected:
            assert getattr(item.page, name) == expected[name], name
    assert item.raw_html == body
    assert spider.crawler.stats.get_value("pages/encoding_replaced") is None
    problem = expected.get("problem")
    assert spider.crawler.stats.get_value(f"pages/{problem}") == (1 if problem else None)
    clean = CleanPipeline(spider.crawler.stats)
    if expected.get("dropped"):
        with pytest.raises(DropItem):
            clean.process_item(item)
        assert spider.crawler.stats.get_value(f"dropped/{expected['dropped']}") == 1
    else:
        assert clean.process_item(item) is item


def _follow_article_pages(spider: OutletSpider, results, case: Path, expected: dict, outlet,
                          fetched: list[str]) -> list:
    """What the spider yields for an article, its further pages answered from the case's
    saved files (``"pages"``: URL -> file; ``fetched`` gets each page asked for); a page not
    saved fails as a 404 would."""
    items, pending = [], list(results)
    while pending:
        result = pending.pop(0)
        if not isinstance(result, Request):
            items.append(result)
            continue
        assert result.callback == spider.parse_article_page, result
        real = Mirror(outlet, MIRROR_ORIGIN).to_real(result.url)
        fetched.append(real)
        saved = (expected.get("pages") or {}).get(real)
        if saved is None:
            failure = Failure(HttpError(HtmlResponse(result.url, status=404, body=b"", request=result)))
            failure.request = result
            pending.extend(result.errback(failure))
        else:
            page = _html_response(result.url, (case / saved).read_bytes(), expected)
            page.request = result
            pending.extend(result.callback(page, **result.cb_kwargs))
    return items


def test_encoded_fixtures_decode_as_declared(sources):
    """The windows-1258 page is decoded from its meta tag, the BOM page from its BOM."""
    legacy = SITES / "baothainguyen-legacy" / "tin-tuc-windows-1258"
    expected, _, body = _load(legacy, sources)
    assert not body.startswith(b"\xef\xbb\xbf") and b"windows-1258" in body
    with pytest.raises(UnicodeDecodeError):
        body.decode("utf-8")
    assert _html_response(expected["url"], body, expected).encoding == "cp1258"

    bom = SITES / "thainguyentv" / "tin-format-time-bom"
    expected, _, body = _load(bom, sources)
    assert body.startswith(b"\xef\xbb\xbf")
    response = _html_response(expected["url"], body, expected)
    assert response.encoding == "utf-8" and not response.text.startswith("\ufeff")

    nfd = (SITES / "thainguyentv" / "photo-nfd" / "page.html").read_text(encoding="utf-8")
    assert not unicodedata.is_normalized("NFC", nfd)


# ---- listings and the API ----------------------------------------------------------
def _requests(spider, outlet, requests, mirrored: bool):
    mirror = Mirror(outlet, MIRROR_ORIGIN) if mirrored else None

    def real(url: str) -> str:
        if mirror:
            assert url.startswith(MIRROR_ORIGIN), f"{url} is not fetched through the mirror"
            return mirror.to_real(url)
        return url

    articles = [r for r in requests if r.callback == spider.parse_article]
    paging = [r for r in requests if r.callback != spider.parse_article]
    return ([canonical_url(real(r.url), outlet) for r in articles],
            [r.cb_kwargs.get("listing_date") for r in articles],
            [real(r.url) for r in paging])


@pytest.mark.parametrize("mirrored", [False, True], ids=["direct", "mirrored"])
@pytest.mark.parametrize("case", _cases("listing"), ids=_case_id)
def test_listing_fixture(case, sources, mirrored):
    expected, outlet, body = _load(case, sources)
    spider = _spider(outlet, mirrored, expected)
    url = expected["url"]
    fetched = Mirror(outlet, MIRROR_ORIGIN).to_mirror(url) if mirrored else url
    response = _html_response(fetched, body, expected)
    start = expected.get("start") or url.split("?")[0]
    requests = list(spider.parse_listing(response, outlet_id=outlet.id,
                                         discovery=_discovery_index(outlet, "listing"),
                                         chain="c", page=1, start=start))
    articles, dates, paging = _requests(spider, outlet, requests, mirrored)
    assert articles == expected["article_urls"]
    assert all(is_article_url(u, outlet) for u in articles)
    if "listing_dates" in expected:
        assert dates == expected["listing_dates"]
    assert paging == ([expected["next_page"]] if expected.get("next_page") else [])


@pytest.mark.parametrize("mirrored", [False, True], ids=["direct", "mirrored"])
@pytest.mark.parametrize("case", _cases("api"), ids=_case_id)
def test_api_fixture(case, sources, mirrored):
    expected, outlet, body = _load(case, sources)
    spider = _spider(outlet, mirrored)
    url = expected["url"]
    fetched = Mirror(outlet, MIRROR_ORIGIN).to_mirror(url) if mirrored else url
    response = TextResponse(url=fetched, body=body, encoding="utf-8",
                            headers={"Content-Type": "application/json; charset=utf-8"})
    requests = list(spider.parse_api(response, outlet_id=outlet.id, discovery=_discovery_index(outlet, "json_api"),
                                     chain="c", page=1, category=""))
    articles, dates, paging = _requests(spider, outlet, requests, mirrored)
    assert articles == expected["article_urls"]
    assert all(is_article_url(u, outlet) for u in articles)
    assert dates == expected["listing_dates"]
    assert paging == ([expected["next_page"]] if expected.get("next_page") else [])
    assert spider.crawler.stats.get_value("dropped/api_item_without_url") is None


@pytest.mark.parametrize("declared,body,encoding,problem,shows", [
    # declared single-byte, bytes UTF-8: read as UTF-8
    ("iso-8859-1", "<p>Xử lý nghiêm xe quá tải</p>".encode("utf-8"), "utf-8", "encoding_corrected", "Xử lý"),
    ("windows-1258", "<p>Xử lý</p>".encode("utf-8"), "utf-8", "encoding_corrected", "Xử lý"),
    # declared single-byte and really so: read as declared
    ("iso-8859-1", "<p>café crème</p>".encode("latin-1"), "cp1252", None, "café crème"),
    ("windows-1258", "<p>Hà Đông</p>".encode("cp1258"), "cp1258", None, "Hà Đông"),
    ("iso-8859-1", b"<p>ASCII only</p>", "cp1252", None, "ASCII only"),
])
def test_a_page_is_read_as_utf8_against_its_declaration_only_when_its_bytes_are_utf8(declared, body, encoding,
                                                                                      problem, shows):
    html = f'<html><head><meta charset="{declared}"></head><body>'.encode("ascii") + body + b"</body></html>"
    text = page_text(HtmlResponse(url="https://baothainguyen.vn/a.html", body=html))
    assert (text.encoding, text.problem) == (encoding, problem)
    assert shows in text.html



# ---- sitemaps and feeds ------------------------------------------------------------------
def _with_discovery(outlet, kind: str, url: str):
    """(outlet, index) with a discovery entry of ``kind``: the outlet's own, else one added."""
    for index, discovery in enumerate(outlet.discovery):
        if discovery.kind == kind:
            return outlet, index
    added = dataclasses.replace(outlet, discovery=outlet.discovery + (Discovery(kind=kind, url=url),))
    return added, len(added.discovery) - 1


@pytest.mark.parametrize("mirrored", [False, True], ids=["direct", "mirrored"])
@pytest.mark.parametrize("case", _cases("sitemap") + _cases("feed"), ids=_case_id)
def test_sitemap_and_feed_fixture(case, sources, mirrored):
    expected = json.loads((case / "expected.json").read_text(encoding="utf-8"))
    kind = expected["kind"]
    for served in expected["responses"]:
        body = (case / served["file"]).read_bytes()
        if served.get("gunzip"):
            body = gzip.decompress(body)
        outlet, index = _with_discovery(sources[case.parent.name], "sitemap" if kind == "sitemap" else "rss",
                                        served["url"])
        spider = _spider(outlet, mirrored, expected)
        fetched = Mirror(outlet, MIRROR_ORIGIN).to_mirror(served["url"]) if mirrored else served["url"]
        headers = Headers(served.get("headers") or {})
        response = responsetypes.from_args(headers=headers, url=fetched, body=body)(url=fetched, body=body,
                                                                                     headers=headers)
        callback = spider.parse_sitemap if kind == "sitemap" else spider.parse_feed
        requests = list(callback(response, outlet_id=outlet.id, discovery=index, chain="c"))
        articles, dates, others = _requests(spider, outlet, requests, mirrored)
        label = served.get("label", served["file"])
        assert articles == served["article_urls"], label
        assert dates == served["listing_dates"], label
        assert others == served.get("sitemaps", []), label
        assert not {k for k in spider.crawler.stats.get_stats() if k.startswith("dropped/")}, label


def test_a_first_api_or_listing_page_without_articles_raises_the_layout_alarm(sources):
    from crawler.health import outlet_health

    outlet = sources["baothainguyen"]
    spider = _spider(outlet, mirrored=False)
    changed = TextResponse(url="https://api-public.baothainguyen.vn/v1/article?page=1", encoding="utf-8",
                           body=b'{"status": "ok", "items": [{"slug": "a-1234567"}]}')  # "data" became "items"
    assert not list(spider.parse_api(changed, outlet_id=outlet.id, discovery=_discovery_index(outlet, "json_api"),
                                     chain="c", page=1, category=""))
    empty = HtmlResponse(url="https://baothainguyen.vn/phap-luat/", encoding="utf-8",
                         body="<html><body><div class='new-layout'>Đang tải…</div></body></html>".encode())
    assert not list(spider.parse_listing(empty, outlet_id=outlet.id, discovery=_discovery_index(outlet, "listing"),
                                         chain="d", page=1, start="/phap-luat/"))
    stats = spider.crawler.stats.get_stats()
    assert stats[f"layout/{outlet.id}/empty_discovery"] == 2
    (health,) = outlet_health(stats, [outlet.id])
    assert health.degraded and "2 first listing/API pages without articles" in health.describe()
    assert not outlet_health({}, [outlet.id])[0].degraded
    # one empty section (a new podcast page) among ten is no alarm
    one_of_ten = {f"layout/{outlet.id}/empty_discovery": 1, f"layout/{outlet.id}/first_discovery_pages": 10}
    assert not outlet_health(one_of_ten, [outlet.id])[0].degraded
