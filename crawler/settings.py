"""Scrapy settings for the monitor, built from plain arguments (no globals, no env)."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

USER_AGENT = ("NoiChinhMonitor/0.1 (+news monitoring for the Thai Nguyen Internal Affairs Commission; "
              "contact: ban-noi-chinh@example.invalid)")


@dataclass(frozen=True)
class CrawlOptions:
    polite: bool = True              # delays, AutoThrottle, 2 requests per domain at once
    download_timeout: float = 30.0
    retry_times: int = 3
    http_cache_dir: str | None = None  # development cache of responses
    max_page_bytes: int = 32 * 1024 * 1024
    log_level: str = "WARNING"
    stop_after_known_pages: int = 2
    retry_backoff: float = 1.0       # seconds before the first retry, doubled for each next one
    db_busy_timeout: float = 30.0    # seconds an article's write waits for another process's lock


def build_settings(db_path: str, options: CrawlOptions) -> dict[str, Any]:
    settings: dict[str, Any] = {
        "BOT_NAME": "noichinh-monitor",
        "USER_AGENT": USER_AGENT,
        "ROBOTSTXT_OBEY": True,
        "TELNETCONSOLE_ENABLED": False,
        "LOG_LEVEL": options.log_level,
        "LOG_INSTALL_ROOT_HANDLER": True,
        "DOWNLOAD_TIMEOUT": options.download_timeout,
        "DOWNLOAD_MAXSIZE": options.max_page_bytes,
        "DOWNLOAD_WARNSIZE": 8 * 1024 * 1024,
        "REDIRECT_MAX_TIMES": 10,
        "RETRY_ENABLED": True,
        "RETRY_TIMES": options.retry_times,
        "RETRY_HTTP_CODES": [500, 502, 503, 504, 522, 524, 408, 429],
        "RETRY_BACKOFF_BASE": options.retry_backoff,
        "RETRY_BACKOFF_MAX": 60.0,
        "DOWNLOADER_MIDDLEWARES": {"crawler.middlewares.RetryBackoffMiddleware": 560},
        "ITEM_PIPELINES": {"crawler.pipelines.CleanPipeline": 100, "crawler.pipelines.StoragePipeline": 300},
        "MONITOR_DB_PATH": db_path,
        "MONITOR_DB_BUSY_TIMEOUT": options.db_busy_timeout,
        "FEED_EXPORTERS": {},
        "COOKIES_ENABLED": False,
    }
    if options.polite:
        settings.update({
            "DOWNLOAD_DELAY": 1.0,
            "RANDOMIZE_DOWNLOAD_DELAY": True,
            "AUTOTHROTTLE_ENABLED": True,
            "AUTOTHROTTLE_START_DELAY": 1.0,
            "AUTOTHROTTLE_MAX_DELAY": 30.0,
            "AUTOTHROTTLE_TARGET_CONCURRENCY": 1.0,
            "CONCURRENT_REQUESTS_PER_DOMAIN": 2,
            "CONCURRENT_REQUESTS": 8,
        })
    else:  # a local mirror or the stand-in site: no delays
        settings.update({"DOWNLOAD_DELAY": 0, "AUTOTHROTTLE_ENABLED": False,
                         "CONCURRENT_REQUESTS_PER_DOMAIN": 16, "CONCURRENT_REQUESTS": 32})
    if options.http_cache_dir:
        settings.update({"HTTPCACHE_ENABLED": True, "HTTPCACHE_DIR": options.http_cache_dir,
                         "HTTPCACHE_EXPIRATION_SECS": 0, "HTTPCACHE_IGNORE_HTTP_CODES": [500, 502, 503, 504]})
    return settings
