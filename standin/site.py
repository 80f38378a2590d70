"""Render article records into the page structure of each outlet (no network)."""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import math
from dataclasses import dataclass, field
from html import escape
from pathlib import Path
from typing import Callable

import yaml

PAGE_SIZE = 10
Route = tuple[int, str, bytes]  # status, content type, body


@dataclass
class StandinArticle:
    slug: str
    outlet: str
    category: str
    title: str
    lead: str
    body: list[str]
    captions: list[str]
    published: dt.datetime
    author: str
    content_type: str
    topics: list[str]
    tags: list[str]
    numeric_id: int = 0

    @property
    def hex_id(self) -> str:
        return hashlib.sha1(self.slug.encode()).hexdigest()[:7]


def load_articles(path: str | Path) -> list[StandinArticle]:
    raw = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    return [article_from_record(r) for r in raw]


def article_from_record(r: dict) -> StandinArticle:
    published = r["published"]
    if isinstance(published, str):
        published = dt.datetime.strptime(published, "%Y-%m-%d %H:%M")
    return StandinArticle(slug=r["slug"], outlet=r["outlet"], category=r["category"], title=r["title"],
                          lead=r.get("lead") or "", body=list(r.get("body") or []),
                          captions=list(r.get("captions") or []), published=published,
                          author=r.get("author") or "", content_type=r.get("content_type") or "tin",
                          topics=list(r.get("topics") or []), tags=list(r.get("tags") or []))


def variants(articles: list[StandinArticle], copies: int) -> list[StandinArticle]:
    """More articles for load and kill tests: copies with new slugs, days shifted back."""
    import dataclasses

    out = list(articles)
    for n in range(1, copies):
        for a in articles:
            out.append(dataclasses.replace(a, slug=f"{a.slug}-{n}", title=f"{a.title} ({n})",
                                           published=a.published - dt.timedelta(days=n)))
    return out


def fresh_articles(articles: list[StandinArticle], count: int, now: dt.datetime,
                   tag: str = "moi") -> list[StandinArticle]:
    """*count* new articles per outlet, published in the hours before *now* (local time of the
    sites): copies of the records with new slugs and a marked title, so that a crawl after
    the first one has something new to find."""
    import dataclasses

    out = []
    for outlet in sorted({a.outlet for a in articles}):
        members = [a for a in articles if a.outlet == outlet]
        for i in range(count):
            source = members[i % len(members)]
            out.append(dataclasses.replace(source, slug=f"{source.slug}-{tag}{i}", title=f"{source.title} [{tag} {i}]",
                                           published=now - dt.timedelta(hours=i + 1)))
    return out


def _redirect(location: str) -> Callable:
    def respond(handler) -> None:
        handler.send_response(301)
        handler.send_header("Location", location)
        handler.send_header("Content-Length", "0")
        handler.end_headers()

    return respond


def _page(title: str, content: str, head: str = "") -> bytes:
    return (f'<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>{escape(title)}</title>{head}'
            f'</head><body><header class="site-header"><a href="/">Trang chủ</a></header>{content}'
            f'<footer>© stand-in</footer></body></html>').encode("utf-8")


def _paragraphs(article: StandinArticle, image_table: Callable[[str, int], str]) -> str:
    parts = []
    captions = list(article.captions)
    for i, paragraph in enumerate(article.body):
        parts.append(f"<p>{escape(paragraph)}</p>")
        if captions and (i == 0 or article.content_type == "anh"):
            parts.append(image_table(captions.pop(0), i))
    parts.extend(image_table(c, 100 + j) for j, c in enumerate(captions))
    return "".join(parts)


def _media(article: StandinArticle) -> str:
    if article.content_type == "video":
        return f'<div class="video-player"><video controls src="/media/{article.slug}.mp4"></video></div>'
    if article.content_type == "audio":
        return f'<div class="audio-player"><audio controls src="/media/{article.slug}.mp3"></audio></div>'
    return ""


@dataclass
class Site:
    """All routes of one outlet's stand-in: path (with query) -> response."""
    outlet: str
    routes: dict[str, Route] = field(default_factory=dict)
    articles: dict[str, StandinArticle] = field(default_factory=dict)  # real article path -> record

    def get(self, path: str) -> Route | Callable:
        """The route for a request path; like the live sites, an article path without its
        trailing slash or with tracking parameters redirects to the canonical one."""
        if path in self.routes:
            return self.routes[path]
        bare = path.split("?")[0]
        for candidate in (bare, bare + "/"):
            if candidate != path and candidate in self.articles:
                return _redirect(candidate)
        if bare in self.routes:
            return self.routes[bare]
        return (404, "text/html; charset=utf-8", _page("Không tìm thấy", "<h1>404</h1>"))


class BaoThaiNguyenSite:
    """baothainguyen.vn: /<category>/<YYYYMM>/<slug>-<hex7>/, listings with a.title2 and a
    next link, and the JSON listing API on api-public (served under /_hosts/<host>/)."""

    api_host = "api-public.baothainguyen.vn"

    def __init__(self, articles: list[StandinArticle], page_size: int = PAGE_SIZE,
                 dated_listings: bool = True) -> None:
        self.items = sorted(articles, key=lambda a: a.published, reverse=True)
        self.page_size = page_size
        self.dated_listings = dated_listings

    def path(self, a: StandinArticle) -> str:
        return f"/{a.category}/{a.published:%Y%m}/{a.slug}-{a.hex_id}/"

    def build(self) -> Site:
        site = Site("baothainguyen")
        html = "text/html; charset=utf-8"
        site.routes["/robots.txt"] = (200, "text/plain", b"User-agent: *\nDisallow: /tim-kiem/\n")
        for a in self.items:
            site.routes[self.path(a)] = (200, html, self.article_page(a))
            site.articles[self.path(a)] = a
        categories = sorted({a.category for a in self.items})
        for category in categories:
            members = [a for a in self.items if a.category == category]
            pages = max(1, math.ceil(len(members) / self.page_size))
            for n in range(1, pages + 1):
                chunk = members[(n - 1) * self.page_size:n * self.page_size]
                body = self.listing_page(category, chunk, n, pages)
                site.routes[f"/{category}/" + (f"?page={n}" if n > 1 else "")] = (200, html, body)
        api_pages = max(1, math.ceil(len(self.items) / 20))
        for n in range(1, api_pages + 1):
            chunk = self.items[(n - 1) * 20:n * 20]
            payload = {"success": True, "data": [self.api_item(a) for a in chunk],
                       "meta": {"page": n, "limit": 20, "total": len(self.items), "totalPages": api_pages}}
            key = (f"/_hosts/{self.api_host}/v1/article?category_ids=&page={n}&limit=20"
                   "&sortBy=publish_date&sortOrder=DESC")
            site.routes[key] = (200, "application/json", json.dumps(payload, ensure_ascii=False).encode())
        return site

    def api_item(self, a: StandinArticle) -> dict:
        return {"id": int(a.hex_id, 16), "title": a.title, "desc": a.lead, "slug": f"{a.slug}-{a.hex_id}",
                "publish_date": a.published.strftime("%Y-%m-%dT%H:%M:%S+07:00"),
                "category": {"name": a.category, "slug": a.category}}

    def listing_page(self, category: str, chunk: list[StandinArticle], n: int, pages: int) -> bytes:
        items = []
        for i, a in enumerate(chunk):
            href = self.path(a)
            if i % 3 == 1:
                href = href.rstrip("/") + "?utm_source=home&utm_medium=listing"  # as shared links look
            when = f'<span class="time">{a.published:%H:%M, %d/%m/%Y}</span>' if self.dated_listings else ""
            items.append(f'<div class="item"><a class="title2" href="{escape(href)}">{escape(a.title)}</a>'
                         f'{when}<div class="desc">{escape(a.lead)}</div></div>')
        nav = f'<a class="next" href="/{category}/?page={n + 1}">Trang sau</a>' if n < pages else ""
        return _page(category, f'<h1 class="cate">{escape(category)}</h1><div class="list">{"".join(items)}</div>'
                               f'<div class="pagination">{nav}</div>')

    def article_page(self, a: StandinArticle) -> bytes:
        def image(caption: str, i: int) -> str:
            return (f'<table class="image"><tr><td><img src="/img/{a.slug}-{i}.jpg" alt=""></td></tr>'
                    f'<tr><td class="desc">{escape(caption)}</td></tr></table>')

        tags = "".join(f'<a href="/tag/{escape(t)}">{escape(t)}</a>' for t in a.tags)
        related = ('<div class="related"><h3>Tin liên quan</h3><a href="/phap-luat/">Các tin khác cùng chuyên mục'
                   '</a></div>')
        content = (f'<div class="breadcrumb"><a class="title color1" href="/{a.category}/">{escape(a.category)}</a></div>'
                   f'<h1 class="title-detail">{escape(a.title)}</h1>'
                   f'<span class="date-detail">{a.published:%H:%M, %d/%m/%Y}</span>'
                   f'<div class="desc">{escape(a.lead)}</div>'
                   f'<div class="content-detail"><div class="td-post-content">{_media(a)}'
                   f'{_paragraphs(a, image)}{related}</div></div>'
                   f'<p class="author-detail">{escape(a.author)}</p><div class="tags">{tags}</div>')
        head = f'<meta property="og:title" content="{escape(a.title)}">'
        return _page(a.title, content, head)


class ThaiNguyenTVSite:
    """thainguyentv.vn (MasterCMS family): /<slug>-<id>.html with growing ids, listings
    under /thai-nguyen/<category>, /video and /phat-thanh, inline related boxes."""

    def __init__(self, articles: list[StandinArticle], page_size: int = PAGE_SIZE, dated_listings: bool = True,
                 first_id: int = 80000) -> None:
        self.items = sorted(articles, key=lambda a: a.published, reverse=True)
        for i, a in enumerate(sorted(self.items, key=lambda a: a.published)):
            a.numeric_id = first_id + 37 * i
        self.page_size = page_size
        self.dated_listings = dated_listings

    def path(self, a: StandinArticle) -> str:
        return f"/{a.slug}-{a.numeric_id}.html"

    def listing_key(self, a: StandinArticle) -> str:
        if a.content_type == "video":
            return "/video"
        if a.content_type == "audio":
            return "/phat-thanh"
        return f"/thai-nguyen/{a.category}"

    def build(self) -> Site:
        site = Site("thainguyentv")
        html = "text/html; charset=utf-8"
        site.routes["/robots.txt"] = (200, "text/plain", b"User-agent: *\nDisallow: /admin/\n")
        for a in self.items:
            site.routes[self.path(a)] = (200, html, self.article_page(a))
            site.articles[self.path(a)] = a
        for key in sorted({self.listing_key(a) for a in self.items}):
            members = [a for a in self.items if self.listing_key(a) == key]
            pages = max(1, math.ceil(len(members) / self.page_size))
            for n in range(1, pages + 1):
                chunk = members[(n - 1) * self.page_size:n * self.page_size]
                site.routes[key + (f"?page={n}" if n > 1 else "")] = (200, html, self.listing_page(key, chunk, n, pages))
        return site

    def listing_page(self, key: str, chunk: list[StandinArticle], n: int, pages: int) -> bytes:
        items = "".join(
            f'<div class="article-item"><h3 class="article-title"><a href="{self.path(a)}">{escape(a.title)}</a></h3>'
            + (f'<span class="format_date">{a.published:%d/%m/%Y}</span>' if self.dated_listings else "") + '</div>'
            for a in chunk)
        nav = f'<a class="next" href="{key}?page={n + 1}">Sau</a>' if n < pages else ""
        return _page(key, f'<div class="list">{items}</div><div class="__MB_ARTICLE_PAGING">{nav}</div>')

    def article_page(self, a: StandinArticle) -> bytes:
        def image(caption: str, i: int) -> str:
            return (f'<table class="image"><tr><td><img src="/upload/{a.published:%Y/%m/%d}/{a.slug}-{i}.jpg"></td></tr>'
                    f'<tr><td class="desc">{escape(caption)}</td></tr></table>')

        related = ('<table class="__MB_ARTICLE_A"><tr><td><a href="/">Xem thêm: Bản tin thời sự tối</a>'
                   '</td></tr></table>')
        paragraphs = _paragraphs(a, image)
        cut = paragraphs.find("</p>") + 4 if "</p>" in paragraphs else 0
        content = (f'<div class="article-detail-cate"><a href="/thai-nguyen/{a.category}">{escape(a.category)}</a></div>'
                   f'<h1 class="article-detail-title">{escape(a.title)}</h1>'
                   f'<div class="article-detail-date"><span class="format_time">{a.published:%H:%M}</span> | '
                   f'<span class="format_date">{a.published:%d/%m/%Y}</span></div>'
                   f'<div class="article-detail-desc">{escape(a.lead)}</div>'
                   f'<div class="__MASTERCMS_CONTENT">{_media(a)}{paragraphs[:cut]}{related}{paragraphs[cut:]}</div>'
                   f'<div class="article-detail-author">{escape(a.author)}</div>')
        return _page(a.title, content)


def build_sites(articles: list[StandinArticle], page_size: int = PAGE_SIZE,
                dated_listings: bool = True) -> dict[str, Site]:
    """One Site per outlet present in the records; ``dated_listings=False`` prints no date
    beside the items of a listing (as some sites' listings do)."""
    by_outlet = {"baothainguyen": BaoThaiNguyenSite, "thainguyentv": ThaiNguyenTVSite}
    sites = {}
    for outlet, renderer in by_outlet.items():
        members = [a for a in articles if a.outlet == outlet]
        if members:
            sites[outlet] = renderer(members, page_size, dated_listings).build()
    return sites
