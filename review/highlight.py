"""Evidence phrases highlighted with <mark> in hostile scraped text."""
from __future__ import annotations

import re
import unicodedata

from markupsafe import Markup, escape


def _pattern(phrases: list[str]) -> re.Pattern[str] | None:
    """One case-insensitive pattern for all phrases, in escaped-text form.

    Words are joined by any run of spaces and punctuation (the segmenter drops
    punctuation, so "chức vụ quyền" is the evidence for "chức vụ, quyền"), never by
    "&" (an entity); a match may not start after "&" or "#", so the inside of an
    entity such as "&amp;" or "&#39;" is never marked.
    """
    alternatives = []
    for phrase in phrases:
        words = unicodedata.normalize("NFC", phrase.replace("_", " ")).split()
        if words:
            alternatives.append(r"[^\w&]+".join(re.escape(str(escape(word))) for word in words))
    if not alternatives:
        return None
    alternatives.sort(key=len, reverse=True)
    return re.compile(r"(?<![\w&#])(?:" + "|".join(alternatives) + r")(?!\w)", re.IGNORECASE)


def highlight(text: str | None, phrases: list[str]) -> Markup:
    """*text* escaped, with every occurrence of a phrase wrapped in <mark>."""
    escaped = str(escape(unicodedata.normalize("NFC", text or "")))
    pattern = _pattern(phrases)
    if pattern is None:
        return Markup(escaped)
    return Markup(pattern.sub(lambda m: f"<mark>{m.group(0)}</mark>", escaped))


def paragraphs(text: str | None, phrases: list[str]) -> list[Markup]:
    """The text's non-empty lines, each escaped and highlighted."""
    return [highlight(line, phrases) for line in (text or "").split("\n") if line.strip()]
