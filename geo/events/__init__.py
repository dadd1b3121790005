"""Strike reports to events: one event per place and day, across articles."""

from geo.events.merge import event_features, event_id, merge_reports

__all__ = ["event_features", "event_id", "merge_reports"]
