"""The one model of a scan: every extracted object, in a deterministic order."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from policyguard.location import SourceLocation
from policyguard.model.accounts import AccountSettings
from policyguard.model.requirements import Requirements

T = TypeVar("T")
Subject = TypeVar("Subject")


def location_of(obj: object) -> SourceLocation:
    """The primary location of a model object: its own, else its resource's header."""
    location = getattr(obj, "location", None)
    if isinstance(location, SourceLocation):
        return location
    resource = getattr(obj, "resource", None)
    if resource is not None and isinstance(resource.location, SourceLocation):
        return resource.location
    raise TypeError(f"{type(obj).__name__} has no location")


def _order(obj: object) -> tuple[str, Any, str, str]:
    location = location_of(obj)
    return (location.path, location.span, location.logical_name, type(obj).__name__)


@dataclass(frozen=True)
class Inventory:
    """Every model object of a scan, sorted by path, then position, then logical name, and
    what the configuration says about the accounts (:class:`AccountSettings`) and requires of
    the code (:class:`Requirements`)."""

    objects: tuple[object, ...] = ()
    accounts: AccountSettings = field(default_factory=AccountSettings)
    requirements: Requirements = field(default_factory=Requirements)
    _by_type: dict[type, tuple[Any, ...]] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )
    _by_unit: dict[str, Inventory] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )
    _derived: dict[Callable[[Inventory], Any], Any] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )
    _per_object: dict[tuple[Callable[[Inventory, Any], Any], int], Any] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    @classmethod
    def of(
        cls,
        objects: Iterable[object],
        accounts: AccountSettings | None = None,
        requirements: Requirements | None = None,
    ) -> Inventory:
        """An inventory of ``objects`` in the deterministic order, with the settings."""
        return cls(
            tuple(sorted(objects, key=_order)),
            accounts or AccountSettings(),
            requirements or Requirements(),
        )

    def holding(self, objects: Iterable[object]) -> Inventory:
        """An inventory of other ``objects`` with the same settings."""
        return Inventory.of(objects, self.accounts, self.requirements)

    def of_type(self, kind: type[T]) -> tuple[T, ...]:
        """The objects that are instances of ``kind``, in inventory order."""
        cached = self._by_type.get(kind)
        if cached is None:
            cached = tuple(obj for obj in self.objects if isinstance(obj, kind))
            self._by_type[kind] = cached
        return cached

    def in_unit(self, unit: str) -> Inventory:
        """The objects read for one root module directory or template (``SourceLocation.unit``):
        the scope in which addresses and names join."""
        if not self._by_unit:
            grouped: dict[str, list[object]] = {}
            for obj in self.objects:
                grouped.setdefault(location_of(obj).unit, []).append(obj)
            self._by_unit.update(
                (key, Inventory(tuple(objects), self.accounts, self.requirements))
                for key, objects in grouped.items()
            )
        return self._by_unit.get(unit) or self.holding(())

    def derived(self, compute: Callable[[Inventory], T]) -> T:
        """``compute(self)``, computed once per inventory: for joins that many checks share."""
        if compute not in self._derived:
            self._derived[compute] = compute(self)
        result: T = self._derived[compute]
        return result

    def per_object(self, compute: Callable[[Inventory, Subject], T], obj: Subject) -> T:
        """``compute(self, obj)`` for an object of this inventory, computed once: for what
        several checks ask of one object. Objects are told apart by identity."""
        key = (compute, id(obj))
        if key not in self._per_object:
            self._per_object[key] = compute(self, obj)
        result: T = self._per_object[key]
        return result
