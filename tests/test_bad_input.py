"""Bad input never stops a crawl or loses data: every case is stored or dropped with a reason."""
from __future__ import annotations

import time
import unicodedata

import pytest

from crawler.settings import CrawlOptions
from jobs.crawl import crawl
from standin.server import serving
from standin.site import Site
from tests.conftest import DATA

HTML = "text/html; charset=utf-8"
TEXT = ("Công an tỉnh Thái Nguyên vừa triệt phá đường dây đánh bạc, thu giữ nhiều tang vật. "
        "Vụ việc đang được cơ quan điều tra mở rộng.")


def article_html(title: str, date: str | None = "14:30 | 18/04/2022", body: str = TEXT, charset: str = "utf-8") -> str:
    date_html = (f'<div class="article-detail-date"><span class="format_time">{date.split(" | ")[0]}</span> | '
                 f'<span class="format_date">{date.split(" | ")[1]}</span></div>') if date else ""
    return (f'<html><head><meta charset="{charset}"><title>{title}</title></head><body>'
            f'<h1 class="article-detail-title">{title}</h1>{date_html}'
            f'<div class="article-detail-desc">Sapo của bài.</div>'
            f'<div class="__MASTERCMS_CONTENT"><p>{body}</p></div></body></html>')


def to_cp1258(text: str) -> bytes:
    """Vietnamese in Windows-1258: base letters precomposed, tone marks combining."""
    tones = "\u0300\u0301\u0303\u0309\u0323"
    out = []
    for ch in unicodedata.normalize("NFC", text):
        try:
            out.append(ch.encode("cp1258"))
        except UnicodeEncodeError:
            parts = unicodedata.normalize("NFD", ch)
            base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in tones))
            out.append((base + "".join(c for c in parts if c in tones)).encode("cp1258"))
    return b"".join(out)


def _respond(status: int, body: bytes, content_type: str = HTML, headers: dict | None = None):
    def handler(h) -> None:
        h.send_response(status)
        h.send_header("Content-Type", content_type)
        for k, v in (headers or {}).items():
            h.send_header(k, v)
        h.send_header("Content-Length", str(len(body)))
        h.end_headers()
        h.wfile.write(body)
    return handler


def _slow(seconds: float):
    def handler(h) -> None:
        time.sleep(seconds)
        try:
            _respond(200, article_html("Chậm").encode())(h)
        except (BrokenPipeError, ConnectionResetError):
            pass
    return handler


def bad_site() -> Site:
    site = Site("thainguyentv")
    cases = {
        "/khong-ton-tai-1001.html": _respond(404, b"<h1>404</h1>"),
        "/loi-may-chu-1002.html": _respond(500, b"<h1>500</h1>"),
        "/cham-qua-1003.html": _slow(3),
        "/vong-lap-1004.html": _respond(302, b"", headers={"Location": "/vong-lap-1005.html"}),
        "/vong-lap-1005.html": _respond(302, b"", headers={"Location": "/vong-lap-1004.html"}),
        "/ma-hoa-cu-1006.html": _respond(200, to_cp1258(article_html(
            "Tòa án xét xử vụ án đánh bạc", charset="windows-1258")), "text/html; charset=windows-1258"),
        "/html-hong-1007.html": _respond(200, ("<html><body><h1 class='article-detail-title'>Trang hỏng<div><p>"
                                               "<b><i>" + TEXT + "<table><tr><td>" * 50 + "\x00\x01").encode()),
        "/trang-khong-lo-1008.html": _respond(200, article_html(
            "Trang rất lớn", body=TEXT + "<!--" + "x" * (20 * 1024 * 1024) + "-->").encode()),
        "/khong-ngay-1009.html": _respond(200, article_html("Bài không có ngày", date=None).encode()),
        "/khong-tieu-de-1010.html": _respond(200, "<html><body><p>Chỉ có một đoạn ngắn.</p></body></html>".encode()),
        "/binh-thuong-1011.html": _respond(200, article_html("Bài bình thường").encode()),
        # removed articles: the CMS redirects their addresses to their section, or home
        "/bai-da-go-1012.html": _respond(302, b"", headers={"Location": "/thai-nguyen/phap-luat"}),
        "/bai-da-xoa-1013.html": _respond(301, b"", headers={"Location": "/"}),
    }
    links = "".join(f'<div class="article-item"><h3 class="article-title"><a href="{p}">x</a></h3></div>'
                    for p in cases)
    site.routes["/robots.txt"] = (200, "text/plain", b"User-agent: *\nAllow: /\n")
    site.routes["/thai-nguyen/thoi-su"] = (200, HTML, f"<html><body>{links}</body></html>".encode())
    menu = '<ul class="menu"><li><a href="/">Trang chủ</a></li><li><a href="/thai-nguyen/phap-luat">Pháp luật</a></li></ul>'
    site.routes["/thai-nguyen/phap-luat"] = (200, HTML, (
        f'<html><head><title>Pháp luật</title></head><body>{menu}<h1>Pháp luật</h1>'
        + "".join(f'<div class="article-item"><h3 class="article-title"><a href="/tin-phap-luat-{n}.html">Tin {n}</a>'
                  f'</h3><p>{TEXT}</p></div>' for n in (2001, 2002, 2003))
        + '</body></html>').encode())
    site.routes["/"] = (200, HTML, f"<html><head><title>Trang chủ</title></head><body>{menu}<p>{TEXT}</p></body></html>".encode())
    site.routes.update(cases)
    return site


@pytest.fixture(scope="module")
def crawled(tmp_path_factory, sources):
    from storage import open_database

    db = open_database(tmp_path_factory.mktemp("bad") / "bad.db")
    with serving({"thainguyentv": bad_site()}) as mirrors:
        run = crawl(db, DATA / "sources.yaml", [sources["thainguyentv"]], mirrors=mirrors,
                    options=CrawlOptions(polite=False, download_timeout=1.5, retry_times=1))
    yield db, run
    db.close()


def test_crawl_finishes_and_records_the_run(crawled):
    db, run = crawled
    assert db.last_runs("crawl")[0]["status"] in ("success", "degraded")


@pytest.mark.parametrize("reason", ["errors/http_404", "errors/http_500", "errors/timeout",
                                    "errors/redirect_loop", "dropped/no_title", "dropped/section_page"])
def test_each_failure_is_counted_by_reason(crawled, reason):
    _, run = crawled
    assert run.result.count(reason) >= 1, sorted(k for k in run.result.stats if "/" in k)


def test_removed_articles_redirected_to_their_section_or_home_are_not_stored(crawled):
    db, run = crawled
    assert run.result.count("dropped/section_page") == 2
    titles = {r["title"] for r in db.query("SELECT title FROM articles")}
    assert not titles & {"Pháp luật", "Trang chủ"}, titles


def test_non_utf8_page_is_decoded(crawled):
    db, _ = crawled
    row = db.query("SELECT title, body FROM articles WHERE url LIKE '%ma-hoa-cu%'")[0]
    assert row["title"] == "Tòa án xét xử vụ án đánh bạc"
    assert "Công an tỉnh Thái Nguyên" in row["body"]
    assert unicodedata.is_normalized("NFC", row["body"])


def test_malformed_and_huge_pages_are_stored(crawled):
    db, _ = crawled
    titles = {r["title"] for r in db.query("SELECT title FROM articles")}
    assert {"Trang rất lớn", "Bài bình thường"} <= titles
    # the unclosed <h1> swallows what follows it: stored all the same, body by the fallback
    broken = db.query("SELECT title, body, extraction FROM articles WHERE title LIKE 'Trang hỏng%'")
    assert len(broken) == 1 and "đường dây đánh bạc" in broken[0]["body"]
    huge = db.query("SELECT id, body FROM articles WHERE title = 'Trang rất lớn'")[0]
    assert "xxxxxxxx" not in huge["body"]
    assert len(db.raw_html(huge["id"])) > 20 * 1024 * 1024  # the raw page is kept (compressed)


def test_page_without_date_is_stored_and_counted(crawled):
    db, run = crawled
    row = db.query("SELECT published_at FROM articles WHERE title = 'Bài không có ngày'")[0]
    assert row["published_at"] is None
    undated = db.query("SELECT COUNT(*) AS n FROM articles WHERE published_at IS NULL")[0]["n"]
    assert run.result.count("articles/stored_without_date") == undated == 2  # and the broken page
