"""Options several subcommands share, and the checks of their combinations."""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import date
from typing import Any, TypeVar

import click

__all__ = [
    "FORMATS",
    "check_usage",
    "engine_options",
    "engine_settings",
    "iso_date",
]

#: The formats of the event table (``--format``).
FORMATS = ("geojson", "csv", "gpkg", "parquet", "geojsonl", "geojsons")

F = TypeVar("F", bound=Callable[..., Any])


def iso_date(
    ctx: click.Context, param: click.Parameter, value: str | None
) -> date | None:
    """Click callback: an ISO 8601 date, or a usage error."""
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(
            f"{value!r} is not an ISO 8601 date (YYYY-MM-DD)"
        ) from None


def engine_options(f: F) -> F:
    """Add the options of an engine run (``--date``, ``--jobs``... ``-v``)."""
    f = click.option(
        "--date",
        "default_date",
        callback=iso_date,
        default=None,
        help="Publication date for undated articles (YYYY-MM-DD).",
    )(f)
    f = click.option(
        "--jobs",
        "-j",
        type=click.IntRange(min=1),
        default=None,
        help="Worker processes (default: all cores).",
    )(f)
    f = click.option(
        "--cache",
        type=click.Path(file_okay=False),
        default=None,
        help="Folder remembering each article's events; "
        "re-runs read only new articles.",
    )(f)
    f = click.option(
        "--engine",
        type=click.Choice(["local", "dask"]),
        default="local",
        show_default=True,
        help="Run extraction locally or on Dask.",
    )(f)
    f = click.option(
        "--scheduler",
        default=None,
        help="Dask scheduler address (default: a local cluster).",
    )(f)
    f = click.option(
        "--telegram-username",
        default=None,
        metavar="NAME",
        help="Channel username for the t.me URLs of Telegram export messages "
        "(default: the one the export's links name).",
    )(f)
    f = click.option(
        "-q", "--quiet", is_flag=True, help="No progress bar or per-article lines."
    )(f)
    f = click.option(
        "-v", "--verbose", is_flag=True, help="One stderr line per article."
    )(f)
    return f


def engine_settings(
    *,
    default_date: date | None,
    jobs: int | None,
    cache: str | None,
    engine: str,
    scheduler: str | None,
    telegram_username: str | None = None,
) -> Any:
    """The :class:`geo.engines.job.EngineOptions` the options give."""
    from geo.engines.job import EngineOptions

    return EngineOptions(
        default_date=default_date,
        jobs=jobs or os.cpu_count() or 1,
        cache=cache,
        engine=engine,
        scheduler=scheduler,
        telegram_username=(telegram_username or "").lstrip("@") or None,
    )


def check_usage(
    *,
    quiet: bool,
    verbose: bool,
    since: date | None = None,
    until: date | None = None,
) -> None:
    """Option combinations that make no sense are usage errors (exit 2)."""
    if quiet and verbose:
        raise click.UsageError("-q/--quiet and -v/--verbose exclude each other")
    if since and until and since > until:
        raise click.UsageError(
            f"--since {since.isoformat()} is after --until {until.isoformat()}"
        )
