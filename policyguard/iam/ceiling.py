"""The ceiling an organization puts over its accounts: which SCP and RCP ``Deny`` statements of
the scan deny an action, where they are attached, and whether they certainly apply.

Other rules use it to show, as related information with lowered confidence, an SCP or RCP that
neutralises what they found (never to drop the finding: the guardrail may be detached, the
exempted principal may be the one that matters, the management account is never covered).

- :class:`OrganizationTree` reads the declared organization (its root), OUs, accounts and the
  policy attachments; :meth:`OrganizationTree.attach_points` lists the attach points above a
  deployment target (the root, the OUs on its path, the account itself).
- :func:`denying_statements` answers "which Deny statements deny ``action``" for the account a
  resource deploys to (``[accounts] deployments``), or, when that is not configured, for the
  policies attached at the root, which apply organization-wide.

A statement denies an action when its ``Effect`` is ``Deny`` and its ``Action`` matches the
action (or its ``NotAction`` does not). The denial is **certain** only when the statement has no
condition, covers every resource (``Resource: "*"``) and holds no unresolved value; otherwise it
may not apply to the request in question (a condition exempting an administrator role is the
usual case). RCPs only cover the services that support them (AWS Organizations User Guide,
"Resource control policies"), and apply to requests to the account's resources. SCPs do not apply
to the management account or to service-linked roles; that is for the caller to say.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from typing import Final

from policyguard.findings import Confidence, Finding, Related
from policyguard.iam.catalog import load_catalog, wildcard_match
from policyguard.model.iam import Effect, PolicyKind, Statement
from policyguard.model.inventory import Inventory
from policyguard.model.organizations import (
    Account,
    Organization,
    OrganizationalUnit,
    OrganizationPolicy,
    OrganizationPolicyAttachment,
)

__all__ = [
    "RCP_SERVICES",
    "AttachPoint",
    "CeilingDeny",
    "OrganizationTree",
    "ceiling_related",
    "denies_action",
    "denying_statements",
    "neutralised",
    "neutralised_grant",
]

RCP_SERVICES: Final = frozenset({"s3", "sts", "kms", "sqs", "secretsmanager"})
"""The services whose resources resource control policies cover, as AWS launched them (AWS
Organizations User Guide, "Resource control policies"). AWS has been adding services; one
missing here only keeps an RCP from being shown as neutralising a finding (the safe side)."""


class AttachPoint(enum.Enum):
    """Where a policy is attached: the root applies organization-wide."""

    ROOT = "root"
    OU = "organizational unit"
    ACCOUNT = "account"


@dataclass(frozen=True, slots=True)
class CeilingDeny:
    """One ``Deny`` statement of an SCP or RCP that denies the action asked about.

    ``attachment`` is the resource that attaches ``policy`` at ``attach_point`` (``target`` is
    the address or id it names). ``certain`` is false when a condition, a narrower
    ``Resource`` or an unresolved value may keep the statement from applying.
    """

    policy: OrganizationPolicy
    statement: Statement
    attachment: OrganizationPolicyAttachment
    target: str
    attach_point: AttachPoint
    certain: bool

    def describe(self) -> str:
        kind = "RCP" if self.policy.kind is PolicyKind.RCP else "SCP"
        where = "the root" if self.attach_point is AttachPoint.ROOT else self.target
        return f"{kind} {self.policy.describe()} {self.statement.describe()} (attached to {where})"


def denies_action(statement: Statement, action: str) -> bool | None:
    """Whether ``statement`` is a ``Deny`` whose actions cover ``action``: ``None`` when an
    unresolved action or effect leaves it open."""
    if statement.effect.value is Effect.ALLOW:
        return False
    open_question = statement.effect.value is not Effect.DENY
    if statement.actions is not None:
        for element in statement.actions:
            if isinstance(element.value, str):
                if wildcard_match(element.value, action):
                    return None if open_question else True
            else:
                open_question = True
        return None if open_question else False
    for element in statement.not_actions or ():
        if isinstance(element.value, str):
            if wildcard_match(element.value, action):
                return False
        else:
            open_question = True
    if statement.not_actions is None:
        return False
    return None if open_question else True


def _certain(statement: Statement) -> bool:
    everywhere = statement.resources is not None and any(
        element.value == "*" for element in statement.resources
    )
    return everywhere and not statement.conditions and not statement.unresolved


class OrganizationTree:
    """The declared organization, its OUs and accounts, and where SCPs and RCPs attach."""

    def __init__(self, inventory: Inventory) -> None:
        self.organizations = {o.resource.address: o for o in inventory.of_type(Organization)}
        self.units = {u.resource.address: u for u in inventory.of_type(OrganizationalUnit)}
        self.accounts = {a.resource.address: a for a in inventory.of_type(Account)}
        self.policies = {p.resource.address: p for p in inventory.of_type(OrganizationPolicy)}
        self.attachments = inventory.of_type(OrganizationPolicyAttachment)

    @property
    def declared(self) -> bool:
        """Whether the scan declares an organization."""
        return bool(self.organizations)

    def target_of(self, attachment: OrganizationPolicyAttachment) -> str | None:
        """The address of the declared node an attachment names, else its written id."""
        return attachment.target_address or attachment.target.known()

    def attach_point(self, target: str) -> AttachPoint:
        """What kind of node ``target`` (an address or id) is."""
        if target in self.organizations or target.startswith("r-"):
            return AttachPoint.ROOT
        if target in self.units or target.startswith("ou-"):
            return AttachPoint.OU
        return AttachPoint.ACCOUNT

    def path(self, node: str) -> tuple[str, ...]:
        """The attach points from the root down to ``node`` (a declared address, or an account,
        OU or root id), as far as the declared parents tell. A path that does not reach a
        declared root starts with the root of the one declared organization, if there is one."""
        chain: list[str] = []
        current: str | None = node
        while current is not None and current not in chain:
            chain.append(current)
            declared = self.units.get(current) or self.accounts.get(current)
            if declared is None:
                break
            current = declared.parent_address or (
                declared.parent.known() if declared.parent is not None else None
            )
        chain.reverse()
        if self.attach_point(chain[0]) is not AttachPoint.ROOT and len(self.organizations) == 1:
            chain[:0] = self.organizations
        return tuple(chain)

    def policies_at(
        self, levels: tuple[str, ...]
    ) -> Iterator[tuple[OrganizationPolicy, OrganizationPolicyAttachment, str]]:
        """The declared SCPs and RCPs attached to any of ``levels``, with their attachment; a
        root written as an id (``r-ab12``) is the root of the one declared organization."""
        one_root = len(self.organizations) <= 1 and _has_root(levels, self)
        for attachment in self.attachments:
            target = self.target_of(attachment)
            if target is None:
                continue
            if target not in levels and not (target.startswith("r-") and one_root):
                continue
            policy = self.policies.get(attachment.policy_address or "")
            if policy is not None:
                yield policy, attachment, target


def _has_root(levels: tuple[str, ...], tree: OrganizationTree) -> bool:
    return any(tree.attach_point(level) is AttachPoint.ROOT for level in levels)


def _levels(inventory: Inventory, tree: OrganizationTree, path: str | None) -> tuple[str, ...]:
    target = inventory.accounts.deployment_of(path) if path is not None else None
    if target is None:
        return tuple(tree.organizations) or ("r-",)
    levels = tree.path(target)
    return levels if _has_root(levels, tree) else ("r-", *levels)


def denying_statements(
    inventory: Inventory,
    action: str,
    *,
    path: str | None = None,
    node: str | None = None,
) -> tuple[CeilingDeny, ...]:
    """The SCP and RCP ``Deny`` statements that deny ``action``.

    ``path``: for the account the file at ``path`` deploys to (per ``[accounts] deployments``);
    without a configured deployment only the policies attached at the root count, which apply
    organization-wide. ``node``: for a declared OU or account address, or an id, instead.
    Statements that may deny it (``None`` from :func:`denies_action`) are included with
    ``certain`` false.
    """
    return _denials(_ceiling(inventory, path, node), action)


@dataclass(frozen=True, slots=True)
class _Ceiling:
    """The declared tree, and the SCPs and RCPs attached above one deployment target with
    their attachment and target."""

    tree: OrganizationTree
    attached: tuple[tuple[OrganizationPolicy, OrganizationPolicyAttachment, str], ...] = ()


def _ceiling(inventory: Inventory, path: str | None, node: str | None) -> _Ceiling:
    """The ceiling above ``path`` or ``node`` (see :func:`denying_statements`)."""
    tree = inventory.derived(OrganizationTree)
    if not tree.policies:
        return _Ceiling(tree)
    levels = tree.path(node) if node is not None else _levels(inventory, tree, path)
    return _Ceiling(tree, tuple(tree.policies_at(levels)))


def _denials(ceiling: _Ceiling, action: str) -> tuple[CeilingDeny, ...]:
    """The ``Deny`` statements of the ``ceiling`` policies that deny ``action``."""
    tree = ceiling.tree
    service = action.split(":", 1)[0].lower()
    found: list[CeilingDeny] = []
    for policy, attachment, target in ceiling.attached:
        if policy.kind is PolicyKind.RCP and service not in RCP_SERVICES:
            continue
        for statement in policy.document.statements:
            denies = denies_action(statement, action)
            if denies is False:
                continue
            found.append(
                CeilingDeny(
                    policy,
                    statement,
                    attachment,
                    target,
                    tree.attach_point(target),
                    certain=bool(denies) and _certain(statement),
                )
            )
    return tuple(found)


def ceiling_related(denies: tuple[CeilingDeny, ...]) -> tuple[Related, ...]:
    """Related locations for a finding that these statements may neutralise."""
    return tuple(
        Related(
            deny.statement.location,
            f"{deny.describe()} denies this"
            + ("" if deny.certain else " unless its conditions or resources exempt the request"),
        )
        for deny in denies
    )


def neutralised(finding: Finding, inventory: Inventory, actions: Iterable[str]) -> Finding:
    """``finding`` about granting ``actions``, with the SCP and RCP ``Deny`` statements that deny
    every one of them where its file deploys shown as related information, and its confidence
    lowered; unchanged when some action is denied by none. Never dropped: a guardrail can be
    detached, can exempt the principal, and never covers the management account."""
    ceiling = _ceiling(inventory, finding.location.path, None)
    if not ceiling.attached:
        return finding
    denies: dict[CeilingDeny, None] = {}
    for action in actions:
        found = _denials(ceiling, action)
        if not found:
            return finding
        denies.update(dict.fromkeys(found))
    if not denies:
        return finding
    return replace(
        finding,
        message=f"{finding.message} An organization guardrail denies it where this deploys, "
        "which lowers the risk but leaves the grant in place.",
        confidence=Confidence.LOW,
        related=(*finding.related, *ceiling_related(tuple(denies))),
    )


def neutralised_grant(finding: Finding, inventory: Inventory, patterns: Iterable[str]) -> Finding:
    """:func:`neutralised` for the action patterns a grant is written with (``s3:Get*``);
    unchanged when they are not known."""
    if not inventory.derived(OrganizationTree).policies:
        return finding
    catalog = load_catalog()
    actions = sorted({action for pattern in patterns for action in catalog.expand(pattern)})
    return neutralised(finding, inventory, actions) if actions else finding
