"""Handlers for AWS Organizations: the organization, its units and accounts, SCPs and RCPs."""

from __future__ import annotations

from policyguard.extract.cloudformation.instance import Handler, ResourceReader
from policyguard.extract.collect import Collector
from policyguard.model.iam import PolicyKind
from policyguard.model.organizations import (
    Account,
    Organization,
    OrganizationalUnit,
    OrganizationPolicy,
)

_ORGANIZATION_POLICY_KINDS = {
    "SERVICE_CONTROL_POLICY": PolicyKind.SCP,
    "RESOURCE_CONTROL_POLICY": PolicyKind.RCP,
}


def _organizations_policy(item: ResourceReader, collector: Collector) -> None:
    kind_value = item.string("Type")
    kind = _ORGANIZATION_POLICY_KINDS.get((kind_value.known() if kind_value else None) or "")
    if kind is None:
        return
    document = item.policy(item.node("Content"), kind, "Content", collector)
    if document is not None:
        collector.add(
            OrganizationPolicy(item.resource, kind, document, item.strings("TargetIds")), document
        )


def _organization(item: ResourceReader, collector: Collector) -> None:
    collector.add(Organization(item.resource, item.string("FeatureSet")))


def _organizational_unit(item: ResourceReader, collector: Collector) -> None:
    collector.add(OrganizationalUnit(item.resource, item.string("Name"), item.string("ParentId")))


def _account(item: ResourceReader, collector: Collector) -> None:
    parents = item.strings("ParentIds")
    collector.add(
        Account(item.resource, item.string("AccountName"), parents[0] if parents else None)
    )


HANDLERS: dict[str, Handler] = {
    "AWS::Organizations::Policy": _organizations_policy,
    "AWS::Organizations::Organization": _organization,
    "AWS::Organizations::OrganizationalUnit": _organizational_unit,
    "AWS::Organizations::Account": _account,
}
