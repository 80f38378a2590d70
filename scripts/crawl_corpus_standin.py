"""Crawl a stand-in site rendered from real corpus articles and check what was stored.

Renders N articles of ../shared/corpus (in memory only: their text never enters the
repository) into the page structure of both outlets, serves them on 127.0.0.1, crawls
them with the product's crawler into a temporary database, and prints whether every
article was stored exactly once with the right outlet, date and content type.

    python scripts/crawl_corpus_standin.py --articles 3000
"""
from __future__ import annotations

import argparse
import datetime as dt
import logging
import random
import re
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.corpus import CorpusArticle, read_corpus  # noqa: E402
from benchmarks.corpus import paragraphs as split_paragraphs  # noqa: E402
from crawler.config import load_sources  # noqa: E402
from crawler.settings import CrawlOptions  # noqa: E402
from jobs.crawl import crawl  # noqa: E402
from nlp.normalize import normalize_text  # noqa: E402
from standin.server import serving  # noqa: E402
from standin.site import StandinArticle, build_sites  # noqa: E402
from storage import open_database  # noqa: E402

BTN_CATEGORIES = ["chinh-tri", "phap-luat", "xa-hoi", "kinh-te", "quoc-phong-an-ninh"]
TV_CATEGORIES = ["thoi-su", "xa-hoi", "phap-luat", "kinh-te", "van-hoa"]
TIN_MAX_WORDS = 400
TITLE_VIDEO = re.compile(r"^\s*\[?(?:video|clip)\]?\s*[:|-]", re.IGNORECASE)


def corpus_articles(corpus: Path, n: int, seed: int) -> list[CorpusArticle]:
    """n titled corpus articles of some length, in a random order (the benchmark's reader)."""
    rows = [a for a in read_corpus(corpus) if a.title and a.id.startswith("baomoi") and len(a.text) > 300]
    random.Random(seed).shuffle(rows)
    return rows[:n]


def to_standin(rows: list[CorpusArticle], seed: int) -> list[StandinArticle]:
    """Each corpus article becomes a page of one outlet, with a type the page shows."""
    rng = random.Random(seed)
    start = dt.datetime(2016, 1, 1, 6, 0)
    articles = []
    for i, row in enumerate(rows):
        outlet = "baothainguyen" if i % 3 else "thainguyentv"
        paragraphs = split_paragraphs(row.text) or [row.text]
        roll = rng.random()
        if roll < 0.08:
            kind = "video"
        elif roll < 0.12:
            kind = "audio"
        elif roll < 0.17 and outlet == "baothainguyen":
            kind = "anh"
        else:
            kind = None  # tin or bai by the length rule
        if kind in ("video", "audio") and outlet == "thainguyentv":
            paragraphs = paragraphs[:2]  # a broadcast page: a short text around the player
        captions = [f"Ảnh minh họa số {k + 1}." for k in range(4)] if kind == "anh" else []
        if kind == "anh":
            paragraphs = paragraphs[:2]
        text = "\n".join(paragraphs)
        lead = row.sapo
        if lead and text.startswith(lead):  # the extractor drops a lead repeated as the body's start
            text = text[len(lead):]
        words = len(text.split())
        if TITLE_VIDEO.match(row.title):
            kind = "video"  # the page says so in its title
        if kind in ("video", "audio") and outlet == "thainguyentv" and words > TIN_MAX_WORDS:
            kind = None  # a player around a long text is an article (the media rule needs a short text)
        content_type = kind or ("tin" if words <= TIN_MAX_WORDS else "bai")
        category = {"video": "video", "audio": "podcast", "anh": "multimedia"}.get(kind or "", "")
        if outlet == "thainguyentv" or not category:
            category = rng.choice(BTN_CATEGORIES if outlet == "baothainguyen" else TV_CATEGORIES)
        articles.append(StandinArticle(
            slug=f"bai-{i}", outlet=outlet, category=category,
            title=row.title, lead=row.sapo, body=paragraphs, captions=captions,
            published=start + dt.timedelta(minutes=397 * i), author="", content_type=content_type,
            topics=[], tags=[]))
    return articles


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    parser.add_argument("--articles", type=int, default=3000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)
    articles = to_standin(corpus_articles(args.corpus, args.articles, args.seed), args.seed)
    sources = load_sources(ROOT / "data" / "sources.yaml")
    outlets = [sources["baothainguyen"], sources["thainguyentv"]]
    with tempfile.TemporaryDirectory() as tmp:
        db = open_database(Path(tmp) / "corpus.db")
        with serving(build_sites(articles, page_size=20)) as mirrors:
            started = time.perf_counter()
            run = crawl(db, ROOT / "data" / "sources.yaml", outlets, mirrors=mirrors,
                        options=CrawlOptions(polite=False, log_level="ERROR"))
            seconds = time.perf_counter() - started
        rows = {r["title"]: r for r in db.query("SELECT title, outlet, published_at, content_type, content_type_rule, "
                                                "length(body) - length(replace(body, ' ', '')) + 1 AS words "
                                                "FROM articles")}
        stored = db.article_count()
        distinct = db.query("SELECT COUNT(DISTINCT canonical_url) n FROM articles")[0]["n"]
    for a in articles:  # compare with the title as stored: NFC, single spaces
        a.title = normalize_text(a.title)
    missing = [a for a in articles if a.title not in rows]
    titles = {}
    for a in articles:
        titles.setdefault(a.title, []).append(a)
    unique = [a for a in articles if len(titles[a.title]) == 1 and a.title in rows]
    date_ok = sum(rows[a.title]["published_at"][:16] == a.published.strftime("%Y-%m-%dT%H:%M") for a in unique)
    type_ok = sum(rows[a.title]["content_type"] == a.content_type for a in unique)
    for a in unique:
        if rows[a.title]["content_type"] != a.content_type:
            logging.warning("type %s (%s, %s words stored) expected %s (%s, %d words rendered)",
                            rows[a.title]["content_type"], rows[a.title]["content_type_rule"], rows[a.title]["words"],
                            a.content_type, a.outlet, sum(len(p.split()) for p in a.body))
    outlet_ok = sum(rows[a.title]["outlet"] == a.outlet for a in unique)
    by_type: dict[str, list[int]] = {}
    for a in unique:
        hit = by_type.setdefault(a.content_type, [0, 0])
        hit[0] += rows[a.title]["content_type"] == a.content_type
        hit[1] += 1
    print(f"articles rendered: {len(articles)} ({sum(a.outlet == 'baothainguyen' for a in articles)} baothainguyen, "
          f"{sum(a.outlet == 'thainguyentv' for a in articles)} thainguyentv)")
    print(f"stored: {stored} rows, {distinct} distinct canonical URLs, missing: {len(missing)}")
    print(f"crawl: {seconds:.1f} s, {len(articles) / seconds:.1f} articles/s; status {run.status}")
    print(f"checked (titles unique in the sample): {len(unique)}")
    print(f"  outlet correct: {outlet_ok}/{len(unique)}")
    print(f"  date correct:   {date_ok}/{len(unique)}")
    print(f"  type correct:   {type_ok}/{len(unique)}  " +
          ", ".join(f"{t} {ok}/{n}" for t, (ok, n) in sorted(by_type.items())))
    ok = not missing and stored == distinct == len(articles) and date_ok == type_ok == outlet_ok == len(unique)
    print("RESULT: " + ("every article stored once with correct outlet, date and type" if ok else "MISMATCHES"))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
