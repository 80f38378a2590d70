"""Item pipelines: clean or drop each item with a counted reason, then store it."""
from __future__ import annotations

import logging

from scrapy.exceptions import DropItem

from crawler.items import ArticleItem
from nlp.normalize import normalize_text

log = logging.getLogger(__name__)


class CleanPipeline:
    """Unicode NFC and whitespace; drop items with no title or no body, with a reason."""

    def __init__(self, stats) -> None:
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler.stats)

    def process_item(self, item: ArticleItem) -> ArticleItem:
        outlet, page = item.outlet, item.page
        for name in page.missing:
            self.stats.inc_value(f"layout/{outlet}/missing_{name}")
        self.stats.inc_value(f"layout/{outlet}/pages")
        if page.extraction == "fallback":
            self.stats.inc_value(f"layout/{outlet}/fallback_extraction")
        page.title = normalize_text(page.title)
        page.lead = normalize_text(page.lead)
        page.body = normalize_text(page.body)
        page.captions = [normalize_text(c) for c in page.captions if normalize_text(c)]
        page.tags = [normalize_text(t) for t in page.tags if normalize_text(t)]
        if page.not_found:
            self._drop("not_found_page", item)  # a "soft 404": counted, not stored, fetched again next time
        if page.section_page:
            self._drop("section_page", item)  # a removed article's address answered with its section's page
        if not page.title:
            self._drop("no_title", item)
        if not page.body and not page.lead:
            self._drop("no_body", item)
        if not page.published_at:
            if item.listing_date:
                page.published_at = item.listing_date
                self.stats.inc_value("articles/date_from_listing")
            else:
                # Stored all the same (nothing is lost) but counted: reports need a date.
                self.stats.inc_value("articles/stored_without_date")
        return item

    def _drop(self, reason: str, item: ArticleItem) -> None:
        self.stats.inc_value(f"dropped/{reason}")
        raise DropItem(f"{reason}: {item.url}")


class StoragePipeline:
    """Upsert each item through storage, keyed by canonical URL (the only import of storage)."""

    def __init__(self, stats, db_path: str, busy_timeout: float = 30.0) -> None:
        self.stats = stats
        self.db_path = db_path
        self.busy_timeout = busy_timeout
        self.db = None

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler.stats, crawler.settings.get("MONITOR_DB_PATH"),
                   crawler.settings.getfloat("MONITOR_DB_BUSY_TIMEOUT", 30.0))

    def open_spider(self, spider=None) -> None:
        from storage import open_database

        self.db = open_database(self.db_path, busy_timeout_ms=int(self.busy_timeout * 1000))

    def close_spider(self, spider=None) -> None:
        if self.db is not None:
            self.db.close()

    def process_item(self, item: ArticleItem) -> ArticleItem:
        page = item.page
        record = {
            "outlet": item.outlet, "url": item.url, "canonical_url": item.canonical_url,
            "title": page.title, "lead": page.lead, "body": page.body, "captions": page.captions,
            "published_at": page.published_at, "author": page.author, "category": page.category,
            "tags": page.tags, "content_type": page.content_type,
            "content_type_rule": page.content_type_rule, "extraction": page.extraction,
        }
        from storage import DatabaseLockedError

        try:
            outcome = self.db.upsert_article(record, item.raw_html, item.encoding)
        except DatabaseLockedError as exc:
            # counted per outlet: the outlet's crawl is no success (crawler.health), so the next
            # incremental crawl does not start after this article and fetches it again
            self.stats.inc_value("articles/store_failed")
            self.stats.inc_value(f"articles/{item.outlet}/store_failed")
            log.warning("%s: not stored, fetched again next time: %s", item.url, exc)
            raise DropItem(f"store_failed: {item.url}") from exc
        self.stats.inc_value(f"articles/{outcome}")
        self.stats.inc_value(f"articles/{item.outlet}/{outcome}")
        item.raw_html = None  # free memory: the page is stored
        return item
