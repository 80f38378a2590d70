"""A manual crawl and the nightly job exclude each other: `crawl` takes the nightly's lock and
exits 75 (touching nothing) while another run holds it."""
from __future__ import annotations

from click.testing import CliRunner

import pipeline
from jobs.lock import RunLock

NOWHERE = ["--mirror", "baothainguyen=http://127.0.0.1:9", "--mirror", "thainguyentv=http://127.0.0.1:9"]


def test_crawl_exits_75_while_a_nightly_holds_the_lock(tmp_path):
    db = tmp_path / "m.db"
    with RunLock(db):  # a nightly (or another crawl) is running
        result = CliRunner().invoke(pipeline.cli, ["--db", str(db), "crawl", "--no-polite", *NOWHERE])
    assert result.exit_code == 75, result.output
    assert "another run holds" in result.output and "not started" in result.output
    assert not db.exists()  # touched nothing: no run record, not even the database


def test_nightly_exits_75_while_a_crawl_holds_the_lock(tmp_path, monkeypatch):
    import jobs.crawl

    db = tmp_path / "m.db"
    seen = {}

    def nightly_meanwhile(*args, **kwargs):
        seen["nightly"] = CliRunner().invoke(pipeline.cli, ["--db", str(db), "nightly", "--no-polite", *NOWHERE])
        raise KeyboardInterrupt  # stop the crawl here: what matters is what the nightly did

    monkeypatch.setattr(jobs.crawl, "run_crawl", nightly_meanwhile)
    crawl = CliRunner().invoke(pipeline.cli, ["--db", str(db), "crawl", "--no-polite", *NOWHERE])
    assert crawl.exit_code != 0  # Ctrl-C
    assert seen["nightly"].exit_code == 75, seen["nightly"].output
    from storage import open_database

    runs = open_database(db).last_runs()
    assert [(r["kind"], r["status"]) for r in runs] == [("crawl", "interrupted")]  # no nightly run beside it
