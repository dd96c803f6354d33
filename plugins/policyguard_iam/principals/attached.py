"""The AWS managed policy ARNs attached to users, groups and roles, each once."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from policyguard import Confidence
from policyguard.iam.managed import parse_managed_arn
from policyguard.model import Element, Inventory, PolicyAttachment, Principal, Unresolved
from policyguard_iam.principals.names import refers_to_declared


@dataclass(frozen=True, slots=True)
class AttachedArn:
    """A policy ARN as written on a principal or an attachment resource.

    ``name`` is the AWS managed policy it names, or ``None`` when the value is not known
    statically (it may then name any policy).
    """

    element: Element
    owner: str
    name: str | None

    @property
    def confidence(self) -> Confidence:
        return Confidence.LOW if self.name is None else Confidence.HIGH


def attached_managed_arns(
    subject: PolicyAttachment | Principal, inventory: Inventory
) -> Iterator[AttachedArn]:
    """The policy values ``subject`` attaches that name, or may name, an AWS managed policy.

    An attachment resource that names several principals counts once; values that refer to a
    policy declared in the scanned code are customer managed and left out.
    """
    if isinstance(subject, PolicyAttachment):
        first = next(
            a for a in inventory.of_type(PolicyAttachment) if a.resource == subject.resource
        )
        if first is not subject or subject.policy_address is not None:
            return
        elements: tuple[Element, ...] = (subject.policy,)
    else:
        elements = subject.managed_policy_arns
    for element in elements:
        managed = parse_managed_arn(element.value)
        if managed is not None:
            yield AttachedArn(element, subject.describe(), managed.name)
        elif (
            isinstance(element.value, Unresolved)
            and not refers_to_declared(element.value, subject.resource, inventory)
            and element.value.may_equal("arn:aws:iam::aws:policy/AdministratorAccess")
        ):
            yield AttachedArn(element, subject.describe(), None)
