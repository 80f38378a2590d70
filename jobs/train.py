"""Train-and-save and evaluate: the jobs behind `pipeline.py train` and `evaluate`."""
from __future__ import annotations

import datetime as dt
import hashlib
import logging
from pathlib import Path

import numpy as np

from jobs.segment_cache import segment_all
from models import LABELS
from models.artefact import save_artefact
from models.baseline import KeywordBaseline
from models.dataset import LabelledSet, load_authored, load_labelled
from models.predict import TopicClassifier
from models.train import (DEFAULT_CLASSIFIER, DEFAULT_FEATURES, UNDECIDED, apply_calibration, brier,
                          confusion_summary, f1_intervals, metrics, model_id, train)
from nlp.normalize import article_text
from nlp.segment import segment

log = logging.getLogger(__name__)


def _tokens(data: LabelledSet, cache_dir: Path | None, workers: int) -> list[str]:
    return segment_all(data.texts, cache_dir / "corpus-tokens.jsonl" if cache_dir else None, workers)


def _extra(examples: list[dict]) -> tuple[list[str], np.ndarray]:
    """Editor-reviewed articles as extra training rows (tokens stored, or segmented now): a
    label an editor decided is 0/1, one nobody decided is UNDECIDED (not learned for it)."""
    tokens, rows = [], []
    for ex in examples:
        tokens.append(ex.get("tokens") or segment(article_text(ex.get("title"), ex.get("lead"), ex.get("body"))))
        rows.append([UNDECIDED if ex.get(label) is None else int(ex[label]) for label in LABELS])
    return tokens, np.array(rows, dtype=np.int8).reshape(-1, len(LABELS))


def training_fingerprint(data: LabelledSet, always_texts: list[str], always_y: np.ndarray) -> str:
    """The labelled articles' fingerprint extended by the items that join every training fold
    (authored items, editor reviews): an edit to any of them gives the model another hash."""
    digest = hashlib.sha256(data.fingerprint().encode())
    for text, row in zip(always_texts, always_y.tolist()):
        digest.update(f"{text}\x00{row}\n".encode())
    return digest.hexdigest()[:16]


def train_and_save(gold_csv: Path, corpus_dir: Path, output: Path, *, features: str | None = None,
                   classifier: str | None = None, extra_examples: list[dict] | None = None,
                   cache_dir: Path | None = None, workers: int = 1) -> tuple[Path, dict]:
    """Fit on the train split (+ reviews), measure on the frozen test split, save."""
    features = features or DEFAULT_FEATURES
    classifier = classifier or DEFAULT_CLASSIFIER
    data = load_labelled(gold_csv, corpus_dir)
    tokens = _tokens(data, cache_dir, workers)
    train_idx = [i for i, s in enumerate(data.splits) if s == "train"]
    test_idx = [i for i, s in enumerate(data.splits) if s == "test"]
    x_train = [tokens[i] for i in train_idx]
    y_train = data.y[train_idx]
    authored_texts, authored_y = load_authored(gold_csv.parent / "authored.yaml")
    authored_tokens = segment_all(authored_texts, cache_dir / "authored-tokens.jsonl" if cache_dir else None,
                                  workers) if authored_texts else []
    extra_tokens, extra_y = _extra(extra_examples or [])
    if len(extra_tokens):
        log.info("adding %d editor-reviewed articles to training", len(extra_tokens))
    always = (authored_tokens + extra_tokens, np.vstack([authored_y, extra_y]))
    result = train(x_train, y_train, features, classifier, always_train=always)
    thresholds = np.array([result.thresholds[label] for label in LABELS])
    test_scores = apply_calibration(result.pipeline.predict_proba([tokens[i] for i in test_idx]), result.calibration)
    test_pred = test_scores >= thresholds
    data_hash = training_fingerprint(data, *always)
    meta = {
        "model_id": model_id(features, classifier, data_hash),
        "created_at": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        "thresholds": result.thresholds,
        "calibration": {"method": "platt on 5-fold held-out scores", **result.calibration},
        "params": result.params,
        "training_data": {"hash": data_hash, "train_articles": len(train_idx), "authored_items": len(authored_texts),
                          "reviewed_articles": len(extra_tokens),
                          "reviewed_labels": {l: int((extra_y[:, k] != UNDECIDED).sum()) for k, l in enumerate(LABELS)},
                          "test_articles": len(test_idx), "positives": {l: int(y_train[:, k].sum())
                                                                        for k, l in enumerate(LABELS)}},
        "metrics": {"cv": result.cv_metrics,
                    "test": {**metrics(data.y[test_idx], test_pred), "brier": brier(test_scores, data.y[test_idx])}},
    }
    path = save_artefact(result.pipeline, meta, output)
    return path, meta


def evaluate(model_path: Path, gold_csv: Path, corpus_dir: Path, lexicon_path: Path,
             cache_dir: Path | None = None, workers: int = 1) -> dict:
    """The shipped model and the keyword baseline on the frozen test split."""
    classifier = TopicClassifier.load(model_path)
    data = load_labelled(gold_csv, corpus_dir).subset("test")
    tokens = _tokens(data, cache_dir, workers)
    predicted = np.array([[int(r[label].on) for label in LABELS]
                          for r in classifier.predict(tokens, with_evidence=False)], dtype=np.int8)
    baseline = KeywordBaseline.from_yaml(lexicon_path)
    base_pred = np.array([[int(r[label]["on"]) for label in LABELS] for r in baseline.predict(data.texts)],
                         dtype=np.int8)
    return {"model_id": classifier.model_id, "test_articles": len(data.ids),
            "model": metrics(data.y, predicted), "baseline": metrics(data.y, base_pred),
            "confusion": confusion_summary(data.y, predicted),
            "intervals": f1_intervals(data.y, predicted)}


def format_evaluation(result: dict) -> str:
    lines = [f"model {result['model_id']} on the frozen test split ({result['test_articles']} articles)", "",
             f"{'label':<10} {'model P':>8} {'R':>6} {'F1':>6} {'F1 95% interval':>16}   "
             f"{'baseline P':>10} {'R':>6} {'F1':>6}   {'tp':>4} {'fp':>4} {'fn':>4}"]
    spans = {name: f"{lo:.3f}-{hi:.3f}" for name, (lo, hi) in result["intervals"].items()}
    for label in LABELS:
        m, b, c = result["model"][label], result["baseline"][label], result["confusion"][label]
        lines.append(f"{label:<10} {m['precision']:>8.3f} {m['recall']:>6.3f} {m['f1']:>6.3f} {spans[label]:>16}   "
                     f"{b['precision']:>10.3f} {b['recall']:>6.3f} {b['f1']:>6.3f}   "
                     f"{c['tp']:>4} {c['fp']:>4} {c['fn']:>4}")
    lines.append(f"{'macro-F1':<10} {result['model']['macro']['f1']:>22.3f} {spans['macro']:>16}   "
                 f"{result['baseline']['macro']['f1']:>24.3f}")
    lines += ["", "F1 95% interval: percentile bootstrap over the test articles (2,000 redraws)."]
    return "\n".join(lines)


COMPARISON_START = "<!-- comparison:start -->"
COMPARISON_END = "<!-- comparison:end -->"


def compare_models(gold_csv: Path, corpus_dir: Path, readme: Path, cache_dir: Path | None = None,
                   workers: int = 1) -> list[dict]:
    """Every feature set x linear model, trained on the train split (+ authored items) and
    measured on the frozen test split; the table goes into models/README.md."""
    from models.train import compare

    data = load_labelled(gold_csv, corpus_dir)
    tokens = _tokens(data, cache_dir, workers)
    train_idx = [i for i, s in enumerate(data.splits) if s == "train"]
    test_idx = [i for i, s in enumerate(data.splits) if s == "test"]
    x_train, y_train = [tokens[i] for i in train_idx], data.y[train_idx]
    authored_texts, authored_y = load_authored(gold_csv.parent / "authored.yaml")
    authored_tokens = segment_all(authored_texts, cache_dir / "authored-tokens.jsonl" if cache_dir else None,
                                  workers) if authored_texts else []
    rows = compare(x_train, y_train, [tokens[i] for i in test_idx], data.y[test_idx],
                   always_train=(authored_tokens, authored_y), workers=workers)
    _write_comparison(readme, rows, len(x_train), len(authored_tokens), len(test_idx))
    return rows


def _write_comparison(readme: Path, rows: list[dict], n_train: int, n_authored: int, n_test: int) -> None:
    lines = [COMPARISON_START, "",
             f"Trained on the {n_train} train-split articles plus {n_authored} authored items, measured on the "
             f"frozen test split ({n_test} articles); thresholds per label from 5-fold cross-validation on the "
             "train-split articles (CV macro-F1 is the selection criterion); documents/second = scoring "
             "already-segmented text with sklearn's transform on one core, while the other core trained another "
             "configuration. Written by `python pipeline.py compare` on "
             + dt.date.today().isoformat() + ".", "",
             "| features | model | noi_chinh P / R / F1 | pctn P / R / F1 | cctp P / R / F1 | test macro-F1 | "
             "CV macro-F1 | docs/s |",
             "|---|---|---|---|---|---|---|---|"]
    for r in rows:
        t = r["test"]
        cells = [" / ".join(f"{t[l][k]:.2f}" for k in ("precision", "recall", "f1")) for l in LABELS]
        lines.append(f"| {r['features']} | {r['classifier']} | {' | '.join(cells)} | {t['macro']['f1']:.3f} | "
                     f"{r['cv']['macro']['f1']:.3f} | {r['docs_per_second']} |")
    lines += ["", COMPARISON_END]
    text = readme.read_text(encoding="utf-8") if readme.exists() else ""
    if COMPARISON_START in text and COMPARISON_END in text:
        before, rest = text.split(COMPARISON_START, 1)
        after = rest.split(COMPARISON_END, 1)[1]
        text = before + "\n".join(lines) + after
    else:
        text += "\n" + "\n".join(lines) + "\n"
    readme.write_text(text, encoding="utf-8")
