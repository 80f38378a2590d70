"""Re-classification from stored tokens: one process or several give the same predictions."""
from __future__ import annotations

import sqlite3

import pytest
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


def _copy(source, target):
    with sqlite3.connect(source) as a, sqlite3.connect(target) as b:
        a.backup(b)
    return target


def test_token_ids_give_the_predictions_text_gives(tmp_path, standin):
    """Scoring stored token ids (the default) stores what scoring the token text stores: in
    one process, in workers that learn words added to the dictionary after they started,
    and on a database segmented before token ids existed."""
    source = _segmented_standin_db(tmp_path, standin)
    text_db, late_db, old_db = (_copy(source, tmp_path / f"{name}.db") for name in ("text", "late", "old"))
    classifier = TopicClassifier.load(DATA / "model" / "topics.joblib")
    assert classifier.reads_token_ids
    by_text = TopicClassifier.load(DATA / "model" / "topics.joblib")
    by_text.reads_token_ids = False  # as for a feature set the id path does not cover: predict() on the text
    assert not by_text.reads_token_ids
    assert classify_articles(open_database(text_db), by_text, batch_size=5).classified == 44
    assert classify_articles(open_database(source), classifier, batch_size=7).classified == 44
    expected = _predictions(text_db)
    assert _predictions(source) == expected

    # the scorer first learns only part of the dictionary, as if a segmentation running beside
    # it added the rest later: the reader learns it and hands it to the workers
    db = open_database(late_db)
    _, texts = db.token_texts()
    full = db.token_texts
    calls = []

    def token_texts(after=0):
        calls.append(after)
        ids, words = full(after)
        return (ids[:len(texts) // 3], words[:len(texts) // 3]) if after == 0 else (ids, words)

    db.token_texts = token_texts
    assert classify_articles(db, classifier, batch_size=5, workers=2).classified == 44
    assert calls[0] == 0 and len(calls) >= 2, calls
    assert _predictions(late_db) == expected

    with sqlite3.connect(old_db) as conn:  # tokens stored before migration 0014
        conn.execute("UPDATE tokens SET token_ids = NULL")
        conn.execute("DELETE FROM token_dictionary")
        conn.execute("DELETE FROM token_chunks")
    assert classify_articles(open_database(old_db), classifier, batch_size=5, workers=2).classified == 44
    assert _predictions(old_db) == expected
    assert classify_articles(open_database(old_db), classifier).classified == 0


def test_a_worker_learns_words_added_after_it_was_forked(tmp_path, standin):
    """A forked worker's scorer knows the dictionary as it was at the fork; a batch that holds
    words added since carries their texts (``late``), and the worker learns them before scoring."""
    import numpy as np

    from jobs.classify import _prediction_rows
    from storage.db import TOKEN_ID_DTYPE

    db = open_database(_segmented_standin_db(tmp_path, standin))
    classifier = TopicClassifier.load(DATA / "model" / "topics.joblib")
    ids, words = db.token_texts()
    batch = next(db.token_ids_without_predictions(classifier.model_id, batch_size=50))
    held_back = len(ids) // 3
    in_batch = np.frombuffer(b"".join(row[2] for row in batch), dtype=TOKEN_ID_DTYPE)
    assert int(in_batch.max()) > ids[held_back - 1], "the batch needs words the worker was not told"

    def worker_scorer():
        scorer = classifier.token_scorer()
        scorer.learn(ids[:held_back], words[:held_back])  # what the parent knew when it forked
        return scorer

    late = ((ids[held_back:], words[held_back:]),)
    complete = classifier.token_scorer()
    complete.learn(ids, words)
    expected, _ = _prediction_rows(complete, batch)
    got, _ = _prediction_rows(worker_scorer(), batch, late)
    assert [row[:6] for row in got] == [row[:6] for row in expected]  # all but the time written
    with pytest.raises(KeyError):  # without the late words a worker refuses rather than scoring unknown ids
        _prediction_rows(worker_scorer(), batch)
