"""A reshaping of the code changes no output: digests against recorded ones.

The digests in ``tests/data/identity.json`` were recorded with
``python tests/identity.py --record`` (``--corpus 10000`` for the bench
corpus, checked by hand with ``--corpus 10000``).  When a change is meant to
change the output, record again and say so in the commit.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
import identity  # noqa: E402

RECORDED = json.loads(identity.RECORD.read_text())


@pytest.mark.parametrize("name", ["articles", "seeds", "corpus500"])
def test_outputs_are_byte_identical_to_the_recorded_ones(name, tmp_path):
    if name == "seeds" and not (identity.ROOT.parent / "shared" / "seeds").is_dir():
        pytest.skip("../shared/seeds is not beside the checkout")
    inputs = identity.sets((500,))[name] or [identity.corpus(500, tmp_path)]
    got = identity.run_set(name, inputs)
    assert got == RECORDED[name]
