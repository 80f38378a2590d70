"""The whole benchmark as one function: every figure in one dict (see ``report`` for text)."""
from __future__ import annotations

import dataclasses
import datetime as dt
import importlib.metadata
import logging
import os
import platform
import resource
import shutil
import sqlite3
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

from benchmarks import corpus as corpus_mod
from benchmarks.steps import run_step, serving_in_child

log = logging.getLogger(__name__)
ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus"
DEFAULT_MODEL = ROOT / "data" / "model" / "topics.joblib"
DEFAULT_SOURCES = ROOT / "data" / "sources.yaml"
DEFAULT_ARTICLES = 3000
GIB = 1 << 30
NOT_EXTRAPOLATED = "at this size only (no calibration runs)"
# Segmentation and classification keep no per-article state (they work batch by batch):
# their peak grows with the longest articles in a batch, not with the number of articles.
# Their whole-corpus peak is the larger of the measured run and a run on the corpus's
# longest articles. The crawl keeps per-URL state: it is extrapolated linearly.
BATCHED_STEPS = ("pipeline_one_core", "pipeline_all_cores", "reclassify")
LONGEST_ARTICLES = 100  # the longest corpus articles: the worst batches segmentation and classification meet


@dataclass
class BenchOptions:
    corpus: Path = DEFAULT_CORPUS
    articles: int | None = DEFAULT_ARTICLES   # None: the whole corpus
    model: Path = DEFAULT_MODEL
    sources: Path = DEFAULT_SOURCES
    workers: int = field(default_factory=lambda: os.cpu_count() or 1)
    crawl: bool = True
    scrapy_bench: bool = True
    scrapy_bench_seconds: int = 10
    reclassify_repeats: int = 3
    rounds: int = 3                           # interleaved rounds of the throughput steps (see run_benchmarks)
    memory_calibration_articles: int = 300   # a small crawl to extrapolate memory from; 0: no calibration
    workdir: Path | None = None               # default: a temporary directory, removed after


# ---- databases ----------------------------------------------------------------------------
def snapshot_model(path: Path, folder: Path) -> Path:
    """Copy the artefact and its metadata sidecar (model.joblib + model.json)."""
    import hashlib
    import json

    folder.mkdir(parents=True, exist_ok=True)
    target = folder / path.name
    for _ in range(5):  # someone may be writing a new model right now: copy a matching pair
        shutil.copyfile(path.with_suffix(".json"), target.with_suffix(".json"))
        shutil.copyfile(path, target)
        expected = json.loads(target.with_suffix(".json").read_text(encoding="utf-8")).get("sha256")
        if hashlib.sha256(target.read_bytes()).hexdigest() == expected:
            return target
        time.sleep(2)
    return target  # loading it will say what is wrong


def checkpoint_size(path: Path) -> int:
    """Bytes of the database file plus its WAL, after a checkpoint."""
    conn = sqlite3.connect(str(path))
    try:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        conn.close()
    wal = Path(str(path) + "-wal")
    return path.stat().st_size + (wal.stat().st_size if wal.exists() else 0)


def copy_database(source: Path, target: Path) -> Path:
    checkpoint_size(source)
    shutil.copyfile(source, target)
    return target


# ---- the machine ---------------------------------------------------------------------------
def machine() -> dict:
    cpu_model = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu_model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = 0
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                memory = int(line.split()[1]) * 1024
    except OSError:
        pass
    versions = {}
    for name in ("underthesea", "scikit-learn", "Scrapy", "Twisted", "numpy", "scipy", "sqlite-utils", "lxml",
                 "parsel", "joblib"):
        try:
            versions[name] = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            versions[name] = None
    versions["sqlite"] = sqlite3.sqlite_version
    return {"cpu_count": os.cpu_count(),
            "affinity": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else None,
            "cpu_model": cpu_model, "memory_bytes": memory, "python": platform.python_version(),
            "platform": platform.platform(), "libraries": versions}


# ---- the run ----------------------------------------------------------------------------------
class _Progress:
    def __init__(self) -> None:
        self.t0 = time.perf_counter()

    def __call__(self, message: str, *args) -> None:
        log.info("[%6.1fs] " + message, time.perf_counter() - self.t0, *args)


SUMMED = ("articles", "segmented", "classified", "seconds", "cpu_seconds", "segment_seconds", "classify_seconds",
          "model_load_seconds", "words", "characters")


def combine(results: list[dict]) -> dict:
    """One step's results over the rounds: counts and times summed, the peak memory of
    the round with the largest total, the load range, each round kept under "rounds"."""
    out: dict = {key: sum(r[key] for r in results) for key in SUMMED if all(key in r for r in results)}
    out["memory"] = max((r["memory"] for r in results), key=lambda m: m["total_bytes"])
    for key in ("workers", "concurrent_children", "model_id"):
        if key in results[0]:
            out[key] = results[0][key]
    out["load_average_before"] = min(r["load_average_before"] for r in results)
    out["load_average_after"] = max(r["load_average_after"] for r in results)
    if all(r.get("breakdown") for r in results):
        out["breakdown"] = {k: sum(r["breakdown"][k] for r in results) for k in results[0]["breakdown"]}
    if all("runs" in r for r in results):  # re-classification: the best run of each round
        best = [min(r["runs"], key=lambda x: x["seconds"]) for r in results]
        out.update(classified=sum(b["classified"] for b in best), seconds=sum(b["seconds"] for b in best),
                   cpu_seconds=sum(b["cpu_seconds"] for b in best))
    out["rounds"] = results
    return out


def _rate(count: int, seconds: float) -> float:
    return count / seconds if seconds > 0 else 0.0


def _crawl(source_db: Path, db_path: Path, options: BenchOptions) -> dict:
    """Serve the stand-in site of source_db's articles from a child, crawl it into db_path."""
    with serving_in_child(source_db) as served:
        result = run_step("crawl", {"db": str(db_path), "sources": str(options.sources),
                                    "outlets": [corpus_mod.OUTLET], "mirrors": served["mirrors"]})
    result["site_build_seconds"] = served["build_seconds"]
    result["site_routes"] = served["routes"]
    result["pages_per_second"] = _rate(result["articles"], result["seconds"])
    return result


def _memory_runs(small_template: Path | None, small: int | None, longest_template: Path, longest: int,
                 tmp: Path, options: BenchOptions, progress: _Progress) -> dict:
    """The calibration runs the whole-corpus memory is worked out from: the batched steps
    on the longest corpus articles, and the crawl at a second, small size."""
    pipe_db = copy_database(longest_template, tmp / "longest-all-cores.db")
    progress("memory: segment + classify the %d longest corpus articles (1 and %d workers)", longest,
             options.workers)
    out: dict = {"longest": {"articles": longest}}
    out["longest"]["pipeline_all_cores"] = run_step("pipeline", {"db": str(pipe_db), "workers": options.workers,
                                                                  "model": str(options.model)})
    out["longest"]["reclassify"] = run_step("reclassify", {"db": str(pipe_db), "model": str(options.model),
                                                           "repeats": 1, "breakdown": False,
                                                           "workers": options.workers})
    one_db = copy_database(longest_template, tmp / "longest-one-core.db")
    out["longest"]["pipeline_one_core"] = run_step("pipeline", {"db": str(one_db), "workers": 1,
                                                                 "model": str(options.model)})
    if options.crawl and small_template is not None:
        progress("memory: crawl of a %d-article stand-in site", small)
        out["small"] = {"articles": small, "crawl": _crawl(small_template, tmp / "small-crawl.db", options)}
    return out


def run_benchmarks(options: BenchOptions) -> dict:
    progress = _Progress()
    corpus_mod.corpus_files(options.corpus)  # CorpusError before any work
    source_model = Path(options.model).resolve()
    workers = max(1, options.workers)
    own_tmp = options.workdir is None
    tmp = Path(tempfile.mkdtemp(prefix="noichinh-bench-")) if own_tmp else Path(options.workdir)
    tmp.mkdir(parents=True, exist_ok=True)
    try:
        # ---- the corpus into databases (in a child: this process stays small) -------------
        progress("reading the corpus in %s and filling the databases", options.corpus)
        template = tmp / "template.db"
        small_template, longest_template = tmp / "small-template.db", tmp / "longest-template.db"
        sizes: list[tuple] = [(str(template), options.articles, "spread")]
        rounds = max(1, min(options.rounds, options.articles or options.rounds))
        round_templates = [tmp / f"round{r}-template.db" for r in range(rounds)]
        sizes += [(str(path), options.articles, "spread", r, rounds) for r, path in enumerate(round_templates)]
        small = options.memory_calibration_articles
        calibrate = bool(small) and options.articles is not None
        if calibrate:
            if options.articles >= 2 * small:
                sizes.append((str(small_template), small, "spread"))
            sizes.append((str(longest_template), LONGEST_ARTICLES, "longest"))
        prepared = run_step("prepare", {"corpus": str(options.corpus), "sources": str(options.sources),
                                        "databases": sizes})
        full = prepared["corpus_articles"]
        n = prepared["databases"][str(template)]["articles"]
        small_n = prepared["databases"].get(str(small_template), {}).get("articles")
        longest_n = prepared["databases"].get(str(longest_template), {}).get("articles")
        calibrate = calibrate and n < full
        progress("%d of %d corpus articles in %.1fs, %d workers", n, full,
                 prepared["databases"][str(template)]["fill_seconds"], workers)
        figures: dict = {"created_at": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
                         "machine": machine(), "articles": n, "corpus_articles": full, "workers": workers,
                         "options": {k: str(v) if isinstance(v, Path) else v for k, v in asdict(options).items()}}

        # ---- 1. segmentation + classification, beside bare word_tokenize --------------
        # The articles are dealt into a few rounds (every k-th article); each round runs
        # every throughput step on its share, so that a drift in the machine's speed (a
        # shared host: the same work takes 25% longer in one minute than in the next)
        # weighs on the pipeline and on bare word_tokenize alike. Figures are the sums.
        template_bytes = checkpoint_size(template)
        round_bytes = [checkpoint_size(path) for path in round_templates]
        # a snapshot of the model: the artefact in data/model may be replaced while we run
        model = snapshot_model(Path(options.model), tmp / "model")
        options = dataclasses.replace(options, model=model)
        per_round: dict[str, list[dict]] = {"bare": [], "bare_all_cores": [], "pipeline_one_core": [],
                                            "pipeline_all_cores": []}
        all_dbs = []
        for r, round_template in enumerate(round_templates):
            one_db = copy_database(round_template, tmp / f"round{r}-one-core.db")
            all_db = copy_database(round_template, tmp / f"round{r}-all-cores.db")
            all_dbs.append(all_db)
            order = ["bare", "pipeline_all_cores", "pipeline_one_core", "bare_all_cores"]
            for name in (order if r % 2 == 0 else order[::-1]):  # alternate: a trend cancels out
                if name == "bare_all_cores" and workers == 1:
                    continue
                progress("round %d/%d: %s", r + 1, rounds, name)
                if name == "bare":
                    result = run_step("bare", {"db": str(round_template)})
                elif name == "bare_all_cores":
                    result = run_step("bare", {"db": str(round_template), "workers": workers})
                elif name == "pipeline_one_core":
                    result = run_step("pipeline", {"db": str(one_db), "workers": 1, "model": str(options.model)})
                else:
                    result = run_step("pipeline", {"db": str(all_db), "workers": workers, "model": str(options.model)})
                per_round[name].append(result)
        pipeline_bytes = sum(checkpoint_size(path) for path in all_dbs)
        bare, one, every = (combine(per_round[k]) for k in ("bare", "pipeline_one_core", "pipeline_all_cores"))
        bare_all = combine(per_round["bare_all_cores"]) if per_round["bare_all_cores"] else None
        bare_rate = _rate(bare["articles"], bare["seconds"])
        all_rate = _rate(every["segmented"], every["seconds"])
        bare_all_rate = _rate(bare_all["articles"], bare_all["seconds"]) if bare_all else bare_rate
        figures["rounds"] = rounds
        figures["throughput"] = {
            "bare_word_tokenize_one_core": bare_rate,
            "pipeline_one_core": _rate(one["segmented"], one["seconds"]),
            "pipeline_all_cores": all_rate,
            "segment_only_one_core": _rate(one["segmented"], one["segment_seconds"]),
            "segment_only_all_cores": _rate(every["segmented"], every["segment_seconds"]),
            "classify_only": _rate(every["classified"], every["classify_seconds"]),
            "ratio_all_cores_vs_cores_x_bare": (all_rate / (workers * bare_rate)) if bare_rate else 0.0,
            "ratio_one_core_vs_bare": (_rate(one["segmented"], one["seconds"]) / bare_rate) if bare_rate else 0.0,
            "ratio_per_round": [_rate(a["segmented"], a["seconds"]) / (workers * _rate(b["articles"], b["seconds"]))
                                for a, b in zip(per_round["pipeline_all_cores"], per_round["bare"])],
            "bare_words_per_second": _rate(bare["words"], bare["seconds"]),
            # what the machine gives on all cores: the ideal the pipeline can reach
            "bare_word_tokenize_all_cores": bare_all_rate,
            "bare_parallel_speedup": bare_all_rate / bare_rate if bare_rate else 1.0,
            "ratio_all_cores_vs_bare_all_cores": all_rate / bare_all_rate if bare_all_rate else 0.0,
            "mean_characters": bare["characters"] / max(1, bare["articles"]),
        }
        figures["steps"] = {"bare": bare, "pipeline_one_core": one, "pipeline_all_cores": every}
        if bare_all:
            figures["steps"]["bare_all_cores"] = bare_all

        # ---- 5. a re-run finds nothing to do -------------------------------------------
        progress("re-run of segment + classify on processed articles")
        rerun = combine([run_step("rerun", {"db": str(db), "workers": workers, "model": str(options.model)})
                         for db in all_dbs])
        figures["steps"]["rerun"] = rerun
        figures["rerun"] = {"segmented": rerun["segmented"], "classified": rerun["classified"],
                            "seconds": rerun["seconds"]}

        # ---- 2. re-classification from stored tokens -----------------------------------
        progress("re-classification from stored tokens (%d runs + 1 instrumented per round)",
                 options.reclassify_repeats)
        reclass = combine([run_step("reclassify", {"db": str(db), "model": str(options.model),
                                                   "repeats": options.reclassify_repeats, "breakdown": True,
                                                   "workers": options.workers})
                           for db in all_dbs])
        figures["steps"]["reclassify"] = reclass
        figures["reclassify"] = {"articles": reclass["classified"], "seconds": reclass["seconds"],
                                 "articles_per_second": _rate(reclass["classified"], reclass["seconds"]),
                                 "cpu_seconds": reclass.get("cpu_seconds", 0.0),
                                 "runs_articles_per_second": [_rate(sum(r["runs"][k]["classified"] for r in reclass["rounds"]),
                                                                    sum(r["runs"][k]["seconds"] for r in reclass["rounds"]))
                                                              for k in range(options.reclassify_repeats)],
                                 "breakdown": reclass["breakdown"],
                                 # once per loaded model, not in the rate (the fastest of each round's runs)
                                 "setup_seconds": min(r["setup_seconds"] for r in reclass["rounds"])}

        # ---- 3. crawl of the stand-in site, beside scrapy bench --------------------------
        crawl_bytes = None
        if options.crawl:
            progress("crawl of the stand-in site (%d article pages)", n)
            crawl = _crawl(template, tmp / "crawl.db", options)
            crawl_bytes = checkpoint_size(tmp / "crawl.db")
            figures["steps"]["crawl"] = crawl
            figures["crawl"] = {"articles": crawl["articles"], "seconds": crawl["seconds"],
                                "pages_per_second": crawl["pages_per_second"],
                                "listing_pages": crawl["listing_pages"], "responses": crawl["responses"],
                                "status": crawl["status"], "errors": crawl["errors"]}
        if options.scrapy_bench:
            from benchmarks.crawlbench import scrapy_bench

            progress("scrapy bench (%ds)", options.scrapy_bench_seconds)
            bench = scrapy_bench(options.scrapy_bench_seconds)
            figures["scrapy_bench"] = bench
            if options.crawl and bench.get("steady_mean_pages_per_second"):
                figures["crawl"]["ratio_vs_scrapy_bench"] = (figures["crawl"]["pages_per_second"]
                                                             / bench["steady_mean_pages_per_second"])

        # ---- 4. memory, database size, model size ----------------------------------------
        measured = {"pipeline_one_core": one, "pipeline_all_cores": every, "rerun": rerun, "reclassify": reclass}
        if options.crawl:
            measured["crawl"] = figures["steps"]["crawl"]
        calibration = None
        if calibrate and longest_n:
            calibration = _memory_runs(small_template if small_n else None, small_n, longest_template, longest_n,
                                       tmp, options, progress)
        figures["memory"] = memory_figures(measured, calibration, n, full)
        tokens_and_predictions = pipeline_bytes - sum(round_bytes)
        per_10k = 10_000 / max(1, n)
        figures["database"] = {
            "articles_only_bytes": template_bytes,
            "tokens_and_predictions_bytes": tokens_and_predictions,
            "crawled_bytes": crawl_bytes,
            # what a crawled, segmented and classified database holds: the crawl's (articles,
            # raw HTML, full-text index, runs) plus tokens and one model's predictions
            "bytes_per_10k_articles": ((crawl_bytes if crawl_bytes is not None else template_bytes)
                                       + tokens_and_predictions) * per_10k,
            "whole_corpus_bytes_estimate": ((crawl_bytes if crawl_bytes is not None else template_bytes)
                                            + tokens_and_predictions) * full / max(1, n),
        }
        figures["model"] = {"path": str(source_model.relative_to(ROOT) if source_model.is_relative_to(ROOT)
                                        else source_model),
                            "bytes": Path(options.model).stat().st_size, "model_id": every.get("model_id")}
        progress("done")
    finally:
        if own_tmp:
            shutil.rmtree(tmp, ignore_errors=True)
    figures["wall_seconds"] = time.perf_counter() - progress.t0
    figures["benchmark_process_peak_bytes"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    return figures


def memory_figures(measured: dict[str, dict], calibration: dict | None, n: int, full: int) -> dict:
    """Peak memory per step at the measured size, and for the whole corpus.

    Measured when the run was the whole corpus. Otherwise: the batched steps take the
    larger of this run and the run on the longest corpus articles (their memory follows
    the longest articles of a batch, not the article count); the crawl is extrapolated
    linearly from two sizes, never with a negative slope; the re-run does no work."""
    steps: dict[str, dict] = {}
    longest = (calibration or {}).get("longest", {})
    small = (calibration or {}).get("small", {})
    for name, result in measured.items():
        memory = result["memory"]
        entry = {"self_bytes": memory["self_bytes"], "largest_child_bytes": memory["largest_child_bytes"],
                 "total_bytes": memory["total_bytes"]}
        if n >= full:
            entry.update(whole_corpus_bytes=memory["total_bytes"], whole_corpus_basis="measured on the whole corpus")
        elif name in BATCHED_STEPS and name in longest:
            worst = longest[name]["memory"]["total_bytes"]
            entry.update(longest_articles_total_bytes=worst, whole_corpus_bytes=max(memory["total_bytes"], worst),
                         whole_corpus_basis=f"max of this run and the {longest['articles']} longest articles")
        elif name in small:
            small_total = small[name]["memory"]["total_bytes"]
            slope = max(0.0, (memory["total_bytes"] - small_total) / (n - small["articles"]))
            entry.update(calibration_articles=small["articles"], calibration_total_bytes=small_total,
                         bytes_per_article=slope, whole_corpus_bytes=memory["total_bytes"] + slope * (full - n),
                         whole_corpus_basis=f"linear from {small['articles']} and {n} articles")
        elif name == "rerun" and calibration:
            entry.update(whole_corpus_bytes=memory["total_bytes"], whole_corpus_basis="measured (no work to do)")
        else:
            entry.update(whole_corpus_bytes=memory["total_bytes"], whole_corpus_basis=NOT_EXTRAPOLATED)
        steps[name] = entry
    peak_step = max(steps, key=lambda k: steps[k]["whole_corpus_bytes"])
    return {"steps": steps, "whole_corpus_peak_bytes": steps[peak_step]["whole_corpus_bytes"],
            "whole_corpus_peak_step": peak_step,
            "whole_corpus_known": all(e["whole_corpus_basis"] != NOT_EXTRAPOLATED for e in steps.values()),
            "calibration": _calibration_memory(calibration)}


def _calibration_memory(calibration: dict | None) -> dict | None:
    if not calibration:
        return None
    return {group: {k: (v["memory"] if isinstance(v, dict) else v) for k, v in runs.items()}
            for group, runs in calibration.items()}
