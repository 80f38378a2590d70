"""Cue-phrase group counts (models/cues.py) and their place in the feature sets and fast paths."""
from __future__ import annotations

import numpy as np
import pytest

from models.cues import CUE_GROUPS, CUE_WINDOWS, PhraseCues
from models.features import feature_names, make_features

FILLER = " ".join(["người_dân"] * 100)


def _column(cues: PhraseCues, group: str, window: str) -> int:
    return cues.names_.index(f"cue {group} ({window})")


@pytest.fixture(scope="module")
def cues() -> PhraseCues:
    # unscaled: every group varies in these training texts, the scale is checked apart
    texts = ["tham_nhũng " + FILLER, FILLER, "Trung_Quốc lừa_đảo kỷ_luật cán_bộ vòi tiền"]
    return PhraseCues().fit(texts)


def test_a_phrase_counts_in_every_window_that_reaches_it(cues):
    raw = PhraseCues().fit([FILLER])  # nothing varies: every scale is 1, the values are log(1 + hits)
    top = raw.transform(["Cán_bộ tham_nhũng " + FILLER])
    deep = raw.transform([" ".join(["người_dân"] * 70) + " tham_nhũng"])
    beyond = raw.transform([" ".join(["người_dân"] * 600) + " tham_nhũng"])
    for window in CUE_WINDOWS:
        assert top[0, _column(raw, "corruption", window)] == pytest.approx(np.log(2))
    assert deep[0, _column(raw, "corruption", "title")] == 0 and deep[0, _column(raw, "corruption", "lead")] == 0
    assert deep[0, _column(raw, "corruption", "head")] == pytest.approx(np.log(2))
    assert beyond.nnz == 0  # the model reads the first 500 words, and so do the cues


def test_hits_of_one_group_add_up_and_are_logged():
    raw = PhraseCues().fit([FILLER])
    got = raw.transform(["hối_lộ , tham_ô và tham_nhũng tham_nhũng"])
    assert got[0, _column(raw, "corruption", "title")] == pytest.approx(np.log(5))


def test_phrases_match_whole_syllables_whatever_the_segmentation():
    raw = PhraseCues().fit([FILLER])
    one = raw.transform(["con_ông_cháu_cha được bổ_nhiệm"])
    other = raw.transform(["con ông cháu_cha được bổ nhiệm"])
    assert (one != other).nnz == 0 and one[0, _column(raw, "favouritism", "title")] == pytest.approx(np.log(3))
    # "tư pháp" holds the syllable "pháp" but is no foreign country; "Hoa Kỳ" is
    assert raw.transform(["cải_cách tư_pháp , pháp_luật , anh ấy"]).nnz == 0
    assert raw.transform(["Hoa_Kỳ"])[0, _column(raw, "foreign", "title")] == pytest.approx(np.log(2))


def test_columns_are_scaled_by_their_spread_on_the_training_texts(cues):
    raw = PhraseCues().fit([FILLER]).transform(["tham_nhũng " + FILLER])
    scaled = cues.transform(["tham_nhũng " + FILLER])
    column = _column(cues, "corruption", "head")
    assert cues.scale_[column] != 1.0
    assert scaled[0, column] == pytest.approx(raw[0, column] * cues.scale_[column])
    # a group with no hit in training keeps scale 1 rather than dividing by zero
    assert cues.scale_[_column(cues, "waste", "head")] == 1.0
    assert np.isfinite(cues.scale_).all()


def test_every_group_and_window_has_a_named_column(cues):
    assert len(cues.get_feature_names_out()) == len(CUE_GROUPS) * len(CUE_WINDOWS)
    assert cues.transform(["", "một"]).shape == (2, len(CUE_GROUPS) * len(CUE_WINDOWS))


def test_cue_columns_are_no_evidence_phrases(standin_texts):
    union = make_features("both_lead_cues").fit(standin_texts)
    names = feature_names(union)
    assert len(names) == union.transform(standin_texts[:1]).shape[1]
    assert names[-len(CUE_GROUPS) * len(CUE_WINDOWS):] == [""] * (len(CUE_GROUPS) * len(CUE_WINDOWS))
    assert all(names[:-len(CUE_GROUPS) * len(CUE_WINDOWS)])


@pytest.fixture(scope="module")
def standin_texts(standin_articles):
    from nlp.normalize import article_text
    from nlp.segment import segment

    texts = [segment(article_text(a.title, a.lead, "\n".join(a.body))) for a in standin_articles]
    return texts + ["Cán_bộ tham_nhũng , vòi tiền , Trung_Quốc", "", "một"]


def test_fast_paths_give_sklearns_matrix_with_cues(standin_texts):
    from models.fast_features import IdUnion, fast_transform_for

    union = make_features("both_lead_cues").fit(standin_texts)
    expected = union.transform(standin_texts).tocsr()
    fast = fast_transform_for(union).transform(standin_texts)
    reader = IdUnion(union).reader()
    dictionary: dict[str, int] = {}
    docs = [np.array([dictionary.setdefault(t, len(dictionary) + 1) for t in text.split()], dtype="<i4")
            for text in standin_texts]
    reader.learn(list(dictionary.values()), list(dictionary))
    from_ids = reader.transform(docs)
    assert expected[:, -len(CUE_GROUPS) * len(CUE_WINDOWS):].nnz  # the cue block is exercised
    for got in (fast, from_ids):
        assert got.shape == expected.shape
        assert np.array_equal(got.indptr, expected.indptr) and np.array_equal(got.indices, expected.indices)
        assert np.array_equal(got.data, expected.data)


def test_no_phrase_holds_another_so_a_mention_counts_once():
    phrases = [p for group in CUE_GROUPS.values() for p in group]
    assert len(phrases) == len(set(phrases))
    for phrase in phrases:
        for other in phrases:
            assert other == phrase or f" {phrase} " not in f" {other} ", (phrase, other)
    raw = PhraseCues().fit([FILLER])
    got = raw.transform(["lừa_đảo chiếm_đoạt tài_sản"])
    assert got[0, _column(raw, "private_fraud", "title")] == pytest.approx(np.log(3))
    assert got.nnz == len(CUE_WINDOWS)  # the fraud group only, in each window


def test_the_head_window_follows_the_words_the_model_reads():
    from models.features import HEAD_WORDS

    assert make_features("both_lead_cues").transformer_list[-1][1].windows["head"] == HEAD_WORDS
    assert make_features("both_lead_cues", head_words=100).transformer_list[-1][1].windows["head"] == 100


def test_fit_transform_is_fit_then_transform(standin_texts):
    cues = PhraseCues()
    fitted = cues.fit_transform(standin_texts)
    assert (fitted != PhraseCues().fit(standin_texts).transform(standin_texts)).nnz == 0
    assert (fitted != cues.transform(standin_texts)).nnz == 0
