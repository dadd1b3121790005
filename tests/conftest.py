"""Shared fixtures: paths to the project's test data and to ../shared."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
SHARED = ROOT.parent / "shared"

_CACHE_HOME: str | None = None


def pytest_configure(config: pytest.Config) -> None:
    """Keep the run's caches (compiled patterns, gazetteer files) out of ~/.cache.

    The tests, and the commands they run, write their caches under a folder
    of their own that is removed at the end, so a test run neither reads a
    cache an earlier run left nor leaves one behind.
    """
    global _CACHE_HOME
    _CACHE_HOME = tempfile.mkdtemp(prefix="strikemap-test-cache-")
    os.environ["XDG_CACHE_HOME"] = _CACHE_HOME


def pytest_unconfigure(config: pytest.Config) -> None:
    if _CACHE_HOME:
        shutil.rmtree(_CACHE_HOME, ignore_errors=True)


@pytest.fixture(scope="session")
def data_dir() -> Path:
    """The project's own test data (``tests/data``)."""
    return DATA


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """``../shared`` beside the checkout; tests needing it skip when it is absent."""
    if not SHARED.is_dir():
        pytest.skip("../shared is not beside the checkout")
    return SHARED


@pytest.fixture(scope="session")
def seeds_dir(shared_dir: Path) -> Path:
    """The five seed articles (third-party text, read in place, never copied)."""
    return shared_dir / "seeds"


@pytest.fixture(scope="session")
def gold_path(shared_dir: Path) -> Path:
    """The hand annotation of the seed articles."""
    return shared_dir / "gold" / "seeds.json"


@pytest.fixture(scope="module")
def browser():
    """A headless Chromium (Debian's) for a test module; skips without it."""
    from chromium import Chromium, chromium_path

    if chromium_path() is None:
        pytest.skip("Chromium is not installed (apt-get install chromium)")
    with Chromium(width=1280, height=900) as chromium:
        yield chromium
