"""Unicode and whitespace normalisation of Vietnamese news text."""
from __future__ import annotations

import re
import unicodedata

_SPACE = re.compile(r"[ \t\u00a0\u200b\u2009\u202f]+")
_NEWLINES = re.compile(r"\s*\n\s*")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def normalize_text(text: str | None) -> str:
    """NFC, no control characters, single spaces, single newlines between paragraphs."""
    if not text:
        return ""
    text = unicodedata.normalize("NFC", text)
    text = _CONTROL.sub("", text)
    text = _SPACE.sub(" ", text)
    text = _NEWLINES.sub("\n", text)
    return text.strip()


def normalize_tone_marks(text: str) -> str:
    """Modern tone-mark placement ("hoà" -> "hòa"), via underthesea's normaliser."""
    from underthesea import text_normalize  # imported lazily: loading it is slow

    return text_normalize(text)


def article_text(title: str | None, lead: str | None, body: str | None) -> str:
    """The text a classifier reads: title, lead and body, one paragraph each."""
    return "\n".join(part for part in (normalize_text(title), normalize_text(lead),
                                       normalize_text(body)) if part)
