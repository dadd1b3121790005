"""The ``strikemap`` command: one click group, one function per subcommand.

stdout carries data only; messages and progress go to stderr. Exit status: 0
success, 1 a runtime error (or a name that did not resolve), 2 a usage error.
"""

from __future__ import annotations

import json
import sys

import click

from strikemap import __version__


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="strikemap")
def main() -> None:
    """Strike events in Ukraine from English news articles: events, maps, summaries."""


@main.command()
@click.argument("names", nargs=-1, required=True)
@click.option("--json", "as_json", is_flag=True, help="Print a JSON array.")
@click.option("--all", "show_all", is_flag=True, help="Add the ranked alternatives.")
@click.option("--context", default=None, help="Text around the names (oblasts named in it win).")
def geocode(names: tuple[str, ...], as_json: bool, show_all: bool, context: str | None) -> None:
    """Resolve place NAMES against the bundled gazetteer, offline.

    Prints the best match per name. A name that matches nothing prints null
    fields (or a '-' line), a message on stderr, and the exit code is 1.
    """
    from gazetteer import get_gazetteer, place_record

    gaz = get_gazetteer()
    results = []
    missing = 0
    for name in names:
        res = gaz.lookup(name, context=context)
        if res is None:
            missing += 1
            click.echo(f"strikemap geocode: no place matches {name!r}", err=True)
            rec = {k: None for k in ("name", "name_uk", "lat", "lon", "kind", "admin1",
                                     "admin1_code", "admin2", "population", "geonameid")}
            rec.update(query=name, score=None)
            if show_all:
                rec["alternatives"] = []
            results.append(rec)
            continue
        rec = {"query": name, **place_record(res.place), "score": res.confidence,
               "why": res.why}
        if show_all:
            rec["alternatives"] = [
                {**place_record(c.place), "score": c.score} for c in res.alternatives
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
