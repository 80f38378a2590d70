"""The figures as text, and the targets with held / NOT held."""
from __future__ import annotations

from dataclasses import dataclass

GIB = 1 << 30
MIB = 1 << 20

RATIO_TARGET = 0.85          # pipeline all cores >= 0.85 x (cores x bare word_tokenize on one core)
RECLASSIFY_TARGET = 5_000    # articles/s from stored tokens
CRAWL_RATIO_TARGET = 0.7     # crawl pages/s >= 0.7 x scrapy bench
MEMORY_TARGET = GIB          # peak memory of any step on the whole corpus


@dataclass(frozen=True)
class Target:
    name: str
    held: bool | None        # None: not measured in this run
    detail: str


def targets(f: dict) -> list[Target]:
    out = []
    t = f.get("throughput")
    if t:
        ratio = t["ratio_all_cores_vs_cores_x_bare"]
        out.append(Target("seg+classify all cores >= 0.85 x (cores x bare word_tokenize one core)",
                          ratio >= RATIO_TARGET,
                          f"{t['pipeline_all_cores']:.1f} art/s vs {f['workers']} x {t['bare_word_tokenize_one_core']:.1f}"
                          f" = ratio {ratio:.3f}"))
    r = f.get("reclassify")
    if r:
        out.append(Target("re-classification >= 5,000 articles/s", r["articles_per_second"] >= RECLASSIFY_TARGET,
                          f"{r['articles_per_second']:,.0f} art/s"))
    c = f.get("crawl")
    if c and "ratio_vs_scrapy_bench" in c:
        ratio = c["ratio_vs_scrapy_bench"]
        out.append(Target("crawl >= 0.7 x scrapy bench", ratio >= CRAWL_RATIO_TARGET,
                          f"{c['pages_per_second']:.1f} vs {f['scrapy_bench']['steady_mean_pages_per_second']:.1f}"
                          f" pages/s = ratio {ratio:.3f}"))
    else:
        out.append(Target("crawl >= 0.7 x scrapy bench", None, "not measured in this run"))
    m = f.get("memory")
    if m:
        peak = m["whole_corpus_peak_bytes"]
        step = m["steps"][m["whole_corpus_peak_step"]]
        out.append(Target("peak memory < 1 GiB for the whole corpus",
                          (peak < MEMORY_TARGET) if m.get("whole_corpus_known", True) else None,
                          f"{peak / MIB:,.0f} MiB ({m['whole_corpus_peak_step']}, {step['whole_corpus_basis']})"))
    rr = f.get("rerun")
    if rr:
        out.append(Target("re-run does no work", rr["segmented"] == 0 and rr["classified"] == 0,
                          f"{rr['segmented']} segmented, {rr['classified']} classified in {rr['seconds']:.3f}s"))
    return out


def _mib(value: float | None) -> str:
    return "-" if value is None else f"{value / MIB:,.1f} MiB"


def format_figures(f: dict) -> str:
    m = f["machine"]
    lines = [
        f"noichinh-monitor benchmark, {f['created_at']}",
        f"machine: {m['cpu_count']} CPUs ({m['cpu_model']}), {m['memory_bytes'] / GIB:.1f} GiB, Python {m['python']}",
        f"articles: {f['articles']:,} of {f['corpus_articles']:,} corpus articles; workers: {f['workers']}",
    ]
    loads = [v for step in f.get("steps", {}).values()
             for v in (step.get("load_average_before"), step.get("load_average_after")) if v is not None]
    if loads:
        lines.append(f"load average (1 min) around the steps: {min(loads):.2f} to {max(loads):.2f}"
                     f" on {m['cpu_count']} CPUs (other work on the machine slows every figure)")
    lines += [
        "",
        f"1. segmentation + classification (articles/s; {f.get('rounds', 1)} interleaved rounds)",
    ]
    t = f["throughput"]
    steps = f.get("steps", {})

    def cpu(label: str, name: str, count_key: str) -> list[str]:
        step = steps.get(name, {})
        if not step.get("cpu_seconds"):
            return []
        return [f"   {label:<41}{step[count_key] / step['cpu_seconds']:9.1f}"
                f"   ({step['cpu_seconds']:.1f} CPU-s in {step['seconds']:.1f}s wall)"]

    lines += [
        f"   bare underthesea.word_tokenize, 1 core   {t['bare_word_tokenize_one_core']:9.1f}"
        f"   ({t['bare_words_per_second']:,.0f} words/s, mean {t['mean_characters']:,.0f} characters)",
        f"   pipeline, 1 worker                       {t['pipeline_one_core']:9.1f}"
        f"   (segment only {t['segment_only_one_core']:.1f}; ratio to bare {t['ratio_one_core_vs_bare']:.3f})",
        f"   pipeline, {f['workers']} workers                      {t['pipeline_all_cores']:9.1f}"
        f"   (segment only {t['segment_only_all_cores']:.1f}; classify {t['classify_only']:,.0f})",
        f"   ratio all cores / (cores x bare)          {t['ratio_all_cores_vs_cores_x_bare']:9.3f}"
        + (f"   (rounds: {', '.join(f'{x:.3f}' for x in t['ratio_per_round'])})" if len(t.get('ratio_per_round', [])) > 1
           else ""),
        f"   bare word_tokenize, {f['workers']} processes           {t['bare_word_tokenize_all_cores']:9.1f}"
        f"   (speed-up {t['bare_parallel_speedup']:.2f} on {f['workers']} cores; pipeline reaches"
        f" {t['ratio_all_cores_vs_bare_all_cores']:.3f} of it)",
        "   per CPU-second (all processes of the step; less sensitive to other load):",
        *cpu("bare word_tokenize", "bare", "articles"),
        *cpu(f"bare word_tokenize, {f['workers']} processes", "bare_all_cores", "articles"),
        *cpu("pipeline, 1 worker", "pipeline_one_core", "segmented"),
        *cpu(f"pipeline, {f['workers']} workers", "pipeline_all_cores", "segmented"),
    ]
    r = f["reclassify"]
    lines += ["", f"2. re-classification from stored tokens ({f['workers']} processes scoring: the main one, which alone"
              f" reads and writes SQLite, and {f['workers'] - 1} forked)",
              f"   {r['articles']:,} articles in {r['seconds']:.3f}s = {r['articles_per_second']:,.0f} articles/s"
              f" (best of {len(r['runs_articles_per_second'])}: "
              + ", ".join(f"{x:,.0f}" for x in r["runs_articles_per_second"]) + ")"]
    if "setup_seconds" in r:
        corpus = f["corpus_articles"]
        whole = corpus / (corpus / r["articles_per_second"] + r["setup_seconds"]) if r["articles_per_second"] else 0.0
        lines.append(f"   once per loaded model, not in the rate: {r['setup_seconds']:.3f}s building its token-id"
                     f" vocabularies (the whole corpus with it: {whole:,.0f} articles/s)")
    if r.get("cpu_seconds"):
        lines.append(f"   per CPU-second (main process and workers; less sensitive to other load):"
                     f" {r['articles'] / r['cpu_seconds']:,.0f} ({r['cpu_seconds']:.3f} CPU-s)")
    b = r.get("breakdown")
    if b:
        total = b["seconds"] or 1.0
        lines.append(f"   where the time goes (instrumented run in one process, {b['articles']:,} articles in "
                     f"{b['seconds']:.3f}s):")
        for key in ("sqlite_count", "sqlite_dictionary", "learn_tokens", "sqlite_read", "tfidf_transform",
                    "predict_proba", "evidence_extraction", "rows_and_json", "sqlite_write"):
            # sqlite_dictionary and learn_tokens: figures from before token ids have none; the
            # count query runs for a progress bar only
            if key in b and (b[key] or key != "sqlite_count"):
                lines.append(f"     {key:<20} {b[key]:8.3f}s {100 * b[key] / total:5.1f}%")
    lines += ["", "3. crawl of the stand-in site"]
    c = f.get("crawl")
    if c:
        lines.append(f"   {c['articles']:,} article pages in {c['seconds']:.1f}s = {c['pages_per_second']:.1f} pages/s"
                     f" ({c['listing_pages']:,} listing pages, {c['responses']:,} responses, status {c['status']})")
    else:
        lines.append("   not run")
    s = f.get("scrapy_bench")
    if s:
        lines.append(f"   scrapy bench: steady mean {s['steady_mean_pages_per_second']:.1f} pages/s,"
                     f" max {s['steady_max_pages_per_second']:.1f}"
                     + (f", overall {s['overall_pages_per_second']:.1f}" if "overall_pages_per_second" in s else ""))
        if c and "ratio_vs_scrapy_bench" in c:
            lines.append(f"   ratio crawl / scrapy bench {c['ratio_vs_scrapy_bench']:.3f}")
    mem = f["memory"]
    lines += ["", "4. memory (peak resident; total = process + concurrent children), sizes"]
    for name, e in mem["steps"].items():
        lines.append(f"   {name:<20} process {_mib(e['self_bytes']):>12}  largest child {_mib(e['largest_child_bytes']):>12}"
                     f"  total {_mib(e['total_bytes']):>12}  whole corpus {_mib(e['whole_corpus_bytes']):>12}"
                     f" ({e['whole_corpus_basis']})")
    d = f["database"]
    lines += [f"   database per 10,000 articles: {_mib(d['bytes_per_10k_articles'])}"
              f" (whole corpus about {_mib(d['whole_corpus_bytes_estimate'])}; tokens + predictions"
              f" {_mib(d['tokens_and_predictions_bytes'])}, crawled {_mib(d['crawled_bytes'])} for"
              f" {f['articles']:,} articles)",
              f"   model file: {_mib(f['model']['bytes'])} ({f['model']['path']}, {f['model']['model_id']})"]
    rr = f["rerun"]
    lines += ["", "5. re-run on processed articles",
              f"   {rr['segmented']} segmented, {rr['classified']} classified in {rr['seconds']:.3f}s"]
    lines += ["", "targets"]
    results = targets(f)
    for target in results:
        state = "held" if target.held else "not measured" if target.held is None else "NOT held"
        lines.append(f"   [{state}] {target.name}: {target.detail}")
    measured = [t for t in results if t.held is not None]
    lines.append(f"targets held: {sum(1 for t in measured if t.held)}/{len(measured)}")
    return "\n".join(lines)
