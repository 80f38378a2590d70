"""Score articles with the topic model: in the database, or JSONL file to JSONL file."""
from __future__ import annotations

import gc
import json
import logging
from collections import deque
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from itertools import chain
from pathlib import Path
from typing import IO

import numpy as np
from tqdm import tqdm

from models import LABELS
from models.predict import TokenScorer, TopicClassifier
from nlp.normalize import article_text
from nlp.segment import segment
from storage import Database
from storage.db import TOKEN_ID_DTYPE, now_iso

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

    Articles are read as their stored token ids when the model's features allow it (the
    scorer is told the texts of the database's token dictionary first), else as text.
    With *workers* > 1 that many processes score: this one and *workers* - 1 forked ones,
    to which it hands batches while it scores others itself; it alone reads and writes
    (SQLite stays in one process)."""
    positives = dict.fromkeys(LABELS, 0)
    total = db.count_without_predictions(classifier.model_id) if progress else None  # for the progress bar
    reads_ids = classifier.reads_token_ids
    unread = db.token_ids_without_predictions(classifier.model_id, batch_size) if reads_ids else \
        db.articles_without_predictions(classifier.model_id, batch_size)
    first = next(unread, None)
    if first is None:  # nothing to score: no dictionary to read, no process to start
        return ClassifyResult(0, positives)
    if reads_ids:
        scorer: TopicClassifier | TokenScorer = classifier.token_scorer()
        scorer.learn(*db.token_texts())
        batches = _with_late_tokens(db, scorer, chain([first], unread))
    else:
        scorer = classifier
        batches = ((batch, ()) for batch in chain([first], unread))
    done = 0
    with tqdm(total=total, desc="classify", unit="art", disable=not progress) as bar, \
            _scoring_pool(scorer, workers) as pool:
        for rows, counts in _scored(scorer, batches, pool, ahead=workers - 1):
            db.store_prediction_tuples(rows)
            for label, n in counts.items():
                positives[label] += n
            done += len(rows) // len(LABELS)
            bar.update(len(rows) // len(LABELS))
    return ClassifyResult(done, positives)


Late = tuple[tuple[Sequence[int], list[str]], ...]


def _with_late_tokens(db: Database, scorer: TokenScorer, batches: Iterator[list[tuple]]
                      ) -> Iterator[tuple[list[tuple], Late]]:
    """Each batch with the token texts learned since the scorer started: a segmentation
    running beside this one may add words to the dictionary. Workers forked earlier learn
    them from there (normally there are none)."""
    late: list[tuple[Sequence[int], list[str]]] = []
    for batch in batches:
        ids = np.frombuffer(b"".join(row[2] for row in batch), dtype=TOKEN_ID_DTYPE)
        if len(ids) and int(ids.max()) > scorer.learned_through:
            new = db.token_texts(after=scorer.learned_through)
            scorer.learn(*new)
            late.append(new)
        yield batch, tuple(late)


def _prediction_rows(scorer: TopicClassifier | TokenScorer, batch: list, late: Late = ()
                     ) -> tuple[list[tuple], dict[str, int]]:
    """Prediction rows (in storage's PREDICTION_COLUMNS order) of a batch, and positives per
    label: a batch of (id, content hash, token ids) for a TokenScorer, else of
    {"id", "content_hash", "tokens"}."""
    if isinstance(scorer, TokenScorer):
        for ids, texts in late:
            if ids and ids[-1] > scorer.learned_through:
                scorer.learn(ids, texts)
        results = scorer.predict([np.frombuffer(row[2], dtype=TOKEN_ID_DTYPE) for row in batch])
        keys = [(row[0], row[1]) for row in batch]
    else:
        results = scorer.predict([a["tokens"] for a in batch])
        keys = [(a["id"], a["content_hash"]) for a in batch]
    created = now_iso()
    model_id = scorer.model_id
    rows, counts = [], dict.fromkeys(LABELS, 0)
    for (article_id, content_hash), per_label in zip(keys, results):
        for label, score in per_label.items():
            counts[label] += score.on
            evidence = json.dumps(score.evidence, ensure_ascii=False) if score.evidence else "[]"
            rows.append((article_id, label, model_id, round(score.score, 4), int(score.on), evidence,
                         content_hash, created))
    return rows, counts


_worker_scorer: TopicClassifier | TokenScorer | None = None


def _start_worker(scorer: TopicClassifier | TokenScorer) -> None:
    global _worker_scorer
    _worker_scorer = scorer


def _score_in_worker(batch: list, late: Late) -> tuple[list[tuple], dict[str, int]]:
    assert _worker_scorer is not None, "worker started without a scorer"
    return _prediction_rows(_worker_scorer, batch, late)


def _scored(scorer: TopicClassifier | TokenScorer, batches: Iterator[tuple[list, Late]],
            pool: ProcessPoolExecutor | None, ahead: int) -> Iterator[tuple[list[tuple], dict[str, int]]]:
    """The rows of every batch: handed to the pool while fewer than *ahead* wait there,
    else scored here; results as they are ready (each batch is stored on its own, so their
    order does not matter). At most *ahead* + 1 batches are in memory."""
    pending: deque = deque()
    for batch, late in batches:
        if pool is not None and len(pending) < ahead:
            pending.append(pool.submit(_score_in_worker, batch, late))
        else:
            yield _prediction_rows(scorer, batch, late)
        while pending and pending[0].done():
            yield pending.popleft().result()
    while pending:
        yield pending.popleft().result()


@contextmanager
def _scoring_pool(scorer: TopicClassifier | TokenScorer, workers: int) -> Iterator[ProcessPoolExecutor | None]:
    if workers <= 1:
        yield None
        return
    if isinstance(scorer, TokenScorer):
        scorer.prepare_all()  # once here, not once more in every forked process
    # objects that exist now are never collected in the forked processes: the collector
    # would otherwise write to (and so copy) every page of them in each
    gc.freeze()
    pool = ProcessPoolExecutor(workers - 1, initializer=_start_worker, initargs=(scorer,))
    try:
        yield pool
    finally:
        # every result is in hand (or the run failed): the workers exit on their own, and
        # waiting for a few hundred MB of forked processes to go adds tens of ms to a run
        pool.shutdown(wait=False, cancel_futures=True)
        gc.unfreeze()


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
