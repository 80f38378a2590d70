"""Cue phrases: how often an article's headline, lead and head use the vocabulary of a
kind of story (corruption, discipline, waste, petty extortion, foreign news, private fraud...).

The n-gram model learns a weight per phrase and so needs each phrase many times in the
labelled articles; anti-corruption stories use a long tail of idioms ("vòi tiền", "chung
chi", "đắp chiếu", "con ông cháu cha") that each occur a handful of times. Counting them by
group lets a few dozen labelled articles teach the model the whole group. Each group is
counted in three windows (title, lead, head) as log(1 + count), scaled to unit variance on
the training texts; models/features.py adds the columns to the n-gram features with a small
weight (chosen by cross-validation, models/README.md "Cue phrases").
"""
from __future__ import annotations

import numpy as np
import scipy.sparse as sp
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.feature_extraction.text import TfidfVectorizer

# Syllables, lower-case, as to_syllables() writes them. Each phrase counts for its group; no
# phrase holds another (a mention counts once: tests/test_cues.py checks it).
CUE_GROUPS: dict[str, tuple[str, ...]] = {
    "corruption": ("tham nhũng", "hối lộ", "tham ô", "lợi dụng chức vụ", "lạm quyền", "kê khai tài sản",
                   "lợi ích nhóm", "chống tiêu cực", "lãng phí", "thu hồi tài sản", "nhũng nhiễu", "vụ lợi",
                   "chạy chức", "cố ý làm trái", "thiếu trách nhiệm gây hậu quả"),
    "discipline": ("kỷ luật", "cách chức", "khai trừ", "ủy ban kiểm tra", "cảnh cáo", "khiển trách",
                   "kiểm điểm", "bãi nhiệm", "đình chỉ công tác"),
    "officials": ("cán bộ", "đảng viên", "chủ tịch", "giám đốc sở", "trưởng phòng", "công chức"),
    # countries by names that are no common syllable ("pháp" is also "tư pháp", "anh" a pronoun)
    "foreign": ("trung quốc", "malaysia", "hàn quốc", "hoa kỳ", "nước mỹ", "người mỹ", "liên bang nga",
                "nước nga", "nhật bản", "indonesia", "philippines", "thái lan", "campuchia", "ấn độ",
                "quốc tế", "tổng thống", "nước ngoài", "brazil", "nước pháp", "nước anh", "anh quốc"),
    "private_fraud": ("lừa đảo", "chiếm đoạt tài sản", "đa cấp"),
    "everyday_negative": ("tác động tiêu cực", "ảnh hưởng tiêu cực"),
    "waste": ("bỏ hoang", "bỏ không", "đắp chiếu", "thất thoát", "xây xong", "kém hiệu quả", "thua lỗ",
              "tài sản công", "đất công", "đội vốn", "đội giá"),
    "petty": ("vòi tiền", "bảo kê", "chung chi", "bôi trơn", "phong bì", "tiếp tay", "bao che", "chạy chọt",
              "trục lợi", "lót tay", "ăn chặn", "nâng khống", "rút ruột", "biển thủ", "sai phạm", "thông thầu",
              "quân xanh", "thâu tóm"),
    "favouritism": ("con ông cháu cha", "chạy quyền", "người nhà", "bổ nhiệm", "tuyển dụng", "sai quy trình",
                    "thăng tiến", "cài cắm", "xe biển xanh", "nhà công vụ", "quà biếu", "quà tặng", "nhận quà"),
    "prosecution": ("xét xử", "bị cáo", "khởi tố", "truy tố", "điều tra", "tạm giam", "tuyên án", "phạt tù"),
}
# The windows, in segmented words from the top: headline, title + lead, and (set by
# models/features.py to its HEAD_WORDS) the words the n-gram model reads.
CUE_WINDOWS: dict[str, int] = {"title": 20, "lead": 60, "head": 500}


class PhraseCues(BaseEstimator, TransformerMixin):
    """log(1 + hits) of each cue group in each window, scaled by its spread on the training
    texts. Input: segmented texts (words joined by "_"), as the n-gram vectorizers take."""

    def __init__(self, groups: dict[str, tuple[str, ...]] | None = None,
                 windows: dict[str, int] | None = None) -> None:
        self.groups = groups
        self.windows = windows

    def _build(self) -> None:
        from models.features import Head  # features.py imports this module

        groups = self.groups or CUE_GROUPS
        windows = self.windows or CUE_WINDOWS
        phrases = sorted({p for ps in groups.values() for p in ps})
        longest = max(len(p.split()) for p in phrases)
        group_names = list(groups)
        membership = sp.lil_matrix((len(phrases), len(group_names)))
        for g, name in enumerate(group_names):
            for phrase in groups[name]:
                membership[phrases.index(phrase), g] = 1.0
        self.membership_ = membership.tocsr()
        # raw counts of every phrase (no idf, no norm): one fixed-vocabulary vectorizer per window
        self.counters_ = [
            TfidfVectorizer(token_pattern=r"(?u)\S+", preprocessor=Head(words, syllables=True), lowercase=False,
                            ngram_range=(1, longest), vocabulary=phrases, use_idf=False, norm=None).fit([""])
            for words in windows.values()]
        self.names_ = [f"cue {name} ({window})" for window in windows for name in group_names]

    def _raw(self, counts: list[sp.csr_matrix]) -> sp.csr_matrix:
        """log(1 + hits per group), windows side by side, from each window's phrase counts."""
        blocks = [(c @ self.membership_).tocsr() for c in counts]
        matrix = sp.hstack(blocks, format="csr")
        np.log1p(matrix.data, out=matrix.data)
        return matrix

    def fit(self, texts, y=None) -> "PhraseCues":
        self.fit_transform(texts)
        return self

    def fit_transform(self, texts, y=None) -> sp.csr_matrix:
        """Fit the scales and return the training texts' features (counted once)."""
        self._build()
        raw = self._raw([c.transform(texts) for c in self.counters_])
        mean = np.asarray(raw.mean(axis=0)).ravel()
        variance = np.clip(np.asarray(raw.multiply(raw).mean(axis=0)).ravel() - mean ** 2, 0.0, None)
        spread = np.sqrt(variance)
        self.scale_ = 1.0 / np.where(spread > 1e-9, spread, 1.0)
        return self._scaled(raw)

    def _scaled(self, raw: sp.csr_matrix) -> sp.csr_matrix:
        return (raw @ sp.diags(self.scale_)).tocsr()

    def finish(self, counts: list[sp.csr_matrix]) -> sp.csr_matrix:
        """The features from each window's phrase counts (fast paths count them themselves)."""
        return self._scaled(self._raw(counts))

    def transform(self, texts) -> sp.csr_matrix:
        return self.finish([c.transform(texts) for c in self.counters_])

    def get_feature_names_out(self, input_features=None) -> np.ndarray:
        return np.array(self.names_, dtype=object)
