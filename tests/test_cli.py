"""The CLI end to end on a temporary database against the stand-in site."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

import pipeline


def run(*args: str, db=None, expect: int = 0):
    runner = CliRunner()
    argv = (["--db", str(db)] if db else []) + list(args)
    result = runner.invoke(pipeline.cli, argv, catch_exceptions=False)
    assert result.exit_code == expect, result.output
    return result


@pytest.fixture
def demo_db(tmp_path):
    return tmp_path / "demo.db"


def test_help_of_every_command():
    out = run("--help").output
    for command in ("crawl", "segment", "classify", "train", "evaluate", "report", "nightly", "serve",
                    "demo", "status", "backup", "create-user", "delete-user", "standin"):
        assert command in out
        assert "Usage" in run(command, "--help").output


def test_demo_counts_every_outlet_and_topic_and_rerun_adds_nothing(demo_db):
    from storage import open_database

    first = run("demo", db=demo_db).output
    assert "44 new articles" in first
    db = open_database(demo_db)
    counts = {(r["outlet"], t): r[t] for r in db.query(
        "SELECT outlet, SUM(noi_chinh) noi_chinh, SUM(pctn) pctn, SUM(cctp) cctp FROM report_items GROUP BY outlet")
        for t in ("noi_chinh", "pctn", "cctp")}
    assert all(v > 0 for v in counts.values()), counts
    assert {o for o, _ in counts} == {"baothainguyen", "thainguyentv"}
    second = run("demo", db=demo_db).output
    assert "0 new articles (nothing new" in second
    assert db.article_count() == 44
    assert db.query("SELECT COUNT(*) n FROM predictions")[0]["n"] == 44 * 3


def test_crawl_segment_classify_report_as_separate_commands(tmp_path, standin):
    db = tmp_path / "m.db"
    mirror_args = [a for o, origin in standin.items() for a in ("--mirror", f"{o}={origin}")]
    out = run("crawl", "--no-polite", *mirror_args, db=db).output
    assert "44 new articles" in out
    assert "segment: 44" in run("segment", db=db).output
    assert "44 articles" in run("classify", db=db).output
    report = json.loads(run("report", "--year", "2020", "--format", "json", db=db).output)
    assert report["period"]["from"] == "2020-01-01"
    again = run("crawl", "--no-polite", *mirror_args, db=db).output
    assert "0 new articles" in again


def test_classify_file_interface(tmp_path):
    source = tmp_path / "in.jsonl"
    source.write_text("\n".join([
        json.dumps({"id": "a", "title": "Khởi tố nguyên giám đốc sở nhận hối lộ", "sapo": None,
                    "text": "Cơ quan cảnh sát điều tra khởi tố bị can về tội nhận hối lộ, lợi dụng chức vụ."}),
        json.dumps({"id": 2, "title": None, "sapo": "Giá lúa tăng", "text": "Nông dân phấn khởi vì được mùa."}),
        "not json",
        json.dumps({"id": "empty", "title": "", "sapo": None, "text": ""}),
    ]) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    run("classify", "--input", str(source), "--output", str(out), expect=2)
    lines = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    by_id = {x.get("id"): x for x in lines if "id" in x}
    assert set(by_id) == {"a", 2}
    assert "pctn" in by_id["a"]["labels"] and "noi_chinh" in by_id["a"]["labels"]
    assert by_id[2]["labels"] == []
    assert set(by_id["a"]["scores"]) == {"noi_chinh", "pctn", "cctp"}
    assert all(0.0 <= v <= 1.0 for v in by_id["a"]["scores"].values())
    errors = [x for x in lines if "error" in x]
    assert [e["line"] for e in errors] == [3, 4]


def test_errors_are_one_line_and_non_zero(tmp_path):
    bad_model = tmp_path / "m.joblib"
    bad_model.write_bytes(b"not a model")
    result = CliRunner().invoke(pipeline.cli, ["--model", str(bad_model), "classify", "--input", __file__])
    assert result.exit_code == 2
    assert result.output.startswith("error: ") and len(result.output.strip().splitlines()) == 1
    result = CliRunner().invoke(pipeline.cli, ["--db", str(tmp_path / "x.db"), "report", "--year", "2020",
                                               "--month", "2020-01"])
    assert result.exit_code == 2 and "error: give one period" in result.output
    result = CliRunner().invoke(pipeline.cli, ["crawl", "--mirror", "nonsense"])
    assert result.exit_code == 2
    result = CliRunner().invoke(pipeline.cli, ["--db", str(tmp_path / "x.db"), "crawl", "--outlet", "nope"])
    assert result.exit_code == 2 and "unknown outlet" in result.output
