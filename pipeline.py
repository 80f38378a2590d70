#!/usr/bin/env python3
"""noichinh-monitor: crawl, understand, classify, review and report Thái Nguyên's press
coverage of internal affairs, anti-corruption and judicial reform.

Wiring only: this module builds one frozen configuration from options, calls the
packages, and turns their named errors into one clear line and an exit code.
"""
from __future__ import annotations

import datetime as dt
import json
import logging
import logging.handlers
import os
import signal
import sys
from dataclasses import dataclass
from pathlib import Path

import click

from models import CLASSIFIERS, FEATURE_SETS

ROOT = Path(__file__).resolve().parent
DATA = ROOT / "data"
log = logging.getLogger("pipeline")


@dataclass(frozen=True)
class Config:
    db_path: Path
    sources_path: Path
    model_path: Path
    lexicon_path: Path
    labels_dir: Path
    corpus_dir: Path
    log_dir: Path
    workers: int
    verbose: int = 0


def _default_workers() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1)


def _configure_logging(verbose: int, log_dir: Path | None = None) -> None:
    level = logging.DEBUG if verbose > 1 else logging.INFO if verbose else logging.WARNING
    handlers: list[logging.Handler] = [logging.StreamHandler(sys.stderr)]
    if log_dir is not None:
        log_dir.mkdir(parents=True, exist_ok=True)
        rotating = logging.handlers.RotatingFileHandler(log_dir / "monitor.log", maxBytes=5_000_000,
                                                        backupCount=5, encoding="utf-8")
        rotating.setLevel(logging.INFO)
        handlers.append(rotating)
    logging.basicConfig(level=min(level, logging.INFO) if log_dir else level,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s", handlers=handlers, force=True)
    handlers[0].setLevel(level)


# ---- error translation: named errors become one line and an exit code ----------------
def _user_errors() -> tuple[type[Exception], ...]:
    from crawler.config import ConfigError
    from crawler.runner import CrawlError
    from jobs.classify import InputLineError
    from models.artefact import ModelError
    from models.dataset import DatasetError
    from report.periods import PeriodError
    from storage import StorageError

    from review.accounts import AccountError

    errors: list[type[Exception]] = [ConfigError, CrawlError, InputLineError, ModelError, DatasetError,
                                     PeriodError, StorageError, AccountError]
    try:
        from report.exports import ReportError

        errors.append(ReportError)
    except ImportError:  # pragma: no cover
        pass
    return tuple(errors)


# a period error in the CLI's words: its flags (report/periods.py names the reasons)
PERIOD_MESSAGES = {
    "one_period": "give one period: --from/--to, --year, --quarter or --month",
    "range_needs_both": "--from and --to go together",
    "date": "--{field}: not a date (YYYY-MM-DD): {value!r}",
    "year": "--year: not a year between 1900 and 2100: {value!r}",
    "quarter": "--quarter: not a quarter (YYYYQn): {value!r}",
    "month": "--month: not a month (YYYY-MM): {value!r}",
    "order": "the period ends ({end}) before it starts ({start})",
}


def _message(exc: Exception) -> str:
    """The one line a named error becomes on the terminal."""
    from report.periods import PeriodError

    if isinstance(exc, PeriodError) and exc.reason in PERIOD_MESSAGES:
        return PERIOD_MESSAGES[exc.reason].format(field=exc.field, value=exc.value, start=exc.start, end=exc.end)
    return str(exc)


class MonitorGroup(click.Group):
    def invoke(self, ctx: click.Context):
        from jobs.lock import EXIT_LOCKED, LockHeldError

        try:
            return super().invoke(ctx)
        except LockHeldError as exc:
            click.echo(f"error: {exc}; not started", err=True)
            ctx.exit(EXIT_LOCKED)
        except _user_errors() as exc:
            click.echo(f"error: {_message(exc)}", err=True)
            ctx.exit(2)


@click.group(cls=MonitorGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--db", "db_path", type=click.Path(dir_okay=False, path_type=Path),
              default=DATA / "monitor.db", show_default=True, help="SQLite database file.")
@click.option("--sources", "sources_path", type=click.Path(dir_okay=False, path_type=Path),
              default=DATA / "sources.yaml", show_default=True, help="Outlet configuration.")
@click.option("--model", "model_path", type=click.Path(dir_okay=False, path_type=Path),
              default=DATA / "model" / "topics.joblib", show_default=True, help="Topic model artefact.")
@click.option("--corpus", "corpus_dir", type=click.Path(file_okay=False, path_type=Path),
              default=ROOT.parent / "shared" / "corpus", show_default=True,
              help="The shared corpus (for train/evaluate).")
@click.option("--workers", type=int, default=_default_workers(), show_default=True,
              help="Processes for segmentation.")
@click.option("-v", "--verbose", count=True, help="More log output (-v info, -vv debug).")
@click.pass_context
def cli(ctx: click.Context, db_path: Path, sources_path: Path, model_path: Path, corpus_dir: Path,
        workers: int, verbose: int) -> None:
    """Monitor the provincial press for internal affairs (nội chính), anti-corruption
    (phòng, chống tham nhũng, tiêu cực) and judicial reform (cải cách tư pháp)."""
    ctx.obj = Config(db_path=db_path, sources_path=sources_path, model_path=model_path,
                     lexicon_path=DATA / "lexicon.yaml", labels_dir=DATA / "labels", corpus_dir=corpus_dir,
                     log_dir=db_path.parent / "logs", workers=max(1, workers), verbose=verbose)
    _configure_logging(verbose)


def _db(config: Config, *, create: bool = True):
    """The database; commands that only read pass create=False: a missing file is an error."""
    from storage import open_database

    return open_database(config.db_path, create=create)


def _parse_mirrors(values: tuple[str, ...]) -> dict[str, str]:
    mirrors = {}
    for value in values:
        outlet, sep, origin = value.partition("=")
        if not sep or not origin.startswith(("http://", "https://")):
            raise click.BadParameter(f"expected OUTLET=http://host:port, got {value!r}", param_hint="--mirror")
        mirrors[outlet] = origin.rstrip("/")
    return mirrors


def _select_outlets(config: Config, names: tuple[str, ...]):
    from crawler.config import ConfigError, load_sources

    sources = load_sources(config.sources_path)
    if names:
        unknown = [n for n in names if n not in sources]
        if unknown:
            raise ConfigError(f"unknown outlet(s) {', '.join(unknown)}; known: {', '.join(sources)}")
        return [sources[n] for n in names]
    return [o for o in sources.values() if o.enabled]


def _date(value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"not a date (YYYY-MM-DD): {value!r}") from None


# ---- crawl ---------------------------------------------------------------------------
@cli.command()
@click.option("--outlet", "outlet_names", multiple=True, help="Only these outlets (repeatable).")
@click.option("--since", help="Backfill from this date (YYYY-MM-DD).")
@click.option("--until", help="Backfill up to this date (YYYY-MM-DD).")
@click.option("--url", "urls", multiple=True, help="Fetch these article URLs (repeatable).")
@click.option("--mirror", "mirrors", multiple=True, metavar="OUTLET=URL",
              help="Fetch an outlet from a mirror origin, e.g. baothainguyen=http://127.0.0.1:8123.")
@click.option("--polite/--no-polite", default=True, show_default=True,
              help="Delays and AutoThrottle (turn off only for local mirrors).")
@click.option("--http-cache", is_flag=True, help="Cache responses under data/cache/http (development).")
@click.pass_obj
def crawl(config: Config, outlet_names, since, until, urls, mirrors, polite, http_cache) -> None:
    """Fetch new articles (since the last run), or backfill a date range. Takes the nightly
    job's lock: exit 75 when another crawl or nightly run holds it; 3 degraded, 1 failed."""
    from crawler.settings import CrawlOptions
    from jobs.crawl import crawl as run
    from jobs.lock import RunLock

    since_d, until_d = _date(since), _date(until)
    if since_d and until_d and until_d < since_d:
        raise click.BadParameter("--until is before --since")
    options = CrawlOptions(polite=polite, http_cache_dir=str(DATA / "cache" / "http") if http_cache else None)
    mirror_map = _parse_mirrors(mirrors)
    with RunLock(config.db_path) as lock:  # the nightly job's lock: never two crawls at once
        _configure_logging(config.verbose, config.log_dir)  # the run's lines go to monitor.log too
        db = _db(config)
        before = db.article_count()
        result = run(db, config.sources_path, _select_outlets(config, outlet_names), since=since_d, until=until_d,
                     mirrors=mirror_map, options=options, urls=list(urls), keep_fds=(lock.fileno(),))
        added = db.article_count() - before
    click.echo(f"crawl ({result.mode}): {added} new articles, {result.result.count('articles/updated')} updated; "
               f"{db.article_count()} in {config.db_path}")
    for health in result.result.health:
        click.echo("  " + health.describe())
    if result.status != "success":
        click.echo(f"warning: the crawl is {result.status}: {result.problems()}", err=True)
        sys.exit(1 if result.status == "failed" else 3)


# ---- segment / classify ----------------------------------------------------------------
@cli.command()
@click.pass_obj
def segment(config: Config) -> None:
    """Word-segment articles that have no tokens for their current text."""
    from jobs.segment import segment_articles

    result = segment_articles(_db(config), workers=config.workers, progress=True)
    click.echo(f"segment: {result.segmented} articles segmented")


@cli.command()
@click.option("--input", "input_path", type=click.Path(dir_okay=False, path_type=Path),
              help='JSONL file of {"id","title","sapo","text"} to classify instead of the database.')
@click.option("--output", "output_path", type=click.Path(dir_okay=False, path_type=Path),
              help='Where to write {"id","labels","scores"} lines (default: standard output).')
@click.option("--baseline", is_flag=True, help="Use the keyword baseline instead of the model (file mode).")
@click.pass_obj
def classify(config: Config, input_path: Path | None, output_path: Path | None, baseline: bool) -> None:
    """Tag articles with topics, scores and evidence phrases."""
    from jobs.classify import classify_articles, classify_file, open_text
    from models.predict import TopicClassifier

    if output_path and not input_path:
        raise click.UsageError("--output goes with --input")
    classifier = TopicClassifier.load(config.model_path)
    if input_path is None:
        result = classify_articles(_db(config), classifier, progress=True, workers=config.workers)
        click.echo(f"classify ({classifier.model_id}): {result.classified} articles; "
                   + ", ".join(f"{k} {v}" for k, v in result.positives.items()))
        return
    if not input_path.exists():
        raise click.BadParameter(f"{input_path} does not exist", param_hint="--input")
    with open_text(input_path, "r") as source:
        sink = open_text(output_path, "w") if output_path else sys.stdout
        try:
            result = classify_file(classifier, source, sink, workers=config.workers)
        finally:
            if output_path:
                sink.close()
    click.echo(f"classified {result.classified} articles, {result.errors} bad lines", err=True)
    if result.errors:
        sys.exit(2)


# ---- train / evaluate / compare --------------------------------------------------------
@cli.command()
@click.option("--features", type=click.Choice(FEATURE_SETS), default=None,
              help="Feature set (default: the chosen one, see models/README.md).")
@click.option("--classifier", "classifier_name", type=click.Choice(CLASSIFIERS), default=None)
@click.option("--reviews/--no-reviews", default=True, show_default=True,
              help="Also learn from editor decisions stored in the database.")
@click.option("--output", type=click.Path(dir_okay=False, path_type=Path), help="Artefact path (default --model).")
@click.pass_obj
def train(config: Config, features, classifier_name, reviews, output) -> None:
    """Train the topic model from the label files + corpus (and editor reviews)."""
    from jobs.train import train_and_save

    extra = _db(config).reviewed_examples() if reviews and config.db_path.exists() else []
    path, meta = train_and_save(config.labels_dir / "gold.csv", config.corpus_dir, output or config.model_path,
                                features=features, classifier=classifier_name, extra_examples=extra,
                                cache_dir=DATA / "cache", workers=config.workers)
    cv = meta["metrics"]["cv"]
    click.echo(f"model {meta['model_id']} -> {path}")
    click.echo("cross-validated F1: " + ", ".join(f"{k} {cv[k]['f1']:.3f}" for k in ("noi_chinh", "pctn", "cctp")))


@cli.command()
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@click.pass_obj
def evaluate(config: Config, as_json: bool) -> None:
    """Per-label precision/recall/F1 on the frozen test split, baseline beside the model."""
    from jobs.train import evaluate as run

    result = run(config.model_path, config.labels_dir / "gold.csv", config.corpus_dir, config.lexicon_path,
                 cache_dir=DATA / "cache", workers=config.workers)
    if as_json:
        click.echo(json.dumps(result, ensure_ascii=False, indent=2))
        return
    from jobs.train import format_evaluation

    click.echo(format_evaluation(result))


@cli.command()
@click.pass_obj
def compare(config: Config) -> None:
    """Compare feature sets x linear models on the frozen split; writes models/README.md."""
    from jobs.train import compare_models

    rows = compare_models(config.labels_dir / "gold.csv", config.corpus_dir, ROOT / "models" / "README.md",
                          cache_dir=DATA / "cache", workers=config.workers)
    for r in rows:
        click.echo(f"{r['features']:<10} {r['classifier']:<10} macro-F1 {r['test']['macro']['f1']:.3f} "
                   f"({r['docs_per_second']} docs/s)")


# ---- report ------------------------------------------------------------------------------
@cli.command()
@click.option("--from", "date_from", help="First day (YYYY-MM-DD).")
@click.option("--to", "date_to", help="Last day (YYYY-MM-DD).")
@click.option("--year", type=int)
@click.option("--quarter", help="e.g. 2020Q1")
@click.option("--month", help="e.g. 2020-03")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json", "xlsx"]), default="table",
              show_default=True)
@click.option("--output", type=click.Path(dir_okay=False, path_type=Path), help="Write to this file.")
@click.option("--charts", "charts_dir", type=click.Path(file_okay=False, path_type=Path),
              help="Also write monthly charts (PNG and SVG) into this folder.")
@click.pass_obj
def report(config: Config, date_from, date_to, year, quarter, month, fmt, output, charts_dir) -> None:
    """Counts by outlet x topic x content type for a period, in several formats."""
    from report.build import build_report
    from report.exports import write_report
    from report.periods import make_period

    period = make_period(date_from=date_from, date_to=date_to, year=year, quarter=quarter, month=month)
    built = build_report(_db(config, create=False), period)
    for warning in built.warnings:
        click.echo(f"warning: {warning}", err=True)
    text = write_report(built, fmt, output)
    if text is not None and output is None:
        click.echo(text)
    elif output:
        click.echo(f"wrote {output}", err=True)
    if charts_dir:
        from report.charts import write_charts

        for path in write_charts(built, charts_dir):
            click.echo(f"wrote {path}", err=True)


# ---- nightly / status / backup -----------------------------------------------------------
@cli.command()
@click.option("--mirror", "mirrors", multiple=True, metavar="OUTLET=URL", help="As for crawl.")
@click.option("--polite/--no-polite", default=True, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="Print the run record as JSON.")
@click.pass_obj
def nightly(config: Config, mirrors, polite, as_json) -> None:
    """crawl -> segment -> classify -> report for what is new; exit 0 ok, 3 degraded,
    1 failed (also a night that could not start: database locked or unreadable, sources
    file missing), 75 another run holds the lock."""
    from crawler.settings import CrawlOptions
    from jobs.lock import EXIT_LOCKED, LockHeldError
    from jobs.nightly import clear_unrecorded, run_nightly, write_unrecorded
    from models.predict import TopicClassifier

    _configure_logging(1 if not as_json else 0, config.log_dir)
    mirror_map = _parse_mirrors(mirrors)
    try:
        outcome = run_nightly(config.db_path, lambda: _db(config), config.sources_path,
                              lambda: _select_outlets(config, ()), lambda: TopicClassifier.load(config.model_path),
                              mirrors=mirror_map, options=CrawlOptions(polite=polite), workers=config.workers,
                              report=_nightly_report)
    except LockHeldError as exc:
        log.warning("nightly not started: %s", exc)
        if as_json:
            click.echo(json.dumps({"run_id": None, "status": "locked", "steps": {}, "message": str(exc)}))
        click.echo(f"error: {exc}; not started", err=True)
        sys.exit(EXIT_LOCKED)
    if outcome.run_id is None:
        write_unrecorded(_unrecorded_path(config), outcome)
    else:
        clear_unrecorded(_unrecorded_path(config))
    if as_json:
        click.echo(json.dumps(outcome.as_dict(), ensure_ascii=False, indent=2, default=str))
    else:
        click.echo(_nightly_summary(outcome))
    sys.exit(outcome.exit_code)


def _unrecorded_path(config: Config) -> Path:
    """Where a night the database could not record is kept for ``status`` (removed by the
    next night the database records)."""
    return config.log_dir / "nightly-unrecorded.json"


def _nightly_report(db) -> dict:
    from report.build import build_report
    from report.periods import make_period

    today = dt.date.today()
    built = build_report(db, make_period(year=today.year))
    return {"year": today.year, "summary": built.summary}


def _nightly_summary(outcome) -> str:
    run = f"run {outcome.run_id}" if outcome.run_id is not None else "(not recorded in the database)"
    lines = [f"nightly {run}: {outcome.status.upper()}"]
    crawl_step = outcome.steps.get("crawl", {})
    if crawl_step:
        lines.append(f"  crawl: {crawl_step.get('articles/inserted', 0)} new, "
                     f"{crawl_step.get('articles/updated', 0)} updated, window since {crawl_step.get('since')}")
        errors = {k[len("errors/"):]: v for k, v in crawl_step.items() if k.startswith("errors/")}
        if errors:
            lines.append("    failed requests: " + ", ".join(f"{k} {v}" for k, v in sorted(errors.items())))
        lines += [f"    {h}" for h in crawl_step.get("health", [])]
    if "segment" in outcome.steps:
        lines.append(f"  segment: {outcome.steps['segment']['segmented']} articles")
    if "classify" in outcome.steps:
        c = outcome.steps["classify"]
        lines.append(f"  classify: {c['classified']} articles; " + ", ".join(f"{k} {v}" for k, v in c["positives"].items()))
    if "report" in outcome.steps:
        lines.append(f"  report: {outcome.steps['report']['summary']}")
    if outcome.message:
        lines.append(f"  {'error' if outcome.status == 'failed' else 'warning'}: {outcome.message}")
    return "\n".join(lines)


@cli.command()
@click.option("--json", "as_json", is_flag=True)
@click.pass_obj
def status(config: Config, as_json: bool) -> None:
    """The last runs and whether the last nightly run was healthy (exit 0 if so); a run whose
    process is gone is shown (and recorded) as interrupted, and a night the database could
    not record (it was locked or unreadable) as failed."""
    from jobs.nightly import read_unrecorded
    from jobs.processes import owner_alive
    from storage import DatabaseMissingError, StorageError

    unrecorded = read_unrecorded(_unrecorded_path(config))
    try:
        db = _db(config, create=False)
        db.mark_interrupted_runs(owner_alive)
        runs = db.last_runs(limit=10)
    except DatabaseMissingError:
        raise  # a mistyped path: the one-line error every read-only command gives (exit 2)
    except StorageError as exc:
        click.echo(f"error: {exc}", err=True)
        if unrecorded:
            click.echo(f"last nightly: failed at {unrecorded['at']} (not recorded: {unrecorded['message']})")
        sys.exit(1)
    last = next((r for r in runs if r["kind"] == "nightly"), None)
    state, note = (last["status"], "") if last else ("never ran", "")
    if unrecorded:  # the last night failed and the database could not record it
        state, note = "failed", f" at {unrecorded['at']} (not recorded in the database: {unrecorded['message']})"
    healthy = state == "success"
    if as_json:
        click.echo(json.dumps(runs, ensure_ascii=False, indent=2))
    else:
        for run in runs:
            click.echo(f"{run['id']:>5} {run['kind']:<8} {run['status']:<9} {run['started_at']} -> "
                       f"{run['finished_at'] or '…'} {run['message'] or ''}")
        click.echo(f"last nightly: {state}" + (" (healthy)" if healthy else note))
    sys.exit(0 if healthy else 1)


@cli.command()
@click.argument("target", type=click.Path(dir_okay=False, path_type=Path))
@click.pass_obj
def backup(config: Config, target: Path) -> None:
    """Write a consistent copy of the database (safe while the nightly job writes)."""
    _db(config, create=False).backup(target)
    click.echo(f"backup written to {target}")


# ---- web app -------------------------------------------------------------------------------
@cli.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True)
@click.option("--secure-cookies", is_flag=True, help="Send the session cookie over HTTPS only.")
@click.pass_obj
def serve(config: Config, host: str, port: int, secure_cookies: bool) -> None:
    """Start the editors' review web app (create an account first: create-user)."""
    from review.app import create_app

    _db(config, create=False)  # an existing database, migrated before serving
    app = create_app(str(config.db_path), secret_key=_secret_key(config), fetch_article=_article_fetcher(config),
                     secure_cookies=secure_cookies)
    click.echo(f"review app on http://{host}:{port}/  (database {config.db_path})")
    app.run(host=host, port=port, debug=False)


def _secret_key(config: Config) -> str:
    """MONITOR_SECRET_KEY, or a key kept beside the database (made once, mode 600)."""
    if os.environ.get("MONITOR_SECRET_KEY"):
        return os.environ["MONITOR_SECRET_KEY"]
    import secrets

    path = config.db_path.parent / "secret_key"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_hex(32), encoding="utf-8")
        path.chmod(0o600)
    return path.read_text(encoding="utf-8").strip()


def _article_fetcher(config: Config):
    """Fetch one URL the crawl missed, through the same crawler code path."""
    def fetch(url: str) -> int:
        from crawler.runner import CrawlError
        from jobs.crawl import crawl as run

        db = _db(config)
        outlets = _select_outlets(config, ())
        run(db, config.sources_path, outlets, urls=[url])
        from crawler.urls import canonical_url, is_article_url

        for outlet in outlets:
            if is_article_url(url, outlet):
                rows = db.query("SELECT id FROM articles WHERE canonical_url = ?", [canonical_url(url, outlet)])
                if rows:
                    return rows[0]["id"]
        raise CrawlError(f"no article could be stored from {url}")

    return fetch


@cli.command("create-user")
@click.argument("username")
@click.option("--role", type=click.Choice(["editor", "viewer"]),
              help="editor or viewer; a new account is an editor, a reset keeps the account's role.")
@click.password_option()
@click.pass_obj
def create_user(config: Config, username: str, role: str | None, password: str) -> None:
    """Create (or reset) an account of the review app."""
    from review.accounts import create_user as create

    stored = create(_db(config), username, password, role)
    click.echo(f"user {username} ({stored}) saved")


@cli.command("delete-user")
@click.argument("username")
@click.pass_obj
def delete_user(config: Config, username: str) -> None:
    """Remove an account of the review app (its sessions end at once)."""
    from review.accounts import delete_user as delete

    delete(_db(config), username)
    click.echo(f"user {username} deleted")


# ---- demo ------------------------------------------------------------------------------------
@cli.command()
@click.pass_obj
def demo(config: Config) -> None:
    """Serve the stand-in site locally, crawl it, segment, classify, and print counts."""
    from crawler.settings import CrawlOptions
    from jobs.classify import classify_articles
    from jobs.crawl import crawl as run
    from jobs.segment import segment_articles
    from models.predict import TopicClassifier
    from report.counts import count_table, items_frame
    from standin.server import serving
    from standin.site import build_sites, load_articles

    db = _db(config)
    outlets = _select_outlets(config, ("baothainguyen", "thainguyentv"))
    before = db.article_count()
    with serving(build_sites(load_articles(DATA / "standin" / "articles.yaml"))) as mirrors:
        click.echo("stand-in site: " + ", ".join(f"{k} at {v}" for k, v in mirrors.items()))
        result = run(db, config.sources_path, outlets, mirrors=mirrors, options=CrawlOptions(polite=False))
    added = db.article_count() - before
    segmented = segment_articles(db, workers=config.workers).segmented
    classified = classify_articles(db, TopicClassifier.load(config.model_path), workers=config.workers).classified
    click.echo(f"crawl: {added} new articles" + (" (nothing new: every article was already stored)" if not added else ""))
    click.echo(f"segment: {segmented}, classify: {classified}")
    items = items_frame(db.report_items("1900-01-01", "2999-12-31"), db.outlets())
    table = count_table(items)
    from tabulate import tabulate

    click.echo(tabulate(table.drop(columns=["outlet"]), headers=["cơ quan", "loại", "nội chính", "PCTN", "CCTP",
                                                                "tổng (≥1 chủ đề)", "đã duyệt", "chỉ mô hình"],
                        tablefmt="simple", showindex=False))
    click.echo(f"database: {config.db_path} ({db.article_count()} articles)")
    if result.status != "success":
        click.echo(f"warning: the crawl is {result.status}: {result.problems()}", err=True)


class Terminated(SystemExit):
    """SIGTERM as an exception: a run stops its crawl child, records itself interrupted and
    releases its lock on the way out (the default action would end the process on the spot)."""


def _terminate(signum: int, frame) -> None:
    raise Terminated(128 + signum)


# ---- stand-in site ---------------------------------------------------------------------------
@cli.command("standin")
@click.option("--port", default=8765, show_default=True,
              help="baothainguyen on PORT, thainguyentv on PORT+1 (0: any free ports).")
@click.option("--new", "fresh", default=0, show_default=True,
              help="Also N articles per outlet published in the last hours (run it again with more "
                   "to give the next nightly something new).")
def standin_command(port: int, fresh: int) -> None:
    """Serve the local stand-in site until Ctrl-C, to try crawl, nightly or the cron line by
    hand; prints the --mirror arguments that point a crawl at it."""
    import threading
    from zoneinfo import ZoneInfo

    from standin.server import serving
    from standin.site import build_sites, fresh_articles, load_articles

    articles = load_articles(DATA / "standin" / "articles.yaml")
    now = dt.datetime.now(ZoneInfo("Asia/Ho_Chi_Minh")).replace(tzinfo=None)  # the sites print local time
    articles += fresh_articles(articles, fresh, now)
    ports = {"baothainguyen": port, "thainguyentv": port + 1} if port else None
    with serving(build_sites(articles), ports) as mirrors:
        arguments = " ".join(f"--mirror {outlet}={origin}" for outlet, origin in mirrors.items())
        click.echo(f"stand-in site: {len(articles)} articles; " + ", ".join(f"{k} at {v}" for k, v in mirrors.items()))
        click.echo(f"mirror arguments: {arguments}")
        click.echo(f"try: python pipeline.py nightly --no-polite {arguments}")
        click.echo("Ctrl-C stops it.")
        threading.Event().wait()


def main() -> None:
    signal.signal(signal.SIGTERM, _terminate)
    cli()


if __name__ == "__main__":
    main()
