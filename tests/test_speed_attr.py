"""The shortcuts of geo.extract.attributes give what the full rules give.

Each test compares a shortcut with the work it skips or replaces: the number
words as a trie with their alternation, the ages asked only in a text with an
age word, a list's possessive asked only where it counts, a plain number read
without its regex, a launch count asked only where a number may start.
"""

from __future__ import annotations

import re

import pytest

from geo.extract import attributes as A
from geo.lang import language

# (language, text): number words where a shorter word starts a longer one
# ("one" / "one hundred", "сорок" / "сорока"), spaces and apostrophes of
# every kind, case, and texts with no number at all
TEXTS = [
    ("en", "One hundred and twenty-three people, a dozen others, a couple of kids."),
    ("en", "ONE  HUNDRED drones; one hundredth; a\u00a0pair of twins; both of them."),
    ("en", "Fifteen, fifty, fifty-five, fiftyfive, eighteen-year-old, 18 and 1,000."),
    ("en", "The attack damaged a clinic and an administrative building."),
    ("en", "Dozens were hurt, a hundred people fled and a dozenth stayed."),
    ("uk", "Загинули сорок людей, сорока три особи поранено, п\u2019ятеро у лікарні."),
    ("uk", "П'ятдесят п'ять дронів, п\u02bcятьох поранено, дев'яносто та двадцятьох."),
    ("uk", "Двадцять-три, двадцятьма, обоє, обидва, одна, одного, 5-ти і 4-х."),
    ("uk", "Пошкоджено магазин та адмінбудівлю, постраждалих немає."),
]


def _old_num(lang_code: str, precise: bool = False) -> str:
    """``num`` (``precise``) as the plain alternations built it before the trie."""
    raw = language(lang_code).numbers
    words = dict(raw["words"])
    if precise:
        words = {k: v for k, v in words.items() if k not in set(raw["imprecise"])}
    units = {k: v for k, v in raw["words"].items() if v < 10 and " " not in k}
    tens = A._apostrophes(A._alt(raw["tens"]))
    compound = f"(?:{tens})[\\s-](?:{A._apostrophes(A._alt(units))})"
    digits = A._DIGITS
    if raw.get("digit_suffix"):
        digits = rf"(?:{A._DIGITS})(?:{raw['digit_suffix']})?"
    end = raw.get("word_end", "")
    return rf"(?:{digits}|{compound}|{A._words_alt(words)}){end}"


def _spans(rx: re.Pattern[str], text: str) -> list[tuple[int, int] | None]:
    """The match of ``rx`` at each place of ``text`` (its span), None where none."""
    out = []
    for i in range(len(text) + 1):
        m = rx.match(text, i)
        out.append(None if m is None else m.span())
    return out


# what follows a number in the grammar: a space, the end of a word, anything
AFTER = [r"\s+", r"(?!\w)", r""]


@pytest.mark.parametrize(("code", "text"), TEXTS)
@pytest.mark.parametrize("after", AFTER)
@pytest.mark.parametrize("precise", [False, True])
def test_number_trie_matches_as_the_alternation(
    code: str, text: str, after: str, precise: bool
) -> None:
    nums = A._numbers(language(code))
    new = nums.precise if precise else nums.num
    assert new != _old_num(code, precise)  # the trie is in use
    old_rx = re.compile(f"(?P<n>{_old_num(code, precise)}){after}", re.IGNORECASE)
    new_rx = re.compile(f"(?P<n>{new}){after}", re.IGNORECASE)
    assert _spans(new_rx, text) == _spans(old_rx, text)


def test_words_trie_keeps_the_alternation_where_letters_fold() -> None:
    # "ı" matches "I" case-insensitively as "i" does: no trie
    assert A._words_trie(["ıx", "iy"]) == A._words_alt(["ıx", "iy"])
    assert A._words_trie(["ab", "abc", "a b"]) != A._words_alt(["ab", "abc", "a b"])
    # a typographic apostrophe of a word: "'" of another word matches it too
    assert A._words_trie(["x\u2019y", "x'z"]) == A._words_alt(["x\u2019y", "x'z"])


@pytest.mark.parametrize(
    "words", [["one", "one hundred", "on"], ["a b", "a", "ab", "a bc"], ["x'y", "x"]]
)
def test_words_trie_prefers_the_longest_word(words: list[str]) -> None:
    text = "one hundred a bc ab x\u2019y on x'y a  b"
    for after in AFTER:
        old = re.compile(f"(?:{A._words_alt(words)}){after}", re.IGNORECASE)
        new = re.compile(f"(?:{A._words_trie(words)}){after}", re.IGNORECASE)
        assert _spans(new, text) == _spans(old, text)


# (language, text): lists of people before their verbs, with and without ages
AGE_TEXTS = [
    ("en", "Two women aged 45 and 60 and a boy were injured in the strike."),
    ("en", "A man, aged 35, and his son were killed, and 3 people were hurt."),
    ("en", "Residents aged 18 to 25, a woman and her children were wounded."),
    ("en", "Three people were killed and 12 injured, the governor said."),
    ("en", "Ages 3 and 5, two children were injured."),
    ("uk", "Загинули двоє людей віком 45 та 60 років, ще троє поранені."),
    ("uk", "Жінка 45 років та її син загинули, троє людей поранено."),
    ("uk", "Внаслідок удару двоє людей загинули, п'ятеро поранені."),
]


@pytest.mark.parametrize(("code", "text"), AGE_TEXTS)
def test_ages_asked_only_in_a_text_with_an_age_word(
    code: str, text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    g = A._casualty_grammar(language(code))
    # a window's match of the ages is a match of the age word in the text
    for i in range(len(text) + 1):
        if g.ages_before.search(text, max(0, i - 30), i):
            assert g.age_word.search(text) is not None
    fast = A._Figures(text, g)
    A._passive(text, text.lower(), g, fast)
    monkeypatch.setattr(g, "age_word", re.compile(""))  # every text: the full rule
    full = A._Figures(text, g)
    A._passive(text, text.lower(), g, full)
    assert (fast.killed, fast.injured) == (full.killed, full.injured)


def _old_list(text: str, pos: int, g: A._Casualties) -> list[tuple[int, int]]:
    """_people_list as it read a possessive before: for every first member."""
    out: list[tuple[int, int]] = []
    total, after_comma = 0, False
    counted_groups = ("num", "one", "pnum", "fam", "pair", "bare")
    while len(out) < A._MAX_MEMBERS:
        m = g.item.match(text, pos)
        if m is None or m.end() == pos:
            break
        end = m.end()
        if after_comma and g.attribution.match(text, end):
            break
        if after_comma and g.clause_ends_list and g.tail.match(text, end):
            break
        first = not out
        possessive = first and g.poss.match(m.group()) is not None
        if first and not possessive and not any(m.group(*counted_groups)):
            break
        bare = m.group("bare")
        if bare and not first:
            break
        n = A._item_count(m.group(*A._COUNT_GROUPS), not first or possessive, g)
        if n is None:
            break
        total += n
        out.append((total, end))
        if bare:
            break
        j = g.join.match(text, end)
        if j is None:
            break
        after_comma = j.group().lstrip().startswith(",")
        pos = j.end()
    return out


LIST_TEXTS = [
    ("en", "Her two children and a woman were injured."),
    ("en", "Their children were killed, his wife and her mother were hurt."),
    ("en", "A mother and her children were wounded; a couple and 3 men died."),
    ("en", "Children, a man and two women were killed."),
    ("en", "His son, 5, and their 12 neighbours were injured, police said."),
    ("uk", "Її син та двоє дітей загинули, їхні сусіди поранені."),
    ("uk", "Жінка та її діти поранені, подружжя загинуло."),
    ("uk", "Свого сина, троє людей та чоловік отримали поранення."),
]


@pytest.mark.parametrize(("code", "text"), LIST_TEXTS)
def test_people_lists_as_before(code: str, text: str) -> None:
    g = A._casualty_grammar(language(code))
    lists = 0
    for i in range(len(text)):
        new = [(m.total, m.end) for m in A._people_list(text, i, g)]
        assert new == _old_list(text, i, g), text[i:]
        lists += bool(new)
    assert lists


@pytest.mark.parametrize("code", ["en", "uk"])
@pytest.mark.parametrize(
    "text", ["0", "007", "12", "100000", "100001", "9" * 40, "1,000", "5-ти", "٣"]
)
def test_plain_numbers_read_as_before(code: str, text: str) -> None:
    nums = A._numbers(language(code))
    key = text
    if nums.suffix is not None and key[:1].isdigit():
        key = nums.suffix.sub("", key)
    want = None
    if A._PLAIN_NUMBER.fullmatch(key):
        digits = key.replace(",", "").lstrip("0") or "0"
        if len(digits) <= nums.max_digits and int(digits) <= nums.max_figure:
            want = int(digits)
    if want is not None or key[:1].isdigit():
        assert nums.parse(text) == want


LAUNCH_TEXTS = [
    ("en", "Russia launched a record 800 drones and at least 11 missiles overnight."),
    ("en", "Air defence shot down 72 of the 550 drones, out of a total of 600."),
    ("en", "They fired twenty-three Shaheds, used one hundred drones, sent a dozen."),
    ("en", "Forces fired at the town and used the night of March 27 for it."),
    ("uk", "Ворог запустив понад 45 ударних дронів і ще п'ять ракет."),
    ("uk", "Збито 40 з 45 дронів; випущено сорока три ракети."),
    ("uk", "Ворог застосував авіабомби по області вночі."),
]


@pytest.mark.parametrize(("code", "text"), LAUNCH_TEXTS)
def test_launch_numbers_asked_where_one_may_start(code: str, text: str) -> None:
    g = A._launch_grammar(language(code))
    can = g.numbers.can_num
    assert can
    for name in ("verb", "of_total", "forms"):
        rx = getattr(g, name).regex
        assert can in rx.pattern  # the look-ahead is in use
        full = re.compile(rx.pattern.replace(can, ""), rx.flags)
        assert _spans(rx, text) == _spans(full, text), name
    full = re.compile(g.next_num.pattern.replace(can, ""), g.next_num.flags)
    assert _spans(g.next_num, text) == _spans(full, text)


# (language, text): people of every kind, nouns that start longer nouns
# ("police" / "police officer", "man" / "mans"), adjectives that are no
# adjective ("and", "dead"), lists that run on
PEOPLE_TEXTS = [
    ("en", "Two police officers, a police officer and three elderly people died."),
    ("en", "Two police  officers and a police\nofficer died; elderly\tpeople too."),
    ("en", "A man and a woman, her two children, and 5 family members were hurt."),
    ("en", "Three more people and two other residents were injured; twins died."),
    ("en", "An elderly couple and a married couple, a 12-year-old boy, were killed."),
    ("en", "5 dead and more injured; the dead man and a Ukrainian serviceman."),
    ("en", "Residents of the city, a resident of the city and kids were wounded."),
    ("uk", "Загинули двоє людей, поранено чоловіка, жінку та дитину."),
    ("uk", "Літнє подружжя та їхні діти загинули, троє чоловіків поранено."),
    ("uk", "Поранено 45-річну жінку, її сина та двох пенсіонерів."),
    ("uk", "Водій вантажівки загинув, а пасажирка та дівчинка травмовані."),
]


@pytest.mark.parametrize(("code", "text"), PEOPLE_TEXTS)
def test_person_words_as_tries_match_as_the_alternations(
    code: str, text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    lang = language(code)
    cas = lang.lexicon["casualties"]
    nums = A._numbers(lang)
    new = A._item_regex(cas, nums.can_num + nums.num)
    with monkeypatch.context() as m:  # the item as the alternations built it
        m.setattr(
            A, "_literals", lambda ws: "|".join(sorted(ws, key=len, reverse=True))
        )
        old = A._item_regex(cas, nums.can_num + _old_num(code))
    assert new.pattern != old.pattern  # the tries are in use
    for words in (cas["persons_singular"], cas["persons_plural"]):
        alt = "|".join(sorted(words, key=len, reverse=True))
        for after in AFTER:
            old_rx = re.compile(f"(?:{alt}){after}", re.IGNORECASE)
            new_rx = re.compile(f"(?:{A._literals(words)}){after}", re.IGNORECASE)
            assert _spans(new_rx, text) == _spans(old_rx, text)
    for i in range(len(text) + 1):
        a, b = old.match(text, i), new.match(text, i)
        assert (a and (a.span(), a.groupdict())) == (b and (b.span(), b.groupdict()))


def test_literals_keep_the_alternation_where_not_literal() -> None:
    assert A._literals(["service ?member", "man"]) == "service ?member|man"
    assert A._literals(["ab", ""]) == "ab|"
    assert A._literals(["man", "mans", "ma n"]) != "mans|ma n|man"


@pytest.mark.parametrize(
    "words",
    [
        ["ab?c", "a", "abd"],  # a fragment, then the literals after it
        ["x y", "x", "xy", "x yz"],
        ["police officer", "police", "polic[ae]", "officer"],
    ],
)
def test_literals_match_as_the_alternation(words: list[str]) -> None:
    text = "ac abd abc a xy x yz x  y police officer policeofficer polica"
    alt = "|".join(sorted(words, key=len, reverse=True))
    for after in AFTER:
        old = re.compile(f"(?:{alt}){after}", re.IGNORECASE)
        new = re.compile(f"(?:{A._literals(words)}){after}", re.IGNORECASE)
        assert _spans(new, text) == _spans(old, text)


# (language, text): the rare forms with and without a label's colon
RARE_TEXTS = [
    ("en", "Fatalities: 0. Injured: 3."),
    ("en", "Killed: 4, wounded: 12, the police said."),
    ("en", "The death toll rose to 19; 4 people were killed and 3 injured."),
    ("en", "No one was killed: two people were injured."),
    ("en", "Two people were killed and 12 injured in the attack."),
    ("en", "Nobody was hurt when the drone fell near the school."),
    ("uk", "Загиблих: 2, поранених: 5."),
    ("uk", "Кількість загиблих зросла до 12 людей."),
    ("uk", "Внаслідок удару загинули двоє людей, ще п’ятеро поранено."),
    ("uk", "Ніхто не загинув, але двоє людей поранено."),
]


@pytest.mark.parametrize(("code", "text"), RARE_TEXTS)
def test_rare_forms_without_labels_where_no_colon(
    code: str, text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    lang = language(code)
    g = A._casualty_grammar(lang)
    labels = lang.lexicon["casualties"].get("labels_killed")
    assert (g.rare_unlabelled is not g.rare) is bool(labels)  # left out, if any
    for t in (text, text.replace(":", "")):
        if ":" not in t:
            full = g.rare.search(t, low=t.lower())
            fast = g.rare_unlabelled.search(t, low=t.lower())
            assert (full is None) == (fast is None)
    fast_read = A.casualties(text, lang)
    monkeypatch.setattr(g, "rare_unlabelled", g.rare)  # the full search
    assert A.casualties(text, lang) == fast_read


@pytest.mark.parametrize(("code", "text"), [*LAUNCH_TEXTS, *PEOPLE_TEXTS[:3]])
def test_attributes_are_weapons_targets_and_launches(code: str, text: str) -> None:
    lang = language(code)
    a = A.attributes(text, lang)
    assert a.weapons == A.weapons(text, lang)
    assert a.targets == A.targets(text, lang)
    assert a.launched == tuple(A.launched(text, lang).items())
