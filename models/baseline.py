"""Keyword baseline: the lexicon an analyst would search for, as a floor for models."""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import yaml

from models import LABELS


@dataclass(frozen=True)
class LabelRule:
    phrases: tuple[str, ...]
    exclude: tuple[str, ...]
    min_hits: int


def _fold(text: str) -> str:
    return unicodedata.normalize("NFC", text).lower().replace("_", " ")


def _pattern(phrases: tuple[str, ...]) -> re.Pattern[str] | None:
    if not phrases:
        return None
    alternatives = "|".join(re.escape(_fold(p)) for p in sorted(phrases, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)")


class KeywordBaseline:
    """Labels a text by counting distinct lexicon phrases in it."""

    model_id = "keyword-baseline"

    def __init__(self, rules: dict[str, LabelRule]) -> None:
        self.rules = rules
        self._match = {label: _pattern(rule.phrases) for label, rule in rules.items()}
        self._exclude = {label: _pattern(rule.exclude) for label, rule in rules.items()}

    @classmethod
    def from_yaml(cls, path: str | Path) -> "KeywordBaseline":
        raw = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
        rules = {label: LabelRule(tuple(raw[label]["phrases"]), tuple(raw[label].get("exclude") or ()),
                                  int(raw[label].get("min_hits", 1))) for label in LABELS}
        return cls(rules)

    def evidence(self, text: str) -> dict[str, list[str]]:
        """Distinct lexicon phrases found per label (after removing excluded phrases)."""
        folded = _fold(text)
        found: dict[str, list[str]] = {}
        for label in LABELS:
            exclude = self._exclude[label]
            cleaned = exclude.sub(" ", folded) if exclude else folded
            pattern = self._match[label]
            found[label] = sorted(set(pattern.findall(cleaned))) if pattern else []
        return found

    def predict(self, texts: list[str]) -> list[dict[str, dict]]:
        """Per text and label: on/off, a crude score and the matched phrases."""
        results = []
        for text in texts:
            per_label = {}
            for label, phrases in self.evidence(text).items():
                need = self.rules[label].min_hits
                per_label[label] = {"on": len(phrases) >= need,
                                    "score": min(1.0, len(phrases) / (2 * need)),
                                    "evidence": phrases[:5]}
            results.append(per_label)
        return results
