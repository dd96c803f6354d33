"""Handlers for AWS Organizations: the organization, its units and accounts, SCPs and RCPs."""

from __future__ import annotations

from policyguard.extract.cloudformation.instance import Handler, ResourceReader
from policyguard.extract.collect import Collector
from policyguard.model.organizations import (
    POLICY_KINDS,
    Account,
    Organization,
    OrganizationalUnit,
    OrganizationPolicy,
    OrganizationPolicyAttachment,
)
from policyguard.model.values import Located


def _organizations_policy(item: ResourceReader, collector: Collector) -> None:
    kind_value = item.string("Type")
    kind = POLICY_KINDS.get((kind_value.known() if kind_value else None) or "")
    if kind is None:
        return
    document = item.policy(item.node("Content"), kind, "Content", collector)
    if document is None:
        return
    collector.add(OrganizationPolicy(item.resource, kind, document), document)
    policy = Located(item.resource.address, item.resource.location)
    for target in item.items("TargetIds"):
        collector.add(
            OrganizationPolicyAttachment(
                item.resource,
                policy,
                item.values.string(target),
                item.resource.address,
                item.reference(target),
            )
        )


def _organization(item: ResourceReader, collector: Collector) -> None:
    collector.add(Organization(item.resource, item.string("FeatureSet")))


def _organizational_unit(item: ResourceReader, collector: Collector) -> None:
    parent = item.node("ParentId")
    collector.add(
        OrganizationalUnit(
            item.resource,
            item.string("Name"),
            item.values.string(parent) if parent is not None else None,
            item.reference(parent) if parent is not None else None,
        )
    )


def _account(item: ResourceReader, collector: Collector) -> None:
    parents = item.items("ParentIds")
    parent = parents[0] if parents else None
    collector.add(
        Account(
            item.resource,
            item.string("AccountName"),
            item.values.string(parent) if parent is not None else None,
            item.reference(parent) if parent is not None else None,
        )
    )


HANDLERS: dict[str, Handler] = {
    "AWS::Organizations::Policy": _organizations_policy,
    "AWS::Organizations::Organization": _organization,
    "AWS::Organizations::OrganizationalUnit": _organizational_unit,
    "AWS::Organizations::Account": _account,
}
