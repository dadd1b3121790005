"""What the command line says: one-line errors, progress, per-article lines, summaries.

stdout carries data or, for ``run``, the summary; messages, per-article
lines and the progress bar go to stderr.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any, NoReturn

import click

__all__ = ["Reporter", "exit_if_nothing_read", "fail", "plural", "quote", "summary"]


def fail(message: str) -> NoReturn:
    """Say ``strikemap: MESSAGE`` on stderr and exit 1."""
    click.echo(f"strikemap: {message}", err=True)
    sys.exit(1)


def quote(path: os.PathLike | str) -> str:
    """A path for a one-line message: control characters escaped."""
    text = os.fspath(path)
    if text.isprintable():
        return text
    return repr(text)[1:-1]


def plural(n: int, word: str, many: str | None = None) -> str:
    """``1 event``, ``2 events``, ``1,234 events``."""
    return f"{n:,} {word if n == 1 else many or word + 's'}"


class Reporter:
    """Progress and messages of an engine run, on stderr.

    A progress bar when stderr is a terminal (and not ``quiet``); one line
    per skipped input and per warning; with ``verbose`` one line per
    article.  Lines go above the progress bar when there is one.

    Parameters
    ----------
    quiet, verbose : bool
        ``-q`` and ``-v``.
    """

    def __init__(self, *, quiet: bool, verbose: bool) -> None:
        self.verbose = verbose
        self.progress: Any = None
        # the bar appears with the first article, and not after close()
        self._bar = not quiet and sys.stderr.isatty()

    def say(self, line: str) -> None:
        """One stderr line; above the progress bar when there is one."""
        if self.progress is not None:
            self.progress.write(line, file=sys.stderr)
        else:
            click.echo(line, err=True)

    def on_article(self, status: Any) -> None:
        """Note one article's status (an :class:`geo.engines.ArticleStatus`)."""
        if self._bar and self.progress is None:
            from tqdm import tqdm

            self.progress = tqdm(unit=" articles", file=sys.stderr, leave=False)
        if self.progress is not None:
            self.progress.update(1)
        if status.status == "skipped":
            self.say(f"strikemap: skipped {quote(status.source)}: {status.reason}")
            return
        for warning in getattr(status, "warnings", ()):
            self.say(f"strikemap: warning: {quote(status.source)}: {warning}")
        if status.status == "language not supported":
            self.say(
                f"strikemap: not read: {quote(status.source)}: language not supported"
                f" ({status.lang})"
            )
            return
        if self.verbose:
            what = plural(status.reports, "report") if status.reports else "no events"
            when = status.published or "undated"
            self.say(
                f"  {quote(status.article)}: {when}, {what}"
                f"{' (cached)' if status.cached else ''}"
            )

    def on_warning(self, message: str) -> None:
        """Say a warning of the run."""
        self.say(f"strikemap: warning: {message}")

    def on_notice(self, message: str) -> None:
        """Say something the user should know."""
        self.say(f"strikemap: {message}")

    def close(self) -> None:
        """Take the progress bar away (for good)."""
        self._bar = False
        if self.progress is not None:
            self.progress.close()
            self.progress = None


def exit_if_nothing_read(result: Any) -> None:
    """Exit 1 when every input was skipped: the outputs are empty for a reason."""
    if result.nothing_read:
        fail("no article could be read")


def summary(
    report: dict,
    *,
    err: bool,
    filtered: bool = False,
    outdir: Path | None = None,
    written: list[str] | None = None,
) -> None:
    """Print the run summary: what was read, skipped, found and written.

    Parameters
    ----------
    report : dict
        The run report (``report.json``); its counts are of the events the
        outputs hold (after ``--since/--until``), so they agree with
        regions.md and the map.
    err : bool
        To stderr (``events``) rather than stdout (``run``).
    filtered : bool
        Whether a date filter was given.
    outdir : path, optional
        The output folder, when files were written there.
    written : list of str, optional
        The names of the files written.
    """
    rep = report
    read = rep["articles_read"]
    undated = len(rep["undated"])
    lines = [
        f"articles read: {read:,} ({rep['articles_with_events']:,} with events, "
        f"{undated:,} undated)"
    ]
    langs = rep.get("languages") or {}
    if len(langs) > 1 or set(langs) - {"en"}:
        lines.append(
            "languages: " + ", ".join(f"{code} {n:,}" for code, n in langs.items())
        )
    unread = rep.get("not_supported") or []
    if unread:
        langs = sorted({u["language"] or "unknown" for u in unread})
        lines.append(
            f"language not supported: {len(unread):,} "
            f"{'article' if len(unread) == 1 else 'articles'} ({', '.join(langs)})"
        )
    skipped = rep["skipped"]
    if skipped:
        lines.append(f"skipped: {len(skipped):,}")
        for s in skipped:
            name = s.get("source") or s.get("article")
            lines.append(f"  {quote(name)}: {s['reason']}")
    if rep.get("warnings"):
        lines.append(
            f"warnings: {len(rep['warnings']):,} (listed in report.json)"
            if outdir is not None
            else f"warnings: {len(rep['warnings']):,}"
        )
    ev = f"events: {rep['events']:,}"
    if filtered:
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
        lines.append(f"written to {quote(outdir)}: {', '.join(written)}")
    click.echo("\n".join(lines), err=err)
