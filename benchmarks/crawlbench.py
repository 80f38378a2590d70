"""The crawl benchmark's two sides: the stand-in site built from corpus articles, and
``scrapy bench`` (Scrapy's own localhost benchmark) run in the same session."""
from __future__ import annotations

import logging
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

log = logging.getLogger(__name__)
CRAWLED = re.compile(r"Crawled (\d+) pages \(at (\d+) pages/min\)")
WARMUP_LINES = 2  # the first LogStats lines: nothing yet, then the start-up burst


def build_site(articles):
    """The baothainguyen stand-in site of these corpus articles (routes in memory)."""
    from standin.site import build_sites

    from benchmarks.corpus import OUTLET, standin_articles

    return build_sites(standin_articles(articles))[OUTLET]


def parse_scrapy_bench(log_text: str) -> dict:
    """Pages/min figures from the LogStats lines of ``scrapy bench``.

    The steady state leaves out the first lines (0 pages, then the start-up burst while
    the link queue is still short) and the last one (the spider closing)."""
    lines = [(int(total), int(rate)) for total, rate in CRAWLED.findall(log_text)]
    rates = [rate for _, rate in lines]
    steady = rates[WARMUP_LINES:-1] if len(rates) > WARMUP_LINES + 1 else [r for r in rates if r > 0]
    if not steady:
        return {"pages_per_minute_lines": rates, "steady_mean_pages_per_second": 0.0,
                "steady_max_pages_per_second": 0.0, "total_pages": lines[-1][0] if lines else 0}
    return {"pages_per_minute_lines": rates,
            "steady_mean_pages_per_second": statistics.mean(steady) / 60,
            "steady_median_pages_per_second": statistics.median(steady) / 60,
            "steady_max_pages_per_second": max(steady) / 60,
            "total_pages": lines[-1][0]}


def scrapy_bench(timeout_seconds: int = 10) -> dict:
    """Run ``scrapy bench`` of this virtualenv and parse the pages/min it logs."""
    scrapy = Path(sys.executable).with_name("scrapy")
    command = [str(scrapy), "bench", "-s", "LOGLEVEL=INFO", "-s", f"CLOSESPIDER_TIMEOUT={timeout_seconds}"]
    t0 = time.perf_counter()
    completed = subprocess.run(command, capture_output=True, text=True, cwd=tempfile.gettempdir(),
                               timeout=timeout_seconds * 6 + 60)
    seconds = time.perf_counter() - t0
    text = completed.stdout + completed.stderr
    result = parse_scrapy_bench(text)
    result.update(command=" ".join(["scrapy"] + command[1:]), exit_code=completed.returncode, seconds=seconds)
    elapsed = re.search(r"'elapsed_time_seconds': ([\d.]+)", text)
    received = re.search(r"'response_received_count': (\d+)", text)
    if elapsed and received:
        result["overall_pages_per_second"] = int(received.group(1)) / float(elapsed.group(1))
    if completed.returncode != 0:
        log.warning("scrapy bench ended with code %s", completed.returncode)
    return result
