"""Score articles with the topic model: in the database, or JSONL file to JSONL file."""
from __future__ import annotations

import json
import logging
from collections import deque
from collections.abc import Iterator
from contextlib import contextmanager
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from tqdm import tqdm

from models import LABELS
from models.predict import TopicClassifier
from nlp.normalize import article_text
from nlp.segment import segment
from storage import Database
from storage.db import now_iso

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ClassifyResult:
    classified: int
    positives: dict[str, int]
    errors: int = 0


def classify_articles(db: Database, classifier: TopicClassifier, batch_size: int = 250,
                      progress: bool = False, workers: int = 1) -> ClassifyResult:
    """One prediction per article, label and model for every tokenized article this
    model has not scored in its current text; batches are committed as they go.

    With *workers* > 1 the scoring runs in that many processes while this one reads the
    next batches and writes the results (SQLite stays in one process)."""
    total = db.count_without_predictions(classifier.model_id)
    positives = dict.fromkeys(LABELS, 0)
    done = 0
    batches = db.articles_without_predictions(classifier.model_id, batch_size)
    with tqdm(total=total, desc="classify", unit="art", disable=not progress) as bar, \
            _scoring_pool(classifier, workers) as pool:
        scored = (_prediction_rows(classifier, batch) for batch in batches) if pool is None else \
            _in_order(pool, batches, ahead=2 * workers)
        for rows, counts in scored:
            db.store_predictions(rows)
            for label, n in counts.items():
                positives[label] += n
            done += len(rows) // len(LABELS)
            bar.update(len(rows) // len(LABELS))
    return ClassifyResult(done, positives)


def _prediction_rows(classifier: TopicClassifier, batch: list[dict]) -> tuple[list[dict], dict[str, int]]:
    """Prediction rows of a batch of {"id", "content_hash", "tokens"}, and positives per label."""
    results = classifier.predict([a["tokens"] for a in batch])
    created = now_iso()
    rows, counts = [], dict.fromkeys(LABELS, 0)
    for article, per_label in zip(batch, results):
        for label, score in per_label.items():
            counts[label] += score.on
            rows.append({"article_id": article["id"], "label": label, "model_id": classifier.model_id,
                         "score": round(score.score, 4), "predicted": int(score.on),
                         "evidence": json.dumps(score.evidence, ensure_ascii=False),
                         "content_hash": article["content_hash"], "created_at": created})
    return rows, counts


_worker_classifier: TopicClassifier | None = None


def _start_worker(classifier: TopicClassifier) -> None:
    global _worker_classifier
    _worker_classifier = classifier


def _score_in_worker(batch: list[dict]) -> tuple[list[dict], dict[str, int]]:
    assert _worker_classifier is not None, "worker started without a classifier"
    return _prediction_rows(_worker_classifier, batch)


def _in_order(pool: ProcessPoolExecutor, batches: Iterator[list[dict]],
              ahead: int) -> Iterator[tuple[list[dict], dict[str, int]]]:
    """Results of the batches in their order, with at most *ahead* batches in flight
    (Executor.map would read every batch into memory first)."""
    pending: deque = deque()
    for batch in batches:
        pending.append(pool.submit(_score_in_worker, batch))
        if len(pending) >= ahead:
            yield pending.popleft().result()
    while pending:
        yield pending.popleft().result()


@contextmanager
def _scoring_pool(classifier: TopicClassifier, workers: int) -> Iterator[ProcessPoolExecutor | None]:
    if workers <= 1:
        yield None
        return
    pool = ProcessPoolExecutor(workers, initializer=_start_worker, initargs=(classifier,))
    try:
        yield pool
    finally:
        pool.shutdown(cancel_futures=True)


class InputLineError(ValueError):
    """A line of a classify input file that is not a usable article."""


def _parse_line(number: int, line: str) -> dict:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        raise InputLineError(f"line {number}: not JSON ({exc.msg})") from None
    if not isinstance(record, dict) or "id" not in record:
        raise InputLineError(f"line {number}: an object with an \"id\" is required")
    for key in ("title", "sapo", "text"):
        if record.get(key) is not None and not isinstance(record[key], str):
            raise InputLineError(f"line {number}: {key} must be a string or null")
    if not any(record.get(k) for k in ("title", "sapo", "text")):
        raise InputLineError(f"line {number}: title, sapo and text are all empty")
    return record


def _segment_record(record: dict) -> str:
    return segment(article_text(record.get("title"), record.get("sapo"), record.get("text")))


def _chunks(lines: IO[str], size: int) -> Iterator[list[tuple[int, str]]]:
    chunk: list[tuple[int, str]] = []
    for number, line in enumerate(lines, 1):
        if line.strip():
            chunk.append((number, line))
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def classify_file(classifier: TopicClassifier, source: IO[str], sink: IO[str], workers: int = 1,
                  chunk_size: int = 256, with_evidence: bool = True) -> ClassifyResult:
    """Read {"id","title","sapo","text"} lines, write {"id","labels","scores","evidence"}.

    A bad line becomes {"line": n, "error": "..."} in the output and the rest goes on.
    """
    positives = dict.fromkeys(LABELS, 0)
    done = errors = 0
    pool = ProcessPoolExecutor(workers) if workers > 1 else None
    try:
        for chunk in _chunks(source, chunk_size):
            records, failures = [], []
            for number, line in chunk:
                try:
                    records.append(_parse_line(number, line))
                except InputLineError as exc:
                    failures.append({"line": number, "error": str(exc)})
            tokens = list(pool.map(_segment_record, records, chunksize=16)) if pool else \
                [_segment_record(r) for r in records]
            for record, per_label in zip(records, classifier.predict(tokens, with_evidence=with_evidence)):
                labels = [label for label, s in per_label.items() if s.on]
                for label in labels:
                    positives[label] += 1
                out = {"id": record["id"], "labels": labels,
                       "scores": {label: round(s.score, 4) for label, s in per_label.items()}}
                if with_evidence:
                    out["evidence"] = {label: s.evidence for label, s in per_label.items() if s.on}
                sink.write(json.dumps(out, ensure_ascii=False) + "\n")
            for failure in failures:
                log.error("%s", failure["error"])
                sink.write(json.dumps(failure, ensure_ascii=False) + "\n")
            done += len(records)
            errors += len(failures)
    finally:
        if pool:
            pool.shutdown()
    return ClassifyResult(done, positives, errors)


def open_text(path: str | Path, mode: str) -> IO[str]:
    return open(path, mode, encoding="utf-8")
