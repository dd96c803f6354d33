"""AWS Organizations: the organization, its units and accounts, and SCPs and RCPs."""

from __future__ import annotations

from dataclasses import dataclass

from policyguard.model.iam import Element, PolicyDocument, PolicyKind
from policyguard.model.resources import Resource
from policyguard.model.values import Located

POLICY_KINDS = {
    "SERVICE_CONTROL_POLICY": PolicyKind.SCP,
    "RESOURCE_CONTROL_POLICY": PolicyKind.RCP,
}
"""The Organizations policy types that hold IAM policy language, by their API name."""


@dataclass(frozen=True, slots=True)
class Organization:
    """The organization; ``feature_set`` ``ALL`` is needed for SCPs and RCPs."""

    resource: Resource
    feature_set: Located[str] | None = None
    enabled_policy_types: tuple[Element, ...] = ()

    def describe(self) -> str:
        return self.resource.address


@dataclass(frozen=True, slots=True)
class OrganizationalUnit:
    """An OU; ``parent`` is the written parent id, ``parent_address`` the declared root or OU
    it refers to, when it refers to one."""

    resource: Resource
    name: Located[str] | None = None
    parent: Element | None = None
    parent_address: str | None = None

    def describe(self) -> str:
        return self.resource.address


@dataclass(frozen=True, slots=True)
class Account:
    """A member account; ``parent`` and ``parent_address`` as for :class:`OrganizationalUnit`."""

    resource: Resource
    name: Located[str] | None = None
    parent: Element | None = None
    parent_address: str | None = None

    def describe(self) -> str:
        return self.resource.address


@dataclass(frozen=True, slots=True)
class OrganizationPolicy:
    """A service or resource control policy (``kind`` SCP or RCP); where it is attached is told
    by :class:`OrganizationPolicyAttachment` objects."""

    resource: Resource
    kind: PolicyKind
    document: PolicyDocument

    def describe(self) -> str:
        return self.resource.address


@dataclass(frozen=True, slots=True)
class OrganizationPolicyAttachment:
    """An SCP or RCP attached to the root, an OU or an account by a resource of its own."""

    resource: Resource
    policy: Element
    target: Element
    policy_address: str | None = None
    target_address: str | None = None

    def describe(self) -> str:
        return self.resource.address
