"""Handlers for IAM roles, users and groups, their policies, and group memberships."""

from __future__ import annotations

from collections.abc import Iterator

from policyguard.extract.cloudformation.instance import Handler, ResourceReader
from policyguard.extract.collect import Collector
from policyguard.model.iam import PolicyDocument, PolicyKind
from policyguard.model.principals import (
    GroupMembership,
    PolicyAttachment,
    PolicyResource,
    PolicyTarget,
    Principal,
    PrincipalType,
)
from policyguard.model.values import Located, Unresolved
from policyguard.parse.tree import Mapping

_ATTACHMENT_LISTS = (
    ("Roles", PrincipalType.ROLE),
    ("Users", PrincipalType.USER),
    ("Groups", PrincipalType.GROUP),
)


def _managed_policy(item: ResourceReader, collector: Collector) -> None:
    """``AWS::IAM::ManagedPolicy``: the policy, and one attachment per principal it names."""
    document = item.policy(
        item.node("PolicyDocument"), PolicyKind.IDENTITY, "PolicyDocument", collector
    )
    if document is None:
        return
    collector.add(
        PolicyResource(item.resource, document, True, item.string("ManagedPolicyName")),
        document,
    )
    policy = Located(item.resource.address, item.resource.location)
    for name, kind in _ATTACHMENT_LISTS:
        for node in item.items(name):
            principal = item.values.string(node)
            collector.add(
                PolicyAttachment(
                    item.resource,
                    policy,
                    kind,
                    principal,
                    item.resource.address,
                    item.reference(node),
                )
            )


def _inline_policy(attached: tuple[tuple[str, PrincipalType], ...]) -> Handler:
    """``AWS::IAM::Policy`` and ``AWS::IAM::{Role,User,Group}Policy``: an inline policy of the
    principals it names."""

    def extract(item: ResourceReader, collector: Collector) -> None:
        document = item.policy(
            item.node("PolicyDocument"), PolicyKind.IDENTITY, "PolicyDocument", collector
        )
        if document is not None:
            principals = tuple(
                PolicyTarget(kind, element)
                for name, kind in attached
                for element in item.strings(name)
            )
            collector.add(
                PolicyResource(
                    item.resource, document, False, item.string("PolicyName"), principals
                ),
                document,
            )

    return extract


def _principal(kind: PrincipalType, name_property: str) -> Handler:
    def extract(item: ResourceReader, collector: Collector) -> None:
        inline = tuple(_inline_policies(item, collector))
        trust = (
            item.policy(
                item.node("AssumeRolePolicyDocument"),
                PolicyKind.TRUST,
                "AssumeRolePolicyDocument",
                collector,
            )
            if kind is PrincipalType.ROLE
            else None
        )
        principal = Principal(
            item.resource,
            kind,
            item.string(name_property),
            inline,
            item.strings("ManagedPolicyArns"),
            trust,
            item.string("PermissionsBoundary"),
            item.strings("Groups") if kind is PrincipalType.USER else (),
        )
        collector.add(principal, trust, *inline)

    return extract


def _inline_policies(item: ResourceReader, collector: Collector) -> Iterator[PolicyDocument]:
    for node in item.items("Policies"):
        policy = item.resolve(node)
        if isinstance(policy, Mapping):
            name = _policy_name(item, policy)
            document = item.policy(
                policy.get("PolicyDocument"), PolicyKind.IDENTITY, name, collector
            )
            if document is not None:
                yield document
        elif isinstance(policy, Unresolved):
            yield item.unreadable_policy(
                PolicyKind.IDENTITY, "Policies", node.span, policy, collector
            )


def _policy_name(item: ResourceReader, policy: Mapping) -> str:
    node = policy.get("PolicyName")
    known = item.values.string(node).known() if node is not None else None
    return f"Policies.{known}" if known else "Policies"


def _user_to_group_addition(item: ResourceReader, collector: Collector) -> None:
    group_node = item.node("GroupName")
    if group_node is None:
        return
    group = item.values.string(group_node)
    group_address = item.reference(group_node)
    for user in item.items("Users"):
        collector.add(
            GroupMembership(
                item.resource,
                item.values.string(user),
                group,
                item.reference(user),
                group_address,
            )
        )


HANDLERS: dict[str, Handler] = {
    "AWS::IAM::ManagedPolicy": _managed_policy,
    "AWS::IAM::Policy": _inline_policy(_ATTACHMENT_LISTS),
    "AWS::IAM::RolePolicy": _inline_policy((("RoleName", PrincipalType.ROLE),)),
    "AWS::IAM::UserPolicy": _inline_policy((("UserName", PrincipalType.USER),)),
    "AWS::IAM::GroupPolicy": _inline_policy((("GroupName", PrincipalType.GROUP),)),
    "AWS::IAM::Role": _principal(PrincipalType.ROLE, "RoleName"),
    "AWS::IAM::User": _principal(PrincipalType.USER, "UserName"),
    "AWS::IAM::Group": _principal(PrincipalType.GROUP, "GroupName"),
    "AWS::IAM::UserToGroupAddition": _user_to_group_addition,
}
