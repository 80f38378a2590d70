"""The read-only JSON API: counts, the article list, one article, the OpenAPI document."""
from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, jsonify, request, url_for

from review import service
from review.auth import current_user
from review.context import get_db
from review.requests import article_list_or_400, counts_query_or_400
from review.openapi import openapi_document

bp = Blueprint("api", __name__, url_prefix="/api")
PUBLIC_ENDPOINTS = {"api.openapi"}


@bp.before_request
def require_login() -> None:
    """Every read but the OpenAPI document needs a logged-in viewer or editor (else 401)."""
    if request.endpoint not in PUBLIC_ENDPOINTS and current_user() is None:
        abort(401, description="Cần đăng nhập (phiên của trang biên tập).")


@bp.route("/counts")
def counts() -> Any:
    period, outlet = counts_query_or_400()
    result = service.counts(get_db(), period, outlet)
    return jsonify({"from": period.start.isoformat(), "to": period.end.isoformat(),
                    "label": period.label, "outlet": outlet, "rows": result.rows})


@bp.route("/articles")
def articles() -> Any:
    filters, page, _ = article_list_or_400()
    has_next = page.page < page.pages
    return jsonify({
        "total": page.total, "page": page.page, "pages": page.pages, "per_page": page.per_page,
        "next": url_for("api.articles", **filters.query_args(page=page.page + 1)) if has_next else None,
        "items": page.items,
    })


@bp.route("/articles/<int:article_id>")
def article(article_id: int) -> Any:
    db = get_db()
    detail = service.article_detail(db, article_id, db.outlets())
    if detail is None:
        abort(404, description=f"Không có bài số {article_id}.")
    return jsonify(detail)


@bp.route("/openapi.json")
def openapi() -> Any:
    return jsonify(openapi_document())
