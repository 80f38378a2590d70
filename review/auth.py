"""Login, logout, the current user, role checks and CSRF protection."""
from __future__ import annotations

import functools
import hmac
import logging
import math
import secrets
from collections.abc import Callable
from typing import Any, TypeVar
from urllib.parse import urlsplit

from flask import (Blueprint, Flask, abort, flash, g, redirect, render_template, request, session,
                   url_for)

from storage import StorageError

from review.accounts import ROLES, authenticate
from review.context import get_db, settings
from review.throttle import (LoginThrottledError, check_login_allowed, record_failed_login,
                             record_successful_login)

log = logging.getLogger(__name__)
bp = Blueprint("auth", __name__)
F = TypeVar("F", bound=Callable[..., Any])
UNSAFE_METHODS = ("POST", "PUT", "PATCH", "DELETE")


def csrf_token() -> str:
    """The session's CSRF token (created on first use); templates put it in forms."""
    token = session.get("csrf_token")
    if not token:
        token = session["csrf_token"] = secrets.token_urlsafe(32)
    return token


def check_csrf() -> None:
    """Refuse (400) any state-changing request without the session's token."""
    if request.method not in UNSAFE_METHODS:
        return
    sent = request.form.get("csrf_token", "")
    expected = session.get("csrf_token", "")
    if not sent or not expected or not hmac.compare_digest(sent.encode(), expected.encode()):
        log.warning("CSRF token missing or wrong on %s %s", request.method, request.path)
        abort(400, description="Thiếu hoặc sai mã bảo vệ biểu mẫu (CSRF). Hãy tải lại trang và thử lại.")


def current_user() -> dict | None:
    """The logged-in user's row, checked against the database on every request: the role,
    and the session version (a logout or a password reset since the login ends the session)."""
    if "user" not in g:
        name = session.get("user")
        user = get_db().user(name) if name else None
        if user is not None and (user["role"] not in ROLES
                                 or session.get("session_version") != user["session_version"]):
            user = None
        if name and user is None:
            session.clear()
        g.user = user
    return g.user


def settle_user_for_error_page(database_ok: bool) -> None:
    """Decide who the error page's header shows without letting the page fail itself: when
    the database is what failed, nobody (it is not opened again); else the user, if the
    database still answers."""
    if "user" in g:
        return
    if not database_ok:
        g.user = None
        return
    try:
        current_user()
    except StorageError as exc:
        log.warning("error page without the user (database: %s)", exc)
        g.user = None


def is_editor() -> bool:
    user = current_user()
    return bool(user and user["role"] == "editor")


def require_login_page() -> Any:
    """For a blueprint's before_request: anonymous visitors go to the login page."""
    if current_user() is None:
        return redirect(url_for("auth.login", next=request.full_path.rstrip("?")))
    return None


def editor_required(view: F) -> F:
    """Only editors may use the view; a viewer gets 403."""
    @functools.wraps(view)
    def wrapped(*args: Any, **kwargs: Any) -> Any:
        if current_user() is None:
            abort(401, description="Cần đăng nhập.")
        if not is_editor():
            abort(403, description="Chỉ biên tập viên được ghi quyết định.")
        return view(*args, **kwargs)
    return wrapped  # type: ignore[return-value]


def _local_path(target: str | None) -> str | None:
    """*target* when it is a path on this site, else None.

    A browser drops tabs and newlines from an address and reads "\\" as "/", so
    "/<TAB>/evil.example" would lead to //evil.example: control characters and backslashes
    are refused outright, then anything with a scheme or a host, or not starting with a
    single "/".
    """
    if not target or not target.isprintable() or "\\" in target:
        return None
    if not target.startswith("/") or target.startswith("//"):
        return None
    try:
        parts = urlsplit(target)
    except ValueError:
        return None
    return None if parts.scheme or parts.netloc else target


def _safe_next(target: str | None) -> str:
    """A local path to go to after login (never another site): the list of articles by default."""
    return _local_path(target) or url_for("pages.articles")


@bp.route("/login", methods=["GET", "POST"])
def login() -> Any:
    if request.method == "GET":
        return render_template("login.html", next=_local_path(request.args.get("next")) or "")
    username = request.form.get("username", "").strip()
    db, now, address = get_db(), settings().clock(), request.remote_addr
    try:
        check_login_allowed(db, username, address, now)
    except LoginThrottledError as exc:
        log.warning("login refused (throttled) for %r from %s", username[:64], address)
        minutes = math.ceil(exc.retry_after / 60)
        flash(f"Đăng nhập sai quá nhiều lần. Hãy thử lại sau {minutes} phút.", "error")
        page = render_template("login.html", next=_local_path(request.form.get("next")) or "")
        return page, 429, {"Retry-After": str(exc.retry_after)}
    user = authenticate(db, username, request.form.get("password", ""))
    if user is None:
        log.info("failed login for %r from %s", username[:64], address)
        record_failed_login(db, username, address, now)
        flash("Sai tên đăng nhập hoặc mật khẩu.", "error")
        return render_template("login.html", next=_local_path(request.form.get("next")) or ""), 401
    record_successful_login(db, user["username"])
    session.clear()  # a fresh session (and CSRF token) after login
    session["user"] = user["username"]
    session["session_version"] = user["session_version"]
    csrf_token()
    log.info("login: %s (%s)", user["username"], user["role"])
    return redirect(_safe_next(request.form.get("next")), code=303)


@bp.route("/logout", methods=["POST"])
def logout() -> Any:
    """Ends every session of the user (on this browser and any other), not only this cookie."""
    user = current_user()
    if user is not None:
        get_db().end_sessions(user["username"])
        log.info("logout: %s", user["username"])
    session.clear()
    flash("Đã đăng xuất.", "info")
    return redirect(url_for("auth.login"), code=303)


def init_app(app: Flask) -> None:
    app.before_request(check_csrf)
    app.jinja_env.globals.update(csrf_token=csrf_token, current_user=current_user, is_editor=is_editor)
    app.register_blueprint(bp)
