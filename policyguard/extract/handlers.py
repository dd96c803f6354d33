"""Joining the resource handlers of several modules into one registry per format."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TypeVar

from policyguard.extract.collect import Collector

Item = TypeVar("Item")


def merged(
    *tables: Mapping[str, Callable[[Item, Collector], None]],
) -> dict[str, Callable[[Item, Collector], None]]:
    """One handler per resource type; where several modules handle one type (the IAM user and
    its login profile), their handlers run in the order of ``tables``."""
    registry: dict[str, Callable[[Item, Collector], None]] = {}
    for table in tables:
        for resource_type, handler in table.items():
            earlier = registry.get(resource_type)
            registry[resource_type] = handler if earlier is None else _both(earlier, handler)
    return registry


def _both(
    first: Callable[[Item, Collector], None], second: Callable[[Item, Collector], None]
) -> Callable[[Item, Collector], None]:
    def extract(item: Item, collector: Collector) -> None:
        first(item, collector)
        second(item, collector)

    return extract
