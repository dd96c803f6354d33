"""The users and groups that inline policies and attachments are written for."""

from __future__ import annotations

from collections.abc import Iterator

from policyguard.model import (
    Element,
    Inventory,
    PolicyResource,
    PrincipalType,
)
from policyguard_iam.principals.names import local_inventory, named_principals

_INLINE_TYPES = {
    "aws_iam_user_policy": PrincipalType.USER,
    "AWS::IAM::UserPolicy": PrincipalType.USER,
    "aws_iam_group_policy": PrincipalType.GROUP,
    "AWS::IAM::GroupPolicy": PrincipalType.GROUP,
    "aws_iam_role_policy": PrincipalType.ROLE,
    "AWS::IAM::RolePolicy": PrincipalType.ROLE,
}
"""Inline policy resources written for one kind of principal; others (``AWS::IAM::Policy``)
name users, groups and roles in one list."""


def inline_policy_targets(
    policy: PolicyResource, kinds: tuple[PrincipalType, ...], inventory: Inventory
) -> Iterator[tuple[Element, PrincipalType]]:
    """The elements of an inline policy resource that name a principal of one of ``kinds``.

    In a list of mixed kinds an element counts when it names a declared principal of the kind.
    """
    if policy.managed:
        return
    only = _INLINE_TYPES.get(policy.resource.type)
    if only is None:
        inventory = local_inventory(inventory, policy.resource)
    for element in policy.attached_to:
        if only is not None:
            if only in kinds:
                yield element, only
            continue
        for kind in kinds:
            named = named_principals(element, None, policy.resource, kind, inventory)
            if named.principals:
                yield element, kind
                break
