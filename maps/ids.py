"""Deterministic element ids, so that the same input gives the same HTML.

branca gives every element a random id (``urandom``); the ids end up in the
page as JavaScript variable and DOM element names.  :func:`renumber` replaces
them, in tree order, with ids derived from a counter.
"""

from __future__ import annotations

import re
from collections import OrderedDict

from branca.element import Element, Figure

__all__ = ["renumber", "walk"]


def renumber(root: Element, prefix: str = "sm") -> Element:
    """Give ``root`` and every element below it a deterministic id.

    Ids are ``<prefix><n>``, ``n`` counting elements depth-first in child
    order.  Elements that already carry such an id keep it, so a second call
    (after more elements were added, or after a render added its own helper
    elements) only numbers the new ones, after the highest number in use.
    Children registered under their old generated name are re-keyed.

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
    used = [int(m.group(1)) for e in elements if (m := pattern.fullmatch(str(e._id)))]
    counter = max(used, default=-1) + 1
    for element in elements:
        if pattern.fullmatch(str(element._id)):
            continue
        old_name = element.get_name()
        element._id = f"{prefix}{counter:04d}"
        counter += 1
        parent = element._parent
        if parent is not None and parent._children.get(old_name) is element:
            parent._children = OrderedDict(
                (element.get_name() if key == old_name else key, child)
                for key, child in parent._children.items()
            )
    return root


def walk(root: Element, *, figure_parts: bool = False) -> list[Element]:
    """Every element below ``root`` (included), depth-first, in child order.

    Parameters
    ----------
    root : branca.element.Element
        Where to start.
    figure_parts : bool, default False
        Also walk a figure's ``header``, ``html`` and ``script`` elements,
        which branca keeps as attributes, not children.

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
        children = list(getattr(element, "_children", {}).values())
        if figure_parts and isinstance(element, Figure):
            children = [element.header, element.html, element.script, *children]
        stack.extend(reversed(children))
    return out
