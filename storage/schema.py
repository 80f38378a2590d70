"""Every table, index, view and FTS table, as named sqlite-utils migrations.

Applying the migrations twice is a no-op; a new change to the schema is a new named
migration appended at the end, never an edit of an applied one.
"""
from __future__ import annotations

import sqlite_utils
from sqlite_utils.migrations import Migrations

LABELS = ("noi_chinh", "pctn", "cctp")
CONTENT_TYPES = ("tin", "bai", "anh", "video", "audio")

migrations = Migrations("noichinh-monitor")


@migrations(name="0001_outlets")
def m0001_outlets(db: sqlite_utils.Database) -> None:
    db["outlets"].create(
        {
            "id": str,            # short key, e.g. "baothainguyen"
            "name": str,          # display name, e.g. "Báo Thái Nguyên"
            "kind": str,          # newspaper | broadcaster | merged | other
            "domain": str,
            "valid_from": str,    # ISO date or NULL
            "valid_until": str,   # ISO date or NULL
            "successor": str,     # outlet id that continues it after valid_until
        },
        pk="id",
    )


@migrations(name="0002_articles")
def m0002_articles(db: sqlite_utils.Database) -> None:
    db["articles"].create(
        {
            "id": int,
            "outlet": str,
            "url": str,
            "canonical_url": str,
            "title": str,
            "lead": str,
            "body": str,
            "captions": str,        # JSON list of image captions, kept apart from the body
            "published_at": str,    # ISO 8601 with +07:00
            "author": str,
            "category": str,
            "tags": str,            # JSON list
            "content_type": str,    # tin | bai | anh | video | audio
            "content_type_rule": str,
            "extraction": str,      # selectors | fallback
            "content_hash": str,
            "version": int,
            "first_seen": str,
            "last_seen": str,
            "counted": int,         # 1 unless an editor marked it not counted
        },
        pk="id",
        not_null={"outlet", "canonical_url", "title", "content_hash"},
        defaults={"version": 1, "counted": 1},
        foreign_keys=[("outlet", "outlets", "id")],
    )
    db["articles"].create_index(["canonical_url"], unique=True)
    db["articles"].create_index(["outlet", "published_at"])
    db["articles"].create_index(["published_at"])


@migrations(name="0003_article_versions")
def m0003_article_versions(db: sqlite_utils.Database) -> None:
    db["article_versions"].create(
        {
            "article_id": int,
            "version": int,
            "content_hash": str,
            "title": str,
            "lead": str,
            "body": str,
            "replaced_at": str,
        },
        pk=("article_id", "version"),
        foreign_keys=[("article_id", "articles", "id")],
    )


@migrations(name="0004_raw_pages")
def m0004_raw_pages(db: sqlite_utils.Database) -> None:
    db["raw_pages"].create(
        {
            "article_id": int,
            "url": str,
            "fetched_at": str,
            "encoding": str,
            "html_zlib": bytes,     # zlib-compressed raw HTML, for re-extraction
        },
        pk="article_id",
        foreign_keys=[("article_id", "articles", "id")],
    )


@migrations(name="0005_tokens")
def m0005_tokens(db: sqlite_utils.Database) -> None:
    db["tokens"].create(
        {
            "article_id": int,
            "content_hash": str,    # the article text the tokens were made from
            "tokens": str,          # space-joined words, syllables of a word glued by "_"
            "tokenizer": str,
            "tokenizer_version": str,
            "created_at": str,
        },
        pk="article_id",
        foreign_keys=[("article_id", "articles", "id")],
    )


@migrations(name="0006_predictions")
def m0006_predictions(db: sqlite_utils.Database) -> None:
    db["predictions"].create(
        {
            "article_id": int,
            "label": str,
            "model_id": str,
            "score": float,
            "predicted": int,
            "evidence": str,        # JSON list of phrases
            "content_hash": str,
            "created_at": str,
        },
        pk=("article_id", "label", "model_id"),
        foreign_keys=[("article_id", "articles", "id")],
    )
    db["predictions"].create_index(["model_id"])


@migrations(name="0007_reviews")
def m0007_reviews(db: sqlite_utils.Database) -> None:
    # An append-only log of editor decisions: the latest per (article, field) wins.
    # field is a label (value 0/1), "content_type" (value a type) or "counted" (0/1).
    db["reviews"].create(
        {
            "id": int,
            "article_id": int,
            "field": str,
            "value": str,
            "reviewer": str,
            "note": str,
            "created_at": str,
        },
        pk="id",
        not_null={"article_id", "field", "reviewer", "created_at"},
        foreign_keys=[("article_id", "articles", "id")],
    )
    db["reviews"].create_index(["article_id", "field"])


@migrations(name="0008_runs")
def m0008_runs(db: sqlite_utils.Database) -> None:
    db["runs"].create(
        {
            "id": int,
            "kind": str,            # crawl | segment | classify | nightly | ...
            "started_at": str,
            "finished_at": str,
            "status": str,          # running | success | degraded | failed
            "window_since": str,
            "window_until": str,
            "stats": str,           # JSON
            "message": str,
        },
        pk="id",
    )
    db["runs"].create_index(["kind", "started_at"])


@migrations(name="0009_users")
def m0009_users(db: sqlite_utils.Database) -> None:
    db["users"].create(
        {"username": str, "password_hash": str, "role": str, "created_at": str},
        pk="username",
    )


@migrations(name="0010_fts")
def m0010_fts(db: sqlite_utils.Database) -> None:
    # Full-text search without tone marks: the indexed text is folded (see
    # storage.db.fold_diacritics) so that "tham nhung" finds "tham nhũng".
    db.execute(
        "CREATE VIRTUAL TABLE articles_fts USING fts5("
        "title, body, tokenize='unicode61 remove_diacritics 2')"
    )


@migrations(name="0011_reporting_views")
def m0011_reporting_views(db: sqlite_utils.Database) -> None:
    label_rows = " UNION ALL ".join(f"SELECT '{label}' AS label" for label in LABELS)
    db.execute(f"""
        CREATE VIEW article_labels AS
        WITH latest_prediction AS (
            SELECT article_id, label, model_id, score, predicted, evidence,
                   ROW_NUMBER() OVER (PARTITION BY article_id, label
                                      ORDER BY created_at DESC, model_id DESC) AS rn
            FROM predictions),
        latest_review AS (
            SELECT article_id, field AS label, value, reviewer, created_at,
                   ROW_NUMBER() OVER (PARTITION BY article_id, field ORDER BY id DESC) AS rn
            FROM reviews)
        SELECT a.id AS article_id, l.label AS label,
               CAST(COALESCE(r.value, p.predicted, 0) AS INTEGER) AS is_on,
               p.score AS score, p.model_id AS model_id, p.evidence AS evidence,
               CASE WHEN r.value IS NOT NULL THEN 'reviewed'
                    WHEN p.predicted IS NOT NULL THEN 'model' ELSE 'none' END AS source,
               r.reviewer AS reviewer, r.created_at AS reviewed_at
        FROM articles a
        CROSS JOIN ({label_rows}) l
        LEFT JOIN latest_prediction p
               ON p.article_id = a.id AND p.label = l.label AND p.rn = 1
        LEFT JOIN latest_review r
               ON r.article_id = a.id AND r.label = l.label AND r.rn = 1
    """)
    db.execute("""
        CREATE VIEW report_items AS
        WITH latest AS (
            SELECT article_id, field, value,
                   ROW_NUMBER() OVER (PARTITION BY article_id, field ORDER BY id DESC) AS rn
            FROM reviews),
        flags AS (
            SELECT article_id,
                   MAX(CASE WHEN label = 'noi_chinh' THEN is_on END) AS noi_chinh,
                   MAX(CASE WHEN label = 'pctn' THEN is_on END) AS pctn,
                   MAX(CASE WHEN label = 'cctp' THEN is_on END) AS cctp,
                   MAX(source = 'reviewed') AS reviewed,
                   MAX(source <> 'none') AS classified
            FROM article_labels GROUP BY article_id)
        SELECT a.id AS article_id, a.outlet, o.name AS outlet_name,
               a.title, a.canonical_url AS url, a.published_at,
               substr(a.published_at, 1, 10) AS day,
               substr(a.published_at, 1, 7) AS month,
               substr(a.published_at, 1, 4) AS year,
               COALESCE(ct.value, a.content_type) AS content_type,
               CAST(COALESCE(cn.value, a.counted) AS INTEGER) AS counted,
               f.noi_chinh, f.pctn, f.cctp,
               MAX(f.noi_chinh, f.pctn, f.cctp) AS any_topic,
               f.reviewed, f.classified
        FROM articles a
        JOIN flags f ON f.article_id = a.id
        LEFT JOIN outlets o ON o.id = a.outlet
        LEFT JOIN latest ct ON ct.article_id = a.id AND ct.field = 'content_type' AND ct.rn = 1
        LEFT JOIN latest cn ON cn.article_id = a.id AND cn.field = 'counted' AND cn.rn = 1
    """)
    db.execute("""
        CREATE VIEW topic_counts AS
        SELECT year, month, outlet, content_type,
               SUM(noi_chinh) AS noi_chinh, SUM(pctn) AS pctn, SUM(cctp) AS cctp,
               SUM(any_topic) AS any_topic, COUNT(*) AS articles,
               SUM(any_topic * reviewed) AS any_topic_reviewed
        FROM report_items
        WHERE counted = 1
        GROUP BY year, month, outlet, content_type
    """)


@migrations(name="0012_outlet_report_as")
def m0012_outlet_report_as(db: sqlite_utils.Database) -> None:
    # An archive site of an outlet (the newspaper's pre-2022 backup site) reports as it.
    db["outlets"].add_column("report_as", str)


@migrations(name="0013_prediction_lookup_index")
def m0013_prediction_lookup_index(db: sqlite_utils.Database) -> None:
    # The latest prediction per (article, label): what article_labels and the review
    # app's lists look up for every article.
    db["predictions"].create_index(["article_id", "label", "created_at"], index_name="idx_predictions_latest")


@migrations(name="0014_token_ids")
def m0014_token_ids(db: sqlite_utils.Database) -> None:
    # Every stored word also as an integer id into one dictionary of token texts that belongs
    # to no model: re-scoring reads small id arrays and maps them to a model's vocabulary
    # with array look-ups instead of splitting and hashing the text again. Ids start at 1
    # and never change; the dictionary only grows.
    db["token_dictionary"].create({"id": int, "token": str}, pk="id", not_null={"token"})
    db["token_dictionary"].create_index(["token"], unique=True)
    # int32 little-endian, one per whitespace-separated word of `tokens`, in order
    db["tokens"].add_column("token_ids", bytes)
    # rows stored before this migration get their ids on first use (Database.fill_token_ids)
    db.execute("CREATE INDEX idx_tokens_without_ids ON tokens(article_id) WHERE token_ids IS NULL")


@migrations(name="0015_token_chunks")
def m0015_token_chunks(db: sqlite_utils.Database) -> None:
    # token_dictionary's texts once more, a row per run of consecutive ids (the words a
    # segmentation batch added, "\n" between them): a scorer reads the dictionary in a few
    # long rows instead of a row per word (Database.token_texts).
    db["token_chunks"].create({"first_id": int, "last_id": int, "tokens": str}, pk="first_id",
                              not_null={"last_id", "tokens"})
    rows = db.execute("SELECT id, token FROM token_dictionary ORDER BY id").fetchall()
    db["token_chunks"].insert_all(token_chunks(rows))


@migrations(name="0016_user_session_version")
def m0016_user_session_version(db: sqlite_utils.Database) -> None:
    # A number stored in each login session of the review app and checked on every request:
    # a logout or a password reset raises it, which ends every session signed before.
    db["users"].add_column("session_version", int, not_null_default=0)


@migrations(name="0017_login_failures")
def m0017_login_failures(db: sqlite_utils.Database) -> None:
    # Failed logins of the review app, per throttling key ("user:NAME", "addr:IP") and time
    # (seconds since the epoch); rows older than the throttle's window are deleted as new ones come.
    db["login_failures"].create({"id": int, "key": str, "at": float}, pk="id", not_null={"key", "at"})
    db["login_failures"].create_index(["key", "at"])


@migrations(name="0018_report_items_content_hash")
def m0018_report_items_content_hash(db: sqlite_utils.Database) -> None:
    # report_items as in 0011 plus the article's content_hash: the same piece stored twice
    # (from an outlet's archive site and from its new site) has one hash, and a count takes
    # it once per reporting outlet (report.counts.items_frame, report/README_SQL.md).
    db.execute("DROP VIEW topic_counts")
    db.execute("DROP VIEW report_items")
    db.execute("""
        CREATE VIEW report_items AS
        WITH latest AS (
            SELECT article_id, field, value,
                   ROW_NUMBER() OVER (PARTITION BY article_id, field ORDER BY id DESC) AS rn
            FROM reviews),
        flags AS (
            SELECT article_id,
                   MAX(CASE WHEN label = 'noi_chinh' THEN is_on END) AS noi_chinh,
                   MAX(CASE WHEN label = 'pctn' THEN is_on END) AS pctn,
                   MAX(CASE WHEN label = 'cctp' THEN is_on END) AS cctp,
                   MAX(source = 'reviewed') AS reviewed,
                   MAX(source <> 'none') AS classified
            FROM article_labels GROUP BY article_id)
        SELECT a.id AS article_id, a.outlet, o.name AS outlet_name,
               a.title, a.canonical_url AS url, a.published_at,
               substr(a.published_at, 1, 10) AS day,
               substr(a.published_at, 1, 7) AS month,
               substr(a.published_at, 1, 4) AS year,
               COALESCE(ct.value, a.content_type) AS content_type,
               CAST(COALESCE(cn.value, a.counted) AS INTEGER) AS counted,
               f.noi_chinh, f.pctn, f.cctp,
               MAX(f.noi_chinh, f.pctn, f.cctp) AS any_topic,
               f.reviewed, f.classified, a.content_hash
        FROM articles a
        JOIN flags f ON f.article_id = a.id
        LEFT JOIN outlets o ON o.id = a.outlet
        LEFT JOIN latest ct ON ct.article_id = a.id AND ct.field = 'content_type' AND ct.rn = 1
        LEFT JOIN latest cn ON cn.article_id = a.id AND cn.field = 'counted' AND cn.rn = 1
    """)
    db.execute("""
        CREATE VIEW topic_counts AS
        SELECT year, month, outlet, content_type,
               SUM(noi_chinh) AS noi_chinh, SUM(pctn) AS pctn, SUM(cctp) AS cctp,
               SUM(any_topic) AS any_topic, COUNT(*) AS articles,
               SUM(any_topic * reviewed) AS any_topic_reviewed
        FROM report_items
        WHERE counted = 1
        GROUP BY year, month, outlet, content_type
    """)


@migrations(name="0019_articles_content_hash_index")
def m0019_articles_content_hash_index(db: sqlite_utils.Database) -> None:
    # The other stored copies of a piece (same text: the archive site's and the new site's),
    # which the review app names beside the copy its lists and the counts take.
    db["articles"].create_index(["content_hash"])


def token_chunks(rows: list[tuple[int, str]]) -> list[dict]:
    """token_chunks rows of (id, token) rows in id order: one per run of consecutive ids."""
    chunks: list[dict] = []
    start = 0
    for k in range(1, len(rows) + 1):
        if k == len(rows) or rows[k][0] != rows[k - 1][0] + 1:
            chunks.append({"first_id": rows[start][0], "last_id": rows[k - 1][0],
                           "tokens": "\n".join(token for _, token in rows[start:k])})
            start = k
    return chunks


def apply_migrations(db: sqlite_utils.Database) -> None:
    """Bring a database to the current schema (a no-op when it already is)."""
    migrations.apply(db)
