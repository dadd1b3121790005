"""Event collections in their light forms, read without pandas.

The writers of :mod:`geo.tables.export` take a FeatureCollection, a list of
features, anything with ``__geo_interface__`` or a (Geo)DataFrame; only the
last needs pandas, which is imported when one is given (``strikemap events``
writing GeoJSON never loads it).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

__all__ = ["is_frame", "iter_features"]


def iter_features(features: Any) -> Iterable[Mapping[str, Any]]:
    """The features of a FeatureCollection, one feature, or an iterable of them.

    Parameters
    ----------
    features : Any
        A FeatureCollection or Feature (a mapping, or an object with
        ``__geo_interface__``), or an iterable of features.

    Returns
    -------
    iterable of Mapping
    """
    if hasattr(features, "__geo_interface__") and not isinstance(features, Mapping):
        features = features.__geo_interface__
    if isinstance(features, Mapping):
        if features.get("type") == "FeatureCollection":
            return features.get("features") or []
        return [features]
    return features


def is_frame(value: Any) -> bool:
    """Whether ``value`` is a pandas DataFrame (GeoDataFrame included).

    Checked without importing pandas: a frame can only exist once pandas is.

    Parameters
    ----------
    value : Any

    Returns
    -------
    bool
    """
    import sys

    pd = sys.modules.get("pandas")
    return pd is not None and isinstance(value, pd.DataFrame)
