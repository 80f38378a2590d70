"""Monthly charts of a report, per topic and per outlet, as PNG and SVG.

matplotlib is imported and the Agg canvas chosen inside ``write_charts`` (no pyplot, no
global backend switch), so importing this module costs nothing and the charts can be
drawn from the CLI, the nightly job or the review web app's threads alike.
"""
from __future__ import annotations

import logging
from pathlib import Path

import pandas as pd

from report.build import Report
from report.counts import COUNT_COLUMNS, TOPIC_NAMES_VI
from report.exports import ReportError
from report.summary import format_number

log = logging.getLogger(__name__)

FONT = "DejaVu Sans"  # has every Vietnamese letter with its tone marks
TOPIC_LINES = {"noi_chinh": "Nội chính", "pctn": "Phòng, chống tham nhũng, tiêu cực",
               "cctp": "Cải cách tư pháp", "any_topic": TOPIC_NAMES_VI["any_topic"]}


def _month_label(month: str, several_years: bool) -> str:
    year, number = month.split("-")
    return f"{int(number)}/{year}" if several_years else f"T{int(number)}"


def _by_topic(report: Report) -> pd.DataFrame:
    """Month × topic totals over every outlet, every month of the period present."""
    months = report.period.months
    if report.monthly.empty:
        return pd.DataFrame(0, index=months, columns=list(COUNT_COLUMNS))
    sums = report.monthly.groupby("month")[list(COUNT_COLUMNS)].sum()
    return sums.reindex(months, fill_value=0).astype(int)


def _by_outlet(report: Report) -> pd.DataFrame:
    """Month × outlet name of any_topic, every month of the period present."""
    months = report.period.months
    if report.monthly.empty:
        return pd.DataFrame({"Tất cả": [0] * len(months)}, index=months)
    wide = report.monthly.pivot_table(index="month", columns="outlet_name", values="any_topic",
                                      aggfunc="sum", fill_value=0)
    return wide.reindex(months, fill_value=0).astype(int)


def _draw(frame: pd.DataFrame, title: str, legend_title: str, report: Report, stem: Path) -> list[Path]:
    import matplotlib
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from matplotlib.ticker import FuncFormatter, MaxNLocator

    months = list(frame.index)
    several_years = report.period.start.year != report.period.end.year
    rc = {"font.family": "sans-serif", "font.sans-serif": [FONT], "svg.hashsalt": "noichinh-monitor",
          "axes.spines.top": False, "axes.spines.right": False}
    written = []
    with matplotlib.rc_context(rc):
        figure = Figure(figsize=(max(9.0, 0.6 * len(months) + 5), 4.8), layout="constrained")
        FigureCanvasAgg(figure)
        axes = figure.add_subplot()
        x = range(len(months))
        for column in frame.columns:
            total = column == TOPIC_LINES["any_topic"]
            axes.plot(x, frame[column].tolist(), marker="o", linewidth=3 if total else 1.8,
                      linestyle="--" if total else "-", color="black" if total else None, label=str(column))
        axes.set_xticks(list(x), [_month_label(m, several_years) for m in months],
                        rotation=45 if several_years or len(months) > 12 else 0)
        axes.set_xlim(-0.5, len(months) - 0.5)
        axes.set_ylim(bottom=0, top=max(1, int(frame.to_numpy().max()) if frame.size else 1) * 1.15)
        axes.yaxis.set_major_locator(MaxNLocator(integer=True))
        axes.yaxis.set_major_formatter(FuncFormatter(lambda v, _: format_number(v)))
        axes.grid(axis="y", alpha=0.3)
        axes.set_title(title)
        axes.set_xlabel("Tháng")
        axes.set_ylabel("Số tin, bài")
        axes.legend(title=legend_title, fontsize="small", loc="upper left", bbox_to_anchor=(1.01, 1.0),
                    frameon=False)
        for suffix in (".png", ".svg"):
            path = stem.with_suffix(suffix)
            try:
                if suffix == ".png":
                    figure.savefig(path, dpi=150, metadata={"Software": None})
                else:
                    figure.savefig(path, metadata={"Date": None})
            except OSError as exc:
                raise ReportError(f"cannot write {path}: {exc.strerror or exc}") from exc
            written.append(path)
    return written


def write_charts(report: Report, out_dir: Path) -> list[Path]:
    """Monthly counts per topic and per outlet, as PNG and SVG in *out_dir*; the paths written.

    Files: bieu-do-<period>-chu-de.{png,svg} (every outlet together, one line per topic)
    and bieu-do-<period>-co-quan.{png,svg} (one line per outlet, each piece counted once).
    """
    out_dir = Path(out_dir)
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ReportError(f"cannot create {out_dir}: {exc.strerror or exc}") from exc
    label = report.period.label
    by_topic = _by_topic(report).rename(columns=TOPIC_LINES)
    paths = _draw(by_topic, f"Tin, bài theo chủ đề và theo tháng, {label}", "Chủ đề", report,
                  out_dir / f"bieu-do-{report.period.slug}-chu-de")
    paths += _draw(_by_outlet(report), f"Tin, bài theo cơ quan báo chí và theo tháng, {label}\n"
                   "(mỗi tin, bài tính một lần dù thuộc nhiều chủ đề)", "Cơ quan báo chí", report,
                   out_dir / f"bieu-do-{report.period.slug}-co-quan")
    log.info("wrote %d chart files to %s", len(paths), out_dir)
    return paths
