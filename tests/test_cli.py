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
    report = json.loads(run("report", "--year", "2020", "--format", "json", db=db).stdout)  # warnings: stderr
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


@pytest.mark.parametrize("args", [("--year", "0", "--month", "2020-03"), ("--year", "0", "--quarter", "2020Q1"),
                                  ("--year", "0", "--from", "2020-01-01", "--to", "2020-01-31")])
def test_report_with_two_periods_is_an_error_even_year_zero(tmp_path, args):
    result = CliRunner().invoke(pipeline.cli, ["--db", str(tmp_path / "x.db"), "report", *args])
    assert result.exit_code == 2 and "error: give one period" in result.output


@pytest.mark.parametrize("command", [("report", "--year", "2020"), ("report", "--year", "2020", "--format", "json"),
                                     ("status",), ("backup", "COPY"), ("serve", "--port", "1")])
def test_read_only_commands_refuse_a_missing_database(tmp_path, monkeypatch, command):
    import flask

    monkeypatch.setattr(flask.Flask, "run", lambda *a, **k: None)  # serve must not get that far
    missing = tmp_path / "nonexistent" / "missing.db"
    args = [str(tmp_path / "copy.db") if a == "COPY" else a for a in command]
    result = CliRunner().invoke(pipeline.cli, ["--db", str(missing), *args])
    assert result.exit_code == 2, result.output
    assert result.output.startswith("error: ") and len(result.output.strip().splitlines()) == 1
    assert str(missing) in result.output and "does not exist" in result.output
    assert not missing.parent.exists() and not (tmp_path / "copy.db").exists()


def test_writing_commands_still_create_the_database(tmp_path):
    db = tmp_path / "new" / "monitor.db"
    result = CliRunner().invoke(pipeline.cli, ["--db", str(db), "create-user", "hang", "--role", "viewer"],
                                input="matkhau123\nmatkhau123\n")
    assert result.exit_code == 0, result.output
    assert db.exists()
    assert run("status", db=db, expect=1).output.startswith("last nightly: never ran")


def test_report_warns_of_unclassified_items_on_stderr(tmp_path):
    from storage import open_database
    from tests.conftest import OUTLET_ROWS, make_article

    path = tmp_path / "m.db"
    db = open_database(path)
    db.sync_outlets(OUTLET_ROWS)
    db.upsert_article(make_article(n=1))  # stored, never segmented nor classified
    db.close()
    result = run("report", "--month", "2020-03", "--format", "json", db=path)
    assert "warning: Báo Thái Nguyên có 1 tin, bài trong kỳ chưa được phân loại chủ đề" in result.stderr
    report = json.loads(result.stdout)
    assert report["warnings"] and report["coverage"][0]["unclassified"] == 1


def test_report_warns_of_undated_articles_on_stderr(tmp_path):
    from storage import open_database
    from tests.conftest import OUTLET_ROWS, make_article

    path = tmp_path / "m.db"
    db = open_database(path)
    db.sync_outlets(OUTLET_ROWS)
    db.upsert_article(make_article(n=1, published_at=None))  # a page whose date could not be read
    db.close()
    result = run("report", "--year", "2020", db=path)
    assert "warning: Báo Thái Nguyên có 1 tin, bài đã lưu chưa rõ ngày đăng" in result.stderr
    assert "chưa rõ ngày đăng" in result.stdout


@pytest.mark.parametrize("year", ["2019", "2099"])
def test_report_on_a_period_without_data_says_so_and_warns(tmp_path, year):
    from storage import open_database
    from tests.conftest import OUTLET_ROWS, make_article

    path = tmp_path / "m.db"
    db = open_database(path)
    db.sync_outlets(OUTLET_ROWS)
    db.upsert_article(make_article(n=1, published_at="2020-03-01T08:00:00+07:00"))
    db.close()
    result = run("report", "--year", year, db=path)
    assert f"warning: Cơ sở dữ liệu chưa có tin, bài nào của Báo Thái Nguyên trong năm {year}" in result.stderr
    assert f"Năm {year}, chưa có dữ liệu của Báo Thái Nguyên" in result.stdout
    assert "không có tin, bài nào" not in result.stdout
    later = run("report", "--year", "2020", db=path)
    assert "so với năm 2019" not in later.stdout.split("So với năm 2019")[-1]   # not in the sentences
    assert "warning: Cơ sở dữ liệu chưa có tin, bài nào của Báo Thái Nguyên trong năm 2019, kỳ so sánh" \
        in later.stderr
