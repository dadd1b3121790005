"""``python -m strikemap`` runs the command-line interface."""

from strikemap.cli import program

program()
