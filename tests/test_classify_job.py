"""Re-classification from stored tokens: one process or several give the same predictions."""
from __future__ import annotations

import sqlite3

from click.testing import CliRunner

import pipeline
from jobs.classify import classify_articles
from models.predict import TopicClassifier
from storage import open_database
from tests.conftest import DATA


def _segmented_standin_db(tmp_path, standin):
    db = tmp_path / "one.db"
    mirror_args = [a for o, origin in standin.items() for a in ("--mirror", f"{o}={origin}")]
    runner = CliRunner()
    for args in (["crawl", "--no-polite", *mirror_args], ["segment"]):
        result = runner.invoke(pipeline.cli, ["--db", str(db), *args], catch_exceptions=False)
        assert result.exit_code == 0, result.output
    return db


def _predictions(path) -> list[tuple]:
    rows = open_database(path).query(
        "SELECT article_id, label, model_id, score, predicted, evidence, content_hash FROM predictions "
        "ORDER BY article_id, label")
    return [tuple(r.values()) for r in rows]


def test_scoring_in_worker_processes_matches_one_process(tmp_path, standin):
    one = _segmented_standin_db(tmp_path, standin)
    two = tmp_path / "two.db"
    with sqlite3.connect(one) as source, sqlite3.connect(two) as target:
        source.backup(target)  # WAL-safe copy
    classifier = TopicClassifier.load(DATA / "model" / "topics.joblib")
    serial = classify_articles(open_database(one), classifier, batch_size=5)
    parallel = classify_articles(open_database(two), classifier, batch_size=5, workers=2)
    assert serial.classified == parallel.classified == 44
    assert serial.positives == parallel.positives
    assert _predictions(one) == _predictions(two)
    assert len(_predictions(two)) == 44 * 3
    again = classify_articles(open_database(two), classifier, batch_size=5, workers=2)
    assert again.classified == 0, "a second run finds nothing left to score"
