"""Discovery beyond listings: XML sitemaps (lastmod-filtered), RSS feeds, robots.txt."""
from __future__ import annotations

import datetime as dt

import yaml

from crawler.config import load_sources
from crawler.settings import CrawlOptions
from jobs.crawl import crawl
from standin.server import serving
from standin.site import ThaiNguyenTVSite
from tests.conftest import DATA

FAST = CrawlOptions(polite=False, download_timeout=5, retry_times=0)
XML = "application/xml"


def _sources(tmp_path, discovery: list[dict]):
    raw = yaml.safe_load((DATA / "sources.yaml").read_text(encoding="utf-8"))
    outlet = next(o for o in raw["outlets"] if o["id"] == "thainguyentv")
    outlet["discovery"] = discovery
    outlet["successor"] = None  # the test file holds this outlet only
    raw["outlets"] = [outlet]
    path = tmp_path / "sources.yaml"
    path.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    return path, load_sources(path)["thainguyentv"]


def _site(standin_articles):
    tv = ThaiNguyenTVSite([a for a in standin_articles if a.outlet == "thainguyentv"])
    return tv, tv.build()


def _urlset(tv, articles) -> bytes:
    entries = "".join(f"<url><loc>https://thainguyentv.vn{tv.path(a)}</loc>"
                      f"<lastmod>{a.published:%Y-%m-%dT%H:%M:%S}+07:00</lastmod></url>" for a in articles)
    return f'<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{entries}</urlset>'.encode()


def test_sitemap_index_with_lastmod_filtering(tmp_path, db, standin_articles):
    tv, site = _site(standin_articles)
    old = [a for a in tv.items if a.published.year == 2020]
    new = [a for a in tv.items if a.published.year > 2020]
    site.routes["/sitemap.xml"] = (200, XML, (
        '<?xml version="1.0" encoding="UTF-8"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        '<sitemap><loc>https://thainguyentv.vn/sitemap-2020.xml</loc><lastmod>2020-12-31</lastmod></sitemap>'
        '<sitemap><loc>https://thainguyentv.vn/sitemap-new.xml</loc><lastmod>2026-11-27</lastmod></sitemap>'
        '</sitemapindex>').encode())
    site.routes["/sitemap-2020.xml"] = (200, XML, _urlset(tv, old))
    site.routes["/sitemap-new.xml"] = (200, XML, _urlset(tv, new))
    path, outlet = _sources(tmp_path, [{"kind": "sitemap", "url": "/sitemap.xml"}])
    with serving({"thainguyentv": site}) as mirrors:
        run = crawl(db, path, [outlet], since=dt.date(2021, 1, 1), until=dt.date(2026, 12, 31),
                    mirrors=mirrors, options=FAST)
    titles = {r["title"] for r in db.query("SELECT title FROM articles")}
    assert titles == {a.title for a in new}
    assert run.result.count("downloader/request_count") < len(old)  # the 2020 sitemap was never read


def test_rss_feed(tmp_path, db, standin_articles):
    tv, site = _site(standin_articles)
    items = "".join(f"<item><title>x</title><link>https://thainguyentv.vn{tv.path(a)}?utm_source=rss</link>"
                    f"<pubDate>{a.published:%a, %d %b %Y %H:%M:%S} +0700</pubDate></item>" for a in tv.items)
    site.routes["/rss/home.rss"] = (200, "application/rss+xml",
                                    f'<?xml version="1.0"?><rss version="2.0"><channel>{items}</channel></rss>'.encode())
    path, outlet = _sources(tmp_path, [{"kind": "rss", "url": "/rss/home.rss"}])
    with serving({"thainguyentv": site}) as mirrors:
        crawl(db, path, [outlet], mirrors=mirrors, options=FAST)
    assert db.article_count() == len(tv.items)
    assert all("utm_" not in r["canonical_url"] for r in db.query("SELECT canonical_url FROM articles"))


def test_robots_txt_is_obeyed(tmp_path, db, standin_articles):
    tv, site = _site(standin_articles)
    first = tv.items[0]
    site.routes["/robots.txt"] = (200, "text/plain", f"User-agent: *\nDisallow: {tv.path(first)}\n".encode())
    path, outlet = _sources(tmp_path, [{"kind": "listing", "start": ["/thai-nguyen/thoi-su", "/thai-nguyen/xa-hoi",
                                                                      "/thai-nguyen/phap-luat", "/video",
                                                                      "/phat-thanh", "/thai-nguyen/kinh-te",
                                                                      "/thai-nguyen/van-hoa"]}])
    with serving({"thainguyentv": site}) as mirrors:
        run = crawl(db, path, [outlet], mirrors=mirrors, options=FAST)
    titles = {r["title"] for r in db.query("SELECT title FROM articles")}
    assert first.title not in titles and len(titles) == len(tv.items) - 1
    assert run.result.count("robotstxt/forbidden") == 1
