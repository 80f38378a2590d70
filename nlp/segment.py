"""Word segmentation with underthesea (offline CRF model shipped in the wheel)."""
from __future__ import annotations

import re
from functools import lru_cache

TOKENIZER = "underthesea.word_tokenize"
_PUNCT_ONLY = re.compile(r"^[\W_]+$")


@lru_cache(maxsize=1)
def tokenizer_version() -> str:
    """The version string stored with every token row."""
    import underthesea

    return f"underthesea-{underthesea.__version__}"


def segment(text: str) -> str:
    """Space-joined words, syllables of one word glued by "_", punctuation dropped.

    >>> segment("Tòa án nhân dân xét xử.")  # doctest: +SKIP
    'Tòa_án nhân_dân xét_xử'
    """
    from underthesea import word_tokenize

    if not text.strip():
        return ""
    words = word_tokenize(text, format="text").split()
    return " ".join(w for w in words if not _PUNCT_ONLY.match(w))


def syllables(tokens: str) -> list[str]:
    """The syllables behind a segmented text (undo the "_" glue)."""
    return tokens.replace("_", " ").split()
