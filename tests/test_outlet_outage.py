"""A site that is down is no success: the outlet is failed or degraded, the run says so, and
its incremental window stays at its last successful crawl, so nothing published during the
outage is skipped once the site is back."""
from __future__ import annotations

import datetime as dt

from click.testing import CliRunner
from scrapy.http import HtmlResponse, Request
from scrapy.spidermiddlewares.httperror import HttpError
from scrapy.utils.test import get_crawler
from twisted.python.failure import Failure

import pipeline
from crawler.health import outlet_health
from crawler.settings import CrawlOptions
from crawler.spiders.outlet import OutletSpider
from jobs.crawl import crawl, incremental_window
from standin.server import serving
from standin.site import Site
from tests.conftest import DATA

FAST = CrawlOptions(polite=False, download_timeout=5, retry_times=0)


def _down_site(outlet: str, status: int = 500) -> Site:
    """Every path answers ``status``."""
    site = Site(outlet)

    def fail(handler) -> None:
        handler.send_response(status)
        handler.send_header("Content-Length", "0")
        handler.end_headers()

    site.get = lambda path: fail  # type: ignore[method-assign]
    return site


def _half_site() -> Site:
    """The listing answers, every article page 500s (the site's article backend is down)."""
    site = _down_site("thainguyentv")
    listing = "".join(f'<h3 class="article-title"><a href="/bai-{i}-{1000 + i}.html">Bài {i}</a></h3>'
                      for i in range(3))
    routes = {"/robots.txt": (200, "text/plain", b"User-agent: *\n"),
              "/thai-nguyen/thoi-su": (200, "text/html; charset=utf-8",
                                       f"<html><body>{listing}</body></html>".encode())}
    fail = site.get("/")
    site.get = lambda path: routes.get(path.split("?")[0], fail)  # type: ignore[method-assign]
    return site


def test_health_of_an_outlet_whose_listings_all_failed_is_failed():
    stats = {"errors/bao/http_500": 10, "discovery/bao/failed": 10}
    (health,) = outlet_health(stats, ["bao"])
    assert health.failed and health.status == "failed" and not health.advances
    assert "FAILED" in health.describe() and "http_500 10" in health.describe()
    assert "no listing, API, sitemap or feed page answered" in health.describe()
    (ok,) = outlet_health({"discovery/bao/answered": 3, "layout/bao/pages": 4, "articles/bao/inserted": 4}, ["bao"])
    assert ok.status == "ok" and ok.advances and ok.describe() == "bao: ok, 4 pages, 4 stored"


def test_health_when_article_pages_mostly_fail_is_degraded():
    stats = {"discovery/bao/answered": 1, "articles/bao/unreachable": 3, "errors/bao/http_500": 3}
    (health,) = outlet_health(stats, ["bao"])
    assert health.status == "degraded" and not health.advances
    # a few lost pages among many read, or pages that are gone (404), are no outage
    few = {"discovery/bao/answered": 2, "layout/bao/pages": 9, "articles/bao/unreachable": 2}
    assert outlet_health(few, ["bao"])[0].status == "ok"


def test_a_failed_listing_request_counts_for_its_outlet(sources):
    outlet = sources["thainguyentv"]
    crawler = get_crawler(OutletSpider)
    spider = OutletSpider.from_crawler(crawler, outlets=[outlet])
    listing = Request("https://thainguyentv.vn/thai-nguyen/thoi-su", callback=spider.parse_listing,
                      cb_kwargs={"outlet_id": outlet.id, "discovery": 0, "chain": "c", "page": 1, "start": "x"})
    article = Request("https://thainguyentv.vn/a-1.html", callback=spider.parse_article,
                      cb_kwargs={"outlet_id": outlet.id, "chain": "c"})
    for request, status in ((listing, 500), (article, 503), (article, 404)):
        failure = Failure(HttpError(HtmlResponse(request.url, status=status, body=b"", request=request)))
        failure.request = request
        spider.on_error(failure)
    stats = crawler.stats.get_stats()
    assert stats["errors/http_500"] == 1 and stats[f"errors/{outlet.id}/http_500"] == 1
    assert stats[f"discovery/{outlet.id}/failed"] == 1
    assert stats[f"articles/{outlet.id}/unreachable"] == 1  # the 503; a 404 is a page that is gone


def test_a_site_that_is_down_fails_its_outlet_and_keeps_its_window(db, sources, standin):
    outlets = [sources["baothainguyen"], sources["thainguyentv"]]
    good = crawl(db, DATA / "sources.yaml", outlets, mirrors=standin, options=FAST)
    assert good.status == "success" and sorted(good.advanced) == ["baothainguyen", "thainguyentv"]
    # the good night was five days ago
    db.db.execute("UPDATE runs SET started_at = '2026-11-01T11:30:00+00:00' WHERE id = ?", [good.run_id])
    db.db.conn.commit()
    with serving({"baothainguyen": _down_site("baothainguyen")}) as down:
        night = crawl(db, DATA / "sources.yaml", outlets, options=FAST,
                      mirrors={"baothainguyen": down["baothainguyen"], "thainguyentv": standin["thainguyentv"]})
    health = {h.outlet: h for h in night.result.health}
    assert health["baothainguyen"].status == "failed" and health["thainguyentv"].status == "ok"
    assert night.status == "degraded" and night.advanced == ["thainguyentv"]
    assert "baothainguyen: FAILED" in night.problems() and "http_500" in night.problems()
    last = db.last_runs("crawl")[0]
    assert last["status"] == "degraded" and last["message"].startswith("baothainguyen: FAILED")  # for status
    since, resuming = incremental_window(db, ["baothainguyen", "thainguyentv"])
    assert since["baothainguyen"] == dt.date(2026, 10, 30)  # the last successful crawl, not today
    started = dt.date.fromisoformat(db.last_runs("crawl")[0]["started_at"][:10])
    assert since["thainguyentv"] == started - dt.timedelta(days=2)
    assert not resuming  # what it published meanwhile is on its first listing pages


def test_every_outlet_down_is_a_failed_crawl_and_exit_1(tmp_path):
    # 404 everywhere (no retries, so no backoff to wait for): no listing, API or feed answered
    sites = {"baothainguyen": _down_site("baothainguyen", 404), "thainguyentv": _down_site("thainguyentv", 404)}
    with serving(sites) as mirrors:
        args = ["--db", str(tmp_path / "m.db"), "crawl", "--no-polite"]
        args += [a for o, origin in mirrors.items() for a in ("--mirror", f"{o}={origin}")]
        result = CliRunner().invoke(pipeline.cli, args, catch_exceptions=False)
    assert result.exit_code == 1, result.output
    assert "baothainguyen: FAILED" in result.output and "thainguyentv: FAILED" in result.output
    assert "warning: the crawl is failed" in result.output


def test_articles_that_all_fail_make_the_outlet_degraded(db, sources):
    with serving({"thainguyentv": _half_site()}) as mirrors:
        run = crawl(db, DATA / "sources.yaml", [sources["thainguyentv"]], mirrors=mirrors, options=FAST)
    (health,) = run.result.health
    assert health.status == "degraded" and health.unreachable == 3 and run.advanced == []
    assert run.status == "degraded" and "3 article pages could not be fetched" in run.problems()
    assert incremental_window(db, ["thainguyentv"]) == ({"thainguyentv": None}, True)  # fetched again, deep
