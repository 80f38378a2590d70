"""Pure HTML -> article fields, driven by an outlet's selectors (no network, no Scrapy).

Order of evidence for each field: the configured selectors in order, then JSON-LD and
meta tags; when no selector finds a body, trafilatura extracts one and the result says
``extraction = "fallback"``.

Live pages carry much that is not the article: menus, a header showing today's date,
tickers and sidebars with other items' titles, dates and players, related-article boxes
and ads inside the body, share bars, comments. Two general rules keep them out:

- page furniture: an element inside ``aside``/``nav`` (or a ``header``/``footer`` outside
  any ``article``), or inside an element whose class or id names furniture (sidebar,
  menu, related, ads, share, comments... see ``FURNITURE``), is never taken for the
  title, lead, date, author, captions or media markers of the article;
- inside the body, such furniture is removed, and so are boxes that open with "Tin liên
  quan", "Xem thêm", "Đọc thêm"... and are mostly links, bare "Quảng cáo" labels,
  players and their fallback text, and every element the outlet's caption selectors
  match (captions are kept apart in ``captions``).
"""
from __future__ import annotations

import copy as _copy
import json
import logging
import re
from dataclasses import dataclass, field
from typing import Iterator

from lxml import etree
from parsel import Selector

from crawler.config import OutletConfig
from crawler.dates import HM, parse_date
from nlp.normalize import normalize_text

log = logging.getLogger(__name__)

BLOCK_TAGS = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "td", "th", "table", "caption",
              "blockquote", "section", "article", "aside", "main", "nav", "ul", "ol", "dl", "dt", "dd", "figure",
              "figcaption", "header", "footer", "pre", "hr", "center"}
SKIP_TAGS = {"script", "style", "noscript", "template"}
MIN_BODY_CHARS = 80
# Removed from every body whatever the outlet's drop list says: code, players (and the
# "your browser cannot play this" text inside them), embeds and forms.
ALWAYS_DROP = ("script", "style", "noscript", "template", "iframe", "video", "audio", "object", "embed", "form",
               "button", "select", "textarea", "input", "svg", "canvas", "ins.adsbygoogle")
VIDEO_MARKERS = ("video", "iframe[src*='youtube']", "iframe[src*='player']", ".video-player",
                 "[data-video]", "meta[property='og:video']", "meta[property='og:type'][content^='video']")
AUDIO_MARKERS = ("audio", ".audio-player", "[data-audio]", "meta[property='og:audio']")
MEDIA_IN_BODY = "video, audio, iframe, object, embed, [data-video], [data-audio], .video-player, .audio-player"

# Class/id words of page furniture, matched as whole words of a class token (words are
# separated by "-" or "_", so "box-tinlienquan", "detail__related", "ads-inline" match).
FURNITURE_WORDS = (
    "sidebar", "side-bar", "col-right", "right-col", "menu", "main-menu", "navbar", "nav", "logo", "breadcrumb",
    "breadcrumbs", "topbar", "top-bar", "widget", "related", "lien-quan", "lienquan", "tinlienquan", "tin-lien-quan",
    "samecate", "same-cate", "cung-chuyen-muc", "other-news", "tin-khac", "most-read", "mostread", "most-viewed",
    "docnhieu", "doc-nhieu", "xemnhieu", "xem-nhieu", "tinmoi", "tin-moi", "latest", "hot-news", "hotnews",
    "tin-nong", "ticker", "comment", "comments", "binh-luan", "binhluan", "banner", "ads", "adv", "advert",
    "advertisement", "adsbygoogle", "ad-slot", "qc", "quangcao", "quang-cao", "sponsor", "share", "sharing",
    "social", "tags", "tag", "keywords")
FURNITURE = re.compile(r"(?:^|[-_])(?:%s)(?:$|[-_])" % "|".join(re.escape(w) for w in
                                                           sorted(FURNITURE_WORDS, key=len, reverse=True)))
# Header and footer words only as a whole token: "detail-header" may hold the title.
FURNITURE_TOKENS = {"header", "site-header", "header-top", "top-header", "main-header", "footer", "site-footer",
                    "footer-top", "main-footer"}
FURNITURE_TAGS = {"aside", "nav"}
RELATED_HEADING = re.compile(
    r"^\s*(?:(?:tin|bài|bài viết|tin bài)\s+(?:liên quan|cùng chuyên mục|khác)"
    r"|(?:mời\s+)?(?:xem|đọc)\s+thêm|có thể bạn quan tâm|tin đọc nhiều)", re.IGNORECASE)
AD_LABEL = re.compile(r"^\s*(?:quảng cáo|advertisement|qc)\s*$", re.IGNORECASE)
HOME_LABELS = {"trang chủ", "home", "trang nhất", "trang chu"}
# Credit prefixes in bylines: "Bài, ảnh: Ngọc Lan", "Video: ...", "Thực hiện: ...".
_CREDIT_WORK = r"bài|tin|ảnh|video|clip|đồ họa|đồ hoạ"
CREDIT = re.compile(
    r"^\s*(?:(?:" + _CREDIT_WORK + r"|infographic|thực hiện|tác giả|phóng viên|pv|nhóm pv|nhóm phóng viên"
    r"|biên tập|btv|quay phim|dựng phim)(?:\s*(?:,|và|&|\+|-|/)\s*(?:" + _CREDIT_WORK + r"))*\s*:\s*)", re.IGNORECASE)


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


# ---- text ------------------------------------------------------------------------------
def _text_of(node) -> str:
    """Visible text of an lxml element, with a newline at each block boundary."""
    parts: list[str] = []

    def walk(el) -> None:
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag in SKIP_TAGS:
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


def _link_text_share(node) -> float:
    total = len(_text_of(node))
    if not total:
        return 0.0
    linked = sum(len(_text_of(a)) for a in node.iter("a"))
    return linked / total


# ---- page furniture --------------------------------------------------------------------
def _is_furniture(el) -> bool:
    """Whether this element itself is page furniture (see the module docstring)."""
    tag = el.tag if isinstance(el.tag, str) else ""
    if tag in ("html", "body"):
        return False
    if tag in FURNITURE_TAGS:
        return True
    if tag in ("header", "footer") and not any(a.tag == "article" for a in el.iterancestors()):
        return True
    tokens = (el.get("class") or "").lower().split()
    element_id = (el.get("id") or "").lower().strip()
    if element_id:
        tokens.append(element_id)
    return any(token in FURNITURE_TOKENS or FURNITURE.search(token) for token in tokens)


def _in_furniture(el, keep: frozenset = frozenset()) -> bool:
    """Whether an element is furniture or inside furniture; elements in ``keep`` (the
    article body and its ancestors: a wrapper that holds the article is no sidebar,
    whatever its class says) are never furniture."""
    while el is not None:
        if isinstance(el.tag, str) and el not in keep and _is_furniture(el):
            return True
        el = el.getparent()
    return False


def _keep(root) -> frozenset:
    return frozenset([root, *root.iterancestors()]) if root is not None else frozenset()


def _split_pseudo(query: str) -> tuple[str, str | None]:
    """'meta[x]::attr(content)' -> ('meta[x]', 'attr(content)'); plain CSS -> (query, None)."""
    if query.count("::") != 1 or "," in query:
        return query, None
    base, pseudo = query.split("::")
    return base.strip(), pseudo.strip()


def _candidates(sel: Selector, query: str, skip_furniture: bool = True,
                keep: frozenset = frozenset()) -> Iterator[tuple[object, str]]:
    """(element, text) for each match of a configured selector, page furniture left out.

    ``::text`` and ``::attr(name)`` are applied to the matched element, so that the
    element can be checked first; other pseudo-element forms are used as parsel reads
    them, without the check."""
    base, pseudo = _split_pseudo(query)
    try:
        found = sel.css(base) if base else sel.css(query)
    except Exception as exc:  # a bad selector in config must not stop extraction
        log.warning("bad selector %r: %s", query, exc)
        return
    if pseudo is None and "::" in query:
        for node in found:  # e.g. a group of selectors with pseudo-elements
            yield None, normalize_text(node.get())
        return
    for node in found:
        el = node.root
        if not isinstance(el, etree._Element):
            yield None, normalize_text(node.get())
            continue
        if skip_furniture and _in_furniture(el, keep):
            continue
        if pseudo is None:
            text = _text_of(el)
        elif pseudo == "text":
            text = normalize_text("".join(node.xpath("text()").getall()))
        elif pseudo.startswith("attr(") and pseudo.endswith(")"):
            text = normalize_text(el.get(pseudo[5:-1].strip()) or "")
        else:
            text = normalize_text(" ".join(node.css("::" + pseudo).getall()))
        yield el, text


def _first(sel: Selector, selectors: tuple[str, ...], skip_furniture: bool = True,
           keep: frozenset = frozenset()) -> str:
    """Text of the first selector match that yields any, page furniture left out."""
    for query in selectors:
        for _, text in _candidates(sel, query, skip_furniture, keep):
            if text:
                return text
    return ""


def _all(sel: Selector, selectors: tuple[str, ...], skip_furniture: bool = True,
         keep: frozenset = frozenset()) -> list[str]:
    """Texts of every match of the first selector that yields any."""
    for query in selectors:
        texts = [text for _, text in _candidates(sel, query, skip_furniture, keep) if text]
        if texts:
            return texts
    return []


def _category(sel: Selector, selectors: tuple[str, ...]) -> str:
    """The most specific crumb: the last match in the trail of the first match (a trail is
    the matches sharing the first one's parent, or grandparent through ``li``s), skipping
    "Trang chủ"."""

    def trail_of(el):
        parent = el.getparent()
        if parent is not None and parent.tag == "li":
            return parent.getparent()
        return parent

    for query in selectors:
        matches = [(el, text) for el, text in _candidates(sel, query, skip_furniture=False)
                   if text and text.lower() not in HOME_LABELS]
        if not matches:
            continue
        first_el = matches[0][0]
        if first_el is None:
            return matches[0][1]
        trail = [text for el, text in matches if el is not None and trail_of(el) is trail_of(first_el)]
        return trail[-1] if trail else matches[0][1]
    return ""


def _clean_author(text: str | None) -> str | None:
    if not text:
        return None
    stripped = CREDIT.sub("", text, count=1).strip(" -–,;")
    return stripped or text


# ---- body --------------------------------------------------------------------------------
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


def _clean_body(root, outlet: OutletConfig):
    """A cleaned copy of a body element (the page itself stays untouched)."""
    body = _copy.deepcopy(root)
    queries = ALWAYS_DROP + tuple(outlet.selectors["drop"]) + tuple(
        _split_pseudo(q)[0] for q in outlet.selectors["captions"])
    for query in queries:
        try:
            nodes = Selector(root=body).css(query)
        except Exception:
            continue
        for node in nodes:
            if node.root is not body and isinstance(node.root, etree._Element):
                _remove(node.root)
    for el in list(body.iterdescendants()):
        if not isinstance(el.tag, str) or el.getparent() is None:
            continue
        if _is_furniture(el):
            _remove(el)
            continue
        if el.tag in ("div", "table", "ul", "ol", "p", "section", "aside", "dl", "blockquote"):
            text = _text_of(el)
            if not text:
                continue
            if AD_LABEL.match(text) or (RELATED_HEADING.match(text) and len(text) < 1500
                                        and _link_text_share(el) >= 0.5):
                _remove(el)
    return body


def _has_media(el) -> bool:
    selector = Selector(root=el)
    return bool(selector.css(MEDIA_IN_BODY)) or len(selector.css("img")) >= 2


def _body(sel: Selector, outlet: OutletConfig) -> tuple[str | None, object]:
    """(text, element) of the body from the configured selectors: the first match of at
    least MIN_BODY_CHARS; failing that, a shorter one around a player or images (a video,
    audio or photo item); (None, None) when no selector found an article body."""
    short: tuple[str | None, object] = (None, None)
    for query in outlet.selectors["body"]:
        try:
            nodes = sel.css(query)
        except Exception:
            continue
        for node in nodes:
            root = node.root
            if not isinstance(root, etree._Element) or _in_furniture(root):
                continue
            text = _text_of(_clean_body(root, outlet))
            if len(text) >= MIN_BODY_CHARS:
                return text, root
            if short[1] is None and _has_media(root) and _link_text_share(root) < 0.5:
                short = (text, root)
    return short


# ---- metadata ----------------------------------------------------------------------------
def _json_ld(sel: Selector) -> dict:
    """The first NewsArticle-like JSON-LD object of the page, if any."""

    def items(data) -> Iterator[dict]:
        if isinstance(data, list):
            for entry in data:
                yield from items(entry)
        elif isinstance(data, dict):
            yield data
            if "@graph" in data:
                yield from items(data["@graph"])

    for raw in sel.css('script[type="application/ld+json"]::text').getall():
        try:
            data = json.loads(raw.strip().rstrip(";"), strict=False)  # CMSs leave raw newlines in strings
        except (json.JSONDecodeError, ValueError):
            continue
        for item in items(data):
            kinds = item.get("@type", "")
            kinds = kinds if isinstance(kinds, list) else [kinds]
            if any(isinstance(k, str) and (k.endswith("Article") or k == "BlogPosting") for k in kinds):
                return item
    return {}


def _ld_author(ld: dict) -> str | None:
    author = ld.get("author")
    if isinstance(author, list) and author:
        author = author[0]
    if isinstance(author, dict):
        if author.get("@type") == "Organization":
            return None  # the outlet itself, not a byline
        return normalize_text(author.get("name")) or None
    if isinstance(author, str):
        return normalize_text(author) or None
    return None


def _date(sel: Selector, selectors: tuple[str, ...], ld: dict, timezone: str,
          keep: frozenset = frozenset()) -> tuple[str | None, str | None]:
    """(text, ISO) of the publication date.

    Machine dates come first (meta selectors, then JSON-LD ``datePublished``, as
    sources.md advises), then the printed date. Two checks on live pages:

    - a printed date without a time takes the time printed beside it ("14:30 | 18/04/2022"
      split over two spans), read from its parent when that is a short line with the same
      date;
    - a machine date whose offset is wrong (local wall-clock time stamped "Z", a common CMS
      slip that moves evening items to the next day) shows as a printed time equal to the
      machine value's wall clock; the printed date then wins.
    """
    machine_texts = [text for q in selectors if q.lstrip().startswith("meta") for _, text in _candidates(sel, q)]
    machine_texts += [ld[k] for k in ("datePublished", "dateCreated") if isinstance(ld.get(k), str)]
    machine = next(((t, iso) for t in machine_texts if (iso := parse_date(t, timezone))), None)
    printed, first_text = _printed_date(sel, [q for q in selectors if not q.lstrip().startswith("meta")],
                                        timezone, keep)
    if machine is None:
        return (printed or (first_text or next(iter(machine_texts), None), None))
    if printed and HM.search(printed[0]) and printed[1] != machine[1]:
        wall_clock = re.match(r"\s*(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2})", machine[0])
        if wall_clock and f"{wall_clock.group(1)}T{wall_clock.group(2)}" == printed[1][:16]:
            return printed
    return machine


def _printed_date(sel: Selector, selectors: list[str], timezone: str,
                  keep: frozenset) -> tuple[tuple[str, str] | None, str | None]:
    """((text, ISO) of the first printed date that parses, or None; the first text seen)."""
    first_text = None
    for query in selectors:
        for el, text in _candidates(sel, query, keep=keep):
            if not text:
                continue
            first_text = first_text or text
            parsed = parse_date(text, timezone)
            if not parsed:
                continue
            if el is not None and not HM.search(text) and el.getparent() is not None:
                line = _text_of(el.getparent())
                beside = parse_date(line, timezone) if len(line) <= 120 else None
                if beside and beside[:10] == parsed[:10] and HM.search(line):
                    return (line, beside), first_text
            return (text, parsed), first_text
    return None, first_text


def _has_any(sel: Selector, markers: tuple[str, ...], keep: frozenset = frozenset()) -> bool:
    """Whether the page has one of the markers outside its furniture (a live-TV player in
    the sidebar does not make every page a video)."""
    for marker in markers:
        for node in sel.css(marker):
            el = node.root
            if not isinstance(el, etree._Element):
                return True
            if el.tag == "meta" or not _in_furniture(el, keep):
                return True
    return False


def decide_content_type(url: str, title: str, body: str, captions: list[str], sel: Selector | None,
                        outlet: OutletConfig, keep: frozenset | None = None) -> tuple[str, str]:
    """(type, rule) by the documented order: URL section, title marker, media element,
    photo gallery, then length.

    - url: the outlet's media sections (``/video/``, ``/podcast/``, ``/multimedia/``...)
    - title: markers such as ``[Photo]``, ``[Video]``
    - media: a short text (at most ``tin_max_words`` words) around a video or audio player
      that is not page furniture (a player in a sidebar or header does not count)
    - gallery: three or more captioned images around fewer than 250 words
    - length: otherwise at most ``tin_max_words`` words (400 by default) is ``tin``, more is
      ``bai``; words are the body's whitespace-separated tokens, so exactly
      ``tin_max_words`` words is still ``tin`` and one more is ``bai``

    ``keep`` (the body element and its ancestors, never furniture) is found from ``sel``
    when not given.
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
        keep = _keep(_body(sel, outlet)[1]) if keep is None else keep
        if _has_any(sel, VIDEO_MARKERS, keep):
            return "video", "media"
        if _has_any(sel, AUDIO_MARKERS, keep):
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
        sel = Selector(text=html.lstrip("\ufeff"))
    except (ValueError, etree.ParserError) as exc:
        log.info("unparseable HTML at %s: %s", url, exc)
        return result
    if sel.root is None or not isinstance(sel.root, etree._Element):
        return result
    ld = _json_ld(sel)
    s = outlet.selectors
    body, body_root = _body(sel, outlet)
    keep = _keep(body_root)
    result.title = _first(sel, s["title"], keep=keep) or normalize_text(ld.get("headline"))
    result.lead = _first(sel, s["lead"], keep=keep) or normalize_text(ld.get("description"))
    result.captions = _all(sel, s["captions"], keep=keep)
    result.body = body or ""
    result.date_text, result.published_at = _date(sel, s["date"], ld, outlet.timezone, keep)
    result.author = _clean_author(_first(sel, s["author"], keep=keep) or _ld_author(ld))
    result.category = _category(sel, s["category"]) or normalize_text(ld.get("articleSection")) or None
    result.tags = _all(sel, s["tags"], skip_furniture=False)
    if body is None:
        _fallback(html, url, result, outlet.timezone)
    if result.lead and result.body.startswith(result.lead):
        result.body = result.body[len(result.lead):].strip()
    result.content_type, result.content_type_rule = decide_content_type(
        url, result.title, result.body, result.captions, sel, outlet, keep)
    return result


def _fallback(html: str, url: str, result: Extraction, timezone: str = "Asia/Ho_Chi_Minh") -> None:
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
    captions = set(result.captions)
    if captions:  # trafilatura keeps figure captions as paragraphs; they are stored apart
        text = "\n".join(line for line in text.split("\n") if line not in captions)
    if len(text) < MIN_BODY_CHARS:
        return
    result.body = text
    result.extraction = "fallback"
    result.title = result.title or normalize_text(getattr(doc, "title", None) or "")
    if result.published_at is None and getattr(doc, "date", None):
        result.published_at = parse_date(doc.date, timezone)
