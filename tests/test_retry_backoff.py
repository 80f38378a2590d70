"""Retries wait exponentially longer; the crawl still finishes and counts the failure."""
from __future__ import annotations

import time

from crawler.middlewares import RetryBackoffMiddleware
from crawler.settings import CrawlOptions
from jobs.crawl import crawl
from standin.server import serving
from standin.site import Site
from tests.conftest import DATA


def test_delays_double_and_are_capped():
    mw = RetryBackoffMiddleware(base=0.5, cap=3.0, stats=None)
    assert [mw.delay_for(n) for n in range(6)] == [0.0, 0.5, 1.0, 2.0, 3.0, 3.0]
    assert RetryBackoffMiddleware(base=0, cap=3.0, stats=None).delay_for(3) == 0.0


def test_a_failing_page_is_retried_with_backoff(db, sources):
    hits: list[float] = []

    def failing(handler) -> None:
        hits.append(time.monotonic())
        handler.send_response(503)
        handler.send_header("Content-Length", "0")
        handler.end_headers()

    site = Site("thainguyentv")
    site.routes["/robots.txt"] = (200, "text/plain", b"User-agent: *\n")
    site.routes["/thai-nguyen/thoi-su"] = (200, "text/html", b'<h3 class="article-title"><a href="/loi-1001.html">x</a></h3>')
    site.routes["/loi-1001.html"] = failing
    with serving({"thainguyentv": site}) as mirrors:
        run = crawl(db, DATA / "sources.yaml", [sources["thainguyentv"]], mirrors=mirrors,
                    options=CrawlOptions(polite=False, retry_times=2, retry_backoff=0.4, download_timeout=5))
    assert len(hits) == 3  # the first try and two retries
    gaps = [b - a for a, b in zip(hits, hits[1:])]
    assert gaps[0] >= 0.35 and gaps[1] >= 0.75, gaps
    assert run.result.count("errors/http_503") == 1
    assert abs(run.result.stats.get("retry/backoff_seconds") - 1.2) < 1e-9
