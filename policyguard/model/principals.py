"""IAM users, groups and roles, and customer-managed policies."""

from __future__ import annotations

import enum
from dataclasses import dataclass

from policyguard.model.iam import Element, PolicyDocument
from policyguard.model.resources import Resource
from policyguard.model.values import Located


class PrincipalType(enum.Enum):
    USER = "user"
    GROUP = "group"
    ROLE = "role"


@dataclass(frozen=True, slots=True)
class Principal:
    """A user, group or role with what is written on it.

    ``managed_policy_arns`` are attachments written on the principal itself; separate attachment
    resources are joined in later stages. ``groups`` are a user's group memberships.
    """

    resource: Resource
    type: PrincipalType
    name: Located[str] | None
    inline_policies: tuple[PolicyDocument, ...] = ()
    managed_policy_arns: tuple[Element, ...] = ()
    trust_policy: PolicyDocument | None = None
    permissions_boundary: Element | None = None
    groups: tuple[Element, ...] = ()

    def describe(self) -> str:
        return self.resource.address


@dataclass(frozen=True, slots=True)
class PolicyTarget:
    """A principal an inline policy resource names: its type (from the attribute or list that
    names it, ``user`` or ``Users``) and the name or reference as written."""

    type: PrincipalType
    name: Element


@dataclass(frozen=True, slots=True)
class PolicyResource:
    """A policy declared as a resource of its own, and the principals it names.

    ``managed`` is true for customer-managed policies (``aws_iam_policy``,
    ``AWS::IAM::ManagedPolicy``) and false for inline policy resources (``aws_iam_role_policy``,
    ``AWS::IAM::Policy``). ``attached_to`` are the users, groups or roles it names.
    """

    resource: Resource
    document: PolicyDocument
    managed: bool
    name: Located[str] | None = None
    attached_to: tuple[PolicyTarget, ...] = ()

    def describe(self) -> str:
        return self.resource.address


@dataclass(frozen=True, slots=True)
class PolicyAttachment:
    """A managed policy attached to a user, group or role by a resource of its own.

    ``policy`` and ``principal`` are the values as written (an ARN, a name); the addresses
    name the declared resources they refer to, when they refer to one.
    """

    resource: Resource
    policy: Element
    principal_type: PrincipalType
    principal: Element
    policy_address: str | None = None
    principal_address: str | None = None

    def describe(self) -> str:
        return self.resource.address


@dataclass(frozen=True, slots=True)
class GroupMembership:
    """A user made a member of a group by a resource of its own."""

    resource: Resource
    user: Element
    group: Element
    user_address: str | None = None
    group_address: str | None = None

    def describe(self) -> str:
        return self.resource.address
