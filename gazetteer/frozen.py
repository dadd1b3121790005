"""Frozen records that are quick to make.

A frozen dataclass's generated ``__init__`` sets each field through
``object.__setattr__`` (its own ``__setattr__`` refuses), which costs about
0.15 µs a field: a six-field record takes about 1 µs to make.  The extraction
makes hundreds of records per article (a sentence, a lexicon hit, a told
date, a candidate place ...), so :func:`quick_init` gives a frozen, slotted
dataclass an ``__init__`` that writes its slots through their descriptors
instead (a slot's ``__set__`` sets it whatever ``__setattr__`` says), about
two to three times as fast.  The record is otherwise the same: fields,
defaults, signature, equality, hash, repr, pickling, :func:`dataclasses.replace`
and frozenness (``tests/test_frozen.py`` checks each decorated class against
the dataclass's own ``__init__``).
"""

from __future__ import annotations

import dataclasses
from typing import Any, TypeVar

__all__ = ["dataclass_init", "quick_init"]

T = TypeVar("T", bound=type)

# class -> the __init__ the dataclass generated (the reference of the tests)
_GENERATED: dict[type, Any] = {}


def quick_init(cls: T) -> T:
    """Give a frozen, slotted dataclass an ``__init__`` that sets its slots directly.

    Use it above ``@dataclass(frozen=True, slots=True)``.

    Parameters
    ----------
    cls : type
        A frozen dataclass with slots, no ``__post_init__``, no keyword-only
        or ``init=False`` fields and no default factories.

    Returns
    -------
    type
        ``cls``, its ``__init__`` replaced.

    Raises
    ------
    TypeError
        When ``cls`` is not such a dataclass.
    """
    params = getattr(cls, "__dataclass_params__", None)
    if params is None or not params.frozen or "__slots__" not in cls.__dict__:
        raise TypeError(f"{cls.__name__} is not a frozen dataclass with slots")
    if hasattr(cls, "__post_init__"):
        raise TypeError(f"{cls.__name__} has a __post_init__")
    fields = dataclasses.fields(cls)
    names = [f.name for f in fields]
    scope: dict[str, Any] = {}
    args = []
    for f in fields:
        if not f.init or f.kw_only or f.default_factory is not dataclasses.MISSING:
            raise TypeError(f"{cls.__name__}.{f.name} cannot be set by quick_init")
        scope[f"_set_{f.name}"] = cls.__dict__[f.name].__set__
        if f.default is dataclasses.MISSING:
            args.append(f.name)
        else:
            scope[f"_default_{f.name}"] = f.default
            args.append(f"{f.name}=_default_{f.name}")
    lines = [f"    _set_{n}(self, {n})" for n in names] or ["    pass"]
    source = f"def __init__(self, {', '.join(args)}):\n" + "\n".join(lines)
    exec(source, scope)  # noqa: S102 -- only field names, checked by dataclasses
    init = scope["__init__"]
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    init.__module__ = cls.__module__
    generated = vars(cls)["__init__"]
    init.__annotations__ = dict(generated.__annotations__)
    _GENERATED[cls] = generated
    cls.__init__ = init  # type: ignore[misc]
    return cls


def dataclass_init(cls: type) -> Any:
    """The ``__init__`` the dataclass generated for a :func:`quick_init` class.

    Parameters
    ----------
    cls : type
        A class decorated with :func:`quick_init`.

    Returns
    -------
    function
        Its original ``__init__`` (for tests that compare the two).
    """
    return _GENERATED[cls]
