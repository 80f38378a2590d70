"""End to end in headless Chromium: log in, read a count, reject a topic, see the count drop.

Debian's chromium is required: without it this test fails (it is never skipped).
"""
from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from werkzeug.security import generate_password_hash
from werkzeug.serving import make_server

from review import create_app
from storage import open_database

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
PASSWORD = "mat-khau-du-dai"
PAYLOAD_TITLE = "<script>window.__xss = 1; document.title = 'pwned'</script> Công an điều tra"
PAYLOAD_BODY = "<img src=x onerror=\"window.__xss = 2; alert(1)\"> Nội dung <script>alert(1)</script>"
PERIOD = "from=2020-01-01&to=2020-12-31"


def _article(db, key: str, title: str, body: str, day: str, scores: dict[str, float]) -> None:
    url = f"https://baothainguyen.vn/{key}"
    db.upsert_article({"outlet": "baothainguyen", "url": url, "canonical_url": url, "title": title,
                       "lead": "", "body": body, "published_at": f"{day}T08:00:00+07:00", "content_type": "bai"})
    article_id = db.query("SELECT id FROM articles WHERE canonical_url = ?", [url])[0]["id"]
    db.store_predictions([{"article_id": article_id, "label": label, "model_id": "m1", "score": score,
                           "predicted": int(score >= 0.5), "evidence": json.dumps(["tham nhũng"], ensure_ascii=False),
                           "content_hash": "h", "created_at": "2024-01-01T00:00:00+00:00"}
                          for label, score in scores.items()])


@pytest.fixture()
def server_url(tmp_path: Path) -> Iterator[str]:
    db = open_database(tmp_path / "t.db")
    db.sync_outlets([{"id": "baothainguyen", "name": "Báo Thái Nguyên", "kind": "newspaper",
                      "domain": "baothainguyen.vn", "valid_from": "2008-01-01", "valid_until": None,
                      "successor": None}])
    _article(db, "a", "Xét xử vụ án tham nhũng", "Bị cáo phạm tội tham nhũng.", "2020-03-01",
             {"noi_chinh": 0.8, "pctn": 0.9, "cctp": 0.1})
    _article(db, "b", "Kỷ luật cán bộ vì tiêu cực", "Cán bộ bị kỷ luật, tham nhũng.", "2020-02-01",
             {"noi_chinh": 0.3, "pctn": 0.8, "cctp": 0.1})
    _article(db, "x", PAYLOAD_TITLE, PAYLOAD_BODY, "2020-01-15", {"noi_chinh": 0.9, "pctn": 0.7, "cctp": 0.1})
    db.put_user("bientap", generate_password_hash(PASSWORD, method="pbkdf2:sha256:1000"), "editor")
    db.close()
    server = make_server("127.0.0.1", 0, create_app(str(tmp_path / "t.db"), secret_key="browser-test"),
                         threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join(timeout=10)


@pytest.mark.browser
def test_rejecting_a_topic_lowers_the_count(server_url: str) -> None:
    assert CHROMIUM.exists(), f"{CHROMIUM} is missing: apt-get install -y chromium (make browser-deps)"
    from playwright.sync_api import sync_playwright

    dialogs: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page()
            page.set_default_timeout(15_000)
            page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))

            page.goto(f"{server_url}/counts?{PERIOD}")
            assert "/login" in page.url
            page.fill("input[name=username]", "bientap")
            page.fill("input[name=password]", PASSWORD)
            page.click("button[type=submit]:has-text('Đăng nhập')")
            page.wait_for_url(f"**/counts?{PERIOD}")

            cell = "a.count[data-outlet='baothainguyen'][data-type='bai'][data-topic='pctn']"
            before = int(page.inner_text(cell))
            assert before == 3

            page.click(cell)
            page.wait_for_url("**/articles?**")
            assert page.inner_text("#total") == str(before)
            page.click("a.article-link:has-text('Xét xử vụ án tham nhũng')")
            page.wait_for_url("**/articles/*")
            assert page.inner_text("#topic-pctn .verdict") == "Thuộc chủ đề"
            page.click("#topic-pctn button[data-value='0']")  # "Bác bỏ"
            page.wait_for_selector("text=Đã ghi nhận quyết định")
            assert page.inner_text("#topic-pctn .verdict") == "Không thuộc"
            assert "bientap" in page.inner_text("table.history")

            page.goto(f"{server_url}/counts?{PERIOD}")
            assert int(page.inner_text(cell)) == before - 1

            # the stored payloads are shown as text and never run
            for path in ("/articles?topic=pctn", "/articles?q=cong+an"):
                page.goto(server_url + path)
                assert "<script>window.__xss" in page.inner_text("table.list")
            page.click("a.article-link:has-text('Công an điều tra')")
            page.wait_for_url("**/articles/*")
            assert page.inner_text("#article-title") == PAYLOAD_TITLE
            assert "<img src=x onerror=" in page.inner_text("div.body")
            assert page.evaluate("typeof window.__xss") == "undefined"
            assert page.title() != "pwned" and "Công an điều tra" in page.title()
            assert page.locator("div.body img").count() == 0
            assert page.locator("mark", has_text="Công an").count() == 0  # "công an" is not evidence here
            assert page.locator("div.body mark").count() == 0
            assert dialogs == []
        finally:
            browser.close()
