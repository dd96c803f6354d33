"""Handlers for SAM's serverless functions and state machines: the role SAM generates for each."""

from __future__ import annotations

from policyguard.extract.cloudformation.instance import Handler, ResourceReader
from policyguard.extract.collect import Collector
from policyguard.model.iam import PolicyKind
from policyguard.model.principals import Principal, PrincipalType
from policyguard.model.values import Unresolved
from policyguard.resolve import sam


def _serverless_role(item: ResourceReader, collector: Collector) -> None:
    """The role SAM generates for a function or state machine (see :mod:`resolve.sam`)."""
    role = sam.generated_role(item.definition, item.resolve, item.template.root.get("Globals"))
    if role is None:
        return
    trust = item.policy(role.trust_policy, PolicyKind.TRUST, "AssumeRolePolicyDocument", collector)
    inline = tuple(
        item.policy(policy.document, PolicyKind.IDENTITY, f"Policies.{policy.name}", collector)
        if not isinstance(policy.document, Unresolved)
        else item.unreadable_policy(
            PolicyKind.IDENTITY, f"Policies.{policy.name}", policy.span, policy.document, collector
        )
        for policy in role.policies
    )
    documents = tuple(document for document in inline if document is not None)
    boundary = role.permissions_boundary
    principal = Principal(
        item.resource,
        PrincipalType.ROLE,
        None,
        documents,
        tuple(item.values.string(node) for node in role.managed_policy_arns),
        trust,
        item.values.string(boundary) if boundary is not None else None,
    )
    collector.add(principal, trust, *documents)


HANDLERS: dict[str, Handler] = {
    "AWS::Serverless::Function": _serverless_role,
    "AWS::Serverless::StateMachine": _serverless_role,
}
