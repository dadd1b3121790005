"""Deterministic element ids, so that the same input gives the same HTML.

branca gives every element a random id (``urandom``); the ids end up in the
page as JavaScript variable and DOM element names.  :func:`renumber` replaces
them, in tree order, with ids derived from a counter.
"""

from __future__ import annotations

from collections import OrderedDict

from branca.element import Element

__all__ = ["renumber"]


def renumber(root: Element, prefix: str = "sm") -> Element:
    """Give ``root`` and every element below it a deterministic id.

    Ids are ``<prefix><n>`` with ``n`` counting elements depth-first in child
    order; children registered under their old generated name are re-keyed.

    Parameters
    ----------
    root : branca.element.Element
        Usually the map's figure (``m.get_root()``).
    prefix : str, default "sm"
        Start of every id (letters, digits and underscores only).

    Returns
    -------
    branca.element.Element
        ``root``, changed in place.
    """
    counter = 0
    stack = [root]
    seen: set[int] = set()
    while stack:
        element = stack.pop()
        if id(element) in seen:
            continue
        seen.add(id(element))
        old_name = element.get_name()
        element._id = f"{prefix}{counter:04d}"
        counter += 1
        parent = element._parent
        if parent is not None and old_name in parent._children:
            if parent._children[old_name] is element:
                parent._children = OrderedDict(
                    (element.get_name() if k == old_name else k, v)
                    for k, v in parent._children.items()
                )
        children = list(getattr(element, "_children", {}).values())
        stack.extend(reversed(children))
    return root
