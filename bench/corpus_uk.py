"""A generated corpus of Ukrainian-language strike reports, for benchmarks only.

Articles of about 2 KB of UTF-8 (some 1,100 characters) in the shapes the
Ukrainian press and oblast administrations use (news items, "over the past
day" summaries with dash lists, Telegram-style posts), naming settlements of
the bundled gazetteer in their case forms (from the gazetteer's own form
table), with attack and not-event sentences, numerals and dates. The texts
are invented and meaningless as reports; they exist to be read fast.

``python bench/corpus_uk.py 1000 out.jsonl`` writes a corpus as JSON Lines.
"""

from __future__ import annotations

import gzip
import json
import random
import sys
from collections import defaultdict
from collections.abc import Iterator
from datetime import date, timedelta
from functools import lru_cache
from importlib import resources
from pathlib import Path

MONTHS = (
    "січня", "лютого", "березня", "квітня", "травня", "червня",
    "липня", "серпня", "вересня", "жовтня", "листопада", "грудня",
)  # fmt: skip
COUNTS = ("одного", "двох", "трьох", "чотирьох", "п’ятьох", "шістьох", "сімох")
COLLECTIVE = ("двоє", "троє", "четверо", "п’ятеро", "шестеро")
WEAPONS = (
    "ударними БпЛА типу «Шахед»", "FPV-дронами", "керованими авіабомбами",
    "балістичними ракетами", "з артилерії", "з РСЗВ «Град»", "ракетами Х-101",
)  # fmt: skip
TARGETS = (
    "приватний будинок", "багатоповерхівку", "адмінбудівлю", "об’єкт енергетики",
    "школу", "складське приміщення", "автомобіль", "магазин", "лінію електропередачі",
)  # fmt: skip
FILLERS = (
    "Мешканців закликають не ігнорувати сигнали повітряної тривоги та перебувати в укриттях.",  # noqa: E501
    "На місці працюють рятувальники, поліція та комунальні служби.",
    "Усім постраждалим надано необхідну допомогу, тривають аварійно-відновлювальні роботи.",  # noqa: E501
    "Інформація про наслідки уточнюється, слідчі задокументували черговий воєнний злочин.",  # noqa: E501
    "Пункти незламності працюють у звичному режимі, водопостачання відновлено.",
    "Сили протиповітряної оборони знешкодили над областю дев’ять безпілотників.",
)  # fmt: skip


@lru_cache(maxsize=1)
def _pools() -> tuple[list[tuple[str, list[str]]], list[str]]:
    """Settlements with their case forms (capitalised), and oblast adjectives."""
    from gazetteer import get_gazetteer

    store = get_gazetteer().store
    names: list[str] = []
    for i in range(len(store)):
        p = store.place(i)
        if p.kind == "settlement" and p.population >= 5_000 and p.name_uk:
            names.append(p.name_uk)
    wanted = {n.lower(): n for n in names}
    forms: dict[str, list[str]] = defaultdict(list)
    data = resources.files("gazetteer").joinpath("data", "forms_uk.tsv.gz")
    with gzip.open(data.open("rb"), "rt", encoding="utf-8") as fh:
        for line in fh:
            form, _, lemma = line.rstrip("\n").partition("\t")
            if lemma in wanted:
                forms[lemma].append(form)
    cities = []
    for low, name in sorted(wanted.items()):
        caps = [_like(f, name) for f in sorted(set(forms.get(low, [])))] or [name]
        cities.append((name, caps))
    oblasts = [
        "Харківській", "Сумській", "Дніпропетровській", "Запорізькій", "Херсонській",
        "Миколаївській", "Одеській", "Донецькій", "Чернігівській", "Київській",
    ]  # fmt: skip
    return cities, oblasts


def _like(form: str, name: str) -> str:
    """``form`` written with the capitals of ``name``, word by word."""
    words = form.split(" ")
    ref = name.replace("-", " ").split(" ")
    out = [w[:1].upper() + w[1:] if i < len(ref) and ref[i][:1].isupper() else w
           for i, w in enumerate(words)]  # fmt: skip
    return " ".join(out)


def _form(rng: random.Random, city: tuple[str, list[str]]) -> str:
    return rng.choice(city[1])


def article(index: int, *, seed: int = 0, start: date = date(2025, 1, 1)) -> dict:
    """Make Ukrainian article ``index`` of the corpus ``seed`` (about 2 KB).

    Returns
    -------
    dict
        ``{"id", "date", "text"}``.
    """
    rng = random.Random(f"strikemap-corpus-uk:{seed}:{index}")
    cities, oblasts = _pools()
    published = start + timedelta(days=rng.randrange(365))
    day = published - timedelta(days=1)
    when = f"{published.day} {MONTHS[published.month - 1]}"
    c1, c2, c3 = (rng.choice(cities) for _ in range(3))
    parts = [
        f"Наслідки нічної атаки: {c1[0]}",
        f"У ніч на {when} російські війська атакували {_form(rng, c1)} "
        f"{rng.choice(WEAPONS)}. Внаслідок удару поранено {rng.choice(COUNTS)} "
        f"людей, пошкоджено {rng.choice(TARGETS)} та {rng.choice(TARGETS)}.",
        f"Протягом минулої доби ворог завдав {rng.randrange(3, 40)} ударів по "
        f"{rng.randrange(2, 15)} населених пунктах {rng.choice(oblasts)} області. "
        "Внаслідок обстрілів:",
        f"– у {_form(rng, c2)} {rng.choice(COLLECTIVE)} загиблих, зруйновано "
        f"{rng.choice(TARGETS)};",
        f"– у {_form(rng, c3)} пошкоджено {rng.choice(TARGETS)}, без постраждалих.",
    ]
    while sum(len(p.encode("utf-8")) + 1 for p in parts) < 2000:
        x = rng.random()
        c = rng.choice(cities)
        if x < 0.3:
            parts.append(
                f"Увечері {day.day} {MONTHS[day.month - 1]} пролунали вибухи у "
                f"{_form(rng, c)}, попередньо — влучання у {rng.choice(TARGETS)}."
            )
        elif x < 0.45:
            alert = f"Повітряна тривога в {_form(rng, c)} тривала понад дві години."
            parts.append(alert)
        elif x < 0.55:
            visit = f"Голова ОВА відвідав {_form(rng, c)} та зустрівся з громадою."
            parts.append(visit)
        else:
            parts.append(rng.choice(FILLERS))
    return {
        "id": f"synthetic-uk-{seed}-{index:07d}",
        "date": published.isoformat(),
        "text": "\n".join(parts),
    }


def generate(n: int, *, seed: int = 0) -> Iterator[dict]:
    """Yield ``n`` Ukrainian articles (see :func:`article`)."""
    for i in range(n):
        yield article(i, seed=seed)


if __name__ == "__main__":
    n, out = int(sys.argv[1]), Path(sys.argv[2])
    with out.open("w", encoding="utf-8") as fh:
        for rec in generate(n):
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
