"""NB-LR: logistic regression on features scaled by naive-Bayes log-count ratios
(Wang & Manning 2012, "NBSVM"), a strong linear baseline for small text data sets."""
from __future__ import annotations

import numpy as np
import scipy.sparse as sp
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.linear_model import LogisticRegression
from sklearn.utils.validation import check_is_fitted, validate_data


class NBLogisticRegression(ClassifierMixin, BaseEstimator):
    """Binary classifier: x -> LR(x * r), r = log((p/|p|1) / (q/|q|1)) with smoothing alpha."""

    def __init__(self, C: float = 4.0, alpha: float = 1.0, class_weight: str | None = "balanced",
                 max_iter: int = 2000) -> None:
        self.C = C
        self.alpha = alpha
        self.class_weight = class_weight
        self.max_iter = max_iter

    def fit(self, X, y):
        X, y = validate_data(self, X, y, accept_sparse="csr")
        y = np.asarray(y)
        self.classes_ = np.unique(y)
        positive = X[y == self.classes_[-1]].sum(axis=0) + self.alpha
        negative = X[y != self.classes_[-1]].sum(axis=0) + self.alpha
        self.ratio_ = np.asarray(np.log((positive / positive.sum()) / (negative / negative.sum()))).ravel()
        self.lr_ = LogisticRegression(C=self.C, class_weight=self.class_weight, solver="liblinear",
                                      max_iter=self.max_iter)
        self.lr_.fit(self._scale(X), y)
        return self

    def _scale(self, X):
        return sp.csr_matrix(X).multiply(self.ratio_).tocsr()

    @property
    def coef_(self) -> np.ndarray:
        """Weights on the unscaled features (used to explain a prediction)."""
        check_is_fitted(self, "lr_")
        return self.lr_.coef_ * self.ratio_

    def decision_function(self, X):
        check_is_fitted(self, "lr_")
        X = validate_data(self, X, accept_sparse="csr", reset=False)
        return self.lr_.decision_function(self._scale(X))

    def predict_proba(self, X):
        check_is_fitted(self, "lr_")
        X = validate_data(self, X, accept_sparse="csr", reset=False)
        return self.lr_.predict_proba(self._scale(X))

    def predict(self, X):
        return self.classes_[(self.predict_proba(X)[:, 1] >= 0.5).astype(int)]
