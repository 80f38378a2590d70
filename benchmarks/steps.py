"""The measured steps. Each runs in its own child process so that its peak memory is its own.

``run_step(name, args)`` starts ``python -m benchmarks.steps NAME ARGS.json OUT.json``;
the child runs the step, then adds its peak resident memory (``ru_maxrss`` of
``RUSAGE_SELF``) and that of its own finished children (``RUSAGE_CHILDREN``: the
segmentation pool's workers, the Scrapy crawl process) to the result it writes back.
Timings are taken inside the child around the product's own functions only (imports,
model loading and a one-line warm-up of the tokenizer are outside them).
"""
from __future__ import annotations

import contextlib
import json
import logging
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
log = logging.getLogger(__name__)
WARMUP_TEXT = "Tòa án nhân dân tỉnh mở phiên tòa xét xử vụ án."


class StepError(RuntimeError):
    """A benchmark step failed in its child process."""


# ---- helpers used inside the child ---------------------------------------------------
def _cpu() -> float:
    """CPU seconds (user + system) of this process and its finished children."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _warm_up() -> None:
    """Load the CRF model once, so forked pool workers inherit it and timings are steady."""
    from nlp.segment import segment

    segment(WARMUP_TEXT)


def _with_model_id(classifier, model_id: str):
    """The same fitted model under another model id: it re-scores every article."""
    from models.artefact import Artefact
    from models.predict import TopicClassifier

    artefact = classifier.artefact
    return TopicClassifier(Artefact(model=artefact.model, meta={**artefact.meta, "model_id": model_id}))


# ---- the steps -------------------------------------------------------------------------
def step_pipeline(args: dict) -> dict:
    """segment_articles (workers) then classify_articles with the shipped model."""
    from jobs.classify import classify_articles
    from jobs.segment import segment_articles
    from models.predict import TopicClassifier
    from storage import open_database

    db = open_database(args["db"])
    _warm_up()
    cpu0, t0 = _cpu(), time.perf_counter()
    segmented = segment_articles(db, workers=args["workers"]).segmented
    t1, cpu1 = time.perf_counter(), _cpu()
    # as the nightly job does: the model is loaded after segmentation (so the pool's
    # workers do not inherit it); loading is outside the timings
    classifier = TopicClassifier.load(args["model"])
    cpu2, t2 = _cpu(), time.perf_counter()
    classified = classify_articles(db, classifier).classified
    t3, cpu3 = time.perf_counter(), _cpu()
    db.close()
    return {"segmented": segmented, "classified": classified, "segment_seconds": t1 - t0,
            "classify_seconds": t3 - t2, "seconds": (t1 - t0) + (t3 - t2), "model_load_seconds": t2 - t1,
            "cpu_seconds": (cpu1 - cpu0) + (cpu3 - cpu2), "workers": args["workers"],
            "concurrent_children": args["workers"] if args["workers"] > 1 else 0,
            "model_id": classifier.model_id}


def _bare_words(text: str) -> int:
    from underthesea import word_tokenize

    return len(word_tokenize(text, format="text").split())


def step_bare(args: dict) -> dict:
    """underthesea.word_tokenize alone on the same texts, no database work: in this
    process (workers 1), or spread over a pool of forked processes (the same chunking as
    jobs.segment), the most any pipeline on that many cores could do."""
    from concurrent.futures import ProcessPoolExecutor

    from underthesea import word_tokenize

    from nlp.normalize import article_text
    from storage import open_database

    workers = args.get("workers", 1)
    db = open_database(args["db"])
    texts = [article_text(r["title"], r["lead"], r["body"])
             for r in db.query("SELECT title, lead, body FROM articles ORDER BY id")]
    db.close()
    word_tokenize(WARMUP_TEXT, format="text")
    cpu0, t0 = _cpu(), time.perf_counter()
    if workers > 1:
        with ProcessPoolExecutor(workers) as pool:
            words = sum(pool.map(_bare_words, texts, chunksize=max(1, 200 // (4 * workers))))
    else:
        words = sum(_bare_words(text) for text in texts)
    seconds = time.perf_counter() - t0
    return {"articles": len(texts), "seconds": seconds, "cpu_seconds": _cpu() - cpu0, "words": words,
            "characters": sum(len(t) for t in texts), "workers": workers,
            "concurrent_children": workers if workers > 1 else 0}


def step_rerun(args: dict) -> dict:
    """segment + classify again on articles already done: should find nothing to do."""
    from jobs.classify import classify_articles
    from jobs.segment import segment_articles
    from models.predict import TopicClassifier
    from storage import open_database

    db = open_database(args["db"])
    classifier = TopicClassifier.load(args["model"])
    _warm_up()
    t0 = time.perf_counter()
    segmented = segment_articles(db, workers=args["workers"]).segmented
    classified = classify_articles(db, classifier).classified
    seconds = time.perf_counter() - t0
    db.close()
    return {"segmented": segmented, "classified": classified, "seconds": seconds,
            "concurrent_children": args["workers"] if args["workers"] > 1 else 0}


class _Timer:
    """Accumulated seconds per phase."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}

    def add(self, key: str, seconds: float) -> None:
        self.seconds[key] = self.seconds.get(key, 0.0) + seconds

    def wrap(self, key: str, fn: Callable) -> Callable:
        def timed(*a, **kw):
            t0 = time.perf_counter()
            try:
                return fn(*a, **kw)
            finally:
                self.add(key, time.perf_counter() - t0)
        return timed

    def wrap_batches(self, key: str, fn: Callable[..., Iterator]) -> Callable[..., Iterator]:
        def timed(*a, **kw):
            iterator = fn(*a, **kw)
            while True:
                t0 = time.perf_counter()
                try:
                    item = next(iterator)
                except StopIteration:
                    self.add(key, time.perf_counter() - t0)
                    return
                self.add(key, time.perf_counter() - t0)
                yield item
        return timed


def instrument(db, classifier) -> _Timer:
    """Time the phases of classify_articles by wrapping the objects it calls (instance
    attributes shadow the methods; nothing in the product changes)."""
    timer = _Timer()
    db.count_without_predictions = timer.wrap("sqlite_count", db.count_without_predictions)
    db.token_ids_without_predictions = timer.wrap_batches("sqlite_read", db.token_ids_without_predictions)
    db.articles_without_predictions = timer.wrap_batches("sqlite_read", db.articles_without_predictions)
    db.token_texts = timer.wrap("sqlite_dictionary", db.token_texts)
    db.store_prediction_tuples = timer.wrap("sqlite_write", db.store_prediction_tuples)
    model = classifier.classifier
    model.predict_proba = timer.wrap("predict_proba", model.predict_proba)
    if classifier.reads_token_ids:  # scoring from stored token ids: time the scorer it makes
        make_scorer = classifier.token_scorer

        def token_scorer():
            scorer = make_scorer()
            scorer.learn = timer.wrap("learn_tokens", scorer.learn)
            # the reader works out what the features make of a token id the first time an
            # article holds it, inside transform: timed apart, as learning
            scorer.reader._map = timer.wrap("map_tokens", scorer.reader._map)
            scorer.reader.transform = timer.wrap("tfidf_transform", scorer.reader.transform)
            scorer.predict = timer.wrap("predict_total", scorer.predict)
            return scorer

        classifier.token_scorer = token_scorer
    else:  # the transform TopicClassifier scores text with (fast path or sklearn's)
        classifier._transform = timer.wrap("tfidf_transform", classifier._transform)
        classifier.predict = timer.wrap("predict_total", classifier.predict)
    return timer


def _reap_children(timeout: float = 30.0) -> None:
    """Wait for the scoring pools' workers to exit (classify_articles does not wait for
    them), so that their peak memory is in RUSAGE_CHILDREN."""
    import multiprocessing

    deadline = time.monotonic() + timeout
    while multiprocessing.active_children() and time.monotonic() < deadline:
        time.sleep(0.01)


def _model_setup(classifier) -> float:
    """Seconds to build what a loaded model needs once before scoring token ids (its id
    vocabularies; TopicClassifier builds them when first asked): a cost per loaded model,
    reported apart from the scoring rate."""
    t0 = time.perf_counter()
    if classifier.reads_token_ids:
        classifier.token_scorer()
    return time.perf_counter() - t0


def step_reclassify(args: dict) -> dict:
    """classify_articles from stored tokens under new model ids (no re-segmentation):
    ``repeats`` clean runs on ``workers`` processes, then one instrumented run in this
    process for the breakdown."""
    from jobs.classify import classify_articles
    from models.predict import TopicClassifier
    from storage import open_database

    db = open_database(args["db"])
    shipped = TopicClassifier.load(args["model"])
    runs = []
    for n in range(args.get("repeats", 1)):
        classifier = _with_model_id(shipped, f"{shipped.model_id}+bench-reclassify-{n + 1}")
        setup = _model_setup(classifier)
        cpu0, t0 = _cpu(), time.perf_counter()
        classified = classify_articles(db, classifier, workers=args.get("workers", 1)).classified
        seconds = time.perf_counter() - t0
        _reap_children()  # their CPU time counts once they are reaped
        runs.append({"classified": classified, "seconds": seconds, "cpu_seconds": _cpu() - cpu0,
                     "setup_seconds": setup})
    breakdown = None
    if args.get("breakdown", True):
        classifier = _with_model_id(shipped, f"{shipped.model_id}+bench-breakdown")
        _model_setup(classifier)
        timer = instrument(db, classifier)
        t0 = time.perf_counter()
        classified = classify_articles(db, classifier).classified
        total = time.perf_counter() - t0
        s = timer.seconds
        # the token mapping runs inside the transform, which runs inside predict
        accounted = sum(s.get(k, 0.0) for k in ("sqlite_count", "sqlite_read", "sqlite_dictionary", "learn_tokens",
                                                "sqlite_write", "predict_total"))
        s["learn_tokens"] = s.get("learn_tokens", 0.0) + s.get("map_tokens", 0.0)
        s["tfidf_transform"] = s.get("tfidf_transform", 0.0) - s.get("map_tokens", 0.0)
        evidence = s.get("predict_total", 0.0) - s.get("tfidf_transform", 0.0) - s.get("predict_proba", 0.0) \
            - s.get("map_tokens", 0.0)
        breakdown = {"articles": classified, "seconds": total,
                     "sqlite_count": s.get("sqlite_count", 0.0), "sqlite_read": s.get("sqlite_read", 0.0),
                     "sqlite_dictionary": s.get("sqlite_dictionary", 0.0), "learn_tokens": s.get("learn_tokens", 0.0),
                     "tfidf_transform": s.get("tfidf_transform", 0.0), "predict_proba": s.get("predict_proba", 0.0),
                     "evidence_extraction": evidence, "sqlite_write": s.get("sqlite_write", 0.0),
                     "rows_and_json": max(0.0, total - accounted)}
    db.close()
    best = min(runs, key=lambda r: r["seconds"])
    return {"classified": best["classified"], "seconds": best["seconds"], "cpu_seconds": best["cpu_seconds"],
            "setup_seconds": min(r["setup_seconds"] for r in runs),
            "runs": runs,
            "breakdown": breakdown,
            "concurrent_children": args.get("workers", 1) if args.get("workers", 1) > 1 else 0}


def step_crawl(args: dict) -> dict:
    """jobs.crawl.crawl of the served stand-in site into an empty database."""
    from crawler.config import load_sources
    from crawler.settings import CrawlOptions
    from jobs.crawl import crawl
    from storage import open_database

    db = open_database(args["db"])
    sources = load_sources(args["sources"])
    outlets = [sources[o] for o in args["outlets"]]
    cpu0, t0 = _cpu(), time.perf_counter()
    run = crawl(db, Path(args["sources"]), outlets, mirrors=args["mirrors"],
                options=CrawlOptions(polite=False, log_level="ERROR"))
    seconds = time.perf_counter() - t0
    cpu_seconds = _cpu() - cpu0
    stats = run.result.stats
    articles = db.article_count()
    db.close()
    return {"articles": articles, "seconds": seconds, "cpu_seconds": cpu_seconds, "status": run.status,
            "inserted": run.result.count("articles/inserted"),
            "listing_pages": run.result.count("discovery/listing_pages"),
            "responses": run.result.count("downloader/response_count"),
            "errors": {k: v for k, v in stats.items() if k.startswith(("errors/", "dropped/"))},
            "concurrent_children": 1}


def fill_database(path: str | Path, articles: list, sources_path: str | Path) -> float:
    """A fresh database holding the articles as the crawler's storage pipeline stores them."""
    from crawler.config import load_sources
    from storage import open_database

    from benchmarks import corpus

    t0 = time.perf_counter()
    db = open_database(path)
    db.sync_outlets([load_sources(sources_path)[corpus.OUTLET].outlet_row()])
    n = len(articles)
    for i, article in enumerate(articles):
        db.upsert_article(corpus.db_record(article, i, n))
    db.close()
    return time.perf_counter() - t0


def step_prepare(args: dict) -> dict:
    """Read the corpus, sample it, and fill one database per requested size."""
    from benchmarks import corpus

    everything = corpus.read_corpus(args["corpus"])
    out = {"corpus_articles": len(everything), "databases": {}}
    for path, size, how, *part in args["databases"]:
        articles = corpus.longest(everything, size) if how == "longest" else corpus.sample(everything, size)
        if part:  # one round's share: every k-th article
            articles = articles[part[0]::part[1]]
        out["databases"][path] = {"articles": len(articles),
                                  "fill_seconds": fill_database(path, articles, args["sources"])}
    return out


def articles_from_database(path: str | Path) -> list:
    """The corpus articles a benchmark database was filled with, in their order."""
    from storage import open_database

    from benchmarks.corpus import CorpusArticle

    db = open_database(path)
    rows = db.query("SELECT id, title, lead, body FROM articles ORDER BY id")
    db.close()
    return [CorpusArticle(str(r["id"]), r["title"], r["lead"] or "", r["body"] or "") for r in rows]


def serve(args: dict) -> None:
    """Serve the stand-in site of a benchmark database until standard input closes."""
    from standin.server import serving

    from benchmarks.crawlbench import build_site

    t0 = time.perf_counter()
    site = build_site(articles_from_database(args["db"]))
    build_seconds = time.perf_counter() - t0
    with serving({site.outlet: site}) as mirrors:
        info = {"mirrors": mirrors, "routes": len(site.routes), "build_seconds": build_seconds}
        Path(args["ready"]).write_text(json.dumps(info), encoding="utf-8")
        sys.stdin.read()  # the benchmark closes our standard input when the crawl is over


@contextlib.contextmanager
def serving_in_child(db_path: str | Path) -> Iterator[dict]:
    """The stand-in site of a database served by a child process; yields its ready info."""
    with tempfile.TemporaryDirectory(prefix="bench-serve-") as tmp:
        ready = Path(tmp) / "ready.json"
        args_path = Path(tmp) / "args.json"
        args_path.write_text(json.dumps({"db": str(db_path), "ready": str(ready)}), encoding="utf-8")
        server = subprocess.Popen([sys.executable, "-m", "benchmarks.steps", "serve", str(args_path), ""],
                                  cwd=ROOT, env=_env(), stdin=subprocess.PIPE, stdout=sys.stderr)
        try:
            while not ready.exists():
                if server.poll() is not None:
                    raise StepError(f"the stand-in server ended with code {server.returncode}")
                time.sleep(0.1)
            time.sleep(0.05)  # the file is written in one call; let it land
            yield json.loads(ready.read_text(encoding="utf-8"))
        finally:
            server.stdin.close()
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()


STEPS: dict[str, Callable[[dict], dict]] = {
    "prepare": step_prepare, "pipeline": step_pipeline, "bare": step_bare, "rerun": step_rerun,
    "reclassify": step_reclassify, "crawl": step_crawl,
}


def _vm_hwm() -> int | None:
    """The kernel's high-water mark of this process image (a check of ru_maxrss)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return None


def _peak_memory(result: dict) -> dict:
    """Peak resident memory in bytes (Linux reports ru_maxrss in KiB).

    Linux carries ru_maxrss across exec: a child started by a big process starts with
    that process's peak. The benchmark's own process therefore stays small (it reads no
    corpus and imports no model code), so the figures here are the step's own."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024
    concurrent = result.get("concurrent_children", 0)
    return {"self_bytes": own, "largest_child_bytes": children, "self_vm_hwm_bytes": _vm_hwm(),
            # the parent plus every child that ran beside it, each at its own peak: an upper
            # bound (forked workers share the parent's pages, counted again here)
            "total_bytes": own + concurrent * children}


def run_in_process(name: str, args: dict) -> dict:
    result = STEPS[name](args)
    result["memory"] = _peak_memory(result)
    return result


# ---- the parent side ----------------------------------------------------------------------
def _env() -> dict:
    return {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}


def run_step(name: str, args: dict) -> dict:
    """Run one step in a fresh Python process and return its result."""
    with tempfile.TemporaryDirectory(prefix=f"bench-{name}-") as tmp:
        args_path, out_path = Path(tmp) / "args.json", Path(tmp) / "result.json"
        args_path.write_text(json.dumps(args), encoding="utf-8")
        load_before = os.getloadavg()[0]
        completed = subprocess.run([sys.executable, "-m", "benchmarks.steps", name, str(args_path), str(out_path)],
                                   cwd=ROOT, env=_env(), stdout=sys.stderr)
        if completed.returncode != 0 or not out_path.exists():
            raise StepError(f"benchmark step {name!r} failed (exit code {completed.returncode})")
        result = json.loads(out_path.read_text(encoding="utf-8"))
        # other work on the machine slows every figure down: keep the load beside them
        result["load_average_before"], result["load_average_after"] = load_before, os.getloadavg()[0]
        return result


def main(argv: list[str]) -> int:
    name, args_path, out_path = argv
    logging.basicConfig(level=logging.WARNING, stream=sys.stderr,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    args = json.loads(Path(args_path).read_text(encoding="utf-8"))
    if name == "serve":
        serve(args)
        return 0
    result = run_in_process(name, args)
    Path(out_path).write_text(json.dumps(result), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
