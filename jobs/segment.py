"""Segment every article that has no tokens for its current text and tokenizer."""
from __future__ import annotations

import logging
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass

from tqdm import tqdm

from nlp.normalize import article_text
from nlp.segment import TOKENIZER, segment, tokenizer_version
from storage import Database
from storage.db import now_iso

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class SegmentResult:
    segmented: int
    seconds: float = 0.0


def _segment_one(args: tuple[str | None, str | None, str | None]) -> str:
    return segment(article_text(*args))


def segment_articles(db: Database, workers: int = 1, batch_size: int = 200,
                     progress: bool = False) -> SegmentResult:
    """Tokens for new and changed articles; each batch is committed, so a killed run
    loses at most the batches in hand (two with a pool) and the next run continues
    where it stopped."""
    version = tokenizer_version()
    total = db.count_without_tokens(version)
    if total == 0:
        return SegmentResult(0)
    done = 0
    pool = ProcessPoolExecutor(workers) if workers > 1 else None

    def store(batch: list[dict], tokens: Iterable[str]) -> None:
        nonlocal done
        tokens = list(tokens)  # with a pool: waits for this batch's results
        created = now_iso()
        db.store_tokens({"article_id": a["id"], "content_hash": a["content_hash"], "tokens": t,
                         "tokenizer": TOKENIZER, "tokenizer_version": version, "created_at": created}
                        for a, t in zip(batch, tokens))
        done += len(batch)
        bar.update(len(batch))

    try:
        with tqdm(total=total, desc="segment", unit="art", disable=not progress) as bar:
            # With a pool, the next batch is handed to the workers before the previous one
            # is stored, so they never wait for the database or for the last chunk of a
            # batch; every batch is still committed on its own.
            pending: tuple[list[dict], Iterable[str]] | None = None
            for batch in db.articles_without_tokens(version, batch_size):
                inputs = [(a["title"], a["lead"], a["body"]) for a in batch]
                if pool is None:
                    store(batch, [_segment_one(x) for x in inputs])
                    continue
                results = pool.map(_segment_one, inputs, chunksize=max(1, len(inputs) // (4 * workers)))
                if pending is not None:
                    store(*pending)
                pending = (batch, results)
            if pending is not None:
                store(*pending)
    finally:
        if pool:
            pool.shutdown()
    log.info("segmented %d articles", done)
    return SegmentResult(done)
