"""Frozen records: the journal's values, with what ``@dataclass(frozen=True)`` gave them.

A record class lists its fields as annotations, defaults after the fields without one,
and may check or normalise them in ``__post_init__``. It gets keyword or positional
construction, equality and hashing by its fields, a ``repr`` naming them, and refuses
assignment; ``replace`` makes a changed copy.

Why not ``dataclasses``: it writes each class's methods as source text and compiles them
when the class is made, about a millisecond a class, and loads ``inspect`` (with
``ast`` and ``dis``) to do so. A check-in command makes a dozen value classes before it
reads a day, and that was a third of its run. A record's methods are the same few
functions for every class, reading the fields noted when the class was made.
"""

from __future__ import annotations

from collections.abc import Callable
from operator import attrgetter

TYPE_CHECKING = False  # not ``typing``'s: the command line starts without it (see cli)
if TYPE_CHECKING:
    from typing import Any, ClassVar, TypeVar, dataclass_transform

    T = TypeVar("T")
else:

    def dataclass_transform(**_: object) -> Callable[[type], type]:
        """The checker reads typing's (which marks the class and returns it)."""
        return lambda cls: cls


_MUTABLE = (list, dict, set, bytearray)


class FrozenRecordError(AttributeError):
    """A field of a record was assigned to (or deleted): make a changed copy instead."""


@dataclass_transform(frozen_default=True)
class Record:
    """The base of a frozen record (see the module's docstring)."""

    __slots__ = ()
    _fields: ClassVar[tuple[str, ...]] = ()
    _names: ClassVar[frozenset[str]] = frozenset()
    _defaults: ClassVar[dict[str, object]] = {}
    _values: ClassVar[Callable[[object], tuple[object, ...]]]

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        annotations = cls.__dict__.get("__annotations__", {})  # noqa: RUF063 (no inspect)
        own = [
            name
            for name, kind in annotations.items()
            if not str(kind).startswith(("ClassVar", "typing.ClassVar"))
        ]
        fields = (*cls._fields, *(name for name in own if name not in cls._fields))
        defaults = dict(cls._defaults)
        defaults.update((name, cls.__dict__[name]) for name in own if name in cls.__dict__)
        for name, value in defaults.items():
            if isinstance(value, _MUTABLE):
                raise TypeError(f"{cls.__name__}.{name}: a shared {type(value).__name__} default")
        first = next((i for i, name in enumerate(fields) if name in defaults), len(fields))
        if not all(name in defaults for name in fields[first:]):
            raise TypeError(f"{cls.__name__}: a field without a default follows one with one")
        cls._fields = fields
        cls._names = frozenset(fields)
        cls._defaults = defaults
        cls._values = _getter(fields)  # read from the class: never bound to a record

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        cls = type(self)
        names = cls._fields
        given = len(args)
        if given > len(names):
            raise TypeError(
                f"{cls.__name__}() takes {len(names)} positional arguments but {given} were given"
            )
        values = self.__dict__  # filled directly: assignment is what a record refuses
        if given + len(kwargs) < len(names):
            values.update(cls._defaults)
        if args:
            values.update(zip(names, args, strict=False))
        if kwargs:
            if not kwargs.keys() <= cls._names:
                unknown = ", ".join(repr(n) for n in kwargs if n not in cls._names)
                raise TypeError(f"{cls.__name__}() got an unexpected keyword argument {unknown}")
            if given and not kwargs.keys().isdisjoint(names[:given]):
                twice = ", ".join(repr(n) for n in names[:given] if n in kwargs)
                raise TypeError(f"{cls.__name__}() got multiple values for argument {twice}")
            values.update(kwargs)
        if len(values) < len(names):
            missing = ", ".join(repr(n) for n in names if n not in values)
            raise TypeError(f"{cls.__name__}() is missing {missing}")
        self.__post_init__()

    def __post_init__(self) -> None:
        """Check or normalise the fields (``object.__setattr__`` sets one)."""

    def __eq__(self, other: object) -> bool:
        cls = self.__class__
        if other.__class__ is cls:
            return cls._values(self) == cls._values(other)  # the same fields
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self.__class__._values(self))

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in self._fields)
        return f"{type(self).__qualname__}({shown})"

    def __setattr__(self, name: str, value: object) -> None:
        raise FrozenRecordError(f"cannot assign to field {name!r}")

    def __delattr__(self, name: str) -> None:
        raise FrozenRecordError(f"cannot delete field {name!r}")


def _getter(fields: tuple[str, ...]) -> Callable[[object], tuple[object, ...]]:
    """The fields' values of a record as one tuple (``attrgetter`` of one name gives the
    value itself)."""
    if len(fields) > 1:
        return attrgetter(*fields)
    return lambda record: tuple(getattr(record, name) for name in fields)


def _replace(value: T, /, **changes: Any) -> T:
    """A copy of a record (or of a dataclass) with ``changes``, checked again as a new
    one is: one ``replace`` for both kinds of value."""
    if not isinstance(value, Record):
        import dataclasses

        return dataclasses.replace(value, **changes)  # type: ignore[type-var]
    values = {name: getattr(value, name) for name in value._fields}
    values.update(changes)
    return type(value)(**values)


if TYPE_CHECKING:
    # The checker knows ``dataclasses.replace`` and checks its keywords against a
    # record's fields as a dataclass's; at run time it is ``_replace``.
    from dataclasses import replace
else:
    replace = _replace

__all__ = ["FrozenRecordError", "Record", "replace"]
