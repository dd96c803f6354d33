"""Deployment units: the parts of a scan that are deployed, and joined, on their own.

A scan may hold several Terraform root modules (``envs/dev``, ``envs/prod``) and several
CloudFormation templates. Each is its own deployment: ``aws_iam_role.app`` of one root module is
not the role of the same address in another, and a template's ``!Ref Role`` names its own
resource only. Joining principals, attachments and policies across units by address would mix
them up, so the engine joins each unit separately.

Extraction records the unit on each location (``SourceLocation.unit``): the directory of the
root module an object is instantiated from, or its template (or plan) file.

The Organizations tree (organization, OUs, accounts, SCPs and RCPs and their attachments) is
shared: the accounts one root module deploys to sit in the tree another one declares, so every
unit sees all of it.
"""

from __future__ import annotations

from policyguard.model.inventory import Inventory, location_of
from policyguard.model.organizations import (
    Account,
    Organization,
    OrganizationalUnit,
    OrganizationPolicy,
    OrganizationPolicyAttachment,
)

_SHARED = (
    Organization,
    OrganizationalUnit,
    Account,
    OrganizationPolicy,
    OrganizationPolicyAttachment,
)


def unit_of(obj: object) -> str:
    """The deployment unit of a model object: a root module directory or a template path."""
    return location_of(obj).unit


def deployment_units(inventory: Inventory) -> tuple[Inventory, ...]:
    """The inventory split into its deployment units, in order of their first object; each keeps
    the account settings and sees the shared Organizations tree. Computed once per inventory."""
    return inventory.derived(_deployment_units)


def _deployment_units(inventory: Inventory) -> tuple[Inventory, ...]:
    shared = [obj for obj in inventory.objects if isinstance(obj, _SHARED)]
    units = [
        unit
        for name in dict.fromkeys(unit_of(obj) for obj in inventory.objects)
        if (unit := inventory.in_unit(name)).objects
        and not all(isinstance(obj, _SHARED) for obj in unit.objects)
    ]
    if not units:
        return (inventory,) if shared else ()
    if not shared:
        return tuple(units)
    return tuple(
        inventory.holding([*(obj for obj in unit.objects if not isinstance(obj, _SHARED)), *shared])
        for unit in units
    )
