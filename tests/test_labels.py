"""The label files: ids and labels only, every article read twice, a frozen test split."""
from __future__ import annotations

import csv
import json
import sys
from collections import Counter, defaultdict

from tests.conftest import DATA, ROOT

LABELS = ("noi_chinh", "pctn", "cctp")


def _gold():
    with (DATA / "labels" / "gold.csv").open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def test_gold_rows_are_ids_labels_and_splits_only():
    rows = _gold()
    assert set(rows[0]) == {"id", *LABELS, "certainty", "readers", "split"}
    assert len(rows) >= 1500 and len({r["id"] for r in rows}) == len(rows)
    assert all(r[l] in ("0", "1") for r in rows for l in LABELS)
    splits = Counter(r["split"] for r in rows)
    assert set(splits) == {"train", "test"} and splits["test"] >= 400
    for label in LABELS:  # every label is present in the test split
        assert sum(r[label] == "1" for r in rows if r["split"] == "test") >= 15, label


def test_every_labelled_article_was_read_twice():
    readings = defaultdict(set)
    for line in (DATA / "labels" / "readings.jsonl").read_text(encoding="utf-8").splitlines():
        r = json.loads(line)
        assert set(r) <= {"id", "labels", "certainty", "reader", "batch"}  # never the text
        readings[r["id"]].add(r["reader"])
    assert {r["id"] for r in _gold()} == set(readings)
    assert all(len(readers) >= 2 for readers in readings.values())


def test_majority_vote_and_tie_rules():
    sys.path.insert(0, str(ROOT / "scripts"))
    from consolidate_labels import adjudicate

    readings = [
        {"id": "a", "labels": ["pctn"], "certainty": "high", "reader": "reader-1"},
        {"id": "a", "labels": [], "certainty": "high", "reader": "second-1"},
        {"id": "a", "labels": ["pctn"], "certainty": "low", "reader": "third-1"},
        {"id": "b", "labels": ["cctp"], "certainty": "low", "reader": "reader-1"},
        {"id": "b", "labels": [], "certainty": "high", "reader": "second-1"},
        {"id": "c", "labels": ["pctn"], "certainty": "high", "reader": "reader-1"},
        {"id": "c", "labels": [], "certainty": "high", "reader": "second-1"},
    ]
    adjudications = [{"id": "c", "label": "pctn", "value": 0, "certainty": "high", "reader": "adj"}]
    gold = adjudicate(readings, adjudications)
    assert gold["a"]["pctn"] == 1  # two of three
    assert gold["b"]["cctp"] == 0  # a tie goes to the surer reader
    assert gold["c"]["pctn"] == 0  # the adjudication replaces the first-round vote


def test_authored_items_are_whole_labelled_and_never_corpus_ids():
    import yaml

    items = yaml.safe_load((DATA / "labels" / "authored.yaml").read_text(encoding="utf-8"))
    ids = [item["id"] for item in items]
    assert len(ids) == len(set(ids)) and all(i.startswith("authored-") for i in ids)
    assert not set(ids) & {r["id"] for r in _gold()}
    for item in items:
        assert item["title"].strip() and item["text"].strip(), item["id"]
        assert set(item["labels"] or []) <= set(LABELS), item["id"]
    combos = Counter(tuple(sorted(item["labels"] or [])) for item in items)
    assert combos[()] >= 50, "negatives are authored too, not only positives"
