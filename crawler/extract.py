"""Pure HTML -> article fields, driven by an outlet's selectors (no network, no Scrapy).

Order of evidence for each field: the configured selectors in order, then JSON-LD and
meta tags; when no selector finds a body, trafilatura extracts one and the result says
``extraction = "fallback"``.
"""
from __future__ import annotations

import json
import logging
import re
from dataclasses import dataclass, field

from lxml import etree
from parsel import Selector

from crawler.config import OutletConfig
from crawler.dates import parse_date
from nlp.normalize import normalize_text

log = logging.getLogger(__name__)

BLOCK_TAGS = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table", "blockquote",
              "section", "article", "ul", "ol", "figure", "header", "footer"}
MIN_BODY_CHARS = 80
VIDEO_MARKERS = ("video", "iframe[src*='youtube']", "iframe[src*='player']", ".video-player",
                 "[data-video]", "meta[property='og:video']", "meta[property='og:type'][content^='video']")
AUDIO_MARKERS = ("audio", ".audio-player", "[data-audio]", "meta[property='og:audio']")


@dataclass
class Extraction:
    title: str = ""
    lead: str = ""
    body: str = ""
    captions: list[str] = field(default_factory=list)
    published_at: str | None = None
    date_text: str | None = None
    author: str | None = None
    category: str | None = None
    tags: list[str] = field(default_factory=list)
    content_type: str = "tin"
    content_type_rule: str = ""
    extraction: str = "selectors"

    @property
    def missing(self) -> list[str]:
        """Which of the fields the layout alarm watches came out empty."""
        return [name for name, value in (("title", self.title), ("date", self.published_at),
                                         ("body", self.body)) if not value]


def _text_of(node) -> str:
    """Visible text of an lxml element, with a newline at each block boundary."""
    parts: list[str] = []

    def walk(el) -> None:
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag in ("script", "style", "noscript", "template"):
            if el.tail:
                parts.append(el.tail)
            return
        if tag in BLOCK_TAGS:
            parts.append("\n")
        if el.text and tag:
            parts.append(el.text)
        for child in el:
            walk(child)
        if tag in BLOCK_TAGS:
            parts.append("\n")
        if el.tail:
            parts.append(el.tail)

    walk(node)
    return normalize_text("".join(parts))


def _first(sel: Selector, selectors: tuple[str, ...]) -> str:
    """Text of the first selector that yields any."""
    for query in selectors:
        try:
            found = sel.css(query)
        except Exception as exc:  # a bad selector in config must not stop extraction
            log.warning("bad selector %r: %s", query, exc)
            continue
        for node in found:
            text = normalize_text(node.get()) if ("::" in query) else _text_of(node.root)
            if text:
                return text
    return ""


def _all(sel: Selector, selectors: tuple[str, ...]) -> list[str]:
    for query in selectors:
        try:
            found = sel.css(query)
        except Exception:
            continue
        texts = [normalize_text(n.get()) if "::" in query else _text_of(n.root) for n in found]
        texts = [t for t in texts if t]
        if texts:
            return texts
    return []


def _body(sel: Selector, outlet: OutletConfig) -> str:
    for query in outlet.selectors["body"]:
        try:
            nodes = sel.css(query)
        except Exception:
            continue
        if not nodes:
            continue
        root = nodes[0].root
        # Work on a copy so that the caption and marker look-ups still see the page.
        copy = _clone(root)
        for drop in outlet.selectors["drop"]:
            try:
                for node in Selector(root=copy).css(drop):
                    _remove(node.root)
            except Exception:
                continue
        text = _text_of(copy)
        if len(text) >= MIN_BODY_CHARS:
            return text
    return ""


def _clone(root):
    import copy as _copy

    return _copy.deepcopy(root)


def _remove(node) -> None:
    parent = node.getparent()
    if parent is None:
        return
    if node.tail:
        previous = node.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + node.tail
        else:
            parent.text = (parent.text or "") + node.tail
    parent.remove(node)


def _json_ld(sel: Selector) -> dict:
    """The first NewsArticle-like JSON-LD object of the page, if any."""
    for raw in sel.css('script[type="application/ld+json"]::text').getall():
        try:
            data = json.loads(raw)
        except (json.JSONDecodeError, ValueError):
            continue
        candidates = data if isinstance(data, list) else data.get("@graph", [data]) if isinstance(data, dict) else []
        for item in candidates:
            if isinstance(item, dict) and str(item.get("@type", "")).endswith("Article"):
                return item
    return {}


def _ld_author(ld: dict) -> str | None:
    author = ld.get("author")
    if isinstance(author, list) and author:
        author = author[0]
    if isinstance(author, dict):
        return author.get("name")
    return author if isinstance(author, str) else None


def _has_any(sel: Selector, markers: tuple[str, ...]) -> bool:
    return any(sel.css(marker) for marker in markers)


def decide_content_type(url: str, title: str, body: str, captions: list[str], sel: Selector | None,
                        outlet: OutletConfig) -> tuple[str, str]:
    """(type, rule) by the documented order: URL section, title marker, media element,
    photo gallery, then length.

    - url: the outlet's media sections (``/video/``, ``/podcast/``, ``/multimedia/``...)
    - title: markers such as ``[Photo]``, ``[Video]``
    - media: a short text (at most ``tin_max_words`` words) around a video or audio player
    - gallery: three or more captioned images around fewer than 250 words
    - length: otherwise at most ``tin_max_words`` words (400 by default) is ``tin``, more is ``bai``
    """
    path = re.sub(r"^https?://[^/]+", "", url)
    for pattern, kind in outlet.content_type_url:
        if pattern.search(path):
            return kind, "url"
    for pattern, kind in outlet.content_type_title:
        if pattern.search(title):
            return kind, "title"
    words = len(body.split())
    if sel is not None and words <= outlet.tin_max_words:
        if _has_any(sel, VIDEO_MARKERS):
            return "video", "media"
        if _has_any(sel, AUDIO_MARKERS):
            return "audio", "media"
    if len(captions) >= 3 and words < 250:
        return "anh", "gallery"
    return ("tin" if words <= outlet.tin_max_words else "bai"), "length"


def extract_article(html: str, url: str, outlet: OutletConfig) -> Extraction:
    """Fields of one article page. Never raises on bad HTML: missing fields stay empty."""
    result = Extraction()
    if not html or not html.strip():
        return result
    try:
        sel = Selector(text=html)
    except (ValueError, etree.ParserError) as exc:
        log.info("unparseable HTML at %s: %s", url, exc)
        return result
    ld = _json_ld(sel)
    s = outlet.selectors
    result.title = _first(sel, s["title"]) or normalize_text(ld.get("headline"))
    result.lead = _first(sel, s["lead"]) or normalize_text(ld.get("description"))
    result.captions = _all(sel, s["captions"])
    result.body = _body(sel, outlet)
    result.date_text = _first(sel, s["date"]) or ld.get("datePublished")
    result.published_at = parse_date(result.date_text, outlet.timezone)
    if result.published_at is None and ld.get("datePublished"):
        result.published_at = parse_date(ld["datePublished"], outlet.timezone)
    result.author = _first(sel, s["author"]) or _ld_author(ld)
    result.category = _first(sel, s["category"]) or ld.get("articleSection")
    result.tags = _all(sel, s["tags"])
    if not result.body:
        _fallback(html, url, result)
    if result.lead and result.body.startswith(result.lead):
        result.body = result.body[len(result.lead):].strip()
    result.content_type, result.content_type_rule = decide_content_type(
        url, result.title, result.body, result.captions, sel, outlet)
    return result


def _fallback(html: str, url: str, result: Extraction) -> None:
    """Generic extraction with trafilatura when the configured selectors found no body."""
    try:
        import trafilatura
    except ImportError:  # pragma: no cover - a pinned dependency
        return
    try:
        doc = trafilatura.bare_extraction(html, url=url, include_comments=False, include_tables=False,
                                          with_metadata=True)
    except Exception as exc:  # trafilatura raises many kinds on broken input
        log.info("trafilatura failed at %s: %s", url, exc)
        return
    if not doc:
        return
    text = normalize_text(getattr(doc, "text", None) or "")
    if len(text) < MIN_BODY_CHARS:
        return
    result.body = text
    result.extraction = "fallback"
    result.title = result.title or normalize_text(getattr(doc, "title", None) or "")
    if result.published_at is None and getattr(doc, "date", None):
        result.published_at = parse_date(doc.date)
