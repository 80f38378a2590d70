"""data/logs/monitor.log says per night what an operator needs in the morning: the status,
per outlet the pages, stored articles and failed requests by reason, the layout warnings;
and for a night that failed, that it failed and why."""
from __future__ import annotations

from click.testing import CliRunner

import pipeline
from standin.server import serving
from standin.site import Site


def _site(outlet: str, status: int, body: bytes = b"") -> Site:
    site = Site(outlet)

    def respond(handler) -> None:
        handler.send_response(status)
        handler.send_header("Content-Type", "text/html; charset=utf-8")
        handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        handler.wfile.write(body)

    site.get = lambda path: respond  # type: ignore[method-assign]
    return site


def test_a_night_with_an_outlet_down_and_a_layout_change_is_in_the_log(tmp_path):
    sites = {"baothainguyen": _site("baothainguyen", 404),  # gone (404: no retries to wait for)
             "thainguyentv": _site("thainguyentv", 200, b"<html><body><div class='new'>...</div></body></html>")}
    db = tmp_path / "n.db"
    with serving(sites) as mirrors:
        args = ["--db", str(db), "nightly", "--no-polite", "--json"]
        args += [a for o, origin in mirrors.items() for a in ("--mirror", f"{o}={origin}")]
        result = CliRunner().invoke(pipeline.cli, args, catch_exceptions=False)
    assert result.exit_code == 3, result.output
    log = (tmp_path / "logs" / "monitor.log").read_text(encoding="utf-8")
    assert "nightly run 1 started" in log
    assert "crawl run 2 (incremental): DEGRADED, 0 new, 0 updated" in log
    assert "baothainguyen: FAILED, 0 pages, 0 stored, errors: http_404" in log
    assert "no listing, API, sitemap or feed page answered" in log
    assert "thainguyentv: DEGRADED" in log and "first listing/API pages without articles" in log
    assert "layout: thainguyentv: http://127.0.0.1:" in log and "listing page names no article" in log
    assert "segment: 0 articles" in log
    assert "nightly run 1: DEGRADED: baothainguyen: FAILED" in log


def test_a_night_that_cannot_start_is_in_the_log(tmp_path):
    db = tmp_path / "c.db"
    db.write_bytes(b"not a database at all" * 300)
    result = CliRunner().invoke(pipeline.cli, ["--db", str(db), "nightly", "--json"], catch_exceptions=False)
    assert result.exit_code == 1
    log = (tmp_path / "logs" / "monitor.log").read_text(encoding="utf-8")
    assert "nightly (not recorded in the database): FAILED: StorageError: cannot open database" in log
