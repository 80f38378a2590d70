"""cProfile of one benchmark step, for the shortfalls in BENCHMARKS.md.

    python -m benchmarks.profile reclassify --articles 3000
    python -m benchmarks.profile transform --articles 3000   # sklearn's transform vs the scoring one
    python -m benchmarks.profile segment --articles 300      # one worker, in this process
    python -m benchmarks.profile crawl --articles 1000       # the Scrapy process of the crawl

Prints the top functions by own time and by cumulative time to standard output.
Databases and the stand-in site live in a temporary directory, removed afterwards.
"""
from __future__ import annotations

import argparse
import cProfile
import io
import json
import logging
import os
import pstats
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.core import DEFAULT_CORPUS, DEFAULT_MODEL, DEFAULT_SOURCES, copy_database
from benchmarks.steps import ROOT, _env, _with_model_id, run_step, serving_in_child

log = logging.getLogger(__name__)


def _stats_text(profile: cProfile.Profile | pstats.Stats, top: int) -> str:
    out = io.StringIO()
    stats = profile if isinstance(profile, pstats.Stats) else pstats.Stats(profile, stream=out)
    stats.stream = out
    stats.strip_dirs()
    out.write("---- by own time ----\n")
    stats.sort_stats("tottime").print_stats(top)
    out.write("---- by cumulative time ----\n")
    stats.sort_stats("cumulative").print_stats(top)
    return out.getvalue()


def profile_reclassify(db_path: Path, model: Path, top: int) -> str:
    from jobs.classify import classify_articles
    from models.predict import TopicClassifier
    from storage import open_database

    db = open_database(db_path)
    classifier = _with_model_id(TopicClassifier.load(model), "profile-reclassify")
    profiler = cProfile.Profile()
    t0 = time.perf_counter()
    profiler.enable()
    result = classify_articles(db, classifier)
    profiler.disable()
    seconds = time.perf_counter() - t0
    db.close()
    head = f"classify_articles: {result.classified} articles in {seconds:.3f}s under cProfile\n"
    return head + _stats_text(profiler, top)


def compare_transform(db_path: Path, model: Path) -> str:
    """sklearn's TfidfVectorizer.transform beside the transforms TopicClassifier scores with
    (models/fast_features.py: from the token text, and from the stored token ids) on the
    stored tokens: same matrix?, CPU seconds of each, and classify_articles end to end with
    each."""
    import resource

    import numpy as np
    import scipy.sparse as sp

    from jobs.classify import classify_articles
    from models.predict import TopicClassifier
    from storage import open_database
    from storage.db import TOKEN_ID_DTYPE

    def cpu() -> float:
        r = resource.getrusage(resource.RUSAGE_SELF)
        return r.ru_utime + r.ru_stime

    def same(a, b) -> bool:
        a, b = a.tocsr(), b.tocsr()
        return a.shape == b.shape and all(np.array_equal(x, y) for x, y in
                                          ((a.indptr, b.indptr), (a.indices, b.indices), (a.data, b.data)))

    db = open_database(db_path)
    db.fill_token_ids()
    rows = db.db.execute("SELECT tokens, token_ids FROM tokens ORDER BY article_id").fetchall()
    docs = [r[0] for r in rows]
    id_docs = [np.frombuffer(r[1], dtype=TOKEN_ID_DTYPE) for r in rows]
    shipped = TopicClassifier.load(model)
    scoring = getattr(shipped, "_transform", shipped.features.transform)
    lines = [f"{len(docs)} articles, model {shipped.model_id}, text transform {scoring.__qualname__}"]
    c0 = cpu()
    reference = shipped.features.transform(docs)
    c1 = cpu()
    candidate = sp.vstack([scoring(docs[i:i + 250]) for i in range(0, len(docs), 250)])
    c2 = cpu()
    lines.append(f"transform: sklearn {c1 - c0:.3f} CPU-s ({len(docs) / (c1 - c0):,.0f}/s), text transform"
                 f" {c2 - c1:.3f} CPU-s ({len(docs) / (c2 - c1):,.0f}/s), {(c1 - c0) / (c2 - c1):.1f}x;"
                 f" sklearn's matrix bit for bit: {same(reference, candidate)}")
    if shipped.reads_token_ids:
        scorer = shipped.token_scorer()
        k0 = cpu()
        ids, texts = db.token_texts()
        k1 = cpu()
        scorer.learn(ids, texts)
        k2 = cpu()
        from_ids = sp.vstack([scorer.reader.transform(id_docs[i:i + 250]) for i in range(0, len(docs), 250)])
        k3 = cpu()
        lines.append(f"from token ids: reading the dictionary ({len(ids):,} words) {k1 - k0:.3f} CPU-s, handing it to"
                     f" the scorer {k2 - k1:.3f} CPU-s, transform {k3 - k2:.3f} CPU-s (mapping each id the first"
                     f" time an article holds it included; {len(docs) / (k3 - k2):,.0f}/s,"
                     f" {(c2 - c1) / (k3 - k2):.1f}x the text transform); sklearn's matrix bit for bit:"
                     f" {same(reference, from_ids)}")
    for label, how in (("sklearn's transform", "sklearn"), ("the text transform", "text"),
                       ("the token-id transform", "ids")):
        classifier = _with_model_id(shipped, f"profile-{how}")
        if how != "ids":
            classifier._ids = None  # score the token text
        if how == "sklearn":
            classifier._transform = classifier.features.transform
        t0, k0 = time.perf_counter(), cpu()
        done = classify_articles(db, classifier).classified
        wall, used = time.perf_counter() - t0, cpu() - k0
        lines.append(f"classify_articles with {label}: {done} articles in {wall:.3f}s"
                     f" ({done / wall:,.0f}/s wall, {done / used:,.0f}/CPU-s)")
    db.close()
    return "\n".join(lines) + "\n"


def profile_segment(db_path: Path, top: int) -> str:
    from jobs.segment import segment_articles
    from nlp.segment import segment
    from storage import open_database

    db = open_database(db_path)
    segment("Khởi động.")
    profiler = cProfile.Profile()
    t0 = time.perf_counter()
    profiler.enable()
    result = segment_articles(db, workers=1)
    profiler.disable()
    seconds = time.perf_counter() - t0
    db.close()
    head = f"segment_articles (1 worker): {result.segmented} articles in {seconds:.3f}s under cProfile\n"
    return head + _stats_text(profiler, top)


def profile_crawl(template: Path, tmp: Path, sources: Path, top: int) -> str:
    """The crawl's Scrapy process under cProfile (python -m cProfile -m crawler.child),
    with the arguments crawler.runner.run_crawl hands it."""
    from crawler.settings import CrawlOptions
    from dataclasses import asdict
    from storage import open_database
    from crawler.config import load_sources

    from benchmarks.corpus import OUTLET

    db_path = tmp / "profile-crawl.db"
    db = open_database(db_path)
    db.sync_outlets([load_sources(sources)[OUTLET].outlet_row()])
    db.close()
    prof_path, stats_path, args_path = tmp / "crawl.prof", tmp / "stats.json", tmp / "args.json"
    with serving_in_child(template) as served:
        args_path.write_text(json.dumps({
            "sources": str(sources), "outlets": [OUTLET], "db": str(db_path), "known": {OUTLET: []},
            "mirrors": served["mirrors"], "mode": "incremental", "since": {OUTLET: None}, "until": None,
            "options": asdict(CrawlOptions(polite=False, log_level="ERROR")), "urls": [], "stats": str(stats_path),
        }), encoding="utf-8")
        t0 = time.perf_counter()
        subprocess.run([sys.executable, "-m", "cProfile", "-o", str(prof_path), "-m", "crawler.child", str(args_path)],
                       cwd=ROOT, env=_env(), check=True, stdout=sys.stderr)
        seconds = time.perf_counter() - t0
    stats = json.loads(stats_path.read_text(encoding="utf-8"))
    pages = stats.get("articles/inserted", 0)
    head = f"crawl (Scrapy process): {pages} article pages in {seconds:.1f}s under cProfile\n"
    return head + _stats_text(pstats.Stats(str(prof_path)), top)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.profile", description=__doc__.splitlines()[0])
    parser.add_argument("step", choices=["reclassify", "transform", "segment", "crawl"])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--model", type=Path, default=DEFAULT_MODEL)
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1,
                        help="for reclassify: the workers that segment the articles first")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, stream=sys.stderr, format="%(asctime)s %(name)s: %(message)s")
    tmp = Path(tempfile.mkdtemp(prefix="noichinh-profile-"))
    try:
        template = tmp / "template.db"
        run_step("prepare", {"corpus": str(args.corpus), "sources": str(DEFAULT_SOURCES),
                             "databases": [(str(template), args.articles, "spread")]})
        if args.step in ("reclassify", "transform"):
            db_path = copy_database(template, tmp / "reclassify.db")
            log.info("segmenting and classifying %d articles first", args.articles)
            run_step("pipeline", {"db": str(db_path), "workers": args.workers, "model": str(args.model)})
            if args.step == "reclassify":
                print(profile_reclassify(db_path, args.model, args.top))
            else:
                print(compare_transform(db_path, args.model))
        elif args.step == "segment":
            print(profile_segment(copy_database(template, tmp / "segment.db"), args.top))
        else:
            print(profile_crawl(template, tmp, DEFAULT_SOURCES, args.top))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
