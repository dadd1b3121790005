"""``strikemap eval``: an event table scored against a gold annotation."""

from __future__ import annotations

import json

import click

from strikemap.console import fail

__all__ = ["eval_"]


@click.command("eval")
@click.option(
    "--gold",
    required=True,
    type=click.Path(dir_okay=False),
    help="Gold annotation (format of shared/gold/seeds.json).",
)
@click.argument("events_file", type=click.Path(dir_okay=False))
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
def eval_(gold: str, events_file: str, as_json: bool) -> None:
    """Score EVENTS_FILE against a gold annotation: precision, recall, dates, misses."""
    from gazetteer.exc import StrikemapError
    from geo.evaluate.score import evaluate, format_report, load_features, load_gold

    try:
        result = evaluate(load_gold(gold), load_features(events_file))
    except StrikemapError as exc:
        fail(str(exc))
    if as_json:
        click.echo(json.dumps(result.to_dict(), ensure_ascii=False, indent=1))
    else:
        click.echo(format_report(result))
