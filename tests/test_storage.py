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


def test_opening_for_reading_refuses_a_missing_database(tmp_path):
    from storage import DatabaseMissingError, StorageError

    missing = tmp_path / "typo" / "monitr.db"
    with pytest.raises(DatabaseMissingError, match="does not exist") as caught:
        open_database(missing, create=False)
    assert isinstance(caught.value, StorageError)
    assert not missing.parent.exists()                       # nothing created on the way
    open_database(tmp_path / "new.db").close()               # writers still create it
    open_database(tmp_path / "new.db", create=False).close()  # and then readers open it


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


def _stored_words(db, article_id: int) -> list[str]:
    import numpy as np

    from storage.db import TOKEN_ID_DTYPE

    ids, texts = db.token_texts()
    text_of = dict(zip(ids, texts))
    blob = db.db.execute("SELECT token_ids FROM tokens WHERE article_id = ?", [article_id]).fetchone()[0]
    return [text_of[i] for i in np.frombuffer(blob, dtype=TOKEN_ID_DTYPE).tolist()]


def _tokens_row(article_id: int, content_hash: str, tokens: str) -> dict:
    return {"article_id": article_id, "content_hash": content_hash, "tokens": tokens, "tokenizer": "t",
            "tokenizer_version": "1", "created_at": "2026-01-01T00:00:00+00:00"}


def test_tokens_are_stored_with_their_ids_in_one_dictionary(db):
    db.sync_outlets(OUTLET_ROWS)
    for n in range(3):
        db.upsert_article(make_article(n=n))
    ids = [r["id"] for r in db.query("SELECT id FROM articles ORDER BY id")]
    texts = ["Tòa_án xét_xử vụ án", "tòa_án  Tòa_án\tmới", ""]
    db.store_tokens([_tokens_row(i, "h", t) for i, t in zip(ids[:2], texts[:2])])
    db.store_tokens([_tokens_row(ids[2], "h", texts[2])])
    for article_id, text in zip(ids, texts):
        assert _stored_words(db, article_id) == text.split()
    dictionary = dict(zip(*db.token_texts()))
    assert sorted(dictionary) == list(range(1, 7)), "ids from 1, one per distinct word (case counts)"
    assert sorted(dictionary.values()) == sorted({"Tòa_án", "xét_xử", "vụ", "án", "tòa_án", "mới"})
    # the same word keeps its id; a new segmentation of a text adds only its new words
    db.store_tokens([_tokens_row(ids[2], "h2", "án mới tham_nhũng")])
    assert dict(zip(*db.token_texts())) == {**dictionary, 7: "tham_nhũng"}
    ids_after, texts_after = db.token_texts(after=6)
    assert (list(ids_after), texts_after) == ([7], ["tham_nhũng"])
    assert _stored_words(db, ids[2]) == ["án", "mới", "tham_nhũng"]
    everything = dict(zip(*db.token_texts()))
    assert db.query("SELECT first_id, last_id FROM token_chunks ORDER BY first_id") == [
        {"first_id": 1, "last_id": 6}, {"first_id": 7, "last_id": 7}], "a run of texts per batch that added words"
    for after in range(8):
        ids_after, texts_after = db.token_texts(after=after)
        assert dict(zip(ids_after, texts_after)) == {i: w for i, w in everything.items() if i > after}
    # without the runs (or with a gap storage never leaves), texts are read row by row
    db.db.execute("DELETE FROM token_chunks WHERE first_id = 7")
    assert dict(zip(*db.token_texts())) == everything
    db.db.execute("DELETE FROM token_dictionary WHERE id = 3")
    db.db.execute("DELETE FROM token_chunks")
    assert dict(zip(*db.token_texts())) == {i: w for i, w in everything.items() if i != 3}
    assert db.token_texts(after=7) == ([], [])


def test_tokens_stored_before_token_ids_get_them_on_first_use(db):
    db.sync_outlets(OUTLET_ROWS)
    db.upsert_article(make_article(n=1))
    article_id = db.query("SELECT id FROM articles")[0]["id"]
    content_hash = db.query("SELECT content_hash FROM articles")[0]["content_hash"]
    db.store_tokens([_tokens_row(article_id, content_hash, "Nội_dung bài 1")])
    db.db.execute("UPDATE tokens SET token_ids = NULL")  # as migration 0014 leaves earlier rows
    db.db.conn.commit()
    batches = list(db.token_ids_without_predictions("m1"))  # fills them first
    assert [row[0] for batch in batches for row in batch] == [article_id]
    assert _stored_words(db, article_id) == ["Nội_dung", "bài", "1"]
    assert db.fill_token_ids() == 0, "nothing left to fill"


def test_storing_a_prediction_again_replaces_it(db):
    db.sync_outlets(OUTLET_ROWS)
    db.upsert_article(make_article(n=1))
    article_id = db.query("SELECT id FROM articles")[0]["id"]
    row = {"article_id": article_id, "label": "pctn", "model_id": "m1", "score": 0.2, "predicted": 0,
           "evidence": "[]", "content_hash": "h", "created_at": "2026-01-01T00:00:00+00:00"}
    db.store_predictions([row])
    db.store_predictions([{**row, "score": 0.9, "predicted": 1, "evidence": '["hối lộ"]'}])
    got = db.query("SELECT score, predicted, evidence FROM predictions")
    assert got == [{"score": 0.9, "predicted": 1, "evidence": '["hối lộ"]'}]


def test_words_of_a_failed_store_are_not_remembered(db):
    db.sync_outlets(OUTLET_ROWS)
    db.upsert_article(make_article(n=1))
    article_id = db.query("SELECT id FROM articles")[0]["id"]
    db.store_tokens([_tokens_row(article_id, "h", "tham_nhũng")])
    with pytest.raises(sqlite3.IntegrityError):  # no such article: the transaction is rolled back
        db.store_tokens([_tokens_row(article_id + 1, "h", "hối_lộ lãng_phí")])
    assert list(zip(*db.token_texts())) == [(1, "tham_nhũng")]
    assert db.query("SELECT first_id, last_id FROM token_chunks") == [{"first_id": 1, "last_id": 1}]
    db.store_tokens([_tokens_row(article_id, "h", "lãng_phí tham_nhũng")])  # ids of the committed rows only
    assert _stored_words(db, article_id) == ["lãng_phí", "tham_nhũng"]


def test_migration_0015_writes_the_runs_of_an_earlier_dictionary(tmp_path):
    db = sqlite_utils.Database(tmp_path / "m.db")
    migrations.apply(db, stop_before="0015_token_chunks")
    db["token_dictionary"].insert_all([{"id": i, "token": w} for i, w in [(1, "a"), (2, "b_c"), (4, "d"), (5, "E")]])
    migrations.apply(db)
    assert list(db.query("SELECT * FROM token_chunks ORDER BY first_id")) == [
        {"first_id": 1, "last_id": 2, "tokens": "a\nb_c"}, {"first_id": 4, "last_id": 5, "tokens": "d\nE"}]


def test_a_second_writer_waits_for_the_first_instead_of_failing(tmp_path):
    """Two segmenters store words at once: the second waits for the first one's commit. With a
    deferred BEGIN it read the dictionary first, and its write then failed at once (WAL: the
    snapshot it read was stale) with DatabaseLockedError."""
    import threading

    path = tmp_path / "two-writers.db"
    db = open_database(path)
    db.sync_outlets(OUTLET_ROWS)
    db.upsert_article(make_article(n=1))
    article_id = db.query("SELECT id FROM articles")[0]["id"]
    first = sqlite3.connect(path)
    first.execute("BEGIN IMMEDIATE")
    first.execute("INSERT INTO token_dictionary (token) VALUES ('hối_lộ')")
    outcome: dict = {}
    about_to_store = threading.Event()

    def second_writer() -> None:
        other = open_database(path)
        try:
            about_to_store.set()
            outcome["stored"] = other.store_tokens([_tokens_row(article_id, "h", "tham_nhũng hối_lộ")])
        except Exception as exc:  # the assertion below names it
            outcome["error"] = exc
        finally:
            other.close()

    thread = threading.Thread(target=second_writer)
    thread.start()
    assert about_to_store.wait(10)
    thread.join(0.5)
    assert thread.is_alive(), f"the second writer did not wait for the lock: {outcome}"
    first.commit()
    first.close()
    thread.join(10)
    assert "error" not in outcome, outcome.get("error")
    assert outcome["stored"] == 1
    assert _stored_words(db, article_id) == ["tham_nhũng", "hối_lộ"]


def test_tokens_stored_without_ids_during_a_classification_get_them(db):
    """A segmenter of before migration 0014 may still write rows without ids while a
    classification reads batches: the batch that reaches them has them filled, not None."""
    db.sync_outlets(OUTLET_ROWS)
    for n in range(2):
        db.upsert_article(make_article(n=n))
    articles = db.query("SELECT id, content_hash FROM articles ORDER BY id")
    db.store_tokens([_tokens_row(articles[0]["id"], articles[0]["content_hash"], "tham_nhũng")])
    batches = db.token_ids_without_predictions("m1", batch_size=1)
    first = next(batches)
    db.db.execute("INSERT INTO tokens (article_id, content_hash, tokens, tokenizer, tokenizer_version, created_at)"
                  " VALUES (?, ?, 'hối_lộ lãng_phí', 't', '1', '2026-01-01')",
                  [articles[1]["id"], articles[1]["content_hash"]])
    db.db.conn.commit()
    second = next(batches)
    assert [row[0] for row in first + second] == [articles[0]["id"], articles[1]["id"]]
    assert all(row[2] is not None for row in second)
    assert _stored_words(db, articles[1]["id"]) == ["hối_lộ", "lãng_phí"]
    assert next(batches, None) is None


def test_reading_batches_of_token_ids_needs_no_write_lock(tmp_path):
    """A classification beside a writer (crawl, segmentation) reads its batches at once: with
    every row holding its ids, there is nothing to fill and no write lock to wait for."""
    path = tmp_path / "reader.db"
    db = open_database(path)
    db.sync_outlets(OUTLET_ROWS)
    db.upsert_article(make_article(n=1))
    article = db.query("SELECT id, content_hash FROM articles")[0]
    db.store_tokens([_tokens_row(article["id"], article["content_hash"], "tham_nhũng")])
    writer = sqlite3.connect(path)
    writer.execute("BEGIN IMMEDIATE")
    writer.execute("INSERT INTO token_dictionary (token) VALUES ('hối_lộ')")
    db.db.conn.execute("PRAGMA busy_timeout = 100")
    try:
        assert db.fill_token_ids() == 0
        assert [row[0] for row in next(db.token_ids_without_predictions("m1"))] == [article["id"]]
    finally:
        writer.rollback()
        writer.close()
