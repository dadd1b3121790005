"""A whole ``strikemap run`` job: from inputs to a complete output folder.

:func:`run_job` opens the output folder first (a folder that cannot be made
fails before any article is read), runs an engine (:func:`extract_events`),
keeps the events within the date filter, and writes the event table, the
region summaries, the map and ``report.json`` through one
:class:`~geo.tables.output.OutputSet`: every file is staged and the set is
moved into place at the end, ``report.json`` last, so a failure leaves the
previous complete set.

The map is drawn by the ``maps`` package, which ``geo`` never imports: the
caller passes a :data:`MapWriter` (the command line passes one that calls
``maps``).  The map gets at most ``map_limit`` events, the most recent, and
its title says so; the table and the summaries always have every event.
"""

from __future__ import annotations

import gc
import json
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Any, TypeAlias

from geo.engines.result import ArticleStatus, RunResult, within_dates

__all__ = [
    "DEFAULT_MAP_LIMIT",
    "EngineOptions",
    "JobOptions",
    "JobResult",
    "MapWriter",
    "extract_events",
    "run_files",
    "run_job",
    "sample_inputs",
]

#: Most events the map draws by default.
DEFAULT_MAP_LIMIT = 50_000

#: Draws the map: ``(events, region summary, path, title)``; writes ``path``.
MapWriter: TypeAlias = Callable[[list, Any, Path, "str | None"], None]


@dataclass(frozen=True, slots=True)
class EngineOptions:
    """Which engine extracts, and how.

    Attributes
    ----------
    default_date : datetime.date or None
        Publication date for undated articles (``--date``).
    jobs : int
        Worker processes of the local engine.
    cache : str or None
        Folder of cached extractions.
    engine : str
        ``"local"`` or ``"dask"``.
    scheduler : str or None
        The Dask scheduler's address (default: a local cluster).
    telegram_username : str or None
        The channel username for the URLs of Telegram export articles.
    """

    default_date: date | None = None
    jobs: int = 1
    cache: str | None = None
    engine: str = "local"
    scheduler: str | None = None
    telegram_username: str | None = None


@dataclass(frozen=True, slots=True)
class JobOptions:
    """What a ``strikemap run`` job writes.

    Attributes
    ----------
    since, until : datetime.date or None
        Keep events on or after / on or before these dates (undated events
        are dropped once either is given).
    fmt : str
        Format of the event table (``events.<fmt>``); ``events.geojson`` is
        written in any case.
    by : str or None
        ``"week"`` or ``"month"``: add a per-period table to the summaries.
    title : str or None
        The map's title.
    map_limit : int
        Most events drawn on the map.
    engine : EngineOptions
    """

    since: date | None = None
    until: date | None = None
    fmt: str = "geojson"
    by: str | None = None
    title: str | None = None
    map_limit: int = DEFAULT_MAP_LIMIT
    engine: EngineOptions = field(default_factory=EngineOptions)


@dataclass(frozen=True, slots=True)
class JobResult:
    """What a job did.

    Attributes
    ----------
    run : RunResult
        The engine's result (every event, before the date filter).
    report : dict
        ``report.json`` as written.
    written : tuple of pathlib.Path
        The files placed in the output folder, in the order placed.
    """

    run: RunResult
    report: dict
    written: tuple[Path, ...]

    @property
    def names(self) -> list[str]:
        """The names of the files written, sorted."""
        return sorted(p.name for p in self.written)


def extract_events(
    inputs: Iterable[str | os.PathLike],
    options: EngineOptions | None = None,
    *,
    on_article: Callable[[ArticleStatus], None] | None = None,
    on_warning: Callable[[str], None] | None = None,
) -> RunResult:
    """Run the engine the options name over the inputs.

    Parameters
    ----------
    inputs : iterable of path
        Files, folders, JSONL(.gz) files, ``-`` for JSONL on stdin.
    options : EngineOptions, optional
        The local engine on one process by default.
    on_article, on_warning : callable, optional
        As for :func:`geo.engines.pipeline.run`.

    Returns
    -------
    RunResult

    Raises
    ------
    ValueError
        For an engine that is neither ``"local"`` nor ``"dask"``.
    gazetteer.exc.StrikemapError
        When the Dask engine cannot start (see
        :func:`geo.engines.distributed.run_dask`).
    """
    options = options or EngineOptions()
    if options.engine == "dask":
        from geo.engines.distributed import run_dask

        return run_dask(
            inputs,
            default_date=options.default_date,
            scheduler=options.scheduler,
            cache=options.cache,
            on_article=on_article,
            on_warning=on_warning,
            telegram_username=options.telegram_username,
        )
    if options.engine != "local":
        raise ValueError(f"unknown engine {options.engine!r}")
    from geo.engines.pipeline import run

    return run(
        inputs,
        default_date=options.default_date,
        jobs=options.jobs,
        cache=options.cache,
        on_article=on_article,
        on_warning=on_warning,
        telegram_username=options.telegram_username,
    )


def sample_inputs() -> list[str]:
    """The bundled sample articles (invented examples, labelled as such).

    Returns
    -------
    list of str
        Their paths, sorted.
    """
    folder = resources.files("geo").joinpath("samples")
    return sorted(str(p) for p in folder.iterdir() if p.name.endswith(".txt"))


def run_files() -> tuple[str, ...]:
    """Glob patterns of the files of a run's set (older ones are replaced).

    Returns
    -------
    tuple of str
    """
    from geo.tables.export import FORMATS

    return (
        "map.html",
        "report.json",
        "regions.csv",
        "regions.md",
        "regions_by_*.csv",
        *(f"events{suffix}" for suffix in FORMATS.values()),
    )


def _plural(n: int, word: str) -> str:
    return f"{n:,} {word if n == 1 else word + 's'}"


def _slim(features: list[dict]) -> list[dict]:
    """Events without evidence: what summaries and the spatial join need.

    Normalised events stay so (only their sources are cut to the article).
    """
    out = type(features)()
    for f in features:
        props = dict(f["properties"])
        props["sources"] = [{"article": s["article"]} for s in props["sources"]]
        out.append({"type": "Feature", "geometry": f["geometry"], "properties": props})
    return out


def _capped(
    features: list[dict], limit: int, title: str | None
) -> tuple[list, str | None]:
    """The events the map draws (the most recent ``limit``) and its title."""
    if len(features) <= limit:
        return features, title
    recent = sorted(features, key=lambda f: f["properties"]["date"] or "", reverse=True)
    title = (
        f"{title or 'Strikes on Ukraine'}: the {limit:,} most recent "
        f"of {len(features):,} events (all in events.geojson)"
    )
    return type(features)(recent[:limit]), title


@contextmanager
def _kept() -> Iterator[None]:
    """The events are kept to the end of the job and hold no cycles.

    The cyclic collector need not rescan them while they are written,
    summarised and drawn: they are frozen out of it, and collections are
    rare, until the job ends.
    """
    before = gc.get_threshold()
    gc.set_threshold(100_000, 50, 100)
    gc.freeze()
    try:
        yield
    finally:
        gc.set_threshold(*before)
        gc.unfreeze()


def run_job(
    inputs: Sequence[str | os.PathLike] | None,
    outdir: str | os.PathLike,
    options: JobOptions | None = None,
    *,
    draw_map: MapWriter | None = None,
    on_article: Callable[[ArticleStatus], None] | None = None,
    on_warning: Callable[[str], None] | None = None,
    on_notice: Callable[[str], None] | None = None,
    on_extracted: Callable[[RunResult], None] | None = None,
) -> JobResult:
    """From articles to the events, summaries, map and report in ``outdir``.

    Parameters
    ----------
    inputs : sequence of path, or None
        Files, folders, JSONL(.gz) files, ``-`` for stdin; None (or empty)
        runs on the bundled samples (:func:`sample_inputs`) and the report
        says so (``sample``).
    outdir : path
        The output folder, made if missing.
    options : JobOptions, optional
    draw_map : MapWriter, optional
        Writes ``map.html``; without it no map is written and
        ``events_on_map`` is null.
    on_article : callable, optional
        Called with each article's status, in input order.
    on_warning : callable, optional
        Called with each warning of the run (a cache that cannot be written;
        events whose oblast the spatial join and the gazetteer disagree on).
    on_notice : callable, optional
        Called with what the caller may want to tell the user (running on
        the samples).
    on_extracted : callable, optional
        Called with the engine's result once every article is read, before
        the files are written (to take a progress bar away).

    Returns
    -------
    JobResult

    Raises
    ------
    gazetteer.exc.StrikemapError
        In one line: an output folder or file that cannot be written (the
        previous set is left as it was), an engine that cannot start.
    """
    from geo.tables.export import normalize_features, write_events
    from geo.tables.frames import check_admin1_agreement, events_to_frame
    from geo.tables.output import OutputSet
    from geo.tables.summary import period_summary, region_summary, write_summary

    options = options or JobOptions()
    since, until, fmt, by = options.since, options.until, options.fmt, options.by
    sample = not inputs
    # the folder is made (or refused, in one line) before any extraction
    with OutputSet(outdir, replaces=run_files()) as out:
        if sample:
            inputs = sample_inputs()
            if on_notice:
                on_notice(
                    "no input given: running on the bundled sample articles "
                    "(invented examples, not real reports)"
                )
        assert inputs is not None
        result = extract_events(
            list(inputs), options.engine, on_article=on_article, on_warning=on_warning
        )
        if on_extracted:
            on_extracted(result)
        with _kept():
            # normalised once: the writers, the frames and the map take them as
            # they are; undated events are dropped once a date bound is given
            features = within_dates(
                normalize_features(result.features), since=since, until=until
            )
            events_name = "events.geojson" if fmt == "geojson" else f"events.{fmt}"
            write_events(features, out.path(events_name), fmt)
            if fmt != "geojson":
                write_events(features, out.path("events.geojson"), "geojson")
            # the frame (oblasts by spatial join) drives the summaries: built
            # from the events without their evidence, which a large run cannot
            # afford twice
            gdf = events_to_frame(_slim(features))
            problems = check_admin1_agreement(gdf)
            if problems and on_warning:
                on_warning(
                    f"{_plural(len(problems), 'event')} lie in another oblast than "
                    "the gazetteer says (near a border); see report.json"
                )
            report = result.to_report(since=since, until=until)
            summary = region_summary(gdf)
            periods = period_summary(gdf, by) if by else None
            write_summary(
                summary,
                out.path("regions.csv"),
                out.path("regions.md"),
                periods=periods,
                by=by,
                articles=report["articles_read"],
                undated=len(report["undated"]),
                since=since,
                until=until,
            )
            del gdf
            report["sample"] = sample
            report["admin1_disagreements"] = problems
            on_map, title = _capped(features, options.map_limit, options.title)
            report["events_on_map"] = len(on_map) if draw_map else None
            if draw_map:
                # the features as they are: the same map as from their frame
                draw_map(on_map, summary, out.path("map.html"), title)
            out.write_text(
                "report.json", json.dumps(report, ensure_ascii=False, indent=1) + "\n"
            )
    return JobResult(result, report, tuple(out.written))
