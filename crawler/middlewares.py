"""Downloader middleware: exponential backoff before a retried request."""
from __future__ import annotations

import asyncio
import logging

log = logging.getLogger(__name__)


class RetryBackoffMiddleware:
    """Scrapy's RetryMiddleware re-schedules a failed request at once; this waits
    base × 2^(n-1) seconds (capped) before the n-th retry goes out, so an overloaded
    site gets room. Other requests are not held up (asyncio reactor)."""

    def __init__(self, base: float, cap: float, stats) -> None:
        self.base = base
        self.cap = cap
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler.settings.getfloat("RETRY_BACKOFF_BASE", 1.0),
                   crawler.settings.getfloat("RETRY_BACKOFF_MAX", 60.0), crawler.stats)

    def delay_for(self, retry_times: int) -> float:
        return 0.0 if retry_times <= 0 or self.base <= 0 else min(self.cap, self.base * 2 ** (retry_times - 1))

    async def process_request(self, request, spider=None):
        delay = self.delay_for(int(request.meta.get("retry_times", 0)))
        if delay:
            self.stats.inc_value("retry/backoff_seconds", delay)
            log.debug("waiting %.1f s before retry %s of %s", delay, request.meta["retry_times"], request.url)
            await asyncio.sleep(delay)
        return None
