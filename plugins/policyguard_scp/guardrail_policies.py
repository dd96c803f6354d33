"""The guardrails an organization's SCPs should enforce, and where they are missing."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from policyguard.iam.ceiling import OrganizationTree, denies_action
from policyguard.iam.managed import FULL_AWS_ACCESS_SCP_ID
from policyguard.model import Inventory, Organization, PolicyKind
from policyguard.model.iam import Statement


@dataclass(frozen=True, slots=True)
class Guardrail:
    """A guardrail: ``present`` tells whether one SCP statement enforces it."""

    name: str
    what: str
    present: Callable[[list[Statement]], bool]


def _denies_all(*actions: str) -> Callable[[list[Statement]], bool]:
    def present(statements: list[Statement]) -> bool:
        return all(any(denies_action(s, a) is not False for s in statements) for a in actions)

    return present


def _denies_root_user(statements: list[Statement]) -> bool:
    return any(
        denies_action(s, "iam:CreateAccessKey") is not False
        and any(
            c.key.lower() == "aws:principalarn"
            and "not" not in c.operator.lower()
            and any(isinstance(v.value, str) and v.value.endswith(":root") for v in c.values)
            for c in s.conditions
        )
        for s in statements
    )


def _denies_other_regions(statements: list[Statement]) -> bool:
    return any(
        s.effect.value is not None
        and not s.is_allow
        and any(
            c.key.lower() == "aws:requestedregion" and "not" in c.operator.lower()
            for c in s.conditions
        )
        for s in statements
    )


GUARDRAILS: tuple[Guardrail, ...] = (
    Guardrail(
        "leave-organization",
        "deny leaving the organization (organizations:LeaveOrganization)",
        _denies_all("organizations:LeaveOrganization"),
    ),
    Guardrail(
        "cloudtrail",
        "deny stopping or deleting CloudTrail (cloudtrail:StopLogging, cloudtrail:DeleteTrail)",
        _denies_all("cloudtrail:StopLogging", "cloudtrail:DeleteTrail"),
    ),
    Guardrail(
        "config",
        "deny stopping or deleting AWS Config (config:StopConfigurationRecorder, "
        "config:DeleteConfigurationRecorder)",
        _denies_all("config:StopConfigurationRecorder", "config:DeleteConfigurationRecorder"),
    ),
    Guardrail(
        "guardduty",
        "deny deleting or leaving GuardDuty (guardduty:DeleteDetector, "
        "guardduty:DisassociateFromAdministratorAccount)",
        _denies_all("guardduty:DeleteDetector", "guardduty:DisassociateFromAdministratorAccount"),
    ),
    Guardrail(
        "access-analyzer",
        "deny deleting IAM Access Analyzer (access-analyzer:DeleteAnalyzer)",
        _denies_all("access-analyzer:DeleteAnalyzer"),
    ),
    Guardrail(
        "root-user",
        "deny actions of the root user (a Deny with aws:PrincipalArn arn:aws:iam::*:root)",
        _denies_root_user,
    ),
    Guardrail(
        "regions",
        "deny unapproved regions (a Deny with StringNotEquals aws:RequestedRegion)",
        _denies_other_regions,
    ),
)
"""The guardrails every organization should enforce, from AWS's SCP examples."""


def missing_guardrails(
    organization: Organization, inventory: Inventory
) -> tuple[list[tuple[Guardrail, list[str]]], str]:
    """The guardrails the root's SCPs do not enforce, each with the attach points (the root,
    then the OUs) that lack it, and the attachments whose SCPs are not known."""
    tree = OrganizationTree(inventory)
    root = organization.resource.address
    points = [root, *(unit for unit in tree.units if tree.path(unit)[0] == root)]
    statements = {point: _statements(tree, tree.path(point)) for point in points}
    missing = [
        (guardrail, [p for p in points if not guardrail.present(statements[p])])
        for guardrail in GUARDRAILS
    ]
    return [(g, where) for g, where in missing if root in where], _unknown_attachments(tree)


def _statements(tree: OrganizationTree, levels: tuple[str, ...]) -> list[Statement]:
    return [
        statement
        for policy, _, _ in tree.policies_at(levels)
        if policy.kind is PolicyKind.SCP
        for statement in policy.document.statements
    ]


def _unknown_attachments(tree: OrganizationTree) -> str:
    unknown = [
        a.resource.address
        for a in tree.attachments
        if tree.target_of(a) is None
        or (
            (a.policy_address or "") not in tree.policies
            and a.policy.known() != FULL_AWS_ACCESS_SCP_ID
        )
    ]
    return ", ".join(unknown)
