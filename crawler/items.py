"""The item a spider yields: one article page, its extraction and where it came from."""
from __future__ import annotations

from dataclasses import dataclass

from crawler.extract import Extraction


@dataclass
class ArticleItem:
    """What the pipelines clean and store: the page's :class:`Extraction` plus crawl facts."""

    outlet: str
    url: str
    canonical_url: str
    page: Extraction
    raw_html: bytes | None = None
    encoding: str | None = None
    listing_date: str | None = None
