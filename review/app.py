"""The Flask application factory of the editors' review app."""
from __future__ import annotations

import dataclasses
import datetime as dt
import logging
import secrets
from collections.abc import Callable
from typing import Any

from flask import Flask, Response, jsonify, render_template, request
from werkzeug.exceptions import HTTPException

from storage import DatabaseLockedError, StorageError

from review import api, auth, context, pages
from review.labels import TEMPLATE_FILTERS, TEMPLATE_GLOBALS

log = logging.getLogger(__name__)

CONTENT_SECURITY_POLICY = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; "
                           "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")


def create_app(db_path: str, *, secret_key: str | None = None, testing: bool = False,
               fetch_article: Callable[[str], int] | None = None,
               secure_cookies: bool = False, clock: Callable[[], dt.datetime] | None = None) -> Flask:
    """Build the app for the database at *db_path*.

    secret_key signs the session cookie (a random one, lost at restart, when None);
    fetch_article(url) -> article id backs "add a missed article" (off when None);
    secure_cookies sends the session cookie over HTTPS only; clock() -> an aware datetime
    times failed logins for the throttle (the system clock when None).
    """
    app = Flask(__name__)
    if secret_key is None:
        log.warning("no secret key given: sessions end when the app restarts")
    app.config.update(
        SECRET_KEY=secret_key or secrets.token_hex(32),
        TESTING=testing,
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_SECURE=secure_cookies,
        MAX_CONTENT_LENGTH=64 * 1024,
    )
    app.json.ensure_ascii = False  # type: ignore[attr-defined]
    app.jinja_env.autoescape = True
    app.jinja_env.globals.update(TEMPLATE_GLOBALS)
    app.jinja_env.filters.update(TEMPLATE_FILTERS)
    review_settings = context.ReviewSettings(db_path=str(db_path), fetch_article=fetch_article)
    if clock is not None:
        review_settings = dataclasses.replace(review_settings, clock=clock)
    context.init_app(app, review_settings)
    auth.init_app(app)
    app.register_blueprint(pages.bp)
    app.register_blueprint(api.bp)
    app.after_request(_security_headers)
    app.register_error_handler(HTTPException, _http_error)
    app.register_error_handler(StorageError, _storage_error)
    return app


def _security_headers(response: Response) -> Response:
    response.headers["Content-Security-Policy"] = CONTENT_SECURITY_POLICY
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["X-Frame-Options"] = "DENY"
    response.headers["Referrer-Policy"] = "same-origin"
    if not request.path.startswith("/static/"):
        response.headers["Cache-Control"] = "no-store"
    return response


def _error(status: int, message: str, *, database_ok: bool = True) -> Any:
    if request.path.startswith("/api/"):
        return jsonify({"error": message}), status
    auth.settle_user_for_error_page(database_ok)
    return render_template("error.html", status=status, message=message), status


DEFAULT_MESSAGES = {400: "Yêu cầu không hợp lệ.", 401: "Cần đăng nhập.", 403: "Không có quyền làm việc này.",
                    404: "Không tìm thấy trang.", 405: "Phương thức không được phép.",
                    413: "Dữ liệu gửi lên quá lớn.", 429: "Quá nhiều yêu cầu, hãy thử lại sau.",
                    500: "Lỗi máy chủ."}


def _http_error(exc: HTTPException) -> Any:
    if exc.code is None or exc.code < 400:
        return exc
    message = exc.description
    if not message or message == type(exc).description:  # werkzeug's English default
        message = DEFAULT_MESSAGES.get(exc.code, exc.name)
    return _error(exc.code, message)


def _storage_error(exc: StorageError) -> Any:
    log.error("storage error on %s: %s", request.path, exc)
    if isinstance(exc, DatabaseLockedError):
        return _error(503, "Cơ sở dữ liệu đang bận, hãy thử lại sau ít phút.", database_ok=False)
    return _error(503, "Không đọc được cơ sở dữ liệu.", database_ok=False)
