"""Merge the readers' label files into the repository's label set.

Writes (ids and labels only, never article text):
- data/labels/readings.jsonl: every reading, one line per (article, reader)
- data/labels/gold.csv: one adjudicated row per article with its frozen split
- data/labels/AGREEMENT.md: agreement on articles read twice
- data/labels/adjudications.jsonl: third readings of one label under the final codebook
  (the pctn positives of the first rounds, read before the pctn guidance was narrowed
  to the codebook's corruption-type wrongdoing); an adjudication decides that label

Adjudication of a disagreement on a label: the reading with the higher certainty wins;
at equal certainty the label is kept on (either reader saw the topic).
The test split is frozen by a hash of the id, stratified by label combination; an
article keeps its split forever (rows already in gold.csv are never moved).
"""
from __future__ import annotations

import argparse
import csv
import hashlib
import json
from collections import defaultdict
from pathlib import Path

LABELS = ("noi_chinh", "pctn", "cctp")
RANK = {"low": 0, "medium": 1, "high": 2}
TEST_SHARE = 4  # one in four of each label combination goes to test


def load_readings(folder: Path) -> list[dict]:
    readings = []
    for path in sorted(folder.glob("batch_*.labels.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                r = json.loads(line)
                readings.append({"id": r["id"], "labels": sorted(set(r["labels"]) & set(LABELS)),
                                 "certainty": r.get("certainty", "medium"), "reader": r["reader"],
                                 "batch": path.name.split(".")[0]})
    return readings


def load_adjudications(folder: Path) -> list[dict]:
    rows = []
    for path in sorted(folder.glob("adjudicate_*.labels.jsonl")):
        label = path.name.split("_")[1]
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                r = json.loads(line)
                rows.append({"id": r["id"], "label": label, "value": int(bool(r[label])),
                             "certainty": r.get("certainty", "medium"), "reader": r["reader"]})
    return rows


def adjudicate(readings: list[dict]) -> dict[str, dict]:
    by_id: dict[str, list[dict]] = defaultdict(list)
    for r in readings:
        by_id[r["id"]].append(r)
    gold = {}
    for aid, rs in by_id.items():
        row = {"id": aid, "readers": len(rs)}
        for label in LABELS:
            votes = [(RANK[r["certainty"]], label in r["labels"]) for r in rs]
            best = max(v[0] for v in votes)
            row[label] = int(any(on for rank, on in votes if rank == best))
        row["certainty"] = min(rs, key=lambda r: RANK[r["certainty"]])["certainty"]
        gold[aid] = row
    return gold


def kappa(pairs: list[tuple[int, int]]) -> float:
    n = len(pairs)
    agree = sum(a == b for a, b in pairs) / n
    pa, pb = sum(a for a, _ in pairs) / n, sum(b for _, b in pairs) / n
    expected = pa * pb + (1 - pa) * (1 - pb)
    return (agree - expected) / (1 - expected) if expected < 1 else 1.0


def agreement_report(readings: list[dict]) -> str:
    by_id: dict[str, list[dict]] = defaultdict(list)
    for r in readings:
        by_id[r["id"]].append(r)
    doubles = [rs[:2] for rs in by_id.values() if len(rs) >= 2]
    lines = ["# Agreement between readers", "",
             f"{len(doubles)} articles were read by two readers independently.", "",
             "| label | both on | one on | both off | agreement | Cohen's kappa |", "|---|---|---|---|---|---|"]
    for label in LABELS:
        pairs = [(int(label in a["labels"]), int(label in b["labels"])) for a, b in doubles]
        both = sum(a and b for a, b in pairs)
        one = sum(a != b for a, b in pairs)
        off = len(pairs) - both - one
        lines.append(f"| {label} | {both} | {one} | {off} | {100 * (both + off) / len(pairs):.1f}% | {kappa(pairs):.2f} |")
    exact = sum(sorted(a["labels"]) == sorted(b["labels"]) for a, b in doubles)
    lines += ["", f"Same label set: {exact}/{len(doubles)} ({100 * exact / len(doubles):.1f}%).", "",
              "Disagreements are adjudicated by certainty (see scripts/consolidate_labels.py)."]
    return "\n".join(lines) + "\n"


def assign_splits(gold: dict[str, dict], previous: dict[str, str]) -> None:
    groups: dict[tuple, list[str]] = defaultdict(list)
    for aid, row in gold.items():
        if aid in previous:
            row["split"] = previous[aid]
        else:
            groups[tuple(row[l] for l in LABELS)].append(aid)
    for ids in groups.values():
        ids.sort(key=lambda a: hashlib.sha1(a.encode()).hexdigest())
        for i, aid in enumerate(ids):
            gold[aid]["split"] = "test" if i % TEST_SHARE == 0 else "train"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--readings", type=Path, required=True, help="folder of batch_NN.labels.jsonl")
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parents[1] / "data" / "labels")
    args = parser.parse_args()
    readings = load_readings(args.readings)
    gold = adjudicate(readings)
    adjudications = load_adjudications(args.readings)
    for row in adjudications:
        gold[row["id"]][row["label"]] = row["value"]
    previous = {}
    gold_csv = args.out / "gold.csv"
    if gold_csv.exists():
        with gold_csv.open(encoding="utf-8") as fh:
            previous = {r["id"]: r["split"] for r in csv.DictReader(fh)}
    assign_splits(gold, previous)
    with (args.out / "readings.jsonl").open("w", encoding="utf-8") as fh:
        for r in sorted(readings, key=lambda r: (r["id"], r["reader"])):
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    with gold_csv.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, ["id", *LABELS, "certainty", "readers", "split"])
        writer.writeheader()
        for aid in sorted(gold):
            writer.writerow(gold[aid])
    with (args.out / "adjudications.jsonl").open("w", encoding="utf-8") as fh:
        for r in sorted(adjudications, key=lambda r: (r["id"], r["label"])):
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    (args.out / "AGREEMENT.md").write_text(agreement_report(readings), encoding="utf-8")
    counts = defaultdict(int)
    for row in gold.values():
        for label in LABELS:
            counts[(row["split"], label)] += row[label]
        counts[(row["split"], "n")] += 1
    print(dict(counts))


if __name__ == "__main__":
    main()
