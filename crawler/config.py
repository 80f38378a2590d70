"""Outlet configuration: data/sources.yaml parsed into frozen, validated objects."""
from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml

CONTENT_TYPES = ("tin", "bai", "anh", "video", "audio")
DISCOVERY_KINDS = ("listing", "json_api", "sitemap", "rss")
CANONICAL_CHOICES = {"trailing_slash": ("strip", "add", "keep"), "article_query": ("drop", "keep")}
SELECTOR_FIELDS = ("title", "lead", "body", "date", "author", "category", "tags", "captions", "drop")


class ConfigError(ValueError):
    """The sources file is missing something or contradicts itself."""


@dataclass(frozen=True)
class Discovery:
    kind: str
    start: tuple[str, ...] = ()
    url: str | None = None
    max_pages: int = 100
    category_ids: tuple[str, ...] = ("",)
    items_path: str = "data"
    total_pages_path: str | None = None
    url_field: str | None = None
    url_template: str | None = None
    date_field: str | None = None
    page_template: str | None = None


@dataclass(frozen=True)
class OutletConfig:
    id: str
    name: str
    kind: str
    base_url: str
    domains: tuple[str, ...]
    timezone: str
    article_url_pattern: re.Pattern[str]
    selectors: dict[str, tuple[str, ...]]
    listing: dict[str, tuple[str, ...]]
    discovery: tuple[Discovery, ...]
    content_type_url: tuple[tuple[re.Pattern[str], str], ...]
    content_type_title: tuple[tuple[re.Pattern[str], str], ...]
    canonical: dict[str, Any] = field(default_factory=dict)
    valid_from: str | None = None
    valid_until: str | None = None
    successor: str | None = None
    report_as: str | None = None
    enabled: bool = True
    tin_max_words: int = 400
    # the longest text around a player that still makes the piece a video or audio item;
    # None: any length (a broadcaster's page around its player is the broadcast)
    media_max_words: int | None = 400

    @property
    def primary_host(self) -> str:
        return urlsplit(self.base_url).hostname or ""

    def outlet_row(self) -> dict:
        """The row for the storage outlets table."""
        return {"id": self.id, "name": self.name, "kind": self.kind, "domain": self.primary_host,
                "valid_from": self.valid_from, "valid_until": self.valid_until,
                "successor": self.successor, "report_as": self.report_as}


def _merge(base: dict, override: dict) -> dict:
    merged = copy.deepcopy(base)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = _merge(merged[key], value)
        else:
            merged[key] = value
    return merged


def _rules(raw: list, where: str) -> tuple[tuple[re.Pattern[str], str], ...]:
    rules = []
    for entry in raw or []:
        if not (isinstance(entry, (list, tuple)) and len(entry) == 2 and entry[1] in CONTENT_TYPES):
            raise ConfigError(f"{where}: each rule is [regex, one of {CONTENT_TYPES}], not {entry!r}")
        rules.append((re.compile(entry[0], re.IGNORECASE), entry[1]))
    return tuple(rules)


def _outlet(raw: dict, families: dict) -> OutletConfig:
    oid = raw.get("id") or "?"
    if raw.get("family"):
        if raw["family"] not in families:
            raise ConfigError(f"outlet {oid}: unknown family {raw['family']!r}")
        raw = _merge(families[raw["family"]], raw)
    for key in ("id", "name", "base_url", "article_url_pattern", "selectors", "discovery"):
        if not raw.get(key):
            raise ConfigError(f"outlet {oid}: {key} is required")
    selectors = {name: tuple(raw["selectors"].get(name) or ()) for name in SELECTOR_FIELDS}
    for required in ("title", "body", "date"):
        if not selectors[required]:
            raise ConfigError(f"outlet {oid}: selectors.{required} needs at least one selector")
    discovery = []
    for entry in raw["discovery"]:
        if entry.get("kind") not in DISCOVERY_KINDS:
            raise ConfigError(f"outlet {oid}: discovery kind must be one of {DISCOVERY_KINDS}")
        entry = dict(entry)
        for key in ("start", "category_ids"):
            if key in entry:
                entry[key] = tuple(str(x) for x in entry[key])
        discovery.append(Discovery(**entry))
    listing = {k: tuple(v or ()) for k, v in (raw.get("listing") or {}).items()}
    content_type = raw.get("content_type") or {}
    try:
        pattern = re.compile(raw["article_url_pattern"])
    except re.error as exc:
        raise ConfigError(f"outlet {oid}: bad article_url_pattern: {exc}") from None
    canonical = raw.get("canonical") or {}
    for key, value in canonical.items():
        if key in CANONICAL_CHOICES and value not in CANONICAL_CHOICES[key]:
            raise ConfigError(f"outlet {oid}: canonical.{key} must be one of {CANONICAL_CHOICES[key]}, not {value!r}")
        if key == "lowercase_id":
            try:
                re.compile(value)
            except (re.error, TypeError) as exc:
                raise ConfigError(f"outlet {oid}: bad canonical.lowercase_id: {exc}") from None
        elif key not in CANONICAL_CHOICES:
            raise ConfigError(f"outlet {oid}: unknown canonical rule {key!r}")
    return OutletConfig(
        id=raw["id"], name=raw["name"], kind=raw.get("kind", "other"), base_url=raw["base_url"].rstrip("/"),
        domains=tuple(raw.get("domains") or [urlsplit(raw["base_url"]).hostname]),
        timezone=raw.get("timezone", "Asia/Ho_Chi_Minh"), article_url_pattern=pattern,
        selectors=selectors, listing=listing, discovery=tuple(discovery),
        content_type_url=_rules(content_type.get("url"), f"outlet {oid} content_type.url"),
        content_type_title=_rules(content_type.get("title"), f"outlet {oid} content_type.title"),
        canonical=canonical, valid_from=raw.get("valid_from"),
        valid_until=raw.get("valid_until"), successor=raw.get("successor"),
        report_as=raw.get("report_as"), enabled=bool(raw.get("enabled", True)),
        tin_max_words=int(raw.get("tin_max_words", 400)),
        media_max_words=_media_max_words(raw, oid),
    )


def _media_max_words(raw: dict, oid: str) -> int | None:
    """``media_max_words`` of an outlet entry: a positive number, null (any length), or
    by default its ``tin_max_words``."""
    if "media_max_words" not in raw:
        return int(raw.get("tin_max_words", 400))
    value = raw["media_max_words"]
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ConfigError(f"outlet {oid}: media_max_words must be a positive number or null, not {value!r}")
    return value


def load_sources(path: str | Path) -> dict[str, OutletConfig]:
    """All outlets of a sources file, by id."""
    path = Path(path)
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"sources file {path} not found") from None
    except yaml.YAMLError as exc:
        raise ConfigError(f"sources file {path} is not valid YAML: {exc}") from None
    if not isinstance(raw, dict) or not raw.get("outlets"):
        raise ConfigError(f"sources file {path} has no outlets")
    families = raw.get("families") or {}
    outlets = [_outlet(entry, families) for entry in raw["outlets"]]
    ids = [o.id for o in outlets]
    if len(set(ids)) != len(ids):
        raise ConfigError(f"sources file {path}: duplicate outlet ids")
    for outlet in outlets:
        for ref in (outlet.successor, outlet.report_as):
            if ref and ref not in ids:
                raise ConfigError(f"outlet {outlet.id}: refers to unknown outlet {ref!r}")
    return {o.id: o for o in outlets}
