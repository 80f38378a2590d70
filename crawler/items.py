"""The item a spider yields: one article page, extracted."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class ArticleItem:
    outlet: str
    url: str
    canonical_url: str
    title: str = ""
    lead: str = ""
    body: str = ""
    captions: list[str] = field(default_factory=list)
    published_at: str | None = None
    author: str | None = None
    category: str | None = None
    tags: list[str] = field(default_factory=list)
    content_type: str = "tin"
    content_type_rule: str = ""
    extraction: str = "selectors"
    missing: list[str] = field(default_factory=list)
    raw_html: bytes | None = None
    encoding: str | None = None
    listing_date: str | None = None
