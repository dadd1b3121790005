"""Shared fixtures: paths to the project's test data and to ../shared."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
SHARED = ROOT.parent / "shared"


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
