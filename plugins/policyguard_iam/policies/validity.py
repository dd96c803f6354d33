"""What IAM-014 and IAM-015 share: the engine's validation findings of identity policies."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from policyguard import Finding
from policyguard.iam.holders import holders_of
from policyguard.model import Inventory, PolicyDocument, PolicyKind, PolicyResource, Principal

if TYPE_CHECKING:
    from policyguard.iam.validation import Level, PolicyContainer, ValidationFinding

_KINDS = (PolicyKind.IDENTITY, PolicyKind.PERMISSIONS_BOUNDARY)
_INLINE_TYPES = {
    "aws_iam_user_policy": "USER_INLINE",
    "aws_iam_role_policy": "ROLE_INLINE",
    "aws_iam_group_policy": "GROUP_INLINE",
    "AWS::IAM::UserPolicy": "USER_INLINE",
    "AWS::IAM::RolePolicy": "ROLE_INLINE",
    "AWS::IAM::GroupPolicy": "GROUP_INLINE",
}


def validation_findings(
    subject: PolicyDocument | Principal, inventory: Inventory, level: Level
) -> Iterator[Finding]:
    """Findings of ``level`` for an identity or boundary policy, or for the aggregate size of a
    principal's inline policies."""
    if isinstance(subject, Principal):
        found, name = _inline_aggregate(subject, inventory), subject.describe()
    elif subject.kind in _KINDS:
        found, name = inventory.per_object(_validation, subject), subject.describe()
    else:
        return
    for problem in found:
        if problem.level is level:
            message = problem.message
            yield Finding.at(
                problem,
                message if message.startswith(name) else f"{name}: {message}",
                evidence=f"{problem.code}:{problem.message}",
            )


def _validation(inventory: Inventory, policy: PolicyDocument) -> list[ValidationFinding]:
    """The validation of ``policy``; computed once per scan, IAM-014 and IAM-015 share it."""
    from policyguard.iam.validation import validate_policy

    return validate_policy(policy, container=inventory.derived(_containers).get(id(policy)))


def _containers(inventory: Inventory) -> dict[int, PolicyContainer]:
    """Where each policy document of the inventory lives, for its size quota, by identity."""
    from policyguard.iam.validation import PolicyContainer

    where: dict[int, PolicyContainer] = {}
    for principal in inventory.of_type(Principal):
        for document in principal.inline_policies:
            where[id(document)] = PolicyContainer[f"{principal.type.name}_INLINE"]
    for resource in inventory.of_type(PolicyResource):
        inline = _INLINE_TYPES.get(resource.resource.type)
        if resource.managed:
            where[id(resource.document)] = PolicyContainer.MANAGED
        elif inline:
            where[id(resource.document)] = PolicyContainer[inline]
    return where


def _inline_aggregate(principal: Principal, inventory: Inventory) -> list[ValidationFinding]:
    from policyguard.iam.effective import Via
    from policyguard.iam.validation import PolicyContainer, validate_inline_policies

    policies = holders_of(inventory).of(principal)
    if policies is None:
        return []
    inline = [
        d
        for d in policies.identity
        if any(
            s.via in (Via.INLINE, Via.INLINE_RESOURCE) and s.group is None
            for s in policies.sources.get(d, ())
        )
    ]
    container = PolicyContainer[f"{principal.type.name}_INLINE"]
    return validate_inline_policies(inline, container)
