"""The benchmark command on ~20 corpus articles: every figure is there and positive.

No scrapy bench here (it runs for 10 s and more); its log parsing is tested on a
made-up log instead.
"""
from __future__ import annotations

import contextlib
import io
import json
import math
import re

import pytest

from benchmarks.core import DEFAULT_CORPUS

pytestmark = pytest.mark.slow
ARTICLES = 20


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    from benchmarks.run import main

    assert (DEFAULT_CORPUS / "baomoi-2017.jsonl.gz").exists(), f"the shared corpus is needed at {DEFAULT_CORPUS}"
    tmp = tmp_path_factory.mktemp("bench")
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        code = main(["--articles", str(ARTICLES), "--rounds", "1", "--no-scrapy-bench", "--memory-calibration", "0",
                     "--json", str(tmp / "figures.json"), "--workdir", str(tmp / "work"), "--quiet"])
    assert code == 0
    return out.getvalue(), json.loads((tmp / "figures.json").read_text(encoding="utf-8"))


def positive(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value) and value > 0


def test_segmentation_and_classification_throughput(run):
    _, figures = run
    assert figures["articles"] == ARTICLES
    t = figures["throughput"]
    for key in ("bare_word_tokenize_one_core", "pipeline_one_core", "pipeline_all_cores",
                "ratio_all_cores_vs_cores_x_bare", "classify_only"):
        assert positive(t[key]), key
    assert figures["steps"]["pipeline_all_cores"]["segmented"] == ARTICLES
    assert figures["steps"]["pipeline_all_cores"]["classified"] == ARTICLES


def test_reclassification_really_rescores(run):
    _, figures = run
    r = figures["reclassify"]
    assert r["articles"] == ARTICLES and positive(r["articles_per_second"])
    breakdown = r["breakdown"]
    assert breakdown["articles"] == ARTICLES
    for key in ("sqlite_read", "tfidf_transform", "predict_proba", "sqlite_write"):
        assert positive(breakdown[key]), key
    # the model's token-id vocabularies are built before the timed runs, and reported apart
    assert positive(r["setup_seconds"])


def test_crawl_of_the_standin_site(run):
    _, figures = run
    c = figures["crawl"]
    assert c["articles"] == ARTICLES and c["status"] == "success"
    assert positive(c["pages_per_second"]) and positive(c["listing_pages"])


def test_memory_and_sizes(run):
    _, figures = run
    for name, step in figures["memory"]["steps"].items():
        assert positive(step["total_bytes"]) and positive(step["whole_corpus_bytes"]), name
    assert positive(figures["database"]["bytes_per_10k_articles"])
    assert positive(figures["database"]["tokens_and_predictions_bytes"])
    assert positive(figures["model"]["bytes"])


def test_rerun_does_no_work(run):
    _, figures = run
    assert figures["rerun"]["segmented"] == 0 and figures["rerun"]["classified"] == 0
    assert figures["rerun"]["seconds"] >= 0
    assert any(t["name"] == "re-run does no work" and t["held"] for t in figures["targets"])


def test_printed_figures_end_with_the_target_count(run):
    text, _ = run
    lines = text.strip().splitlines()
    # no scrapy bench and no memory calibration run here: those two targets are not measured
    assert re.fullmatch(r"targets held: \d+/3", lines[-1])
    assert "[not measured] crawl >= 0.7 x scrapy bench" in text
    assert "[not measured] peak memory < 1 GiB for the whole corpus" in text


def test_scrapy_bench_log_parsing():
    from benchmarks.crawlbench import parse_scrapy_bench

    log = "\n".join(f"INFO: Crawled {total} pages (at {rate} pages/min), scraped 0 items (at 0 items/min)"
                    for total, rate in [(0, 0), (110, 6600), (176, 3960), (256, 4800), (303, 2820), (330, 1620)])
    parsed = parse_scrapy_bench(log)
    assert parsed["total_pages"] == 330
    assert parsed["steady_mean_pages_per_second"] == pytest.approx((3960 + 4800 + 2820) / 3 / 60)
    assert parsed["steady_max_pages_per_second"] == pytest.approx(4800 / 60)
