"""The language seam (geo.lang): stages read their words from a Language.

A test-only language, made in a temporary folder from the English data with
a few invented words, must make every stage find those words -- with no
change to the stages -- and the stage modules must hold no words of their
own.
"""

from __future__ import annotations

import ast
import json
import re
import shutil
from collections.abc import Mapping
from datetime import date
from importlib import resources
from pathlib import Path

import pytest

from geo.extract.attributes import casualties, weapons
from geo.extract.dates import event_date
from geo.extract.extractor import Extractor
from geo.extract.sentences import sentence_spans
from geo.ingest import Article
from geo.lang import FILES, LANGUAGES, Language, language

REF = date(2025, 3, 12)
EXTRACT = Path(__file__).resolve().parent.parent / "geo" / "extract"
INVENTED_MONTHS = [
    "alfmon", "betmon", "gammon", "delmon", "epsmon", "zetmon",
    "etamon", "thetmon", "iotmon", "kapmon", "lammon", "mumon",
]  # fmt: skip


def _edit(folder: Path, name: str, change) -> None:
    path = folder / f"{name}.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


@pytest.fixture(scope="module")
def fake(tmp_path_factory) -> Language:
    """English with invented words: a new language needs only a folder."""
    folder = tmp_path_factory.mktemp("lang") / "xx"
    shutil.copytree(Path(str(resources.files("geo.lang") / "en")), folder)
    _edit(
        folder,
        "lexicon",
        lambda d: (
            d["attack"]["classes"]["attack"].append("blorped"),
            d["weapons"]["classes"]["drone"].append("zorblax(?:es)?"),
        ),
    )
    _edit(
        folder,
        "calendar",
        lambda d: d.update(months=INVENTED_MONTHS, month_abbreviations={}),
    )
    _edit(folder, "sentences", lambda d: d["abbreviations"].append("zq"))
    _edit(folder, "numbers", lambda d: d["words"].update(zwo=2))
    _edit(folder, "discourse", lambda d: d["capital"].append("the big city"))
    return Language("xx", folder=str(folder))


def art(text: str) -> Article:
    return Article("a.txt", text, REF, "option", None, None, "a.txt")


# -- the bundled languages ------------------------------------------------------
@pytest.mark.parametrize("code", LANGUAGES)
def test_every_language_has_every_file_read_only(code):
    lang = language(code)
    folder = resources.files("geo.lang") / code
    for name in FILES:
        assert (folder / f"{name}.json").is_file(), name
        data = lang.data(name)
        with pytest.raises(TypeError):
            data["about"] = "changed"  # type: ignore[index]
    assert len(lang.months) >= 12 and len(lang.weekdays) == 7
    assert lang.month_names[0] in lang.months


def test_an_unknown_language_is_an_error():
    with pytest.raises(KeyError, match="no language data"):
        language("xx")


# -- a new language is a folder: each stage finds its words -----------------------
def test_lexicon_words(fake):
    assert weapons("A zorblax hit the depot.", fake) == ("drone",)
    assert weapons("A zorblax hit the depot.") == ()
    assert weapons("A drone hit the depot.", fake) == ("drone",)


def test_calendar_words(fake):
    guess = event_date("Drones hit Kharkiv on 5 Betmon 2025.", REF, lang=fake)
    assert guess.date == date(2025, 2, 5) and guess.cue == "5 Betmon 2025"
    assert event_date("Drones hit Kharkiv on 5 Betmon 2025.", REF).cue == "published"
    # the invented calendar has no February
    assert event_date("Drones hit on 5 February 2025.", REF, lang=fake).cue == (
        "published"
    )


def test_sentence_words(fake):
    text = "Zq. Smith said so. Then it ended."
    assert len(sentence_spans(text, fake)) == 2
    assert len(sentence_spans(text)) == 3


def test_number_words(fake):
    assert casualties("Zwo people were killed.", fake).killed == 2
    assert casualties("Zwo people were killed.").killed is None


def test_the_extractor_reads_the_articles_language(fake):
    text = "Russian forces blorped Kharkiv overnight."
    (r,) = Extractor(lang=fake).extract(art(text)).reports
    assert r.place.name == "Kharkiv"
    assert Extractor().extract(art(text)).reports == ()
    (r,) = Extractor(lang=fake).extract(art("Zorblaxes blorped the big city.")).reports
    assert (r.place.name, r.weapons) == ("Kyiv", ("drone",))


# -- the stages hold no words ------------------------------------------------------
# Words of the English lexicons that no stage may spell: attack and casualty
# words, people, numbers, months, weekdays, date words, abbreviations.
CUE_WORDS = frozenset(
    """struck shelled shelling explosions killed injured wounded dead drones
    missiles shahed people children civilians man woman dozen twenty twelve
    january february march monday friday sunday yesterday tonight overnight
    ago mr dr jan sept captured mayor capital city town village outskirts
    the of and said including aged early last next since until""".split()
)


def _keys(value) -> set[str]:
    """Every key of a JSON value: the data files' schema, which stages may name."""
    if isinstance(value, Mapping):
        return set(value).union(*(_keys(v) for v in value.values()))
    if isinstance(value, (list, tuple)):
        return set().union(*(_keys(v) for v in value))
    return set()


SCHEMA = set().union(*(_keys(language().data(n)) for n in FILES))


def _code_strings(path: Path) -> list[str]:
    """The string literals of a module that could spell words.

    Not docstrings, not the text of messages (f-strings: the interface speaks
    English whatever the article's language), not keys of the data files,
    not names (``"struck_places"`` in ``__all__``).
    """
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip = set()
    for node in ast.walk(tree):
        if (
            isinstance(
                node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)
            )
            and node.body
            and isinstance(node.body[0], ast.Expr)
        ):
            skip.add(id(node.body[0].value))
        if isinstance(node, ast.JoinedStr):
            skip.update(id(v) for v in node.values)
    return [
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in skip
        and node.value not in SCHEMA
        and not _name(node.value)
    ]


def _name(s: str) -> bool:
    """A Python name that is no word: ``struck_places``, ``CityOblasts``, ``OF``."""
    return s.isidentifier() and (not s.islower() or "_" in s)


def _words(strings: list[str]) -> set[str]:
    """The lower-cased words of strings; identifiers are split at ``_``."""
    return {w.lower() for s in strings for w in re.findall(r"[A-Za-z]+", s)}


@pytest.mark.parametrize(
    "module", sorted(p.name for p in EXTRACT.glob("*.py")), ids=str
)
def test_stage_modules_spell_no_cue_words(module):
    assert not _words(_code_strings(EXTRACT / module)) & CUE_WORDS


def test_the_grep_finds_a_cue_word_where_there_is_one(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text(
        '"""Docstrings may say struck."""\n'
        'X = r"\\b(?:struck|hit)\\b"\n'
        'Y = f"{X} the message"\n'
        'Z = lexicon["killed"]\n'
        '__all__ = ["last_week"]\n'
        'W = "overnight"\n'
    )
    assert _code_strings(bad) == ["\\b(?:struck|hit)\\b", "overnight"]
    assert _words(_code_strings(bad)) & CUE_WORDS == {"struck", "overnight"}


@pytest.mark.parametrize(
    "module", sorted(p.name for p in EXTRACT.glob("*.py")), ids=str
)
def test_stage_modules_read_no_data_files(module):
    # their data comes through geo.lang, never from a file of their own
    tree = ast.parse((EXTRACT / module).read_text(encoding="utf-8"))
    imported = {
        alias.name
        for node in ast.walk(tree)
        if isinstance(node, (ast.Import, ast.ImportFrom))
        for alias in node.names
    } | {
        node.module
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and node.module
    }
    assert not imported & {"resources", "importlib", "importlib.resources", "json"}
    assert not any(".json" in s for s in _code_strings(EXTRACT / module))


def test_one_object_per_language(fake):
    """Equal languages are one object: the stages' caches hash it by identity."""
    import copy
    import dataclasses
    import pickle

    uk = language("uk")
    assert Language("uk") is uk
    assert Language(code="uk", folder=None) is uk
    assert Language("en") is not uk and Language("en") != uk
    assert Language("xx", folder=fake.folder) is fake
    assert Language("xx", folder=fake.folder + "/") is not fake
    for same in (
        pickle.loads(pickle.dumps(uk)),  # as a worker process receives it
        pickle.loads(pickle.dumps(fake)),
        copy.deepcopy(uk),
        dataclasses.replace(uk),
    ):
        assert same is (fake if same.code == "xx" else uk)
    assert {uk: 1}[Language("uk")] == 1
    with pytest.raises(dataclasses.FrozenInstanceError):
        uk.code = "en"
