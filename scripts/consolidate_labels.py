"""Merge the readers' label files into the repository's label set.

Writes (ids and labels only, never article text):
- data/labels/readings.jsonl: every reading, one line per (article, reader)
- data/labels/gold.csv: one adjudicated row per article with its frozen split
- data/labels/AGREEMENT.md: agreement on articles read twice
- data/labels/adjudications.jsonl: third readings of one label under the final codebook
  (the pctn positives of the first rounds, read before the pctn guidance was narrowed
  to the codebook's corruption-type wrongdoing); an adjudication decides that label

Gold labels: the majority of the readers' votes per label (see ``adjudicate``).
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
# The test split was frozen after round 5 (batches 0-19, 956 test articles): articles of later
# rounds only join training. Round 6 on is drawn by the model's uncertainty, and a test split
# must neither move nor be chosen by the model it measures.
LAST_TEST_BATCH = 19


def _reading_round(reader: str) -> str:
    return reader.split("-")[0] if reader.startswith(("second", "third")) else "first"


def load_readings(folder: Path) -> list[dict]:
    """Every reading: first rounds (batch_NN), the second reading of every article
    (second_NN) and the third reading of disagreements (third_NN)."""
    readings = []
    paths = [*sorted(folder.glob("batch_*.labels.jsonl")), *sorted(folder.glob("second_*.labels.jsonl")),
             *sorted(folder.glob("third_*.labels.jsonl"))]
    for path in paths:
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


def adjudicate(readings: list[dict], adjudications: list[dict]) -> dict[str, dict]:
    """Per article and label, the majority of the readers' votes.

    A first-round pctn vote is replaced by the pctn adjudication where there is one (it
    re-read the article under the final pctn guidance). A tie goes to the vote of higher
    certainty; a tie in certainty keeps the label on.
    """
    by_id: dict[str, list[dict]] = defaultdict(list)
    for r in readings:
        by_id[r["id"]].append(r)
    adjudicated = {(a["id"], a["label"]): a for a in adjudications}
    gold = {}
    for aid, rs in by_id.items():
        row = {"id": aid, "readers": len(rs)}
        for label in LABELS:
            votes = []
            for r in rs:
                override = adjudicated.get((aid, label))
                if override and _reading_round(r["reader"]) == "first":
                    votes.append((RANK[override["certainty"]], bool(override["value"])))
                else:
                    votes.append((RANK[r["certainty"]], label in r["labels"]))
            on = sum(v for _, v in votes)
            off = len(votes) - on
            if on != off:
                row[label] = int(on > off)
            else:
                best_on = max((rank for rank, v in votes if v), default=-1)
                best_off = max((rank for rank, v in votes if not v), default=-1)
                row[label] = int(best_on >= best_off)
        row["certainty"] = min(rs, key=lambda r: RANK[r["certainty"]])["certainty"]
        gold[aid] = row
    return gold


def kappa(pairs: list[tuple[int, int]]) -> float:
    n = len(pairs)
    agree = sum(a == b for a, b in pairs) / n
    pa, pb = sum(a for a, _ in pairs) / n, sum(b for _, b in pairs) / n
    expected = pa * pb + (1 - pa) * (1 - pb)
    return (agree - expected) / (1 - expected) if expected < 1 else 1.0


def _agreement_table(pairs_by_label: dict[str, list[tuple[int, int]]]) -> list[str]:
    lines = ["| label | both on | one on | both off | agreement | Cohen's kappa |", "|---|---|---|---|---|---|"]
    for label, pairs in pairs_by_label.items():
        both = sum(a and b for a, b in pairs)
        one = sum(a != b for a, b in pairs)
        off = len(pairs) - both - one
        lines.append(f"| {label} | {both} | {one} | {off} | {100 * (both + off) / len(pairs):.1f}% | "
                     f"{kappa(pairs):.2f} |")
    return lines


def agreement_report(readings: list[dict], adjudications: list[dict]) -> str:
    by_id: dict[str, dict[str, list[dict]]] = defaultdict(lambda: defaultdict(list))
    for r in readings:
        by_id[r["id"]][_reading_round(r["reader"])].append(r)
    adjudicated = {(a["id"], a["label"]): a["value"] for a in adjudications}
    round1 = [g["first"][:2] for g in by_id.values() if len(g["first"]) >= 2]
    lines = ["# Agreement between readers", "",
             "Every reading is independent: a reader never saw another's labels.", "",
             f"## Two first-round readers ({len(round1)} articles read twice in round 1)", ""]
    lines += _agreement_table({label: [(int(label in a["labels"]), int(label in b["labels"])) for a, b in round1]
                               for label in LABELS})
    pairs = [(g["first"][0], g["second"][0]) for g in by_id.values() if g["first"] and g["second"]]
    lines += ["", f"## First reading (pctn as adjudicated) vs the second reading of every article ({len(pairs)})", ""]

    def first_vote(r: dict, label: str) -> int:
        return int(adjudicated.get((r["id"], label), label in r["labels"]))

    lines += _agreement_table({label: [(first_vote(a, label), int(label in b["labels"])) for a, b in pairs]
                               for label in LABELS})
    thirds = sum(1 for g in by_id.values() if g["third"])
    lines += ["", f"{thirds} articles with any disagreement were read a third time; the gold label is the "
              "majority of the votes (see scripts/consolidate_labels.py).",
              f"{len(adjudications)} first-round pctn readings were re-read under the final pctn guidance "
              "(data/labels/adjudications.jsonl)."]
    return "\n".join(lines) + "\n"


def assign_splits(gold: dict[str, dict], previous: dict[str, str], batch_of: dict[str, int]) -> None:
    """Keep every earlier split; new articles of the first rounds by hash, later ones to train."""
    groups: dict[tuple, list[str]] = defaultdict(list)
    for aid, row in gold.items():
        if aid in previous:
            row["split"] = previous[aid]
        elif batch_of.get(aid, 0) > LAST_TEST_BATCH:
            row["split"] = "train"
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
    adjudications = load_adjudications(args.readings)
    gold = adjudicate(readings, adjudications)
    previous = {}
    gold_csv = args.out / "gold.csv"
    if gold_csv.exists():
        with gold_csv.open(encoding="utf-8") as fh:
            previous = {r["id"]: r["split"] for r in csv.DictReader(fh)}
    with (args.out / "pool.csv").open(encoding="utf-8") as fh:
        batch_of = {r["id"]: int(r["batch"]) for r in csv.DictReader(fh)}
    assign_splits(gold, previous, batch_of)
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
    (args.out / "AGREEMENT.md").write_text(agreement_report(readings, adjudications), encoding="utf-8")
    counts = defaultdict(int)
    for row in gold.values():
        for label in LABELS:
            counts[(row["split"], label)] += row[label]
        counts[(row["split"], "n")] += 1
    print(dict(counts))


if __name__ == "__main__":
    main()
