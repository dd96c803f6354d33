"""Handlers for AWS Organizations: the organization, its units, accounts and policies."""

from __future__ import annotations

from policyguard.extract.collect import Collector
from policyguard.extract.terraform.instance import Handler, ResourceInstance
from policyguard.model.organizations import (
    POLICY_KINDS,
    Account,
    Organization,
    OrganizationalUnit,
    OrganizationPolicy,
    OrganizationPolicyAttachment,
)


def _organization(item: ResourceInstance, collector: Collector) -> None:
    collector.add(
        Organization(
            item.resource, item.string("feature_set"), item.strings("enabled_policy_types")
        )
    )


def _unit(item: ResourceInstance, collector: Collector) -> None:
    collector.add(
        OrganizationalUnit(
            item.resource,
            item.string("name"),
            item.string("parent_id"),
            item.reference("parent_id"),
        )
    )


def _account(item: ResourceInstance, collector: Collector) -> None:
    collector.add(
        Account(
            item.resource,
            item.string("name"),
            item.string("parent_id"),
            item.reference("parent_id"),
        )
    )


def _policy(item: ResourceInstance, collector: Collector) -> None:
    kind_value = item.string("type")
    kind_text = "SERVICE_CONTROL_POLICY" if kind_value is None else kind_value.known()
    kind = POLICY_KINDS.get(kind_text or "")
    if kind is None:
        return
    document = item.policy("content", kind, collector)
    if document is not None:
        collector.add(OrganizationPolicy(item.resource, kind, document), document)


def _policy_attachment(item: ResourceInstance, collector: Collector) -> None:
    policy, target = item.string("policy_id"), item.string("target_id")
    if policy is not None and target is not None:
        collector.add(
            OrganizationPolicyAttachment(
                item.resource,
                policy,
                target,
                item.reference("policy_id"),
                item.reference("target_id"),
            )
        )


HANDLERS: dict[str, Handler] = {
    "aws_organizations_organization": _organization,
    "aws_organizations_organizational_unit": _unit,
    "aws_organizations_account": _account,
    "aws_organizations_policy": _policy,
    "aws_organizations_policy_attachment": _policy_attachment,
}
