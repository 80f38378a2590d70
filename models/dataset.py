"""The labelled data set: gold labels from data/labels, text from the shared corpus."""
from __future__ import annotations

import csv
import gzip
import hashlib
import json
import logging
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from models import LABELS

log = logging.getLogger(__name__)
CORPUS_FILES = ("baomoi-2017.jsonl.gz", "dantri-2021.jsonl.gz")


class DatasetError(Exception):
    """Label files or corpus missing or inconsistent."""


@dataclass(frozen=True)
class LabelledSet:
    ids: list[str]
    texts: list[str]
    y: np.ndarray          # (n, 3) 0/1
    splits: list[str]      # "train" | "test"

    def subset(self, split: str) -> "LabelledSet":
        keep = [i for i, s in enumerate(self.splits) if s == split]
        return LabelledSet([self.ids[i] for i in keep], [self.texts[i] for i in keep],
                           self.y[keep], [split] * len(keep))

    def fingerprint(self) -> str:
        digest = hashlib.sha256()
        for aid, row, split in zip(self.ids, self.y.tolist(), self.splits):
            digest.update(f"{aid}:{row}:{split}\n".encode())
        return digest.hexdigest()[:16]


def corpus_text(article: dict) -> str:
    """Title (or the URL's words), sapo and text, one paragraph each."""
    return "\n".join(filter(None, [article.get("title") or article.get("url_slug"),
                                   article.get("sapo"), article.get("text")]))


def read_corpus(corpus_dir: Path, wanted: set[str]) -> dict[str, str]:
    texts: dict[str, str] = {}
    for name in CORPUS_FILES:
        path = corpus_dir / name
        if not path.exists():
            raise DatasetError(f"corpus file {path} not found (is ../shared beside the repository?)")
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            for line in fh:
                article = json.loads(line)
                if article["id"] in wanted:
                    texts[article["id"]] = corpus_text(article)
    return texts


def load_authored(path: Path) -> tuple[list[str], np.ndarray]:
    """Short items the team wrote to cover the topics' modern vocabulary (training only,
    never evaluation): texts and their labels."""
    import yaml

    if not path.exists():
        return [], np.zeros((0, len(LABELS)), dtype=np.int8)
    items = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    texts = ["\n".join(filter(None, [i.get("title"), i.get("lead"), i.get("text")])) for i in items]
    y = np.array([[int(label in (i.get("labels") or [])) for label in LABELS] for i in items], dtype=np.int8)
    return texts, y.reshape(-1, len(LABELS))


def load_labelled(gold_csv: Path, corpus_dir: Path) -> LabelledSet:
    """Every adjudicated article with its corpus text, in gold.csv order."""
    try:
        with gold_csv.open(encoding="utf-8") as fh:
            rows = list(csv.DictReader(fh))
    except FileNotFoundError:
        raise DatasetError(f"label file {gold_csv} not found") from None
    texts = read_corpus(corpus_dir, {r["id"] for r in rows})
    missing = [r["id"] for r in rows if r["id"] not in texts]
    if missing:
        raise DatasetError(f"{len(missing)} labelled ids are not in the corpus, e.g. {missing[:3]}")
    y = np.array([[int(r[label]) for label in LABELS] for r in rows], dtype=np.int8)
    return LabelledSet([r["id"] for r in rows], [texts[r["id"]] for r in rows], y, [r["split"] for r in rows])
