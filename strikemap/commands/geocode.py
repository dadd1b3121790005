"""``strikemap geocode``: place names resolved against the bundled gazetteer."""

from __future__ import annotations

import json
import sys

import click

__all__ = ["geocode"]


@click.command()
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
    results: list[dict] = []
    missing = 0
    for name in names:
        res = gaz.lookup(name, context=context)
        if res is None:
            missing += 1
            click.echo(f"strikemap geocode: no place matches {name!r}", err=True)
            rec: dict = {"query": name, **dict.fromkeys(PLACE_FIELDS), "score": None}
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
            click.echo(_line(rec))
    if missing:
        sys.exit(1)


def _line(rec: dict) -> str:
    """One name's answer as text: the place, then up to ten alternatives."""
    if rec["name"] is None:
        return f"{rec['query']}\t-"
    where = ", ".join(x for x in (rec["admin2"], rec["admin1"]) if x)
    lines = [
        f"{rec['query']}\t{rec['name']} ({rec['kind']}; {where}; "
        f"{rec['admin1_code']})\t{rec['lat']:.5f},{rec['lon']:.5f}\t"
        f"score {rec['score']:.2f}"
    ]
    for alt in rec.get("alternatives", [])[:10]:
        lines.append(
            f"\t  alt: {alt['name']} ({alt['kind']}; {alt['admin1']}) "
            f"pop {alt['population']} score {alt['score']:.2f}"
        )
    return "\n".join(lines)
