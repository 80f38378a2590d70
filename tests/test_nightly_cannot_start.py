"""A night that cannot start (the database locked past the busy timeout, unreadable, the
sources file missing) exits 1 as documented, says so in --json, the log and, where the
database can take it, a run record; `status` then shows the night was not healthy."""
from __future__ import annotations

import json
import sqlite3

from click.testing import CliRunner

import pipeline
from standin.server import serving
from standin.site import Site
from storage import open_database

NOWHERE = ["--mirror", "baothainguyen=http://127.0.0.1:9", "--mirror", "thainguyentv=http://127.0.0.1:9"]


def _invoke(db, *args, sources=None):
    argv = ["--db", str(db)] + (["--sources", str(sources)] if sources else []) + list(args)
    return CliRunner().invoke(pipeline.cli, argv, catch_exceptions=False)


def _healthy_night_before(db) -> None:
    database = open_database(db)
    database.finish_run(database.start_run("nightly"), "success", {})
    database.close()
    assert _invoke(db, "status").exit_code == 0


def _log(db) -> str:
    return (db.parent / "logs" / "monitor.log").read_text(encoding="utf-8")


def test_a_database_locked_past_the_busy_timeout_fails_the_night(tmp_path, monkeypatch):
    db = tmp_path / "w.db"
    _healthy_night_before(db)
    monkeypatch.setattr(pipeline, "_db", lambda config, create=True: open_database(config.db_path, create=create, busy_timeout_ms=50))
    blocker = sqlite3.connect(db)
    blocker.execute("BEGIN IMMEDIATE")  # another process holds the write lock
    try:
        result = _invoke(db, "nightly", "--json", "--no-polite", *NOWHERE)
    finally:
        blocker.rollback()
        blocker.close()
    assert result.exit_code == 1, result.output
    record = json.loads(result.stdout)
    assert record["status"] == "failed" and record["run_id"] is None and "locked" in record["message"]
    assert "nightly run could not start" in _log(db) and "locked" in _log(db)
    status = _invoke(db, "status")
    assert status.exit_code == 1
    assert "last nightly: failed at" in status.output and "not recorded in the database" in status.output
    with serving({o: _gone_site(o) for o in ("baothainguyen", "thainguyentv")}) as mirrors:
        later = _invoke(db, "nightly", "--no-polite", *[a for o, u in mirrors.items() for a in ("--mirror", f"{o}={u}")])
    assert later.exit_code == 1  # every outlet failed; but the night is recorded, and status reads it again
    status = _invoke(db, "status")
    assert "last nightly: failed" in status.output and "not recorded" not in status.output.splitlines()[-1]


def _gone_site(outlet: str) -> Site:
    site = Site(outlet)

    def gone(handler) -> None:
        handler.send_response(404)
        handler.send_header("Content-Length", "0")
        handler.end_headers()

    site.get = lambda path: gone  # type: ignore[method-assign]
    return site


def test_an_unreadable_database_fails_the_night_with_json_output(tmp_path):
    db = tmp_path / "c.db"
    db.write_bytes(b"this is not a database" * 300)
    result = _invoke(db, "nightly", "--json", "--no-polite", *NOWHERE)
    assert result.exit_code == 1, result.output
    record = json.loads(result.stdout)
    assert record["status"] == "failed" and "not a database" in record["message"]
    assert "not a database" in _log(db)
    status = _invoke(db, "status")
    assert status.exit_code == 1 and "last nightly: failed" in status.output


def test_a_missing_sources_file_is_a_recorded_failed_night(tmp_path):
    db = tmp_path / "s.db"
    _healthy_night_before(db)
    result = _invoke(db, "nightly", "--no-polite", sources=tmp_path / "nonexistent.yaml")
    assert result.exit_code == 1, result.output
    assert "FAILED" in result.output and "nonexistent.yaml" in result.output
    last = open_database(db).last_runs("nightly")[0]
    assert last["status"] == "failed" and "nonexistent.yaml" in last["message"]
    assert "nonexistent.yaml" in _log(db)
    status = _invoke(db, "status")
    assert status.exit_code == 1 and "last nightly: failed" in status.output
