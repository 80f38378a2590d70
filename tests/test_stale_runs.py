"""A run whose process is gone (a killed crawl) is shown and recorded as interrupted, by
`status` and by the next crawl; a run whose process lives is left running."""
from __future__ import annotations

import json
import subprocess
import sys

from click.testing import CliRunner

import pipeline
from crawler.settings import CrawlOptions
from jobs.crawl import crawl
from jobs.processes import owner_alive, run_owner
from storage import open_database
from tests.conftest import DATA


def _dead_owner() -> dict:
    """The owner record of a process that has ended (as a killed crawl's)."""
    ended = subprocess.run([sys.executable, "-c", "import json, jobs.processes as p; print(json.dumps(p.run_owner()))"],
                           capture_output=True, text=True, check=True, cwd=DATA.parent)
    return json.loads(ended.stdout)


def test_the_owner_of_a_run_is_alive_while_its_process_lives():
    assert owner_alive(run_owner())
    assert not owner_alive(_dead_owner())
    assert not owner_alive(None) and not owner_alive({})  # a record from before owners were kept
    reused = {**run_owner(), "pid_start": "1"}  # our pid, but another process's start: a reused pid
    assert not owner_alive(reused)


def test_status_shows_a_killed_crawl_as_interrupted_and_leaves_a_live_one_running(tmp_path):
    path = tmp_path / "m.db"
    db = open_database(path)
    killed = db.start_run("crawl", stats={"mode": "incremental", "owner": _dead_owner()})
    live = db.start_run("crawl", stats={"mode": "urls", "owner": run_owner()})
    db.close()
    result = CliRunner().invoke(pipeline.cli, ["--db", str(path), "status"])
    lines = {int(line.split()[0]): line for line in result.output.splitlines() if line.strip()[:1].isdigit()}
    assert " interrupted " in lines[killed] and "running" not in lines[killed]
    assert " running " in lines[live]
    statuses = {r["id"]: r["status"] for r in open_database(path).last_runs()}
    assert statuses == {killed: "interrupted", live: "running"}


def test_the_next_crawl_marks_a_killed_crawl_interrupted(db, sources, standin):
    killed = db.start_run("crawl", stats={"mode": "incremental", "owner": _dead_owner()})
    run = crawl(db, DATA / "sources.yaml", [sources["thainguyentv"]], mirrors=standin,
                options=CrawlOptions(polite=False, download_timeout=5, retry_times=0))
    runs = {r["id"]: r for r in db.last_runs("crawl")}
    assert runs[killed]["status"] == "interrupted" and runs[run.run_id]["status"] == "success"
