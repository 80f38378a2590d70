"""Opening the database and every read and write the other packages need."""
from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import logging
import sqlite3
import sys
import unicodedata
import zlib
from array import array
from collections.abc import Callable, Iterable, Iterator, Sequence
from itertools import chain
from operator import itemgetter
from pathlib import Path
from typing import Any

import sqlite_utils

from storage.schema import CONTENT_TYPES, LABELS, apply_migrations, token_chunks

log = logging.getLogger(__name__)

BUSY_TIMEOUT_MS = 30_000
REVIEW_FIELDS = (*LABELS, "content_type", "counted")
PREDICTION_COLUMNS = ("article_id", "label", "model_id", "score", "predicted", "evidence", "content_hash",
                      "created_at")
_STORE_PREDICTION = (
    f"INSERT INTO predictions ({', '.join(PREDICTION_COLUMNS)}) VALUES ({', '.join('?' * len(PREDICTION_COLUMNS))})"
    " ON CONFLICT (article_id, label, model_id) DO UPDATE SET "
    + ", ".join(f"{c} = excluded.{c}" for c in PREDICTION_COLUMNS[3:]))
TOKEN_ID_DTYPE = "<i4"  # tokens.token_ids: numpy.frombuffer(blob, TOKEN_ID_DTYPE) reads them


class StorageError(Exception):
    """A database problem worth one clear line to the user."""


class DatabaseLockedError(StorageError):
    """Another process held the database for longer than the busy timeout."""


class DatabaseMissingError(StorageError):
    """A database file that does not exist, opened by a caller that must not create it."""


class ReviewConflictError(Exception):
    """A decision made on a page older than the latest decision on the same field:
    ``latest`` is that decision (a reviews row, None if there is none), which the decider
    had not seen."""

    def __init__(self, article_id: int, field: str, latest: dict | None) -> None:
        by = f"review {latest['id']} by {latest['reviewer']}" if latest else "no review now"
        super().__init__(f"article {article_id}: {field} changed since the page was shown ({by})")
        self.article_id, self.field, self.latest = article_id, field, latest


def encode_token_ids(ids: Iterable[int]) -> bytes:
    """Token ids as stored in tokens.token_ids: int32, little-endian."""
    packed = array("i", ids)
    if packed.itemsize != 4:
        raise StorageError("this platform's C int is not 32 bits")
    if sys.byteorder != "little":
        packed.byteswap()
    return packed.tobytes()


def _json_object(text: str | None) -> dict:
    try:
        value = json.loads(text or "{}")
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def now_iso() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


def content_hash(title: str, lead: str | None, body: str | None) -> str:
    """A stable fingerprint of the visible text: an edit makes a new version."""
    text = "\n".join(unicodedata.normalize("NFC", part or "").strip() for part in (title, lead, body))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


def fold_diacritics(text: str) -> str:
    """Vietnamese text without tone marks, "đ" folded to "d", for accent-free search."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


# The next batch of tokenized articles a model has not scored in their current text, after an
# article id; {column}: which stored form of the words to read.
_UNSCORED_SQL = """SELECT a.id, a.content_hash, {column} FROM articles a
    JOIN tokens t ON t.article_id = a.id AND t.content_hash = a.content_hash
    WHERE a.id > ? AND NOT EXISTS (
        SELECT 1 FROM predictions p WHERE p.article_id = a.id AND p.model_id = ?
        AND p.content_hash = a.content_hash)
    ORDER BY a.id LIMIT ?"""


@contextlib.contextmanager
def _translate_locks() -> Iterator[None]:
    try:
        yield
    except sqlite3.OperationalError as exc:
        if "locked" in str(exc) or "busy" in str(exc):
            raise DatabaseLockedError(f"the database is locked by another process ({exc})") from exc
        raise


@contextlib.contextmanager
def _write_transaction(db: sqlite_utils.Database) -> Iterator[None]:
    """A transaction that holds the write lock from its start (BEGIN IMMEDIATE), so a second
    writer waits up to the busy timeout. A deferred BEGIN would read first and ask for the
    lock at its first write, and in WAL mode that fails at once, without waiting, when another
    writer committed in between. Nested in a transaction: a savepoint."""
    with _translate_locks():
        if db.conn.in_transaction:
            with db.atomic():
                yield
            return
        db.conn.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            db.conn.rollback()
            raise
        try:
            db.conn.execute("COMMIT")
        except BaseException:
            db.conn.rollback()
            raise


def open_database(path: str | Path, *, migrate: bool = True, create: bool = True,
                  busy_timeout_ms: int = BUSY_TIMEOUT_MS) -> "Database":
    """Open (and migrate) the SQLite database at *path*, in WAL mode; a write waits up to
    *busy_timeout_ms* for another process's write lock.

    With *create* (the default, for writers) a missing file and its folder are created;
    without it a missing file is DatabaseMissingError, so that a mistyped path is never
    read as an empty database.
    """
    path = Path(path)
    if str(path) != ":memory:":
        if not create and not path.is_file():
            raise DatabaseMissingError(f"database {path} does not exist (check the path; "
                                       "only commands that store articles create one)")
        path.parent.mkdir(parents=True, exist_ok=True)
    try:
        conn = sqlite3.connect(str(path), timeout=busy_timeout_ms / 1000, check_same_thread=False)
        conn.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")
        db = sqlite_utils.Database(conn)
        with _translate_locks():
            if str(path) != ":memory:":
                db.enable_wal()
            conn.execute("PRAGMA foreign_keys = ON")
            conn.execute("PRAGMA synchronous = NORMAL")
            if migrate:
                apply_migrations(db)
    except sqlite3.DatabaseError as exc:
        if isinstance(exc, sqlite3.OperationalError) and "locked" in str(exc):
            raise DatabaseLockedError(f"the database {path} is locked by another process") from exc
        raise StorageError(f"cannot open database {path}: {exc}") from exc
    return Database(db, path)


class Database:
    """Typed access to the monitor's tables; the only place that writes SQL."""

    def __init__(self, db: sqlite_utils.Database, path: Path) -> None:
        self.db = db
        self.path = path
        # token_dictionary as read so far (word -> id) and its largest id: rows are only ever
        # appended, so rows added since (by this process or another) are the ids above it
        self._dictionary: dict[str, int] | None = None
        self._dictionary_through = 0

    def close(self) -> None:
        self.db.conn.close()

    def query(self, sql: str, params: Iterable[Any] | dict | None = None) -> list[dict]:
        """Read-only SQL for the reporting views (used by report and review)."""
        with _translate_locks():
            return list(self.db.query(sql, params or []))

    # ---- outlets -------------------------------------------------------------------
    def sync_outlets(self, outlets: Iterable[dict]) -> None:
        with _write_transaction(self.db):
            for outlet in outlets:
                self.db["outlets"].upsert(outlet, pk="id")

    def outlets(self) -> list[dict]:
        return self.query("SELECT * FROM outlets ORDER BY id")

    # ---- articles -------------------------------------------------------------------
    def known_urls(self, outlet: str) -> set[str]:
        rows = self.db.execute("SELECT canonical_url FROM articles WHERE outlet = ?", [outlet])
        return {row[0] for row in rows}

    def article_count(self) -> int:
        return self.db.execute("SELECT COUNT(*) FROM articles").fetchone()[0]

    def upsert_article(self, item: dict, raw_html: bytes | None = None,
                       encoding: str | None = None) -> str:
        """Insert a new article or a new version of a changed one.

        Returns "inserted", "updated" (text changed: the old text goes to
        article_versions) or "unchanged".
        """
        seen = now_iso()
        digest = content_hash(item["title"], item.get("lead"), item.get("body"))
        record = {
            "outlet": item["outlet"],
            "url": item["url"],
            "canonical_url": item["canonical_url"],
            "title": item["title"],
            "lead": item.get("lead"),
            "body": item.get("body"),
            "captions": json.dumps(item.get("captions") or [], ensure_ascii=False),
            "published_at": item.get("published_at"),
            "author": item.get("author"),
            "category": item.get("category"),
            "tags": json.dumps(item.get("tags") or [], ensure_ascii=False),
            "content_type": item.get("content_type"),
            "content_type_rule": item.get("content_type_rule"),
            "extraction": item.get("extraction", "selectors"),
            "content_hash": digest,
            "last_seen": seen,
        }
        with _write_transaction(self.db):
            existing = self.db.execute(
                "SELECT id, content_hash, version, title, lead, body FROM articles WHERE canonical_url = ?",
                [item["canonical_url"]],
            ).fetchone()
            if existing is None:
                record.update(first_seen=seen, version=1, counted=1)
                article_id = self.db["articles"].insert(record).last_pk
                outcome = "inserted"
            elif existing[1] == digest:
                self.db.execute("UPDATE articles SET last_seen = ? WHERE id = ?", [seen, existing[0]])
                return "unchanged"
            else:
                article_id, _, version, title, lead, body = existing
                self.db["article_versions"].insert({
                    "article_id": article_id, "version": version, "content_hash": existing[1],
                    "title": title, "lead": lead, "body": body, "replaced_at": seen,
                })
                record["version"] = version + 1
                self.db["articles"].update(article_id, record)
                self.db.execute("DELETE FROM articles_fts WHERE rowid = ?", [article_id])
                outcome = "updated"
            self.db.execute(
                "INSERT INTO articles_fts (rowid, title, body) VALUES (?, ?, ?)",
                [article_id, fold_diacritics(item["title"]),
                 fold_diacritics(" ".join(filter(None, [item.get("lead"), item.get("body")])))],
            )
            if raw_html is not None:
                self.db["raw_pages"].upsert({
                    "article_id": article_id, "url": item["url"], "fetched_at": seen,
                    "encoding": encoding, "html_zlib": zlib.compress(raw_html, 6),
                }, pk="article_id")
        return outcome

    def raw_html(self, article_id: int) -> bytes | None:
        row = self.db.execute("SELECT html_zlib FROM raw_pages WHERE article_id = ?", [article_id]).fetchone()
        return zlib.decompress(row[0]) if row else None

    def article(self, article_id: int) -> dict | None:
        rows = self.query("SELECT * FROM articles WHERE id = ?", [article_id])
        return rows[0] if rows else None

    # ---- tokens ---------------------------------------------------------------------
    def articles_without_tokens(self, tokenizer_version: str, batch_size: int = 200) -> Iterator[list[dict]]:
        """Batches of articles whose current text has no tokens from this tokenizer."""
        last_id = 0
        while True:
            rows = self.query(
                """SELECT a.id, a.content_hash, a.title, a.lead, a.body FROM articles a
                   LEFT JOIN tokens t ON t.article_id = a.id
                   WHERE a.id > ? AND (t.article_id IS NULL OR t.content_hash <> a.content_hash
                                        OR t.tokenizer_version <> ?)
                   ORDER BY a.id LIMIT ?""",
                [last_id, tokenizer_version, batch_size],
            )
            if not rows:
                return
            yield rows
            last_id = rows[-1]["id"]

    def count_without_tokens(self, tokenizer_version: str) -> int:
        return self.db.execute(
            """SELECT COUNT(*) FROM articles a LEFT JOIN tokens t ON t.article_id = a.id
               WHERE t.article_id IS NULL OR t.content_hash <> a.content_hash
                  OR t.tokenizer_version <> ?""", [tokenizer_version]).fetchone()[0]

    def store_tokens(self, rows: Iterable[dict]) -> int:
        """Store segmented texts ({"article_id", "content_hash", "tokens", ...}); the words'
        ids (token_ids) are added here, in the same transaction."""
        rows = list(rows)
        with self._writing_tokens():
            ids = self._token_ids([row["tokens"] or "" for row in rows])
            self.db["tokens"].upsert_all([{**row, "token_ids": i} for row, i in zip(rows, ids)], pk="article_id")
        return len(rows)

    @contextlib.contextmanager
    def _writing_tokens(self) -> Iterator[None]:
        """A transaction that may add words to token_dictionary."""
        try:
            with _write_transaction(self.db):
                yield
        except BaseException:
            self._dictionary = None  # it may hold words of the transaction rolled back
            raise

    def _known_words(self) -> list[tuple[str, int]]:
        """Bring the copy of token_dictionary (self._dictionary, word -> id) up to date: the
        rows added since it was last read, (word, id) in id order."""
        if self._dictionary is None:
            self._dictionary, self._dictionary_through = {}, 0
        rows = self.db.execute("SELECT token, id FROM token_dictionary WHERE id > ? ORDER BY id",
                               [self._dictionary_through]).fetchall()
        if rows:
            self._dictionary.update(rows)
            self._dictionary_through = rows[-1][1]
        return rows

    def _token_ids(self, texts: list[str]) -> list[bytes]:
        """Each text's whitespace-separated words as encoded ids into token_dictionary, words
        seen for the first time added to it (inside a _writing_tokens transaction)."""
        words = [text.split() for text in texts]
        flat = list(chain.from_iterable(words))
        self._known_words()
        ids = list(map(self._dictionary.get, flat))
        if None in ids:  # new words, in the order they first appear
            new = dict.fromkeys(w for w, i in zip(flat, ids) if i is None)
            self.db.conn.executemany("INSERT OR IGNORE INTO token_dictionary (token) VALUES (?)", ((w,) for w in new))
            added = self._known_words()
            self.db["token_chunks"].insert_all(token_chunks([(i, w) for w, i in added if w in new]))
            ids = list(map(self._dictionary.__getitem__, flat))
        encoded = encode_token_ids(ids)
        out, at = [], 0
        for w in words:
            out.append(encoded[at:at + 4 * len(w)])
            at += 4 * len(w)
        return out

    def fill_token_ids(self, batch_size: int = 500) -> int:
        """Token ids for tokens stored before there were any (migration 0014): how many rows
        got them. A quick no-op once every row has them (a partial index finds the rest)."""
        done = 0
        while self.db.execute("SELECT 1 FROM tokens WHERE token_ids IS NULL LIMIT 1").fetchone():
            # the write lock only when there is something to fill
            with self._writing_tokens():
                rows = self.db.execute("SELECT article_id, tokens FROM tokens WHERE token_ids IS NULL LIMIT ?",
                                       [batch_size]).fetchall()
                if not rows:
                    break
                ids = self._token_ids([tokens or "" for _, tokens in rows])
                self.db.conn.executemany("UPDATE tokens SET token_ids = ? WHERE article_id = ?",
                                         [(i, article_id) for (article_id, _), i in zip(rows, ids)])
            done += len(rows)
        if done:
            log.info("token ids stored for %d earlier segmented articles", done)
        return done

    def token_texts(self, after: int = 0) -> tuple[Sequence[int], list[str]]:
        """The dictionary's token ids above *after* and their texts, in id order: from the
        few rows of token_chunks when they cover those ids, else row by row."""
        with _translate_locks():
            last = self.db.execute("SELECT max(id) FROM token_dictionary").fetchone()[0] or 0
            if last <= after:
                return [], []
            texts: list[str] = []
            wanted = after + 1  # the next id whose text is wanted
            for first_id, last_id, tokens in self.db.execute(
                    "SELECT first_id, last_id, tokens FROM token_chunks WHERE last_id > ? AND first_id <= ?"
                    " ORDER BY first_id", [after, last]):
                words = tokens.split("\n")
                if first_id > wanted or len(words) != last_id - first_id + 1:
                    break  # a gap between the runs, or a run that is not what it says
                texts += words[wanted - first_id:]
                wanted = last_id + 1
            else:
                if wanted > last:
                    return range(after + 1, last + 1), texts[:last - after]
            rows = self.db.execute("SELECT id, token FROM token_dictionary WHERE id > ? ORDER BY id", [after]).fetchall()
            return list(map(itemgetter(0), rows)), list(map(itemgetter(1), rows))

    # ---- predictions ----------------------------------------------------------------
    def articles_without_predictions(self, model_id: str, batch_size: int = 1000) -> Iterator[list[dict]]:
        """Batches of tokenized articles that this model has not scored in their current text."""
        last_id = 0
        while True:
            rows = self.query(_UNSCORED_SQL.format(column="t.tokens"), [last_id, model_id, batch_size])
            if not rows:
                return
            yield rows
            last_id = rows[-1]["id"]

    def token_ids_without_predictions(self, model_id: str, batch_size: int = 1000) -> Iterator[list[tuple]]:
        """Batches of (article id, content hash, token ids as stored) of tokenized articles
        that this model has not scored in their current text (see articles_without_predictions).
        Rows stored without ids (before migration 0014, or since by a segmenter of before it)
        get them when a batch reaches them."""
        last_id = 0
        while True:
            with _translate_locks():
                rows = self.db.execute(_UNSCORED_SQL.format(column="t.token_ids"),
                                       [last_id, model_id, batch_size]).fetchall()
            if not rows:
                return
            if any(row[2] is None for row in rows):
                self.fill_token_ids()
                continue
            yield rows
            last_id = rows[-1][0]

    def count_without_predictions(self, model_id: str) -> int:
        return self.db.execute(
            """SELECT COUNT(*) FROM articles a
               JOIN tokens t ON t.article_id = a.id AND t.content_hash = a.content_hash
               WHERE NOT EXISTS (SELECT 1 FROM predictions p WHERE p.article_id = a.id
                                 AND p.model_id = ? AND p.content_hash = a.content_hash)""",
            [model_id]).fetchone()[0]

    def store_predictions(self, rows: Iterable[dict]) -> int:
        """Insert or replace predictions (a dict per row, every PREDICTION_COLUMNS key)."""
        return self.store_prediction_tuples(map(itemgetter(*PREDICTION_COLUMNS), rows))

    def store_prediction_tuples(self, rows: Iterable[tuple]) -> int:
        """The same for tuples in the order of PREDICTION_COLUMNS, in one transaction."""
        rows = list(rows)
        with _write_transaction(self.db):
            self.db.conn.executemany(_STORE_PREDICTION, rows)
        return len(rows)

    # ---- reviews --------------------------------------------------------------------
    def add_review(self, article_id: int, field: str, value: str | int, reviewer: str,
                   note: str | None = None, *, seen_review: int | None = None) -> int:
        """Log one editor decision; the latest per (article, field) wins everywhere.

        seen_review: the id of the field's latest decision when the editor looked (0: none);
        when another decision was logged since, nothing is stored and ReviewConflictError
        names it (checked inside the write transaction, so two clicks cannot both pass).
        """
        if field not in REVIEW_FIELDS:
            raise ValueError(f"unknown review field {field!r}")
        value = str(value)
        if field in LABELS or field == "counted":
            if value not in ("0", "1"):
                raise ValueError(f"{field} takes 0 or 1, not {value!r}")
        elif value not in CONTENT_TYPES:
            raise ValueError(f"unknown content type {value!r}")
        if self.article(article_id) is None:
            raise KeyError(article_id)
        with _write_transaction(self.db):
            if seen_review is not None:
                latest = self.latest_review(article_id, field)
                if (latest["id"] if latest else 0) != seen_review:
                    raise ReviewConflictError(article_id, field, latest)
            return self.db["reviews"].insert({
                "article_id": article_id, "field": field, "value": value,
                "reviewer": reviewer, "note": note, "created_at": now_iso(),
            }).last_pk

    def latest_review(self, article_id: int, field: str) -> dict | None:
        """The decision on (article, field) that counts now, or None."""
        rows = self.query("SELECT * FROM reviews WHERE article_id = ? AND field = ? ORDER BY id DESC LIMIT 1",
                          [article_id, field])
        return rows[0] if rows else None

    def reviews_for(self, article_id: int) -> list[dict]:
        return self.query("SELECT * FROM reviews WHERE article_id = ? ORDER BY id", [article_id])

    def reviewed_examples(self) -> list[dict]:
        """Articles with at least one label decision: text, current tokens, and per label the
        latest decision ("0"/"1"), None where no editor decided it (never the model's guess)."""
        decided = ", ".join(
            f"(SELECT r.value FROM reviews r WHERE r.article_id = a.id AND r.field = '{label}' "
            f"ORDER BY r.id DESC LIMIT 1) AS {label}" for label in LABELS)
        labels = ", ".join(f"'{label}'" for label in LABELS)
        return self.query(
            f"""SELECT a.id, a.title, a.lead, a.body, t.tokens, {decided}
               FROM articles a
               LEFT JOIN tokens t ON t.article_id = a.id AND t.content_hash = a.content_hash
               WHERE a.id IN (SELECT article_id FROM reviews WHERE field IN ({labels}))
               ORDER BY a.id""")

    # ---- runs -----------------------------------------------------------------------
    def start_run(self, kind: str, since: str | None = None, until: str | None = None,
                  stats: dict | None = None) -> int:
        """A run record, "running"; *stats* are what is known at the start (the finish replaces them)."""
        with _write_transaction(self.db):
            return self.db["runs"].insert({
                "kind": kind, "started_at": now_iso(), "status": "running",
                "window_since": since, "window_until": until,
                "stats": json.dumps(stats or {}, ensure_ascii=False, default=str),
            }).last_pk

    def finish_run(self, run_id: int, status: str, stats: dict | None = None,
                   message: str | None = None) -> None:
        with _write_transaction(self.db):
            self.db["runs"].update(run_id, {
                "finished_at": now_iso(), "status": status,
                "stats": json.dumps(stats or {}, ensure_ascii=False, default=str), "message": message,
            })

    def mark_interrupted_runs(self, alive: Callable[[dict | None], bool] | None = None) -> int:
        """Runs left "running" by a killed process become "interrupted": those whose owner
        (``stats["owner"]`` as recorded at the start) *alive* says is gone; every one when
        *alive* is not given."""
        with _write_transaction(self.db):
            rows = self.db.execute("SELECT id, stats FROM runs WHERE status = 'running'").fetchall()
            dead = [run_id for run_id, stats in rows
                    if alive is None or not alive(_json_object(stats).get("owner"))]
            self.db.conn.executemany(
                "UPDATE runs SET status = 'interrupted', finished_at = ?, "
                "message = COALESCE(message, 'its process ended without finishing it') WHERE id = ?",
                [(now_iso(), run_id) for run_id in dead])
            return len(dead)

    def last_runs(self, kind: str | None = None, limit: int = 10) -> list[dict]:
        if kind:
            return self.query("SELECT * FROM runs WHERE kind = ? ORDER BY id DESC LIMIT ?", [kind, limit])
        return self.query("SELECT * FROM runs ORDER BY id DESC LIMIT ?", [limit])

    def last_successful_run(self, kind: str) -> dict | None:
        rows = self.query(
            "SELECT * FROM runs WHERE kind = ? AND status IN ('success', 'degraded') "
            "ORDER BY id DESC LIMIT 1", [kind])
        return rows[0] if rows else None

    # ---- users ----------------------------------------------------------------------
    def put_user(self, username: str, password_hash: str, role: str) -> None:
        """Create a user, or reset an existing one's password and role; a reset also ends
        every session of the user (session_version + 1)."""
        with _write_transaction(self.db):
            self.db.execute(
                "INSERT INTO users (username, password_hash, role, created_at, session_version) "
                "VALUES (?, ?, ?, ?, 0) ON CONFLICT (username) DO UPDATE SET "
                "password_hash = excluded.password_hash, role = excluded.role, "
                "session_version = session_version + 1",
                [username, password_hash, role, now_iso()])

    def end_sessions(self, username: str) -> None:
        """Every login session of the user stops being valid (session_version + 1)."""
        with _write_transaction(self.db):
            self.db.execute("UPDATE users SET session_version = session_version + 1 WHERE username = ?",
                            [username])

    def delete_user(self, username: str) -> bool:
        """Remove an account (its sessions end with it); False when there was none.
        Its past decisions keep the name they were made under."""
        with _write_transaction(self.db):
            return self.db.execute("DELETE FROM users WHERE username = ?", [username]).rowcount > 0

    def user(self, username: str) -> dict | None:
        rows = self.query("SELECT * FROM users WHERE username = ?", [username])
        return rows[0] if rows else None

    # ---- login throttling -----------------------------------------------------------
    def record_login_failure(self, keys: Iterable[str], at: float, forget_before: float) -> None:
        """A failed login under each key at *at* (epoch seconds); failures older than
        *forget_before* (of any key) are deleted."""
        with _write_transaction(self.db):
            self.db.execute("DELETE FROM login_failures WHERE at < ?", [forget_before])
            self.db.conn.executemany("INSERT INTO login_failures (key, at) VALUES (?, ?)",
                                     [(key, at) for key in keys])

    def login_failures(self, key: str, after: float) -> list[float]:
        """The times of the key's failed logins later than *after*, oldest first."""
        rows = self.query("SELECT at FROM login_failures WHERE key = ? AND at > ? ORDER BY at", [key, after])
        return [row["at"] for row in rows]

    def clear_login_failures(self, key: str) -> None:
        with _write_transaction(self.db):
            self.db.execute("DELETE FROM login_failures WHERE key = ?", [key])

    # ---- reporting ------------------------------------------------------------------
    def report_items(self, date_from: str, date_to: str, outlets: list[str] | None = None) -> list[dict]:
        """Rows of the report_items view published between two ISO dates (inclusive)."""
        sql = "SELECT * FROM report_items WHERE day >= ? AND day <= ?"
        params: list[Any] = [date_from, date_to]
        if outlets:
            sql += f" AND outlet IN ({','.join('?' * len(outlets))})"
            params += outlets
        return self.query(sql + " ORDER BY published_at, article_id", params)

    def undated_report_items(self) -> list[dict]:
        """Rows of the report_items view with no publication date (in no period)."""
        return self.query("SELECT * FROM report_items WHERE day IS NULL OR day = '' ORDER BY article_id")

    def backup(self, target: str | Path) -> None:
        """A consistent copy of the database, safe while another process writes."""
        target = Path(target)
        target.parent.mkdir(parents=True, exist_ok=True)
        dest = sqlite3.connect(str(target))
        try:
            with _translate_locks():
                self.db.conn.backup(dest)
        finally:
            dest.close()
