"""geo.ingest.decode: bytes to text, legacy encodings only when they read as text."""

from __future__ import annotations

import pytest

from geo.ingest.decode import (
    Decoded,
    Misreading,
    decode_bytes,
    decode_text,
    has_surrogates,
    misread_word,
    misreading,
    replace_surrogates,
)

UK = "Уночі дрони атакували Харків, пошкоджено будинки та школу."
FR = "Le café près de la gare a été fermé après l’alerte."


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (UK.encode(), Decoded(UK)),
        ("\ufeff" + FR, Decoded(FR)),
        (FR.encode("utf-16"), Decoded(FR)),
        (b"\xfe\xff" + UK.encode("utf-16-be"), Decoded(UK)),
        (UK.encode("cp1251"), Decoded(UK, "windows-1251")),
        (UK.encode("koi8_u"), Decoded(UK, "KOI8-U")),
        (FR.encode("cp1252"), Decoded(FR, "windows-1252")),
        (b"", Decoded("")),
    ],
)
def test_decode_text(data, expected):
    if isinstance(data, str):
        data = data.encode("utf-8")
    assert decode_text(data) == expected
    assert decode_bytes(data) == expected.text


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"PK\x03\x04\x00\x00zip", "binary file (NUL bytes)"),
        (b"\x1b\x02\x03\x04" * 30, "binary file (control characters)"),
        ("text".encode("utf-16") + b"\x00\x00", "binary file"),
        (b"\xff\xfe\x00\xd8", "not UTF-8 text (bad UTF-16)"),
        (bytes(range(0x80, 0x100)) * 3, "not UTF-8 text (no plausible encoding)"),
    ],
)
def test_decode_text_rejects(data, reason):
    with pytest.raises(ValueError) as err:
        decode_text(data)
    assert str(err.value) == reason


@pytest.mark.parametrize(
    ("word", "misread"),
    [
        ("Café", False),
        ("Харків", False),
        ("don’t", False),
        ("Cafй", True),  # two scripts
        ("Êè¿â", True),  # a stray mark inside
        ("сДЮП", True),  # a capital after a lower-case letter
        ("Óäàð", True),  # Latin with no ASCII letter
        ("éé", False),  # too short to tell
    ],
)
def test_misread_word(word, misread):
    assert misread_word(word) is misread


def test_misreading_shares():
    assert misreading(FR) == Misreading(0.0, 0.0)
    assert misreading("plain ascii") == Misreading(0.0, 0.0)
    bad = UK.encode("cp1251").decode("cp1252", errors="replace")
    found = misreading(bad)
    assert found.words > 0.5 and not found.plausible
    assert Misreading(0.1, 0.1).plausible and not Misreading(0.1, 0.11).plausible


def test_surrogates():
    assert not has_surrogates("plain") and has_surrogates("a\udcffb")
    assert replace_surrogates("a\ud800b\udfff") == "a\ufffdb\ufffd"
    assert replace_surrogates("plain") == "plain"
