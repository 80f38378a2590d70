"""Segmented text for training, cached on disk by text hash (runtime cache, gitignored)."""
from __future__ import annotations

import hashlib
import json
import logging
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from tqdm import tqdm

from nlp.segment import segment, tokenizer_version

log = logging.getLogger(__name__)


def _key(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def segment_all(texts: list[str], cache_path: Path | None, workers: int = 1) -> list[str]:
    """Segment texts (in parallel when workers > 1), reusing and extending the cache."""
    cache: dict[str, str] = {}
    version = tokenizer_version()
    if cache_path and cache_path.exists():
        for line in cache_path.read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            if row.get("v") == version:
                cache[row["k"]] = row["t"]
    keys = [_key(t) for t in texts]
    todo = [(k, t) for k, t in dict(zip(keys, texts)).items() if k not in cache]
    if todo:
        log.info("segmenting %d texts with %d worker(s)", len(todo), workers)
        if workers > 1:
            with ProcessPoolExecutor(workers) as pool:
                results = list(tqdm(pool.map(segment, [t for _, t in todo], chunksize=16),
                                    total=len(todo), desc="segment", disable=None))
        else:
            results = [segment(t) for _, t in tqdm(todo, desc="segment", disable=None)]
        new = dict(zip((k for k, _ in todo), results))
        cache.update(new)
        if cache_path:
            cache_path.parent.mkdir(parents=True, exist_ok=True)
            with cache_path.open("a", encoding="utf-8") as fh:
                for k, t in new.items():
                    fh.write(json.dumps({"k": k, "v": version, "t": t}, ensure_ascii=False) + "\n")
    return [cache[k] for k in keys]
