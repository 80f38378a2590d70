"""Feature extraction over segmented text (picklable: no lambdas)."""
from __future__ import annotations

from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.pipeline import FeatureUnion

from models import FEATURE_SETS
from models.cues import CUE_WINDOWS, PhraseCues

# The words of an article the model reads: its title, lead and first paragraphs. An article's
# subject is stated at its top (the readers judged title, lead and the first 1,200 characters);
# the rest adds passing mentions that cost precision. Chosen by cross-validation
# (models/README.md, "Choice").
HEAD_WORDS = 500
# "both_lead" adds the title and lead once more, as their own block (syllable 1-2 grams of the
# first LEAD_WORDS words, weighted LEAD_WEIGHT): the subject stated in a headline counts more
# than the same words further down. Chosen by cross-validation as well.
LEAD_WORDS = 80
LEAD_WEIGHT = 0.7
# "both_lead_cues" adds counts of cue-phrase groups (models/cues.py) with this weight: the
# n-gram columns carry the article, the cue columns pool rare idioms of one kind of story.
CUE_WEIGHT = 0.04


def to_syllables(tokens: str) -> str:
    """Lower-case syllable text from segmented text ("Tòa_án xét_xử" -> "tòa án xét xử")."""
    return tokens.replace("_", " ").lower()


class Head:
    """Preprocessor: the first *words* segmented words of a text, lower-cased, optionally as
    syllables. A picklable object, so a saved model keeps the length it was trained with."""

    def __init__(self, words: int, syllables: bool = False) -> None:
        self.words = words
        self.syllables = syllables

    def __call__(self, tokens: str) -> str:
        head = " ".join(tokens.split(maxsplit=self.words)[:self.words]) if self.words else tokens
        return to_syllables(head) if self.syllables else head.lower()

    def __repr__(self) -> str:
        return f"Head(words={self.words}, syllables={self.syllables})"


def word_vectorizer(max_features: int = 60_000, head_words: int = HEAD_WORDS) -> TfidfVectorizer:
    """Segmented words and word bigrams of the article's first *head_words* words (0: all)."""
    return TfidfVectorizer(token_pattern=r"(?u)\S+", preprocessor=Head(head_words), lowercase=False,
                           ngram_range=(1, 2),
                           min_df=2, max_df=0.6, sublinear_tf=True, max_features=max_features)


def syllable_vectorizer(max_features: int = 60_000, head_words: int = HEAD_WORDS) -> TfidfVectorizer:
    """Syllable uni-, bi- and trigrams of the same words, independent of the segmenter's decisions."""
    return TfidfVectorizer(token_pattern=r"(?u)\S+", preprocessor=Head(head_words, syllables=True),
                           lowercase=False,
                           ngram_range=(1, 3), min_df=2, max_df=0.6, sublinear_tf=True,
                           max_features=max_features)


def lead_vectorizer(lead_words: int = LEAD_WORDS) -> TfidfVectorizer:
    """Syllable uni- and bigrams of the title and lead (the first *lead_words* words)."""
    return TfidfVectorizer(token_pattern=r"(?u)\S+", preprocessor=Head(lead_words, syllables=True),
                           lowercase=False, ngram_range=(1, 2), min_df=2, sublinear_tf=True,
                           max_features=40_000)


def make_features(feature_set: str, head_words: int = HEAD_WORDS) -> TfidfVectorizer | FeatureUnion:
    """The feature set by name, reading the first *head_words* words of each article (0: all)."""
    if feature_set == "words":
        return word_vectorizer(head_words=head_words)
    if feature_set == "syllables":
        return syllable_vectorizer(head_words=head_words)
    if feature_set == "both":
        return FeatureUnion([("words", word_vectorizer(head_words=head_words)),
                             ("syllables", syllable_vectorizer(head_words=head_words))])
    if feature_set == "both_lead":
        return FeatureUnion([("words", word_vectorizer(head_words=head_words)),
                             ("syllables", syllable_vectorizer(head_words=head_words)),
                             ("lead", lead_vectorizer())],
                            transformer_weights={"words": 1.0, "syllables": 1.0, "lead": LEAD_WEIGHT})
    if feature_set == "both_lead_cues":
        return FeatureUnion([("words", word_vectorizer(head_words=head_words)),
                             ("syllables", syllable_vectorizer(head_words=head_words)),
                             ("lead", lead_vectorizer()),
                             ("cues", PhraseCues(windows={**CUE_WINDOWS, "head": head_words}))],
                            transformer_weights={"words": 1.0, "syllables": 1.0, "lead": LEAD_WEIGHT,
                                                 "cues": CUE_WEIGHT})
    raise ValueError(f"unknown feature set {feature_set!r}; choose from {FEATURE_SETS}")


def feature_names(features: TfidfVectorizer | FeatureUnion | PhraseCues) -> list[str]:
    """Readable phrase per feature column (underscores become spaces); "" for a column that
    is no phrase of the text (a cue group's count), which evidence leaves out."""
    if isinstance(features, PhraseCues):
        return [""] * len(features.get_feature_names_out())
    if isinstance(features, FeatureUnion):
        names: list[str] = []
        for _, part in features.transformer_list:
            names.extend(feature_names(part))
        return names
    return [name.replace("_", " ") for name in features.get_feature_names_out()]
