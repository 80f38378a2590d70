"""Model artefacts, the keyword baseline, evidence, and the pinned quality floors."""
from __future__ import annotations

import json
import re
import shutil

import pytest

from models import LABELS
from models.artefact import ModelError, load_artefact
from models.baseline import KeywordBaseline
from models.predict import TopicClassifier
from nlp.segment import segment
from tests.conftest import DATA, ROOT

MODEL = DATA / "model" / "topics.joblib"
CORPUS = ROOT.parent / "shared" / "corpus"


@pytest.fixture(scope="module")
def classifier():
    return TopicClassifier.load(MODEL)


@pytest.fixture
def model_copy(tmp_path):
    target = tmp_path / "m.joblib"
    shutil.copy(MODEL, target)
    shutil.copy(MODEL.with_suffix(".json"), target.with_suffix(".json"))
    return target


def test_shipped_artefact_carries_its_metadata():
    meta = json.loads(MODEL.with_suffix(".json").read_text(encoding="utf-8"))
    for key in ("model_id", "labels", "thresholds", "training_data", "metrics", "libraries", "created_at",
                "sha256", "params"):
        assert key in meta
    assert meta["labels"] == list(LABELS)
    assert set(meta["libraries"]) >= {"python", "sklearn", "underthesea"}
    assert meta["training_data"]["hash"] and meta["training_data"]["train_articles"] > 1000


def test_corrupted_payload_is_refused(model_copy):
    data = bytearray(model_copy.read_bytes())
    data[len(data) // 2] ^= 0xFF
    model_copy.write_bytes(bytes(data))
    with pytest.raises(ModelError, match="corrupted"):
        load_artefact(model_copy)


def test_truncated_payload_is_refused(model_copy):
    model_copy.write_bytes(model_copy.read_bytes()[:1000])
    with pytest.raises(ModelError, match="corrupted"):
        load_artefact(model_copy)


@pytest.mark.parametrize("change,match", [
    (lambda m: m.update(labels=["a", "b"]), "predicts"),
    (lambda m: m["libraries"].update(sklearn="0.24.2"), "scikit-learn 0.24.2"),
    (lambda m: m.update(format_version=99), "format"),
])
def test_mismatched_metadata_is_refused(model_copy, change, match):
    meta_path = model_copy.with_suffix(".json")
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    change(meta)
    meta_path.write_text(json.dumps(meta), encoding="utf-8")
    with pytest.raises(ModelError, match=match):
        load_artefact(model_copy)


def test_missing_files_are_refused(tmp_path, model_copy):
    with pytest.raises(ModelError, match="does not exist"):
        load_artefact(tmp_path / "nothing.joblib")
    model_copy.with_suffix(".json").unlink()
    with pytest.raises(ModelError, match="metadata"):
        load_artefact(model_copy)
    model_copy.with_suffix(".json").write_text("{broken", encoding="utf-8")
    with pytest.raises(ModelError, match="corrupted"):
        load_artefact(model_copy)


def test_evidence_names_phrases_of_the_text(classifier):
    text = ("Khởi tố nguyên chủ tịch UBND huyện về tội nhận hối lộ. Cơ quan cảnh sát điều tra Công an tỉnh "
            "đã khởi tố bị can, bắt tạm giam nguyên chủ tịch huyện vì lợi dụng chức vụ, quyền hạn, nhận hối lộ "
            "của doanh nghiệp để giao đất trái quy định.")
    result = classifier.predict([segment(text)])[0]
    assert result["pctn"].on and result["noi_chinh"].on
    folded = " ".join(re.sub(r"[^\w\s]", " ", text.lower()).split())  # the segmenter drops punctuation
    for label in ("pctn", "noi_chinh"):
        assert result[label].evidence, label
        assert all(phrase in folded for phrase in result[label].evidence), result[label].evidence
    assert not result["cctp"].on and result["cctp"].evidence == []


# The codebook's hard cases: the model must get the plain examples right.
HARD_CASES = [
    ("Tỉnh đẩy mạnh cải cách hành chính, nâng cao chất lượng phục vụ tại bộ phận một cửa. Người dân nộp hồ sơ "
     "trực tuyến, thời gian giải quyết thủ tục hành chính rút ngắn một nửa.", set()),
    ("Tòa án Hình sự Quốc tế ở La Haye mở phiên điều trần về cáo buộc tội ác chiến tranh tại một quốc gia châu "
     "Phi; các thẩm phán quốc tế sẽ xem xét lệnh bắt giữ.", set()),
    ("Khai thác khoáng sản gây tác động tiêu cực đến môi trường và đời sống người dân; tỉnh yêu cầu doanh "
     "nghiệp trồng lại rừng, xử lý nước thải.", set()),
    ("Vụ lúa mùa năm nay được mùa, góp phần bảo đảm an ninh lương thực; giá lúa tăng, nông dân phấn khởi.", set()),
    ("Tòa án nhân dân tỉnh tổ chức phiên tòa rút kinh nghiệm xét xử trực tuyến, bảo đảm tranh tụng giữa kiểm "
     "sát viên và luật sư theo tinh thần cải cách tư pháp.", {"cctp", "noi_chinh"}),
    ("Trung tâm Trợ giúp pháp lý nhà nước tỉnh tổ chức đợt trợ giúp pháp lý lưu động cho đồng bào dân tộc thiểu "
     "số ở các xã vùng cao, tư vấn miễn phí cho hàng trăm người.", {"cctp"}),
    ("Ủy ban Kiểm tra Tỉnh ủy thi hành kỷ luật cảnh cáo nguyên bí thư huyện ủy vì vi phạm trong quản lý đất "
     "đai, kê khai tài sản không trung thực, gây thất thoát ngân sách.", {"pctn"}),
    ("Công an huyện triệt phá đường dây mua bán ma túy, bắt giữ 5 đối tượng, thu giữ nhiều heroin và ma túy "
     "tổng hợp; vụ án đang được mở rộng điều tra.", {"noi_chinh"}),
]


@pytest.mark.parametrize("text,expected", HARD_CASES)
def test_codebook_cases(classifier, text, expected):
    result = classifier.predict([segment(text)], with_evidence=False)[0]
    assert {label for label, s in result.items() if s.on} == expected, {l: round(s.score, 2) for l, s in result.items()}


def test_baseline_finds_phrases_and_respects_exclusions():
    baseline = KeywordBaseline.from_yaml(DATA / "lexicon.yaml")
    got = baseline.predict(["Công an khởi tố vụ án tham nhũng, nhận hối lộ",
                            "Đẩy mạnh cải cách hành chính", "Bảo đảm an ninh lương thực quốc gia"])
    assert got[0]["pctn"]["on"] and got[0]["noi_chinh"]["on"]
    assert "hối lộ" in got[0]["pctn"]["evidence"]
    assert not any(v["on"] for v in got[1].values())
    assert not got[2]["noi_chinh"]["on"]


def test_quality_floors_on_the_frozen_test_split():
    """The shipped model stays above the pinned floors (data/model/quality_floors.json)."""
    from jobs.train import evaluate

    assert CORPUS.exists(), f"the shared corpus is needed beside the repository: {CORPUS}"
    floors = json.loads((DATA / "model" / "quality_floors.json").read_text(encoding="utf-8"))
    result = evaluate(MODEL, DATA / "labels" / "gold.csv", CORPUS, DATA / "lexicon.yaml",
                      cache_dir=DATA / "cache", workers=2)
    assert result["test_articles"] >= 400
    for label in LABELS:
        assert result["model"][label]["f1"] >= floors["f1"][label], (label, result["model"][label])
    margin = result["model"]["macro"]["f1"] - result["baseline"]["macro"]["f1"]
    assert margin >= floors["macro_f1_over_baseline"], margin


def test_f1_intervals_hold_the_figure_and_narrow_with_more_articles():
    import numpy as np

    from models.train import f1_intervals, metrics

    rng = np.random.default_rng(1)
    truth = (rng.random((300, 3)) < [0.3, 0.15, 0.05]).astype(np.int8)
    guess = truth.copy()
    flips = rng.random(truth.shape) < 0.08
    guess[flips] = 1 - guess[flips]
    small = f1_intervals(truth, guess)
    point = metrics(truth, guess)
    for name in (*LABELS, "macro"):
        lo, hi = small[name]
        assert lo < point[name]["f1"] < hi, (name, small[name], point[name])
    large = f1_intervals(np.tile(truth, (16, 1)), np.tile(guess, (16, 1)))
    for name in (*LABELS, "macro"):
        assert large[name][1] - large[name][0] < (small[name][1] - small[name][0]) / 2, name
    assert f1_intervals(truth, truth) == {name: [1.0, 1.0] for name in (*LABELS, "macro")}
    assert f1_intervals(truth, guess) == small, "the same draws each time"
    # a label with no positives and none predicted: F1 0, as metrics() gives it
    none = truth.copy()
    none[:, 2] = 0
    point = metrics(none, none)
    assert point["cctp"]["f1"] == 0.0
    spans = f1_intervals(none, none)
    assert spans["cctp"] == [0.0, 0.0]
    assert spans["macro"][0] <= point["macro"]["f1"] <= spans["macro"][1]


def test_the_evaluation_prints_each_label_with_its_interval():
    from jobs.train import format_evaluation

    labels = {"precision": 0.8, "recall": 0.9, "f1": 0.847, "support": 10}
    result = {"model_id": "m", "test_articles": 956,
              "model": {**{label: labels for label in LABELS}, "macro": {"f1": 0.847}},
              "baseline": {**{label: labels for label in LABELS}, "macro": {"f1": 0.6}},
              "confusion": {label: {"tp": 9, "fp": 2, "fn": 1, "tn": 944} for label in LABELS},
              "intervals": {**{label: [0.8, 0.89] for label in LABELS}, "macro": [0.82, 0.87]}}
    text = format_evaluation(result)
    for label in LABELS:
        assert any(line.startswith(label) and "0.847" in line and "0.800-0.890" in line for line in text.splitlines())
    assert any(line.startswith("macro-F1") and "0.820-0.870" in line for line in text.splitlines())


def test_the_training_hash_covers_the_items_every_fold_learns_from():
    import numpy as np

    from jobs.train import training_fingerprint
    from models.dataset import LabelledSet

    data = LabelledSet(["a", "b"], ["x", "y"], np.array([[1, 0, 0], [0, 1, 0]], dtype=np.int8), ["train", "test"])
    texts, labels = ["Công_an khởi_tố", "Hội_nghị"], np.array([[1, 1, 0], [0, 0, 0]], dtype=np.int8)
    base = training_fingerprint(data, texts, labels)
    assert training_fingerprint(data, list(texts), labels.copy()) == base
    relabelled = labels.copy()
    relabelled[1, 2] = 1
    assert training_fingerprint(data, texts, relabelled) != base
    assert training_fingerprint(data, texts[:1], labels[:1]) != base
    assert training_fingerprint(data, ["Công_an khởi_tố", "Hội_nghị tỉnh"], labels) != base


def test_knowing_a_model_reads_token_ids_builds_no_vocabularies():
    """A run with nothing to score asks whether the model reads token ids, and should not pay
    for the vocabularies scoring needs (0.1 s); the answer agrees with what IdUnion accepts."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.pipeline import FeatureUnion

    from models.fast_features import IdUnion, supports_token_ids
    from models.features import Head, make_features
    from models.predict import TopicClassifier

    loaded = TopicClassifier.load(MODEL)
    assert loaded.reads_token_ids
    assert "_ids" not in vars(loaded), "the vocabularies were built"
    texts = [segment(text) for text, _ in HARD_CASES]
    fitted = make_features("both_lead_cues").fit(texts)
    binary = TfidfVectorizer(token_pattern=r"(?u)\S+", preprocessor=Head(50), lowercase=False, binary=True).fit(texts)
    plain = TfidfVectorizer(lowercase=False).fit(texts)  # sklearn's own preprocessing: no Head
    for features, supported in ((fitted, True), (binary, False), (plain, False),
                                (FeatureUnion([("a", fitted), ("b", binary)]).fit(texts), False)):
        assert supports_token_ids(features) is supported
        try:
            IdUnion(features)
            built = True
        except ValueError:
            built = False
        assert built is supported


def test_evidence_prefers_whole_phrases():
    from models.predict import _distinct_phrases

    assert _distinct_phrases(["công an", "quân", "thanh", "thanh niên", "tân binh", "nghĩa vụ quân sự"]) == [
        "công an", "thanh niên", "tân binh", "nghĩa vụ quân sự"]


def test_fast_transform_equals_sklearn(classifier):
    from models.fast_features import fast_transform_for

    texts = [segment(text) for text, _ in HARD_CASES] + ["", "một", "Tòa_án Tòa_án tòa_án xét_xử"]
    expected = classifier.features.transform(texts).tocsr()
    got = fast_transform_for(classifier.features).transform(texts)
    assert got.shape == expected.shape
    # bit for bit: the same values in the same order, so predict_proba sums them alike
    assert (got.indptr == expected.indptr).all() and (got.indices == expected.indices).all()
    assert (got.data == expected.data).all()


# ---- scoring from stored token ids (models/fast_features.py IdUnion, models/predict.py TokenScorer) ----
EDGE_TEXTS = ["", "một", "Tòa_án Tòa_án tòa_án xét_xử", "_ a__b USD.____ _x_ TÒA_ÁN",
              "ΟΔΟΣ ΟΔΟΣ_ΑΣ Σ_Σ ΣΑΣ.Σ",  # Greek capital sigma: lower-cased by position in a word
              " ".join(["tham_nhũng", "hối_lộ", "Tòa_án"] * 300)]  # longer than the 500 words a model reads


def _encode(texts: list[str]) -> tuple[list, list[int], list[str]]:
    """Texts as token id arrays over a dictionary built on the fly (ids from 1, as storage's)."""
    import numpy as np

    dictionary: dict[str, int] = {}
    docs = [np.array([dictionary.setdefault(t, len(dictionary) + 1) for t in text.split()], dtype="<i4")
            for text in texts]
    return docs, list(dictionary.values()), list(dictionary)


@pytest.fixture(scope="module")
def real_texts(standin_articles):
    """Segmented real articles: the stand-in site's, the codebook cases, edge cases and, when the
    training cache is there, 400 segmented corpus articles."""
    from nlp.normalize import article_text

    texts = [segment(article_text(a.title, a.lead, "\n".join(a.body))) for a in standin_articles]
    texts += [segment(text) for text, _ in HARD_CASES] + EDGE_TEXTS
    cache = DATA / "cache" / "corpus-tokens.jsonl"
    if cache.exists():
        with cache.open(encoding="utf-8") as lines:
            texts += [json.loads(next(lines))["t"] for _ in range(400)]
    return texts


def test_id_transform_is_sklearns_matrix_exactly(classifier, real_texts):
    import numpy as np

    docs, ids, words = _encode(real_texts)
    reader = classifier.token_scorer().reader
    assert set(reader.unknown(docs).tolist()) <= set(ids) and len(reader.unknown(docs))
    # learned in two parts, as a classify run meets words segmented after it started
    half = len(ids) // 2
    reader.learn(ids[half:], words[half:])
    reader.learn(ids[:half], words[:half])
    assert len(reader.unknown(docs)) == 0 and reader.learned_through == len(ids)
    for start in range(0, len(docs), 97):  # batches, the empty one and one of a single article too
        got = reader.transform(docs[start:start + 97])
        expected = classifier.features.transform(real_texts[start:start + 97]).tocsr()
        assert got.shape == expected.shape
        assert np.array_equal(got.indptr, expected.indptr)
        assert np.array_equal(got.indices, expected.indices)
        assert np.array_equal(got.data, expected.data)  # bit for bit, not within a tolerance
    assert reader.transform([docs[0]]).shape == (1, expected.shape[1])
    assert reader.transform([docs[0][:0]]).nnz == 0


def test_token_scorer_predicts_what_predict_does(classifier, real_texts):
    docs, ids, words = _encode(real_texts)
    scorer = classifier.token_scorer()
    scorer.learn(ids, words)
    assert scorer.model_id == classifier.model_id
    assert scorer.predict(docs) == classifier.predict(real_texts)
    assert scorer.predict(docs, with_evidence=False) == classifier.predict(real_texts, with_evidence=False)
    assert scorer.predict([]) == []


def test_token_scorer_refuses_ids_it_was_not_told(classifier):
    import numpy as np

    scorer = classifier.token_scorer()
    scorer.learn([1, 2], ["tham_nhũng", "Tòa_án"])
    doc = np.array([1, 2, 7], dtype="<i4")
    assert scorer.unknown([doc]).tolist() == [7]
    with pytest.raises(KeyError):
        scorer.predict([doc])
    scorer.learn([3], ["two\nlines"])  # a stored token holds no whitespace
    with pytest.raises(ValueError):
        scorer.predict([np.array([3], dtype="<i4")])
    with pytest.raises(ValueError):
        scorer.learn([0], ["x"])  # id 0 separates articles, it names no token
    # ids beyond the words a model reads (its first 500) need no text
    read = scorer.reader.longest
    if read < 10_000:
        long_doc = np.concatenate([np.ones(read, dtype="<i4"), np.array([99], dtype="<i4")])
        assert len(scorer.unknown([long_doc])) == 0 and len(scorer.predict([long_doc])) == 1
