"""Handlers for IAM resources: users, groups, roles, their policies and attachments."""

from __future__ import annotations

from policyguard.extract.collect import Collector
from policyguard.extract.terraform.instance import Handler, ResourceInstance
from policyguard.model.iam import PolicyKind
from policyguard.model.principals import (
    GroupMembership,
    PolicyAttachment,
    PolicyResource,
    PolicyTarget,
    Principal,
    PrincipalType,
)
from policyguard.parse.tree import Block


def _iam_policy(item: ResourceInstance, collector: Collector) -> None:
    document = item.policy("policy", PolicyKind.IDENTITY, collector)
    if document is not None:
        policy = PolicyResource(item.resource, document, True, item.string("name"))
        collector.add(policy, document)


def _inline_policy_resource(principal_attribute: str, kind: PrincipalType) -> Handler:
    def extract(item: ResourceInstance, collector: Collector) -> None:
        document = item.policy("policy", PolicyKind.IDENTITY, collector)
        if document is not None:
            attached = tuple(PolicyTarget(kind, e) for e in item.strings(principal_attribute))
            policy = PolicyResource(item.resource, document, False, item.string("name"), attached)
            collector.add(policy, document)

    return extract


def _principal(kind: PrincipalType) -> Handler:
    def extract(item: ResourceInstance, collector: Collector) -> None:
        inline = tuple(
            document
            for block in item.body.blocks_of("inline_policy")
            if (
                document := item.policy(
                    "policy", PolicyKind.IDENTITY, collector, block.body, _label(item, block)
                )
            )
            is not None
        )
        trust = (
            item.policy("assume_role_policy", PolicyKind.TRUST, collector)
            if kind is PrincipalType.ROLE
            else None
        )
        principal = Principal(
            item.resource,
            kind,
            item.string("name"),
            inline,
            item.strings("managed_policy_arns"),
            trust,
            item.string("permissions_boundary"),
        )
        collector.add(principal, trust, *inline)

    return extract


def _label(item: ResourceInstance, block: Block) -> str:
    name = item.string("name", block.body)
    known = name.known() if name is not None else None
    return f"inline_policy.{known}" if known else "inline_policy"


def _attachment(kind: PrincipalType, attribute: str) -> Handler:
    """``aws_iam_{role,user,group}_policy_attachment``: one principal, one policy."""

    def extract(item: ResourceInstance, collector: Collector) -> None:
        policy, principal = item.string("policy_arn"), item.string(attribute)
        if policy is not None and principal is not None:
            collector.add(
                PolicyAttachment(
                    item.resource,
                    policy,
                    kind,
                    principal,
                    item.reference("policy_arn"),
                    item.reference(attribute),
                )
            )

    return extract


_ATTACHMENT_LISTS = {
    "users": PrincipalType.USER,
    "groups": PrincipalType.GROUP,
    "roles": PrincipalType.ROLE,
}


def _exclusive_attachment(item: ResourceInstance, collector: Collector) -> None:
    """``aws_iam_policy_attachment``: one policy, lists of users, groups and roles."""
    policy = item.string("policy_arn")
    if policy is None:
        return
    policy_address = item.reference("policy_arn")
    for attribute, kind in _ATTACHMENT_LISTS.items():
        for principal, address in item.references(attribute):
            collector.add(
                PolicyAttachment(item.resource, policy, kind, principal, policy_address, address)
            )


def _user_group_membership(item: ResourceInstance, collector: Collector) -> None:
    """``aws_iam_user_group_membership``: one user, a list of groups."""
    user = item.string("user")
    if user is None:
        return
    user_address = item.reference("user")
    for group, group_address in item.references("groups"):
        collector.add(GroupMembership(item.resource, user, group, user_address, group_address))


def _group_membership(item: ResourceInstance, collector: Collector) -> None:
    """``aws_iam_group_membership``: one group, a list of users."""
    group = item.string("group")
    if group is None:
        return
    group_address = item.reference("group")
    for user, user_address in item.references("users"):
        collector.add(GroupMembership(item.resource, user, group, user_address, group_address))


HANDLERS: dict[str, Handler] = {
    "aws_iam_policy": _iam_policy,
    "aws_iam_role_policy": _inline_policy_resource("role", PrincipalType.ROLE),
    "aws_iam_user_policy": _inline_policy_resource("user", PrincipalType.USER),
    "aws_iam_group_policy": _inline_policy_resource("group", PrincipalType.GROUP),
    "aws_iam_role": _principal(PrincipalType.ROLE),
    "aws_iam_user": _principal(PrincipalType.USER),
    "aws_iam_group": _principal(PrincipalType.GROUP),
    "aws_iam_role_policy_attachment": _attachment(PrincipalType.ROLE, "role"),
    "aws_iam_user_policy_attachment": _attachment(PrincipalType.USER, "user"),
    "aws_iam_group_policy_attachment": _attachment(PrincipalType.GROUP, "group"),
    "aws_iam_policy_attachment": _exclusive_attachment,
    "aws_iam_user_group_membership": _user_group_membership,
    "aws_iam_group_membership": _group_membership,
}
