"""``strikemap run``: articles to map.html, events, regions.csv/md and report.json.

The job itself is :func:`geo.engines.job.run_job`; this module reads the
options, says what happens, and hands the job a map writer that calls the
``maps`` package (which ``geo`` never imports).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import click

from strikemap.console import Reporter, exit_if_nothing_read, fail, summary
from strikemap.options import (
    FORMATS,
    check_usage,
    engine_options,
    engine_settings,
    iso_date,
)

__all__ = ["map_writer", "run_"]


def map_writer(*, offline: bool, cdn: bool) -> Any:
    """A :data:`geo.engines.job.MapWriter` that draws with ``maps``.

    Parameters
    ----------
    offline : bool
        Leave out the optional OpenStreetMap tile layer.
    cdn : bool
        Link Leaflet from a CDN instead of writing it into the page.

    Returns
    -------
    callable
        ``(events, summary, path, title) -> None``.
    """

    def draw(events: list, summary: Any, path: Path, title: str | None) -> None:
        from maps import build_map, save_map

        m = build_map(
            events,
            summary,
            title=title,
            tiles=None if offline else "OpenStreetMap",
        )
        save_map(m, path, assets="cdn" if cdn else "inline")

    return draw


@click.command("run")
@click.argument("inputs", nargs=-1)
@click.option(
    "-o",
    "--outdir",
    default="strikemap-out",
    show_default=True,
    help="Output folder.",
)
@click.option(
    "--since",
    callback=iso_date,
    default=None,
    help="Keep events on or after this date.",
)
@click.option(
    "--until",
    callback=iso_date,
    default=None,
    help="Keep events on or before this date.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default="geojson",
    show_default=True,
    help="Format of the event table.",
)
@click.option(
    "--by",
    type=click.Choice(["week", "month"]),
    default=None,
    help="Add a per-period table to the region summary.",
)
@click.option(
    "--offline",
    is_flag=True,
    help="Leave out the optional OpenStreetMap tile layer: the page makes no "
    "request at all.",
)
@click.option(
    "--cdn",
    is_flag=True,
    help="Link Leaflet from a CDN instead of writing it into map.html "
    "(a smaller file that needs the network).",
)
@click.option("--title", default=None, help="Map title (default: from the date range).")
@click.option(
    "--map-limit",
    type=click.IntRange(min=0),
    default=50_000,
    show_default=True,
    help="Most events drawn on the map (the most recent); the table has them all.",
)
@engine_options
def run_(
    inputs: tuple[str, ...],
    outdir: str,
    since: date | None,
    until: date | None,
    fmt: str,
    by: str | None,
    offline: bool,
    cdn: bool,
    title: str | None,
    map_limit: int,
    default_date: date | None,
    jobs: int | None,
    cache: str | None,
    engine: str,
    scheduler: str | None,
    telegram_username: str | None,
    quiet: bool,
    verbose: bool,
) -> None:
    """From articles to map.html, events, regions.csv/md and report.json in OUTDIR.

    With no INPUTS it runs on the bundled sample articles (invented examples,
    labelled as such), which is the quickest way to see what strikemap does.
    """
    from gazetteer.exc import StrikemapError
    from geo.engines.job import JobOptions, run_job

    check_usage(quiet=quiet, verbose=verbose, since=since, until=until)
    options = JobOptions(
        since=since,
        until=until,
        fmt=fmt,
        by=by,
        title=title,
        map_limit=map_limit,
        engine=engine_settings(
            default_date=default_date,
            jobs=jobs,
            cache=cache,
            engine=engine,
            scheduler=scheduler,
            telegram_username=telegram_username,
        ),
    )
    reporter = Reporter(quiet=quiet, verbose=verbose)
    try:
        job = run_job(
            list(inputs) or None,
            outdir,
            options,
            draw_map=map_writer(offline=offline, cdn=cdn),
            on_article=reporter.on_article,
            on_warning=reporter.on_warning,
            on_notice=reporter.on_notice,
            on_extracted=lambda _: reporter.close(),
        )
    except StrikemapError as exc:
        reporter.close()
        fail(str(exc))
    summary(
        job.report,
        err=False,
        filtered=bool(since or until),
        outdir=Path(outdir),
        written=job.names,
    )
    exit_if_nothing_read(job.run)
