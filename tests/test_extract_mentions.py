"""Stage 1 of extraction, mentions (geo.extract.mentions), and the one splitter."""

from __future__ import annotations

from datetime import date

import pytest

from gazetteer import get_gazetteer
from geo.extract.extractor import extract
from geo.extract.mentions import (
    EVENT_CUES,
    Reading,
    Sentence,
    read_sentences,
    sentence_cues,
)
from geo.extract.sentences import sentence_spans
from geo.ingest import Article


@pytest.fixture(scope="module")
def gaz():
    return get_gazetteer()


def _art(text: str) -> Article:
    return Article("t.txt", text, date(2025, 3, 12), "option", None, None, "t.txt")


def test_sentences_carry_their_offsets_cues_and_mentions(gaz):
    text = "Drones struck Kharkiv overnight.\nTalks were held in Lviv on Monday."
    reading = read_sentences(text, gaz)
    assert isinstance(reading, Reading)
    first, second = reading.sentences
    assert isinstance(first, Sentence)
    assert (first.no, second.no) == (0, 1)
    assert text[first.start : first.end] == first.text == text.splitlines()[0]
    assert first.cues == {"attack"} and first.can_report
    assert second.cues == frozenset() and not second.can_report
    (kharkiv,) = first.mentions
    assert first.text[kharkiv.start : kharkiv.end] == kharkiv.surface == "Kharkiv"
    assert kharkiv.resolution is not None
    assert kharkiv.resolution.place.name == "Kharkiv"
    # a name in a sentence that cannot report a strike is found, not resolved
    (lviv,) = second.mentions
    assert lviv.surface == "Lviv" and lviv.resolution is None
    assert [m.surface for m in reading.mentions] == ["Kharkiv", "Lviv"]
    assert reading.warnings == ()


def test_sentence_cues_are_the_classes_of_each_sentence():
    text = "Air defences shot down 20 drones. A school was damaged. All quiet."
    spans = sentence_spans(text)
    assert sentence_cues(text, spans) == [
        frozenset({"defence"}),
        frozenset({"effect"}),
        frozenset(),
    ]
    assert "defence" not in EVENT_CUES  # air defence alone reports no strike


def test_mentions_past_the_cap_are_left_unresolved_with_a_warning(gaz):
    text = " ".join(f"A drone hit {t}." for t in ("Sumy", "Poltava", "Lviv"))
    reading = read_sentences(text, gaz, max_mentions=2)
    resolved = [m.resolution is not None for s in reading.sentences for m in s.mentions]
    assert resolved == [True, True, False]
    (warning,) = reading.warnings
    assert "3 place mentions" in warning and "first 2" in warning


def test_a_long_sentence_is_read_in_parts_never_cutting_a_name(gaz):
    text = "Missiles hit " + ", ".join(["the city of Kharkiv"] * 40) + " overnight."
    reading = read_sentences(text, gaz, max_sentence=100)
    assert len(reading.sentences) > 5
    assert all(s.end - s.start <= 120 for s in reading.sentences)
    names = [m.surface for s in reading.sentences for m in s.mentions]
    assert names == ["Kharkiv"] * 40
    (warning,) = reading.warnings
    assert "read in parts" in warning


# -- one sentence splitter: the gazetteer reads the sentences it is given ---------
TEXT_MR = (
    "Drones also hit Odesa. In the Sumy region, Mr. Smith said a drone hit Mykolaivka."
)


def test_mr_smith_does_not_end_the_sentence():
    assert [TEXT_MR[a:b] for a, b in sentence_spans(TEXT_MR)] == [
        "Drones also hit Odesa.",
        "In the Sumy region, Mr. Smith said a drone hit Mykolaivka.",
    ]


def test_the_gazetteer_reads_the_splitters_sentences(gaz):
    spans = sentence_spans(TEXT_MR)
    found = {
        m.surface: r.place.admin1_code
        for m, r in gaz.resolve_mentions(TEXT_MR, sentences=spans)
    }
    # the region named in the same sentence places the village
    assert found["Mykolaivka"] == "UA-59"
    # cut after "Mr." the region would be in another sentence, a weaker context
    cut = TEXT_MR.index("Smith")
    wrong = [(0, 22), (23, cut - 1), (cut, len(TEXT_MR))]
    found = {
        m.surface: r.place.admin1_code
        for m, r in gaz.resolve_mentions(TEXT_MR, sentences=wrong)
    }
    assert found["Mykolaivka"] != "UA-59"


def test_extraction_places_the_village_in_the_region_of_its_sentence():
    (village,) = [
        r for r in extract(_art(TEXT_MR)).reports if r.place.name == "Mykolaivka"
    ]
    assert village.place.admin1_code == "UA-59"


def test_without_sentences_the_gazetteer_reads_lines(gaz):
    text = "In the Sumy region a drone hit Mykolaivka.\nShelling in the Donetsk region."
    by_line = gaz.resolve_mentions(text)
    assert by_line == gaz.resolve_mentions(text, sentences=[(0, 42), (43, len(text))])
    assert {m.surface: r.place.admin1_code for m, r in by_line}["Mykolaivka"] == "UA-59"


def _cues_by_bisect(text, spans, lang=None):
    """sentence_cues as first written: two binary searches per span."""
    from bisect import bisect_left

    from geo.extract.lexicon import class_matcher

    hits = class_matcher("attack", lang).hits(text)
    starts = [h.start for h in hits]
    return [
        frozenset(h.cls for h in hits[bisect_left(starts, a) : bisect_left(starts, b)])
        for a, b in spans
    ]


CUE_TEXT = (
    "Quiet morning here.\nDrones struck a depot and set it on fire. "
    "Nothing else.\n\nAir defence shot down two missiles, and a shell killed "
    "one man. The end"
)


@pytest.mark.parametrize(
    "spans",
    [
        sentence_spans(CUE_TEXT),
        [],
        [(0, len(CUE_TEXT))],
        [(0, 10), (20, 60), (40, 90), (90, 90), (100, 200), (200, len(CUE_TEXT))],
        [(30, 25), (25, 30)],  # an empty span, then one inside a hit
    ],
)
def test_sentence_cues_as_by_bisect(spans) -> None:
    got = sentence_cues(CUE_TEXT, spans)
    assert got == _cues_by_bisect(CUE_TEXT, spans)
    assert len(got) == len(spans)


def test_sentence_cues_without_hits() -> None:
    text = "A calm day in the park. Children played."
    assert sentence_cues(text, sentence_spans(text)) == [frozenset(), frozenset()]
    assert any(sentence_cues(CUE_TEXT, sentence_spans(CUE_TEXT)))
