"""Editors' reviews as training data: only the labels an editor decided are learned."""
from __future__ import annotations

import json

import numpy as np
from sklearn.linear_model import LogisticRegression

from models import LABELS
from tests.conftest import OUTLET_ROWS, make_article


def _predict(db, article_id: int, predicted: dict[str, int]) -> None:
    db.store_predictions([{"article_id": article_id, "label": label, "model_id": "m1", "score": float(on),
                           "predicted": on, "evidence": json.dumps([]), "content_hash": "h",
                           "created_at": "2024-01-01T00:00:00+00:00"} for label, on in predicted.items()])


def test_reviewed_examples_hold_only_the_decided_labels(db):
    from jobs.train import _extra
    from models.train import UNDECIDED

    db.sync_outlets(OUTLET_ROWS)
    for n in (1, 2, 3):
        db.upsert_article(make_article(n=n))
    first, second, third = (row["id"] for row in db.query("SELECT id FROM articles ORDER BY id"))
    for article_id in (first, second, third):
        _predict(db, article_id, {"noi_chinh": 1, "pctn": 1, "cctp": 1})
    db.add_review(first, "cctp", "0", "bientap")       # the editor decided only about cctp
    db.add_review(second, "pctn", "1", "bientap")
    db.add_review(second, "pctn", "0", "bientap")      # the latest decision wins
    db.add_review(second, "noi_chinh", "1", "bientap")
    db.add_review(third, "content_type", "bai", "bientap")  # no topic decided: no example
    examples = db.reviewed_examples()
    assert [ex["id"] for ex in examples] == [first, second]
    _, rows = _extra(examples)
    assert rows.tolist() == [[UNDECIDED, UNDECIDED, 0], [1, 0, UNDECIDED]]


def test_each_label_learns_only_from_the_rows_where_it_was_decided():
    from models.train import UNDECIDED, PartlyLabelledOneVsRest

    rng = np.random.default_rng(0)
    x = rng.random((60, 8))
    y = (x[:, :3] > 0.5).astype(np.int8)
    partial = y.copy()
    partial[40:, 0] = UNDECIDED  # nobody decided label 0 for the last 20 rows
    base = LogisticRegression(solver="liblinear")
    fitted = PartlyLabelledOneVsRest(base).fit(x, partial)
    alone = LogisticRegression(solver="liblinear").fit(x[:40], y[:40, 0])
    assert np.allclose(fitted.estimators_[0].coef_, alone.coef_)
    both = LogisticRegression(solver="liblinear").fit(x, y[:, 1])
    assert np.allclose(fitted.estimators_[1].coef_, both.coef_)
    assert fitted.predict_proba(x).shape == (60, len(LABELS))
    from sklearn.multiclass import OneVsRestClassifier

    full = PartlyLabelledOneVsRest(base).fit(x, y)  # every label decided: plain one-vs-rest
    stock = OneVsRestClassifier(base).fit(x, y)
    assert np.allclose(full.predict_proba(x), stock.predict_proba(x))


def test_training_with_partly_decided_reviews():
    from models.train import UNDECIDED, train

    texts = ["công_an khởi_tố vụ_án tham_nhũng", "hội_nghị nông_nghiệp mùa_vụ", "tòa_án xét_xử bị_cáo",
             "lễ_hội văn_hóa du_lịch", "cải_cách tư_pháp tòa_án", "thanh_tra phát_hiện sai_phạm tham_nhũng"] * 5
    y = np.array([[1, 1, 0], [0, 0, 0], [1, 0, 1], [0, 0, 0], [1, 0, 1], [1, 1, 0]] * 5, dtype=np.int8)
    extra = (["công_an điều_tra tiêu_cực", "giải bóng_đá"], np.array([[UNDECIDED, 1, UNDECIDED], [0, 0, 0]], np.int8))
    result = train(texts, y, "words", "logreg", folds=3, always_train=extra)
    assert result.params["always_train_items"] == 2
    assert set(result.thresholds) == set(LABELS)
