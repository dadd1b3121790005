"""Events to tables and files.

The GeoDataFrame with its spatial join, region summaries, the event exports
and the one output writer.

These modules import geopandas; they load on first use so that extraction
workers start fast.
"""

__all__: list[str] = []
