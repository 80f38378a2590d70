"""``python -m benchmarks.run`` (``make bench``): throughput, memory and sizes on the corpus.

Progress goes to standard error, the figures to standard output (and, with --json, to
a file). The last line is ``targets held: N/M``.
"""
from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from pathlib import Path

from benchmarks.core import DEFAULT_ARTICLES, DEFAULT_CORPUS, DEFAULT_MODEL, DEFAULT_SOURCES, BenchOptions, run_benchmarks
from benchmarks.corpus import CorpusError
from benchmarks.report import format_figures, targets


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.run", description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="corpus folder (default %(default)s)")
    size = parser.add_mutually_exclusive_group()
    size.add_argument("--articles", type=int, default=DEFAULT_ARTICLES,
                      help="articles to use, spread over the corpus (default %(default)s)")
    size.add_argument("--full", action="store_true", help="the whole corpus (memory measured, not extrapolated)")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1,
                        help="processes for the all-cores run (default: os.cpu_count() = %(default)s)")
    parser.add_argument("--rounds", type=int, default=3,
                        help="interleaved rounds of the throughput steps, against drift of the machine's speed")
    parser.add_argument("--model", type=Path, default=DEFAULT_MODEL, help="model artefact (default %(default)s)")
    parser.add_argument("--sources", type=Path, default=DEFAULT_SOURCES, help=argparse.SUPPRESS)
    parser.add_argument("--no-crawl", action="store_true", help="skip the crawl and scrapy bench")
    parser.add_argument("--no-scrapy-bench", action="store_true", help="skip scrapy bench")
    parser.add_argument("--bench-seconds", type=int, default=10, help="CLOSESPIDER_TIMEOUT of scrapy bench")
    parser.add_argument("--memory-calibration", type=int, default=300, metavar="N",
                        help="articles of the small crawl that crawl memory is extrapolated from; 0: no memory "
                             "calibration runs at all (no whole-corpus memory figure)")
    parser.add_argument("--json", dest="json_path", type=Path, help="also write every figure to this JSON file")
    parser.add_argument("--workdir", type=Path, help="keep the temporary databases here (default: removed)")
    parser.add_argument("-q", "--quiet", action="store_true", help="no progress on standard error")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    logging.basicConfig(level=logging.WARNING if args.quiet else logging.INFO, stream=sys.stderr,
                        format="%(asctime)s %(name)s: %(message)s")
    options = BenchOptions(corpus=args.corpus, articles=None if args.full else args.articles, model=args.model,
                           sources=args.sources, workers=max(1, args.workers), crawl=not args.no_crawl,
                           scrapy_bench=not (args.no_crawl or args.no_scrapy_bench),
                           scrapy_bench_seconds=args.bench_seconds, rounds=max(1, args.rounds),
                           memory_calibration_articles=0 if args.full else args.memory_calibration,
                           workdir=args.workdir)
    try:
        figures = run_benchmarks(options)
    except CorpusError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    figures["targets"] = [{"name": t.name, "held": t.held, "detail": t.detail} for t in targets(figures)]
    if args.json_path:
        args.json_path.parent.mkdir(parents=True, exist_ok=True)
        args.json_path.write_text(json.dumps(figures, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(format_figures(figures))
    return 0


if __name__ == "__main__":
    sys.exit(main())
