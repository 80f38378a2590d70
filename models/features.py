"""Feature extraction over segmented text (picklable: no lambdas)."""
from __future__ import annotations

from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.pipeline import FeatureUnion

FEATURE_SETS = ("words", "syllables", "both")


def to_syllables(tokens: str) -> str:
    """Lower-case syllable text from segmented text ("Tòa_án xét_xử" -> "tòa án xét xử")."""
    return tokens.replace("_", " ").lower()


def word_vectorizer(max_features: int = 60_000) -> TfidfVectorizer:
    """Segmented words and word bigrams."""
    return TfidfVectorizer(token_pattern=r"(?u)\S+", lowercase=True, ngram_range=(1, 2),
                           min_df=2, max_df=0.6, sublinear_tf=True, max_features=max_features)


def syllable_vectorizer(max_features: int = 60_000) -> TfidfVectorizer:
    """Syllable uni-, bi- and trigrams, independent of the segmenter's decisions."""
    return TfidfVectorizer(token_pattern=r"(?u)\S+", preprocessor=to_syllables, lowercase=False,
                           ngram_range=(1, 3), min_df=2, max_df=0.6, sublinear_tf=True,
                           max_features=max_features)


def make_features(feature_set: str) -> TfidfVectorizer | FeatureUnion:
    if feature_set == "words":
        return word_vectorizer()
    if feature_set == "syllables":
        return syllable_vectorizer()
    if feature_set == "both":
        return FeatureUnion([("words", word_vectorizer()), ("syllables", syllable_vectorizer())])
    raise ValueError(f"unknown feature set {feature_set!r}; choose from {FEATURE_SETS}")


def feature_names(features: TfidfVectorizer | FeatureUnion) -> list[str]:
    """Readable phrase per feature column (underscores become spaces)."""
    if isinstance(features, FeatureUnion):
        names: list[str] = []
        for _, part in features.transformer_list:
            names.extend(feature_names(part))
        return names
    return [name.replace("_", " ") for name in features.get_feature_names_out()]
