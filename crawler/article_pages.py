"""The further pages of an article that an outlet splits over several pages ("Trang: 1 2 3
Trang sau »" under the text): their addresses, and the paging control that names them (no
text of the article). The spider fetches the pages and joins their text to the first's.

A link names a further page of the same article when it leads to the article's own address
with a page number: in the query (``?page=2``, ``&p=2``, ``?trang=2``) or at the end of its
path (``<slug>/2``, ``<slug>-p2.html``, ``<slug>/trang-2``). Only the body and the few
elements just after it are read: a listing's paging elsewhere on the page is no page of
the article.
"""
from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlsplit

from crawler.page import text_of, text_within
from crawler.urls import absolute

PAGE_PARAMETERS = {"page", "p", "trang", "pg", "paged", "pageindex"}
# The end of a path that numbers a page: "/2", "-p2", "/trang-2", "-trang2", before an optional ".html".
PATH_PAGE = re.compile(r"(?:/|-)(?:p|page|trang)?-?(\d{1,3})(?:\.html?)?/?$", re.IGNORECASE)
MAX_ARTICLE_PAGES = 20  # pages after the first that one article may have
MAX_CONTROL_CHARS = 160  # a paging line is short: numbers and "Trang sau"
SIBLINGS_READ = 3  # elements after the body that may hold its paging


def page_number(url: str, article_url: str) -> int | None:
    """The page number ``url`` gives of the article at ``article_url`` (its first page), or
    None when it is not a further page of that article: the same address but for one page
    parameter with a small number (an id such as WordPress's ``?p=218734`` is none), or the
    article's path with a page number after it."""
    try:
        link, article = urlsplit(url), urlsplit(article_url)
    except ValueError:
        return None
    if link.netloc.lower() != article.netloc.lower():
        return None
    if link.path.rstrip("/") == article.path.rstrip("/"):
        ours, theirs = dict(parse_qsl(article.query)), dict(parse_qsl(link.query))
        changed = {key for key in ours.keys() | theirs.keys() if ours.get(key) != theirs.get(key)}
        if len(changed) != 1:
            return None
        key = changed.pop()
        return _small_number(theirs.get(key)) if key.lower() in PAGE_PARAMETERS else None
    found = PATH_PAGE.search(link.path)
    if not found or link.query != article.query:
        return None
    stem = link.path[:found.start()]
    article_stem = re.sub(r"\.html?$", "", article.path.rstrip("/"), flags=re.IGNORECASE)
    return _small_number(found.group(1)) if stem == article_stem else None


def _small_number(text: str | None) -> int | None:
    """A page number: 1 up to 1 + ``MAX_ARTICLE_PAGES``."""
    return int(text) if text and text.isdigit() and 1 <= int(text) <= 1 + MAX_ARTICLE_PAGES else None


def further_pages(body_root, page_url: str, base_url: str | None = None) -> tuple[list[str], object | None]:
    """(addresses of the article's pages after this one, in order; the paging line that
    links its pages, also on the last page, or None) for the body element of an article
    page. ``base_url`` resolves relative links (the page's ``<base href>``)."""
    if body_root is None:
        return [], None
    first, current = _first_page(page_url)
    found: dict[int, str] = {}
    anchors = []
    for scope in _scopes(body_root):
        for anchor in scope.iter("a"):
            href = (anchor.get("href") or "").strip()
            if not href or href.startswith(("#", "javascript:")):
                continue
            try:
                url = absolute(base_url or page_url, href)
            except ValueError:
                continue
            number = page_number(url, first)
            if number is None:
                continue
            anchors.append(anchor)
            if current < number <= current + MAX_ARTICLE_PAGES:
                found.setdefault(number, url.split("#")[0])
    if not anchors:
        return [], None
    return [found[n] for n in sorted(found)], _control(anchors, body_root)


def _first_page(url: str) -> tuple[str, int]:
    """(the article's own address, the page number of ``url``): a page parameter with a
    small number taken off its query (a number at the end of a path may be the article's
    id: "<slug>-298711-7.html", so a path is left as it is)."""
    parts = urlsplit(url)
    pairs = parse_qsl(parts.query)
    pages = [(k, v) for k, v in pairs if k.lower() in PAGE_PARAMETERS and _small_number(v)]
    if len(pages) != 1:
        return parts._replace(fragment="").geturl(), 1
    query = "&".join(f"{k}={v}" for k, v in pairs if (k, v) != pages[0])
    return parts._replace(query=query, fragment="").geturl(), int(pages[0][1])


def _scopes(body_root) -> list:
    """The body element and the few elements after it (a paging line printed under the text)."""
    scopes = [body_root]
    for sibling in body_root.itersiblings():
        if isinstance(sibling.tag, str):
            scopes.append(sibling)
            if len(scopes) > SIBLINGS_READ:
                break
    return scopes


def _control(anchors: list, body_root) -> object | None:
    """The paging line: the largest element below the body element that holds all the
    paging links and reads as a short line (numbers, "Trang", "sau"); None when the links
    share no such element."""
    chains = [[anchor, *anchor.iterancestors()] for anchor in anchors]
    shared = [el for el in chains[0] if all(el in chain for chain in chains[1:])]
    control = None
    for el in shared:  # from the links up
        if el is body_root or el.tag in ("body", "html"):
            break
        if not text_within(el, MAX_CONTROL_CHARS)[1]:
            break
        control = el
    return control if control is not None and text_of(control) else None
