"""The further pages of an article that an outlet splits over several pages ("Trang: 1 2 3
Trang sau »" under the text): their addresses, and the paging lines that name them (no
text of the article). The spider fetches the pages and joins their text to the first's.

A link names a page of the same article when it leads to the article's own address with a
page number: in the query (``?page=2``, ``&p=2``, ``?trang=2``; tracking parameters aside)
or at the end of its path (``<slug>/2``, ``<slug>/page/2``, ``<slug>-p2.html``,
``<slug>/trang-2``; a bare ``<slug>-2`` is another post's slug). Only the body and the few
elements just after it are read, outside page furniture: a listing's or a box's paging
elsewhere on the page is no page of the article.
"""
from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlsplit

from crawler.page import in_furniture_known, text_of, text_within
from crawler.urls import TRACKING_PARAMS, absolute

PAGE_PARAMETERS = {"page", "p", "trang", "pg", "paged", "pageindex"}
# The end of a path that numbers a page: "/2", "/page/2", "/trang-2", "-p2", "-page-2", "-trang-2".
PATH_PAGE = re.compile(r"(?:/(?:page/|trang-?|p)?|-(?:p|page-?|trang-?))([0-9]{1,4})(?:\.html?)?/?$", re.IGNORECASE)
PAGE_NUMBER = re.compile(r"[0-9]{1,4}")
MAX_ARTICLE_PAGES = 20  # pages after the first that one article may have
MAX_CONTROL_CHARS = 160  # a paging line is short: numbers and "Trang sau"
SIBLINGS_READ = 3  # elements after the body that may hold its paging


def page_number(url: str, first_url: str, largest: int = 1 + MAX_ARTICLE_PAGES) -> int | None:
    """The page number ``url`` gives of the article whose first page is ``first_url``: 1
    for that address itself, the number of a page parameter that is all that differs (an
    id such as WordPress's ``?p=218734`` is none: page numbers are small), or of a page
    suffix of its path, up to ``largest``; None for any other address."""
    try:
        link, first = urlsplit(url), urlsplit(first_url)
    except ValueError:
        return None
    if link.netloc.lower() != first.netloc.lower():
        return None
    ours, theirs = _query(first.query), _query(link.query)
    if link.path.rstrip("/") == first.path.rstrip("/"):
        changed = {key for key in ours.keys() | theirs.keys() if ours.get(key) != theirs.get(key)}
        if not changed:
            return 1
        key = changed.pop()
        return _small_number(theirs.get(key), largest) if not changed and key.lower() in PAGE_PARAMETERS else None
    found = PATH_PAGE.search(link.path)
    if not found or theirs != ours:
        return None
    stem = link.path[:found.start()]
    first_stem = re.sub(r"\.html?$", "", first.path.rstrip("/"), flags=re.IGNORECASE)
    return _small_number(found.group(1), largest) if stem == first_stem else None


def first_page(url: str, largest: int = 1 + MAX_ARTICLE_PAGES) -> str:
    """The address of the article's first page, from the address of one of its pages: a
    page parameter with a small number taken off its query, or a page suffix off its path
    (only an explicit one: "<slug>-298711-7.html" ends with the article's id), up to
    ``largest``."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return url
    pairs = parse_qsl(parts.query, keep_blank_values=True)
    pages = [(k, v) for k, v in pairs if k.lower() in PAGE_PARAMETERS and _small_number(v, largest)]
    if len(pages) == 1:
        query = "&".join(f"{k}={v}" for k, v in pairs if (k, v) != pages[0])
        return parts._replace(query=query, fragment="").geturl()
    found = PATH_PAGE.search(parts.path)
    if found and not pages and _small_number(found.group(1), largest):
        return parts._replace(path=parts.path[:found.start()], fragment="").geturl()
    return parts._replace(fragment="").geturl()


def further_pages(body_root, page_url: str, base_url: str | None = None,
                  first_url: str | None = None) -> tuple[list[str], list]:
    """(addresses of the article's pages after this one, in order; the paging lines that
    link its pages, on every page of it) for the body element of an article page.
    ``base_url`` resolves relative links (the page's ``<base href>``); ``first_url`` is the
    article's first page when this page is a further one (else it is found from ``page_url``)."""
    if body_root is None:
        return [], []
    first = first_url or first_page(page_url)
    current = page_number(page_url, first) or 1
    known: dict = {}
    found: dict[int, str] = {}
    anchors = []
    for scope in _scopes(body_root, known):
        for anchor in scope.iter("a"):
            href = (anchor.get("href") or "").strip()
            if not href or href.startswith(("#", "javascript:")) or in_furniture_known(anchor, known):
                continue
            try:
                url = absolute(base_url or page_url, href)
            except ValueError:
                continue
            number = page_number(url, first)
            if number is None or (number == 1 and current == 1):  # a link to itself on the first page
                continue
            anchors.append(anchor)
            if current < number <= current + MAX_ARTICLE_PAGES:
                found.setdefault(number, url.split("#")[0])
    return [found[n] for n in sorted(found)], _controls(anchors, body_root)


def _small_number(text: str | None, largest: int = 1 + MAX_ARTICLE_PAGES) -> int | None:
    """A page number: 1 up to ``largest``, in ASCII digits."""
    if not text or not PAGE_NUMBER.fullmatch(text):
        return None
    return int(text) if 1 <= int(text) <= largest else None


def _query(query: str) -> dict[str, str]:
    """The parameters of a query, tracking ones ("utm_source", "fbclid") left out."""
    return {k: v for k, v in parse_qsl(query, keep_blank_values=True) if not TRACKING_PARAMS.match(k)}


def _scopes(body_root, known: dict) -> list:
    """The body element and the few elements after it that are not furniture (a paging
    line printed under the text)."""
    scopes = [body_root]
    for sibling in body_root.itersiblings():
        if isinstance(sibling.tag, str) and not in_furniture_known(sibling, known):
            scopes.append(sibling)
            if len(scopes) > SIBLINGS_READ:
                break
    return scopes


def _controls(anchors: list, body_root) -> list:
    """The paging lines: for each paging link, the largest element around it below the body
    element that reads as a short line (numbers, "Trang", "sau"); each line once."""
    short: dict = {}  # element -> whether its text is a short line
    controls: dict = {}
    for anchor in anchors:
        line = None
        for el in (anchor, *anchor.iterancestors()):
            if el is body_root or el.tag in ("body", "html"):
                break
            if el not in short:
                short[el] = text_within(el, MAX_CONTROL_CHARS)[1]
            if not short[el]:
                break
            line = el
        if line is not None and text_of(line):
            controls[line] = True
    return list(controls)
