"""The nightly job: lock, exit codes, and SIGKILL at several points with nothing lost."""
from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from jobs.lock import LockHeldError, RunLock
from standin.server import serving
from standin.site import Site, build_sites, variants
from tests.conftest import ROOT

pytestmark = pytest.mark.slow


def nightly_cmd(db: Path, mirrors: dict[str, str], *extra: str) -> list[str]:
    args = [sys.executable, str(ROOT / "pipeline.py"), "--db", str(db), "--workers", "2", "nightly", "--no-polite"]
    for outlet, origin in mirrors.items():
        args += ["--mirror", f"{outlet}={origin}"]
    return args + list(extra)


def run_nightly(db: Path, mirrors: dict[str, str], *extra: str) -> subprocess.CompletedProcess:
    return subprocess.run(nightly_cmd(db, mirrors, *extra), capture_output=True, text=True, timeout=600)


def count(db: Path, sql: str) -> int:
    conn = sqlite3.connect(db, timeout=30)
    try:
        return conn.execute(sql).fetchone()[0]
    except sqlite3.OperationalError:
        return 0
    finally:
        conn.close()


@pytest.fixture(scope="module")
def big_site(standin_articles):
    """~900 articles, so that each step takes long enough to be killed inside it."""
    articles = variants(standin_articles, 20)
    with serving(build_sites(articles, page_size=50)) as mirrors:
        yield mirrors, len(articles)


def test_success_then_nothing_new(tmp_path, standin):
    db = tmp_path / "n.db"
    first = run_nightly(db, standin, "--json")
    assert first.returncode == 0, first.stderr
    record = json.loads(first.stdout)
    assert record["status"] == "success"
    assert record["steps"]["crawl"]["articles/inserted"] == 44
    assert record["steps"]["segment"]["segmented"] == 44 and record["steps"]["classify"]["classified"] == 44
    assert "summary" in record["steps"]["report"]
    second = run_nightly(db, standin)
    assert second.returncode == 0, second.stderr
    assert "SUCCESS" in second.stdout and "segment: 0 articles" in second.stdout
    assert count(db, "SELECT COUNT(*) FROM articles") == 44
    assert (tmp_path / "logs" / "monitor.log").stat().st_size > 0
    status = subprocess.run([sys.executable, str(ROOT / "pipeline.py"), "--db", str(db), "status"],
                            capture_output=True, text=True)
    assert status.returncode == 0 and "last nightly: success (healthy)" in status.stdout


def test_second_nightly_exits_at_once_when_locked(tmp_path, standin):
    db = tmp_path / "n.db"
    with RunLock(db):
        started = time.monotonic()
        result = run_nightly(db, standin)
        assert result.returncode == 75
        assert "another run holds" in result.stderr and time.monotonic() - started < 30
    assert count(db, "SELECT COUNT(*) FROM runs") == 0  # touched nothing
    with RunLock(db):
        with pytest.raises(LockHeldError):
            RunLock(db).acquire()


def test_stale_lock_from_a_killed_run_is_taken_over(tmp_path, standin):
    db = tmp_path / "n.db"
    Path(f"{db}.nightly.lock").write_text('{"pid": 999999, "started": "2026-01-01T00:00:00"}')
    result = run_nightly(db, standin, "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["steps"]["recovered"]["stale_lock"] is True


def test_degraded_exit_code_when_the_layout_changes(tmp_path):
    site = Site("thainguyentv")
    links = "".join(f'<h3 class="article-title"><a href="/bai-{i}-{1000 + i}.html">x</a></h3>' for i in range(8))
    site.routes["/thai-nguyen/thoi-su"] = (200, "text/html; charset=utf-8", f"<html><body>{links}</body></html>".encode())
    for i in range(8):  # a redesign: titles in a new element, no date anywhere
        body = (f"<html><body><div class='new-title'>Tiêu đề {i}</div><h1>Bài {i}</h1><div class='__MASTERCMS_CONTENT'>"
                f"<p>{'Nội dung của bài báo sau khi trang đổi giao diện. ' * 5}</p></div></body></html>")
        site.routes[f"/bai-{i}-{1000 + i}.html"] = (200, "text/html; charset=utf-8", body.encode())
    with serving({"thainguyentv": site}) as mirrors:
        result = run_nightly(tmp_path / "d.db", mirrors)
    assert result.returncode == 3, result.stdout + result.stderr
    assert "DEGRADED" in result.stdout and "date missing on 100%" in result.stdout


def test_failed_exit_code_with_a_corrupted_model(tmp_path, standin):
    model = tmp_path / "model.joblib"
    model.write_bytes(b"garbage")
    model.with_suffix(".json").write_text("{not json")
    cmd = nightly_cmd(tmp_path / "f.db", standin)
    cmd[cmd.index("nightly"):cmd.index("nightly")] = []
    cmd.insert(2, "--model")
    cmd.insert(3, str(model))
    result = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "FAILED" in result.stdout and "corrupted" in result.stdout
    # what the crawl fetched is kept, ready for the next run
    assert count(tmp_path / "f.db", "SELECT COUNT(*) FROM articles") == 44


def _kill_when(process: subprocess.Popen, db: Path, condition, timeout: float = 300) -> dict:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        state = {"articles": count(db, "SELECT COUNT(*) FROM articles"),
                 "tokens": count(db, "SELECT COUNT(*) FROM tokens"),
                 "predictions": count(db, "SELECT COUNT(*) FROM predictions")}
        if condition(state):
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
            return state
        if process.poll() is not None:
            pytest.fail(f"the run ended before the kill point: {state}")
        time.sleep(0.02)
    os.killpg(process.pid, signal.SIGKILL)
    pytest.fail("kill point never reached")


@pytest.mark.parametrize("step", ["crawl", "segment", "classify"])
def test_sigkill_at_any_step_loses_nothing_and_duplicates_nothing(tmp_path, big_site, step):
    mirrors, total = big_site
    db = tmp_path / f"kill-{step}.db"
    conditions = {
        "crawl": lambda s: 0 < s["articles"] < total // 2,
        "segment": lambda s: 0 < s["tokens"] < total,
        "classify": lambda s: 0 < s["predictions"] < 3 * total,
    }
    process = subprocess.Popen(nightly_cmd(db, mirrors), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                               start_new_session=True)
    state = _kill_when(process, db, conditions[step])
    assert conditions[step](state)
    rerun = run_nightly(db, mirrors, "--json")
    assert rerun.returncode == 0, rerun.stdout + rerun.stderr
    assert count(db, "SELECT COUNT(*) FROM articles") == total
    assert count(db, "SELECT COUNT(DISTINCT canonical_url) FROM articles") == total
    assert count(db, "SELECT COUNT(*) FROM tokens") == total
    assert count(db, "SELECT COUNT(*) FROM predictions") == 3 * total
    assert count(db, "SELECT COUNT(*) FROM (SELECT article_id, label FROM predictions "
                     "GROUP BY article_id, label HAVING COUNT(*) > 1)") == 0
    assert count(db, "SELECT COUNT(*) FROM runs WHERE status = 'running'") == 0
    assert count(db, "SELECT COUNT(*) FROM runs WHERE kind = 'nightly' AND status = 'interrupted'") == 1
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()


def test_backup_and_reads_while_the_job_writes(tmp_path, big_site):
    mirrors, total = big_site
    db = tmp_path / "live.db"
    process = subprocess.Popen(nightly_cmd(db, mirrors), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                               start_new_session=True)
    try:
        while count(db, "SELECT COUNT(*) FROM articles") < 50:
            assert process.poll() is None
            time.sleep(0.05)
        backup = tmp_path / "copy.db"
        result = subprocess.run([sys.executable, str(ROOT / "pipeline.py"), "--db", str(db), "backup", str(backup)],
                                capture_output=True, text=True, timeout=120)
        assert result.returncode == 0, result.stderr
        conn = sqlite3.connect(backup)
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        copied = conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
        conn.close()
        assert 50 <= copied <= total
        assert count(db, "SELECT COUNT(*) FROM report_items") >= 50  # readers are not blocked
    finally:
        process.wait(timeout=600)
    assert process.returncode == 0
