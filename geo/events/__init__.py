"""Strike events: the record, its schema and vocabularies, and merging reports into it.

:class:`Event` (with its :class:`Source` s) is the one record of a merged
strike; :meth:`Event.to_feature` and :meth:`Event.from_feature` are the one
way to and from GeoJSON, and ``geo/events/data/events.schema.json`` the one
statement of the schema (:mod:`geo.events.vocab` reads its vocabularies,
:mod:`geo.events.schema` validates against it).  :mod:`geo.events.merge` makes
events from strike reports; :mod:`geo.events.coerce` reads loose ones from
tables; :mod:`geo.events.files` reads event files back.  Nothing here imports
pandas or the extraction.
"""

from geo.events.coerce import coerce_feature, coerce_properties
from geo.events.files import load_events, parse_events
from geo.events.merge import (
    event_features,
    event_id,
    make_event,
    merge_actors,
    merge_reports,
)
from geo.events.records import Event, Normalized, Source
from geo.events.schema import check_feature, validate_geojson
from geo.events.vocab import (
    ACTORS,
    DATE_PRECISIONS,
    EVENT_KINDS,
    PRECISIONS,
    PROPERTIES,
    TARGETS,
    WEAPONS,
    label,
)

__all__ = [
    "ACTORS",
    "DATE_PRECISIONS",
    "EVENT_KINDS",
    "PRECISIONS",
    "PROPERTIES",
    "TARGETS",
    "WEAPONS",
    "Event",
    "Normalized",
    "Source",
    "check_feature",
    "coerce_feature",
    "coerce_properties",
    "event_features",
    "event_id",
    "label",
    "load_events",
    "make_event",
    "merge_actors",
    "merge_reports",
    "parse_events",
    "validate_geojson",
]
