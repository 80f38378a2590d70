"""Pure HTML -> article fields, driven by an outlet's selectors (no network, no Scrapy).

Order of evidence for each field: the outlet's configured selectors (those that read the
printed page before those that read meta tags), then generic signals that survive a
redesign, then JSON-LD:

- title: the configured selectors, passing over the site's own name (a logo in an
  ``h1``); a title read from a meta tag loses a " - Báo Thái Nguyên" suffix;
- lead: the configured page selectors, then a sapo marked as such (``itemprop=
  "description"``, or a class naming a sapo, summary, lead...) between the title and the
  body, then the configured meta description;
- date: machine dates first (configured meta selectors, JSON-LD ``datePublished``,
  standard meta tags), then the configured printed date, then a short line with a date
  and a time printed around the title or below the body (a byline); a date that the URL's
  month (``/202310/``) rules out is passed over; a full date in the URL is the last resort;
- body: the configured selectors; failing that, ``[itemprop="articleBody"]`` and then
  trafilatura, and the result says ``extraction = "fallback"`` (the layout alarm counts it).

Page furniture (see ``crawler.page``: sidebars, menus, related boxes, ads, share bars,
comments, boxes headed "Tin mới"...) is never taken for the title, lead, date, author,
captions or media markers of the article. Inside the body, furniture is removed, and so
are: boxes that open with "Tin liên quan", "Xem thêm", "Đọc thêm"... and are mostly
links, or such a heading followed by paragraphs of links; bare "Quảng cáo" labels and
gallery instructions ("Nhấn vào ảnh để xem cỡ lớn");
players and their fallback text; every element the outlet's caption selectors match
(captions are kept apart in ``captions``); and the title, lead, date line and author when
the body element holds them, with whatever precedes the title.
"""
from __future__ import annotations

import copy as _copy
import functools
import itertools
import json
import logging
import re
from dataclasses import dataclass, field
from typing import Callable, Iterator
from urllib.parse import urljoin, urlsplit

import lxml.html
from lxml import etree
from parsel import Selector

from crawler.article_pages import further_pages
from crawler.config import OutletConfig
from crawler.dates import (fits_url_date, has_date, has_time, in_machine_form, is_air_time, is_date_line,
                           is_day_line, is_print_date, is_update_label, parse_date, url_date, wall_clock,
                           zoneless_as_utc)
from crawler.listing import page_base_url
from crawler.page import (BLOCK_TAGS, SKIP_TAGS, candidates, class_words, clean_text, contains, first_match,
                          in_furniture, in_furniture_known, is_furniture, is_meta_query, keep_of,
                          line_of, link_text_share, opens_with_box_heading, own_class_words, PREFIXES_ATTRIBUTE,
                          short_text, split_pseudo, template_prefixes, text_of, text_within)
from crawler.section_page import is_section_page
from crawler.urls import canonical_url, is_article_url

log = logging.getLogger(__name__)

MIN_BODY_CHARS = 80
# The labels under a country's domain that only group registrations ("com.vn", "gov.vn", "co.uk").
SECOND_LEVEL_LABELS = {"com", "net", "org", "gov", "edu", "ac", "co", "info", "biz", "name", "pro", "int", "health"}
MAX_CREDIT_CHARS = 200  # an embed's credit line under its player
CREDIT_LINK_SHARE = 0.9  # all of it links, but for the separators ("·")
AD_FRAME_TITLE = re.compile(r"quảng cáo|\bads?\b|advert|banner|sponsor|tài trợ", re.IGNORECASE)
XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")  # lxml refuses a text that names its encoding
# The densest block (a template no selector knows): paragraphs of at least this many
# characters count, each read up to the second figure, and the block holds this share.
DENSE_MIN_PARAGRAPH = 25
DENSE_PARAGRAPH_CHARS = 2000
DENSE_SHARE = 0.6
DENSE_FIRST_CHARS = 150  # the block under the title is the text when it holds this much
DENSE_CANDIDATES = 20  # the blocks compared, best-scoring first
DENSE_PART_CHARS = 150  # a part of a text split around a photo
SPLIT_WRAPPER_LEVELS = 3  # how many wrappers around a part of a split text may hold it alone
PARAGRAPH_TAGS = ("p", "div", "section", "ul", "ol")  # what may be a paragraph of text (see _is_paragraph)
PLAYER_TAGS = ("audio", "video", "video-js", "iframe", "object", "embed", "amp-audio", "amp-video", "amp-youtube")
PLAYER_WORDS = {"player", "audioplayer", "videoplayer", "podcastplayer", "jwplayer", "plyr"}
DESCRIPTION_HEAD_WORDS = 8  # a printed sapo opens with the description's first words
PLAYER_BOX_LEVELS = 3  # how far above a line its player's box may begin
MAX_PRINTED_SAPO_CHARS = 1200
FRAME_PROSE_WORDS = 30  # an inline frame document with this much paragraph text is the page's text
# Text sections of a long-form page (see _text_sections): paragraphs of this many characters
# count, through their nearest few section/div/article ancestors, which must hold this share.
SECTION_PARAGRAPH_CHARS = 80
SECTION_DEPTH = 3
SECTIONS_SHARE = 0.6
# What makes an element no text section: it holds the headline, or a headline that is a link.
SECTION_NOT_TEXT = ".//h1 | .//a[.//h2 or .//h3 or .//h4] | .//h2//a | .//h3//a | .//h4//a"
CARD_HEADLINE = "boolean(./*[self::h2 or self::h3 or self::h4][.//a] | ./a[.//h2 or .//h3 or .//h4])"
# Removed from every body whatever the outlet's drop list says: code, players (and the
# "your browser cannot play this" text inside them), embeds, forms, and their AMP forms.
ALWAYS_DROP = ("script", "style", "noscript", "template", "iframe", "video", "audio", "object", "embed", "form",
               "button", "select", "textarea", "input", "svg", "canvas", "ins.adsbygoogle", "amp-ad", "amp-embed",
               "amp-sticky-ad", "amp-social-share", "amp-iframe", "amp-youtube", "amp-video", "amp-audio", "video-js",
               "amp-analytics", "amp-pixel",
               # Facebook's plugin boxes: what shows before their script runs is a "view on
               # Facebook" link (an embedded tweet's blockquote holds the quoted words: kept)
               ".fb-post", ".fb-video", ".fb-page", ".fb-comments",
               # a TikTok embed's blockquote holds the clip's own caption, hashtags and sound credit
               "blockquote.tiktok-embed")
# Players, also lazy-loaded ones (the address in data-src) and script-filled JW Player boxes.
VIDEO_MARKERS = ("video", "iframe[src*='youtube']", "iframe[data-src*='youtube']", "iframe[src*='youtu.be']",
                 "iframe[src*='player']", "iframe[data-src*='player']", "iframe[src*='facebook.com/plugins/video']",
                 "iframe[data-src*='facebook.com/plugins/video']", ".video-player", "[data-video]",
                 "[id^='jwplayer']", "[class*='jwplayer']", "amp-video", "amp-youtube",
                 "[data-video-src]", "source[type^='video/']", "source[type*='mpegurl']", "[src*='.m3u8']",
                 "[data-src*='.m3u8']", "blockquote.tiktok-embed", "[data-video-id][cite*='tiktok.com']",
                 "[data-type='video'][data-src*='.mp4']", "[data-type='video'][data-src*='.m3u8']",
                 "[data-type='video'][data-file*='.mp4']", "[data-type='video'][data-file*='.m3u8']",
                 "meta[property='og:video']", "meta[property='og:type'][content^='video']")
AUDIO_MARKERS = ("audio", ".audio-player", "[data-audio]", "[data-audio-src]", "source[type^='audio/']",
                 "[src$='.mp3']", "amp-audio", "[data-type='audio'][data-src*='.mp3']", "[data-type='audio'][data-file*='.mp3']", "iframe[src*='soundcloud.com']", "iframe[data-src*='soundcloud.com']",
                 "meta[property='og:audio']")
# Players that show nothing of what they play: a JW Player box filled by a script, an
# iframe of some "player" page. Their kind is that of the media they name (_player_kind).
GENERIC_PLAYERS = ("[id^='jwplayer']", "[class*='jwplayer']", "iframe[src*='player']", "iframe[data-src*='player']")
# The extension of a media file named in a player's set-up script or address (read alone: linear).
MEDIA_FILE = re.compile(r"""(?<=[^\s"'<>()/])\.(mp3|m4a|aac|oga|ogg|opus|wav|mp4|m4v|webm|mov|flv|m3u8)(?![a-z0-9])""",
                        re.IGNORECASE)
AUDIO_FILE_TYPES = {"mp3", "m4a", "aac", "oga", "ogg", "opus", "wav"}
AUDIO_HOSTS = re.compile(r"soundcloud\.com|spotify\.com|anchor\.fm|mixcloud\.com", re.IGNORECASE)
# A read-aloud widget ("Nghe đọc bài", text-to-speech of the text itself) is no sign that
# the piece is a radio item: by its class or id words, or by the label printed beside it.
READ_ALOUD_WORDS = {"tts", "speech", "texttospeech", "vbee", "fptai", "readspeaker"}
READ_ALOUD_PAIRS = ({"nghe", "doc"}, {"doc", "bai"}, {"read", "aloud"}, {"text", "speech"})
READ_ALOUD_BOX_MAX_CHARS = 300
READ_ALOUD_LABEL = re.compile(r"\bnghe\s+đọc\b|\b(?:nghe|đọc)\s+(?:toàn\s+bộ\s+)?bài\s+viết\b"
                              r"|\blisten\s+to\s+(?:this|the)\s+article\b"
                              r"|\b(?:chuyển|đổi)\s+văn\s+bản\s+thành\s+giọng\s+nói\b|\bgiọng\s+đọc\s+(?:tự\s+động|ai|máy)\b"
                              r"|(?:^|\n)\W*(?:nghe|đọc)\s+(?:toàn\s+)?bài\W*(?:\n|$)", re.IGNORECASE)
# A text-to-speech service's address for the player's file ("/tts/101652.mp3", "tts.vbee.vn").
TTS_ADDRESS = re.compile(r"(?:/|\.|//)tts[./-]|vbee\.|fpt\.ai|readspeaker", re.IGNORECASE)
# Elements that hold article text, and how long a line of it is (a widget's labels are shorter).
TEXT_BLOCK_TAGS = ("p", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "li", "table")
READ_ALOUD_LINE_CHARS = 60
MEDIA_IN_BODY = ("video, audio, iframe, object, embed, [data-video], [data-audio], [data-video-src], [data-audio-src], "
                 "blockquote.tiktok-embed, "
                 "source, .video-player, .audio-player, "
                 "[id^='jwplayer'], [class*='jwplayer'], amp-video, amp-youtube, amp-audio, amp-iframe")
GENERIC_BODY = ('[itemprop="articleBody"]',)
GENERIC_MACHINE_DATES = (
    'meta[property="article:published_time"]::attr(content)', 'meta[itemprop="datePublished"]::attr(content)',
    'meta[name="pubdate"]::attr(content)', 'meta[name="publishdate"]::attr(content)',
    'meta[name="dc.date.issued"]::attr(content)', '[itemprop="datePublished"]::attr(datetime)')
LD_DATE_KEYS = ("datePublished", "dateCreated", "uploadDate")
# JSON-LD members that hold more of the page's own description (see _ld_items).
LD_NESTED_KEYS = ("@graph", "mainEntity")
# Class words of a sapo printed between the title and the body.
SHARED_DESCRIPTIONS = ('meta[property="og:description"]::attr(content)', 'meta[name="twitter:description"]::attr(content)')
SAPO_BOX_WORDS = {"sapo", "lead", "chapeau", "tomtat", "standfirst", "excerpt"}  # not "summary": Drupal's body field has it
# Wagtail's and many a theme's name for the standfirst; on a page that marks its sapo with a
# word of SAPO_BOX_WORDS, the "intro" block is the opening of the text instead.
INTRO_WORDS = {"intro"}
LEAD_WORDS = {"sapo", "summary", "lead", "chapeau", "excerpt", "description", "tomtat", "subtitle", "standfirst"}
# The preview text a CMS prints at the top of the text block as its sapo (1C-Bitrix's
# "news-detail-preview"): a sapo only there, as a "preview" elsewhere may be a link's card.
OPENING_LEAD_WORDS = {"preview"}
# Pairs of class words that name a sapo together ("td-post-sub-title": WordPress themes' deck).
LEAD_WORD_PAIRS = ({"sub", "title"}, {"sub", "heading"})
# A dateline that opens a sapo: "(Baothainguyen.vn) -", "THÁI NGUYÊN -", "TN -".
DATELINE = re.compile(r"^\s*(?:\([\w.]+\)|(?P<place>[^\W\d_]+(?:[ .][^\W\d_]+){1,4}))\s*[-–—]\s+\S")
# An opening with a label of its own ("Bài 1:", "LTS:", "Kỳ 2:") is no sapo.
# An editor's note opening the text ("Lời tòa soạn:", "(LTS)", "Ghi chú của tòa soạn:"): text, no sapo.
EDITOR_NOTE = re.compile(r"^\W*(?:\(?\s*lts\s*\)?|lời\s+t(?:òa|oà)\s+soạn|ghi\s+chú(?:\s+của\s+t(?:òa|oà)\s+soạn)?)\b",
                         re.IGNORECASE)
LABELLED_OPENING = re.compile(r"^\W*(?:[^\W\d_]{1,6}(?:\s+\d+)?|loạt bài|chuyên đề|tiêu điểm)\s*:", re.IGNORECASE)
# A sapo printed as a bare heading right under the title: a sentence of this length.
HEADING_SAPO_CHARS = (60, 600)
OPENING_HEADINGS = ("h2", "h3")  # a sapo a Markdown writer typed as a heading at the top of the text
BLURB_WORDS = 15  # a site's slogan beside its name in a description ("cơ quan của Đảng bộ tỉnh ...")
SENTENCE_END = re.compile(r"[.!…][\"”’)»]*\s*$")
QUESTION = re.compile(r"\?[\"”’)»]*\s*$")  # a line that asks (an interview's question) is no sapo
TITLE_PROBE_CHARS = 12  # how much of a title an element's own text is compared with first
NOT_LEAD_WORDS = {"caption", "image", "img", "photo", "thumb", "video", "figure"}
# Class words of a breadcrumb or a category label printed above the title.
CATEGORY_WORDS = {"breadcrumb", "breadcrumbs", "crumb", "crumbs", "cate", "category", "chuyenmuc"}
BREADCRUMB_WORDS = {"breadcrumb", "breadcrumbs", "crumb", "crumbs"}
CATEGORY_LABEL_CHARS = 40
KICKER_WORDS = {"kicker"}  # a class word of the section line above a headline (Instant Articles' op-kicker)
KICKER_LINE_CHARS = 100  # the line of a kicker: the section's link and maybe a date
KICKER_LEVELS = 2  # the boxes a headline may open, inside the one a kicker sits above
# The label an article prints before its section: "Chuyên mục: Pháp luật", "Danh mục: Thời sự".
CATEGORY_LABEL = re.compile(r"^\W*(?:chuyên mục|danh mục|chuyên trang|category|section)\s*:\s*", re.IGNORECASE)
CATEGORY_LINE_CHARS = 60
# Class words that make a category-classed label something else (a time, a count, a flag).
# A flag a template prints above a headline, not a section ("Tin nóng", "Độc quyền").
KICKER_FLAG = re.compile(r"\W*(?:tin\s+)?(?:nóng|hot|mới|mới\s+nhất|độc\s+quyền|đặc\s+biệt|khẩn|breaking(?:\s+news)?"
                         r"|e-?magazine|longform|trực\s+tiếp|live|nổi\s+bật|xem\s+nhiều|đọc\s+nhiều)\W*", re.IGNORECASE)
WRITER_PAGE = re.compile(r"/(?:tac-?gia|author|authors|nguoi-viet|phong-vien|writer)(?:/|$|\?)")
NOT_CATEGORY_WORDS = {"time", "date", "view", "views", "luotxem", "author", "hot", "new", "tag", "tags", "count",
                      "comment", "ago"}
CRUMB_MARKS = "›»>/|\\-–•·"  # what a trail prints between its links, besides spaces
CRUMB_SEPARATORS = rf"[\s{CRUMB_MARKS}]+"
CRUMB_SEPARATOR = re.compile(r"\s*(?:\n|›|»|>|/|\|)\s*")
WEEKDAY_OR_TIME = re.compile(r"\b(?:thứ\s+(?:hai|ba|tư|năm|sáu|bảy)|chủ\s+nhật|hôm\s+(?:nay|qua)|trước|giờ|phút|"
                             r"lượt)\b", re.IGNORECASE)
MAX_BYLINE_CHARS = 100
MAX_CAPTION_CHARS = 300
# What makes a figure a picture or a player (see _is_text_figure).
FIGURE_MEDIA = (".//img | .//picture | .//amp-img | .//video | .//audio | .//iframe | .//svg | .//canvas | .//object"
                " | .//embed | .//amp-video | .//amp-youtube")
# Attributes that hold the caption a lightbox shows for an image (see _lightbox_caption).
LIGHTBOX_CAPTIONS = ("data-caption", "data-sub-html")
# A lightbox attribute that is no caption: a selector of the caption element ("#cap-1"), a file name.
NOT_LIGHTBOX_CAPTION = re.compile(r"^\s*(?:[#.][\w-]+|\S+\.(?:jpe?g|png|gif|webp|bmp|tiff?|heic))\s*$", re.IGNORECASE)
IMAGE_FILE = re.compile(r"\.(?:jpe?g|png|gif|webp|avif)(?:[?#].*)?$", re.IGNORECASE)
# What an editor's attachment prints where no caption was typed (Trix, ActionText): the
# picture's file name, maybe with its size ("thi-hanh-an-2.jpg 412 KB"). It is no caption.
FILE_NAME_CAPTION = re.compile(r"^\s*\S+\.(?:jpe?g|png|gif|webp|avif|bmp|tiff?|heic)"
                               r"(?:\s*[(\[]?\s*\d+(?:[.,]\d+)?\s*(?:[KMG]i?B|bytes?)\s*[)\]]?)?\s*$", re.IGNORECASE)
CAPTION_WORDS = {"caption", "chuthich", "legend", "imagecaption", "photocaption"}
PHOTO_BLOCK_DEPTH = 4  # how far above its picture a block framing it with a caption line is looked for
PHOTO_CAPTION_MIN_WORDS = 3  # a line beside a picture shorter than this is a name, not a caption
LOGO_IMAGE = re.compile(r"logo|icon|avatar|banner", re.IGNORECASE)  # in an image's address or class: no photo
HEADLINE_LEVELS = ("h1", "h2", "h3", "h4", "h5", "h6")  # a heading beside a picture is no caption
# A class token that abbreviates caption ("lite-image__cap"), read only beside an image.
CAP_TOKEN = re.compile(r"(?:__|-|_)cap$")
# An italic line that is a question, or opens with a label ("PV:", "LTS:"), is not a caption.
NOT_CAPTION = re.compile(r"\?\s*$|^\s*[\w.]{1,10}\s*:", re.IGNORECASE)
# A font size smaller than its parent's, as a caption is printed: under 1em or 100%, or a
# keyword ("small", "x-small", "smaller").
SMALL_PRINT = re.compile(r"font-size:(?:0?\.\d+r?em|[1-9]\d?(?:\.\d+)?%|(?:x{0,2}-)?small(?:er)?)(?:;|!|$)")
# A font size in pixels or points; "12pt" is 16px.
FONT_SIZE = re.compile(r"font-size:(\d+(?:\.\d+)?)(px|pt)(?:;|!|$)")
# Without a size printed on the text around it, a size in pixels at most this is small print
# (a paragraph's usual type is 15-16px).
SMALL_PRINT_PX = 14.0
# How many lines on each side of a caption are read for the size of the text's type.
TYPE_NEIGHBOURS = 2
# Attributes in which a template keeps the full date and time of a date it shows as a day or
# "2 giờ trước" (a tooltip, a script's data).
HOVER_DATE_ATTRIBUTES = ("title", "data-time", "data-date", "data-datetime", "data-published")
# The fallback's publication date with its time (trafilatura gives the day alone by default,
# which would be stored as midnight).
FALLBACK_DATE_PARAMS = {"outputformat": "%Y-%m-%dT%H:%M:%S%z", "original_date": True}
# Labels printed before a date: of the publication, or of the last update (dates.UPDATE_LABEL).
DATE_LABEL = re.compile(r"(?:cập nhật|updated?|đăng lúc|ngày đăng|xuất bản|published|posted|^\W*đăng)\b",
                        re.IGNORECASE)
# A byline printed as the body's last line (see _closing_byline); its credit prefix, if any,
# must name the writing ("Bài", "Tin", "Thực hiện"...), not the photos alone; a picture
# credit may come first ("Ảnh và bài: Thu Trang" took the photos and wrote the text).
WRITER_CREDIT = re.compile(r"^\s*(?:(?:ảnh|video|clip|đồ họa|đồ hoạ)\s*(?:,|và|&|\+|-|/)\s*)*"
                           r"(?:bài|tin|thực hiện|tác giả|phóng viên|pv|nhóm|phóng sự|ghi chép)", re.IGNORECASE)
POSTED_BY = re.compile(r"^\s*(?:(?:đăng|viết|posted|written)\s+)?(?:bởi|by)\s+", re.IGNORECASE)  # a theme's "Bởi Lan Anh"
# a line naming who posted the item ("Đăng bởi Thu Hà lúc 09:30", "Posted by Thu Hà"): a byline
POSTED_BY_LINE = re.compile(r"^\s*(?:(?:đăng|viết)\s+bởi|(?:posted|written)\s+by)\s+\S", re.IGNORECASE)
# the time a "posted by" line ends with ("Đăng bởi Thu Hà lúc 09:30", "Posted by Thu Hà at 9:30 AM")
POSTED_AT = re.compile(r"\s+(?:vào\s+)?(?:lúc|ngày|at|on)\s+\S*\d.*$", re.IGNORECASE)
MAX_NAME_CHARS = 60
SIGNATURE_LEVELS = 2  # the wrappers a body may close before the signature printed below it
HEADING_TAGS_ALL = ("h1", "h2", "h3", "h4", "h5", "h6")
# A class rule of the page's own stylesheet that sets its elements apart as a byline is:
# aligned right, or in bold ("ky-ten{text-align:right;font-weight:bold}").
CSS_RULE = re.compile(r"([^{}]+)\{([^{}]*)\}")
# a class that names a column of a layout grid (Bootstrap's "col-md-8", Foundation's
# "columns", BEM's "grid__item"): text parts are not joined across it
LAYOUT_COLUMN = re.compile(r"^(?:col|cols|column|columns|grid__item|grid-item|grid__col|grid__column)(?:$|[-_])")
BACK_LINK = re.compile(r"\W*(?:quay lại|quay về|trở về|trở lại|go back|back)\W*", re.IGNORECASE)
BOLD_STYLE = re.compile(r"font-weight:(?:bold|[6-9]00)")
BYLINE_STYLE = re.compile(r"text-align:right|font-weight:(?:bold|[6-9]00)")
MAX_BYLINE_NAME_CHARS = 100  # a credit and up to three names
# Between the names of a byline: "Thu Trang - Quang Minh", "Hà Linh, Minh Anh", "Hà Linh và Minh Anh".
NAME_SEPARATOR = re.compile(r"\s+[-–—&]\s+|\s*,\s*|\s+và\s+", re.IGNORECASE)
CREDIT_BOX_WORDS = {"credit", "credits"}
UPDATE_CLASS_WORDS = {"updated", "modified", "lastmod"}
AUTHOR_WORDS = {"author", "tacgia", "byline"}
# Class words that set a line right or bold ("text-right", "has-text-align-right", "font-bold").
BYLINE_STYLE_WORDS = {"right", "bold", "fw-bold"}
# the author of the page's item, not of a reader's comment or a review nested in it
MICRODATA_AUTHOR = ("//*[contains(concat(' ', normalize-space(@itemprop), ' '), ' author ')]"
                    "[not(ancestor::*[@itemtype][contains(@itemtype, 'Comment') or contains(@itemtype, 'Review')"
                    " or contains(concat(' ', normalize-space(@itemprop), ' '), ' comment ')"
                    " or contains(concat(' ', normalize-space(@itemprop), ' '), ' review ')])]")
MICRODATA_NAME = ".//*[contains(concat(' ', normalize-space(@itemprop), ' '), ' name ')]"
QUOTE_WORDS = {"quote", "blockquote", "trichdan", "quotation"}
CARD_MAX_CHARS = 300  # a card of another item is short
CARD_MAX_LINKS = 5
# Class words of the article's box of tag links.
TAG_BOX_WORDS = {"tags", "tag", "keywords", "tukhoa"}
FIELD_TAG_LABEL = re.compile(r"^\s*(?:từ khóa|từ khoá|tags?|thẻ|chủ đề|keywords?)(?:\s+liên quan)?\s*:", re.IGNORECASE)
LABELLED_LINE_CHARS = 300  # a property line in bare text: a label and a few names or tags
TAG_LABEL = re.compile(r"\s*(?:từ khóa|từ khoá|tags?|thẻ|chủ đề|keywords?)(?:\s+liên quan)?\s*:?\s*", re.IGNORECASE)
# A line of the article's properties a CMS prints after the text, label and colon first
# ("Tác giả: Đức Thịnh", "Từ khóa: vũ khí, Đại Từ"), as bare text the body element holds.
PROPERTY_LINE = re.compile(r"^\W*(tác giả|từ khóa|từ khoá|tags?|thẻ|keywords?)\s*:", re.IGNORECASE)
PROPERTY_LINE_MAX_CHARS = 200
RELATED_HEADING = re.compile(
    r"^[\W_]*(?:(?:tin|bài|bài viết|tin bài)\s+(?:liên quan|cùng chuyên mục|khác)"
    r"|(?:mời\s+)?(?:xem|đọc)\s+thêm|có thể bạn quan tâm|tin đọc nhiều)", re.IGNORECASE)
RELATED_BOX_MAX_CHARS = 1500
HEADLINE_LINK_MIN_WORDS = 5  # a closing line that is one link this long is another story's headline
CLOSING_LINKS_MAX = 3  # more closing link lines than this are a list the text gives
# A download line of an attached document (see _BoxText.is_attachment).
DOCUMENT_FILE = re.compile(r"\.(?:pdf|docx?|xlsx?|pptx?|odt|rtf|zip|rar)(?:[?#]|$)", re.IGNORECASE)
ATTACHMENT_MAX_CHARS = 200
DOWNLOAD_CUE = re.compile(r"tải\s+(?:về|xuống)|download|đính\s+kèm|\b\d+(?:[.,]\d+)?\s*(?:KB|MB)\b"
                          r"|\.(?:pdf|docx?|xlsx?)\b|\((?:pdf|docx?|xlsx?)\b", re.IGNORECASE)
# A series' list of its parts inside the body ("Bài 1: Những sai phạm từ cơ sở").
SERIES_PART = re.compile(r"^\W*(?:bài|kỳ|phần)\s+\d{1,2}\s*[:–]", re.IGNORECASE)
SERIES_LABEL = re.compile(r"^\W*(?:loạt bài|series)\b", re.IGNORECASE)
SERIES_BOX_MAX_CHARS = 800
SERIES_LINE_MAX_CHARS = 150
RELATED_LABEL = re.compile(RELATED_HEADING.pattern + r"[\W_]*", re.IGNORECASE)
# A bar of share buttons: every link goes to a network's share endpoint (or is a script
# link such as "copy link"), and its text is short.
SHARE_LINK = re.compile(
    r"(?://|\.)(?:facebook\.com/(?:sharer|share\.php|dialog/(?:share|send))|zalo\.me/share"
    r"|(?:twitter|x)\.com/(?:intent|share)|linkedin\.com/share|pinterest\.com/pin/create|(?:t|telegram)\.me/share"
    r"|reddit\.com/submit|api\.whatsapp\.com/send|wa\.me/|plus\.google\.com/share)", re.IGNORECASE)
SCRIPT_LINK = re.compile(r"^\s*(?:javascript:|mailto:|$)", re.IGNORECASE)
SHARE_BOX_MAX_CHARS = 200
SHARE_LABEL_MAX_CHARS = 40
# A box around a form (a newsletter sign-up, a poll) with no more text than this is the
# form's furniture, not article text.
FORM_BOX_MAX_CHARS = 400
# A login wall printed in place of (or after the start of) the text: its prompt, next to a
# login form or a link to log in or sign up (see _login_walls).
LOGIN_WALL = re.compile(
    r"(?:đăng\s+nhập|đăng\s+k[ýí])(?:\s+[\w.]+){0,4}?\s+để\s+(?:đọc|xem)"
    r"(?:\s+(?:tiếp|toàn\s+bộ|trọn\s+vẹn|đầy\s+đủ|hết)(?:\s+(?:bài\s+viết|bài\s+báo|nội\s+dung|tin\s+bài|phóng\s+sự))?"
    r"|\s+(?:bài\s+viết|bài\s+báo|tin\s+bài)(?!\s+(?:khác|liên\s+quan)))\b"
    r"|(?:nội\s+dung|bài\s+viết|bài\s+báo)\s+(?:này\s+)?(?:chỉ\s+)?dành\s+(?:riêng\s+)?cho\s+(?:thành\s+viên|hội\s+viên"
    r"|bạn\s+đọc\s+đăng\s+k[ýí]|người\s+đăng\s+k[ýí]|tài\s+khoản\s+(?:trả\s+phí|đăng\s+k[ýí]))"
    r"|\b(?:log\s*in|sign\s*in|subscribe)\s+to\s+(?:read|continue)|\bmembers?[-\s]only\b", re.IGNORECASE)
# A login control's whole text: "Đăng nhập", "Đăng ký ngay", "Đăng ký tài khoản miễn phí".
LOGIN_CONTROL = re.compile(r"\W*(?:đăng\s+nhập|đăng\s+k[ýí]|log\s*in|sign\s*(?:in|up)|subscribe)"
                           r"(?:\s+(?:ngay|tài\s+khoản|miễn\s+phí|now))*\W*", re.IGNORECASE)
LOGIN_WALL_MAX_CHARS = 600
LOGIN_CONTROL_MAX_CHARS = 60  # raw text of a link or button worded as a login control
AD_LABEL = re.compile(r"^[\s\-–—:·•|\[\]()]*(?:quảng cáo|advertisement|advertising|qc)[\s\-–—:·•|\[\]()]*$",
                      re.IGNORECASE)
# What an ad label's text can be made of (the letters of its words, spaces, rules): a
# long text with any other character is no label.
AD_LABEL_CHARS = re.compile(r"[\s\-–—:·•|\[\]()quảngcáoadvertism]*", re.IGNORECASE)
BOX_TAGS = ("div", "table", "ul", "ol", "p", "section", "aside", "dl", "blockquote")
# A line telling the reader how to use a gallery ("Nhấn vào ảnh để xem cỡ lớn"): no text of the article.
GALLERY_HINT = re.compile(r"^\W*(?:nhấn|bấm|click|chạm|nhấp)(?:\s+chuột)?\s+(?:vào|lên)\s+(?:từng\s+)?"
                          r"(?:ảnh|hình(?:\s+ảnh)?)\s+(?:để\s+)?(?:xem\s+(?:ảnh\s+|hình\s+)?(?:cỡ\s+lớn|kích\s+(?:thước|cỡ)"
                          r"\s+(?:lớn|đầy\s+đủ|thật)|ảnh\s+gốc|toàn\s+màn\s+hình|rõ\s+hơn)|phóng\s+to)\W*$", re.IGNORECASE)
GALLERY_HINT_MAX_CHARS = 80
LABEL_TAGS = ("span", "strong", "b", "em", "i", "small", "label", "center", "font")
HEADLINE_TAGS = ("p", "div", "h2", "h3", "h4", "h5", "h6")
HEADLINE_WORDS = {"title", "headline", "tieude"}
HOME_LABELS = {"trang chủ", "home", "trang nhất", "trang chu"}
# What a print view's document title opens with before the headline ("In bài: ", "Bản in - ").
PRINT_VIEW_LABEL = re.compile(r"^\W*(?:in bài(?: viết)?|bản in|in trang|print(?:able)?(?: version)?)\s*[:|\-–—]\s*",
                              re.IGNORECASE)
SITE_SEPARATOR = re.compile(r"\s+[-–—|:•]\s+|\s*\|\s*")
DROP_MARK = "data-extract-drop"
# libxml2's HTML parser (huge_tree, as parsel sets it) keeps elements up to this depth and
# drops the rest of the page.
PARSER_MAX_DEPTH = 2048
# Credit prefixes in bylines: "Bài, ảnh: Ngọc Lan", "Video: ...", "Thực hiện: ...".
_CREDIT_WORK = r"bài|tin|ảnh|video|clip|đồ họa|đồ hoạ|phóng sự ảnh|phóng sự|ghi chép"
CREDIT = re.compile(
    r"^\s*(?:(?:" + _CREDIT_WORK + r"|infographic|thực hiện|tác giả|phóng viên|pv|nhóm pv|nhóm phóng viên"
    r"|biên tập|btv|quay phim|dựng phim)(?:\s*(?:,|và|&|\+|-|/)\s*(?:" + _CREDIT_WORK + r"))*\s*:\s*)", re.IGNORECASE)

# An attribution to a news agency or another paper, not a byline.
# The whole title of a site's error page ("Không tìm thấy trang", "404 - Not found").
_NOT_FOUND_THING = r"(?:trang|bài viết|nội dung|tin bài|đường dẫn)(?:\s+(?:bạn tìm|bạn yêu cầu|yêu cầu|này))?"
_NOT_FOUND_PHRASE = (r"(?:không tìm thấy|không tồn tại)\s+" + _NOT_FOUND_THING
                     + r"|" + _NOT_FOUND_THING + r"\s+(?:không tồn tại|đã bị xóa|đã bị xoá|không tìm thấy)"
                     r"(?:\s+hoặc\s+đã\s+bị\s+(?:xóa|xoá))?|page not found|not found")
NOT_FOUND_TITLE = re.compile(r"^\W*(?:(?:lỗi\s*)?404\W*|(?:(?:lỗi\s*)?404\W*)?(?:" + _NOT_FOUND_PHRASE + r")\W*)$",
                             re.IGNORECASE)
NOT_FOUND_MAX_WORDS = 10
# A credit after the name, in brackets: "Minh Hằng (thực hiện)", "Thu Hà (tổng hợp)".
# So is a role: "Minh Khôi (CTV)" is a contributor (cộng tác viên), not a man named so.
TRAILING_CREDIT = re.compile(r"\s*[(\[](?P<credit>thực hiện|ghi|tổng hợp|biên dịch|lược dịch|dịch|theo dõi|bài|ảnh"
                             r"|bài và ảnh|bài, ảnh|clip|video|quay phim|đồ họa|đồ hoạ"
                             r"|pv|ctv|btv|phóng viên|cộng tác viên|biên tập viên)[)\]]\s*$", re.IGNORECASE)
# A title or office after a name ("Thẩm phán Tòa án nhân dân tỉnh"): words on one line, no figures.
TITLE_WORDS = re.compile(r"[^\W\d_]+(?:[ .]+[^\W\d_]+)*")
# A bracketed body after a name: where the writer works ("Đỗ Mạnh Hùng (Công an xã Điềm Thụy)").
TRAILING_AFFILIATION = re.compile(r"\s*[(\[][^()\[\]]*\b[a-zà-ỹđ][^()\[\]]*[)\]]\s*$")
PICTURE_CREDIT = re.compile(r"ảnh|clip|video|quay phim|đồ họa|đồ hoạ", re.IGNORECASE)
BRACKETED = re.compile(r"[(\[][^()\[\]]*[)\]]")
# What a byline may add after a writer's name: the body they work for (no writer's name
# opens with these words; "Đoàn" alone is a family name, so only "Đoàn" of a body is one).
AFFILIATION = re.compile(
    r"\s*(?:trường|đại học|đh|học viện|viện|sở|ban|phòng|công an|tòa án|toà án|ủy ban|uỷ ban|ubnd|hđnd|hội đồng"
    r"|hội|trung tâm|khoa|bộ|cục|chi cục|vụ|thanh tra|tỉnh ủy|tỉnh uỷ|huyện ủy|huyện uỷ|thành ủy|thành uỷ|đảng ủy"
    r"|đảng uỷ|đoàn (?:thanh niên|luật sư|đại biểu|đbqh|công tác)|liên đoàn|mặt trận|mttq|công ty|tổng công ty"
    r"|ngân hàng|bệnh viện|văn phòng|tạp chí|câu lạc bộ|clb)\b", re.IGNORECASE)
NAME_SPLIT = re.compile(r"(\s+[-–—&]\s+|\s*,\s*|\s+và\s+)", re.IGNORECASE)
# A byline field that names a role and no one ("PV", "Phóng viên", "Nhóm PV", "BTV"): the
# author only when no name is printed elsewhere; a collective byline ("Ban Biên tập") is one.
CREDIT_ONLY = re.compile(r"\W*(?:pv|phóng viên|nhóm pv|nhóm phóng viên|btv|biên tập viên|ctv|cộng tác viên|"
                         r"admin)\W*", re.IGNORECASE)
# A closing attribution line: "(Theo Báo Nhân Dân)", "Theo TTXVN", "Nguồn: VTV" — a source's
# short name, no sentence.
ATTRIBUTION = re.compile(r"\s*[(\[]\s*(?i:theo|nguồn)\s*:?\s*[^()\[\]]{2,60}[)\]]\s*"
                         r"|\s*(?i:theo|nguồn)\s*:?\s*(?:[A-ZĐÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚĂƠƯẠ-Ỹ](?:(?!\.\s)[^,;!?]){1,40}"
                         r"|[\w-]+(?:\.[\w-]+)+)\.?\s*")
# a link line that asks to open or fetch something ("Xem toàn văn kế hoạch tại đây", "Tải về")
LINK_CALL = re.compile(r"^\W*(?:xem|tải|đọc)\s|\btại\s+đây\b", re.IGNORECASE)
SOURCE_CREDIT = re.compile(r"^[\s(\[]*(?:theo|nguồn)(?:\s*:\s*|\s+)\S", re.IGNORECASE)


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
    # the site answered with its "page not found" page (a "soft 404", status 200)
    not_found: bool = False
    # the site answered with a section's page in place of a removed article (crawler.section_page)
    section_page: bool = False
    # the addresses of the article's further pages, when the outlet split it (the spider joins them)
    more_pages: list[str] = field(default_factory=list)

    @property
    def missing(self) -> list[str]:
        """Which of the fields the layout alarm watches came out empty."""
        return [name for name, value in (("title", self.title), ("date", self.published_at),
                                         ("body", self.body)) if not value]


@dataclass
class _Page:
    """One parsed page and what every field reader needs to know about it."""
    sel: Selector
    url: str
    outlet: OutletConfig
    ld: dict
    body_root: object = None
    keep: frozenset = frozenset()
    order: dict = field(default_factory=dict)
    site_names: frozenset = frozenset()
    continuations: tuple = ()  # the later parts of a text split into sibling blocks (``_continuations``)

    def after(self, el, other) -> bool:
        """Whether ``el`` comes after ``other`` in the document."""
        return self.order.get(el, -1) > self.order.get(other, -1)

    @functools.cached_property
    def body_text(self) -> str:
        """``text_of`` the body element as printed (before cleaning), read once per page."""
        return text_of(self.body_root) if self.body_root is not None else ""

    @functools.cached_property
    def texted(self) -> set:
        """The elements of the page that hold some text (``_elements_with_text``), found once."""
        return _elements_with_text(self.sel.root)

    @functools.cached_property
    def wrappers(self) -> set:
        """The elements holding text whose text is all one child's (``_text_wrappers``): a
        short line read there is read again on the child, so a scan of lines skips them."""
        return _text_wrappers(self.texted)

    @functools.cached_property
    def byline_styled_classes(self) -> frozenset:
        """The classes the page's own stylesheet aligns right or sets in bold
        (``BYLINE_STYLE``), read once from its ``<style>`` elements."""
        found = set()
        for style in self.sel.root.iter("style"):
            for selectors, declarations in CSS_RULE.findall(style.text or ""):
                if BYLINE_STYLE.search(declarations.replace(" ", "").lower()):
                    found.update(c for selector in selectors.split(",") if selector.split()
                                 for c in re.findall(r"\.([\w-]+)", selector.split()[-1]))
        return frozenset(found)

    def holds(self, el) -> bool:
        """Whether the body element holds ``el``."""
        return self.body_root is not None and el is not None and contains(self.body_root, el)


# ---- title, lead, author, category ----------------------------------------------------------
def _name_key(text: str | None) -> str:
    return re.sub(r"\s+(?:điện tử|online)$", "", clean_text(text).casefold()).strip()


def _site_names(sel: Selector, outlet: OutletConfig, ld: dict) -> frozenset[str]:
    """The names the site goes by: the outlet's, og:site_name, application-name, the
    JSON-LD publisher (compared case-blind, without a trailing "điện tử")."""
    names = [outlet.name, *sel.css('meta[property="og:site_name"]::attr(content), '
                                   'meta[name="application-name"]::attr(content)').getall()]
    publisher = ld.get("publisher")
    if isinstance(publisher, dict):
        names.append(_ld_text(publisher.get("name")))
    return frozenset(key for key in map(_name_key, names) if key)


def _strip_site_name(text: str, names: frozenset[str]) -> str:
    """'Title - Báo Thái Nguyên' -> 'Title' (only a suffix that is the site's name)."""
    while True:
        separators = list(SITE_SEPARATOR.finditer(text))
        if not separators or _name_key(text[separators[-1].end():]) not in names:
            return text
        text = text[:separators[-1].start()].rstrip()


def _links_home(el, outlet: OutletConfig) -> bool:
    """Whether an element is the site's brand: it holds a link to the home page that is its
    whole text or a logo image (an h1 of logo, name and slogan)."""
    for link in el.xpath(".//a[@href]"):
        try:
            parts = urlsplit(link.get("href", "").strip())
            host = (parts.hostname or "").lower()
        except ValueError:  # a malformed address (e.g. "http://[x") is not the home page
            continue
        home = parts.path in ("", "/") and (not host or host in outlet.domains or host == outlet.primary_host)
        if home and (next(link.iter("img"), None) is not None or text_of(link) == text_of(el)):
            return True
    return False


def _title(page: _Page, selectors: tuple[str, ...]) -> tuple[object, str]:
    """(element, text) of the title on one line: the first configured match that is not
    the site's own name, a meta title without the site-name suffix, or the JSON-LD one."""
    printed_tried = False
    for query in selectors:
        from_meta = is_meta_query(query)
        if from_meta and not printed_tried:
            printed_tried = True
            headline = _printed_headline(page, selectors)
            if headline[0] is not None:
                return headline
        for el, text in candidates(page.sel, query, keep=page.keep):
            text = " ".join(text.split())
            if from_meta:
                text = _strip_site_name(text, page.site_names)
            if not text or _name_key(text) in page.site_names:
                continue
            if el is not None and not from_meta and _links_home(el, page.outlet):
                continue
            return (None if from_meta else el), text
    headline = " ".join(clean_text(_ld_text(page.ld.get("headline") or page.ld.get("name"))).split())
    return None, _strip_site_name(headline, page.site_names) or _print_view_headline(page)


def _print_view_headline(page: _Page) -> str:
    """The headline of a print view, whose document title is a print label and the headline
    ("In bài: <headline>", "Bản in - <headline>") and which has no ``h1`` or meta title;
    "" for any other document title."""
    title = " ".join(clean_text(page.sel.xpath("//title/text()").get() or "").split())
    label = PRINT_VIEW_LABEL.match(title)
    return _strip_site_name(title[label.end():], page.site_names) if label else ""


def _printed_headline(page: _Page, selectors: tuple[str, ...]) -> tuple[object, str]:
    """(element, text) of a headline printed without ``h1`` when no configured printed
    selector matched: the first ``h2``/``h3`` (or element classed title, headline) before
    the body, outside furniture, not a sapo, not a link to another item, that shares words
    with the meta title (the printed wording wins over a meta title written differently)."""
    body = page.body_root
    if body is None:
        return None, ""
    meta = next((text for q in selectors if is_meta_query(q) for _, text in candidates(page.sel, q) if text), "")
    meta_words = set(_strip_site_name(meta, page.site_names).lower().split())
    around_body = {body, *body.iterancestors()}
    for el in page.sel.root.iter(*HEADLINE_TAGS, "span", "strong"):
        words_of_class = class_words(el)
        if el.tag not in ("h2", "h3") and not words_of_class & HEADLINE_WORDS:
            continue
        if not page.after(body, el) or el in around_body or _is_lead_marked(el) or words_of_class & {"desc"}:
            continue
        text = " ".join((short_text(el, 250) or "").split())
        words = set(text.lower().split())
        if (len(words) < 4 or in_furniture(el, page.keep) or link_text_share(el, text) > 0.5
                or (meta_words and len(words & meta_words) < 0.3 * min(len(words), len(meta_words)))):
            continue
        return el, text
    return None, ""


def _is_not_found_page(sel: Selector, title: str, site_names: frozenset) -> bool:
    """Whether the page is the site's "page not found" page served with status 200: its
    title, or its ``<title>`` without the site's name, is an error phrase and nothing more."""
    texts = [title, _strip_site_name(clean_text(sel.xpath("//title/text()").get() or ""), site_names)]
    return any(t and len(t.split()) <= NOT_FOUND_MAX_WORDS and NOT_FOUND_TITLE.match(t) for t in texts)


def _is_lead_marked(el) -> bool:
    words = class_words(el)
    if words & NOT_LEAD_WORDS:  # "image-description" is a caption
        return False
    return ((el.get("itemprop") or "").strip() == "description" or bool(words & LEAD_WORDS)
            or any(pair <= words for pair in LEAD_WORD_PAIRS))


def _generic_lead(page: _Page, title_el) -> tuple[object, str]:
    """A sapo the configured selectors missed: marked by ``itemprop="description"`` or a
    class word (``LEAD_WORDS``, ``LEAD_WORD_PAIRS``), printed after the title and before
    the body or at its opening (``_opens_body``), not furniture, not in a figure or table
    (but for a layout table that also holds the headline: a portal laid out in tables), and
    mostly not links."""
    body = page.body_root
    before_body = body is not None and not page.holds(title_el)
    layout = frozenset(title_el.iterancestors("table")) if title_el is not None else frozenset()
    for el in page.sel.root.iter():
        if not isinstance(el.tag, str) or el.tag == "meta":
            continue
        opening = bool(class_words(el) & OPENING_LEAD_WORDS) and _opens_body(page, el)
        if not (opening or _is_lead_marked(el)):
            continue
        if (title_el is not None and not page.after(el, title_el)) or (
                before_body and not page.after(body, el) and not (opening or _opens_body(page, el))):
            continue
        if (body is not None and contains(el, body)) or _marked_sapo_in_furniture(el, page) or any(
                a.tag in ("figure", "figcaption", "table") and a not in layout for a in el.iterancestors()):
            continue
        text = _own_text(el)
        if 40 <= len(text) <= 1000 and link_text_share(el) < 0.5:
            return el, text
    return None, ""


def _own_text(el) -> str:
    """``text_of`` an element without the text that follows it (its tail, which ``text_of``
    reads too: the text after a sapo printed as bare text nodes is no sapo)."""
    tail = el.tail
    if not (tail or "").strip():
        return text_of(el)
    el.tail = None
    try:
        return text_of(el)
    finally:
        el.tail = tail


def _opens_body(page: _Page, el) -> bool:
    """Whether an element inside the body element opens its text: at most a short line or two
    (a date, a byline), none of them a sentence, come before it (a CMS that prints the
    preview text at the top of the text block)."""
    if el is page.body_root or not page.holds(el):
        return False
    text = text_of(el)
    start = page.body_text.find(text) if text else -1
    before = page.body_text[:start]
    return 0 <= start and len(before) <= MAX_BYLINE_CHARS and not any(
        SENTENCE_END.search(line) for line in before.split("\n"))


def _marked_sapo_in_furniture(el, page: _Page) -> bool:
    """Whether an element marked as a sapo lies in page furniture: inside a furniture box, or
    itself a box of other items by its heading. A furniture word in its own class does not
    count: a page builder calls each block a "widget" ("elementor-widget-theme-post-excerpt"),
    and the sapo's own word names what it is."""
    parent = el.getparent()
    return (parent is not None and in_furniture(parent, page.keep)) or opens_with_box_heading(el)


def _heading_sapo(page: _Page, title_el) -> tuple[object, str]:
    """A sapo printed as a bare ``h2`` right after the title, outside the body element: a
    sentence, not links, no label ("Loạt bài: ...")."""
    if title_el is None:
        return None, ""
    heading = next((el for el in title_el.itersiblings() if isinstance(el.tag, str)), None)
    if heading is None or heading.tag != "h2" or in_furniture(heading, page.keep) or page.holds(heading):
        return None, ""  # inside the body element an h2 is a crosshead
    text, short = text_within(heading, HEADING_SAPO_CHARS[1])
    if (not short or len(text) < HEADING_SAPO_CHARS[0] or link_text_share(heading, text) >= 0.5
            or LABELLED_OPENING.match(text)):
        return None, ""
    return heading, text


def _caption_like(paragraph) -> bool:
    """Whether a paragraph sits where a caption does: centred, in a figure or table, holding
    an image, or right after an element that holds one."""
    if _centred(paragraph) or paragraph.xpath(".//img | ancestor::figure | ancestor::table"):
        return True
    before = next((el for el in paragraph.itersiblings(preceding=True) if isinstance(el.tag, str)), None)
    return before is not None and (before.tag == "img" or next(before.iter("img"), None) is not None)


def _lead_opening_body(page: _Page) -> tuple[object, str]:
    """A sapo printed as the first paragraph of the body: set wholly in bold or italics, or opening with
    a dateline ("(Baothainguyen.vn) -", "(TTXVN) -", "THÁI NGUYÊN -": a place of two words or
    more in capitals, not an abbreviation such as "UBND -"), or a heading that is a sentence
    (``_sentence_heading``: a Markdown writer's "## Sapo..."); not opening with a label ("Bài
    1:", "LTS:") and not a question (an interview's first question); (None, "") otherwise.
    A paragraph is a ``p`` or another block of text and inline elements (``_is_paragraph``)."""
    body = page.body_root
    if body is None:
        return None, ""
    first = next((el for el in body.iter("p", "div", "section", *OPENING_HEADINGS) if el is not body
                  and (el.tag in OPENING_HEADINGS or _is_paragraph(el)) and not text_within(el, 0)[1]), None)
    if first is None:
        return None, ""
    text, short = text_within(first, 1000)
    if (not short or len(text) < 40 or LABELLED_OPENING.match(text) or QUESTION.search(text)
            or not page.body_text.startswith(text)):
        return None, ""
    if first.tag in OPENING_HEADINGS:
        return (first, text) if _sentence_heading(first, text) else (None, "")
    marked = next((c for c in first if isinstance(c.tag, str) and c.tag in ("strong", "b", "em", "i")), None)
    if EDITOR_NOTE.match(text) or (marked is not None and marked.tag in ("em", "i") and _caption_like(first)):
        return None, ""  # an editor's note stays text; an italic line under a photo is its caption
    dateline = DATELINE.match(text)
    place = dateline.group("place") if dateline else None  # a place name is written in capitals
    if (marked is not None and clean_text("".join(marked.itertext())) == text) or (
            dateline and (place is None or place.isupper())):
        return first, text
    return None, ""


def _sapo_above_body(page: _Page, title_el) -> tuple[object, str]:
    """A sapo printed on its own between the headline and the body element (a template whose
    classes say nothing, with the date line and a player or photo between them): the one
    paragraph of prose there (a sentence of ``HEADING_SAPO_CHARS``, mostly not links, no
    label, no question, not where a caption sits, outside furniture); (None, "") when there
    is none or more than one (then the body element may have missed the text's opening)."""
    body = page.body_root
    if body is None or title_el is None or page.holds(title_el) or not page.after(body, title_el):
        return None, ""
    start, end = page.order.get(title_el, -1), page.order.get(body, -1)
    shared = {*body.iterancestors(), *title_el.iterancestors()}  # what holds the headline or the body
    found: list[tuple[object, str]] = []
    for el in page.sel.root.iter("p", "div", "section", *OPENING_HEADINGS):
        if not start < page.order.get(el, -1) < end or contains(el, body) or text_within(el, 0)[1]:
            continue
        if el.tag not in OPENING_HEADINGS and not _is_paragraph(el):
            continue
        text, short = text_within(el, MAX_PRINTED_SAPO_CHARS)
        if (not short or not HEADING_SAPO_CHARS[0] <= len(text) or not SENTENCE_END.search(text)
                or LABELLED_OPENING.match(text) or EDITOR_NOTE.match(text) or READ_ALOUD_LABEL.search(text)
                or link_text_share(el, text) >= 0.5 or _caption_like(el) or in_furniture(el, page.keep)
                or _in_player_box(el, shared)):
            continue
        if found and contains(found[-1][0], el):
            continue  # the same text, one level down
        found.append((el, text))
    return found[0] if len(found) == 1 else (None, "")


def _in_player_box(el, shared: set) -> bool:
    """Whether a line is the note of a player's box (a read-aloud widget's "Bài viết được
    chuyển thành giọng đọc…", a programme's air time): a player is in the line or in one of
    its PLAYER_BOX_LEVELS nearest ancestors that holds neither the headline nor the body
    (``shared``: the ancestors of both)."""
    box = el
    for _ in range(PLAYER_BOX_LEVELS):
        parent = box.getparent()
        if parent is None or parent in shared:
            break
        box = parent
    return next(box.iter(*PLAYER_TAGS), None) is not None


def _description_opens_body(page: _Page, description: str) -> bool:
    """Whether the body's text opens with the description's first words (the sapo printed as
    the body's first paragraph), unless the description is that paragraph cut short (a
    description a template writes itself, which says nothing of where the sapo is)."""
    head = clean_text(description).split()[:DESCRIPTION_HEAD_WORDS]
    return (bool(head) and page.body_text.split()[:len(head)] == head
            and not _cut_description(page, clean_text(description)))


def _cut_description(page: _Page, description: str) -> bool:
    """Whether a description is the body's first paragraph cut short: it ends with an
    ellipsis ("…", "..."), or the paragraph opens with it and goes on."""
    if description.endswith(("…", "...")):
        return True
    first = next((line for line in page.body_text.split("\n") if line.strip()), "")
    return len(first) > len(description) and first.startswith(description)


def _sentence_heading(heading, text: str) -> bool:
    """Whether a heading is a sentence, not a crosshead: of a sapo's length, ending with a
    full stop, not mostly links."""
    return (HEADING_SAPO_CHARS[0] <= len(text) <= HEADING_SAPO_CHARS[1] and bool(SENTENCE_END.search(text))
            and link_text_share(heading, text) < 0.5)


def _lead(page: _Page, selectors: tuple[str, ...], title_el, title_text: str = "") -> tuple[object, str]:
    """(element or None, text) of the lead: configured page selectors, a marked sapo, an
    ``h2`` sapo right under the title, a sapo printed as the body's first paragraph,
    configured meta selectors, the JSON-LD description, then the description written for
    sharing (``og:description``, ``twitter:description``)."""
    el, text = first_match(page.sel, [q for q in selectors if not is_meta_query(q)], keep=page.keep)
    if text and page.body_root is not None and el is not None and contains(el, page.body_root):
        text = _text_before(el, _sapo_end(el, page.body_root))  # an unclosed sapo element ran over the body
    if not text:
        el, text = _generic_lead(page, title_el)
    if not text:
        el, text = _heading_sapo(page, title_el)
    if not text:
        el, text = _lead_opening_body(page)
    meta = "" if text else first_match(page.sel, [q for q in selectors if is_meta_query(q)], keep=page.keep)[1]
    meta = _unless_title(meta, title_text)
    meta = "" if _site_blurb(meta, page.site_names) else meta
    if not text and not _description_opens_body(page, meta or _ld_text(page.ld.get("description"))
                                                or first_match(page.sel, SHARED_DESCRIPTIONS, keep=page.keep)[1]):
        el, text = _sapo_above_body(page, title_el)
        meta = "" if text else meta
    if meta:
        el, text = _printed_description(page, meta, title_el)
        text = text or meta
    if not text:
        el = None
    described = _unless_title(clean_text(_ld_text(page.ld.get("description"))), title_text)
    described = "" if _site_blurb(described, page.site_names) else described
    return el, text or described or _shared_description(page, title_text)


def _site_blurb(text: str, names: frozenset[str]) -> bool:
    """Whether a description is only the site's name, or its name and a slogan on either side
    of a separator ("Báo Thái Nguyên điện tử - cơ quan của Đảng bộ tỉnh Thái Nguyên"): no
    sentence (no full stop) and at most ``BLURB_WORDS`` words besides the name."""
    if not text or _name_key(text) in names:
        return bool(text)
    if SENTENCE_END.search(text):
        return False
    for separator in SITE_SEPARATOR.finditer(text):
        head, tail = text[:separator.start()], text[separator.end():]
        for name, rest in ((head, tail), (tail, head)):
            if _name_key(name) in names and len(rest.split()) <= BLURB_WORDS:
                return True
    return False


def _unless_title(text: str, title: str) -> str:
    """A description, or "" when it only repeats the headline (a lead equal to the title is none)."""
    return "" if text and title and " ".join(text.split()).casefold() == " ".join(title.split()).casefold() else text


def _printed_description(page: _Page, description: str, title_el) -> tuple[object, str]:
    """(element, text) of the sapo a page of an unknown template prints, found by the
    description in its meta tags (often the sapo, or its first sentence or characters): the
    innermost short block after the headline, outside page furniture, whose text opens with
    the description's first words; (None, "") when the page prints none."""
    head = " ".join(description.split()[:DESCRIPTION_HEAD_WORDS])
    if len(head) < 20:
        return None, ""
    found = None
    for el in page.sel.root.iter("p", "div", "h2", "span", "strong", "b", "em", "section"):
        if (title_el is not None and not page.after(el, title_el)) or el not in page.texted:
            continue
        text, short = text_within(el, MAX_PRINTED_SAPO_CHARS)
        if not short or not text.startswith(head):
            if found is not None and not contains(found, el):
                break  # past the block that held it
            continue
        if in_furniture(el, page.keep):
            continue
        found = el  # the innermost so far: an inner block opening with it comes later
    if found is None:
        return None, ""
    text = text_within(found, MAX_PRINTED_SAPO_CHARS)[0]
    paragraphs = text.split("\n")
    return found, (paragraphs[0] if len(paragraphs) > 1 and len(paragraphs[0]) >= len(description) * 0.9 else text)


def _shared_description(page: _Page, title: str) -> str:
    """The description written for sharing (``og:description``, ``twitter:description``),
    unless it is the site's own blurb (it names the site) or the headline again."""
    text = first_match(page.sel, SHARED_DESCRIPTIONS, keep=page.keep)[1]
    key = _name_key(text)
    if not key or any(name in key for name in page.site_names) or key in _name_key(title):
        return ""
    return text


def _sapo_end(el, body_root):
    """Where the text of a sapo element that holds the body ends: at the body, or before,
    at the first box of furniture, figure or table set between them (related links, a photo)."""
    for node in el.iterdescendants():
        if node is body_root:
            return node
        if isinstance(node.tag, str) and (node.tag in ("figure", "table") or is_furniture(node)):
            return node
    return body_root


def _text_before(el, stop) -> str:
    """``text_of`` an element up to where ``stop``, an element inside it, begins (a sapo
    whose end tag is missing holds the body: its own text is what comes before)."""
    if stop is el:
        return ""
    steps = []  # child indexes from el down to stop
    for node in (stop, *stop.iterancestors()):
        if node is el:
            break
        steps.append(node.getparent().index(node))
    clone = _copy.deepcopy(el)
    cut = clone
    for index in reversed(steps):
        cut = cut[index]
    node = cut
    while node is not clone:  # everything after stop, level by level up to el
        parent = node.getparent()
        for later in list(node.itersiblings()):
            parent.remove(later)
        node.tail = None
        node = parent
    cut.getparent().remove(cut)
    return text_of(clone)


def _printed_title(page: _Page, title: str):
    """Where a page prints a title read from its meta tags (a template that prints its
    headline in a ``div``): an element outside furniture and cards of other items whose
    whole text is ``title``; before the body element, the nearest to it; without one, the
    first. An element is read only when the first words of its own text begin the title
    (``_own_start``: textless wrappers are not read)."""
    known: dict = {}
    cards: dict = {}
    start = title[:TITLE_PROBE_CHARS]
    found = None
    for el in page.sel.root.iter(*BOX_TAGS, *HEADLINE_TAGS, "span", "strong", "b", "a"):
        own = _own_start(el)
        if not own or not (start.startswith(own) or own.startswith(start)):
            continue
        if el.tag in ("body", "html") or in_furniture_known(el, known):
            continue
        if page.body_root is not None and (page.holds(el) or page.after(el, page.body_root)):
            break  # inside the body or after it: no headline of it
        parent = el.getparent()
        if parent is not None and parent not in cards:
            cards[parent] = _card_of_another_item(parent, page)
        if (parent is not None and cards[parent]) or " ".join(text_of(el).split()) != title:
            continue
        found = el
        if page.body_root is None:
            break  # no body to be near: the first one
    return found


def _own_start(el) -> str:
    """The first ``TITLE_PROBE_CHARS`` characters of an element's own text, spaces folded
    (its text, else what follows its first child: "<i class=icon></i>Xét xử...")."""
    own = el.text or ""
    if not own.strip() and len(el):
        first = el[0]
        own = (first.text or "") + (first.tail or "") if isinstance(first.tag, str) else (first.tail or "")
    return " ".join(own.replace("\xa0", " ").split())[:TITLE_PROBE_CHARS]


def _is_text_figure(el) -> bool:
    """Whether ``el`` is a ``figure`` that frames no picture or player, or its caption: a
    table of figures with its title as CKEditor 5 writes it (``figure.table``), a quote.
    It is article text, whatever the outlet's selectors drop as photos and captions."""
    if not isinstance(el, etree._Element) or el.tag not in ("figure", "figcaption"):
        return False
    figure = el if el.tag == "figure" else el.getparent()
    return figure is not None and figure.tag == "figure" and not figure.xpath(FIGURE_MEDIA)


def _captions(page: _Page, selectors: tuple[str, ...]) -> list[tuple[object, str]]:
    """(element, text) of the captions matched by any of the caption selectors (one page
    may mix ``table.image`` and ``figure`` images), in page order, each element once; the
    title of a figure that frames no picture (a table's) is none."""
    found: list[tuple[object, str]] = []
    for query in selectors:
        for el, text in candidates(page.sel, query, keep=page.keep):
            if not text or FILE_NAME_CAPTION.match(text) or _is_text_figure(el) or (el is not None and any(
                    other is not None and (contains(other, el) or contains(el, other)) for other, _ in found)):
                continue
            found.append((el, text))
    last = len(page.order)
    return sorted(found, key=lambda item: page.order.get(item[0], last))


def _unmatched_captions(configured: list[tuple[object, str]],
                        generic: list[tuple[object, str]]) -> list[tuple[object, str]]:
    """The captions read off the page's pictures that no caption selector matched (a
    template's featured image beside selectors that know only the text's figures): not the
    element of a configured caption, inside it or around it, nor its text."""
    texts = {text for _, text in configured}
    matched = {el for el, _ in configured if el is not None}
    around = {a for el in matched for a in el.iterancestors()}
    return [(el, text) for el, text in generic if text not in texts and el not in matched and el not in around
            and not any(a in matched for a in el.iterancestors())]


def _image_captions(page: _Page, between: tuple = (), title_el=None) -> list[tuple[object, str]]:
    """(element, text) of the captions of the body's images, in page order, as an editor
    reads them: a short element whose class says caption ("photo-item__caption",
    "PhotoCMS_Caption", "chuthich"); in a figure, its ``figcaption`` or the one short line
    beside its picture; the caption row of a table framing the image; or a short line printed
    as a caption just under an image (in italics or small print, in its paragraph after the
    image, as the next paragraph when centred, or in a one-cell table); what a lightbox shows
    for the image only when the page prints none of these. ``between``: the elements a long-form page sets between its text sections
    (full-width photos, parallax sections), read like the body."""
    furniture: dict = {}
    if page.body_root is not None:
        roots = (page.body_root, *between)
    else:  # no body element: the block of the headline and its text, never the whole page
        region = _block_with_text(title_el)
        if region is None:
            return []
        roots = (region,)
    boxes: dict = {}
    found: list[tuple[object, str]] = []
    captions: set = set()  # the elements found
    around: set = set()  # every element around one of them
    tables: dict = {}  # what each framing table gave
    photos: dict = {}  # whether each block around an image frames it alone

    def take(el, text: str) -> None:
        """Keep a caption unless it is inside, or around, one already kept (O(depth)), or
        furniture (read on a page without a body element: a sidebar's photos)."""
        if el in captions or el in around or any(a in captions for a in el.iterancestors()):
            return
        if FILE_NAME_CAPTION.match(text):  # an attachment's file name, where no caption was typed
            return
        if page.body_root is None and (in_furniture_known(el, furniture) or _quoted_or_carded(el, page, boxes)):
            return
        found.append((el, text))
        captions.add(el)
        around.update(el.iterancestors())

    for root in roots:
        classed = [(el, text) for el in root.iter(*BOX_TAGS, "td", "figcaption", "span")
                   if _caption_classed(el) and next(el.iter("img"), None) is None
                   for text in [short_text(el, MAX_CAPTION_CHARS)] if text]
        for el, text in classed:  # in document order: an outer caption box before its inner part
            take(el, text)
        for img in root.iter("img", "amp-img"):
            figure = next(img.iterancestors("figure"), None)
            if figure is not None and contains(root, figure):
                caption, text = _figure_caption(figure)
            else:
                caption, text = _image_table_caption(img, root, tables)
                if not text:
                    caption, text = _line_under(img, root)
                if not text:
                    caption, text = _photo_block_caption(img, root, page.body_root, photos)
                if not text:  # what a lightbox shows, when the page prints no caption
                    caption, text = _lightbox_caption(img)
            if text:
                take(caption, text)
    last = len(page.order)
    return sorted(found, key=lambda item: page.order.get(item[0], last))


def _figure_caption(figure) -> tuple[object, str | None]:
    """(element, text) of a figure's caption: its ``figcaption``, or else, in a figure that
    frames one picture, the one line of short text beside the picture (a ``p`` or ``span``
    a template sets as the caption: Hugo's cover, WordPress's ``wp-caption-text``)."""
    caption = next(figure.iter("figcaption"), None)
    if caption is not None:
        return caption, short_text(caption, MAX_CAPTION_CHARS)
    if not _photo_block(figure):
        return None, None
    return _line_beside_picture(figure)


def _line_beside_picture(block, under: bool = False) -> tuple[object, str | None]:
    """(element, text) of the one line of short text a block that frames one picture sets
    beside it, down the wrappers that hold the picture, when that line is all of the block's
    text and reads as a caption (no question, no "Ảnh:" label); with ``under``, only a line
    after the picture (a caption is printed under its photo) that is no heading."""
    node, line = block, None
    while line is None:  # down the wrappers that hold the picture, to the line beside it
        texted = [c for c in node if isinstance(c.tag, str) and not text_within(c, 0)[1]]
        if len(texted) != 1:
            return None, None
        pictured = next(_pictures(texted[0]), None) is not None
        if not pictured and under and (texted[0].tag in HEADLINE_LEVELS or not _after_picture(texted[0])):
            return None, None
        node, line = (texted[0], None) if pictured else (node, texted[0])
    text = short_text(line, MAX_CAPTION_CHARS)
    if not text or short_text(block, MAX_CAPTION_CHARS) != text or NOT_CAPTION.search(text):
        return None, None
    return line, text


def _after_picture(line) -> bool:
    """Whether an element comes after a sibling that holds a picture."""
    for sibling in line.itersiblings(preceding=True):
        if isinstance(sibling.tag, str) and next(_pictures(sibling), None) is not None:
            return True
    return False


def _photo_block_caption(img, root, body_root, photos: dict) -> tuple[object, str | None]:
    """(element, text) of the caption of a block inside ``root`` that frames this picture
    and one short line under it, whatever its tag and class (a ``div`` with an ``img`` and a
    ``span``, a ``center`` with the picture and a line, a gallery's item, a StreamField's
    photo block with its rich-text line): the outermost such block around the image. The
    body element itself is no such block (a short item's text beside its one photo). Up
    ``PHOTO_BLOCK_DEPTH`` levels from the image, no more: the walk stays short on any page;
    ``photos`` keeps each block's answer (a table of many images is read once)."""
    if LOGO_IMAGE.search((img.get("src") or "").rsplit("/", 1)[-1] + " " + (img.get("class") or "")):
        return None, None  # a logo beside the site's name, an avatar beside a name
    block = None
    for holder in itertools.islice(img.iterancestors(), PHOTO_BLOCK_DEPTH):
        if holder is body_root or holder.tag in ("body", "html"):
            break
        if not _frames_one_photo(holder, photos):
            break
        block = holder
        if holder is root:
            break
    if block is None or block.tag == "p":
        return None, None
    line, text = _line_beside_picture(block, under=True)
    if line is None or _in_bold(line) or _in_quote(line, block):
        return None, None  # a crosshead after a picture, a pull quote beside a portrait
    return (line, text) if text and len(text.split()) >= PHOTO_CAPTION_MIN_WORDS else (None, None)


def _in_bold(line) -> bool:
    """Whether a line's whole text is set in bold (``strong``, ``b``, a bold ``font-weight``
    on the line or the element that holds all its text): a crosshead, not a caption."""
    return any(node.tag in ("strong", "b") or BOLD_STYLE.search((node.get("style") or "").replace(" ", "").lower())
               for node in _sole_holders(line))


def _in_quote(line, block) -> bool:
    """Whether a line is, or sits in, a quotation (a ``blockquote``, a box classed "quote")
    up to ``block``, the picture's block."""
    for node in (line, *line.iterancestors()):
        if node.tag == "blockquote" or class_words(node) & QUOTE_WORDS:
            return True
        if node is block:
            return False
    return False


def _block_with_text(title_el):
    """The first element around a headline that also holds a paragraph of text (the
    article's block on a page without a body element), or None when only the page does."""
    if title_el is None:
        return None
    for block in title_el.iterancestors():
        if block.tag in ("body", "html"):
            return None
        if any(len(text_within(p, SECTION_PARAGRAPH_CHARS)[0]) >= SECTION_PARAGRAPH_CHARS for p in block.iter("p")):
            return block
    return None


def _caption_classed(el) -> bool:
    """Whether an element's class says caption: a caption word, or a token ending in "cap"
    ("lite-image__cap") when an image sits beside it (a drop cap is no caption)."""
    if class_words(el) & CAPTION_WORDS:
        return True
    tokens = (el.get("class") or "").lower().split()
    if not any(CAP_TOKEN.search(t) and "drop" not in t for t in tokens):
        return False
    parent = el.getparent()
    return parent is not None and any(c is not el and c.tag in ("img", "picture", "amp-img") or
                                      (isinstance(c.tag, str) and c is not el and next(c.iter("img"), None) is not None)
                                      for c in parent)


def _lightbox_caption(img) -> tuple[object, str | None]:
    """(element, text) of the caption a lightbox shows for an image: ``data-caption`` or
    ``data-sub-html`` (Fancybox, lightGallery) on the image or on one of its two nearest
    ancestors (the link that opens it)."""
    for el in (img, *list(img.iterancestors())[:2]):
        for attribute in LIGHTBOX_CAPTIONS:
            raw = el.get(attribute)
            if raw and raw.strip() and not NOT_LIGHTBOX_CAPTION.match(raw):
                text = " ".join((text_of(etree.HTML(f"<div>{raw}</div>")) if "<" in raw else clean_text(raw)).split())
                return (el, text) if text and len(text) <= MAX_CAPTION_CHARS else (None, None)
    return None, None


def _image_table_caption(img, root, tables: dict | None = None) -> tuple[object, str | None]:
    """(cell, text) of the caption in a table that frames one image (the usual Vietnamese
    CMS figure, ``table.image``: a row with the image, a row with its caption, whatever the
    cell's class), or (None, None): the table is inside the body, one column wide, holds
    this image only and at most three rows, and a row below the image's holds short text
    in its one cell. A lazy image's ``noscript`` copy is the same image. ``tables`` keeps
    what each table gave (a table of many images is read once)."""
    table = next(img.iterancestors("table"), None)
    if table is None or not contains(root, table):
        return None, None
    if tables is not None and table in tables:
        return tables[table]
    found = _framing_table_caption(table)
    if tables is not None:
        tables[table] = found
    return found


def _framing_table_caption(table) -> tuple[object, str | None]:
    """(cell, text) of the caption row of a one-image, one-column table (see above)."""
    if len(table.xpath("(.//img | .//amp-img)[not(ancestor::noscript)]")) != 1:
        return None, None
    rows = table.xpath("./tr | ./tbody/tr | ./thead/tr")
    if not 2 <= len(rows) <= 3 or any(len(row.xpath("./td | ./th")) != 1 for row in rows):
        return None, None
    pictured = next(i for i, row in enumerate(rows) if row.xpath(".//img | .//amp-img"))
    for row in rows[pictured + 1:]:
        cell = row.xpath("./td | ./th")[0]
        text = short_text(cell, MAX_CAPTION_CHARS)
        if text:
            return cell, text
    return None, None


def _line_under(img, root) -> tuple[object, str | None]:
    """(element, text) of a caption line under an image (see _image_captions): a short line
    printed as a caption (``_printed_as_caption``) alone after the image in its paragraph;
    the next paragraph, centred and so printed; or a one-cell table right under the
    image's paragraph, so printed or centred (the grey caption box an editor draws)."""
    line = line_of(img)
    if line is None or not contains(root, line):
        return None, None
    top = img  # the image, or the link around it, as a child of its line
    while top.getparent() is not None and top.getparent() is not line:
        top = top.getparent()
    if not text_within(line, 0)[1]:  # the line has text: the caption shares the image's paragraph
        holder = line
        candidate = next((el for el in top.itersiblings() if isinstance(el.tag, str) and el.tag != "br"), None)
    else:  # the caption is the next block, set apart as captions are
        holder = next((el for el in line.itersiblings() if isinstance(el.tag, str)), None)
        if holder is None:
            return None, None
        if holder.tag == "table":
            candidate = _only_cell(holder)
            if candidate is not None and _centred(candidate):
                return _checked_caption(candidate, holder, holder)
        elif not _centred(holder):
            return None, None
        else:
            candidate = next((el for el in holder if isinstance(el.tag, str)), None)
    if candidate is None or not _printed_as_caption(candidate, line):
        return None, None
    return _checked_caption(candidate, holder, candidate if holder is line else holder)


def _checked_caption(candidate, holder, kept) -> tuple[object, str | None]:
    """(``kept``, text) when ``candidate``'s short text is all of ``holder``'s and reads as
    a caption (no question, no label such as "PV:" or "Ảnh:", not mostly a link to another
    item); (None, None) otherwise."""
    text = short_text(candidate, MAX_CAPTION_CHARS)
    if (not text or short_text(holder, MAX_CAPTION_CHARS) != text or NOT_CAPTION.search(text)
            or link_text_share(candidate, text) > 0.5):
        return None, None
    return kept, text


def _only_cell(table):
    """The one cell of a table of one row and one cell that holds no picture, or None."""
    rows = table.xpath("./tr | ./tbody/tr | ./thead/tr")
    cells = rows[0].xpath("./td | ./th") if len(rows) == 1 else []
    if len(cells) != 1 or next(_pictures(cells[0]), None) is not None:
        return None
    return cells[0]


def _sole_holders(el):
    """``el`` and, down from it, each element that alone holds all of its parent's text
    (``<span><em>caption</em></span>``)."""
    node = el
    while node is not None:
        yield node
        children = [c for c in node if isinstance(c.tag, str)]
        if len(children) != 1 or (node.text or "").strip() or (children[0].tail or "").strip():
            return
        node = children[0]


def _printed_as_caption(el, line) -> bool:
    """Whether a line is printed as captions are, on itself or on the element that holds all
    its text: in italics (``em``, ``i``, ``font-style: italic``) or in small print (``small``,
    a class word "small", a relative ``font-size`` under the parent's, or a size in pixels or
    points smaller than the type of the lines around ``line``: text pasted from a word
    processor prints every paragraph in the same ``font-size:14px``)."""
    for node in _sole_holders(el):
        style = (node.get("style") or "").replace(" ", "").lower()
        if (node.tag in ("em", "i", "small") or "font-style:italic" in style or SMALL_PRINT.search(style)
                or "small" in class_words(node)):
            return True
        size = _font_px(style)
        if size is not None and _smaller_than_text(size, line):
            return True
    return False


def _smaller_than_text(size: float, line) -> bool:
    """Whether a font size in pixels is smaller than the type of the lines around ``line``
    (at most SMALL_PRINT_PX when they print no size)."""
    around = _neighbour_type_px(line)
    return size < around if around is not None else size <= SMALL_PRINT_PX


def _font_px(style: str) -> float | None:
    """The font size in pixels a (space-free, lower-case) style sets, or None."""
    match = FONT_SIZE.search(style)
    if match is None:
        return None
    size = float(match.group(1))
    return size * 4 / 3 if match.group(2) == "pt" else size


def _neighbour_type_px(line) -> float | None:
    """The smallest font size, in pixels, printed on the text of the lines next to ``line``
    (up to TYPE_NEIGHBOURS on each side), or None when none prints one. A line right under
    a picture is another caption, not text: its size is not the text's."""
    sizes = []
    for side in (line.itersiblings(preceding=True), line.itersiblings()):
        for sibling in itertools.islice((s for s in side if isinstance(s.tag, str)), TYPE_NEIGHBOURS):
            size = None if _right_under_picture(sibling) else _text_type_px(sibling)
            if size is not None:
                sizes.append(size)
    return min(sizes) if sizes else None


def _right_under_picture(block) -> bool:
    """Whether a block comes right after a line that shows a picture and no text (where a
    caption stands)."""
    above = next((el for el in block.itersiblings(preceding=True) if isinstance(el.tag, str)), None)
    return (above is not None and next(_pictures(above), None) is not None
            and text_within(above, 0)[1])


def _text_type_px(block) -> float | None:
    """The font size, in pixels, of a block's text: set on the block or on the element that
    holds all its text (a word processor's ``<p><span style="font-size:14px">``), or None."""
    if not text_within(block, 0)[1]:
        for node in _sole_holders(block):
            size = _font_px((node.get("style") or "").replace(" ", "").lower())
            if size is not None:
                return size
    return None


def _centred(el) -> bool:
    """Whether an element is centred by its style, ``align``, a class ("text-center",
    "has-text-align-center", "aligncenter") or a ``center`` wrapper."""
    style = (el.get("style") or "").replace(" ", "").lower()
    return ("text-align:center" in style or (el.get("align") or "").lower() == "center"
            or bool(class_words(el) & {"center", "centre", "aligncenter"})
            or any(c.tag == "center" for c in el if isinstance(c.tag, str)))


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
        matches = [(el, text) for el, text in candidates(sel, query, skip_furniture=False)
                   if text and text.lower() not in HOME_LABELS]
        if not matches:
            continue
        first_el = matches[0][0]
        if first_el is None:
            return matches[0][1]
        trail = [text for el, text in matches if el is not None and trail_of(el) is trail_of(first_el)]
        return trail[-1] if trail else matches[0][1]
    return ""


def _is_breadcrumb(el) -> bool:
    """Whether an element is a breadcrumb trail whatever its class: labelled so for
    assistive technology or as schema.org's BreadcrumbList, or a few links that open with
    "Trang chủ" and have nothing but separators ("›", "/", "»") between them."""
    label = " ".join(el.get(a) or "" for a in ("aria-label", "itemtype", "id")).lower()
    if "breadcrumb" in label:
        return True
    if el.tag not in ("nav", "div", "ol", "ul", "p", "span", "td"):  # a table portal's trail is a cell
        return False
    links = list(itertools.islice(el.iter("a"), 8))
    words = [" ".join("".join(link.itertext()).split()) for link in links]  # without the tail text_of adds
    if not 2 <= len(links) <= 6 or words[0].lower() not in HOME_LABELS:
        return False
    return _only_separators_between(el, words, 200)


def _only_separators_between(el, words: list[str], limit: int) -> bool:
    """Whether a short element (at most ``limit`` characters) prints nothing but ``words``
    (its links' texts) and separators ("›", "/", "»", "•") between them."""
    text, whole = text_within(el, limit)
    rest = text
    for word in words:
        rest = rest.replace(word, "", 1)
    return whole and not re.sub(CRUMB_SEPARATORS, "", rest)


def _generic_category(page: _Page, title_el, labelled: str | None = None, date_el=None) -> str:
    """The section the article names after a label (``labelled``: "Chuyên mục: Nội chính"),
    else the last link (not "Trang chủ") of the breadcrumb, or label whose class names a
    category (its link, or its short text when it has none: a print page's "Pháp luật"),
    printed nearest above the title and outside other furniture. Only links
    printed before the title and outside the article body count: a wrapper of the whole
    article whose class names a category holds the body's links too. Failing those, a
    link marked ``rel="category"`` (WordPress), wherever the template prints it. Between
    those two: a kicker above the title, or the one link of the date's row (``date_el``)."""
    if labelled:
        return labelled
    if title_el is None:  # a page without a headline element: what is printed above its body
        title_el = page.body_root
        if title_el is None:
            return ""
    above = [el for el in page.sel.root.iter() if isinstance(el.tag, str) and page.after(title_el, el)]
    # links above the title are body links only when the whole body element comes before
    # the title (a body that holds the title holds no body text above it)
    body_above = _body_apart(page, title_el)
    holders = {title_el, *title_el.iterancestors()}  # what holds the title is no label above it
    cards: dict = {}
    for el in reversed(above):
        if el in holders:
            continue
        words = class_words(el) & CATEGORY_WORDS
        if el in page.texted and _is_breadcrumb(el):
            words = words | {"breadcrumb"}
        if not words or (not words & BREADCRUMB_WORDS and in_furniture(el, page.keep)):
            continue
        crumbs = [t for a in el.iter("a") if page.after(title_el, a) and not (body_above and page.holds(a))
                  and (t := " ".join(text_of(a).split())) and t.lower() not in HOME_LABELS]
        if 0 < len(crumbs) <= 6:
            return crumbs[-1]
        label = _category_label(el, page, cards) if next(el.iter("a"), None) is None else None
        if label and label != _title_text(title_el):
            return label
    return (_kicker(title_el, page) or _section_in_date_row(page, date_el)
            or next((text for a in page.sel.root.iter("a")
                     if "category" in (a.get("rel") or "").lower().split() and not _in_widget(a)
                     for text in [" ".join(text_of(a).split())] if text), ""))


def _kicker(title_el, page: _Page) -> str:
    """The section a template prints right above its headline as one short link (a
    "kicker": "Pháp luật", or Ghost's primary tag), with at most a date beside it; above
    the box the headline opens, too (a column's section heading over the item's box). The
    site's own name or home link and page furniture (a header's logo) are none."""
    above = _element_above(title_el)
    if above is None or _in_sidebar_or_menu(above, page):
        return ""
    if class_words(above) & KICKER_WORDS and next(above.iter("a"), None) is None:
        return _kicker_label(above, page)
    links = [above] if above.tag == "a" else list(itertools.islice(above.iter("a"), 3))
    if len(links) == 2 and _section_and_subsection(above, links):
        # "Video • An ninh trật tự": the item's own section is the last; "Thời sự | Hoàng
        # Long": a writer's page beside the section is no subsection
        links = links[:1] if _writer_link(links[1]) else links[1:]
    if len(links) != 1 or not text_within(above, KICKER_LINE_CHARS)[1]:
        return ""  # not one link on a short line (a body printed above the title has its links)
    text = " ".join("".join(links[0].itertext()).split())
    if not text or len(text) > CATEGORY_LABEL_CHARS or text.lower() in HOME_LABELS or has_date(text) \
            or _name_key(text) in page.site_names or _links_home(above, page.outlet) \
            or _card_of_another_item(above, page) or _back_link(links[0], text):
        return ""  # a section links to its listing, not to another item nor back
    return text


def _writer_link(link) -> bool:
    """Whether a link leads to a writer's page (``/tac-gia/``, ``/author/``) or names people."""
    href = (link.get("href") or "").lower()
    return bool(WRITER_PAGE.search(href)) or _names_people(" ".join("".join(link.itertext()).split()))


def _kicker_label(el, page: _Page) -> str:
    """The section a link-less element classed as a kicker prints right above the
    headline (Instant Articles' ``h3.op-kicker`` "Pháp luật"): its short text when that
    reads as a section's name (no figure, no date, one to six words) and is not the
    site's name; "" otherwise."""
    text = short_text(el, CATEGORY_LABEL_CHARS) or ""
    if (not _section_name(text) or WEEKDAY_OR_TIME.search(text) or _name_key(text) in page.site_names
            or KICKER_FLAG.fullmatch(text)):
        return ""
    return text


def _section_and_subsection(line, links: list) -> bool:
    """Whether a kicker line of two links is a section and its subsection ("Video •
    An ninh trật tự"): nothing but a separator between them ("•", "›", "/", "|"), not a
    list of topics ("ma túy, an ninh") nor links set side by side without one."""
    words = [" ".join("".join(link.itertext()).split()) for link in links]
    text = text_within(line, KICKER_LINE_CHARS)[0]
    between = text.split(words[0], 1)[-1].rsplit(words[1], 1)[0] if all(words) else ""
    return bool(re.search(f"[{CRUMB_MARKS}]", between)) and _only_separators_between(line, words, KICKER_LINE_CHARS)


def _back_link(link, text: str) -> bool:
    """Whether a link runs a script (``javascript:history.back()``) or is worded as a way
    back ("« Quay lại", "Trở về", "Back"): no section."""
    return (link.get("href") or "").strip().lower().startswith("javascript:") or bool(BACK_LINK.fullmatch(text))


def _element_above(el):
    """The element printed right above ``el``: its previous sibling, or, when ``el`` opens
    its parent's box, the box's previous sibling (up to ``KICKER_LEVELS`` boxes up)."""
    for _ in range(KICKER_LEVELS + 1):
        if el is None or el.tag in ("body", "html"):
            return None
        above = next((s for s in el.itersiblings(preceding=True) if isinstance(s.tag, str)), None)
        if above is not None:
            return above
        el = el.getparent()
    return None


def _labelled_category(page: _Page) -> tuple[object, str | None]:
    """(element, section) of a short line that opens with a section label ("Chuyên mục:
    Pháp luật"; a blog prints it in its list of terms, beside the tags), outside sidebars,
    menus and cards of other items; (None, None) when the page prints none."""
    cards: dict = {}
    for el in page.sel.root.iter(*BOX_TAGS, "li", "td", "span"):
        if el not in page.texted or not CATEGORY_LABEL.match(_opening_label(el)):
            continue
        text = short_text(el, CATEGORY_LINE_CHARS)
        section = CATEGORY_LABEL.sub("", text or "", count=1).strip()
        if not _section_name(section) or len(list(itertools.islice(el.iter("a"), 2))) > 1 \
                or _in_sidebar_or_menu(el, page):
            continue
        parent = el.getparent()
        if parent not in cards:
            cards[parent] = _card_of_another_item(parent, page)
        if not cards[parent]:
            return el, section
    return None, None


def _section_name(text: str) -> bool:
    """Whether a text reads as a section's name: one to six words, no figures, no date."""
    return 1 <= len(text.split()) <= 6 and not re.search(r"\d", text) and not text.endswith(":")


def _in_sidebar_or_menu(el, page: _Page) -> bool:
    """``in_furniture``, but for a box of the post's terms (a class saying tags): a blog
    prints the post's section there (labelled, or as its primary tag), beside its tags."""
    node = el
    while node is not None:
        if isinstance(node.tag, str) and node not in page.keep and is_furniture(node) \
                and not own_class_words(node) & TAG_BOX_WORDS:
            return True
        node = node.getparent()
    return False


def _title_text(title_el) -> str:
    """The text of the title element (to tell a crumb repeating it from a category)."""
    return " ".join(text_of(title_el).split()) if title_el is not None else ""


def _category_label(el, page: _Page, cards: dict) -> str | None:
    """The category a label whose class names one prints without a link: its text, or a
    link-less breadcrumb's last crumb that is not "Trang chủ" ("Trang chủ › Pháp luật");
    None for a label that also names a time, a count, a flag ("cate-views", "cate-hot"), for
    what reads as a date or a number, and for a label inside a card of another item."""
    if class_words(el) & NOT_CATEGORY_WORDS:
        return None
    text = short_text(el, CATEGORY_LABEL_CHARS)
    crumbs = [c.strip() for c in CRUMB_SEPARATOR.split(text or "") if c.strip()]
    crumbs = [c for c in crumbs if c.lower() not in HOME_LABELS]
    if not crumbs:
        return None
    label = crumbs[-1]
    if (not 1 <= len(label.split()) <= 5 or has_date(label) or WEEKDAY_OR_TIME.search(label)
            or not re.search(r"[^\W\d_]", label) or re.search(r"\d", label) or label.endswith(":")):
        return None  # a time, a count, a flag or a "Chuyên mục:" label before its link
    parent = el.getparent()
    if parent not in cards:
        cards[parent] = _card_of_another_item(parent, page)
    return None if cards[parent] else label


def _closing_byline(page: _Page, pictures: bool = False) -> tuple[object, str | None]:
    """(line, text) of a byline printed as the body's last line, "Minh Hằng" set in bold or
    aligned right, or with a credit prefix ("Bài và ảnh: Ngọc Hân"; a picture credit "Ảnh:"
    only with ``pictures``): a line naming one to three people and nothing after it;
    (None, None) when the body ends otherwise."""
    root = page.body_root
    if root is None:
        return None, None
    known: dict = {root: False}  # furniture below the body (the comments after a byline), not above it
    last = next((el for el in reversed(list(root.iter())) if isinstance(el.tag, str) and el.tag not in SKIP_TAGS
                 and (el.text or "").strip() and not in_furniture_known(el, known)), None)
    line = _line_between_breaks(last) if last is not None else None
    line = line_of(last) if line is None and last is not None else line
    if line is None or line is root or not page.holds(line):
        return None, None
    text = short_text(line, MAX_NAME_CHARS)
    furniture = [el for el, inside in known.items() if inside and not known.get(el.getparent(), False)]
    if not text or not (_text_without(root, furniture) if furniture else page.body_text).endswith(text):
        return None, None
    if ATTRIBUTION.fullmatch(text):
        return line, text  # "(Theo Báo Nhân Dân)": an attribution, no writer and no text
    return (line, text) if _set_apart_byline(page, line, last, text, pictures) else (None, None)


def _set_apart_byline(page: _Page, line, last, text: str, pictures: bool = False) -> bool:
    """Whether a short line (``last``: its innermost element with text) is a byline: it
    names one to three people, with a writer's credit (a picture credit only with
    ``pictures``), a role in brackets, or set apart from text: in bold, aligned right (by
    its own style or by a class of the page's stylesheet), or by a byline class."""
    credit = CREDIT.match(text)
    if credit and not WRITER_CREDIT.match(credit.group(0)) and not pictures:
        return False  # "Ảnh: Minh Hằng" names the photographer, not the writer
    name = _clean_author(text) or ""
    if not _names_people(name):
        return False
    style = " ".join(a.get("style") or "" for a in (line, last)).replace(" ", "").lower()
    classes = {c for el in (line, last) for c in (el.get("class") or "").split()}
    return (name != text or "text-align:right" in style or "right" in (line.get("align") or "").lower()
            or last.tag in ("b", "strong") and text_of(last) == text
            or bool((class_words(line) | class_words(last)) & (AUTHOR_WORDS | BYLINE_STYLE_WORDS))
            or bool(classes & page.byline_styled_classes))


def _line_between_breaks(el):
    """An inline element (or its inline wrapper) printed as a line of its own between line
    breaks inside a block ("…<br><br><strong>Thu Hà</strong>" ending a Trix paragraph), or
    None when it shares its line with other text or is its block's whole content."""
    while el.tag not in BLOCK_TAGS and el.getparent() is not None and el.getparent().tag not in BLOCK_TAGS \
            and len(el.getparent()) == 1 and not (el.getparent().text or "").strip() and not (el.tail or "").strip():
        el = el.getparent()  # <strong><em>Thu Hà</em></strong>: the line is the strong
    parent = el.getparent()
    if el.tag in BLOCK_TAGS or parent is None:
        return None
    before, after = el.getprevious(), el.getnext()
    opens = before.tag == "br" and not (before.tail or "").strip() if before is not None else \
        not (parent.text or "").strip()
    ends = not (el.tail or "").strip() and (after is None or after.tag == "br")
    return el if opens and ends and (before is not None or after is not None) else None


def _signature_after_body(page: _Page) -> tuple[object, str | None]:
    """(element, text) of a byline printed right below the body element, or below its last
    part when the text is split into sibling blocks (a print view's signature under the
    text, a block editor's signature block), set apart as ``_set_apart_byline`` says;
    (None, None)."""
    node = page.continuations[-1] if page.continuations else page.body_root
    for _ in range(SIGNATURE_LEVELS + 1):
        if node is None or node.tag in ("body", "html"):
            return None, None
        after = next((s for s in node.itersiblings() if isinstance(s.tag, str) and s in page.texted), None)
        if after is not None:
            break
        node = node.getparent()
    else:
        return None, None
    text = short_text(after, MAX_NAME_CHARS)
    if not text or after.tag in HEADING_TAGS_ALL or _name_key(text) in page.site_names \
            or in_furniture(after, page.keep):
        return None, None
    last = next((el for el in reversed(list(after.iter())) if isinstance(el.tag, str) and (el.text or "").strip()),
                after)
    return (after, text) if _set_apart_byline(page, after, last, text) else (None, None)


def _credit_line(el) -> bool:
    """Whether a short element of any class is a writer's credit line ("Thực hiện: Mai
    Hương - Đức Anh", "Phóng sự ảnh: Trọng Nghĩa", "Đăng bởi Thu Hà lúc 09:30"): cheap
    checks first, it runs for every box."""
    if el.text is None and not len(el):
        return False
    text = short_text(el, MAX_BYLINE_NAME_CHARS)
    credit = CREDIT.match(text) if text else None
    return (bool(credit) and bool(WRITER_CREDIT.match(text))) or bool(text and POSTED_BY_LINE.match(text))


def _name_in_byline(box) -> tuple[object, str | None]:
    """(element, text) of the child of a byline box that names its writers ("Thanh Tâm"
    beside "• 17:10 11/04/2025"), or (None, None)."""
    for child in box:
        if not isinstance(child.tag, str) or child.tag in ("time", "a"):
            continue
        text = short_text(child, MAX_BYLINE_NAME_CHARS)
        if text and not has_date(text) and _names_people(_clean_author(text)):
            return child, text
    return None, None


def _byline_in_date_row(page: _Page, date_el) -> tuple[object, str | None]:
    """(item, text) of the reporters named without a label in the short row that prints
    the date ("Thời sự | 20h15 ngày 24/6/2025 | Hồng Vân - Tuấn Anh"): the row's last item,
    no link, that names one to three people in full (two words or more each), none of them
    a place the page names elsewhere (a lone "Phú Lương" or "Hà Nội - Thái Nguyên" there
    is where the story happened: ``_named_on_page``; a lone name the text speaks of, too);
    (None, None) otherwise."""
    row = _date_line(date_el) if date_el is not None else None
    if row is None or row.tag in ("body", "html"):
        return None, None
    item = next((el for el in reversed(row) if isinstance(el.tag, str)), None)
    if item is None or item.tag in ("time", "a") or (item.tail or "").strip():
        return None, None
    text = short_text(item, MAX_BYLINE_NAME_CHARS)
    name = _clean_author(text) if text and not has_date(text) else None
    people = [p.strip() for p in NAME_SEPARATOR.split(name or "") if p.strip()]
    if (not name or not _names_people(name) or any(len(p.split()) < 2 for p in people)
            or _name_key(name) in page.site_names):
        return None, None
    if len(people) == 1 and _in_text(page, people[0]):
        return None, None  # one name the story itself speaks of is where it happened, not who wrote it
    return (None, None) if any(_named_on_page(page, person) for person in people) else (item, text)


def _in_text(page: _Page, words: str) -> bool:
    """Whether the article's text (its body element) names ``words``, case-blind."""
    return page.body_root is not None and _holds_words(text_of(page.body_root), words)


def _holds_words(text: str, words: str) -> bool:
    """Whether ``text`` holds ``words`` as whole words, case-blind."""
    return re.search(rf"(?<!\w){re.escape(_folded(words))}(?!\w)", _folded(text)) is not None


def _named_on_page(page: _Page, words: str) -> bool:
    """Whether the page names ``words`` elsewhere, case-blind: a link's whole text (its
    menu, breadcrumb, section, tags) or words of its headline or title (where a place
    a date row names, "Phú Lương", is named too; a reporter's name is not)."""
    key = _folded(words)
    if any(_folded(text_of(a)) == key for a in page.sel.root.iter("a")):
        return True
    return _holds_words(" ".join(text_of(el) for el in page.sel.root.iter("title", "h1")), words)


def _section_in_date_row(page: _Page, date_el) -> str:
    """The section a template links in the row that prints the date, when that row holds
    one link and it leads to no other item and names no person ("Thời sự | 20h15 ngày
    24/6/2025 | Hồng Vân - Tuấn Anh")."""
    row = _date_line(date_el) if date_el is not None else None
    if row is None or row.tag in ("body", "html"):
        return ""
    links = list(itertools.islice(row.iter("a"), 2))
    if len(links) != 1 or _card_of_another_item(row, page) or _links_home(links[0], page.outlet):
        return ""
    text = " ".join("".join(links[0].itertext()).split())
    if not text or len(text) > CATEGORY_LABEL_CHARS or text.lower() in HOME_LABELS or has_date(text) \
            or _names_people(text) or _name_key(text) in page.site_names or _back_link(links[0], text):
        return ""
    return text


def _names_people(names: str | None) -> bool:
    """Whether a byline's text names one to three people ("Quang Minh - Đức Trung"), each
    in one to five capitalised words."""
    people = [p.split() for p in NAME_SEPARATOR.split(names or "") if p.strip()]
    return 1 <= len(people) <= 3 and all(1 <= len(p) <= 5 and all(_name_word(w) for w in p) for p in people)


def _text_without(root, drop: list) -> str:
    """``text_of`` an element without the elements of ``drop`` (the page stays untouched)."""
    copy = _copy_marked(root, tuple(drop))
    for el in list(copy.iter()):
        if isinstance(el.tag, str) and el.get(DROP_MARK) and el.getparent() is not None:
            _remove(el)
    return text_of(copy)


def _marked_byline(page: _Page) -> tuple[object, str | None]:
    """(element, text) of a byline the configured selectors missed: a short element whose
    class says author ("lf-author", "td-post-author-name"), outside page furniture, naming
    one to three people ("Thực hiện: Thu Trang - Quang Minh"); (None, None) otherwise."""
    boxes: dict = {}  # box -> whether it is a card of another item
    for el in page.sel.root.iter(*BOX_TAGS, *LABEL_TAGS, "p"):
        words = class_words(el) | {t.replace("-", "").replace("_", "") for t in (el.get("class") or "").lower().split()}
        if not words & (AUTHOR_WORDS | CREDIT_BOX_WORDS) and not (
                el in page.texted and el not in page.wrappers and _credit_line(el)):
            continue
        if in_furniture(el, page.keep):
            continue
        text = short_text(el, MAX_BYLINE_NAME_CHARS)
        if not words & AUTHOR_WORDS and not (text and (WRITER_CREDIT.match(text) or POSTED_BY_LINE.match(text))):
            continue  # a credit names the writer only as such ("Thực hiện:"), not a photo's source
        if not _names_people(_clean_author(text) if text else None):
            el, text = _name_in_byline(el)  # a byline box holding the name and the time apart
            if el is None:
                continue
        if not _quoted_or_carded(el, page, boxes):
            return el, text
    return None, None


def _microdata_author(page: _Page) -> tuple[object, str | None]:
    """(element, text) of the writer schema.org microdata marks (``itemprop="author"``, its
    name in ``itemprop="name"`` when it has one: an author card's name beside a photo and a
    desk), outside page furniture, quotations and cards of other items, naming one to three
    people; (None, None) otherwise. The element is the whole card when it is short."""
    boxes: dict = {}
    for el in page.sel.root.xpath(MICRODATA_AUTHOR):
        if in_furniture(el, page.keep) or _quoted_or_carded(el, page, boxes):
            continue
        named = next(iter(el.xpath(MICRODATA_NAME)), el)
        text = short_text(named, MAX_BYLINE_NAME_CHARS)
        if text and _names_people(_clean_author(text)) and _name_key(text) not in page.site_names:
            return (el if short_text(el, MAX_BYLINE_NAME_CHARS) else named), text
    return None, None


def _address_byline(page: _Page) -> tuple[object, str | None]:
    """(element, text) of the writer an ``<address>`` of the article names (HTML's element
    for the contact of an article's author; Instant Articles prints the byline so): a short
    one outside page furniture, quotes and cards of other items that names one to three
    people or is a role printed as the whole credit ("Nhóm PV"); (None, None) otherwise (a
    postal address in the site's footer names no one)."""
    boxes: dict = {}
    for el in page.sel.root.iter("address"):
        text = short_text(el, MAX_BYLINE_NAME_CHARS)
        if not text or in_furniture(el, page.keep) or _quoted_or_carded(el, page, boxes):
            continue
        if CREDIT_ONLY.fullmatch(text) or _names_people(_clean_author(text)):
            return el, text
    return None, None


def _quoted_or_carded(el, page: _Page, boxes: dict) -> bool:
    """Whether an element sits in a quotation (its speaker is no writer) or in a card of
    another item (a short box of two levels around it links to another article than this
    one, by canonical address: a print or AMP link of this article is none). ``boxes``
    keeps each box's answer."""
    ancestors = list(itertools.islice(el.iterancestors(), 4))
    if any(a.tag == "blockquote" or class_words(a) & QUOTE_WORDS for a in (el, *ancestors)):
        return True
    for box in ancestors[:2]:
        if box not in boxes:
            boxes[box] = _card_of_another_item(box, page)
        if boxes[box]:
            return True
    return False


def _card_of_another_item(box, page: _Page) -> bool:
    """Whether a short box links to another article of the outlet (the page, a column and
    other long boxes are no card)."""
    if box is None or box.tag in ("body", "html") or short_text(box, CARD_MAX_CHARS) is None:
        return False
    own = canonical_url(page.url, page.outlet)
    for anchor in itertools.islice(box.iter("a"), CARD_MAX_LINKS):
        try:
            address = urljoin(page.url, (anchor.get("href") or "").strip())
        except ValueError:
            continue
        if is_article_url(address, page.outlet) and canonical_url(address, page.outlet) != own:
            return True
    return False


def _name_word(word: str) -> bool:
    """A word of a person's name: capitalised letters, not an all-capitals abbreviation
    ("UBND TỈNH THÁI NGUYÊN" signs a document; it is no byline)."""
    letters = word.replace("-", "")
    return letters.isalpha() and word[0].isupper() and not (len(letters) > 1 and letters.isupper())


def _configured_tags(sel: Selector, selectors: tuple[str, ...], category: str | None,
                     labelled_el=None) -> list[str]:
    """Tags by the configured selectors, but for a link on the line that labels the
    section (``labelled_el``: "Chuyên mục: Nội chính" in the post's list of terms). Tags
    read from meta tags leave out the category: a template may list every term of the
    post there, its section first (Ghost's ``article:tag``), where the page prints that
    section above the title, not as a tag."""
    for query in selectors:
        tags = [text for el, text in candidates(sel, query, skip_furniture=False)
                if text and not (labelled_el is not None and el is not None and contains(labelled_el, el))]
        if tags:
            if is_meta_query(query) and category:
                tags = [tag for tag in tags if tag.casefold() != category.casefold()]
            return tags
    return []


def _generic_tags(page: _Page, title_el, labelled_el=None) -> tuple[object, list[str]]:
    """(tag block, tags) when no configured selector finds any: the links of the first tag
    block after the title that sits in no other furniture (a header's trending tags, a related item's
    tags), else links marked ``rel="tag"``, else the JSON-LD ``keywords``. A tag block is
    a box whose own class says tags ("article__tags", "tag-list"), a box or line a tag
    label opens ("Từ khóa:", "Chủ đề liên quan:"), or a row of hashtag links ("#đánh bạc").
    The link of the section's labelled line (``labelled_el``) is none of them."""
    for el in page.sel.root.iter(*BOX_TAGS, "li", "span"):
        if not _is_tag_block(el, page) or (title_el is not None and not page.after(el, title_el)) \
                or in_furniture(el.getparent(), page.keep):
            continue
        tags = [_tag_text(a) for a in el.iter("a") if labelled_el is None or not contains(labelled_el, a)]
        if any(tags):
            return el, list(dict.fromkeys(t for t in tags if t))
    tagged = [_tag_text(a) for a in page.sel.root.iter("a")
              if {"tag"} == set((a.get("rel") or "").lower().split()) & {"tag", "category"} and not _in_widget(a)]
    if any(tagged):  # WordPress: rel="tag" links
        return None, list(dict.fromkeys(t for t in tagged if t))
    keywords = page.ld.get("keywords")
    if isinstance(keywords, str):
        keywords = keywords.split(",")
    if isinstance(keywords, list):
        return None, list(dict.fromkeys(t for t in (clean_text(k) for k in keywords if isinstance(k, str)) if t))
    return None, []


def _is_tag_block(el, page: _Page) -> bool:
    """Whether an element holds the post's tags and only them: a box whose own class says
    tags (WordPress's "tag-<slug>" classes on the post's wrapper name its tags, they are no
    box of them), a box or line opened by a tag label, or a row of hashtag links."""
    if el.tag in BOX_TAGS and own_class_words(el) & TAG_BOX_WORDS:
        return True
    return el in page.texted and (_opens_with_tag_label(el) or _hashtag_row(el))


def _hashtag_row(el) -> bool:
    """Whether a box is a row of hashtag links ("#đánh bạc #Công an xã"), with no label:
    it opens with such a link and every link of it is one. Cheap first: it runs for
    every box."""
    first = next((c for c in el if isinstance(c.tag, str)), None)
    if first is None or first.tag != "a" or (el.text or "").strip() or not _is_hashtag(first):
        return False
    return all(_is_hashtag(a) for a in el.iter("a"))


def _is_hashtag(link) -> bool:
    return "".join(link.itertext()).lstrip().startswith("#")


def _tag_text(link) -> str:
    """A tag's text as printed, without the hashtag sign a template sets before it."""
    return clean_text("".join(link.itertext())).lstrip("#").strip()


def _in_widget(link) -> bool:
    """Whether a link marked ``rel="tag"``/``"category"`` sits in a sidebar widget, a menu or
    the site's header (a tag cloud), not in the post's own footer or meta line."""
    return any(p.tag in ("aside", "nav", "header") or class_words(p) & {"widget", "sidebar"}
               for p in link.iterancestors() if p.tag not in ("body", "html"))


def _opens_with_tag_label(el) -> bool:
    """Whether a box opens with a tag label ("Từ khóa:", "Tags:", "Chủ đề:") before its links."""
    lead = _opening_label(el)
    return bool(lead and TAG_LABEL.fullmatch(lead)) and next(el.iter("a"), None) is not None


def _opening_label(el) -> str:
    """The text an element opens with: its own leading text, or its first child's when that
    is a leaf and no link ("<span>Từ khóa:</span>"); "" otherwise. Cheap: it runs for every box."""
    first = next((c for c in el if isinstance(c.tag, str)), None)
    return (el.text or "").strip() or (short_text(first, 30) or "" if first is not None and first.tag != "a"
                                       and not len(first) else "")


def _clean_author(text: str | None) -> str | None:
    """The writer named in a byline, its credit prefix ("Bài, ảnh:") and bracketed credit
    ("(thực hiện)") left out; None for an attribution to another source ("Theo TTXVN",
    "Nguồn: VTV"), which names no writer."""
    if not text or SOURCE_CREDIT.match(text):
        return None
    posted = POSTED_BY.sub("", text, count=1)
    text = POSTED_AT.sub("", posted) if posted != text else text
    stripped = _writers_only(CREDIT.sub("", text, count=1)).strip(" -–,;")
    return stripped or text


def _writers_only(names: str) -> str:
    """The names of a byline with their bracketed credits left out ("Thu Hà (tổng hợp)"),
    and without a name credited for the pictures alone ("Thu Trang (ảnh) - Quang Minh
    (bài)" is Quang Minh's), unless no other name is left."""
    brackets = BRACKETED.findall(names)  # a credit's own commas and "và" part no names
    masked = BRACKETED.sub("\x00", names)
    pieces = NAME_SPLIT.split(masked)  # names at even places, their separators between
    spans = iter(brackets)
    pieces = [re.sub("\x00", lambda _: next(spans), piece) for piece in pieces]
    kept: list[tuple[str, str]] = []
    for index in range(0, len(pieces), 2):
        name = pieces[index]
        if index and (AFFILIATION.match(name) or (kept and TITLE_WORDS.fullmatch(name.strip()))) \
                and not all(_name_word(w) for w in name.split()):
            continue  # "…, Trường Đại học Khoa học", "…, Thẩm phán Tòa án tỉnh": where or what the writer is
        credit = TRAILING_CREDIT.search(name)
        before = pieces[index - 1] if index else ""
        if credit and PICTURE_CREDIT.fullmatch(credit.group("credit")):
            continue
        name = TRAILING_CREDIT.sub("", name) if credit else TRAILING_AFFILIATION.sub("", name)
        kept.append((before, name))
    if not kept:
        return TRAILING_CREDIT.sub("", pieces[0])
    return kept[0][1] + "".join(before + name for before, name in kept[1:])


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


def _last_inside(node) -> tuple[object, int]:
    """(the last node inside ``node`` in document order, how many levels below ``node``
    it lies): down the last child, without recursion; ``(node, 0)`` when it is empty."""
    depth = 0
    while len(node):
        node, depth = node[-1], depth + 1
    return node, depth


def _remove_whole(node):
    """Remove ``node``; the last node inside it (to pass over in a list of the tree's
    nodes in document order), or None when it held nothing."""
    last, depth = _last_inside(node)
    _remove(node)
    return last if depth else None


def _copy_marked(root, drop: tuple) -> object:
    """A deep copy of ``root`` in which the elements of ``drop`` carry ``DROP_MARK``."""
    for el in drop:
        el.set(DROP_MARK, "1")
    try:
        copy = _copy.deepcopy(root)
        copy.set(PREFIXES_ATTRIBUTE, " ".join(sorted(template_prefixes(root))))  # the page's, not the copy's
        return copy
    finally:
        for el in drop:
            el.attrib.pop(DROP_MARK, None)


def _related_run(heading) -> list | None:
    """The siblings after a short "Tin liên quan:" heading that are mostly links (the run
    it introduces), or None when ``heading`` is no such heading or nothing follows it."""
    if next((s for s in heading.itersiblings() if isinstance(s.tag, str)), None) is None:
        return None
    text, whole = text_within(heading, 40)
    if not whole or not text or not RELATED_HEADING.match(text) or link_text_share(heading, text) >= 0.5:
        return None
    run = []
    for sibling in heading.itersiblings():
        if not isinstance(sibling.tag, str):
            continue
        text = text_of(sibling)
        if not text:
            continue
        if link_text_share(sibling, text) < 0.8:
            break
        run.append(sibling)
    return run or None


def _drop_related_runs(body) -> None:
    """Remove a short "Tin liên quan:" heading together with the paragraphs or list of
    links that follow it (editors type these as siblings, not as one box), and a line that
    is such a label alone ("► Đọc thêm:", its links removed as a box of links). One pass
    over the headline elements; a heading's text is read only up to 40 characters."""
    for el in list(body.iter(*HEADLINE_TAGS)):
        if el is body or el.getparent() is None:
            continue
        run = _related_run(el)
        if run:
            for node in (el, *run):
                _remove(node)
        elif el.tag != "div" and _is_related_label(el):  # a line, not a box (boxes nest deep)
            _remove(el)


def _closing_link_lines(body, outlet: OutletConfig) -> list:
    """The lines that close a body and are each one link to another article of the outlet
    under a headline ("Kiểm sát viên trẻ và những phiên tòa đầu tiên": a CMS's link to a
    related story set after the text, with no "Tin liên quan" label), down the body's last
    wrapper; a source credit ("Theo báo …") or a call to open a document ("Xem toàn văn …
    tại đây") is text. A run of more than ``CLOSING_LINKS_MAX`` such lines is a list the
    text gives, and stays. Only the last children of each level are looked at, and which
    elements hold text and links is found in one pass over the body, so that a line's text
    is read only when it may be such a link: the work is the body's size, not its size
    times its depth."""
    texted, links = _elements_with_text(body), _link_counts(body)
    node = body
    while True:
        while _wraps(node):
            node = node[0]
        found, last = [], None
        for child in reversed(node):
            if not isinstance(child.tag, str):
                continue
            if (child.tail or "").strip():
                last = child  # text after it closes the body
                break
            if child not in texted:
                continue
            if links.get(child) == 1 and child.tag in BOX_TAGS:
                text, whole = text_within(child, MAX_CAPTION_CHARS)
                if whole and not text:
                    continue
                if _headline_link_line(child, text, whole, outlet):
                    found.append(child)
                    continue
            last = child
            break
        if found:
            return found if len(found) <= CLOSING_LINKS_MAX else []
        if last is None or (last.tail or "").strip() or last.tag not in BOX_TAGS:
            return []
        node = last  # the text's own wrapper: its last lines close the body


def _link_counts(root) -> dict:
    """How many links (up to 2) each element under ``root`` holds, for the elements that
    hold any: one walk up from each link, which stops at an element already counted twice."""
    counts: dict = {}
    for link in root.iter("a"):
        el = link
        while el is not None and counts.get(el, 0) < 2:
            counts[el] = counts.get(el, 0) + 1
            el = None if el is root else el.getparent()
    return counts


def _headline_link_line(el, text: str, whole: bool, outlet: OutletConfig) -> bool:
    """Whether a block's whole text (``text_within`` it) is one link to another article of
    the outlet (``is_article_url``), worded as a headline (at least
    ``HEADLINE_LINK_MIN_WORDS`` words, one of them in lower case: not a name, not all
    capitals), not a source credit ("Theo báo …") nor a call to open or fetch something
    ("Xem …", "Tải …", "… tại đây")."""
    if el.tag not in BOX_TAGS:
        return False
    links = list(itertools.islice(el.iter("a"), 2)) if whole else []
    words = text.split()
    if (len(links) != 1 or len(words) < HEADLINE_LINK_MIN_WORDS or not any(w[:1].islower() for w in words)
            or SOURCE_CREDIT.match(text) or LINK_CALL.search(text)
            or link_text_share(el, text) < CREDIT_LINK_SHARE):
        return False
    href = (links[0].get("href") or "").strip()
    return (not SCRIPT_LINK.match(href) and not href.startswith("#")
            and is_article_url(urljoin(outlet.base_url, href), outlet))


def _drop_closing_links(body, outlet: OutletConfig) -> None:
    """Remove the link lines that close a body (``_closing_link_lines``)."""
    for line in _closing_link_lines(body, outlet):
        _remove(line)


def _is_related_label(el) -> bool:
    """Whether an element's whole text is a related-items label ("Xem thêm:", "► Đọc thêm")."""
    text, whole = text_within(el, 40)
    return whole and bool(text) and bool(RELATED_LABEL.fullmatch(text))


@dataclass
class _BoxText:
    """The text of an element as the box checks read it (``text_within``), shared down a
    chain of wrappers that hold one element each and no text of their own (their text and
    links are the same, so a deep nest of wrappers is read once, not once per level)."""
    el: object
    text: str
    whole: bool
    share: float | None = None

    def link_share(self) -> float:
        if self.share is None:
            self.share = link_text_share(self.el, self.text)
        return self.share

    def is_ad_label(self) -> bool:
        """Whether the whole text is a bare "Quảng cáo" label; a long text is read whole
        only when its start could still be a label padded with rules ("-----")."""
        if self.whole:
            return bool(self.text) and bool(AD_LABEL.match(self.text))
        return bool(AD_LABEL_CHARS.fullmatch(self.text)) and bool(AD_LABEL.match(text_of(self.el)))

    def is_gallery_hint(self) -> bool:
        """Whether the whole text is a short gallery instruction ("Nhấn vào ảnh để xem")."""
        return self.whole and len(self.text) <= GALLERY_HINT_MAX_CHARS and bool(GALLERY_HINT.match(self.text))

    def is_share_box(self) -> bool:
        """Whether the text is short and every link of the box is a share button (at least
        one of them a network's share endpoint)."""
        if not self.whole or len(self.text) > SHARE_BOX_MAX_CHARS:
            return False
        if len(self.text) * (1 - self.link_share()) > SHARE_LABEL_MAX_CHARS:
            return False  # more than a "Chia sẻ bài viết:" label besides the buttons
        hrefs = [a.get("href") or "" for a in self.el.iter("a")]
        shares = sum(1 for h in hrefs if SHARE_LINK.search(h))
        return shares > 0 and all(SHARE_LINK.search(h) or SCRIPT_LINK.match(h) for h in hrefs)

    def is_series_box(self) -> bool:
        """Whether the text is a series' list of parts ("LOẠT BÀI: ...", "Bài 1: ...",
        "Bài 2: ..."): short lines, two or more of them naming a part by its number, under
        the series' label or with links to the other parts."""
        if not self.whole or len(self.text) > SERIES_BOX_MAX_CHARS:
            return False
        lines = [line for line in self.text.split("\n") if line.strip()]
        parts = sum(1 for line in lines if SERIES_PART.match(line))
        if parts < 2 or any(len(line) > SERIES_LINE_MAX_CHARS for line in lines):
            return False
        # a list of exam questions or of a programme's parts is text: a series box opens
        # with its label ("LOẠT BÀI: ..."), or its part lines are links
        labelled = bool(SERIES_LABEL.match(lines[0]))
        linked = any(SERIES_PART.match(text_of(a)) for a in self.el.iter("a"))
        return labelled or linked

    def is_attachment(self) -> bool:
        """Whether the text is a short download line: mostly links, each to a document file
        ("Tải về: Thông báo số 125-TB/VPTU (PDF, 312 KB)")."""
        if not self.whole or len(self.text) > ATTACHMENT_MAX_CHARS or self.link_share() < 0.8:
            return False
        links = list(self.el.iter("a"))
        if not links or not all(DOCUMENT_FILE.search(a.get("href") or "") for a in links):
            return False
        return any(a.get("download") is not None for a in links) or bool(DOWNLOAD_CUE.search(self.text))

    def is_related_box(self) -> bool:
        """Whether the text opens with "Tin liên quan", "Xem thêm"..., is shorter than
        ``RELATED_BOX_MAX_CHARS`` and is mostly links."""
        return (self.whole and bool(RELATED_HEADING.match(self.text)) and len(self.text) < RELATED_BOX_MAX_CHARS
                and self.link_share() >= 0.5)


def _form_box(form, body, body_chars: Callable[[], int]):
    """The box a sign-up form (an e-mail field) sits in, with its heading and notes ("Đăng ký
    nhận bản tin"), when that box is inside the body, holds little text and at most half of
    the body's (``body_chars``, read once for all the forms of a body); else the form alone
    (on a short item, a box that small may be most of its text; another form, a search box,
    may sit beside article text)."""
    if not form.xpath(".//input[@type='email' or contains(@name, 'email')]"):
        return form  # not a sign-up form: a search box beside legal references keeps them
    box = next(form.iterancestors(*BOX_TAGS), None)
    if box is None or box is body or not contains(body, box):
        return form
    box_text, box_short = text_within(box, FORM_BOX_MAX_CHARS)
    return box if box_short and body_chars() >= 2 * len(box_text) else form


def _login_walls(root) -> list:
    """The login walls of a page: for each login control (a login form, a link or button
    worded only "Đăng nhập" / "Đăng ký ngay"), the smallest box around it, of at most
    ``LOGIN_WALL_MAX_CHARS`` of text, that prints a prompt to log in to read this article
    ("Vui lòng đăng nhập để đọc toàn bộ bài viết"; not "đăng nhập Cổng dịch vụ công để xem
    nội dung hồ sơ"). The text around the wall, a teaser above it, is no part of it."""
    walls: list = []
    read: dict = {}  # box -> text_within, once a page: many controls share their outer boxes
    for control in root.xpath("//form[.//input[@type='password' or @type='email']] | //a | //button"):
        if control.tag in ("a", "button") and not (
                len(control.text_content()) <= LOGIN_CONTROL_MAX_CHARS and LOGIN_CONTROL.fullmatch(text_of(control))):
            continue
        inner = control
        for box in control.iterancestors():
            if box not in read:  # a wrapper of one element and no text of its own reads as that element
                read[box] = read[inner] if inner in read and _passes_text_down(box) else text_within(box, LOGIN_WALL_MAX_CHARS)
            inner = box
            text, short = read[box]
            if not short:
                break
            if box.tag in BOX_TAGS and LOGIN_WALL.search(text):
                if not any(contains(found, box) for found in walls):
                    walls.append(box)
                break
    return walls


def _wraps(el) -> bool:
    """Whether ``el`` holds one element and no text of its own, nor after that element
    (going down a wrapper reaches all that it holds)."""
    return len(el) == 1 and not (el.text or "").strip() and not (el[0].tail or "").strip()


def _passes_text_down(el) -> bool:
    """Whether ``el`` holds a single node and no text of its own, so that its one child
    has the same ``text_of`` (block newlines and spaces at the ends are trimmed) and links."""
    return (len(el) == 1 and el.tag != "a" and el.tag not in SKIP_TAGS and not (el.text or "").strip()
            and not (el.tail or "").strip())


def _clean_body(root, outlet: OutletConfig, drop: tuple = ()):
    """A cleaned copy of a body element (the page itself stays untouched); the elements
    of ``drop`` (fields printed inside the body element) are left out too. The checks of
    boxes and labels are one pass over the body's nodes that skips what it removed, and a
    box's text is read only as far as the checks need (``text_within``), once for a chain
    of wrappers: the work grows with the body, not with the body times its depth."""
    body = _copy_marked(root, drop)
    body_chars = functools.cache(lambda: len(text_of(body)))  # read once, at the first sign-up form
    # decided before any player is removed: a figure whose video goes first is no text figure
    text_figures = {el for el in body.iter("figure", "figcaption") if _is_text_figure(el)}
    for player in body.xpath(".//audio | .//source[starts-with(@type, 'audio')]"):  # before players go
        widget = _read_aloud_box(player, stop=body)
        if widget is not None and widget.getparent() is not None:
            _remove(widget)
    for player in body.xpath(".//audio | .//video | .//video-js"):  # a player's box: its name and duration
        box = _player_box(player, stop=body)
        if box is not None and box.getparent() is not None:
            _remove(box)
    for frame in body.xpath(".//iframe[@src or @data-src]"):  # before the frames go
        credit = _embed_credit(frame, body)
        if credit is not None:
            _remove(credit)
    queries = ALWAYS_DROP + tuple(outlet.selectors["drop"]) + tuple(
        split_pseudo(q)[0] for q in outlet.selectors["captions"])
    for query in queries:  # each is one XPath query run by libxml2: cheap beside the walk below
        try:
            nodes = Selector(root=body).css(query)
        except Exception:
            continue
        for node in nodes:
            if node.root is not body and isinstance(node.root, etree._Element) and node.root not in text_figures:
                _remove(_form_box(node.root, body, body_chars) if node.root.tag == "form" else node.root)
    passed: dict = {}  # wrapper -> its _BoxText, for its one child
    skip_to = None  # the last node inside an element just removed
    for el in list(body.iterdescendants()):
        if skip_to is not None:
            if el is skip_to:
                skip_to = None
            continue
        if not isinstance(el.tag, str):
            continue
        text = passed.get(el.getparent())
        if el.get(DROP_MARK) or is_furniture(el):
            skip_to = _remove_whole(el)
            continue
        if el.tag in BOX_TAGS or el.tag in LABEL_TAGS:
            text = text or _BoxText(el, *text_within(el, RELATED_BOX_MAX_CHARS))
            if text.is_ad_label() or text.is_gallery_hint() or (
                    el.tag in BOX_TAGS and (text.is_related_box() or text.is_share_box() or text.is_series_box()
                                            or text.is_attachment())):
                skip_to = _remove_whole(el)
                continue
        if text is not None and _passes_text_down(el):
            passed[el] = text
    _drop_related_runs(body)
    _drop_closing_links(body, outlet)
    return body


def _registered_domain(host: str) -> str | None:
    """The name a site registered ("w.soundcloud.com" -> "soundcloud.com",
    "video.thainguyen.gov.vn" -> "thainguyen.gov.vn"), or None for a bare or second-level name."""
    labels = host.lower().strip(".").split(".")
    size = 3 if len(labels) >= 2 and len(labels[-1]) == 2 and labels[-2] in SECOND_LEVEL_LABELS else 2
    return ".".join(labels[-size:]) if len(labels) >= size else None


def _embed_credit(frame, body) -> object | None:
    """The credit line an embed code sets under its player (SoundCloud's "Artist ·
    Track"): the element right after the frame (or after the element the frame alone
    fills) when its text is only links to the player's site; None otherwise."""
    try:
        host = urlsplit(frame.get("src") or frame.get("data-src") or "").hostname or ""
    except ValueError:
        return None
    site = _registered_domain(host)
    if site is None:
        return None
    holder = frame
    while holder.getnext() is None and holder.getparent() is not None and holder.getparent() is not body \
            and text_within(holder.getparent(), 0)[1]:
        holder = holder.getparent()  # a paragraph or box holding the frame alone
    credit = holder.getnext()
    if credit is None or not isinstance(credit.tag, str):
        return None
    text, short = text_within(credit, MAX_CREDIT_CHARS)
    links = list(credit.iter("a"))
    if not short or not text or not links or link_text_share(credit, text) < CREDIT_LINK_SHARE:
        return None
    for link in links:
        try:
            linked = urlsplit(link.get("href") or "").hostname or ""
        except ValueError:
            return None
        if linked != site and not linked.endswith("." + site):
            return None
    return credit


def _has_media(el) -> bool:
    selector = Selector(root=el)
    return bool(selector.css(MEDIA_IN_BODY)) or len(selector.css("img, amp-img")) >= 2


def _body(sel: Selector, outlet: OutletConfig, selectors: tuple[str, ...]) -> tuple[str | None, object, tuple]:
    """(text, element, continuations) of the body from the given selectors: the first match
    of at least MIN_BODY_CHARS with the later matches that continue it (``_continuations``);
    failing that, a shorter one around a player or images (a video, audio or photo item);
    (None, None, ()) when no selector found an article body."""
    short: tuple[str | None, object, tuple] = (None, None, ())
    for query in selectors:
        try:
            nodes = [node.root for node in sel.css(query)]
        except Exception:
            continue
        nodes = [root for root in nodes if isinstance(root, etree._Element) and not in_furniture(root)]
        for i, root in enumerate(nodes):
            text = text_of(_clean_body(root, outlet))
            if len(text) >= MIN_BODY_CHARS:
                more = _continuations(root, nodes[i + 1:])  # once a page: the body is found
                return "\n".join([text, *(text_of(_clean_body(el, outlet)) for el in more)]), root, more
            if short[1] is None and _has_media(root) and link_text_share(root) < 0.5:
                short = (text, root, ())
    return short


def _continuations(root, later: list) -> tuple:
    """The later matches of the body selector that are siblings of ``root``, of its tag and
    class, mostly text, and continue it (a long-form page splits its text into sections with
    figures and quotes in between), up to the first sibling that holds a headline (another
    article below). Cards of other items (``article.story`` after the ``article``) are not."""
    matched = {id(el) for el in later}
    more = []
    for sibling in root.itersiblings():
        if not isinstance(sibling.tag, str):
            continue
        if sibling.tag == "h1" or next(sibling.iter("h1"), None) is not None:
            break
        # a section is marked up as the first one, and is text, not a card of links
        if (id(sibling) in matched and sibling.tag == root.tag and sibling.get("class") == root.get("class")
                and link_text_share(sibling) < 0.5):
            more.append(sibling)
    return tuple(more)


def _find_body(sel: Selector, outlet: OutletConfig,
               order: dict | None = None) -> tuple[str | None, object, str, tuple]:
    """(text, element, extraction, continuations) of the body: the configured selectors,
    then the generic ``GENERIC_BODY`` ones, then a long-form page's text sections
    (``_text_sections``); the generic ones make a ``fallback`` extraction."""
    text, root, more = _body(sel, outlet, outlet.selectors["body"])
    if root is not None:
        return text, root, "selectors", more
    text, root, more = _body(sel, outlet, GENERIC_BODY)
    if root is None:
        order = _document_order(sel) if order is None else order
        text, root, more = _sections_body(sel, outlet, order)
    if root is None:
        text, root, more = _densest_body(sel, outlet, order)
    return text, root, ("fallback" if root is not None else "selectors"), more


def _document_order(sel: Selector) -> dict:
    """Each element of the page -> its place in document order."""
    return {el: i for i, el in enumerate(sel.root.iter())}


def _densest_body(sel: Selector, outlet: OutletConfig, order: dict) -> tuple[str | None, object, tuple]:
    """(text, element, continuations) of the block of paragraphs that is the article, for a
    template no selector knows (a redesign's new class names).

    Each paragraph of text (a ``p``, or a ``div`` of text and inline elements) outside page
    furniture and other items' cards counts for its parent, and half for the parent's
    parent. A block that holds the headline (the page's wrapper) or lies inside one is
    none. The body is the first block after the headline that holds at least
    ``DENSE_FIRST_CHARS`` of that text — the text a reader meets under the title, before
    the teasers, notices and comments a page sets after it — else the highest-scoring
    block when it holds ``DENSE_SHARE`` of all; a sibling block of the same tag right
    after it, with paragraphs of its own, continues it (a text split around a photo)."""
    furniture: dict = {}
    cards: dict = {}
    score: dict = {}
    counted: dict = {}  # paragraph -> its text's length
    sapo_words = SAPO_BOX_WORDS if _marks_sapo(sel) else SAPO_BOX_WORDS | INTRO_WORDS
    for paragraph in sel.root.iter(*PARAGRAPH_TAGS):
        if not _is_paragraph(paragraph):
            continue
        text, _ = text_within(paragraph, DENSE_PARAGRAPH_CHARS)
        if len(text) < DENSE_MIN_PARAGRAPH or in_furniture_known(paragraph, furniture) \
                or link_text_share(paragraph, text) >= 0.5 or _in_card(paragraph, cards):
            continue
        parent = paragraph.getparent()
        if parent is None or class_words(paragraph) & LEAD_WORDS or class_words(parent) & sapo_words:
            continue  # the sapo, which a block under the title would be taken for
        counted[paragraph] = len(text)
        score[parent] = score.get(parent, 0) + len(text)
        grandparent = parent.getparent()
        if grandparent is not None:
            score[grandparent] = score.get(grandparent, 0) + len(text) / 2
    if not score:
        return None, None, ()
    total = sum(counted.values())
    headline = next((h for h in sel.root.iter("h1") if not in_furniture_known(h, furniture)), None)

    def held(block) -> int:  # the counted text inside a block: one walk of the block
        return sum(counted.get(el, 0) for el in block.iter(*PARAGRAPH_TAGS))

    def usable(block) -> bool:
        return (block.tag not in ("body", "html") and not block.xpath("boolean(.//h1)")
                and not block.xpath("boolean(ancestor::h1 | ancestor::h2)"))  # an unclosed headline swallowed the text

    ranked = sorted(score, key=score.get, reverse=True)[:DENSE_CANDIDATES]
    blocks = [b for b in ranked if usable(b) and (headline is None or order[b] > order[headline])]
    best = blocks[0] if blocks else None
    if best is None:
        return None, None, ()
    before = [b for b in blocks if order[b] < order[best] and not contains(b, best) and not contains(best, b)
              and held(b) >= DENSE_FIRST_CHARS]
    if before:
        best = min(before, key=lambda b: order[b])  # the text under the title, not what follows it
    best, more = _split_text(best, counted)
    # the parts of a split text, with the photos and their captions between them
    if not before and sum(held(part) for part in (best, *more, *_between(best, more))) < DENSE_SHARE * total:
        return None, None, ()
    text = "\n".join(t for t in (text_of(_clean_body(el, outlet)) for el in (best, *more)) if t)
    return (text, best, more) if len(text) >= MIN_BODY_CHARS else (None, None, ())


def _marks_sapo(sel: Selector) -> bool:
    """Whether an element of the page has a class word of ``SAPO_BOX_WORDS``."""
    return any(class_words(el) & SAPO_BOX_WORDS for el in sel.root.iter() if isinstance(el.tag, str) and el.get("class"))


def _is_paragraph(el) -> bool:
    """Whether an element is one paragraph of text: a ``p``; a ``div`` or ``section`` that
    holds text and inline elements only ("<div>…<br>…</div>", an editor that wraps each
    paragraph in a classless ``section``) and no player; a list whose items do (the points
    of a text)."""
    if el.tag == "p":
        return True
    if next(el.iter(*PLAYER_TAGS), None) is not None:
        return False  # a player's box: its name, air time, duration, download link
    if el.tag in ("ul", "ol"):
        items = [c for c in el if isinstance(c.tag, str)]
        return bool(items) and all(c.tag == "li" and _holds_inline_only(c) for c in items)
    return _holds_inline_only(el)


def _holds_inline_only(el) -> bool:
    """Whether no child of an element is a block (but a line break)."""
    return not any(isinstance(c.tag, str) and c.tag in BLOCK_TAGS and c.tag != "br" for c in el)


def _frames_one_photo(el, photos: dict) -> bool:
    """``_photo_block`` without a player (a podcast's cover beside its controls), memoised
    in ``photos``; the text is read first, so a block with the body's text is refused
    without reading it whole."""
    if el not in photos:
        photos[el] = el.tag not in ("body", "html") and bool(
            text_within(el, MAX_CAPTION_CHARS)[1] and next(el.iter(*PLAYER_TAGS), None) is None
            and _photo_block(el))
    return photos[el]


def _split_text(block, counted: dict) -> tuple:
    """(first part, the parts that continue it) of the text a block begins: the block and
    its ``_split_part`` siblings, or, when it has none, those of the nearest of the
    ``SPLIT_WRAPPER_LEVELS`` wrappers that hold it alone that has some (a StreamField's
    ``div.block-paragraph`` around its ``div.rich-text``, where the next part of the text is
    a sibling of the wrapper)."""
    node, photos = block, {}
    for _ in range(SPLIT_WRAPPER_LEVELS + 1):
        if _layout_column(node):
            break  # its siblings are the page's other columns (a sidebar), no part of the text
        more = _split_part(node, counted, photos)
        if more:
            return node, more
        if not _wraps_alone(node):
            break
        node = node.getparent()
    return block, ()


def _layout_column(el) -> bool:
    """Whether an element is a column of the page's layout grid: a class names one
    ("col-md-8", "column", "grid__item"), or its parent is a row ("row")."""
    if _column_classed(el):
        return True
    parent = el.getparent()
    return parent is not None and "row" in (parent.get("class") or "").lower().split()


def _column_classed(el) -> bool:
    """Whether a class of an element names a column of a layout grid (``LAYOUT_COLUMN``)."""
    return any(LAYOUT_COLUMN.match(token) for token in (el.get("class") or "").lower().split())


def _wraps_alone(el) -> bool:
    """Whether ``el``'s parent holds nothing else with text or a picture, and no text of its
    own (the page's ``body`` is no wrapper)."""
    parent = el.getparent()
    if parent is None or parent.tag in ("body", "html") or (parent.text or "").strip():
        return False
    return not any(child is not el and ((child.tail or "").strip() or isinstance(child.tag, str) and (
        not text_within(child, 0)[1] or next(_pictures(child), None) is not None)) for child in parent) \
        and not (el.tail or "").strip()


def _split_part(block, counted: dict, photos: dict | None = None) -> tuple:
    """The sibling blocks of the same tag right after ``block`` (past figures, ads and
    other text-less siblings) whose paragraphs hold ``DENSE_PART_CHARS`` of text, not
    counting the caption lines of their photos (a gallery is no part): a text the template
    split around a photo. The first sibling with other text ends it. ``photos``: the
    memo of ``_frames_one_photo``."""
    photos = {} if photos is None else photos
    more = []
    for sibling in block.itersiblings():
        if not isinstance(sibling.tag, str) or text_within(sibling, 0)[1] or _photo_block(sibling):
            continue  # no text, or a photo with its caption, or an ad slot
        held = sum(counted.get(el, 0) for el in sibling.iter("p") if el in counted and not any(
            _frames_one_photo(holder, photos) for holder in itertools.islice(el.iterancestors(), 2)))
        if sibling.tag != block.tag or held < DENSE_PART_CHARS or sibling.xpath("boolean(.//h1 | .//h2 | .//h3)"):
            break
        more.append(sibling)
    return tuple(more)


def _photo_block(el) -> bool:
    """Whether an element frames one picture with at most a caption's text (a ``figure``
    with its ``figcaption``, a ``div`` with a caption line) and no worded link (a lightbox's
    link to the picture is none; another item's card has one)."""
    return (len(list(itertools.islice(_pictures(el), 2))) == 1
            and not any("".join(a.itertext()).strip() and not IMAGE_FILE.search(a.get("href") or "")
                        for a in el.iter("a"))
            and text_within(el, MAX_CAPTION_CHARS)[1])


def _pictures(el):
    """The pictures an element shows: its ``img`` and ``amp-img`` elements, not the parts of
    an ``amp-img`` (its sizer, its ``noscript`` copy) nor a lazy image's ``noscript`` copy."""
    for node in el.iter("img", "amp-img"):
        holders = itertools.takewhile(lambda a: a is not el, node.iterancestors())
        if not any(a.tag in ("amp-img", "noscript") for a in holders):
            yield node


def _in_card(paragraph, cards: dict) -> bool:
    """Whether a paragraph is the teaser of another item's card: its parent or the parent's
    parent is short and holds a headline that is a link (memoised in ``cards``); a text
    with a linked subheading is no card."""
    for holder in itertools.islice(paragraph.iterancestors(), 2):
        if holder not in cards:
            cards[holder] = bool(holder.xpath(CARD_HEADLINE)) and text_within(holder, CARD_MAX_CHARS)[1]
        if cards[holder]:
            return True
    return False


def _sections_body(sel: Selector, outlet: OutletConfig, order: dict) -> tuple[str | None, object, tuple]:
    """(text, first section, the others) of a long-form page read section by section, or
    (None, None, ()) when it has no such sections."""
    sections = _with_quotes_between(_text_sections(sel))
    if len(sections) < 2 or _text_before_sections(sel, sections[0], order):
        return None, None, ()
    text = "\n".join(t for t in (text_of(_clean_body(el, outlet)) for el in sections) if t)
    if len(text) < MIN_BODY_CHARS:
        return None, None, ()
    return text, sections[0], tuple(sections[1:])


def _text_before_sections(sel: Selector, first, order: dict) -> bool:
    """Whether a paragraph of text (not a sapo, not furniture) stands between the headline
    and the first of the sections: then the text is that, and the run of like blocks after
    it is a list of other items' teasers, not the article's sections."""
    headline = next(sel.root.iter("h1"), None)
    if headline is None:
        return False
    furniture: dict = {}
    return any(order[headline] < order[p] < order[first] and not class_words(p) & LEAD_WORDS
               and len(text_within(p, SECTION_PARAGRAPH_CHARS)[0]) >= SECTION_PARAGRAPH_CHARS
               and not in_furniture_known(p, furniture) for p in sel.root.iter("p"))


def _with_quotes_between(sections: list) -> list:
    """The sections with the pull quotes a long-form page sets between them (a
    ``blockquote`` sibling: words printed nowhere else), in page order (the sections of
    one page are siblings: ``_text_sections`` groups them by parent)."""
    if len(sections) < 2:
        return sections
    parts = set(sections)
    found = [sections[0]]
    for sibling in sections[0].itersiblings():
        if sibling in parts:
            found.append(sibling)
            if sibling is sections[-1]:
                break
        elif isinstance(sibling.tag, str) and sibling.tag == "blockquote" and not is_furniture(sibling):
            found.append(sibling)
    return found


def _text_sections(sel: Selector) -> list:
    """The sections a long-form page splits its text into, when no selector knows its
    template: two or more sibling elements of one tag and class (``section.lf-section``)
    that hold at least ``SECTIONS_SHARE`` of the paragraph text outside page furniture; an
    element that holds the headline (the page's wrapper) or a headline that is a link (a
    card of another item) is none, and so is a column of the layout grid (the text's
    column and a sidebar are no sections of one text)."""
    score: dict[tuple, int] = {}
    holders: dict[tuple, list] = {}
    skipped: dict = {}  # holder -> whether it is a wrapper or a card
    furniture: dict = {}
    total = 0
    for paragraph in sel.root.iter("p"):
        length = len(text_within(paragraph, SECTION_PARAGRAPH_CHARS)[0])
        if length < SECTION_PARAGRAPH_CHARS or in_furniture_known(paragraph, furniture):
            continue
        total += length
        for holder in itertools.islice(paragraph.iterancestors("section", "div", "article"), SECTION_DEPTH):
            classes = holder.get("class") or ""
            if holder not in skipped:
                skipped[holder] = bool(holder.xpath(SECTION_NOT_TEXT)) or _column_classed(holder)
            if classes.strip() and not skipped[holder]:
                key = (holder.tag, classes.split()[0], holder.getparent())  # "emag-chapter emag-chapter--intro" too
                score[key] = score.get(key, 0) + length
                if holder not in holders.setdefault(key, []):
                    holders[key].append(holder)
    found = [(value, -len(holders[key]), key) for key, value in score.items()
             if len(holders[key]) >= 2 and value >= SECTIONS_SHARE * total]
    return holders[max(found, key=lambda f: (f[0], f[1]))[2]] if found else []


def _beside_with_images(root) -> tuple:
    """The siblings of a body found without a selector that frame one picture with at most
    a caption's text (the lead photo a template sets just before its text block), not
    another item's card (a link elsewhere)."""
    found = []
    parent = root.getparent()
    around = [root] if parent is None or parent.tag in ("body", "html") else [root, parent]  # or one level up
    for block in around:
        for sibling in (*block.itersiblings(preceding=True), *block.itersiblings()):
            if isinstance(sibling.tag, str) and _photo_block(sibling) and not is_furniture(sibling):
                found.append(sibling)
    return tuple(found)


def _between(root, continuations: tuple) -> tuple:
    """The elements a page sets between the first part of its body and the last (photos,
    parallax sections of a long-form page), not the parts themselves."""
    if not continuations:
        return ()
    parts = set(continuations)
    found = []
    for sibling in root.itersiblings():
        if sibling is continuations[-1]:
            break
        if isinstance(sibling.tag, str) and sibling not in parts:
            found.append(sibling)
    return tuple(found)


def _not_body(page: _Page, title_el, fields: tuple) -> tuple:
    """Elements inside the body element that are not body: the fields printed there and,
    when it holds the title, the title and whatever precedes it (category, breadcrumb)."""
    root = page.body_root
    nodes = [el for el in fields if el is not None and el is not root and page.holds(el)]
    if title_el is not None and title_el is not root and page.holds(title_el):
        node = title_el
        nodes.append(node)
        while node is not root:
            nodes.extend(s for s in node.itersiblings(preceding=True) if isinstance(s.tag, str))
            node = node.getparent()
    return tuple(dict.fromkeys(nodes))


def _date_line(el):
    """The short line a printed date sits in (with its time, author, view count)."""
    line = line_of(el) if el is not None else None
    if line is not None and len(text_of(line)) <= 120:
        return line
    return el


# ---- JSON-LD ------------------------------------------------------------------------------
def _ld_items(sel: Selector) -> list[dict]:
    """Every JSON-LD object of the page, ``@graph`` members and a page's ``mainEntity`` (a
    WebPage that holds its NewsArticle) included, each after the object that holds it;
    parsed once per page (``extract_article`` passes the list on). Other nested objects
    are not walked: an ItemList of related articles holds NewsArticles that are not this
    page. A script that does not parse, or nests too deep for the JSON parser, is passed over."""
    found: list[dict] = []
    for raw in sel.css('script[type="application/ld+json"]::text').getall():
        try:
            data = json.loads(raw.strip().rstrip(";"), strict=False)  # CMSs leave raw newlines in strings
        except (json.JSONDecodeError, ValueError, RecursionError):
            continue
        stack = [data]  # in document order, without recursion
        while stack:
            entry = stack.pop()
            if isinstance(entry, list):
                stack.extend(reversed(entry))
            elif isinstance(entry, dict):
                found.append(entry)
                stack.extend(reversed([entry[key] for key in LD_NESTED_KEYS if key in entry]))
    return found


def _ld_kinds(item: dict) -> set[str]:
    kinds = item.get("@type", "")
    return {k for k in (kinds if isinstance(kinds, list) else [kinds]) if isinstance(k, str)}


def _json_ld(items: list[dict]) -> dict:
    """The first NewsArticle-like JSON-LD object of the page; failing that, the first
    VideoObject or AudioObject (a media page may describe only its clip)."""
    media: dict = {}
    for item in items:
        kinds = _ld_kinds(item)
        if any(k.endswith("Article") or k == "BlogPosting" for k in kinds):
            return item
        if not media and kinds & {"VideoObject", "AudioObject", "PodcastEpisode"}:
            media = item
    return media


def _ld_media(items: list[dict]) -> set[str]:
    """'video' and/or 'audio' when the page's JSON-LD describes such a clip."""
    found = set()
    for item in items:
        kinds = _ld_kinds(item)
        if "VideoObject" in kinds or isinstance(item.get("video"), (dict, list)):
            found.add("video")
        if kinds & {"AudioObject", "PodcastEpisode"} or isinstance(item.get("audio"), (dict, list)):
            found.add("audio")
    return found


def _ld_text(value) -> str | None:
    """A JSON-LD value as text (the first of a list)."""
    if isinstance(value, list):
        value = next((v for v in value if isinstance(v, str)), None)
    return value if isinstance(value, str) else None


def _ld_breadcrumb(items: list[dict], title: str, url: str) -> str:
    """The last crumb of the page's JSON-LD BreadcrumbList that is neither the home page nor
    the page itself (a last crumb that repeats the title or the URL), or ""."""
    for item in items:
        if "BreadcrumbList" not in _ld_kinds(item) or not isinstance(item.get("itemListElement"), list):
            continue
        crumbs = [e for e in item["itemListElement"] if isinstance(e, dict) and e.get("item") != url
                  and not (isinstance(e.get("item"), dict) and e["item"].get("@id") == url)]
        crumbs.sort(key=lambda e: e.get("position") if isinstance(e.get("position"), int) else 0)
        names = [clean_text(_ld_text(e.get("name")) or _ld_text((e.get("item") or {}).get("name")
                                                                 if isinstance(e.get("item"), dict) else None))
                 for e in crumbs]
        names = [n for n in names if n and n.lower() not in HOME_LABELS and n != title]
        if names:
            return names[-1]
    return ""


def _ld_author(ld: dict, items: list[dict]) -> str | None:
    """The writers the JSON-LD article names, joined as a byline prints them ("Thu Hà -
    Mạnh Hùng"): each author's name, or the name of the object it refers to by ``@id``
    (Yoast's @graph puts the Person apart); the outlet itself is none."""
    authors = ld.get("author")
    names = [name for author in (authors if isinstance(authors, list) else [authors])
             for name in [_ld_person(author, items)] if name]
    return " - ".join(dict.fromkeys(names)) or None


def _ld_person(author, items: list[dict]) -> str | None:
    """The name of one JSON-LD author, None for an organisation."""
    if isinstance(author, dict) and not author.get("name") and isinstance(author.get("@id"), str):
        author = next((item for item in items if item.get("@id") == author["@id"] and item is not author), author)
    if isinstance(author, dict):
        if any(kind.endswith("Organization") for kind in _ld_kinds(author)):
            return None  # the outlet itself (NewsMediaOrganization...), not a byline
        return clean_text(_ld_text(author.get("name"))) or None
    if isinstance(author, str):
        return clean_text(author) or None
    return None


# ---- dates --------------------------------------------------------------------------------
def _date(page: _Page, selectors: tuple[str, ...], title_el) -> tuple[object, str | None, str | None]:
    """(printed element, text, ISO) of the publication date.

    Machine dates come first (meta selectors, JSON-LD, standard meta tags, as sources.md
    advises), then the printed date (configured, else a byline found by ``_byline_date``).
    Dates that the URL's month rules out are passed over. Two checks on live pages:

    - a printed date without a time takes the time printed beside it ("14:30 | 18/04/2022"
      split over two spans), read from its parent when that is a short line with the same
      date;
    - a machine date that holds only a day ("2025-09-18") takes the time a byline prints on
      that day ("Thứ Năm, 18.09.2025 | 06:00");
    - a machine date whose offset is wrong (local wall-clock time stamped "Z", a common CMS
      slip that moves evening items to the next day) shows as a printed time equal to the
      machine value's wall clock; the printed date then wins. So it does against a value
      without any zone ("2024-03-08T23:15:00") that is the printed time in UTC (a CMS
      writing its UTC clock without "Z"), and against a printed date and
      time against a machine value in a display form ("3/4/2024 3:30:00 PM" in a meta tag,
      whose day and month order is unknown).

    A machine date that the second check cannot overrule (``_trusted``) skips the byline
    scan of the whole article: only the body element is searched for the date line it
    leaves out (``_byline_in_body``). On a page without a body element (trafilatura's
    text, see ``_fallback``) the byline is still looked for, and when it shows the machine
    value's minute (in local time, a UTC value converted) its text is the date text (the
    line the body then leaves out). With no date at all, a full date in the URL
    (``/2020/10/12/``) is taken at midnight.
    """
    hint = url_date(page.url)
    machine, machine_text = _machine_date(page, selectors, hint)
    el, printed, first_text, update = _printed_date(page, [q for q in selectors if not is_meta_query(q)], hint)
    trusted = machine is not None and _trusted(machine)
    if printed is None:
        if trusted and page.body_root is not None:
            el = _byline_in_body(page, title_el, hint)
            day_only = el is None and not has_time(machine[0])  # a byline may print its time
            line_el, line = _line_above_body(page, title_el, hint) if day_only else (None, None)
            if line and _completes_day(machine, line):
                return line_el, *line
        else:
            el, printed = _byline_date(page, title_el, hint)
            if page.body_root is None and machine and printed and printed[1][:16] == machine[1][:16]:
                # no body element: trafilatura's text repeats the byline, which _fallback
                # leaves out by its text; the machine value (trusted, or in UTC and shown
                # right by the byline) keeps its seconds
                return el, printed[0], machine[1]
    if printed is None and update is not None:  # only an "updated" line is printed
        el, printed = update
    if machine is None and printed is None:
        if hint and hint[2]:
            text = "%04d-%02d-%02d" % hint
            return None, text, parse_date(text, page.outlet.timezone)
        return None, first_text or machine_text, None
    if machine is None:
        return (el, *printed)
    as_utc = zoneless_as_utc(machine[0], page.outlet.timezone)
    if printed and has_time(printed[0]) and printed[1][:16] != machine[1][:16]:  # same minute: the machine's seconds
        if as_utc and as_utc[:16] == printed[1][:16]:
            return el, printed[0], as_utc  # the machine value was UTC: right, to the second
        written = wall_clock(machine[0])
        if (written and written == printed[1][:16]) or not in_machine_form(machine[0]) \
                or _completes_day(machine, printed):
            return (el, *printed)
    elif printed and as_utc and as_utc[:10] == printed[1][:10] != machine[1][:10]:
        return el, printed[0], as_utc  # a printed day (no time) that only the UTC reading agrees with
    return (el, *machine)


def _completes_day(machine: tuple[str, str], printed: tuple[str, str]) -> bool:
    """Whether a printed date (text, ISO) gives the time of a machine date that holds only
    a day ("2025-09-18" beside "Thứ Năm, 18.09.2025 | 06:00"): it has a time, on that day."""
    return not has_time(machine[0]) and has_time(printed[0]) and printed[1][:10] == machine[1][:10]


def _line_above_body(page: _Page, title_el, hint) -> tuple[object, tuple[str, str] | None]:
    """(element, (text, ISO)) of the first date line between the headline and a body
    element apart from it (``_region_date_lines`` up to the body: nothing below it is
    read): a short line of a date and a time, not an event's time ("Thời gian: 19h30…"), a
    sentence that mentions one, nor an "updated" line; (None, None) when there is none."""
    if not _body_apart(page, title_el):
        return None, None
    for el, found in _region_date_lines(page, title_el, hint):
        if el is page.body_root:
            break
        if found and is_date_line(found[0]) and not is_update_label(found[0]):
            return el, found  # not an event's time, a sentence of the lead, nor the last update
    return None, None


def _trusted(machine: tuple[str, str]) -> bool:
    """Whether a machine date (text, ISO) is in the outlet's local time as printed: the
    wall-clock time written in it (``wall_clock``, ISO or RFC 822; or none: a date
    without time) is the local one, so no printed time can reveal a wrong offset (see
    ``_date``). A UTC value ("Z", "+00:00", "GMT", "+0000", "-0000") is not trusted: it
    may be local time mislabelled; nor is a time without any zone, which may be UTC. A trusted value keeps its seconds (a byline of the
    same minute no longer rounds it to the minute), as does a UTC value that the byline
    shows right on a page without a body element (see ``_date``)."""
    text, iso = machine
    if not in_machine_form(text):
        return False  # "3/4/2024 3:30 PM": the printed date tells whether it is 3 April or 4 March
    if zoneless_as_utc(text):
        return False  # no zone: local or UTC, the printed time tells
    written = wall_clock(text)
    return written is None or written == iso[:16]


def _machine_date(page: _Page, selectors: tuple[str, ...], hint) -> tuple[tuple[str, str] | None, str | None]:
    """((text, ISO) of the first machine date that parses and fits the URL, or None; the
    first machine text seen)."""
    texts = [text for q in selectors if is_meta_query(q) for _, text in candidates(page.sel, q)]
    texts += [page.ld[k] for k in LD_DATE_KEYS if isinstance(page.ld.get(k), str)]
    texts += [text for q in GENERIC_MACHINE_DATES for _, text in candidates(page.sel, q, keep=page.keep)]
    texts = [t for t in texts if t]
    for text in texts:
        iso = parse_date(text, page.outlet.timezone)
        if iso and fits_url_date(iso, hint):
            return (text, iso), texts[0]
    return None, next(iter(texts), None)


def _printed_date(page: _Page, selectors: list[str], hint) -> tuple[object, tuple[str, str] | None, str | None,
                                                                   tuple | None]:
    """(element, (text, ISO) of the first printed date that parses and fits the URL and is
    no update line, or None; the first text seen; (element, (text, ISO)) of the first
    update line ("Cập nhật: 16:45 | 06/05/2024"), the date to take when there is no other)."""
    first_text = None
    update = None
    timezone = page.outlet.timezone
    for query in selectors:
        for el, text in candidates(page.sel, query, keep=page.keep):
            if not text:
                continue
            first_text = first_text or text
            parsed = parse_date(text, timezone) if not is_print_date(text) else None
            if not parsed or not fits_url_date(parsed, hint):
                continue
            found = (el, (text, parsed))
            if el is not None and not has_time(text) and el.getparent() is not None:
                line = text_of(el.getparent())
                beside = parse_date(line, timezone) if len(line) <= 120 else None
                if beside and beside[:10] == parsed[:10] and has_time(line):
                    found = (el.getparent(), (line, beside))
            if _is_update_line(*found):
                update = update or found
                continue
            return (*found, first_text, update)
    return None, None, first_text, update


def _is_publication_label(text: str) -> bool:
    """Whether a date line opens with a publication label ("Đăng lúc", "Ngày đăng")."""
    label = DATE_LABEL.match(text.strip())
    return bool(label) and not is_update_label(label.group(0))


def _is_update_line(el, printed: tuple[str, str]) -> bool:
    """Whether a printed date is labelled as the last update: by its own text ("Cập nhật:
    16:45 06/05/2024"), else by the last label printed before it in its line ("Cập nhật:
    <span>16:45</span> | <span>06/05/2024</span>"); a date with a label of its own
    ("Đăng lúc ...") is none."""
    if is_update_label(printed[0]) or (el is not None and class_words(el) & UPDATE_CLASS_WORDS):
        return True  # "Cập nhật: ...", or <time class="updated"> (WordPress themes print both times)
    if DATE_LABEL.match(printed[0]) or el is None or el.getparent() is None:
        return False
    parent = el.getparent()
    before = [parent.text or ""]
    for sibling in el.itersiblings(preceding=True):
        before.insert(1, text_of(sibling))  # text_of holds the sibling's tail
        if sum(map(len, before)) > MAX_BYLINE_CHARS:
            break
    labels = DATE_LABEL.findall(" ".join(before))
    return bool(labels) and is_update_label(labels[-1])


def _article_region(page: _Page, title_el):
    """The element holding both the title and the body, else the ``article`` around the
    one found, else the title's (or body's) parent."""
    body = page.body_root
    if title_el is not None and body is not None:
        ancestors = {title_el, *title_el.iterancestors()}
        return next(a for a in (body, *body.iterancestors()) if a in ancestors)
    anchor = title_el if title_el is not None else body
    if anchor is None:
        return None
    return next((a for a in anchor.iterancestors() if a.tag == "article"), anchor.getparent())


def _byline_date(page: _Page, title_el, hint) -> tuple[object, tuple[str, str] | None]:
    """(element, (text, ISO)) of a date printed with its time on a short line of the
    article: a byline or meta line outside the body (lines after the title first, then
    those before it), an "updated" line below the body, and failing those a bare date
    line inside the body element (a wrapper that also holds the byline). Lines inside
    links or page furniture are passed over, and so is a line below the body with a link
    in it (the items of a related list). A line labelled as the last update ("Cập nhật:",
    which many pages print for their only date) gives way only to a line labelled as the
    publication ("Đăng lúc", "Ngày đăng", "Xuất bản"), not to any later date. When the byline
    under the headline prints the day only ("Thứ Hai, 12/08/2024"), a line after it with a
    time completes it only on the same day (a notice of an event the next evening dates the
    event); failing one, that day is the date."""
    update = None
    day, looked, passed = None, False, False  # the day-only byline; whether a line was passed over for it
    for el, found in _region_date_lines(page, title_el, hint):
        if found and title_el is not None and page.after(el, title_el):
            if not looked:
                day, looked = _day_byline(page, title_el, el, hint), True
            if day and day[1][1][:10] != found[1][:10]:
                passed = True
                continue
        if found and update is None and _is_update_line(el, found):
            update = (el, found)
        elif found and (update is None or _is_publication_label(found[0])):
            return el, found
    if update:
        return update
    if passed:
        return day
    if _body_apart(page, title_el):
        return _body_date_line(page, hint)
    return None, None


def _day_byline(page: _Page, title_el, before, hint) -> tuple[object, tuple[str, str]] | None:
    """(element, (text, ISO at midnight)) of the first line after the headline and before
    ``before`` that prints a day without a time (``is_day_line``), outside the body element,
    links and furniture, fitting the URL; None when there is none."""
    region = _article_region(page, title_el)
    start, end = page.order.get(title_el, -1), page.order.get(before, -1)
    skipped = {*title_el.iter(), *(page.body_root.iter() if _body_apart(page, title_el) else ())}  # one walk each
    for el in region.iter():
        place = page.order.get(el, -1)
        if place >= end:
            break
        if place <= start or el not in page.texted or el in page.wrappers or el in skipped:
            continue
        text = short_text(el, MAX_BYLINE_CHARS)
        if not is_day_line(text) or any(a.tag == "a" for a in el.iterancestors()) or in_furniture(el, page.keep):
            continue
        parsed = parse_date(text, page.outlet.timezone)
        if parsed and fits_url_date(parsed, hint):
            return el, (text, parsed)
    return None


def _body_apart(page: _Page, title_el) -> bool:
    """Whether there is a body element and it does not hold the title."""
    return page.body_root is not None and not page.holds(title_el)


def _region_date_lines(page: _Page, title_el, hint) -> Iterator[tuple[object, tuple[str, str] | None]]:
    """The first part of ``_byline_date``, lazily: (element, (text, ISO)) of each date line
    of the article region in the order tried, those inside a body element that does not
    hold the title left out, and the headline itself (a bulletin's "Thời sự 20h tối
    12/08/2024" names its programme, not when it was posted); ``(body element, None)``
    marks where the body stands."""
    region = _article_region(page, title_el)
    if region is None:
        return
    body = page.body_root
    outside = _body_apart(page, title_el)
    in_body = frozenset(body.iter()) if outside else frozenset()  # one walk, not one per element
    in_title = frozenset(title_el.iter()) if title_el is not None else frozenset()
    elements = [el for el in region.iter() if isinstance(el.tag, str) and (el in page.texted or el.tag == "time")]
    start = elements.index(title_el) if title_el in elements else 0
    for el in elements[start:] + elements[:start]:
        if el in in_title:
            continue
        if el in in_body:
            if el is body:
                yield el, None
            continue
        if el in page.wrappers and el.tag != "time":
            continue  # its text is its child's, read next
        # inside the body only a bare date line is a byline (not a sentence with a date in it)
        found = _date_on_line(page, el, hint, bare=page.holds(el))
        if not found:
            continue
        if outside and page.after(el, body):
            line = line_of(el)
            if line is None or line.find(".//a") is not None:
                continue
        yield el, found


def _elements_with_text(root) -> set:
    """The elements under ``root`` (itself included) that hold some text, found in one pass:
    a line is read only where there is text to read (a deep nest of empty elements would
    otherwise be read once per level)."""
    found: set = set()

    def mark(el) -> None:
        while el is not None and el not in found:
            found.add(el)
            if el is root:
                return
            el = el.getparent()

    for el in root.iter():
        if el.text and el.text.strip():
            mark(el if isinstance(el.tag, str) else el.getparent())
        if el is not root and el.tail and el.tail.strip():
            mark(el.getparent())
    return found


def _text_wrappers(texted: set) -> set:
    """The elements of ``texted`` that hold no text of their own (no text, no child's tail)
    and exactly one child of ``texted``: their text is that child's. One pass over the
    elements with text: scanning every level of a deep nest of wrappers for a short line
    would read the text below it once per level."""
    texted_children: dict = {}
    for el in texted:
        parent = el.getparent()
        if parent is not None and parent in texted:
            texted_children[parent] = texted_children.get(parent, 0) + 1
    return {el for el, count in texted_children.items() if count == 1 and isinstance(el.tag, str)
            and not (el.text or "").strip() and not any((c.tail or "").strip() for c in el)}


def _body_date_line(page: _Page, hint) -> tuple[object, tuple[str, str] | None]:
    """The last part of ``_byline_date``: the first bare date line inside the body."""
    for el in page.body_root.iter():
        found = _date_on_line(page, el, hint, bare=True)
        if found:
            return el, found
    return None, None


def _byline_in_body(page: _Page, title_el, hint):
    """The element ``_byline_date`` gives when that element lies inside the body element
    (the line the body then leaves out), else None, for a page whose date came from a
    trusted machine value. The lines are tried in the same order, but the rest of the
    article after the body is read only when the body has a date line (a byline outside
    the body comes first, and the body keeps its line then): on most pages it has none."""
    body = page.body_root
    if body is None:
        return None
    lines = _region_date_lines(page, title_el, hint)
    if not _body_apart(page, title_el):  # the body holds the title: the region is the body
        return next((el for el, found in lines if found), None)
    for el, found in lines:  # up to the body: the title's own lines
        if found:
            return None
        if el is body:
            break
    el, found = _body_date_line(page, hint)
    if found is None or any(found for _, found in lines):
        return None
    return el


def _date_on_line(page: _Page, el, hint, bare: bool = False) -> tuple[str, str] | None:
    """(text, ISO) when an element is a short line with a date and a time that fits the
    URL, not in a link or furniture (and, if ``bare``, with little else on it)."""
    if not isinstance(el.tag, str) or el.tag in ("a", "script", "style", "noscript"):
        return None
    if el.tag == "time" and el.get("datetime"):
        return _time_element_date(page, el, hint, bare)
    text = short_text(el, MAX_BYLINE_CHARS)  # read only so far: this runs for every element
    if text and not bare and not has_time(text) and any(el.get(name) for name in HOVER_DATE_ATTRIBUTES):
        return _hover_date(page, el, text, hint)
    if not text or not has_time(text) or not has_date(text) or any(a.tag == "a" for a in el.iterancestors()):
        return None
    if (bare and not is_date_line(text)) or is_print_date(text) or in_furniture(el, page.keep):
        return None
    if is_air_time(text) and not _is_publication_label(text):
        return None  # when a programme goes on air is no publication date
    parsed = parse_date(text, page.outlet.timezone)
    return (text, parsed) if parsed and fits_url_date(parsed, hint) else None


def _hover_date(page: _Page, el, text: str, hint) -> tuple[str, str] | None:
    """(text, ISO) of the date and time an element that shows only a day or a relative time
    ("02/04/2025", "2 giờ trước") holds in its tooltip or data attribute
    (``title="2025-04-02 07:30:00 +0700"``): the attribute, when it has a date and a time
    that fit the URL and the day shown (if any) is its day; not in a link or furniture."""
    if any(a.tag == "a" for a in el.iterancestors()) or in_furniture(el, page.keep):
        return None
    timezone = page.outlet.timezone
    shown = parse_date(text, timezone) if has_date(text) else None
    for name in HOVER_DATE_ATTRIBUTES:
        value = clean_text(el.get(name) or "")
        if not (has_date(value) and has_time(value)):
            continue
        held = parse_date(value, timezone)
        if held and fits_url_date(held, hint) and (shown is None or shown[:10] == held[:10]):
            return value, held
    return None


def _time_element_date(page: _Page, el, hint, bare: bool) -> tuple[str, str] | None:
    """(text, ISO) of a ``<time datetime>`` line outside links and furniture: its attribute,
    when the day it shows (if any) is the attribute's day; what it shows, when that has a
    date and a time and the attribute differs (a date-only or mislabelled attribute).
    Inside the body (``bare``) only a ``<time>`` alone on its line counts: one in a
    sentence ("Khoảng <time>14h30 ngày 12/10</time>, tại xã...") dates an event."""
    if any(a.tag == "a" for a in el.iterancestors()) or in_furniture(el, page.keep):
        return None
    text = clean_text("".join(el.itertext()))[:MAX_BYLINE_CHARS]  # its own text, not its tail
    if bare:
        line = line_of(el)
        if line is None or short_text(line, MAX_BYLINE_CHARS) != text:
            return None
    timezone = page.outlet.timezone
    machine = parse_date(el.get("datetime"), timezone)
    shown = parse_date(text, timezone) if has_date(text) else None
    if shown and has_time(text) and shown != machine:
        machine = shown
    elif shown and machine and shown[:10] != machine[:10]:
        return None
    if not machine or not fits_url_date(machine, hint):
        return None
    return text or el.get("datetime"), machine


# ---- content type -------------------------------------------------------------------------
def _article_block(sel: Selector, keep: frozenset):
    """The smallest element holding both the body element and the page's first headline
    outside furniture (the article's own column, without the sidebar beside it); None when
    there is no body element or no such headline."""
    if not keep:
        return None
    headline = next((h for h in sel.root.iter("h1") if not in_furniture(h, keep)), None)
    if headline is None:
        return None
    return next((a for a in (headline, *headline.iterancestors()) if a in keep), None)  # keep: the body's chain


def _markers_found(sel: Selector, markers: tuple[str, ...], keep: frozenset = frozenset()) -> list:
    """The article's elements that match one of the markers: a meta tag anywhere, an
    element outside page furniture and, when the article's block is known
    (``_article_block``), inside it (a live-TV player or a video link in a sidebar does not
    make every page a video)."""
    block = _article_block(sel, keep)
    found = []
    for marker in markers:
        for node in sel.css(marker):
            el = node.root
            if not isinstance(el, etree._Element) or el.tag == "meta":
                found.append(el)
            elif not in_furniture(el, keep) and (block is None or contains(block, el)):
                found.append(el)
    return found


def _reads_aloud(el) -> bool:
    """Whether an audio player reads the article itself aloud (see ``_read_aloud_box``)."""
    return _read_aloud_box(el) is not None


def _read_aloud_box(el, stop=None):
    """The box of a text-to-speech widget around an audio player, or None for a player that
    is no such widget: the player or one of its three nearest ancestors has read-aloud class
    or id words, or a short label such as "Nghe đọc bài" is printed in it. The box is the
    outermost of those ancestors that is short (the widget's label, voices and notes with
    it), never ``stop`` (the body) or what holds it."""
    if not isinstance(el, etree._Element) or el.tag == "meta":
        return None
    found = TTS_ADDRESS.search(" ".join(el.get(a) or "" for a in ("src", "data-src"))) is not None
    box = el
    for level, node in enumerate((el, *el.iterancestors())):
        if level > 3 or node is stop or node.tag in ("article", "body", "main", "head"):
            break
        text = short_text(node, READ_ALOUD_BOX_MAX_CHARS)
        if text is None or (node is not el and _holds_other_text(node, box)):  # the article around the widget
            break
        box = node
        words = class_words(node) | {w for w in re.split(r"[-_\s]+", (node.get("id") or "").lower()) if w}
        if words & READ_ALOUD_WORDS or any(pair <= words for pair in READ_ALOUD_PAIRS) or READ_ALOUD_LABEL.search(text):
            found = True
    return box if found else None


def _player_box(el, stop=None):
    """The box a template sets around a player with labels — the programme's name, its
    duration — or a cover picture (``div.podcast-player``): the outermost of the player's
    three nearest ancestors that is short, holds no paragraph of other text, and whose class
    or id words name a player; None when there is none or it prints a paragraph (the player
    alone goes with the players)."""
    box, found = el, None
    for level, node in enumerate(el.iterancestors()):
        if level > 2 or node is stop or node.tag in ("article", "body", "main", "figure"):
            break
        if short_text(node, READ_ALOUD_BOX_MAX_CHARS) is None or _holds_other_text(node, box):
            break
        box = node
        words = class_words(node) | {w for w in re.split(r"[-_\s]+", (node.get("id") or "").lower()) if w}
        if words & PLAYER_WORDS:
            found = node
    if found is not None and any(text_of(p).strip() for p in found.iter("p")):  # a short box: cheap
        return None  # a paragraph in the box (a radio item's presentation) is text
    return found


def _holds_other_text(node, inner) -> bool:
    """Whether ``node`` holds a paragraph of text besides ``inner`` (the widget so far)."""
    for child in node:
        if child is inner or not isinstance(child.tag, str):
            continue
        for block in (child, *child.iterdescendants(*TEXT_BLOCK_TAGS)):
            if block.tag in TEXT_BLOCK_TAGS and len(text_of(block)) >= READ_ALOUD_LINE_CHARS:
                return True
    return False


def _player_kind(el, scripts: list[str]) -> str:
    """'audio' or 'video' for a generic player (``GENERIC_PLAYERS``): 'audio' when the
    media files it names — in its own address, or in ``scripts``, the inline set-up scripts
    that name its id, else those of the article (not a sidebar's) — are audio files only,
    or its address is an audio host; else 'video'."""
    address = " ".join(el.get(a) or "" for a in ("src", "data-src", "data-file", "data-url")) \
        if isinstance(el, etree._Element) else ""
    if AUDIO_HOSTS.search(address):
        return "audio"
    kinds = {m.group(1).lower() for m in MEDIA_FILE.finditer(address)}
    if not kinds and el.tag != "iframe":
        kinds = {m.group(1).lower() for text in scripts for m in MEDIA_FILE.finditer(text)}
    return "audio" if kinds and kinds <= AUDIO_FILE_TYPES else "video"


def _media_kind(sel: Selector, keep: frozenset, ld_media: set[str]) -> str | None:
    """'video', 'audio' or None: what the article's players (not furniture, not read-aloud
    widgets) or its JSON-LD clips say it is; video when both are there."""
    generic = set(_markers_found(sel, GENERIC_PLAYERS, keep))
    kinds = {"video" for el in _markers_found(sel, VIDEO_MARKERS, keep) if el not in generic} | ld_media
    players = [el for el in generic if not _reads_aloud(el)]  # a read-aloud widget's player is none
    if players:
        block = _article_block(sel, keep)
        scripts = [(script, script.text or "") for script in sel.root.iter("script")
                   if not script.get("src") and "player" in (script.text or "").lower()]
        article_scripts = [text for script, text in scripts
                           if not in_furniture(script, keep) and (block is None or contains(block, script))]
        for el in players:
            own = [text for _, text in scripts if el.get("id") and el.get("id") in text]
            kinds.add(_player_kind(el, own or article_scripts))
    if any(not _reads_aloud(el) for el in _markers_found(sel, AUDIO_MARKERS, keep)):
        kinds.add("audio")
    return "video" if "video" in kinds else ("audio" if kinds else None)


def decide_content_type(url: str, title: str, body: str, captions: list[str], sel: Selector | None,
                        outlet: OutletConfig, keep: frozenset | None = None,
                        ld_items: list[dict] | None = None, pages: int = 1) -> tuple[str, str]:
    """(type, rule) by the documented order: URL section, title marker, media element,
    photo gallery, pages, then length.

    - url: the outlet's media sections (``/video/``, ``/podcast/``, ``/multimedia/``...)
    - title: markers such as ``[Photo]``, ``[Video]``
    - media: a text of at most ``media_max_words`` words (``tin_max_words`` unless the
      outlet says otherwise; a broadcaster's page around a player is the broadcast however
      long its text) around a video or audio player that is not page furniture (a player
      in a sidebar or header does not count; a lazy-loaded YouTube iframe, a JW Player box
      or an AMP player does; a widget reading the text aloud does not), or whose JSON-LD
      describes a clip. A player that shows nothing of what it plays is audio when the
      files it names are audio files (``_player_kind``); video wins over audio
    - gallery: three or more captioned images around fewer than 250 words
    - pages: a text the outlet splits over several ``pages`` (the first page's paging
      line names further pages) is ``bai``: only long texts are split
    - length: otherwise at most ``tin_max_words`` words (400 by default) is ``tin``, more is
      ``bai``; words are the body's whitespace-separated tokens, so exactly
      ``tin_max_words`` words is still ``tin`` and one more is ``bai``

    ``keep`` (the body element and its ancestors, never furniture) and ``ld_items`` (the
    page's JSON-LD objects) are found from ``sel`` when not given.
    """
    path = re.sub(r"^https?://[^/]+", "", url)
    for pattern, kind in outlet.content_type_url:
        if pattern.search(path):
            return kind, "url"
    for pattern, kind in outlet.content_type_title:
        if pattern.search(title):
            return kind, "title"
    words = len(body.split())
    if sel is not None and (outlet.media_max_words is None or words <= outlet.media_max_words):
        keep = keep_of(_find_body(sel, outlet)[1]) if keep is None else keep
        kind = _media_kind(sel, keep, _ld_media(_ld_items(sel) if ld_items is None else ld_items))
        if kind:
            return kind, "media"
    if len(captions) >= 3 and words < 250:
        return "anh", "gallery"
    if pages > 1:
        return "bai", "pages"
    return ("tin" if words <= outlet.tin_max_words else "bai"), "length"


# ---- the article --------------------------------------------------------------------------
def _parse(html: str, url: str) -> Selector | None:
    if not html or not html.strip():
        return None
    try:
        sel = Selector(text=html.lstrip("\ufeff"))
    except (ValueError, etree.ParserError) as exc:
        log.info("unparseable HTML at %s: %s", url, exc)
        return None
    if sel.root is None or not isinstance(sel.root, etree._Element):
        return None
    _inline_frame_documents(sel.root, url)
    _wrap_labelled_lines(sel.root)
    if _nesting_depth_of_last(sel.root) >= PARSER_MAX_DEPTH - 1:
        log.warning("HTML at %s nests elements %d deep, the parser's limit: the page is read only up to "
                    "that point", url, PARSER_MAX_DEPTH)
    return sel


def _wrap_labelled_lines(root: etree._Element) -> None:
    """Set each labelled field line printed as bare text between line breaks ("Tác giả:
    Đức Thịnh<br>Từ khóa: <a>…</a>, <a>…</a><br>": a CMS's property list) in a ``span`` of
    its own, so that the field readers see the line as an element and the body leaves it
    out like any other field element. Its text stays as printed. One pass over the breaks."""
    for br in list(root.iter("br")):
        parent = br.getparent()
        if parent is None:
            continue
        if br.getprevious() is None and _is_field_label(parent.text):  # the line before the first break
            _wrap_line(parent, None, stop=br)
        if _is_field_label(br.tail):
            _wrap_line(parent, br)


def _is_field_label(text: str | None) -> bool:
    """Whether a bare text opens with a writer's credit, a tag label or a section label
    (each with its colon: "Tác giả:", "Từ khóa:", "Chuyên mục:")."""
    if not text or not text.strip():
        return False
    if CREDIT.match(text) and WRITER_CREDIT.match(text):
        return True
    return bool(FIELD_TAG_LABEL.match(text) or CATEGORY_LABEL.match(text))


def _wrap_line(parent, after, stop=None) -> None:
    """Move the text after ``after`` (a break; None: the parent's leading text) and the
    inline siblings that follow it, up to the next break or block, into a new ``span``,
    when that line is short (``LABELLED_LINE_CHARS``)."""
    siblings = parent.iterchildren() if after is None else after.itersiblings()
    inline = (lambda c: c is not stop and (not isinstance(c.tag, str) or c.tag not in BLOCK_TAGS))
    run = list(itertools.takewhile(inline, siblings))
    text = parent.text if after is None else after.tail
    if len(text) + sum(len(text_within(c, LABELLED_LINE_CHARS)[0]) + len(c.tail or "") for c in run) \
            > LABELLED_LINE_CHARS:
        return
    span = etree.Element("span")
    span.text = text
    if after is None:
        parent.text = None
        parent.insert(0, span)
    else:
        after.tail = None
        after.addnext(span)
    for child in run:
        span.append(child)  # with its tail: the separators between the links stay on the line


def _inline_frame_documents(root: etree._Element, url: str) -> None:
    """Put the text of an ``<iframe srcdoc>`` that holds prose in place of the frame.

    A CMS may isolate the article text in an inline frame: the whole document sits in the
    frame's ``srcdoc`` attribute of the same response, and the reader sees it in the
    article column as if it were inline. A frame whose document has at least
    ``FRAME_PROSE_WORDS`` words in paragraphs is replaced by a ``div`` (with the frame's
    class and id) holding that document's body; any other frame — one whose class, id or
    title names an ad or a widget, a player — stays a frame, which the reading drops."""
    for frame in root.xpath("//iframe[@srcdoc]"):
        if is_furniture(frame) or AD_FRAME_TITLE.search(frame.get("title") or ""):
            continue  # an ad, a widget, a social post: named so on the frame itself
        try:
            doc = lxml.html.document_fromstring(XML_DECLARATION.sub("", frame.get("srcdoc"), count=1))
        except (ValueError, etree.ParserError):
            continue
        body = doc.find("body")
        if body is None:
            continue
        for el in body.xpath(".//script | .//style | .//noscript | .//template | .//iframe[@srcdoc]"):
            el.drop_tree()
        prose = " ".join(" ".join(p.itertext()) for p in body.iter("p"))
        if len(prose.split()) < FRAME_PROSE_WORDS:
            continue
        inlined = etree.Element("div", {"data-srcdoc": "1", **{k: frame.get(k) for k in ("class", "id") if frame.get(k)}})
        inlined.text = body.text
        inlined.extend(list(body))
        inlined.tail = frame.tail
        frame.getparent().replace(frame, inlined)
        log.debug("read the text of an inline frame document at %s", url)


def _nesting_depth_of_last(root) -> int:
    """How deep the last node of the tree lies. The parser stops at ``PARSER_MAX_DEPTH``
    and drops the rest of the page, so a cut tree ends at that depth."""
    return _last_inside(root)[1]


def extract_article(html: str, url: str, outlet: OutletConfig, first_page: str | None = None) -> Extraction:
    """Fields of one article page. Never raises on bad HTML: missing fields stay empty.
    ``first_page``: the address of the article's first page, when this is a further page
    of a split article (its opening paragraph stays text: a crosshead is no sapo there)."""
    result = Extraction()
    sel = _parse(html, url)
    if sel is None:
        return result
    walls = _login_walls(sel.root)
    for wall in walls:  # the prompt printed in place of the text is no text
        _remove(wall)
    ld_items = _ld_items(sel)
    ld = _json_ld(ld_items)
    s = outlet.selectors
    order = _document_order(sel)
    body, body_root, result.extraction, continuations = _find_body(sel, outlet, order)
    page = _Page(sel, url, outlet, ld, body_root, keep_of(body_root),
                 order, _site_names(sel, outlet, ld), continuations)
    title_el, result.title = _title(page, s["title"])
    if title_el is None and result.title:  # a title from the meta tags: where the page prints it, if it does
        title_el = _printed_title(page, result.title)
    result.not_found = _is_not_found_page(sel, result.title, page.site_names)
    result.section_page = is_section_page(sel, url, outlet, result.title)
    lead_el, result.lead = _lead(page, s["lead"], title_el, result.title)
    configured_captions = _captions(page, s["captions"])
    around = _beside_with_images(body_root) if result.extraction == "fallback" and body_root is not None else ()
    generic_captions = _unmatched_captions(configured_captions, _image_captions(
        page, _between(body_root, continuations) + continuations + around, title_el))
    last = len(page.order)
    result.captions = [text for _, text in sorted(configured_captions + generic_captions,
                                                  key=lambda item: page.order.get(item[0], last))]
    result.captions = [" ".join(text.split()) for text in result.captions]  # a line break set by hand is no new line
    date_el, result.date_text, result.published_at = _date(page, s["date"], title_el)
    author_el, author = first_match(sel, s["author"], keep=page.keep)
    role = (author_el, author) if author and CREDIT_ONLY.fullmatch(author) else None
    if author and (_name_key(author) in page.site_names or role):
        author_el, author = None, None  # the outlet's own name, or a role ("PV"): a name may follow
    if not author:
        author = _ld_author(ld, ld_items)
        if author and CREDIT_ONLY.fullmatch(author):
            role, author = role or (None, author), None
        author = None if author and _name_key(author) in page.site_names else author
    closing_el, closing = _closing_byline(page)
    attribution = bool(closing) and bool(ATTRIBUTION.fullmatch(closing))
    if not author and not attribution:
        author_el, author = closing_el, closing
    if not author:
        author_el, author = _marked_byline(page)
    if not author:
        author_el, author = _microdata_author(page)
    if not author:
        address_el, address = _address_byline(page)
        if address and CREDIT_ONLY.fullmatch(address):
            role = role or (address_el, address)
        elif address:
            author_el, author = address_el, address
    if not author and not attribution:
        author_el, author = _signature_after_body(page)
    if not author:
        author_el, author = _byline_in_date_row(page, date_el)
    if author and _name_key(_clean_author(author) or "") in page.site_names:
        author_el, author = None, None  # the outlet printed as its own byline names no writer
    if not author and role:
        author_el, author = role  # "Nhóm PV" is the whole credit printed: what the editor records
    if not attribution and _clean_author(closing) != _clean_author(author):
        closing_el = None  # the body's last line names someone else: it stays body
    if closing_el is None and author:
        credit_el, credit = _closing_byline(page, pictures=True)
        if credit and _clean_author(credit) == _clean_author(author):
            closing_el = credit_el  # "Ảnh: Quang Huy" closing the photo story of Quang Huy
    result.author = _clean_author(author)
    labelled_el, labelled = _labelled_category(page)
    result.category = (_category(sel, s["category"]) or clean_text(_ld_text(ld.get("articleSection")))
                       or _ld_breadcrumb(ld_items, result.title, url)
                       or _generic_category(page, title_el, labelled, date_el) or None)
    tags_el, result.tags = None, _configured_tags(sel, s["tags"], result.category, labelled_el)
    if not result.tags:
        tags_el, result.tags = _generic_tags(page, title_el, labelled_el)
    continued = first_page is not None and first_page != url
    if body_root is not None:
        result.more_pages, paging = further_pages(body_root, url, page_base_url(sel, url), first_page)
        lead_in_body = lead_el if not (continued and lead_el is not None and page.holds(lead_el)) else None
        tag_line = tags_el if tags_el is not None and short_text(tags_el, LABELLED_LINE_CHARS) else None
        drop = _not_body(page, title_el, (lead_in_body, _date_line(date_el), author_el, closing_el, tag_line,
                                          *paging, *(el for el, _ in generic_captions)))
        drop += tuple(el for el, _ in generic_captions if any(contains(part, el) for part in continuations))
        result.body = ("\n".join(text_of(_clean_body(el, outlet, drop)) for el in (body_root, *continuations))
                       if drop else (body or ""))
        if result.extraction == "fallback" and (result.published_at is None or not result.title):
            date, title = _metadata(html, url, outlet.timezone)
            result.published_at = result.published_at or date
            result.title = result.title or _strip_site_name(title, page.site_names)
    elif not walls:  # behind a login wall the text is not on the page: the rest of it is no text
        _fallback(html, url, result, page)
    result.body = _without_closing_properties(result.body, result.author, result.tags)
    if result.title and result.body.startswith(result.title + "\n"):
        result.body = result.body[len(result.title) + 1:].lstrip()  # a headline printed inside the text block
    if result.lead and not continued:
        result.body = _without_opening_lead(result.body, result.lead, printed=lead_el is not None)
    result.content_type, result.content_type_rule = decide_content_type(
        url, result.title, result.body, result.captions, sel, outlet, page.keep, ld_items,
        pages=1 + len(result.more_pages))
    return result


def _without_closing_properties(body: str, author: str | None, tags: list[str]) -> str:
    """The body without the property lines that close it (``PROPERTY_LINE``: the author's
    and the keywords' labelled lines a template prints as bare text in the body element),
    when each is what the page gave as the author or the tags (a book's "Tác giả:" at the
    end of a review is the review's text)."""
    lines = body.split("\n")
    end = len(lines)
    while (end > 1 and len(lines[end - 1]) <= PROPERTY_LINE_MAX_CHARS
           and _read_property_line(lines[end - 1], author, tags)):
        end -= 1
    return "\n".join(lines[:end]) if end < len(lines) else body


def _read_property_line(line: str, author: str | None, tags: list[str]) -> bool:
    """Whether a line is a property line whose value is the author read (``author``) or
    the tags read (each of its comma-separated items is one of ``tags``)."""
    match = PROPERTY_LINE.match(line)
    if match is None:
        return False
    value = _folded(line[match.end():])
    if match.group(1).lower() == "tác giả":
        return bool(value) and value == _folded(author or "")
    items = [_folded(item) for item in re.split(r"[,;]", line[match.end():]) if item.strip()]
    known = {_folded(tag) for tag in tags}
    return bool(items) and all(item in known for item in items)


def _folded(text: str) -> str:
    """A text compared case-blind, its spaces and punctuation at the ends trimmed."""
    return " ".join(clean_text(text).casefold().split()).strip(" .,;")


def _without_opening_lead(body: str, lead: str, printed: bool) -> str:
    """The body without the lead it repeats at its start: whole paragraphs, or, for a sapo
    the page prints apart, its words at the head of the first paragraph; the body as it
    is when the lead is all of the text, or a description in the meta tags that ends
    inside a paragraph (cut from the first one)."""
    rest = body[len(lead):] if body.startswith(lead) else None
    if rest is None or not rest.strip():
        return body
    if rest.startswith("\n") or (printed and not rest[0].isalnum()):
        return rest.strip()
    return body


def _metadata(html: str, url: str, timezone: str) -> tuple[str | None, str]:
    """(publication time, title) as trafilatura reads them off a page of an unknown template
    (its meta tags in any convention, its URL, its text, a headline that is no ``h1``), for
    what our own readings did not find."""
    try:
        from trafilatura.metadata import extract_metadata
        found = extract_metadata(html, default_url=url, date_config={**FALLBACK_DATE_PARAMS, "extensive_search": True})
    except Exception as exc:  # trafilatura raises many kinds on broken input
        log.info("trafilatura's metadata failed at %s: %s", url, exc)
        return None, ""
    if found is None:
        return None, ""
    return (parse_date(found.date, timezone) if found.date else None), clean_text(found.title or "")


def _fallback(html: str, url: str, result: Extraction, page: _Page) -> None:
    """Generic extraction with trafilatura when no selector found a body; the lines it
    repeats from the head of the article (title, lead, date line, the section and the
    byline printed there) are dropped."""
    try:
        import trafilatura
    except ImportError:  # pragma: no cover - a pinned dependency
        return
    try:
        doc = trafilatura.bare_extraction(html, url=url, include_comments=False, include_tables=False,
                                          with_metadata=True, date_extraction_params=FALLBACK_DATE_PARAMS)
    except Exception as exc:  # trafilatura raises many kinds on broken input
        log.info("trafilatura failed at %s: %s", url, exc)
        return
    if not doc:
        return
    title = result.title or _strip_site_name(clean_text(getattr(doc, "title", None) or ""), page.site_names)
    repeated = {t for t in (title, result.lead, result.date_text, result.category, result.author) if t}
    lines = clean_text(getattr(doc, "text", None) or "").split("\n")
    while lines and lines[0] in repeated:
        lines.pop(0)
    text = "\n".join(line for line in lines if line not in result.captions and not AD_LABEL.match(line))
    if len(text) < MIN_BODY_CHARS:
        return
    result.body = text
    result.extraction = "fallback"
    result.title = title
    if result.published_at is None and getattr(doc, "date", None):
        result.published_at = parse_date(doc.date, page.outlet.timezone)
