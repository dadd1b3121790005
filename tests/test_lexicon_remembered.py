"""Lexicon analyses remembered across runs, and triggers opened by an apostrophe.

The texts are invented for these tests.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest

import geo.extract.lexicon as lexicon
from geo.extract.cues import mention_role
from geo.lang import Language


def test_remembered_analyses_are_keyed_by_the_module_code():
    code = Path(lexicon.__file__).read_bytes()
    assert lexicon._SOURCE == hashlib.blake2b(code, digest_size=8).hexdigest()


def test_a_remembered_analysis_names_the_code_it_was_made_by(monkeypatch):
    asked = []

    def remembered(kind, key, make):
        asked.append((kind, key))
        return make()

    monkeypatch.setattr(lexicon.compiled, "remembered", remembered)
    monkeypatch.setattr(lexicon, "_SOURCE", "0123abcd")
    assert lexicon._remembered("bucketed", ("k",), lambda: "made") == "made"
    assert asked == [("bucketed@0123abcd", ("k",))]
    # code that cannot be read: nothing is remembered, the analysis is made
    monkeypatch.setattr(lexicon, "_SOURCE", None)
    assert lexicon._remembered("bucketed", ("k",), lambda: "again") == "again"
    assert len(asked) == 1


def test_an_entry_opened_by_an_apostrophe_is_tried_after_each_apostrophe():
    frag = lexicon._bucketed((("s", "'s allies"),))
    for apostrophe in "'\u2019\u02bc":
        assert re.search(frag, f"Kyiv{apostrophe}s allies", re.I), apostrophe


@pytest.mark.parametrize("apostrophe", ["'", "\u2019", "\u02bc"])
@pytest.mark.parametrize(
    "sentence",
    [
        "Kyiv{a}s allies condemned the strike on Odesa.",
        "Kyiv{a}s government said the attack on Odesa killed two.",
    ],
)
def test_a_possessive_role_is_read_whatever_the_apostrophe(sentence, apostrophe):
    text = sentence.format(a=apostrophe)
    assert mention_role(text, 0, 4, Language("en")) == "statement"
