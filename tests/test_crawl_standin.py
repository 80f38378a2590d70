"""The crawler against the local stand-in site: pagination, incremental stop, backfill."""
from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from crawler.settings import CrawlOptions
from jobs.crawl import crawl
from tests.conftest import DATA

FAST = CrawlOptions(polite=False, download_timeout=5, retry_times=0)


def _outlets(sources):
    return [sources["baothainguyen"], sources["thainguyentv"]]


def test_crawl_stores_every_article_once_with_dates_and_types(db, sources, standin, standin_articles):
    run = crawl(db, DATA / "sources.yaml", _outlets(sources), mirrors=standin, options=FAST)
    assert run.status == "success"
    assert db.article_count() == len(standin_articles)
    rows = {r["title"]: r for r in db.query("SELECT * FROM articles")}
    for article in standin_articles:
        row = rows[article.title]
        assert row["published_at"][:16] == article.published.strftime("%Y-%m-%dT%H:%M"), article.slug
        assert row["published_at"].endswith("+07:00")
        assert row["content_type"] == article.content_type, (article.slug, row["content_type_rule"])
        assert row["outlet"] == article.outlet
        assert row["canonical_url"].startswith(("https://baothainguyen.vn/", "https://thainguyentv.vn/"))
        assert "Tin liên quan" not in row["body"] and "Xem thêm" not in row["body"]
    assert run.result.count("discovery/listing_pages") > 10  # page size 5: pagination followed


@pytest.mark.parametrize("dated_listings", [True, False])
def test_second_run_adds_nothing_and_stops_early(db, sources, standin_articles, dated_listings):
    from standin.server import serving
    from standin.site import build_sites

    path, options = DATA / "sources.yaml", dataclasses.replace(FAST, stop_after_known_pages=1)
    with serving(build_sites(standin_articles, page_size=5, dated_listings=dated_listings)) as mirrors:
        first = crawl(db, path, _outlets(sources), mirrors=mirrors, options=options)
        second = crawl(db, path, _outlets(sources), mirrors=mirrors, options=options)
    assert db.article_count() == len(standin_articles)
    assert second.result.count("articles/inserted") == 0
    assert second.result.count("layout/baothainguyen/pages") == 0  # no article page fetched again
    assert second.result.count("discovery/listing_pages") < first.result.count("discovery/listing_pages")
    stop = "discovery/stopped_at_since" if dated_listings else "discovery/stopped_at_known"
    assert second.result.count(stop) > 0
    runs = db.last_runs("crawl")
    assert [r["status"] for r in runs] == ["success", "success"]
    assert second.mode == "incremental" and all(second.since.values())


@pytest.mark.parametrize("since,until", [(dt.date(2021, 1, 1), dt.date(2021, 12, 31)),
                                         (dt.date(2020, 3, 1), dt.date(2020, 8, 31))])
def test_backfill_of_a_date_range(db, sources, standin, standin_articles, since, until):
    run = crawl(db, DATA / "sources.yaml", _outlets(sources), since=since, until=until, mirrors=standin,
                options=FAST)
    assert run.mode == "backfill"
    stored = {r["title"]: dt.date.fromisoformat(r["published_at"][:10])
              for r in db.query("SELECT title, published_at FROM articles")}
    expected = {a.title for a in standin_articles if since <= a.published.date() <= until}
    assert expected and set(stored) == expected  # listing and API dates keep the rest out
    assert run.result.count("discovery/outside_window") > 0


def test_interrupted_backfill_resumes_without_duplicates(db, sources, standin, standin_articles):
    # a first crawl that only got part of the site (one outlet), then the full one
    crawl(db, DATA / "sources.yaml", [sources["thainguyentv"]], mirrors=standin, options=FAST)
    partial = db.article_count()
    db.start_run("crawl")  # a run that was killed: left "running"
    crawl(db, DATA / "sources.yaml", _outlets(sources), mirrors=standin, options=FAST)
    assert partial < db.article_count() == len(standin_articles)
    urls = [r["canonical_url"] for r in db.query("SELECT canonical_url FROM articles")]
    assert len(urls) == len(set(urls))


def test_unreachable_site_records_a_run_with_errors_not_a_crash(db, sources):
    run = crawl(db, DATA / "sources.yaml", [sources["thainguyentv"]],
                mirrors={"thainguyentv": "http://127.0.0.1:9"}, options=FAST)
    assert db.article_count() == 0
    assert any(k.startswith("errors/") for k in run.result.stats)


def test_fetching_given_urls_stores_only_those(db, sources, standin, standin_articles):
    from standin.site import BaoThaiNguyenSite

    site = BaoThaiNguyenSite([a for a in standin_articles if a.outlet == "baothainguyen"])
    wanted = site.items[3]
    url = "https://baothainguyen.vn" + site.path(wanted)
    run = crawl(db, DATA / "sources.yaml", _outlets(sources), mirrors=standin, options=FAST, urls=[url])
    assert run.mode == "urls" and run.outlets == ("baothainguyen",)  # the outlet of the URL only
    assert [r["title"] for r in db.query("SELECT title FROM articles")] == [wanted.title]
    assert run.result.count("discovery/listing_pages") == 0
