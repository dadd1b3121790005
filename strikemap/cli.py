"""The ``strikemap`` command: one click group, one function per subcommand.

stdout carries data (``geocode``, ``events -o -``, ``eval``) or, for ``run``,
the summary; messages, per-article lines and progress go to stderr. Exit
status: 0 success, 1 a runtime error (a name that did not resolve, every
input skipped), 2 a usage error.
"""

from __future__ import annotations

import gc
import json
import os
import sys
from datetime import date
from importlib import resources
from pathlib import Path

import click

from strikemap import __version__

FORMATS = ("geojson", "csv", "gpkg", "parquet", "geojsonl", "geojsons")


def _iso_date(ctx, param, value):
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(
            f"{value!r} is not an ISO 8601 date (YYYY-MM-DD)"
        ) from None


def _fail(message: str) -> None:
    click.echo(f"strikemap: {message}", err=True)
    sys.exit(1)


class _Strikemap(click.Group):
    """The command group; a failing standard output is one line, never a traceback.

    ``strikemap events > /dev/full`` or a closed pipe must not end in a
    traceback (from the write, or from the interpreter's final flush).
    """

    def main(self, *args, **kwargs):  # type: ignore[override]
        try:
            try:
                return super().main(*args, **kwargs)
            finally:
                sys.stdout.flush()
        except BrokenPipeError:
            # the reader went away (``| head``): nothing more to say
            _silence_stdout()
            sys.exit(1)
        except OSError as exc:
            if exc.errno is None or getattr(exc, "filename", None):
                raise
            _silence_stdout()
            click.echo(
                f"strikemap: cannot write to standard output: {exc.strerror}", err=True
            )
            sys.exit(1)


def _silence_stdout() -> None:
    """Point stdout at /dev/null so the interpreter's exit flush cannot fail."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):
        pass


@click.group(cls=_Strikemap, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="strikemap")
def main() -> None:
    """Strike events in Ukraine from English news articles: events, maps, summaries."""


# -- geocode --------------------------------------------------------------------------
@main.command()
@click.argument("names", nargs=-1, required=True)
@click.option("--json", "as_json", is_flag=True, help="Print a JSON array.")
@click.option("--all", "show_all", is_flag=True, help="Add the ranked alternatives.")
@click.option(
    "--context", default=None, help="Text around the names (oblasts named in it win)."
)
def geocode(
    names: tuple[str, ...], as_json: bool, show_all: bool, context: str | None
) -> None:
    """Resolve place NAMES against the bundled gazetteer, offline.

    Prints the best match per name. A name that matches nothing prints null
    fields (or a '-' line), a message on stderr, and the exit code is 1.
    """
    from gazetteer import get_gazetteer, place_record
    from gazetteer.geocoder import PLACE_FIELDS

    gaz = get_gazetteer()
    results = []
    missing = 0
    for name in names:
        res = gaz.lookup(name, context=context)
        if res is None:
            missing += 1
            click.echo(f"strikemap geocode: no place matches {name!r}", err=True)
            rec = dict.fromkeys(PLACE_FIELDS)
            rec = {"query": name, **rec, "score": None}
            if show_all:
                rec["alternatives"] = []
            results.append(rec)
            continue
        rec = {
            "query": name,
            **place_record(res.place),
            "score": res.confidence,
            "why": res.why,
        }
        if show_all:
            # one scale: each alternative's confidence, worked out as the best's
            rec["alternatives"] = [
                {**place_record(c.place), "score": conf}
                for c, conf in zip(
                    res.alternatives, res.alternative_confidences, strict=True
                )
            ]
        results.append(rec)
    if as_json:
        click.echo(json.dumps(results, ensure_ascii=False, indent=1))
    else:
        for rec in results:
            if rec["name"] is None:
                click.echo(f"{rec['query']}\t-")
                continue
            where = ", ".join(x for x in (rec["admin2"], rec["admin1"]) if x)
            click.echo(
                f"{rec['query']}\t{rec['name']} ({rec['kind']}; {where}; "
                f"{rec['admin1_code']})\t{rec['lat']:.5f},{rec['lon']:.5f}\t"
                f"score {rec['score']:.2f}"
            )
            for alt in rec.get("alternatives", [])[:10]:
                click.echo(
                    f"\t  alt: {alt['name']} ({alt['kind']}; {alt['admin1']}) "
                    f"pop {alt['population']} score {alt['score']:.2f}"
                )
    if missing:
        sys.exit(1)


# -- shared pipeline options -----------------------------------------------------------
def _pipeline_options(f):
    f = click.option(
        "--date",
        "default_date",
        callback=_iso_date,
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
        "-q", "--quiet", is_flag=True, help="No progress bar or per-article lines."
    )(f)
    f = click.option(
        "-v", "--verbose", is_flag=True, help="One stderr line per article."
    )(f)
    return f


def _check_usage(*, quiet: bool, verbose: bool, since=None, until=None) -> None:
    """Option combinations that make no sense are usage errors (exit 2)."""
    if quiet and verbose:
        raise click.UsageError("-q/--quiet and -v/--verbose exclude each other")
    if since and until and since > until:
        raise click.UsageError(
            f"--since {since.isoformat()} is after --until {until.isoformat()}"
        )


def _event_format(output: str, fmt: str | None) -> str:
    """The format of ``events -o OUTPUT``; a usage error when it cannot be told."""
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


def _run_pipeline(
    inputs, *, default_date, jobs, cache, engine, scheduler, quiet, verbose
):
    from geo.engines.pipeline import run

    progress = None
    if not quiet and sys.stderr.isatty():
        from tqdm import tqdm

        progress = tqdm(unit=" articles", file=sys.stderr, leave=False)

    def say(line: str) -> None:
        # one stderr line; above the progress bar when there is one
        if progress is not None:
            progress.write(line, file=sys.stderr)
        else:
            click.echo(line, err=True)

    def on_article(status) -> None:
        if progress is not None:
            progress.update(1)
        if status.status == "skipped":
            say(f"strikemap: skipped {_quote(status.source)}: {status.reason}")
            return
        for warning in getattr(status, "warnings", ()):
            say(f"strikemap: warning: {_quote(status.source)}: {warning}")
        if verbose:
            what = _plural(status.reports, "report") if status.reports else "no events"
            when = status.published or "undated"
            say(
                f"  {_quote(status.article)}: {when}, {what}"
                f"{' (cached)' if status.cached else ''}"
            )

    def on_warning(message: str) -> None:
        say(f"strikemap: warning: {message}")

    jobs = jobs or os.cpu_count() or 1
    try:
        if engine == "dask":
            from geo.engines.distributed import run_dask

            result = run_dask(
                inputs,
                default_date=default_date,
                scheduler=scheduler,
                cache=cache,
                on_article=on_article,
            )
        else:
            result = run(
                inputs,
                default_date=default_date,
                jobs=jobs,
                cache=cache,
                on_article=on_article,
                on_warning=on_warning,
            )
    finally:
        if progress is not None:
            progress.close()
    # the events are kept to the end of the command and hold no cycles: the
    # cyclic collector (see geo.engines.pipeline) need not rescan them while they are
    # written, summarised and drawn
    gc.set_threshold(100_000, 50, 100)
    gc.freeze()
    return result


def _sample_inputs() -> list[str]:
    folder = resources.files("geo").joinpath("samples")
    return sorted(str(p) for p in folder.iterdir() if p.name.endswith(".txt"))


# -- events ----------------------------------------------------------------------------
@main.command()
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
@_pipeline_options
def events(
    inputs, output, fmt, default_date, jobs, cache, engine, scheduler, quiet, verbose
):
    """Extract merged strike events from INPUTS (files, folders, JSONL, '-' for stdin).

    Writes an RFC 7946 FeatureCollection (or --format) of one event per place
    and day; each skipped input gets one line on stderr naming it and why.
    """
    from gazetteer.exc import StrikemapError
    from geo.tables.export import FILE_ONLY_FORMATS, write_events
    from geo.tables.output import target_kind

    _check_usage(quiet=quiet, verbose=verbose)
    fmt = _event_format(output, fmt)
    kind = target_kind(output)
    if fmt in FILE_ONLY_FORMATS and kind in ("fifo", "chardev", "stdout"):
        raise click.UsageError(
            f"--format {fmt} needs a regular file, and {_quote(output)} is a stream"
        )
    if kind in ("missing", "file"):
        _check_output_file(Path(output))
    result = _run_pipeline(
        inputs,
        default_date=default_date,
        jobs=jobs,
        cache=cache,
        engine=engine,
        scheduler=scheduler,
        quiet=quiet,
        verbose=verbose,
    )
    try:
        # a regular file is replaced atomically, a symlink written through, a
        # FIFO, a device or "-" streamed into
        write_events(result.features, output, fmt)
    except StrikemapError as exc:
        _fail(str(exc))
    _summary(result, err=True, quiet=quiet)
    _exit_if_nothing_read(result)


def _check_output_file(path: Path) -> None:
    """Fail in one line, before any extraction, when OUTPUT cannot be written."""
    if path.is_dir():
        _fail(f"cannot write {_quote(path)}: it is a folder")
    folder = path.parent
    if not folder.is_dir():
        _fail(f"cannot write {_quote(path)}: folder {_quote(folder)} does not exist")
    if not os.access(folder, os.W_OK) and not (
        path.exists() and os.access(path, os.W_OK)
    ):
        _fail(f"cannot write {_quote(path)}: folder {_quote(folder)} is not writable")


def _quote(path: os.PathLike | str) -> str:
    """A path for a one-line message: control characters escaped."""
    text = os.fspath(path)
    if text.isprintable():
        return text
    return repr(text)[1:-1]


# -- eval ------------------------------------------------------------------------------
@main.command("eval")
@click.option(
    "--gold",
    required=True,
    type=click.Path(dir_okay=False),
    help="Gold annotation (format of shared/gold/seeds.json).",
)
@click.argument("events_file", type=click.Path(dir_okay=False))
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
def eval_(gold, events_file, as_json):
    """Score EVENTS_FILE against a gold annotation: precision, recall, dates, misses."""
    from gazetteer.exc import StrikemapError
    from geo.evaluate.score import evaluate, format_report, load_features, load_gold

    try:
        result = evaluate(load_gold(gold), load_features(events_file))
    except StrikemapError as exc:
        _fail(str(exc))
    if as_json:
        click.echo(json.dumps(result.to_dict(), ensure_ascii=False, indent=1))
    else:
        click.echo(format_report(result))


# -- run -------------------------------------------------------------------------------
@main.command("run")
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
    callback=_iso_date,
    default=None,
    help="Keep events on or after this date.",
)
@click.option(
    "--until",
    callback=_iso_date,
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
@_pipeline_options
def run_(
    inputs,
    outdir,
    since,
    until,
    fmt,
    by,
    offline,
    cdn,
    title,
    map_limit,
    default_date,
    jobs,
    cache,
    engine,
    scheduler,
    quiet,
    verbose,
):
    """From articles to map.html, events, regions.csv/md and report.json in OUTDIR.

    With no INPUTS it runs on the bundled sample articles (invented examples,
    labelled as such), which is the quickest way to see what strikemap does.
    """
    from gazetteer.exc import StrikemapError
    from geo.engines.pipeline import within_dates
    from geo.tables.export import FORMATS as SUFFIXES
    from geo.tables.export import normalize_features, write_events
    from geo.tables.frames import Normalized, check_admin1_agreement, events_to_frame
    from geo.tables.output import OutputSet
    from geo.tables.summary import period_summary, region_summary, write_summary

    _check_usage(quiet=quiet, verbose=verbose, since=since, until=until)
    run_files = (
        "map.html",
        "report.json",
        "regions.csv",
        "regions.md",
        "regions_by_*.csv",
        *(f"events{suffix}" for suffix in SUFFIXES.values()),
    )
    sample = not inputs
    try:
        # the folder is made (or refused, in one line) before any extraction;
        # every file is staged and moved in at the end, report.json last, so a
        # failure leaves the previous complete set
        with OutputSet(outdir, replaces=run_files) as out:
            if sample:
                inputs = _sample_inputs()
                click.echo(
                    "strikemap: no input given: running on the bundled sample "
                    "articles (invented examples, not real reports)",
                    err=True,
                )
            result = _run_pipeline(
                list(inputs),
                default_date=default_date,
                jobs=jobs,
                cache=cache,
                engine=engine,
                scheduler=scheduler,
                quiet=quiet,
                verbose=verbose,
            )
            # normalised once: the writers, the frames and the map take them as
            # they are
            # undated events are dropped once a date bound is given
            features = within_dates(
                normalize_features(result.features), since=since, until=until
            )
            events_name = "events.geojson" if fmt == "geojson" else f"events.{fmt}"
            write_events(features, out.path(events_name), fmt)
            if fmt != "geojson":
                write_events(features, out.path("events.geojson"), "geojson")
            # the frame (oblasts by spatial join) drives the summaries: built from
            # the events without their evidence, which a large run cannot afford
            # twice
            gdf = events_to_frame(_slim(features))
            problems = check_admin1_agreement(gdf)
            if problems:
                click.echo(
                    f"strikemap: warning: {_plural(len(problems), 'event')} lie in "
                    "another oblast than the gazetteer says (near a border); "
                    "see report.json",
                    err=True,
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
            on_map = features
            if len(features) > map_limit:
                # the most recent events; the event table keeps them all
                on_map = Normalized(
                    sorted(
                        features,
                        key=lambda f: f["properties"]["date"] or "",
                        reverse=True,
                    )[:map_limit]
                )
                title = (
                    f"{title or 'Strikes on Ukraine'}: the {map_limit:,} most recent "
                    f"of {len(features):,} events (all in events.geojson)"
                )
            report["events_on_map"] = len(on_map)
            from maps import build_map, save_map

            m = build_map(
                on_map,  # the features as they are: the same map as from their frame
                summary,
                title=title,
                tiles=None if offline else "OpenStreetMap",
            )
            save_map(m, out.path("map.html"), assets="cdn" if cdn else "inline")
            out.write_text(
                "report.json", json.dumps(report, ensure_ascii=False, indent=1) + "\n"
            )
    except StrikemapError as exc:
        _fail(str(exc))
    written = sorted(p.name for p in out.written)
    _summary(
        result,
        err=False,
        quiet=False,
        since=since,
        until=until,
        outdir=Path(outdir),
        written=written,
    )
    _exit_if_nothing_read(result)


def _slim(features: list[dict]) -> list[dict]:
    """Events without evidence: what summaries and the spatial join need.

    Normalised events stay so (only their sources are cut to the article).
    """
    from geo.tables.frames import Normalized

    out = Normalized() if isinstance(features, Normalized) else []
    for f in features:
        props = dict(f["properties"])
        props["sources"] = [{"article": s["article"]} for s in props["sources"]]
        out.append({"type": "Feature", "geometry": f["geometry"], "properties": props})
    return out


def _exit_if_nothing_read(result) -> None:
    """Exit 1 when every input was skipped: the outputs are empty for a reason."""
    if result.skipped and not any(a.status != "skipped" for a in result.articles):
        _fail("no article could be read")


def _plural(n: int, word: str, plural: str | None = None) -> str:
    """``1 event``, ``2 events``, ``1,234 events``."""
    return f"{n:,} {word if n == 1 else plural or word + 's'}"


def _summary(
    result,
    *,
    err: bool,
    quiet: bool,
    since=None,
    until=None,
    outdir: Path | None = None,
    written: list[str] | None = None,
) -> None:
    """The run summary: what was read, skipped, found and written.

    Counts are of the events the outputs hold (after ``--since/--until``), so
    they agree with regions.md and the map.
    """
    if quiet and err:
        return
    rep = result.to_report(since=since, until=until)
    read = rep["articles_read"]
    undated = len(rep["undated"])
    lines = [
        f"articles read: {read:,} ({rep['articles_with_events']:,} with events, "
        f"{undated:,} undated)"
    ]
    skipped = rep["skipped"]
    if skipped:
        lines.append(f"skipped: {len(skipped):,}")
        for s in skipped:
            name = s.get("source") or s.get("article")
            lines.append(f"  {_quote(name)}: {s['reason']}")
    if rep.get("warnings"):
        lines.append(
            f"warnings: {len(rep['warnings']):,} (listed in report.json)"
            if outdir is not None
            else f"warnings: {len(rep['warnings']):,}"
        )
    ev = f"events: {rep['events']:,}"
    if since or until:
        ev += f" within the date filter (of {rep['events_total']:,} found)"
    lines.append(ev)
    oblasts = rep.get("oblast_names") or {c: c for c in rep["oblasts"]}
    if oblasts:
        named = ", ".join(f"{oblasts[c]} ({c})" for c in sorted(oblasts))
        lines.append(f"oblasts hit: {len(oblasts)}: {named}")
    else:
        lines.append("oblasts hit: none")
    if rep["outside_coverage"]:
        names = sorted({o["place"] for o in rep["outside_coverage"]})
        lines.append(f"strikes outside Ukraine (not mapped): {', '.join(names)}")
    if outdir is not None and written:
        lines.append(f"written to {_quote(outdir)}: {', '.join(written)}")
    click.echo("\n".join(lines), err=err)
