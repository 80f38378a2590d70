"""Scoring segmented texts with a loaded artefact, with the phrases behind each label."""
from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import numpy as np

from models import LABELS
from models.artefact import Artefact, ModelError, load_artefact
from models.fast_features import IdUnion, fast_transform_for, supports_token_ids
from models.features import feature_names
from models.train import apply_calibration

EVIDENCE_PHRASES = 5


@dataclass(frozen=True)
class LabelScore:
    score: float
    on: bool
    evidence: list[str]


def _linear_weights(estimator) -> np.ndarray:
    """The weight vector of a fitted linear estimator (calibrated ones averaged)."""
    if hasattr(estimator, "coef_"):
        return np.asarray(estimator.coef_).ravel()
    if hasattr(estimator, "calibrated_classifiers_"):
        return np.mean([_linear_weights(c.estimator) for c in estimator.calibrated_classifiers_], axis=0)
    raise ModelError(f"cannot explain estimator {type(estimator).__name__}")


def _distinct_phrases(phrases: list[str]) -> list[str]:
    """The strongest phrases, dropping one that is part of a stronger-or-weaker longer one
    ("thanh" beside "thanh niên"), at most EVIDENCE_PHRASES."""
    padded = [f" {p} " for p in phrases]
    kept = [p for p, pad in zip(phrases, padded)
            if not any(pad in other and pad != other for other in padded)]
    return kept[:EVIDENCE_PHRASES]


class TopicClassifier:
    """A fitted pipeline (features -> one-vs-rest linear model) with per-label thresholds."""

    def __init__(self, artefact: Artefact) -> None:
        self.artefact = artefact
        pipeline = artefact.model
        self.features = pipeline.named_steps["features"]
        self.classifier = pipeline.named_steps["classifier"]
        self.thresholds = np.array([artefact.meta["thresholds"][label] for label in LABELS])
        calibration = artefact.meta.get("calibration") or {}
        self.calibration = {label: calibration[label] for label in LABELS if label in calibration} or None
        self._names = np.array(feature_names(self.features), dtype=object)
        try:
            self._transform = fast_transform_for(self.features).transform
        except ValueError:  # a feature set the fast path does not cover: sklearn's transform
            self._transform = self.features.transform
        # per label and column, the weight a phrase of the text contributes (0: no phrase, a cue count)
        self._evidence_weights = np.vstack([_linear_weights(e) for e in self.classifier.estimators_]) \
            * (self._names != "")

    @classmethod
    def load(cls, path: str | Path) -> "TopicClassifier":
        return cls(load_artefact(path))

    @property
    def model_id(self) -> str:
        return self.artefact.model_id

    def scores(self, tokens: list[str]) -> np.ndarray:
        """Calibrated probability per text and label, shape (n, 3)."""
        return apply_calibration(self.classifier.predict_proba(self._transform(tokens)), self.calibration)

    def predict(self, tokens: list[str], with_evidence: bool = True) -> list[dict[str, LabelScore]]:
        """Score, decision and evidence phrases per text and label."""
        if not tokens:
            return []
        return self._predict_matrix(self._transform(tokens).tocsr(), with_evidence)

    @cached_property
    def _ids(self) -> IdUnion | None:
        """The vocabularies for building the same matrix from stored token ids, made when first
        asked (a run scoring texts never needs them); None for features that path cannot reproduce."""
        try:
            return IdUnion(self.features)
        except ValueError:
            return None

    @cached_property
    def reads_token_ids(self) -> bool:
        """Whether token_scorer() can score this model's feature set (else use predict),
        known without building the vocabularies (``_ids``) that scoring needs."""
        return supports_token_ids(self.features)

    def token_scorer(self) -> "TokenScorer":
        """predict() for articles stored as token ids of one token dictionary (see TokenScorer)."""
        if self._ids is None:
            raise ModelError(f"model {self.model_id} cannot score stored token ids")
        return TokenScorer(self, self._ids.reader())

    def _predict_matrix(self, matrix, with_evidence: bool) -> list[dict[str, LabelScore]]:
        """Scores, decisions and evidence of the rows of a feature matrix."""
        probabilities = apply_calibration(self.classifier.predict_proba(matrix), self.calibration)
        decisions = probabilities >= self.thresholds
        indptr = matrix.indptr.tolist()
        results = []
        for row, (scores, ons) in enumerate(zip(probabilities.tolist(), decisions.tolist())):
            per_label = {}
            for k, label in enumerate(LABELS):
                evidence: list[str] = []
                if with_evidence and ons[k] and indptr[row] < indptr[row + 1]:
                    columns = matrix.indices[indptr[row]:indptr[row + 1]]
                    # columns that are no phrase of the text (cue counts) weigh nothing here
                    contributions = matrix.data[indptr[row]:indptr[row + 1]] * self._evidence_weights[k, columns]
                    top = np.argsort(-contributions)[:3 * EVIDENCE_PHRASES]
                    evidence = _distinct_phrases([self._names[columns[i]] for i in top if contributions[i] > 0])
                per_label[label] = LabelScore(scores[k], ons[k], evidence)
            results.append(per_label)
        return results


class TokenScorer:
    """A classifier's predict() for articles given as arrays of token ids.

    Storage keeps each article's words as ids into a dictionary of token texts that belongs
    to no model (ids from 1 up). A scorer is told the text of the ids once (learn) and then
    builds the same feature matrix as predict() from the ids with array look-ups: the same
    predictions, without splitting or hashing a string per article. The ids name the texts
    of one dictionary, so a scorer serves one database."""

    def __init__(self, classifier: TopicClassifier, reader) -> None:
        self.classifier = classifier
        self.reader = reader

    @property
    def model_id(self) -> str:
        return self.classifier.model_id

    @property
    def learned_through(self) -> int:
        """The largest token id whose text was learned (0: none)."""
        return self.reader.learned_through

    def learn(self, ids, texts: list[str]) -> None:
        """The text of token ids (one stored word each, syllables joined by "_")."""
        self.reader.learn(ids, texts)

    def prepare_all(self) -> None:
        """Do now, for every id told, the work predict() would do the first time an article
        holds it (before forking processes that score: they share it then)."""
        self.reader.map_all()

    def unknown(self, docs: list[np.ndarray]) -> np.ndarray:
        """The ids in the part of *docs* the model reads whose text it was not told."""
        return self.reader.unknown(docs)

    def predict(self, docs: list[np.ndarray], with_evidence: bool = True) -> list[dict[str, LabelScore]]:
        """Score, decision and evidence phrases per article and label (KeyError for an
        article holding an id whose text was not learned)."""
        if not docs:
            return []
        return self.classifier._predict_matrix(self.reader.transform(docs), with_evidence)
