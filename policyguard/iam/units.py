"""Deployment units: the parts of a scan that are deployed, and joined, on their own.

A scan may hold several Terraform root modules (``envs/dev``, ``envs/prod``) and several
CloudFormation templates. Each is its own deployment: ``aws_iam_role.app`` of one root module is
not the role of the same address in another, and a template's ``!Ref Role`` names its own
resource only. Joining principals, attachments and policies across units by address would mix
them up, so the engine joins each unit separately.

Extraction records the unit on each location (``SourceLocation.unit``). When it is not
recorded, a unit is, for a Terraform object, the directory of the root module it is
instantiated from (the file of the outermost module call, else its own file); for a
CloudFormation object, its template file. Objects without a resource (policy documents of data
sources) belong to the unit of their own file, by the same rule.

The Organizations tree (organization, OUs, accounts, SCPs and RCPs and their attachments) is
shared: the accounts one root module deploys to sit in the tree another one declares, so every
unit sees all of it.
"""

from __future__ import annotations

import posixpath

from policyguard.model.inventory import Inventory, location_of
from policyguard.model.organizations import (
    Account,
    Organization,
    OrganizationalUnit,
    OrganizationPolicy,
    OrganizationPolicyAttachment,
)
from policyguard.model.resources import Resource, SourceFormat

_TERRAFORM_SUFFIXES = (".tf", ".tf.json", ".tofu", ".tofu.json")
_SHARED = (
    Organization,
    OrganizationalUnit,
    Account,
    OrganizationPolicy,
    OrganizationPolicyAttachment,
)


def unit_of(obj: object) -> str:
    """The deployment unit of a model object: a directory (Terraform) or a template path; the
    unit extraction recorded on the object's location when there is one."""
    location = location_of(obj)
    if location.unit:
        return location.unit
    resource = getattr(obj, "resource", None)
    if isinstance(resource, Resource):
        root = resource.module_calls[0] if resource.module_calls else resource.location
        if resource.format is SourceFormat.TERRAFORM:
            return posixpath.dirname(root.path)
        return root.path
    path = location.path
    return posixpath.dirname(path) if path.endswith(_TERRAFORM_SUFFIXES) else path


def deployment_units(inventory: Inventory) -> tuple[Inventory, ...]:
    """The inventory split into its deployment units, in order of their first object; each keeps
    the account settings and sees the shared Organizations tree."""
    units: dict[str, list[object]] = {}
    shared: list[object] = []
    for obj in inventory.objects:
        if isinstance(obj, _SHARED):
            shared.append(obj)
        else:
            units.setdefault(unit_of(obj), []).append(obj)
    if not units:
        return (inventory,) if shared else ()
    return tuple(
        Inventory.of([*objects, *shared], inventory.accounts) for objects in units.values()
    )
