"""Reading a parsed page: visible text, page furniture and selector matches.

The primitives ``crawler.extract`` builds the article fields from. Page furniture is
what a live page carries besides the article: menus, a header with today's date,
tickers, sidebars, related-article boxes, ads, share bars, comments. An element is
furniture when it is an ``aside``/``nav``/``amp-sidebar`` (or a ``header``/``footer``
outside any ``article``), when a word of its class or id names furniture (``FURNITURE``),
or when it is a box that opens with a section heading such as "Tin mới", "Tin cùng
chuyên mục", "Đọc nhiều" or "Gửi ý kiến" (``SECTION_HEADING``), whatever its class. So is
a machine-made summary box ("Tóm tắt nhanh"): it repeats the article in other words.
"""
from __future__ import annotations

import functools
import html as _html
import logging
import re
from typing import Iterator

from lxml import etree
from parsel import Selector

from nlp.normalize import normalize_text

log = logging.getLogger(__name__)

BLOCK_TAGS = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "td", "th", "table", "caption",
              "blockquote", "section", "article", "aside", "main", "nav", "ul", "ol", "dl", "dt", "dd", "figure",
              "figcaption", "header", "footer", "pre", "hr", "center"}
SKIP_TAGS = {"script", "style", "noscript", "template"}

# Class/id words of page furniture, matched as whole words of a class token (words are
# separated by "-" or "_", so "box-tinlienquan", "detail__related", "ads-inline" match).
FURNITURE_WORDS = (
    "sidebar", "side-bar", "col-right", "right-col", "menu", "main-menu", "navbar", "nav", "logo", "breadcrumb",
    "breadcrumbs", "topbar", "top-bar", "widget", "related", "relate", "xem-them", "xemthem", "doc-them", "docthem",
    "lien-quan", "lienquan", "tinlienquan", "tin-lien-quan",
    "samecate", "same-cate", "cung-chuyen-muc", "other-news", "tin-khac", "most-read", "mostread", "most-viewed",
    "docnhieu", "doc-nhieu", "xemnhieu", "xem-nhieu", "tinmoi", "tin-moi", "latest", "hot-news", "hotnews",
    "tin-nong", "ticker", "comment", "comments", "binh-luan", "binhluan", "banner", "ads", "adv", "advert",
    "advertisement", "adsbygoogle", "ad-slot", "ad", "gpt-ad", "dfp", "qc", "quangcao", "quang-cao", "sponsor",
    "share", "sharing", "chia-se", "chiase", "social", "tags", "tag", "keywords", "newsletter", "subscribe",
    "cookie", "cookies", "consent", "gdpr", "cookie-popup", "newsletter-popup", "subscribe-popup", "popup-subscribe",
    "newsletter-modal", "subscribe-modal",
    # a slider's own controls ("1 / 6", arrows, dots)
    "swiper-pagination", "swiper-button-next", "swiper-button-prev", "slick-dots", "slick-arrow", "owl-dots", "owl-nav")
FURNITURE = re.compile(r"(?:^|[-_])(?:%s)(?:$|[-_])" % "|".join(re.escape(w) for w in
                                                           sorted(FURNITURE_WORDS, key=len, reverse=True)))
# Header and footer words only as a whole token: "detail-header" may hold the title.
FURNITURE_TOKENS = {"header", "site-header", "header-top", "top-header", "main-header", "footer", "site-footer",
                    "footer-top", "main-footer"}
FURNITURE_TAGS = {"aside", "nav", "amp-sidebar"}
# A class word denied by the word before it ("no-share", "has-no-sidebar", "without_ads",
# "hide-comments"): the element says it has no such box, or hides it; it is none.
NEGATED_WORD = re.compile(r"(?:^|(?<=[-_]))(?:no|non|without|hide|hidden)[-_][a-z0-9]+")
# WordPress's post_class() marks the post's own element ("post-218734 type-post
# status-publish ... category-phap-luat tag-lua-dao"): its term classes name the post's
# category and tags, not a box of tags.
WORDPRESS_POST_CLASS = re.compile(r"^(?:post-\d+|type-post|status-publish|hentry)$")
WORDPRESS_TERM_PREFIXES = ("tag-", "category-", "format-")
# A page builder wraps every block of the page, the headline and the text too, in what it
# calls a widget ("elementor-widget elementor-widget-heading" with data-element_type="widget",
# and inside it "elementor-widget-container"): there "widget" after the builder's name names
# a block, not a sidebar's widget; the token's other words still count ("…-share-buttons").
BUILDER_BLOCK_ATTRIBUTES = ("data-element_type", "data-widget_type")
BUILDER_WIDGET_WORD = re.compile(r"(?<=[a-z0-9])[-_]widget(?=$|[-_])")
# A template's own prefix on its class names ("ad-title", "ad-sapo", "ad-content" for
# "article detail"): a furniture word the page's headline carries before a dash is the
# template's namespace on that page, not an advert (see _template_prefixes).
PREFIX_WORD = re.compile(r"^([a-z]{1,4})[-_](?=[a-z])")
PREFIXES_ATTRIBUTE = "data-template-prefixes"
# The whole heading of a box of other items, or of the comment form.
SECTION_HEADING = re.compile(
    r"^(?:(?:tin|bài|bài viết|tin bài|tin tức|video|ảnh)\s+(?:liên quan|cùng chuyên mục|cùng chủ đề|khác|mới"
    r"|mới nhất|mới cập nhật|nổi bật|nóng|xem nhiều|đọc nhiều)(?:\s+nhất)?|cùng chuyên mục|(?:đọc|xem) nhiều(?: nhất)?"
    r"|có thể bạn quan tâm|bình luận(?:\s*\(\d+\))?|ý kiến bạn đọc|gửi ý kiến|gửi bình luận|ý kiến của bạn)\s*:?$",
    re.IGNORECASE)
# The heading of a summary box the site's software writes over the article ("Tóm tắt nhanh");
# such a box's heading row may be any element classed "…-head".
SUMMARY_HEADING = re.compile(r"^(?:tóm tắt (?:nhanh|bài viết|bài báo|bằng ai)|(?:ai|trí tuệ nhân tạo) tóm tắt)\s*:?$",
                             re.IGNORECASE)
HEADING_TAGS = {"h2", "h3", "h4", "h5", "h6"}
# What only the page's frame holds: its main part, or a headline with paragraphs of text
# (a header's logo headline has none).
FRAME_OF_PAGE = "boolean(.//main) or (boolean(.//h1) and boolean(.//p[string-length(normalize-space()) > 80]))"
# The controls a box's heading row may end with: a collapse button ("−", "×", "▲"), an arrow.
HEADING_CONTROLS = re.compile(r"[^\w)]+$")
# Entities a CMS escaped twice ("&amp;quot;" shows as a literal "&quot;").
ENTITY = re.compile(r"&(?:#\d{2,7}|#[xX][0-9a-fA-F]{2,6}|[A-Za-z][A-Za-z0-9]{1,31});")


def clean_text(text: str | None) -> str:
    """``normalize_text`` (NFC, spaces, newlines) after decoding entities left as text."""
    if text and "&" in text:
        text = ENTITY.sub(lambda m: _html.unescape(m.group(0)), text)
    return normalize_text(text)


def _hidden(el) -> bool:
    """Whether an element carries HTML's ``hidden`` attribute, which a browser does not show
    (a heading's permalink "#"), but for ``hidden="until-found"`` (text a search reveals)."""
    value = el.get("hidden")
    return value is not None and value.strip().lower() != "until-found"


def _pieces(node) -> Iterator[str]:
    """The text pieces of ``text_of`` in document order: a newline at each block boundary,
    nothing from ``SKIP_TAGS`` or a ``hidden`` element, the node's own tail included. A loop over an explicit stack,
    not recursion: a page may nest elements a few thousand deep. An element waiting for
    its closing pieces sits on the stack wrapped in a list."""
    stack: list = [node]
    while stack:
        el = stack.pop()
        if type(el) is list:  # the end of an element whose children are done
            el = el[0]
            if el.tag in BLOCK_TAGS:
                yield "\n"
            if el.tail:
                yield el.tail
            continue
        tag = el.tag
        if not isinstance(tag, str) or tag in SKIP_TAGS or _hidden(el):  # a comment, a script: its tail only
            if el.tail:
                yield el.tail
            continue
        if tag in BLOCK_TAGS:
            yield "\n"
        if el.text:
            yield el.text
        if len(el):
            stack.append([el])
            stack.extend(reversed(el))
            continue
        if tag in BLOCK_TAGS:
            yield "\n"
        if el.tail:
            yield el.tail


def text_of(node) -> str:
    """Visible text of an lxml element, with a newline at each block boundary."""
    return clean_text("".join(_pieces(node)))


# A prefix of a text read alone normalises like the whole text but for its last few
# characters (an entity or a run of spaces cut in two, NFC at the cut).
_CUT_SLACK = 64


def text_within(node, limit: int) -> tuple[str, bool]:
    """``(text_of(node), True)`` when that text is at most ``limit`` characters long;
    otherwise ``(a leading part of it longer than limit, False)``, read without walking
    the rest of the element once the text is surely too long (so that checking every box
    of a page for a short label costs little more than reading the page's text)."""
    parts: list[str] = []
    size = 0
    check_at = 2 * limit + _CUT_SLACK
    for piece in _pieces(node):
        parts.append(piece)
        size += len(piece)
        if size > check_at:
            text = clean_text("".join(parts))
            if len(text) > limit + _CUT_SLACK:
                return text[:-_CUT_SLACK], False
            check_at = 2 * size
    text = clean_text("".join(parts))
    return text, len(text) <= limit


def link_text_share(node, text: str | None = None) -> float:
    """The share of an element's text (``text`` when already read) that is link text."""
    total = len(text_of(node) if text is None else text)
    if not total:
        return 0.0
    linked = sum(len(text_of(a)) for a in node.iter("a"))
    return linked / total


def contains(outer, inner) -> bool:
    """Whether ``inner`` is ``outer`` or inside it."""
    return inner is outer or any(a is outer for a in inner.iterancestors())


def line_of(el):
    """The block element a (possibly inline) element is printed in."""
    while el is not None and el.tag not in BLOCK_TAGS:
        el = el.getparent()
    return el


# ---- page furniture --------------------------------------------------------------------
def short_text(el, limit: int = 80) -> str | None:
    """``text_of`` a small element, or None when it runs past ``limit`` characters (read
    by ``text_within``: a large element is not read whole)."""
    text, whole = text_within(el, limit)
    return text if whole else None


def _opens_with_section_heading(el) -> bool:
    """Whether the first child of an element is a heading such as "Tin mới"."""
    first = next((c for c in el if isinstance(c.tag, str)), None)
    if first is None or el.tag in ("p", "h1", "a", "span", "li"):
        return False
    classes = (first.get("class") or "").lower()
    heading = first.tag in HEADING_TAGS or "title" in classes or "heading" in classes
    if not heading and "head" not in class_words(first):
        return False
    text = short_text(first)
    text = HEADING_CONTROLS.sub("", normalize_text(text)) if text else ""
    if not (heading and SECTION_HEADING.match(text)) and not SUMMARY_HEADING.match(text):
        return False
    return not el.xpath("boolean(.//h1 | .//article)")  # a wrapper of the article is not a box


def opens_with_box_heading(el) -> bool:
    """Whether an element is a box of other items or a machine-made summary by the heading
    it opens with ("Tin mới", "Tóm tắt nhanh"), whatever its class says."""
    return _opens_with_section_heading(el)


def is_furniture(el) -> bool:
    """Whether this element itself is page furniture (see the module docstring)."""
    tag = el.tag if isinstance(el.tag, str) else ""
    if tag in ("html", "body"):
        return False
    if tag in FURNITURE_TAGS:
        return True
    if tag in ("header", "footer") and not any(a.tag == "article" for a in el.iterancestors()):
        return True
    tokens = own_class_tokens(el)
    element_id = (el.get("id") or "").lower().strip()
    if element_id:
        tokens.append(element_id)
    if _names_furniture(tokens) and _names_furniture(_meant_words(el, tokens)):
        # a layout grid named for its sidebar ("sidebar-grid") that holds the headline or the
        # page's main part is the page's frame, not a sidebar
        return not el.xpath(FRAME_OF_PAGE)
    return _opens_with_section_heading(el)


def _names_furniture(tokens: list[str]) -> bool:
    return any(token in FURNITURE_TOKENS or FURNITURE.search(token) for token in tokens)


def _meant_words(el, tokens: list[str]) -> list[str]:
    """The class tokens without the words that do not mean a box of furniture: a page
    builder's "-widget", a negated word ("no-share"), the template's prefix ("ad-title").
    (They only remove words, so a token list naming no furniture is not read through this.)"""
    if _builder_block(el):
        tokens = [BUILDER_WIDGET_WORD.sub("", token) for token in tokens]
    tokens = [NEGATED_WORD.sub("", token) for token in tokens]  # "entry-content no-share": no share box
    prefixes = template_prefixes(el)
    return [_without_prefix(token, prefixes) for token in tokens] if prefixes else tokens


def template_prefixes(el) -> frozenset[str]:
    """The short furniture words ("ad", "qc") the headlines of ``el``'s page carry as the
    prefix of a class ("h1.ad-title"): the template's namespace on that page. A copy of a
    part of the page (a body cleaned apart) carries its page's in ``PREFIXES_ATTRIBUTE``."""
    root = el.getroottree().getroot()
    carried = root.get(PREFIXES_ATTRIBUTE)
    return frozenset(carried.split()) if carried is not None else _headline_prefixes(root)


@functools.lru_cache(maxsize=2)
def _headline_prefixes(root) -> frozenset[str]:
    """``template_prefixes`` read off a page, once (the last two pages are remembered)."""
    found = set()
    for h1 in root.iter("h1"):
        for token in (h1.get("class") or "").lower().split():
            match = PREFIX_WORD.match(token)
            if match and match.group(1) in FURNITURE_WORDS:
                found.add(match.group(1))
    return frozenset(found)


def _without_prefix(token: str, prefixes: frozenset[str]) -> str:
    """A class token without the template's namespace prefix ("ad-sapo" -> "sapo")."""
    match = PREFIX_WORD.match(token)
    return token[match.end():] if match and match.group(1) in prefixes else token


def own_class_tokens(el) -> list[str]:
    """The class tokens of an element, lower case, without the term classes WordPress sets on
    the post's own element ("tag-lua-dao" names the post's tags, not a box of tags)."""
    tokens = (el.get("class") or "").lower().split()
    if any(WORDPRESS_POST_CLASS.match(token) for token in tokens):
        tokens = [token for token in tokens if not token.startswith(WORDPRESS_TERM_PREFIXES)]
    return tokens


def own_class_words(el) -> set[str]:
    """``class_words`` of ``own_class_tokens``."""
    return {w for token in own_class_tokens(el) for w in re.split(r"[-_]+", token) if w}


def _builder_block(el) -> bool:
    """Whether a page builder marks this element, or the widget it is the container of, as
    one of its blocks (``BUILDER_BLOCK_ATTRIBUTES``)."""
    parent = el.getparent()
    return any(node is not None and any(node.get(a) for a in BUILDER_BLOCK_ATTRIBUTES) for node in (el, parent))


def in_furniture(el, keep: frozenset = frozenset()) -> bool:
    """Whether an element is furniture or inside furniture; elements in ``keep`` (the
    article body and its ancestors: a wrapper that holds the article is no sidebar,
    whatever its class says) are never furniture."""
    while el is not None:
        if isinstance(el.tag, str) and el not in keep and is_furniture(el) and not _meta_footer_above(el, keep):
            return True
        el = el.getparent()
    return False


def _meta_footer_above(el, keep: frozenset) -> bool:
    """Whether an element classed only "footer" (of the furniture words) is printed above
    the article's text, beside it: a news template's meta row (TYPO3's ``div.article >
    div.footer`` with the date and the author, before the text); a page's own footer is
    never above the text. ``keep``: the body element and its ancestors."""
    if not keep or "footer" not in own_class_tokens(el):
        return False
    if any(token != "footer" and (token in FURNITURE_TOKENS or FURNITURE.search(token))
           for token in own_class_tokens(el)):
        return False
    return any(sibling in keep for sibling in el.itersiblings())


def in_furniture_known(el, known: dict) -> bool:
    """``in_furniture`` with the answer for each element kept in ``known``, so that many
    elements of one page walk each ancestor once (not once per element)."""
    chain = []
    node = el
    while node is not None and node not in known:
        chain.append(node)
        node = node.getparent()
    inside = known.get(node, False) if node is not None else False
    for node in reversed(chain):
        inside = inside or (isinstance(node.tag, str) and is_furniture(node))
        known[node] = inside
    return inside


def keep_of(root) -> frozenset:
    """The body element and its ancestors (never furniture)."""
    return frozenset([root, *root.iterancestors()]) if root is not None else frozenset()


# ---- selector matches ---------------------------------------------------------------------
def class_words(el) -> set[str]:
    """The words of an element's class tokens ("amp-detail__sapo" -> amp, detail, sapo)."""
    return {w for token in (el.get("class") or "").lower().split() for w in re.split(r"[-_]+", token) if w}


def split_pseudo(query: str) -> tuple[str, str | None]:
    """'meta[x]::attr(content)' -> ('meta[x]', 'attr(content)'); plain CSS -> (query, None)."""
    if query.count("::") != 1 or "," in query:
        return query, None
    base, pseudo = query.split("::")
    return base.strip(), pseudo.strip()


def is_meta_query(query: str) -> bool:
    """Whether a configured selector reads a meta tag rather than the printed page."""
    return query.lstrip().startswith("meta")


def candidates(sel: Selector, query: str, skip_furniture: bool = True,
               keep: frozenset = frozenset()) -> Iterator[tuple[object, str]]:
    """(element, text) for each match of a configured selector, page furniture left out.

    ``::text`` and ``::attr(name)`` are applied to the matched element, so that the
    element can be checked first; other pseudo-element forms are used as parsel reads
    them, without the check."""
    base, pseudo = split_pseudo(query)
    try:
        found = sel.css(base) if base else sel.css(query)
    except Exception as exc:  # a bad selector in config must not stop extraction
        log.warning("bad selector %r: %s", query, exc)
        return
    if pseudo is None and "::" in query:
        for node in found:  # e.g. a group of selectors with pseudo-elements
            yield None, clean_text(node.get())
        return
    for node in found:
        el = node.root
        if not isinstance(el, etree._Element):
            yield None, clean_text(node.get())
            continue
        if skip_furniture and in_furniture(el, keep):
            continue
        if pseudo is None:
            text = text_of(el)
        elif pseudo == "text":
            text = clean_text("".join(node.xpath("text()").getall()))
        elif pseudo.startswith("attr(") and pseudo.endswith(")"):
            text = clean_text(el.get(pseudo[5:-1].strip()) or "")
        else:
            text = clean_text(" ".join(node.css("::" + pseudo).getall()))
        yield el, text


def first_match(sel: Selector, selectors, skip_furniture: bool = True,
                keep: frozenset = frozenset()) -> tuple[object, str]:
    """(element, text) of the first selector match that yields any text, furniture left
    out; (None, "") when none does."""
    for query in selectors:
        for el, text in candidates(sel, query, skip_furniture, keep):
            if text:
                return el, text
    return None, ""


def all_matches(sel: Selector, selectors, skip_furniture: bool = True,
                keep: frozenset = frozenset()) -> list[str]:
    """Texts of every match of the first selector that yields any."""
    return first_query_matches(sel, selectors, skip_furniture, keep)[1]


def first_query_matches(sel: Selector, selectors, skip_furniture: bool = True,
                        keep: frozenset = frozenset()) -> tuple[str | None, list[str]]:
    """(query, texts of its matches) of the first selector that yields any; (None, [])."""
    for query in selectors:
        texts = [text for _, text in candidates(sel, query, skip_furniture, keep) if text]
        if texts:
            return query, texts
    return None, []
