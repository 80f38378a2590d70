"""The editors' review app: routes, permissions, CSRF, escaping, search, counts and the API."""
from __future__ import annotations

import datetime as dt
import html
import json
import random
import re
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import lxml.html
import pytest
from werkzeug.security import generate_password_hash

from report.counts import items_frame, reporting_outlet
from review import create_app
from review.accounts import AccountError, authenticate, create_user
from review.filters import ArticleFilters, FilterError, parse_period
from review.highlight import highlight, paragraphs
from review.outlets import outlet_spans
from storage import open_database
from storage import review_queries as rq

XSS_TITLE = "<script>alert(1)</script> Công an bắt <img src=x onerror=alert(1)>"
XSS_BODY = ('Đoạn đầu "công an" & <b>bold</b>\n<script>alert(1)</script>\n'
            "<img src=x onerror=alert(1)> Lực lượng Công An tỉnh vào cuộc.")
OUTLETS = [
    {"id": "baothainguyen", "name": "Báo Thái Nguyên", "kind": "newspaper", "domain": "baothainguyen.vn",
     "valid_from": "2008-01-01", "valid_until": None, "successor": None},
    {"id": "thainguyentv", "name": "Đài PT-TH Thái Nguyên", "kind": "broadcaster", "domain": "thainguyentv.vn",
     "valid_from": "2008-01-01", "valid_until": "2025-06-30", "successor": "baothainguyen"},
]
EDITOR, VIEWER, PASSWORD = "bientap", "nguoixem", "mat-khau-du-dai"


def add_article(db, key: str, *, outlet: str = "baothainguyen", title: str = "Tin", body: str = "Nội dung",
                published_at: str = "2020-03-01T08:00:00+07:00", content_type: str | None = "tin",
                lead: str = "", url: str | None = None, scores: dict[str, float] | None = None,
                evidence: dict[str, list[str]] | None = None, model_id: str = "m1",
                created_at: str = "2024-01-01T00:00:00+00:00") -> int:
    """Store one article (and its predictions: predicted = score >= 0.5); return its id."""
    url = url or f"https://{outlet}.vn/{key}"
    db.upsert_article({"outlet": outlet, "url": url, "canonical_url": url, "title": title, "lead": lead,
                       "body": body, "published_at": published_at, "content_type": content_type})
    article_id = db.query("SELECT id FROM articles WHERE canonical_url = ?", [url])[0]["id"]
    if scores:
        db.store_predictions([{
            "article_id": article_id, "label": label, "model_id": model_id, "score": score,
            "predicted": int(score >= 0.5), "evidence": json.dumps((evidence or {}).get(label, []), ensure_ascii=False),
            "content_hash": "h", "created_at": created_at} for label, score in scores.items()])
    return article_id


@pytest.fixture()
def ids(tmp_path: Path) -> dict[str, int]:
    """A small database: two outlets (one merged into the other mid-2025), assorted articles."""
    db = open_database(tmp_path / "t.db")
    db.sync_outlets(OUTLETS)
    ids = {
        "corruption": add_article(
            db, "a", title="Xét xử vụ án tham nhũng tại huyện", lead="Tòa án tỉnh mở phiên tòa.",
            body="Bị cáo bị truy tố về tội tham nhũng.\nPhiên tòa có đông người dự.", content_type="bai",
            scores={"noi_chinh": 0.8, "pctn": 0.9, "cctp": 0.1},
            evidence={"pctn": ["tham nhũng"], "noi_chinh": ["phiên tòa"]}),
        "tv_after_merger": add_article(
            db, "b", outlet="thainguyentv", title="Truyền hình: kỷ luật cán bộ",
            published_at="2025-07-15T09:00:00+07:00", scores={"noi_chinh": 0.2, "pctn": 0.95, "cctp": 0.1}),
        "tv_before_merger": add_article(
            db, "c", outlet="thainguyentv", title="Phóng sự chống tham nhũng", content_type="video",
            published_at="2025-03-01T09:00:00+07:00", scores={"noi_chinh": 0.1, "pctn": 0.85, "cctp": 0.2}),
        "xss": add_article(
            db, "x", title=XSS_TITLE, body=XSS_BODY, published_at="2020-04-01T10:00:00+07:00",
            scores={"noi_chinh": 0.7, "pctn": 0.2, "cctp": 0.1}, evidence={"noi_chinh": ["công an"]}),
        "unclassified": add_article(db, "u", title="Hội nghị nông nghiệp", published_at="2020-05-01T08:00:00+07:00"),
        "uncertain": add_article(
            db, "d", title="Đối thoại tại tòa", published_at="2020-06-01T08:00:00+07:00",
            scores={"noi_chinh": 0.1, "pctn": 0.05, "cctp": 0.52}),
        "javascript_url": add_article(
            db, "j", title="Địa chỉ lạ", url="javascript:alert(1)//", published_at="2020-06-02T08:00:00+07:00",
            scores={"noi_chinh": 0.0, "pctn": 0.0, "cctp": 0.0}),
    }
    cheap = generate_password_hash(PASSWORD, method="pbkdf2:sha256:1000")  # create_user is tested apart
    db.put_user(EDITOR, cheap, "editor")
    db.put_user(VIEWER, cheap, "viewer")
    db.close()
    return ids


@pytest.fixture()
def db_path(tmp_path: Path, ids: dict[str, int]) -> str:
    return str(tmp_path / "t.db")


@pytest.fixture()
def fetched() -> list[str]:
    return []


@pytest.fixture()
def app(db_path: str, fetched: list[str]):
    def fetch_article(url: str) -> int:
        fetched.append(url)
        if "missing" in url:
            raise ValueError("Trang <b>không</b> tồn tại (404)")
        db = open_database(db_path)
        try:
            return add_article(db, "fetched", url=url, title="Bài bổ sung")
        finally:
            db.close()

    return create_app(db_path, secret_key="test-secret", testing=True, fetch_article=fetch_article)


def csrf(client) -> str:
    with client.session_transaction() as session:
        return session["csrf_token"]


def login(client, username: str, password: str = PASSWORD):
    client.get("/login")
    return client.post("/login", data={"username": username, "password": password, "csrf_token": csrf(client)})


@pytest.fixture()
def editor(app):
    client = app.test_client()
    assert login(client, EDITOR).status_code == 303
    return client


@pytest.fixture()
def viewer(app):
    client = app.test_client()
    assert login(client, VIEWER).status_code == 303
    return client


def decide(client, article_id: int, field: str, value: str, token: str | None = "auto",
           seen: str | None = "auto", **extra):
    """Post a decision as the article page's form does; seen="auto": the page is up to date
    (the id of the field's latest decision, read from the API; "0" when there is none)."""
    data = {"field": field, "value": value, **extra}
    if token == "auto":
        data["csrf_token"] = csrf(client)
    elif token is not None:
        data["csrf_token"] = token
    if seen == "auto":
        detail = client.get(f"/api/articles/{article_id}").get_json() or {}
        seen = str(max([r["id"] for r in detail.get("reviews", []) if r["field"] == field], default=0))
    if seen is not None:
        data["seen"] = seen
    return client.post(f"/articles/{article_id}/review", data=data)


def list_total(client, query: str) -> int:
    response = client.get("/articles?" + query if query else "/articles")
    assert response.status_code == 200, response.text
    return int(lxml.html.fromstring(response.text).get_element_by_id("total").text)


def list_ids(client, query: str) -> list[int]:
    response = client.get("/articles?" + query)
    assert response.status_code == 200, response.text
    return [int(x) for x in lxml.html.fromstring(response.text).xpath("//tr[contains(@class,'article-row')]/@data-id")]


def count_cells(client, query: str) -> dict[tuple[str, str, str], tuple[int, str]]:
    tree = lxml.html.fromstring(client.get("/counts?" + query).text)
    return {(a.get("data-outlet"), a.get("data-type"), a.get("data-topic")): (int(a.text), a.get("href"))
            for a in tree.xpath("//a[@class='count']")}


# ---- the app factory, accounts and login ------------------------------------------------
def test_create_app_takes_its_configuration_as_arguments(db_path):
    app = create_app(db_path)
    assert app.config["SECRET_KEY"] and not app.config["TESTING"]
    assert app.config["SESSION_COOKIE_HTTPONLY"] is True
    assert app.config["SESSION_COOKIE_SAMESITE"] == "Lax"
    assert create_app(db_path).config["SECRET_KEY"] != app.config["SECRET_KEY"]


def test_create_user_validates_and_hashes(db_path):
    db = open_database(db_path)
    try:
        with pytest.raises(AccountError):
            create_user(db, "a", "short", "editor")
        with pytest.raises(AccountError):
            create_user(db, "a", "long-enough", "admin")
        with pytest.raises(AccountError):
            create_user(db, "bad name!", "long-enough", "viewer")
        with pytest.raises(AccountError):
            create_user(db, EDITOR, "another-password", "viewer", replace=False)
        create_user(db, EDITOR, "another-password", "viewer")  # a reset, as `pipeline.py create-user` does
        stored = db.user(EDITOR)
        assert stored["role"] == "viewer" and "another-password" not in stored["password_hash"]
        assert authenticate(db, EDITOR, "another-password")["username"] == EDITOR
        assert authenticate(db, EDITOR, PASSWORD) is None
        assert authenticate(db, "nobody", PASSWORD) is None
    finally:
        db.close()


def test_login_page_and_wrong_password(app):
    client = app.test_client()
    page = client.get("/login")
    assert page.status_code == 200 and "Đăng nhập" in page.text
    response = client.post("/login", data={"username": EDITOR, "password": "wrong-password",
                                           "csrf_token": csrf(client)})
    assert response.status_code == 401 and "Sai tên đăng nhập hoặc mật khẩu" in response.text


def test_session_cookie_is_httponly_and_samesite_lax(app):
    client = app.test_client()
    response = client.get("/login")
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie


def test_login_redirects_only_to_local_paths(app):
    client = app.test_client()
    client.get("/login")
    for target, expected in [("/counts?year=2020", "/counts?year=2020"), ("//evil.example/x", "/articles"),
                             ("https://evil.example/", "/articles"), ("/\\evil.example", "/articles")]:
        response = client.post("/login", data={"username": EDITOR, "password": PASSWORD, "next": target,
                                               "csrf_token": csrf(client)})
        assert response.status_code == 303 and response.location == expected


def test_anonymous_visitors_are_sent_to_login(app):
    client = app.test_client()
    for path in ("/", "/articles", "/articles/1", "/counts", "/articles/new"):
        response = client.get(path)
        assert response.status_code == 302 and response.location.startswith("/login"), path
    assert client.get("/counts?year=2020").location == "/login?next=/counts?year%3D2020"


def test_api_reads_need_login_but_openapi_is_public(app, viewer):
    anonymous = app.test_client()
    for path in ("/api/counts?year=2020", "/api/articles", "/api/articles/1"):
        response = anonymous.get(path)
        assert response.status_code == 401 and "error" in response.get_json(), path
        assert viewer.get(path).status_code == 200, path
    assert anonymous.get("/api/openapi.json").status_code == 200


def test_logout_needs_post_with_csrf(editor):
    assert editor.get("/logout").status_code == 405
    assert editor.post("/logout").status_code == 400
    response = editor.post("/logout", data={"csrf_token": csrf(editor)})
    assert response.status_code == 303
    assert editor.get("/articles").status_code == 302


def test_deleted_user_loses_the_session(editor, db_path):
    db = open_database(db_path)
    db.db.execute("DELETE FROM users WHERE username = ?", [EDITOR])
    db.db.conn.commit()
    db.close()
    assert editor.get("/articles").status_code == 302


# ---- permissions and CSRF -----------------------------------------------------------------
def test_csrf_token_is_required_on_every_post(editor, ids, app):
    article = ids["corruption"]
    assert decide(editor, article, "pctn", "0", token=None).status_code == 400
    assert decide(editor, article, "pctn", "0", token="wrong").status_code == 400
    assert decide(editor, article, "pctn", "0", token="không-ascii").status_code == 400
    assert editor.post("/articles/new", data={"url": "https://x.vn/a"}).status_code == 400
    fresh = app.test_client()
    fresh.get("/login")
    assert fresh.post("/login", data={"username": EDITOR, "password": PASSWORD}).status_code == 400
    assert decide(editor, article, "pctn", "0").status_code == 303


def test_viewer_may_read_but_not_decide(viewer, ids):
    page = viewer.get(f"/articles/{ids['corruption']}")
    assert page.status_code == 200 and "Bác bỏ" not in page.text
    assert decide(viewer, ids["corruption"], "pctn", "0").status_code == 403
    assert viewer.post("/articles/new", data={"url": "https://x.vn/a", "csrf_token": csrf(viewer)}).status_code == 403


def test_anonymous_post_is_refused(app, ids):
    client = app.test_client()
    client.get("/login")  # has a CSRF token but no login
    response = client.post(f"/articles/{ids['corruption']}/review",
                           data={"field": "pctn", "value": "0", "csrf_token": csrf(client)})
    assert response.status_code == 302 and response.location.startswith("/login")


# ---- the article list -----------------------------------------------------------------------
def test_list_shows_all_articles_by_default(editor, ids):
    assert list_total(editor, "") == len(ids)


@pytest.mark.parametrize("query, keys", [
    ("topic=pctn", {"corruption", "tv_after_merger", "tv_before_merger"}),
    ("topic=cctp", {"uncertain"}),
    ("topic=any", {"corruption", "tv_after_merger", "tv_before_merger", "xss", "uncertain"}),
    ("topic=none", {"unclassified", "javascript_url"}),
    ("content_type=video", {"tv_before_merger"}),
    ("content_type=bai", {"corruption"}),
    ("from=2025-01-01&to=2025-12-31", {"tv_after_merger", "tv_before_merger"}),
    ("from=2020-03-01&to=2020-03-01", {"corruption"}),
    ("to=2020-04-30", {"corruption", "xss"}),
    ("outlet=thainguyentv", {"tv_before_merger"}),
    ("outlet=baothainguyen", {"corruption", "tv_after_merger", "xss", "unclassified", "uncertain", "javascript_url"}),
    ("status=unreviewed&topic=pctn", {"corruption", "tv_after_merger", "tv_before_merger"}),
    ("counted=0", set()),
])
def test_list_filters(editor, ids, query, keys):
    assert set(list_ids(editor, query)) == {ids[k] for k in keys}
    assert list_total(editor, query) == len(keys)


def test_list_sorted_by_date_or_uncertainty(editor, ids):
    assert list_ids(editor, "") == [ids[k] for k in ("tv_after_merger", "tv_before_merger", "javascript_url",
                                                     "uncertain", "unclassified", "xss", "corruption")]
    assert list_ids(editor, "sort=uncertainty")[0] == ids["uncertain"]
    assert list_ids(editor, "sort=uncertainty")[-1] == ids["unclassified"]  # no score: last
    assert list_ids(editor, "sort=uncertainty&topic=pctn")[0] == ids["tv_before_merger"]


def test_list_is_paginated_by_fifty(editor, db_path):
    db = open_database(db_path)
    for n in range(60):
        add_article(db, f"p{n}", title=f"Tin số {n}", published_at=f"2021-01-01T08:{n:02d}:00+07:00")
    db.close()
    first, second = list_ids(editor, "from=2021-01-01&to=2021-01-01"), \
        list_ids(editor, "from=2021-01-01&to=2021-01-01&page=2")
    assert len(first) == 50 and len(second) == 10 and not set(first) & set(second)
    page = editor.get("/articles?from=2021-01-01&to=2021-01-01")
    assert 'rel="next"' in page.text and "page=2" in page.text
    api = editor.get("/api/articles?from=2021-01-01&to=2021-01-01").get_json()
    assert api["total"] == 60 and api["pages"] == 2 and len(api["items"]) == 50 and "page=2" in api["next"]
    assert editor.get("/articles?from=2021-01-01&to=2021-01-01&page=3").status_code == 200


@pytest.mark.parametrize("query", [
    "from=2020-13-01", "from=yesterday", "to=2020-02-30", "from=2020-05-01&to=2020-04-01", "outlet=unknown",
    "topic=sport", "content_type=podcast", "status=maybe", "counted=2", "sort=random", "page=abc", "page=0",
    "page=-1", "page=1.5", "page=99999999999999999999999", "page=%D9%A3", "q=" + "x" * 201,
])
def test_bad_list_parameters_are_400(editor, query):
    response = editor.get("/articles?" + query)
    assert response.status_code == 400, query
    assert "Lỗi 400" in response.text
    api = editor.get("/api/articles?" + query)
    assert api.status_code == 400 and api.get_json()["error"]


@pytest.mark.parametrize("path", ["/articles/999", "/articles/0", "/articles/abc", "/articles/-1",
                                  "/articles/99999999999999999999999", "/nowhere"])
def test_unknown_pages_are_404(editor, path):
    assert editor.get(path).status_code == 404
    assert editor.get("/api" + path).status_code == 404


def test_an_unreadable_database_gives_the_error_page_not_a_crash(editor, db_path):
    """The 503 page must not itself open the database (its header shows the user)."""
    Path(db_path).write_bytes(b"not a database file any more.." * 200)
    for suffix in ("-wal", "-shm"):
        Path(db_path + suffix).unlink(missing_ok=True)
    for path in ("/articles", "/counts", "/articles/1"):
        response = editor.get(path)
        assert response.status_code == 503, (path, response.status_code)
        assert "Không đọc được cơ sở dữ liệu" in response.text, path
    assert editor.get("/no-such-page").status_code == 404  # its page, without the user, does not fail
    response = editor.get("/api/articles")
    assert response.status_code == 503 and response.get_json()["error"]


# ---- search --------------------------------------------------------------------------------
def test_search_without_tone_marks_finds_the_word(editor, ids):
    assert list_ids(editor, "q=tham+nhung") == [ids["tv_before_merger"], ids["corruption"]]
    assert list_ids(editor, "q=tham+nhũng") == [ids["tv_before_merger"], ids["corruption"]]
    assert list_ids(editor, "q=THAM+NHUNG+huyen") == [ids["corruption"]]
    assert list_ids(editor, "q=doi+thoai") == [ids["uncertain"]]  # "Đối thoại": đ folds to d
    assert list_ids(editor, "q=nong+nghiep&topic=none") == [ids["unclassified"]]


@pytest.mark.parametrize("q", ['"', 'tham"', "NEAR(tham nhung)", "tham*", "AND OR NOT", "title:x", "(", "^", "-", "''"])
def test_search_syntax_characters_are_plain_text(editor, q):
    assert editor.get("/articles", query_string={"q": q}).status_code == 200


def test_control_characters_in_the_search_are_spaces(editor, ids):
    """A NUL made FTS5 fail ("unterminated string"): a 500 on the list and the API."""
    for q in ("\x00", "tham\x00nhung", "\x01tham\x7fnhung\u200b", "tham\x00", "\x1b[31m"):
        assert editor.get("/articles", query_string={"q": q}).status_code == 200, repr(q)
        assert editor.get("/api/articles", query_string={"q": q, "topic": "pctn"}).status_code == 200, repr(q)
    assert list_ids(editor, "q=tham%00nhung") == [ids["tv_before_merger"], ids["corruption"]]
    assert rq.fts_match_expression("\x00") is None
    assert rq.fts_match_expression("a\x00b\tc") == '"a" "b" "c"'


def test_fts_match_expression_quotes_every_term():
    assert rq.fts_match_expression("Tham nhũng") == '"Tham" "nhung"'
    assert rq.fts_match_expression('a"b OR') == '"a""b" "OR"'
    assert rq.fts_match_expression("   ") is None


# ---- the article page, escaping and highlighting ------------------------------------------------
def test_article_page_shows_text_scores_evidence_and_link(editor, ids):
    page = editor.get(f"/articles/{ids['corruption']}")
    assert page.status_code == 200
    text = page.text
    assert "Xét xử vụ án tham nhũng tại huyện" in text and "01/03/2020 08:00" in text
    assert "Báo Thái Nguyên" in text and 'href="https://baothainguyen.vn/a"' in text
    assert "Bị cáo bị truy tố về tội <mark>tham nhũng</mark>." in text
    assert "<mark>Phiên tòa</mark> có đông người dự." in text  # case-insensitive
    assert "0.90" in text and "mô hình" in text
    for label in ("Nội chính", "Phòng, chống tham nhũng, tiêu cực", "Cải cách tư pháp", "Xác nhận", "Bác bỏ",
                  "Thêm chủ đề", "Đổi loại", "Không tính", "Lịch sử quyết định"):
        assert label in text


def test_hostile_text_is_escaped_everywhere(editor, ids):
    for path in (f"/articles/{ids['xss']}", "/articles", "/articles?q=cong+an"):
        text = editor.get(path).text
        assert "<script>alert(1)</script>" not in text, path
        assert "<img src=x onerror" not in text, path
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text, path
        assert "&lt;img src=x onerror=alert(1)&gt;" in text, path
    page = editor.get(f"/articles/{ids['xss']}").text
    assert "<mark>Công An</mark>" in page and "&#34;<mark>công an</mark>&#34; &amp; &lt;b&gt;bold&lt;/b&gt;" in page
    tree = lxml.html.fromstring(page)
    scripts = tree.xpath("//script")
    assert [s.get("src") for s in scripts] == ["/static/app.js"] and not any(s.text for s in scripts)
    assert not tree.xpath("//img") and not tree.xpath("//*[@onerror]")
    api = editor.get(f"/api/articles/{ids['xss']}").get_json()
    assert api["title"] == XSS_TITLE  # JSON carries the text as it is; it is data, not HTML


def test_non_http_original_link_is_not_rendered(editor, ids):
    page = editor.get(f"/articles/{ids['javascript_url']}").text
    assert 'href="javascript:' not in page and "Địa chỉ gốc không hợp lệ" in page


def test_security_headers(editor, app):
    response = editor.get("/articles")
    csp = response.headers["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert app.test_client().get("/login").headers["Content-Security-Policy"] == csp
    assert "style=" not in editor.get("/counts?year=2020").text  # no inline styles for the CSP


def test_highlight_escapes_first_then_marks():
    assert str(highlight("<b>Tham  nhũng</b> & tham nhũngx", ["tham nhũng"])) == \
        "&lt;b&gt;<mark>Tham  nhũng</mark>&lt;/b&gt; &amp; tham nhũngx"
    assert str(highlight("a & b < c 'q'", ["amp", "lt", "39", "#39", "q"])) == "a &amp; b &lt; c &#39;<mark>q</mark>&#39;"
    assert str(highlight("x <script>", ["script"])) == "x &lt;<mark>script</mark>&gt;"
    assert str(highlight("tòa án", ["<mark>"])) == "tòa án"
    assert str(highlight("Cải cách tư pháp", ["cải_cách tư_pháp"])) == "<mark>Cải cách tư pháp</mark>"
    assert [str(p) for p in paragraphs("một\n\nhai <i>", [])] == ["một", "hai &lt;i&gt;"]


# ---- decisions --------------------------------------------------------------------------------
def test_editor_decisions_are_logged_and_change_status(editor, ids, db_path):
    article = ids["corruption"]
    assert decide(editor, article, "pctn", "1").status_code == 303
    assert editor.get(f"/api/articles/{article}").get_json()["status"] == "confirmed"
    assert list_ids(editor, "status=confirmed") == [article]
    assert decide(editor, article, "cctp", "1").status_code == 303  # add a topic the model missed
    assert decide(editor, article, "content_type", "anh").status_code == 303
    assert decide(editor, article, "counted", "0", note="duplicate").status_code == 303
    detail = editor.get(f"/api/articles/{article}").get_json()
    assert detail["status"] == "corrected" and detail["topics"] == {"noi_chinh": 1, "pctn": 1, "cctp": 1}
    assert detail["content_type"] == "anh" and detail["counted"] == 0
    assert [(r["field"], r["value"], r["reviewer"]) for r in detail["reviews"]] == [
        ("pctn", "1", EDITOR), ("cctp", "1", EDITOR), ("content_type", "anh", EDITOR), ("counted", "0", EDITOR)]
    assert detail["reviews"][-1]["note"] == "Trùng lặp"
    page = editor.get(f"/articles/{article}").text
    assert "Lịch sử quyết định" in page and EDITOR in page and "Tính lại vào thống kê" in page
    assert list_ids(editor, "status=corrected") == [article]
    assert list_ids(editor, "counted=0") == [article]
    assert article not in list_ids(editor, "content_type=bai")
    assert decide(editor, article, "counted", "1").status_code == 303
    assert editor.get(f"/api/articles/{article}").get_json()["counted"] == 1


def test_decision_redirect_shows_a_message(editor, ids):
    response = decide(editor, ids["corruption"], "pctn", "0")
    assert response.location == f"/articles/{ids['corruption']}"
    assert "Đã ghi nhận quyết định" in editor.get(response.location).text


def test_an_article_opened_from_a_filtered_list_leads_back_to_the_same_list(editor, ids):
    """An editor working through the articles behind a number keeps the list's filters:
    on the article's link, its "back to the list", its decision forms, the page after a
    decision and the page refusing a stale decision."""
    query = "topic=pctn&status=unreviewed&sort=uncertainty"
    listing = lxml.html.fromstring(editor.get("/articles?" + query).text)
    link = listing.xpath(f"//tr[@data-id='{ids['corruption']}']//a[@class='article-link']/@href")[0]
    assert urlsplit(link).path == f"/articles/{ids['corruption']}"
    wanted = parse_qs(query)
    assert parse_qs(urlsplit(link).query) == wanted
    page = lxml.html.fromstring(editor.get(link).text)
    back = page.get_element_by_id("back-to-list").get("href")
    assert urlsplit(back).path == "/articles" and parse_qs(urlsplit(back).query) == wanted
    actions = {form.get("action") for form in page.xpath("//form[contains(@action, '/review')]")}
    assert actions and all(parse_qs(urlsplit(a).query) == wanted for a in actions)
    decided = editor.post(actions.pop(), data={"field": "pctn", "value": "1", "seen": "0", "csrf_token": csrf(editor)})
    assert decided.status_code == 303 and parse_qs(urlsplit(decided.location).query) == wanted
    stale = editor.post(f"/articles/{ids['corruption']}/review?" + query,
                        data={"field": "pctn", "value": "0", "seen": "0", "csrf_token": csrf(editor)})
    assert stale.status_code == 409
    back = lxml.html.fromstring(stale.text).get_element_by_id("back-to-list").get("href")
    assert parse_qs(urlsplit(back).query) == wanted


@pytest.mark.parametrize("query", ["", "topic=sport", "from=2020-13-01", "outlet=nowhere"])
def test_an_article_page_with_no_or_bad_list_filters_leads_back_to_the_whole_list(editor, ids, query):
    response = editor.get(f"/articles/{ids['corruption']}?{query}")
    assert response.status_code == 200
    assert lxml.html.fromstring(response.text).get_element_by_id("back-to-list").get("href") == "/articles"


@pytest.mark.parametrize("field, value", [("sport", "1"), ("pctn", "2"), ("pctn", ""), ("content_type", "blog"),
                                          ("counted", "yes"), ("", "")])
def test_bad_decisions_are_400(editor, ids, field, value):
    assert decide(editor, ids["corruption"], field, value).status_code == 400


def test_decision_on_unknown_article_is_404(editor):
    assert decide(editor, 999, "pctn", "1").status_code == 404
    assert decide(editor, 99999999999999999999999, "pctn", "1").status_code == 404


def _decision_form(page: str, row: str, value: str) -> dict[str, str]:
    """The hidden fields of a decision button's form, as the page rendered them."""
    tree = lxml.html.fromstring(page)
    form = tree.xpath(f"//*[@id='{row}']//button[@data-value='{value}']/ancestor::form")[0]
    return {i.get("name"): i.get("value") for i in form.xpath(".//input[@type='hidden']")}


def test_a_decision_made_on_a_stale_page_is_refused(app, ids, db_path):
    """Two editors open the same article; B rejects a topic; A's click on the page as it was
    before is refused (409, the page shown again with B's decision), not silently stored."""
    db = open_database(db_path)
    db.put_user("bientap2", generate_password_hash(PASSWORD, method="pbkdf2:sha256:1000"), "editor")
    db.close()
    a, b = app.test_client(), app.test_client()
    assert login(a, EDITOR).status_code == 303 and login(b, "bientap2").status_code == 303
    article = ids["corruption"]
    page_a = a.get(f"/articles/{article}").text
    page_b = b.get(f"/articles/{article}").text
    assert b.post(f"/articles/{article}/review", data=_decision_form(page_b, "topic-pctn", "0")).status_code == 303
    stale = a.post(f"/articles/{article}/review", data=_decision_form(page_a, "topic-pctn", "1"))
    assert stale.status_code == 409
    assert "chưa được ghi" in stale.text and "bientap2" in stale.text
    assert lxml.html.fromstring(stale.text).get_element_by_id("topic-pctn").get("data-on") == "0"
    detail = a.get(f"/api/articles/{article}").get_json()
    assert detail["topics"]["pctn"] == 0 and [r["reviewer"] for r in detail["reviews"]] == ["bientap2"]
    # the page shown again is up to date: deciding from it is stored
    assert a.post(f"/articles/{article}/review", data=_decision_form(stale.text, "topic-pctn", "1")).status_code == 303
    assert a.get(f"/api/articles/{article}").get_json()["topics"]["pctn"] == 1
    # a decision about another field of the stale page stands (nobody changed that field)
    assert a.post(f"/articles/{article}/review", data=_decision_form(page_a, "topic-cctp", "1")).status_code == 303
    # a form that does not say what its page showed is refused
    assert decide(a, article, "noi_chinh", "1", seen=None).status_code == 400
    assert decide(a, article, "noi_chinh", "1", seen="x").status_code == 400


# ---- counts ---------------------------------------------------------------------------------------
def test_counts_page_and_api_agree(editor):
    cells = count_cells(editor, "from=2020-01-01&to=2025-12-31")
    api = editor.get("/api/counts?from=2020-01-01&to=2025-12-31").get_json()
    assert api["from"] == "2020-01-01" and api["to"] == "2025-12-31"
    for row in api["rows"]:
        for column in ("noi_chinh", "pctn", "cctp", "any_topic", "reviewed", "model_only"):
            assert cells[(row["outlet"], row["content_type"], column)][0] == row[column]
    # the TV piece published after the merger counts for the newspaper
    assert cells[("baothainguyen", "tổng", "pctn")][0] == 2
    assert cells[("thainguyentv", "tổng", "pctn")][0] == 1
    assert cells[("tổng", "tổng", "pctn")][0] == 3


def test_a_review_overrides_the_model_in_counts_and_api(editor, ids):
    query = "from=2020-01-01&to=2025-12-31"
    before = count_cells(editor, query)[("baothainguyen", "bai", "pctn")][0]
    api_before = next(r for r in editor.get("/api/counts?" + query).get_json()["rows"]
                      if r["outlet"] == "baothainguyen" and r["content_type"] == "bai")
    assert before == api_before["pctn"] == 1 and api_before["reviewed"] == 0
    decide(editor, ids["corruption"], "pctn", "0")
    assert count_cells(editor, query)[("baothainguyen", "bai", "pctn")][0] == 0
    api_after = next(r for r in editor.get("/api/counts?" + query).get_json()["rows"]
                     if r["outlet"] == "baothainguyen" and r["content_type"] == "bai")
    assert api_after["pctn"] == 0 and api_after["noi_chinh"] == 1 and api_after["reviewed"] == 1
    assert count_cells(editor, query)[("baothainguyen", "tin", "cctp")][0] == 1  # the model's 0.52
    decide(editor, ids["unclassified"], "cctp", "1")  # a topic added to an unclassified piece counts
    assert count_cells(editor, query)[("baothainguyen", "tin", "cctp")][0] == 2
    decide(editor, ids["tv_before_merger"], "counted", "0")
    assert count_cells(editor, query)[("thainguyentv", "tổng", "pctn")][0] == 0   # still covered: zeros


def test_every_count_links_to_a_list_of_the_same_length(editor, ids):
    decide(editor, ids["corruption"], "pctn", "0")
    decide(editor, ids["xss"], "content_type", "anh")
    decide(editor, ids["tv_after_merger"], "noi_chinh", "1")
    decide(editor, ids["uncertain"], "counted", "0")
    cells = count_cells(editor, "from=2020-01-01&to=2025-12-31")
    assert len(cells) > 20
    for key, (number, href) in cells.items():
        assert href.startswith("/articles?") and "counted=1" in href, key
        assert list_total(editor, href.split("?", 1)[1]) == number, (key, href)


def test_counts_take_the_outlet_filter_of_the_list(editor, ids):
    """?outlet= on the counts is checked and applied as on the list (it was ignored: 200 with
    every outlet for an outlet that does not exist)."""
    for path in ("/api/counts", "/counts", "/api/articles", "/articles"):
        response = editor.get(path + "?year=2020&outlet=khongco")
        assert response.status_code == 400, path
        assert "Cơ quan báo chí không hợp lệ: 'khongco'" in html.unescape(response.text), path
    query = "from=2020-01-01&to=2025-12-31&outlet=thainguyentv"
    data = editor.get("/api/counts?" + query).get_json()
    assert data["outlet"] == "thainguyentv"
    assert {row["outlet"] for row in data["rows"]} == {"thainguyentv", "tổng"}
    everyone = editor.get("/api/counts?from=2020-01-01&to=2025-12-31").get_json()
    assert data["rows"][-1]["pctn"] == next(r["pctn"] for r in everyone["rows"]
                                            if r["outlet"] == "thainguyentv" and r["content_type"] == "tổng")
    assert editor.get("/api/counts?from=2020-01-01&to=2025-12-31").get_json()["outlet"] is None
    cells = count_cells(editor, query)
    assert cells[("tổng", "tổng", "pctn")][0] == 1
    for key, (number, href) in cells.items():
        assert "outlet=thainguyentv" in href, key
        assert list_total(editor, href.split("?", 1)[1]) == number, (key, href)
    assert editor.get("/api/counts?year=2020&outlet=").status_code == 200  # empty: every outlet


def test_counts_period_parameters(editor):
    assert editor.get("/counts").status_code == 200  # the current year
    assert "năm 2020" in editor.get("/counts?year=2020").text
    assert editor.get("/api/counts?month=2020-03").get_json()["rows"]
    for query in ("year=abc", "year=20201", "from=2020-13-01&to=2020-12-31", "from=2020-01-01",
                  "from=2020-02-01&to=2020-01-01", "year=2020&from=2020-01-01&to=2020-02-01", "quarter=2020Q5"):
        assert editor.get("/counts?" + query).status_code == 400, query
        assert editor.get("/api/counts?" + query).status_code == 400, query


@pytest.mark.parametrize("query, message", [
    ("from=2020-01-01", "Cần cả hai tham số from và to"),
    ("to=2020-01-01", "Cần cả hai tham số from và to"),
    ("year=2020&month=2020-01", "Chỉ nêu một khoảng thời gian: from và to, year, quarter hoặc month"),
    ("year=abc", "Năm không hợp lệ (year='abc')"),
    ("year=20201", "Năm không hợp lệ (year='20201')"),
    ("quarter=2020Q5", "Quý không hợp lệ (quarter='2020Q5')"),
    ("quarter=0000Q1", "Quý không hợp lệ (quarter='0000Q1')"),
    ("month=2020-13", "Tháng không hợp lệ (month='2020-13')"),
    ("from=2020-02-30&to=2020-03-01", "Ngày không hợp lệ (from='2020-02-30')"),
    ("from=2020-01-01&to=01/03/2020", "Ngày không hợp lệ (to='01/03/2020')"),
    ("from=2020-02-01&to=2020-01-01", "Khoảng thời gian kết thúc (2020-01-01) trước khi bắt đầu (2020-02-01)"),
])
def test_period_errors_name_the_query_parameters_in_vietnamese(editor, query, message):
    """The API and the pages name their own parameters (not the CLI's --from/--to) in Vietnamese."""
    error = editor.get("/api/counts?" + query).get_json()["error"]
    assert message in error and "--" not in error
    for english in ("give", "together", "not a", "before it starts"):
        assert english not in error, error
    page = editor.get("/counts?" + query)
    assert page.status_code == 400 and message in html.unescape(page.text)


def test_the_cli_names_its_flags_in_period_errors(tmp_path):
    from click.testing import CliRunner

    import pipeline

    def error(*args: str) -> str:
        result = CliRunner().invoke(pipeline.cli, ["--db", str(tmp_path / "x.db"), "report", *args])
        assert result.exit_code == 2
        return result.output.strip()

    assert error("--from", "2020-01-01") == "error: --from and --to go together"
    assert error("--year", "2020", "--month", "2020-01") == \
        "error: give one period: --from/--to, --year, --quarter or --month"
    assert error("--quarter", "2020Q5") == "error: --quarter: not a quarter (YYYYQn): '2020Q5'"
    assert error("--from", "2020-01-01", "--to", "2020-02-30") == "error: --to: not a date (YYYY-MM-DD): '2020-02-30'"
    # every reason a user can meet is worded for both channels
    from report.periods import REASONS
    from review.filters import PERIOD_MESSAGES

    assert set(REASONS) - {"not_dates"} == set(pipeline.PERIOD_MESSAGES) == set(PERIOD_MESSAGES)


def test_empty_period_has_zero_rows(editor):
    assert editor.get("/counts?year=1999").status_code == 200
    zero = {c: 0 for c in ("noi_chinh", "pctn", "cctp", "any_topic", "reviewed", "model_only")}
    # 1999: no outlet existed yet (valid from 2008), only the grand total
    assert editor.get("/api/counts?year=1999").get_json()["rows"] == [
        {"outlet": "tổng", "outlet_name": "Tất cả", "content_type": "tổng", **zero}]
    # 2019: both outlets were publishing but nothing is stored: a row of zeros each, as in the CLI
    rows = editor.get("/api/counts?year=2019").get_json()["rows"]
    assert [(r["outlet"], r["content_type"]) for r in rows] == [
        ("baothainguyen", "tổng"), ("thainguyentv", "tổng"), ("tổng", "tổng")]
    assert all({c: r[c] for c in zero} == zero for r in rows)


def test_api_counts_have_a_row_for_an_outlet_without_items(editor):
    rows = editor.get("/api/counts?month=2020-03").get_json()["rows"]
    tv = [r for r in rows if r["outlet"] == "thainguyentv"]
    assert [(r["content_type"], r["any_topic"]) for r in tv] == [("tổng", 0)]


# ---- a piece stored twice (the archive site and the new site) ------------------------------------
ARCHIVE = {"id": "baothainguyen-legacy", "name": "Báo Thái Nguyên (lưu trữ)", "kind": "newspaper",
           "domain": "backup.baothainguyen.vn", "valid_from": "2008-01-01", "valid_until": "2022-06-30",
           "successor": "baothainguyen", "report_as": "baothainguyen"}
WHOLE_SPAN = "from=2020-01-01&to=2025-12-31"


def store_copies(db_path: str) -> dict[str, int]:
    """The corruption piece again from the archive site (same text, same day: one piece of
    Báo Thái Nguyên) and the pre-merger TV piece again on the newspaper's site (same text,
    another reporting outlet: two pieces)."""
    db = open_database(db_path)
    db.sync_outlets([ARCHIVE])
    copies = {
        "archive": add_article(
            db, "a-luu-tru", outlet="baothainguyen-legacy", url="https://backup.baothainguyen.vn/a",
            title="Xét xử vụ án tham nhũng tại huyện", lead="Tòa án tỉnh mở phiên tòa.",
            body="Bị cáo bị truy tố về tội tham nhũng.\nPhiên tòa có đông người dự.", content_type="bai",
            scores={"noi_chinh": 0.8, "pctn": 0.9, "cctp": 0.1}),
        "newspaper_of_tv": add_article(
            db, "c-bao", title="Phóng sự chống tham nhũng", content_type="video",
            published_at="2025-03-01T09:00:00+07:00", scores={"noi_chinh": 0.1, "pctn": 0.85, "cctp": 0.2}),
    }
    hashes = {r["id"]: r["content_hash"] for r in db.query("SELECT id, content_hash FROM articles")}
    db.close()
    assert len(set(hashes.values())) == len(hashes) - 2
    return copies


def assert_lists_match_counts(client, query: str = WHOLE_SPAN) -> None:
    """Every number of the counts page opens a list of that many articles, each listed once."""
    for key, (number, href) in count_cells(client, query).items():
        listed = list_ids(client, href.split("?", 1)[1])
        assert list_total(client, href.split("?", 1)[1]) == len(listed) == number, (key, href)


def test_a_piece_stored_twice_is_listed_once_behind_its_count(editor, ids, db_path):
    copies = store_copies(db_path)
    assert_lists_match_counts(editor)
    pctn = list_ids(editor, f"{WHOLE_SPAN}&counted=1&topic=pctn&outlet=baothainguyen")
    assert ids["corruption"] in pctn and copies["archive"] not in pctn      # the copy the count keeps
    assert copies["newspaper_of_tv"] in pctn                                # another outlet's copy is its own
    assert len(list_ids(editor, "")) == list_total(editor, "") == len(ids) + 1   # the unfiltered list too
    assert copies["archive"] not in list_ids(editor, "q=xet xu")


def test_a_decision_on_either_copy_is_the_one_listed_and_counted(editor, ids, db_path):
    copies = store_copies(db_path)
    archive_only = f"{WHOLE_SPAN}&counted=1&content_type=bai"
    decide(editor, copies["archive"], "pctn", "0")     # the editor rejects the topic on the archive copy
    assert list_ids(editor, archive_only) == [copies["archive"]]
    assert ids["corruption"] not in list_ids(editor, f"{WHOLE_SPAN}&counted=1&topic=pctn")
    assert_lists_match_counts(editor)
    decide(editor, copies["archive"], "counted", "0", note="duplicate")   # then takes that copy out
    assert list_ids(editor, archive_only) == [ids["corruption"]]
    assert list_ids(editor, f"{WHOLE_SPAN}&counted=0") == [copies["archive"]]
    assert_lists_match_counts(editor)


def test_api_lists_a_piece_stored_twice_once(viewer, ids, db_path):
    copies = store_copies(db_path)
    data = viewer.get(f"/api/articles?{WHOLE_SPAN}&counted=1&topic=pctn&outlet=baothainguyen").get_json()
    listed = [item["id"] for item in data["items"]]
    assert listed == [ids["tv_after_merger"], copies["newspaper_of_tv"], ids["corruption"]] and data["total"] == 3
    count = next(r for r in viewer.get(f"/api/counts?{WHOLE_SPAN}").get_json()["rows"]
                 if r["outlet"] == "baothainguyen" and r["content_type"] == "tổng")
    assert count["pctn"] == data["total"]
    assert data["items"][2]["copies"] == [{"id": copies["archive"], "outlet": "baothainguyen-legacy",
                                           "url": "https://backup.baothainguyen.vn/a",
                                           "published_at": "2020-03-01T08:00:00+07:00"}]
    assert data["items"][1]["copies"] == []                     # the same text under another outlet


def test_the_listed_copy_names_the_other_and_each_page_says_which_counts(editor, ids, db_path):
    copies = store_copies(db_path)
    page = lxml.html.fromstring(editor.get(f"/articles?{WHOLE_SPAN}&content_type=bai").text)
    row = page.xpath(f"//tr[@data-id='{ids['corruption']}']")[0]
    link = row.xpath(".//a[@data-copy]")[0]
    assert link.get("href") == f"/articles/{copies['archive']}" and link.text == "https://backup.baothainguyen.vn/a"
    assert not page.xpath(f"//tr[@data-id='{copies['newspaper_of_tv']}']//a[@data-copy]")  # another outlet's
    kept = lxml.html.fromstring(editor.get(f"/articles/{ids['corruption']}").text)
    assert "bản này" in kept.get_element_by_id("counted-copy").text_content()
    other = lxml.html.fromstring(editor.get(f"/articles/{copies['archive']}").text)
    assert f"bài số {ids['corruption']}, không tính bản này" in other.get_element_by_id("counted-copy").text_content()
    decide(editor, copies["archive"], "cctp", "1")     # a decision on the archive copy: it counts now
    other = lxml.html.fromstring(editor.get(f"/articles/{copies['archive']}").text)
    assert "bản này" in other.get_element_by_id("counted-copy").text_content()
    assert "không tính bản này" in lxml.html.fromstring(
        editor.get(f"/articles/{ids['corruption']}").text).get_element_by_id("counted-copy").text_content()
    api = editor.get(f"/api/articles/{copies['archive']}").get_json()
    assert api["counted_copy"] == copies["archive"]
    assert [c["id"] for c in api["copies"]] == [ids["corruption"]]

def test_an_archive_site_is_offered_as_no_outlet_of_its_own(editor, ids, db_path):
    """The archive site's articles count under its outlet: choosing it on the counts page or the
    list showed zeros and an empty list although it holds articles (and on the counts page it
    was a second "Báo Thái Nguyên")."""
    copies = store_copies(db_path)
    for path in ("/counts?year=2020", "/articles"):
        options = lxml.html.fromstring(editor.get(path).text).xpath("//select[@name='outlet']/option/@value")
        assert options == ["", "baothainguyen", "thainguyentv"], path
    for path in ("/counts", "/api/counts", "/articles", "/api/articles"):
        response = editor.get(path + "?year=2020&outlet=baothainguyen-legacy")
        assert response.status_code == 400, path
        assert "Cơ quan báo chí không hợp lệ: 'baothainguyen-legacy'" in html.unescape(response.text), path
    decide(editor, copies["archive"], "pctn", "1")     # the archive's copy is the one listed now
    assert copies["archive"] in list_ids(editor, "outlet=baothainguyen")

# ---- adding a missed article ---------------------------------------------------------------------
def test_add_article_calls_the_fetcher(editor, fetched):
    assert "Thêm bài" in editor.get("/articles/new").text
    response = editor.post("/articles/new", data={"url": "https://baothainguyen.vn/new-1",
                                                  "csrf_token": csrf(editor)})
    assert response.status_code == 303 and re.fullmatch(r"/articles/\d+", response.location)
    assert fetched == ["https://baothainguyen.vn/new-1"]
    assert "Bài bổ sung" in editor.get(response.location).text


def test_add_article_errors_are_flash_messages(editor, fetched):
    response = editor.post("/articles/new", data={"url": "https://baothainguyen.vn/missing",
                                                  "csrf_token": csrf(editor)})
    assert response.status_code == 303 and response.location == "/articles/new"
    page = editor.get("/articles/new").text
    assert "Trang &lt;b&gt;không&lt;/b&gt; tồn tại (404)" in page
    for bad in ("ftp://x.vn/a", "not a url", "javascript:alert(1)", "", "http://[bad", "https://baothainguyen.vn]/a",
                "http://[::1/x", "https://bao.vn:99999/a", "https://bao.vn:port/a"):
        editor.post("/articles/new", data={"url": bad, "csrf_token": csrf(editor)})
        assert "Địa chỉ không hợp lệ" in editor.get("/articles/new").text
    assert fetched == ["https://baothainguyen.vn/missing"]


def test_add_article_not_configured(db_path):
    app = create_app(db_path, secret_key="s", testing=True)
    client = app.test_client()
    login(client, EDITOR)
    assert "chưa được cấu hình" in client.get("/articles/new").text
    response = client.post("/articles/new", data={"url": "https://x.vn/a", "csrf_token": csrf(client)})
    assert response.status_code == 303
    assert "chưa được cấu hình" in client.get("/articles/new").text


def test_fetcher_returning_no_id_is_reported(db_path):
    app = create_app(db_path, secret_key="s", testing=True, fetch_article=lambda url: None)  # type: ignore[arg-type]
    client = app.test_client()
    login(client, EDITOR)
    client.post("/articles/new", data={"url": "https://x.vn/a", "csrf_token": csrf(client)})
    assert "không trả về mã bài" in client.get("/articles/new").text


# ---- the JSON API ---------------------------------------------------------------------------------
def test_api_articles_uses_the_list_filters(viewer, ids):
    data = viewer.get("/api/articles?topic=pctn&outlet=baothainguyen").get_json()
    assert [item["id"] for item in data["items"]] == [ids["tv_after_merger"], ids["corruption"]]
    after = data["items"][0]
    assert after["outlet"] == "thainguyentv" and after["reporting_outlet"] == "baothainguyen"
    assert after["topics"]["pctn"] == 1 and after["status"] == "unreviewed" and after["scores"]["pctn"] == 0.95


def test_api_article_detail(viewer, ids):
    data = viewer.get(f"/api/articles/{ids['corruption']}").get_json()
    assert data["title"].startswith("Xét xử") and data["body"].startswith("Bị cáo")
    pctn = next(s for s in data["labels"] if s["label"] == "pctn")
    assert pctn == {"label": "pctn", "is_on": 1, "source": "model", "score": 0.9, "predicted": 1,
                    "model_id": "m1", "evidence": ["tham nhũng"], "reviewer": None, "reviewed_at": None}
    assert data["reviews"] == []


def test_openapi_document_describes_every_api_route(app):
    doc = app.test_client().get("/api/openapi.json").get_json()
    assert doc["openapi"] == "3.1.0" and doc["info"]["title"]
    routes = {re.sub(r"<(?:int:)?(\w+)>", r"{\1}", rule.rule).replace("{article_id}", "{id}")
              for rule in app.url_map.iter_rules() if rule.rule.startswith("/api/")}
    assert routes == set(doc["paths"])
    names = {p["name"] for p in doc["paths"]["/api/articles"]["get"]["parameters"]}
    assert {"from", "to", "outlet", "topic", "content_type", "status", "q", "sort", "page"} <= names
    names = {p["name"] for p in doc["paths"]["/api/counts"]["get"]["parameters"]}
    assert names == {"from", "to", "year", "quarter", "month", "outlet"}

    def refs(node):
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "$ref":
                    yield value
                else:
                    yield from refs(value)
        elif isinstance(node, list):
            for value in node:
                yield from refs(value)

    for ref in refs(doc):
        assert ref.removeprefix("#/components/schemas/") in doc["components"]["schemas"], ref


# ---- storage and filter units ---------------------------------------------------------------------
def test_queries_agree_with_the_reporting_views(tmp_path):
    """Random labels, reviews and several models: the list's values equal report_items'."""
    rnd = random.Random(7)
    db = open_database(tmp_path / "r.db")
    db.sync_outlets(OUTLETS)
    for n in range(80):
        article = add_article(db, f"r{n}", title=f"Tin {n}",  # 80 pieces: one text each
                              outlet=rnd.choice(["baothainguyen", "thainguyentv"]),
                              content_type=rnd.choice(["tin", "bai", None]),
                              published_at=f"2025-{rnd.randint(1, 12):02d}-{rnd.randint(1, 28):02d}T08:00:00+07:00",
                              scores={l: rnd.random() for l in ("noi_chinh", "pctn", "cctp")} if n % 7 else None)
        if n % 3 == 0:  # a newer model, same timestamp: model_id breaks the tie
            db.store_predictions([{"article_id": article, "label": "pctn", "model_id": "m2", "score": rnd.random(),
                                   "predicted": rnd.randint(0, 1), "evidence": "[]", "content_hash": "h",
                                   "created_at": "2024-01-01T00:00:00+00:00"}])
        for _ in range(rnd.randint(0, 3)):
            field = rnd.choice(["noi_chinh", "pctn", "cctp", "content_type", "counted"])
            value = rnd.choice(["tin", "anh"]) if field == "content_type" else rnd.choice("01")
            db.add_review(article, field, value, "ed")
    view = {r["article_id"]: r for r in db.query("SELECT * FROM report_items")}
    mine = {r["article_id"]: r for r in rq.select_articles(db, rq.Selection(), limit=1000)}
    assert view.keys() == mine.keys()
    for article_id, row in view.items():
        for column in ("content_type", "counted", "noi_chinh", "pctn", "cctp"):
            assert mine[article_id][column] == row[column], (article_id, column)
        assert (mine[article_id]["status"] != "unreviewed") == bool(row["reviewed"])
        states = {s["label"]: s for s in rq.label_states(db, article_id)}
        assert all(states[l]["is_on"] == row[l] for l in ("noi_chinh", "pctn", "cctp"))
    frame = items_frame(db.report_items("2025-01-01", "2025-12-31"), db.outlets())
    for outlet in ("baothainguyen", "thainguyentv"):
        for topic in ("noi_chinh", "pctn", "cctp"):
            expected = int(((frame["outlet"] == outlet) & (frame[topic] == 1)).sum())
            selection = rq.Selection(date_from=dt.date(2025, 1, 1), date_to=dt.date(2025, 12, 31), topic=topic,
                                     counted=1, outlet_spans=outlet_spans(outlet, db.outlets()))
            assert rq.count_articles(db, selection) == expected
    db.close()


def test_lists_agree_with_the_counts_when_pieces_are_stored_twice(tmp_path):
    """Random pieces stored up to three times (archive site, new site, the TV site before and after
    the merger) with random decisions: every list behind a number holds that many articles."""
    rnd = random.Random(11)
    db = open_database(tmp_path / "c.db")
    db.sync_outlets([*OUTLETS, ARCHIVE])
    for n in range(120):
        piece = rnd.randrange(40)
        article = add_article(db, f"c{n}", title=f"Tin {piece}", body=f"Nội dung {piece}",
                              outlet=rnd.choice(["baothainguyen", "baothainguyen-legacy", "thainguyentv"]),
                              content_type=rnd.choice(["tin", "bai"]),
                              published_at=f"2025-{rnd.choice([3, 9]):02d}-0{rnd.randint(1, 2)}T08:00:00+07:00",
                              scores={l: rnd.random() for l in ("noi_chinh", "pctn", "cctp")} if n % 5 else None)
        for _ in range(rnd.choice([0, 0, 1, 2])):
            field = rnd.choice(["noi_chinh", "pctn", "cctp", "content_type", "counted"])
            value = rnd.choice(["tin", "bai"]) if field == "content_type" else rnd.choice("01")
            db.add_review(article, field, value, "ed")
    outlets = db.outlets()
    rows = db.report_items("2025-01-01", "2025-12-31")
    frame = items_frame(rows, outlets)
    assert len(frame) < sum(r["counted"] == 1 for r in rows) - 10  # many copies dropped: the case is tested
    frame = frame.assign(status=frame["reviewed"].map({1: "reviewed", 0: "unreviewed"}))
    for outlet in (None, "baothainguyen", "thainguyentv"):
        for topic in ("noi_chinh", "pctn", "cctp", "any"):
            for content_type in (None, "tin", "bai"):
                for status in (None, "reviewed", "unreviewed"):
                    args = {"from": "2025-01-01", "to": "2025-12-31", "counted": "1", "topic": topic,
                            "outlet": outlet, "content_type": content_type, "status": status}
                    filters = ArticleFilters.from_args({k: v for k, v in args.items() if v}, {"baothainguyen",
                                                                                              "thainguyentv"})
                    expected = frame[frame["any_topic" if topic == "any" else topic] == 1]
                    expected = expected[(expected["outlet"] == outlet) if outlet else expected["outlet"].notna()]
                    expected = expected[expected["content_type"] == content_type] if content_type else expected
                    expected = expected[expected["status"] == status] if status else expected
                    selection = filters.selection(outlets)
                    assert rq.count_articles(db, selection) == len(expected), args
                    listed = [r["article_id"] for r in rq.select_articles(db, selection, limit=1000)]
                    assert sorted(listed) == sorted(expected["article_id"]), args
    db.close()

def test_outlet_spans_follow_reporting_outlet():
    rnd = random.Random(3)
    outlets = [
        {"id": "a", "valid_until": "2020-06-30", "successor": "b"},
        {"id": "b", "valid_until": "2022-01-31", "successor": "c"},
        {"id": "c", "valid_until": None, "successor": None},
        {"id": "d", "valid_until": "2021-01-01", "successor": "e"},
        {"id": "e", "valid_until": "2019-01-01", "successor": "d"},  # a cycle, and an earlier end
        {"id": "f", "valid_until": "", "successor": "c"},
        {"id": "g", "valid_until": "2021-05-05", "successor": "unknown"},
        {"id": "h", "report_as": "a", "valid_until": "2019-06-30", "successor": "c"},  # an archive site
        {"id": "i", "report_as": "h"},
    ]
    by_id = {o["id"]: o for o in outlets}
    days = [None, "", "2018-12-31", "2019-01-01", "2019-01-02", "2020-06-30", "2020-07-01", "2021-01-01",
            "2021-01-02", "2021-05-05", "2021-05-06", "2022-01-31", "2022-02-01", "2030-01-01"]
    days += [f"20{rnd.randint(18, 23)}-{rnd.randint(1, 12):02d}-{rnd.randint(1, 28):02d}" for _ in range(200)]
    for raw in by_id:
        for day in days:
            expected = reporting_outlet(raw, day, by_id)
            matches = [target for target in [*by_id, "unknown"]
                       for span in outlet_spans(target, outlets)
                       if span.outlet == raw and _in_span(day, span)]
            assert matches == [expected], (raw, day, matches)


def _in_span(day: str | None, span: rq.OutletSpan) -> bool:
    if span.after is not None and (day is None or not day > span.after):
        return False
    if span.until is not None and day is not None and not day <= span.until:
        return False
    return True


def test_filters_parse_into_a_frozen_dataclass():
    f = ArticleFilters.from_args({"from": "2020-01-01", "outlet": "x", "topic": "any", "page": "2", "q": " a "}, {"x"})
    assert f.date_from == dt.date(2020, 1, 1) and f.outlet == "x" and f.page == 2 and f.q == "a"
    assert f.query_args() == {"from": "2020-01-01", "outlet": "x", "topic": "any", "q": "a", "page": "2"}
    assert f.query_args(page=1) == {"from": "2020-01-01", "outlet": "x", "topic": "any", "q": "a"}
    with pytest.raises(AttributeError):
        f.page = 3  # type: ignore[misc]
    with pytest.raises(FilterError):
        ArticleFilters.from_args({"outlet": "y"}, {"x"})
    assert parse_period({}, dt.date(2024, 5, 6)).label == "năm 2024"
    assert parse_period({"from": "2020-01-01", "to": "2020-03-31"}, dt.date(2024, 5, 6)).label == "quý I/2020"


def test_evidence_phrase_spans_punctuation_the_segmenter_dropped():
    from review.highlight import highlight

    marked = str(highlight("Lợi dụng chức vụ, quyền hạn &amp; tư lợi", ["chức vụ quyền"]))
    assert "<mark>chức vụ, quyền</mark>" in marked
    assert "&amp;amp;" in marked  # the text is escaped, the entity untouched
