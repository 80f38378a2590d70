"""The HTML pages: article list, article page and decisions, adding an article, counts."""
from __future__ import annotations

import logging
from typing import Any
from urllib.parse import urlsplit

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for

from storage.db import REVIEW_FIELDS
from storage.schema import CONTENT_TYPES, LABELS

from review import service
from review.auth import current_user, editor_required, require_login_page
from review.context import get_db, settings
from review.requests import article_list_or_400, period_or_400
from review.highlight import paragraphs
from review.labels import NOT_COUNTED_REASONS

log = logging.getLogger(__name__)
bp = Blueprint("pages", __name__)
bp.before_request(require_login_page)
MAX_NOTE_LENGTH = 500
MAX_URL_LENGTH = 2000
MAX_MESSAGE_LENGTH = 300


@bp.route("/")
def index() -> Any:
    return redirect(url_for("pages.articles"))


@bp.route("/articles")
def articles() -> Any:
    filters, page, outlets = article_list_or_400()
    return render_template("articles.html", filters=filters, page=page, outlets=outlets,
                           content_types=CONTENT_TYPES)


def _safe_link(url: str | None) -> str | None:
    """The original's address, only when it is a plain http(s) URL."""
    if url and urlsplit(url).scheme in ("http", "https"):
        return url
    return None


@bp.route("/articles/<int:article_id>")
def article(article_id: int) -> Any:
    db = get_db()
    detail = service.article_detail(db, article_id, db.outlets())
    if detail is None:
        abort(404, description=f"Không có bài số {article_id}.")
    return render_template(
        "article.html", a=detail, original_url=_safe_link(detail["url"]),
        lead=paragraphs(detail["lead"], detail["evidence"]),
        body=paragraphs(detail["body"], detail["evidence"]),
        content_types=CONTENT_TYPES, labels=LABELS)


def _decision(form: Any) -> tuple[str, str, str | None]:
    """field, value and note of a decision form (400 when they make no sense)."""
    field, value = form.get("field", ""), form.get("value", "")
    if field not in REVIEW_FIELDS:
        abort(400, description=f"Trường không hợp lệ: {field!r}")
    allowed = CONTENT_TYPES if field == "content_type" else ("0", "1")
    if value not in allowed:
        abort(400, description=f"Giá trị không hợp lệ cho {field}: {value!r}")
    note = (form.get("note") or "").strip()
    note = NOT_COUNTED_REASONS.get(note, note)[:MAX_NOTE_LENGTH] or None
    return field, value, note


@bp.route("/articles/<int:article_id>/review", methods=["POST"])
@editor_required
def review(article_id: int) -> Any:
    db = get_db()
    if not 0 < article_id <= service.MAX_SQLITE_INT or db.article(article_id) is None:
        abort(404, description=f"Không có bài số {article_id}.")
    field, value, note = _decision(request.form)
    reviewer = current_user()["username"]  # type: ignore[index]
    db.add_review(article_id, field, value, reviewer, note)
    log.info("review: article %s %s=%s by %s", article_id, field, value, reviewer)
    flash("Đã ghi nhận quyết định.", "info")
    return redirect(url_for("pages.article", article_id=article_id), code=303)


@bp.route("/articles/new", methods=["GET"])
def new_article() -> Any:
    return render_template("add_article.html", configured=settings().fetch_article is not None)


def _valid_url(url: str) -> bool:
    parts = urlsplit(url)
    return len(url) <= MAX_URL_LENGTH and parts.scheme in ("http", "https") and bool(parts.hostname)


@bp.route("/articles/new", methods=["POST"])
@editor_required
def add_article() -> Any:
    fetch = settings().fetch_article
    url = (request.form.get("url") or "").strip()
    if fetch is None:
        flash("Chức năng thêm bài chưa được cấu hình trên máy chủ này.", "error")
        return redirect(url_for("pages.new_article"), code=303)
    if not _valid_url(url):
        flash("Địa chỉ không hợp lệ: cần một URL http(s) đầy đủ.", "error")
        return redirect(url_for("pages.new_article"), code=303)
    try:
        article_id = fetch(url)
    except Exception as exc:  # the fetcher's errors are the editor's to read, not a 500
        log.warning("adding %s failed: %s", url, exc, exc_info=True)
        flash(f"Không thêm được bài: {(str(exc) or type(exc).__name__)[:MAX_MESSAGE_LENGTH]}", "error")
        return redirect(url_for("pages.new_article"), code=303)
    if isinstance(article_id, bool) or not isinstance(article_id, int):
        log.error("fetch_article returned %r for %s", article_id, url)
        flash("Không thêm được bài: bộ thu thập không trả về mã bài.", "error")
        return redirect(url_for("pages.new_article"), code=303)
    log.info("article %s added from %s by %s", article_id, url, current_user()["username"])  # type: ignore[index]
    flash("Đã thêm bài.", "info")
    return redirect(url_for("pages.article", article_id=article_id), code=303)


@bp.route("/counts")
def counts() -> Any:
    period = period_or_400()
    result = service.counts(get_db(), period)
    return render_template("counts.html", counts=result, link_args=service.count_link_args)
