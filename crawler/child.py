"""Entry point of the crawl child process: ``python -m crawler.child ARGS.json``."""
from __future__ import annotations

import datetime as dt
import json
import shutil
import sys
from pathlib import Path

from crawler.lifeline import die_with_parent, parent_alive


def _since(value):
    """A date, or {outlet: date or None}, from JSON."""
    if isinstance(value, dict):
        return {k: dt.date.fromisoformat(v) if v else None for k, v in value.items()}
    return dt.date.fromisoformat(value) if value else None


def main(args_path: str) -> int:
    args = json.loads(Path(args_path).read_text(encoding="utf-8"))
    parent = args.get("parent_pid")
    folder = Path(args_path).parent  # the run's temporary folder (args, known URLs, stats)
    if parent:
        die_with_parent(parent, lambda: shutil.rmtree(folder, ignore_errors=True))
    try:
        return _crawl(args)
    finally:
        if parent and not parent_alive(parent):  # stopped with its parent: nobody else cleans up
            shutil.rmtree(folder, ignore_errors=True)


def _crawl(args: dict) -> int:
    from scrapy.crawler import CrawlerProcess

    from crawler.config import load_sources
    from crawler.settings import CrawlOptions, build_settings
    from crawler.spiders.outlet import OutletSpider

    options = CrawlOptions(**args["options"])
    outlets = load_sources(args["sources"])
    process = CrawlerProcess(build_settings(args["db"], options))
    crawler = process.create_crawler(OutletSpider)
    process.crawl(crawler, outlets=[outlets[o] for o in args["outlets"]],
                  known={k: set(v) for k, v in args["known"].items()}, mirrors=args["mirrors"],
                  mode=args["mode"], since=_since(args["since"]),
                  until=dt.date.fromisoformat(args["until"]) if args["until"] else None,
                  stop_after_known_pages=options.stop_after_known_pages, urls=args["urls"])
    process.start()
    stats = {k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in crawler.stats.get_stats().items()}
    Path(args["stats"]).write_text(json.dumps(stats, default=str), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
