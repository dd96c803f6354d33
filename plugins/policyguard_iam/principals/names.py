"""Which declared users, groups and roles a written value names."""

from __future__ import annotations

from dataclasses import dataclass

from policyguard.model import (
    Element,
    Inventory,
    Principal,
    PrincipalType,
    Resource,
    Unresolved,
)


def local_inventory(inventory: Inventory, resource: Resource) -> Inventory:
    """The objects of the template or Terraform root module that declares ``resource``: names
    and addresses such as ``Resources/User`` mean something only there."""
    return inventory.in_unit(resource.location.unit)


@dataclass(frozen=True, slots=True)
class Named:
    """The declared principals a value names, and the value when it may name any."""

    principals: tuple[Principal, ...] = ()
    unknown: Unresolved | None = None


def named_principals(
    element: Element,
    address: str | None,
    referrer: Resource,
    kind: PrincipalType,
    inventory: Inventory,
) -> Named:
    """The principals of ``kind`` that ``element`` (written on ``referrer``) names: by the
    address it refers to, else by name or ARN; a value not known statically may name any."""
    from policyguard.iam.effective import referenced_address  # noqa: PLC0415 - engine loads late

    declared = [p for p in inventory.of_type(Principal) if p.type is kind]
    value = element.value
    if address is None and isinstance(value, Unresolved):
        address = referenced_address(value, referrer)
        if address is None:
            tail = value.parts[-1]
            if tail is None or "/" not in tail:
                return Named(unknown=value)
            value = tail  # an ARN whose account alone is unknown
    if address is not None:
        return Named(tuple(p for p in declared if p.resource.address == address))
    assert isinstance(value, str)
    name = value.rsplit("/", 1)[-1] if value.startswith("arn:") or "/" in value else value
    return Named(tuple(p for p in declared if p.name is not None and p.name.known() == name))


def refers_to_declared(value: Unresolved, referrer: Resource, inventory: Inventory) -> bool:
    """Whether ``value`` is a reference to a resource declared beside ``referrer`` (not to a
    parameter or variable)."""
    from policyguard.iam.effective import referenced_address  # noqa: PLC0415 - engine loads late

    address = referenced_address(value, referrer)
    if address is None:
        return False
    return any(
        getattr(obj, "resource", None) is not None and obj.resource.address == address  # type: ignore[attr-defined]
        for obj in local_inventory(inventory, referrer).objects
    )
