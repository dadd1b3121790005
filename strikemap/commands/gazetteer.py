"""``strikemap gazetteer build``: the bundled gazetteer rebuilt from its sources.

The same as ``python -m gazetteer.build``: reads the openly licensed source
data (GeoNames, geoBoundaries, KATOTTG, the power-plant database) and writes
the files under ``gazetteer/data/``.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import click

from strikemap.console import fail

__all__ = ["gazetteer"]


@click.group()
def gazetteer() -> None:
    """The bundled gazetteer of Ukrainian places."""


@gazetteer.command("build")
@click.option(
    "--source",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="The source data folder (default: $STRIKEMAP_SOURCE_DATA, else "
    "../shared/data beside the checkout).",
)
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Where to write the files (default: the package's gazetteer/data).",
)
def build(source: Path | None, out: Path | None) -> None:
    """Rebuild the gazetteer's data files from the source data; print the counts."""
    from gazetteer import build as builder
    from gazetteer.exc import GazetteerError

    t0 = time.perf_counter()
    try:
        counts = builder.build(source or builder._default_source(), out or builder.OUT)
    except GazetteerError as exc:
        fail(str(exc))
    counts["seconds"] = round(time.perf_counter() - t0, 2)
    click.echo(json.dumps(counts))
