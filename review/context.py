"""Per-app settings and the per-request database connection."""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from flask import Flask, current_app, g

from storage import Database, open_database


@dataclass(frozen=True)
class ReviewSettings:
    """What ``create_app`` was given; stored in ``app.extensions["review"]``."""

    db_path: str
    fetch_article: Callable[[str], int] | None = None
    clock: Callable[[], dt.datetime] = lambda: dt.datetime.now(dt.timezone.utc)  # the login throttle's


def settings() -> ReviewSettings:
    return current_app.extensions["review"]


def get_db() -> Database:
    """The request's database, opened (and migrated) on first use."""
    if "db" not in g:
        g.db = open_database(settings().db_path)
    return g.db


def close_db(_exc: BaseException | None = None) -> None:
    db = g.pop("db", None)
    if db is not None:
        db.close()


def init_app(app: Flask, review_settings: ReviewSettings) -> None:
    app.extensions["review"] = review_settings
    app.teardown_appcontext(close_db)
