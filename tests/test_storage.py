"""Storage: migrations, article versions, predictions vs reviews, locks, backup."""
from __future__ import annotations

import json
import sqlite3

import pytest
import sqlite_utils

from storage import DatabaseLockedError, open_database
from storage.db import fold_diacritics
from storage.schema import migrations
from tests.conftest import OUTLET_ROWS, make_article


def test_each_migration_applies_on_an_empty_database_in_order(tmp_path):
    db = sqlite_utils.Database(tmp_path / "m.db")
    names = [m.name for m in migrations._migrations]
    assert names == sorted(names), "migrations are named in order"
    for i, name in enumerate(names):
        migrations.apply(db, stop_before=names[i + 1] if i + 1 < len(names) else None)
        assert [m.name for m in migrations.applied(db)] == names[:i + 1]
    assert {"outlets", "articles", "article_versions", "raw_pages", "tokens", "predictions", "reviews",
            "runs", "users", "articles_fts"} <= set(db.table_names())
    assert {"article_labels", "report_items", "topic_counts"} <= set(db.view_names())


def test_migrations_twice_are_a_no_op(tmp_path):
    first = open_database(tmp_path / "x.db")
    applied = [m.name for m in migrations.applied(first.db)]
    first.close()
    second = open_database(tmp_path / "x.db")
    assert [m.name for m in migrations.applied(second.db)] == applied
    assert second.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_upsert_inserts_once_and_versions_edits(db):
    db.sync_outlets(OUTLET_ROWS)
    article = make_article(n=1)
    assert db.upsert_article(article, b"<html>v1</html>") == "inserted"
    assert db.upsert_article(article) == "unchanged"
    edited = {**article, "body": "Nội dung đã sửa."}
    assert db.upsert_article(edited, b"<html>v2</html>") == "updated"
    row = db.query("SELECT * FROM articles")[0]
    assert db.article_count() == 1
    assert row["version"] == 2 and row["body"] == "Nội dung đã sửa."
    old = db.query("SELECT * FROM article_versions")
    assert len(old) == 1 and old[0]["body"] == "Nội dung bài 1."
    assert db.raw_html(row["id"]) == b"<html>v2</html>"


def test_review_wins_over_model_and_is_never_overwritten(db):
    db.sync_outlets(OUTLET_ROWS)
    db.upsert_article(make_article(n=1))
    aid = db.query("SELECT id, content_hash FROM articles")[0]
    row = {"article_id": aid["id"], "label": "pctn", "model_id": "m1", "score": 0.9, "predicted": 1,
           "evidence": json.dumps(["hối lộ"]), "content_hash": aid["content_hash"], "created_at": "2026-01-01T00:00:00"}
    db.store_predictions([row])
    assert db.query("SELECT is_on, source FROM article_labels WHERE label='pctn'")[0] == {"is_on": 1, "source": "model"}
    db.add_review(aid["id"], "pctn", 0, "editor1")
    # a later model run predicts the label again: the review still wins
    db.store_predictions([{**row, "model_id": "m2", "created_at": "2026-02-01T00:00:00"}])
    got = db.query("SELECT is_on, source, reviewer FROM article_labels WHERE label='pctn'")[0]
    assert got == {"is_on": 0, "source": "reviewed", "reviewer": "editor1"}
    item = db.query("SELECT pctn, any_topic, reviewed FROM report_items")[0]
    assert item == {"pctn": 0, "any_topic": 0, "reviewed": 1}


def test_review_validation(db):
    db.sync_outlets(OUTLET_ROWS)
    db.upsert_article(make_article(n=1))
    aid = db.query("SELECT id FROM articles")[0]["id"]
    with pytest.raises(ValueError):
        db.add_review(aid, "pctn", "yes", "e")
    with pytest.raises(ValueError):
        db.add_review(aid, "content_type", "podcast", "e")
    with pytest.raises(ValueError):
        db.add_review(aid, "unknown", "1", "e")
    with pytest.raises(KeyError):
        db.add_review(aid + 100, "pctn", "1", "e")
    db.add_review(aid, "content_type", "bai", "e")
    db.add_review(aid, "counted", "0", "e")
    item = db.query("SELECT content_type, counted FROM report_items")[0]
    assert item == {"content_type": "bai", "counted": 0}


def test_search_without_tone_marks(db):
    db.sync_outlets(OUTLET_ROWS)
    db.upsert_article(make_article(n=1, title="Xét xử vụ án tham nhũng", body="Đường dây đánh bạc"))
    found = db.query("SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?", ['"tham nhung"'])
    assert len(found) == 1
    assert db.query("SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?", ['"duong day"'])
    assert fold_diacritics("Đường dây") == "Duong day"


def test_locked_database_gives_a_named_error(tmp_path):
    path = tmp_path / "locked.db"
    db = open_database(path)
    db.sync_outlets(OUTLET_ROWS)
    blocker = sqlite3.connect(path)
    blocker.execute("BEGIN EXCLUSIVE")
    db.db.conn.execute("PRAGMA busy_timeout = 100")
    with pytest.raises(DatabaseLockedError):
        db.upsert_article(make_article(n=5))
    blocker.rollback()
    blocker.close()
    assert db.upsert_article(make_article(n=5)) == "inserted"


def test_backup_is_a_consistent_copy(db, tmp_path):
    db.sync_outlets(OUTLET_ROWS)
    for n in range(3):
        db.upsert_article(make_article(n=n))
    target = tmp_path / "copy.db"
    db.backup(target)
    copy = open_database(target)
    assert copy.article_count() == 3
