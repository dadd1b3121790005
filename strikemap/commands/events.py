"""``strikemap events``: articles to the table of merged strike events only."""

from __future__ import annotations

import gc
import os
from datetime import date
from pathlib import Path

import click

from strikemap.console import Reporter, exit_if_nothing_read, fail, quote, summary
from strikemap.options import FORMATS, check_usage, engine_options, engine_settings

__all__ = ["event_format", "events"]


def event_format(output: str, fmt: str | None) -> str:
    """The format of ``events -o OUTPUT``; a usage error when it cannot be told.

    Parameters
    ----------
    output : str
        The path, or ``-`` for standard output.
    fmt : str or None
        ``--format``.

    Returns
    -------
    str
        One of :data:`~strikemap.options.FORMATS`.
    """
    from geo.tables.export import FORMATS as KNOWN
    from geo.tables.export import format_for_path

    if output == "-":
        if fmt not in (None, "geojson"):
            raise click.UsageError(
                f"--format {fmt} cannot be written to standard output; give -o FILE"
            )
        return "geojson"
    if fmt:
        return fmt
    suffix = Path(output).suffix.lower()
    known = set(KNOWN.values()) | {".json", ".ndjson", ".geojsonseq"}
    if suffix and suffix not in known:
        raise click.UsageError(
            f"cannot tell the format of {output!r} from {suffix!r}; give --format "
            f"({', '.join(FORMATS)})"
        )
    return format_for_path(output)


def check_output_file(path: Path) -> None:
    """Fail in one line, before any extraction, when OUTPUT cannot be written."""
    if path.is_dir():
        fail(f"cannot write {quote(path)}: it is a folder")
    folder = path.parent
    if not folder.is_dir():
        fail(f"cannot write {quote(path)}: folder {quote(folder)} does not exist")
    if not os.access(folder, os.W_OK) and not (
        path.exists() and os.access(path, os.W_OK)
    ):
        fail(f"cannot write {quote(path)}: folder {quote(folder)} is not writable")


@click.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option(
    "-o",
    "--output",
    default="-",
    show_default=True,
    help="Output file ('-' for stdout).",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default=None,
    help="Event table format (default: from the file name, else geojson).",
)
@engine_options
def events(
    inputs: tuple[str, ...],
    output: str,
    fmt: str | None,
    default_date: date | None,
    jobs: int | None,
    cache: str | None,
    engine: str,
    scheduler: str | None,
    telegram_username: str | None,
    quiet: bool,
    verbose: bool,
) -> None:
    """Extract merged strike events from INPUTS (files, folders, JSONL, '-' for stdin).

    Writes an RFC 7946 FeatureCollection (or --format) of one event per place
    and day; each skipped input gets one line on stderr naming it and why.
    """
    from gazetteer.exc import StrikemapError
    from geo.engines.job import extract_events
    from geo.tables.export import FILE_ONLY_FORMATS, write_events
    from geo.tables.output import target_kind

    check_usage(quiet=quiet, verbose=verbose)
    fmt = event_format(output, fmt)
    try:
        kind = target_kind(output)
    except StrikemapError as exc:
        fail(str(exc))
    if fmt in FILE_ONLY_FORMATS and kind in ("fifo", "chardev", "stdout"):
        raise click.UsageError(
            f"--format {fmt} needs a regular file, and {quote(output)} is a stream"
        )
    if kind in ("missing", "file"):
        check_output_file(Path(output))
    settings = engine_settings(
        default_date=default_date,
        jobs=jobs,
        cache=cache,
        engine=engine,
        scheduler=scheduler,
        telegram_username=telegram_username,
    )
    reporter = Reporter(quiet=quiet, verbose=verbose)
    try:
        result = extract_events(
            list(inputs),
            settings,
            on_article=reporter.on_article,
            on_warning=reporter.on_warning,
        )
    except StrikemapError as exc:
        reporter.close()
        fail(str(exc))
    reporter.close()
    # the events are kept to the end of the command and hold no cycles: the
    # cyclic collector need not rescan them while they are written
    gc.set_threshold(100_000, 50, 100)
    gc.freeze()
    try:
        # a regular file is replaced atomically, a symlink written through, a
        # FIFO, a device or "-" streamed into
        write_events(result.features, output, fmt)
    except StrikemapError as exc:
        fail(str(exc))
    if not quiet:
        summary(result.to_report(), err=True)
    exit_if_nothing_read(result)
