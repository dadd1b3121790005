"""The ``strikemap`` command: one click group; each subcommand in its own module.

The subcommands live in :mod:`strikemap.commands` (``run``, ``events``,
``eval``, ``geocode``, ``gazetteer build``); what they say goes through
:mod:`strikemap.console`, the options they share are in
:mod:`strikemap.options`.

stdout carries data (``geocode``, ``events -o -``, ``eval``) or, for ``run``,
the summary; messages, per-article lines and progress go to stderr. Exit
status: 0 success, 1 a runtime error (a name that did not resolve, every
input skipped), 2 a usage error.
"""

from __future__ import annotations

import atexit
import os
import sys
import threading
from typing import Any, NoReturn

import click

from strikemap import __version__
from strikemap.commands.eval import eval_
from strikemap.commands.events import events
from strikemap.commands.gazetteer import gazetteer
from strikemap.commands.geocode import geocode
from strikemap.commands.run import run_

__all__ = ["main", "program"]


class _Strikemap(click.Group):
    """The command group; a failing standard output is one line, never a traceback.

    ``strikemap events > /dev/full`` or a closed pipe must not end in a
    traceback (from the write, or from the interpreter's final flush).
    """

    def main(self, *args: Any, **kwargs: Any) -> Any:  # type: ignore[override]
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


def _version(ctx: click.Context, param: click.Parameter, value: bool) -> None:
    """Print the version and the pattern engine in use, and exit."""
    if not value or ctx.resilient_parsing:
        return
    from geo.extract import engine_name

    click.echo(f"strikemap {__version__}\npattern engine: {engine_name()}")
    ctx.exit()


@click.group(cls=_Strikemap, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--version",
    is_flag=True,
    expose_value=False,
    is_eager=True,
    callback=_version,
    help="Show the version and the pattern engine, and exit.",
)
def main() -> None:
    """Strike events in Ukraine from Ukrainian and English news: maps, summaries."""


for _command in (run_, events, eval_, geocode, gazetteer):
    main.add_command(_command)


def program() -> NoReturn:
    """The ``strikemap`` program: :func:`main`, then an exit that frees nothing.

    A run holds the gazetteer, the compiled patterns and its events in memory,
    and the interpreter frees every object one by one before the process ends:
    about 80 ms after a run on one article (a third of it), more after a
    large one.  Here the exit handlers run and the standard streams are
    flushed as at a normal exit, and then the process ends at once, with the
    same status.  While a thread the interpreter would wait for runs (not a
    daemon, such as the progress bar's monitor), the exit is the normal one.
    """
    try:
        main()
        code: Any = 0
    except SystemExit as exc:
        code = exc.code
    _exit(code)


def _exit(code: Any) -> NoReturn:
    """End the process as ``sys.exit(code)`` would, without freeing its objects."""
    run_handlers = getattr(atexit, "_run_exitfuncs", None)
    if run_handlers is None or _threads_to_wait_for():
        sys.exit(code)
    if code is None:
        status = 0
    elif isinstance(code, int):
        status = code
    else:  # sys.exit("message"): the message, status 1
        print(code, file=sys.stderr)
        status = 1
    run_handlers()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError, AttributeError):
            if stream is sys.stdout and status == 0:
                status = 120  # as the interpreter reports a failed final flush
    os._exit(status & 0xFF)


def _threads_to_wait_for() -> bool:
    """Whether a thread other than the main one that is not a daemon runs."""
    main = threading.main_thread()
    return any(
        t is not main and not t.daemon and t.is_alive() for t in threading.enumerate()
    )
