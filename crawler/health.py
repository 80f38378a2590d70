"""The layout-change alarm: a rising share of pages without title, date or body, or of
listings and APIs whose first page gave no article at all (their layout or shape changed;
one empty section among many is no alarm)."""
from __future__ import annotations

from dataclasses import dataclass

WATCHED = ("title", "date", "body")


@dataclass(frozen=True)
class OutletHealth:
    outlet: str
    pages: int
    missing: dict[str, float]   # share of pages missing each watched field
    fallback: float             # share extracted by the generic fallback
    degraded: bool
    empty_discovery: int = 0    # first listing or API pages that named no article

    def describe(self) -> str:
        parts = ", ".join([f"{k} missing on {v:.0%}" for k, v in self.missing.items() if v]
                          + ([f"{self.empty_discovery} first listing/API pages without articles"]
                             if self.empty_discovery else []))
        state = "DEGRADED" if self.degraded else "ok"
        return f"{self.outlet}: {state}, {self.pages} pages" + (f" ({parts})" if parts else "")


def outlet_health(stats: dict, outlets: list[str], threshold: float = 0.3, min_pages: int = 5) -> list[OutletHealth]:
    """Per outlet, from the crawl stats; degraded when any share exceeds the threshold."""
    report = []
    for outlet in outlets:
        pages = int(stats.get(f"layout/{outlet}/pages", 0))
        missing = {name: (stats.get(f"layout/{outlet}/missing_{name}", 0) / pages if pages else 0.0)
                   for name in WATCHED}
        fallback = stats.get(f"layout/{outlet}/fallback_extraction", 0) / pages if pages else 0.0
        empty = int(stats.get(f"layout/{outlet}/empty_discovery", 0))
        firsts = int(stats.get(f"layout/{outlet}/first_discovery_pages", 0))
        degraded = ((pages >= min_pages and (max(missing.values()) > threshold or fallback > threshold))
                    or (empty > 0 and empty > threshold * firsts))
        report.append(OutletHealth(outlet, pages, missing, fallback, degraded, empty))
    return report
