"""AWS Organizations: the organization, its units and accounts, and SCPs and RCPs."""

from __future__ import annotations

from dataclasses import dataclass

from policyguard.model.iam import Element, PolicyDocument, PolicyKind
from policyguard.model.resources import Resource
from policyguard.model.values import Located


@dataclass(frozen=True, slots=True)
class Organization:
    resource: Resource
    feature_set: Located[str] | None = None

    def describe(self) -> str:
        return self.resource.address


@dataclass(frozen=True, slots=True)
class OrganizationalUnit:
    """An OU; ``parent`` is the written parent id or reference."""

    resource: Resource
    name: Located[str] | None = None
    parent: Element | None = None

    def describe(self) -> str:
        return self.resource.address


@dataclass(frozen=True, slots=True)
class Account:
    resource: Resource
    name: Located[str] | None = None
    parent: Element | None = None

    def describe(self) -> str:
        return self.resource.address


@dataclass(frozen=True, slots=True)
class OrganizationPolicy:
    """A service or resource control policy (``kind`` SCP or RCP) and its written targets."""

    resource: Resource
    kind: PolicyKind
    document: PolicyDocument
    targets: tuple[Element, ...] = ()

    def describe(self) -> str:
        return self.resource.address
