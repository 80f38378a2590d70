"""The HTML pages: article list, article page and decisions, adding an article, counts."""
from __future__ import annotations

import logging
from typing import Any
from urllib.parse import urlsplit

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for

from storage.db import REVIEW_FIELDS, ReviewConflictError
from storage.schema import CONTENT_TYPES, LABELS

from review import service
from review.auth import current_user, editor_required, require_login_page
from review.context import get_db, settings
from review.requests import article_list_or_400, counts_query_or_400, list_filters_or_none
from review.highlight import paragraphs
from review.labels import FIELD_NAMES, NOT_COUNTED_REASONS, format_datetime, review_value_name
from review.outlets import reporting_choices

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
    return render_template("articles.html", filters=filters, page=page, outlets=reporting_choices(outlets),
                           content_types=CONTENT_TYPES)


def _safe_link(url: str | None) -> str | None:
    """The original's address, only when it is a plain http(s) URL."""
    if url and urlsplit(url).scheme in ("http", "https"):
        return url
    return None


@bp.route("/articles/<int:article_id>")
def article(article_id: int) -> Any:
    return _article_page(article_id)


def _article_page(article_id: int, status: int = 200) -> Any:
    """The article page; each decision form carries the id of its field's latest decision
    (``seen``), so that a click on a page that has gone stale can be refused. The list's
    filters it was opened from (``list_args``) stay on its links and forms: "back to the
    list" returns to the articles behind the same number."""
    db = get_db()
    outlets = db.outlets()
    detail = service.article_detail(db, article_id, outlets)
    if detail is None:
        abort(404, description=f"Không có bài số {article_id}.")
    seen = {review["field"]: review["id"] for review in detail["reviews"]}  # reviews in id order
    filters = list_filters_or_none(outlets)
    return render_template(
        "article.html", a=detail, original_url=_safe_link(detail["url"]),
        lead=paragraphs(detail["lead"], detail["evidence"]),
        body=paragraphs(detail["body"], detail["evidence"]),
        content_types=CONTENT_TYPES, labels=LABELS, seen=seen,
        list_args=filters.query_args() if filters else {}), status


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


def _seen_review(form: Any) -> int:
    """The id of the field's latest decision on the page the editor decided on (400 when absent)."""
    seen = form.get("seen", "")
    if not (seen.isascii() and seen.isdigit()) or int(seen) > service.MAX_SQLITE_INT:
        abort(400, description="Biểu mẫu thiếu thông tin về trang đã xem. Hãy tải lại trang và thử lại.")
    return int(seen)


def _conflict_message(exc: ReviewConflictError) -> str:
    """Why a decision made on a stale page was not stored, in the editor's words."""
    what = FIELD_NAMES.get(exc.field, exc.field)
    latest = exc.latest
    if latest is None:
        since = f"các quyết định về “{what}” đã thay đổi"
    else:
        since = (f"{latest['reviewer']} đã ghi quyết định “{what}: {review_value_name(exc.field, latest['value'])}” "
                 f"lúc {format_datetime(latest['created_at'])}")
    return (f"Quyết định của bạn chưa được ghi: sau khi bạn mở trang này, {since}. "
            "Trang đã được cập nhật; hãy xem lại rồi quyết định.")


@bp.route("/articles/<int:article_id>/review", methods=["POST"])
@editor_required
def review(article_id: int) -> Any:
    db = get_db()
    if not 0 < article_id <= service.MAX_SQLITE_INT or db.article(article_id) is None:
        abort(404, description=f"Không có bài số {article_id}.")
    field, value, note = _decision(request.form)
    seen = _seen_review(request.form)
    reviewer = current_user()["username"]  # type: ignore[index]
    try:
        db.add_review(article_id, field, value, reviewer, note, seen_review=seen)
    except ReviewConflictError as exc:
        log.info("stale decision refused: article %s %s=%s by %s (%s)", article_id, field, value, reviewer, exc)
        flash(_conflict_message(exc), "error")
        return _article_page(article_id, status=409)
    log.info("review: article %s %s=%s by %s", article_id, field, value, reviewer)
    flash("Đã ghi nhận quyết định.", "info")
    filters = list_filters_or_none(db.outlets())
    return redirect(url_for("pages.article", article_id=article_id, **(filters.query_args() if filters else {})),
                    code=303)


@bp.route("/articles/new", methods=["GET"])
def new_article() -> Any:
    return render_template("add_article.html", configured=settings().fetch_article is not None)


def _valid_url(url: str) -> bool:
    """A full http(s) address with a host (and a port, if any, that is a port)."""
    if len(url) > MAX_URL_LENGTH:
        return False
    try:
        parts = urlsplit(url)
        has_host = bool(parts.hostname) and (parts.port is None or parts.port > 0)
    except ValueError:  # "http://[bad" (an unclosed IPv6 bracket), a port that is no number…
        return False
    return parts.scheme in ("http", "https") and has_host


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
    period, outlet = counts_query_or_400()
    db = get_db()
    result = service.counts(db, period, outlet)
    return render_template("counts.html", counts=result, outlets=reporting_choices(db.outlets()),
                           link_args=service.count_link_args)
