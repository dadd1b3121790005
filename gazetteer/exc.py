"""The one exception hierarchy of strikemap.

Every error the tool raises on purpose derives from :class:`StrikemapError`;
each child also inherits from the built-in exception it refines, so callers can
catch either (the pattern of ``geopy.exc``).  It lives in the bottom package,
``gazetteer``, so that ``geo`` and ``maps`` can share it without importing
upwards.
"""

from __future__ import annotations

__all__ = [
    "StrikemapError",
    "GazetteerError",
    "PlaceNotFound",
    "InputError",
    "OutputError",
]


class StrikemapError(Exception):
    """Base class for every error strikemap raises on purpose."""


class GazetteerError(StrikemapError, RuntimeError):
    """The bundled gazetteer is missing, corrupt or cannot be built."""


class PlaceNotFound(StrikemapError, LookupError):
    """A name does not resolve to any place in the gazetteer."""


class InputError(StrikemapError, ValueError):
    """An input article cannot be read; the message names the source and reason."""

    def __init__(self, source: str, reason: str):
        self.source = source
        self.reason = reason
        super().__init__(f"{source}: {reason}")


class OutputError(StrikemapError, OSError):
    """An output file cannot be written."""
