"""Which declared resources refer to a KMS key: the uses that a disabled key breaks."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator

from policyguard.iam.effective import referenced_address
from policyguard.model import Inventory, KmsKey, Resource
from policyguard.model.values import Unresolved


def _unresolved_values(obj: object, depth: int = 0) -> Iterator[Unresolved]:
    """Every unresolved value inside a model object (its settings, policies, statements)."""
    if isinstance(obj, Unresolved):
        yield obj
    elif isinstance(obj, tuple | list) and depth < 12:
        for item in obj:
            yield from _unresolved_values(item, depth + 1)
    elif dataclasses.is_dataclass(obj) and not isinstance(obj, type | Resource) and depth < 12:
        for field in dataclasses.fields(obj):
            yield from _unresolved_values(getattr(obj, field.name), depth + 1)


def key_users(key: KmsKey, inventory: Inventory) -> list[Resource]:
    """The other resources whose settings or policies refer to ``key`` (its ARN or id)."""
    users: dict[str, Resource] = {}
    for obj in inventory.objects:
        resource = getattr(obj, "resource", None)
        if not isinstance(resource, Resource) or resource.address == key.resource.address:
            continue
        for value in _unresolved_values(obj):
            if referenced_address(value, resource) == key.resource.address:
                users[resource.address] = resource
                break
    return list(users.values())
