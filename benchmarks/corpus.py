"""Corpus articles for the benchmarks: an even sample, database records, stand-in pages.

Nothing here writes corpus text anywhere but memory and the temporary files the
benchmark hands it.
"""
from __future__ import annotations

import datetime as dt
import gzip
import json
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

CORPUS_FILES = ("baomoi-2017.jsonl.gz", "dantri-2021.jsonl.gz")
OUTLET = "baothainguyen"
# The listing start pages of baothainguyen in data/sources.yaml; the last three give
# the media content types through their URL rules.
CATEGORIES = ("chinh-tri", "phap-luat", "xa-hoi", "kinh-te", "quoc-phong-an-ninh", "thoi-su-thai-nguyen",
              "multimedia", "video", "podcast")
MEDIA_TYPES = {"multimedia": "anh", "video": "video", "podcast": "audio"}
AUTHORS = ("Phóng viên", "Nhóm PV", "CTV", "Ban Thời sự", "Ban Bạn đọc")
FIRST_DAY = dt.datetime(2016, 1, 1, 6, 0)
SPAN_MINUTES = 731 * 24 * 60 - 12 * 60  # 2016-01-01 06:00 .. 2017-12-31 18:00
TIN_MAX_WORDS = 400


class CorpusError(Exception):
    """The corpus folder is missing or unreadable."""


@dataclass(frozen=True)
class CorpusArticle:
    id: str
    title: str
    sapo: str
    text: str


def _clean(value: object) -> str:
    return value.strip() if isinstance(value, str) else ""


def _from_record(record: dict) -> CorpusArticle | None:
    title, sapo, text = _clean(record.get("title")), _clean(record.get("sapo")), _clean(record.get("text"))
    if not title and text:
        # dantri: no title in the source; its text opens with the title line
        first, _, rest = text.partition("\n")
        if rest.strip():
            title, text = first.strip(), rest.strip()
    if not title or not (text or sapo):
        return None
    return CorpusArticle(str(record["id"]), title, sapo, text)


def corpus_files(corpus_dir: str | Path) -> list[Path]:
    """The corpus files present, or CorpusError."""
    corpus_dir = Path(corpus_dir)
    paths = [corpus_dir / name for name in CORPUS_FILES if (corpus_dir / name).exists()]
    if not paths:
        raise CorpusError(f"no corpus files ({', '.join(CORPUS_FILES)}) in {corpus_dir}")
    return paths


def read_corpus(corpus_dir: str | Path) -> list[CorpusArticle]:
    paths = corpus_files(corpus_dir)
    articles = []
    for path in paths:
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            for line in fh:
                if line.strip():
                    article = _from_record(json.loads(line))
                    if article is not None:
                        articles.append(article)
    return articles


def sample(articles: list[CorpusArticle], n: int | None) -> list[CorpusArticle]:
    """n articles spread evenly over the whole corpus (both collections), in corpus order."""
    if n is None or n >= len(articles):
        return list(articles)
    if n <= 0:
        return []
    step = len(articles) / n
    return [articles[int(i * step)] for i in range(n)]


def longest(articles: list[CorpusArticle], n: int) -> list[CorpusArticle]:
    """The n longest articles (title, sapo and text), in corpus order: the worst case
    for the memory of segmentation and classification."""
    sizes = sorted(range(len(articles)), key=lambda i: -(len(articles[i].title) + len(articles[i].sapo)
                                                          + len(articles[i].text)))
    return [articles[i] for i in sorted(sizes[:n])]


def published(i: int, n: int) -> dt.datetime:
    """Dates spread evenly over 2016-2017, a few minutes apart within a day."""
    minutes = (i * SPAN_MINUTES) // max(1, n)
    return FIRST_DAY + dt.timedelta(minutes=minutes)


def db_record(article: CorpusArticle, i: int, n: int) -> dict:
    """An article row as the crawler's storage pipeline would hand it to storage."""
    when = published(i, n)
    url = f"https://baothainguyen.vn/{CATEGORIES[i % len(CATEGORIES)]}/{when:%Y%m}/bench-{i}/"
    return {"outlet": OUTLET, "url": url, "canonical_url": url, "title": article.title, "lead": article.sapo,
            "body": article.text, "published_at": when.strftime("%Y-%m-%dT%H:%M:00+07:00"),
            "author": AUTHORS[i % len(AUTHORS)], "category": CATEGORIES[i % len(CATEGORIES)],
            "content_type": _content_type(article, CATEGORIES[i % len(CATEGORIES)])}


def _content_type(article: CorpusArticle, category: str) -> str:
    if category in MEDIA_TYPES:
        return MEDIA_TYPES[category]
    return "tin" if len(article.text.split()) <= TIN_MAX_WORDS else "bai"


def slugify(text: str, limit: int = 60) -> str:
    folded = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    ascii_text = "".join(ch for ch in folded if not unicodedata.combining(ch)).lower()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")
    return slug[:limit].rstrip("-") or "bai"


_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+(?=[A-ZĐÀ-Ỹ0-9\"“])")


def paragraphs(text: str, sentences_per_paragraph: int = 3) -> list[str]:
    """Paragraphs of a text: its own lines, else groups of a few sentences."""
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    if len(lines) > 1:
        return lines
    sentences = _SENTENCE_END.split(text.strip()) if text.strip() else []
    return [" ".join(sentences[k:k + sentences_per_paragraph])
            for k in range(0, len(sentences), sentences_per_paragraph)]


def standin_articles(articles: list[CorpusArticle]):
    """The articles as stand-in records of baothainguyen (in memory only)."""
    from standin.site import StandinArticle

    n = len(articles)
    records = []
    for i, article in enumerate(articles):
        category = CATEGORIES[i % len(CATEGORIES)]
        content_type = _content_type(article, category)
        body = paragraphs(article.text) or [article.sapo]
        captions = [f"Ảnh minh họa {k + 1}." for k in range(3)] if content_type == "anh" else []
        records.append(StandinArticle(
            slug=f"{slugify(article.title)}-{i}", outlet=OUTLET, category=category, title=article.title,
            lead=article.sapo, body=body, captions=captions, published=published(i, n),
            author=AUTHORS[i % len(AUTHORS)], content_type=content_type, topics=[], tags=[category]))
    return records
