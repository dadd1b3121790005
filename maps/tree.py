"""The folium element tree: JavaScript names, fixed ids, parents and children.

branca (folium's base) has no public way to set the name an element's
JavaScript variable starts with, to give an element a fixed id, to find an
element's parent or to list its children: its own docs say to overwrite
``_name``, and folium's templates read ``this._parent``.  This module is the
**only** place in strikemap that touches those private attributes
(``_name``, ``_id``, ``_parent``, ``_children``): each use is in one of the
small accessors below, and everything else goes through them.

:func:`renumber` replaces branca's random ids (``urandom``), which end up in
the page as JavaScript variable and DOM element names, with ids derived from a
counter, so that the same input gives the same HTML.
"""

from __future__ import annotations

import re
from collections import OrderedDict

from branca.element import Element

__all__ = ["set_js_name", "parent_name", "children", "renumber", "walk"]


# ---- the accessors of branca's private attributes (the only uses) ----


def set_js_name(element: Element, name: str) -> None:
    """Make ``element.get_name()`` start with ``name`` (in snake case).

    branca builds an element's variable name from ``_name`` and ``_id`` and
    documents overwriting ``_name`` as the way to name an element class; it
    has no setter.
    """
    element._name = name


def parent_name(element: Element) -> str:
    """Return the JavaScript name of the element's parent (the map).

    branca keeps the parent in ``_parent`` with no public getter; folium's own
    templates read ``this._parent.get_name()`` the same way.

    Raises
    ------
    TypeError
        When the element has not been added to a parent.
    """
    parent = element._parent
    if parent is None:
        raise TypeError(f"{type(element).__name__} must be added to a map first")
    return parent.get_name()


def children(element: Element) -> list[Element]:
    """Return the element's children in order (branca's ``_children``)."""
    return list(element._children.values())


def _set_id(element: Element, new_id: str) -> None:
    """Give ``element`` the id ``new_id``, re-keying it in its parent.

    A parent registers a child under the child's name when it is added, so a
    child renamed later is re-keyed in place (same position).
    """
    old_name = element.get_name()
    element._id = new_id
    parent = element._parent
    if parent is not None and parent._children.get(old_name) is element:
        parent._children = OrderedDict(
            (element.get_name() if key == old_name else key, child)
            for key, child in parent._children.items()
        )


def _id_of(element: Element) -> str:
    return str(element._id)


# ---- built on them ----


def renumber(root: Element, prefix: str = "sm") -> Element:
    """Give ``root`` and every element below it a deterministic id.

    Ids are ``<prefix><n>``, ``n`` counting elements depth-first in child
    order.  Elements that already carry such an id keep it, so a second call
    (after more elements were added) only numbers the new ones, after the
    highest number in use.  Children registered under their old generated
    name are re-keyed.

    Parameters
    ----------
    root : branca.element.Element
        Usually the map's figure (``m.get_root()``).
    prefix : str, default "sm"
        Start of every id (letters and underscores only).

    Returns
    -------
    branca.element.Element
        ``root``, changed in place.
    """
    pattern = re.compile(re.escape(prefix) + r"(\d+)")
    elements = walk(root)
    used = [int(m.group(1)) for e in elements if (m := pattern.fullmatch(_id_of(e)))]
    counter = max(used, default=-1) + 1
    for element in elements:
        if not pattern.fullmatch(_id_of(element)):
            _set_id(element, f"{prefix}{counter:04d}")
            counter += 1
    return root


def walk(root: Element) -> list[Element]:
    """Every element below ``root`` (included), depth-first, in child order.

    Parameters
    ----------
    root : branca.element.Element
        Where to start.

    Returns
    -------
    list of branca.element.Element
    """
    out: list[Element] = []
    seen: set[int] = set()
    stack = [root]
    while stack:
        element = stack.pop()
        if id(element) in seen:
            continue
        seen.add(id(element))
        out.append(element)
        stack.extend(reversed(children(element)))
    return out
