"""The health of each outlet's crawl: the layout-change alarm (a rising share of pages without
title, date or body, or of listings and APIs whose first page gave no article at all: their
layout or shape changed; one empty section among many is no alarm), and whether the site
answered at all (no listing, API, sitemap or feed page read, or failed requests dominating).

An outlet is ``ok``, ``degraded`` (read, but something is wrong) or ``failed`` (nothing of it
could be read). Only an ``ok`` outlet's crawl counts as a successful one (``advances``): the
next incremental crawl of any other continues from its last successful one.
"""
from __future__ import annotations

from dataclasses import dataclass, field

WATCHED = ("title", "date", "body")


@dataclass(frozen=True)
class OutletHealth:
    outlet: str
    pages: int
    missing: dict[str, float]   # share of pages missing each watched field
    fallback: float             # share extracted by the generic fallback
    degraded: bool
    empty_discovery: int = 0    # first listing or API pages that named no article
    failed: bool = False        # no listing, API, sitemap or feed page could be read
    stored: int = 0             # articles inserted or updated
    errors: dict[str, int] = field(default_factory=dict)  # failed requests by reason
    discovery_answered: int = 0  # listing, API, sitemap and feed pages read
    discovery_failed: int = 0    # ... that failed or could not be read
    unreachable: int = 0         # article pages that failed the way a site that is down fails
    store_failed: int = 0        # articles fetched but not stored (the database was locked)

    @property
    def status(self) -> str:
        return "failed" if self.failed else "degraded" if self.degraded else "ok"

    @property
    def advances(self) -> bool:
        """A successful crawl of the outlet: the next incremental one may start from it."""
        return self.status == "ok"

    def problems(self) -> list[str]:
        """What is wrong, in words (empty when nothing is)."""
        parts = [f"{k} missing on {v:.0%}" for k, v in self.missing.items() if v]
        if self.fallback and self.degraded and self.pages:
            parts.append(f"fallback extraction on {self.fallback:.0%}")
        if self.empty_discovery:
            parts.append(f"{self.empty_discovery} first listing/API pages without articles")
        if self.failed:
            parts.append("no listing, API, sitemap or feed page answered")
        elif self.discovery_failed:
            parts.append(f"{self.discovery_failed} of {self.discovery_failed + self.discovery_answered} "
                         "listing/API/feed pages failed")
        if self.unreachable:
            parts.append(f"{self.unreachable} article pages could not be fetched")
        if self.store_failed:
            parts.append(f"{self.store_failed} articles could not be stored (database locked)")
        return parts

    def describe(self) -> str:
        errors = ", ".join(f"{k} {v}" for k, v in sorted(self.errors.items()))
        problems = ", ".join(self.problems())
        return (f"{self.outlet}: {self.status.upper() if self.status != 'ok' else 'ok'}, {self.pages} pages, "
                f"{self.stored} stored" + (f", errors: {errors}" if errors else "")
                + (f" ({problems})" if problems else ""))


def outlet_health(stats: dict, outlets: list[str], threshold: float = 0.3, min_pages: int = 5) -> list[OutletHealth]:
    """Per outlet, from the crawl stats: degraded when a layout share exceeds the threshold,
    when failed requests are the majority of its listing/API pages or of its article pages,
    or when an article could not be stored; failed when none of its listing/API/feed
    requests was answered."""
    report = []
    for outlet in outlets:
        def count(key: str) -> int:
            return int(stats.get(key.format(outlet=outlet), 0))

        pages = count("layout/{outlet}/pages")
        missing = {name: (count(f"layout/{{outlet}}/missing_{name}") / pages if pages else 0.0) for name in WATCHED}
        fallback = count("layout/{outlet}/fallback_extraction") / pages if pages else 0.0
        empty = count("layout/{outlet}/empty_discovery")
        firsts = count("layout/{outlet}/first_discovery_pages")
        answered, discovery_failed = count("discovery/{outlet}/answered"), count("discovery/{outlet}/failed")
        unreachable, store_failed = count("articles/{outlet}/unreachable"), count("articles/{outlet}/store_failed")
        prefix = f"errors/{outlet}/"
        errors = {k[len(prefix):]: int(v) for k, v in stats.items() if k.startswith(prefix)}
        failed = discovery_failed > 0 and answered == 0
        degraded = ((pages >= min_pages and (max(missing.values()) > threshold or fallback > threshold))
                    or (empty > 0 and empty > threshold * firsts)
                    or discovery_failed > answered or unreachable > pages or store_failed > 0 or failed)
        stored = count("articles/{outlet}/inserted") + count("articles/{outlet}/updated")
        report.append(OutletHealth(outlet, pages, missing, fallback, degraded, empty, failed, stored, errors,
                                   answered, discovery_failed, unreachable, store_failed))
    return report
