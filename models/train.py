"""Training, threshold choice, evaluation and the model comparison."""
from __future__ import annotations

import datetime as dt
import logging
import time
from dataclasses import dataclass

import numpy as np
from sklearn.base import clone
from sklearn.calibration import CalibratedClassifierCV
from sklearn.linear_model import LogisticRegression, SGDClassifier
from sklearn.metrics import precision_recall_fscore_support
from sklearn.model_selection import KFold
from sklearn.multiclass import OneVsRestClassifier
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import LabelBinarizer
from sklearn.svm import LinearSVC

from models import CLASSIFIERS, FEATURE_SETS, LABELS
from models.features import HEAD_WORDS, make_features

log = logging.getLogger(__name__)
THRESHOLD_GRID = np.round(np.arange(0.05, 0.951, 0.01), 2)
DEFAULT_FEATURES = "both_lead"
DEFAULT_CLASSIFIER = "logreg"
UNDECIDED = -1  # in a label row of always_train: nobody decided this label for the item


class PartlyLabelledOneVsRest(OneVsRestClassifier):
    """One-vs-rest whose label matrix may hold UNDECIDED: each label's classifier learns only
    from the rows where that label was decided (an editor's review may decide one topic of an
    article and say nothing of the others). With every label decided it is OneVsRestClassifier."""

    def fit(self, X, y, **fit_params):
        y = np.asarray(y)
        known = y != UNDECIDED
        if known.all():
            return super().fit(X, y, **fit_params)
        self.label_binarizer_ = LabelBinarizer(sparse_output=True).fit(np.where(known, y, 0))
        self.classes_ = self.label_binarizer_.classes_
        self.estimators_ = [clone(self.estimator).fit(X[known[:, k]], y[known[:, k], k])
                            for k in range(y.shape[1])]
        if hasattr(self.estimators_[0], "n_features_in_"):
            self.n_features_in_ = self.estimators_[0].n_features_in_
        return self


def make_classifier(name: str):
    if name == "logreg":
        base = LogisticRegression(C=20.0, class_weight="balanced", max_iter=2000, solver="liblinear")
    elif name == "linearsvc":
        base = CalibratedClassifierCV(LinearSVC(C=0.5, class_weight="balanced"), cv=3, method="sigmoid")
    elif name == "sgd":
        base = SGDClassifier(loss="modified_huber", alpha=5e-5, class_weight="balanced", max_iter=50,
                             random_state=0)
    else:
        raise ValueError(f"unknown classifier {name!r}; choose from {CLASSIFIERS}")
    return PartlyLabelledOneVsRest(base)


def make_pipeline(feature_set: str = DEFAULT_FEATURES, classifier: str = DEFAULT_CLASSIFIER) -> Pipeline:
    return Pipeline([("features", make_features(feature_set)), ("classifier", make_classifier(classifier))])


def choose_thresholds(probabilities: np.ndarray, y: np.ndarray) -> dict[str, float]:
    """Per label, the threshold that maximises F1 on held-out (out-of-fold) scores."""
    thresholds = {}
    for k, label in enumerate(LABELS):
        best, best_f1 = 0.5, -1.0
        for t in THRESHOLD_GRID:
            f1 = _f1(y[:, k], probabilities[:, k] >= t)
            if f1 > best_f1 + 1e-9:
                best, best_f1 = float(t), f1
        thresholds[label] = best
    return thresholds


def _f1(truth: np.ndarray, predicted: np.ndarray) -> float:
    tp = int(np.sum(truth & predicted))
    denominator = int(np.sum(truth)) + int(np.sum(predicted))
    return 2 * tp / denominator if denominator else 1.0


def metrics(y: np.ndarray, predicted: np.ndarray) -> dict[str, dict[str, float]]:
    """Per-label precision, recall, F1 and support, plus macro-F1."""
    p, r, f, s = precision_recall_fscore_support(y, predicted, average=None, zero_division=0)
    result = {label: {"precision": round(float(p[k]), 4), "recall": round(float(r[k]), 4),
                      "f1": round(float(f[k]), 4), "support": int(s[k])} for k, label in enumerate(LABELS)}
    result["macro"] = {"f1": round(float(np.mean(f)), 4)}
    return result


def f1_intervals(y: np.ndarray, predicted: np.ndarray, rounds: int = 2000, level: float = 0.95,
                 seed: int = 0) -> dict[str, list[float]]:
    """Percentile bootstrap interval of each label's F1 and of the macro-F1: the articles are
    drawn again with replacement *rounds* times. How far a figure on a few hundred articles
    can move by the luck of the draw (with 122 positives one article moves F1 by ~0.004)."""
    rng = np.random.default_rng(seed)
    draws = rng.integers(0, len(y), size=(rounds, len(y)))
    truth, guess = y.astype(bool)[draws], predicted.astype(bool)[draws]  # (rounds, n, labels)
    tp = np.sum(truth & guess, axis=1)
    wrong = np.sum(truth ^ guess, axis=1)
    # (rounds, labels); 0 where a redraw holds no positive and none is predicted, as metrics() counts it
    f1 = 2 * tp / np.maximum(2 * tp + wrong, 1)
    tail = (1 - level) / 2 * 100
    bounds = {label: np.percentile(f1[:, k], [tail, 100 - tail]) for k, label in enumerate(LABELS)}
    bounds["macro"] = np.percentile(f1.mean(axis=1), [tail, 100 - tail])
    return {name: [round(float(lo), 4), round(float(hi), 4)] for name, (lo, hi) in bounds.items()}


def confusion_summary(y: np.ndarray, predicted: np.ndarray) -> dict[str, dict[str, int]]:
    """True/false positives and negatives per label."""
    out = {}
    for k, label in enumerate(LABELS):
        t, p = y[:, k].astype(bool), predicted[:, k].astype(bool)
        out[label] = {"tp": int(np.sum(t & p)), "fp": int(np.sum(~t & p)),
                      "fn": int(np.sum(t & ~p)), "tn": int(np.sum(~t & ~p))}
    return out


@dataclass
class TrainResult:
    pipeline: Pipeline
    thresholds: dict[str, float]
    cv_metrics: dict
    params: dict
    calibration: dict[str, list[float]]


def _logit(p: np.ndarray) -> np.ndarray:
    p = np.clip(p, 1e-6, 1 - 1e-6)
    return np.log(p / (1 - p))


def fit_calibration(probabilities: np.ndarray, y: np.ndarray) -> dict[str, list[float]]:
    """Platt scaling per label on held-out scores: p' = sigmoid(a * logit(p) + b).

    Class weighting makes the raw probabilities of rare labels too high; this maps them
    back to observed frequencies (monotonic, so decisions and F1 do not change)."""
    calibration = {}
    for k, label in enumerate(LABELS):
        platt = LogisticRegression(C=1e4, solver="lbfgs")
        platt.fit(_logit(probabilities[:, k]).reshape(-1, 1), y[:, k])
        calibration[label] = [float(platt.coef_[0, 0]), float(platt.intercept_[0])]
    return calibration


def apply_calibration(probabilities: np.ndarray, calibration: dict[str, list[float]] | None) -> np.ndarray:
    if not calibration:
        return probabilities
    a = np.array([calibration[label][0] for label in LABELS])
    b = np.array([calibration[label][1] for label in LABELS])
    return 1 / (1 + np.exp(-(a * _logit(probabilities) + b)))


def brier(probabilities: np.ndarray, y: np.ndarray) -> dict[str, float]:
    return {label: round(float(np.mean((probabilities[:, k] - y[:, k]) ** 2)), 4) for k, label in enumerate(LABELS)}


def train(tokens: list[str], y: np.ndarray, feature_set: str = DEFAULT_FEATURES,
          classifier: str = DEFAULT_CLASSIFIER, folds: int = 5, seed: int = 0,
          always_train: tuple[list[str], np.ndarray] | None = None) -> TrainResult:
    """Cross-validate for thresholds and metrics, then fit on all given data.

    ``always_train`` (the authored items, editor reviews) joins every training fold but is
    never scored, so thresholds and cross-validated metrics come from real articles only; a
    label UNDECIDED in its rows leaves that item out of that label's training only.
    """
    extra_tokens, extra_y = always_train if always_train else ([], np.zeros((0, y.shape[1]), dtype=y.dtype))
    pipeline = make_pipeline(feature_set, classifier)
    oof = np.zeros(y.shape, dtype=float)
    for fit_idx, score_idx in KFold(n_splits=folds, shuffle=True, random_state=seed).split(tokens):
        fold = clone(pipeline)
        fold.fit([tokens[i] for i in fit_idx] + list(extra_tokens), np.vstack([y[fit_idx], extra_y]))
        oof[score_idx] = fold.predict_proba([tokens[i] for i in score_idx])
    calibration = fit_calibration(oof, y)
    calibrated = apply_calibration(oof, calibration)
    thresholds = choose_thresholds(calibrated, y)
    cv_metrics = metrics(y, calibrated >= np.array([thresholds[l] for l in LABELS]))
    cv_metrics["brier"] = {"raw": brier(oof, y), "calibrated": brier(calibrated, y)}
    pipeline.fit(list(tokens) + list(extra_tokens), np.vstack([y, extra_y]))
    params = {"features": feature_set, "head_words": HEAD_WORDS, "classifier": classifier, "folds": folds, "seed": seed,
              "always_train_items": len(extra_tokens)}
    return TrainResult(pipeline, thresholds, cv_metrics, params, calibration)


def model_id(feature_set: str, classifier: str, data_hash: str) -> str:
    return f"topics-{feature_set}-{classifier}-{data_hash[:8]}-{dt.datetime.now(dt.timezone.utc):%Y%m%d%H%M}"


def _compare_one(train_tokens: list[str], y_train: np.ndarray, test_tokens: list[str], y_test: np.ndarray,
                 feature_set: str, classifier: str,
                 always_train: tuple[list[str], np.ndarray] | None) -> dict:
    result = train(train_tokens, y_train, feature_set, classifier, always_train=always_train)
    start = time.perf_counter()
    probabilities = apply_calibration(result.pipeline.predict_proba(test_tokens), result.calibration)
    seconds = time.perf_counter() - start
    predicted = probabilities >= np.array([result.thresholds[l] for l in LABELS])
    row = {"features": feature_set, "classifier": classifier, "cv": result.cv_metrics,
           "test": metrics(y_test, predicted), "thresholds": result.thresholds,
           "docs_per_second": round(len(test_tokens) / seconds)}
    log.info("%s/%s macro-F1 %.3f", feature_set, classifier, row["test"]["macro"]["f1"])
    return row


def compare(train_tokens: list[str], y_train: np.ndarray, test_tokens: list[str], y_test: np.ndarray,
            feature_sets=FEATURE_SETS, classifiers=CLASSIFIERS,
            always_train: tuple[list[str], np.ndarray] | None = None, workers: int = 1) -> list[dict]:
    """Every feature set x classifier on the same split: test metrics and documents/second
    (one configuration per worker process)."""
    from joblib import Parallel, delayed

    configurations = [(f, c) for f in feature_sets for c in classifiers]
    return Parallel(n_jobs=workers)(
        delayed(_compare_one)(train_tokens, y_train, test_tokens, y_test, f, c, always_train)
        for f, c in configurations)
