"""Records the gazetteer hands out: places, mentions and resolutions."""

from __future__ import annotations

from dataclasses import dataclass, field

from gazetteer.frozen import quick_init

__all__ = ["KINDS", "Place", "Candidate", "Resolution", "Mention"]

#: The kinds of place the gazetteer knows, from the broadest to the most specific.
KINDS = ("oblast", "raion", "hromada", "settlement", "district", "feature")


@quick_init
@dataclass(frozen=True, slots=True)
class Place:
    """One place of the bundled gazetteer.

    Attributes
    ----------
    id : str
        Stable identifier: ``"gn:<geonameid>"`` for GeoNames records,
        ``"iso:<code>"`` for first-level units, ``"wri:<id>"`` for power plants.
    name : str
        English name (official KMU-2010 transliteration where one exists).
    name_uk : str
        Ukrainian name in Cyrillic ("" when unknown).
    kind : str
        One of :data:`KINDS`.
    lat, lon : float
        Representative point, WGS84.
    admin1_code : str
        ISO 3166-2 code of the first-level unit (``"UA-63"``), "" if unknown.
    admin1 : str
        English name of the first-level unit.
    admin2 : str
        English name of the raion ("" if unknown).
    admin2_code : str
        OCHA/KATOTTG p-code of the raion (``"UA6312"``), "" if unknown.
    population : int
        Population from GeoNames (0 when unknown).
    geonameid : int or None
        GeoNames id, when the place comes from GeoNames.
    feature_code : str
        GeoNames feature code (``PPLA``, ``ADM1``, ``AIRP``, ...) or ``WRI``.
    official : bool
        Whether ``name`` is the place's official current name: the first-level
        units, the raions, and the settlements found in the KATOTTG codifier.
        Such a name outranks another place's former name (see
        :func:`gazetteer.resolve.rank`).
    parent : str
        The id of the place this one belongs to: a city district's city, a
        hromada's administrative centre, a settlement's hromada (when the
        KATOTTG codifier tells it; "" when none).
    """

    id: str
    name: str
    name_uk: str
    kind: str
    lat: float
    lon: float
    admin1_code: str
    admin1: str
    admin2: str
    admin2_code: str
    population: int
    geonameid: int | None
    feature_code: str
    official: bool = False
    parent: str = ""

    @property
    def is_oblast(self) -> bool:
        """True for first-level units (oblasts, Crimea, Kyiv and Sevastopol cities)."""
        return self.kind == "oblast"


@quick_init
@dataclass(frozen=True, slots=True)
class Candidate:
    """A place a name may refer to, with the score that ranked it."""

    place: Place
    score: float
    why: str = ""


@quick_init
@dataclass(frozen=True, slots=True)
class Resolution:
    """The answer to "which place is this name?".

    Attributes
    ----------
    query : str
        The text that was resolved.
    place : Place
        The chosen place.
    confidence : float
        How sure the choice is, from 0 to 1.
    why : str
        The rule that decided (``"oblast in context"``, ``"rank"``, ...).
    alternatives : tuple of Candidate
        The other candidates, best first; their :attr:`Candidate.score` is raw.
    score : float or None
        The chosen place's raw score, on the scale of :attr:`Candidate.score`
        (``None`` when not known).
    """

    query: str
    place: Place
    confidence: float
    why: str
    alternatives: tuple[Candidate, ...] = field(default=())
    score: float | None = None

    @property
    def alternative_confidences(self) -> tuple[float | None, ...]:
        """Each alternative's confidence, on the scale of :attr:`confidence`.

        How sure the answer would be with that alternative chosen instead:
        ``gazetteer.resolve.confidence(alternative.score - score)``, never
        above :attr:`confidence`. ``None`` for each when :attr:`score` is
        unknown.
        """
        from gazetteer.resolve import confidence

        if self.score is None:
            return (None,) * len(self.alternatives)
        return tuple(confidence(c.score - self.score) for c in self.alternatives)


@quick_init
@dataclass(frozen=True, slots=True)
class Mention:
    """A gazetteer name found in a text.

    Attributes
    ----------
    start, end : int
        Character offsets into the text (``text[start:end]`` is the surface form).
    surface : str
        The matched text.
    key : str
        The normalized key the surface form matched.
    entries : tuple of (Place, str)
        Every place the key may denote with the quality code of the match
        (see :data:`gazetteer.store.QUALITY`), unranked.
    form : str
        ``"name"`` for a bare name, ``"region"`` when the text names a region
        (``"Kharkiv region"``, ``"the regions of Sumy and Kharkiv"``),
        ``"raion"``, ``"hromada"`` or ``"district"`` for those suffixes.
    """

    start: int
    end: int
    surface: str
    key: str
    entries: tuple[tuple[Place, str], ...]
    form: str = "name"

    @property
    def candidates(self) -> tuple[Place, ...]:
        """The places the mention may denote."""
        return tuple(p for p, _ in self.entries)
