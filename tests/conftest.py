"""Shared fixtures: temporary databases, the shipped sources file, the stand-in site."""
from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"


@pytest.fixture
def db(tmp_path):
    from storage import open_database

    database = open_database(tmp_path / "test.db")
    yield database
    database.close()


@pytest.fixture(scope="session")
def sources():
    from crawler.config import load_sources

    return load_sources(DATA / "sources.yaml")


@pytest.fixture(scope="session")
def standin_articles():
    from standin.site import load_articles

    return load_articles(DATA / "standin" / "articles.yaml")


@pytest.fixture
def standin(standin_articles):
    """The stand-in sites served on 127.0.0.1; yields {outlet: origin}."""
    from standin.server import serving
    from standin.site import build_sites

    with serving(build_sites(standin_articles, page_size=5)) as mirrors:
        yield mirrors


def make_article(outlet: str = "baothainguyen", n: int = 1, **fields) -> dict:
    record = {"outlet": outlet, "url": f"https://{outlet}.vn/a/{n}", "canonical_url": f"https://{outlet}.vn/a/{n}",
              "title": f"Bài số {n}", "lead": "Sapo.", "body": f"Nội dung bài {n}.",
              "published_at": "2020-03-01T08:00:00+07:00", "content_type": "tin"}
    record.update(fields)
    return record


OUTLET_ROWS = [
    {"id": "baothainguyen", "name": "Báo Thái Nguyên", "kind": "newspaper", "domain": "baothainguyen.vn",
     "valid_from": "2008-01-01", "valid_until": None, "successor": None, "report_as": None},
    {"id": "thainguyentv", "name": "Đài PT-TH Thái Nguyên", "kind": "broadcaster", "domain": "thainguyentv.vn",
     "valid_from": "2008-01-01", "valid_until": "2025-06-30", "successor": "baothainguyen", "report_as": None},
]
