"""What an identity policy statement grants: its actions, expanded, and on which resources.

Shared by the statement rules (IAM-001 to IAM-010): they differ only in which of the granted
actions they report. The IAM engine is imported inside the functions, so that listing the rules
(``policyguard rules``) does not load the action catalog.
"""

from __future__ import annotations

import enum
from collections.abc import Iterator
from dataclasses import dataclass

from policyguard import Confidence, Finding, Related
from policyguard.model import Element, Inventory, PolicyDocument, PolicyKind, Statement
from policyguard.model.iam import Effect

# Resources of unrelated services and shapes: a pattern that covers all of them covers all.
_SAMPLE_RESOURCES = (
    "arn:aws:s3:::bucket/key",
    "arn:aws:iam::123456789012:role/path/name",
    "arn:aws:ec2:eu-west-1:123456789012:instance/i-0123456789abcdef0",
    "arn:aws-cn:lambda:cn-north-1:123456789012:function:name:alias",
)

# Condition keys that name which resources a request may touch: a condition on them narrows
# the resources a grant covers, as a narrower ``Resource`` would. Keys about the caller
# (``aws:SourceIp``) or the request's parameters (``rds:DatabaseEngine``) do not.
_RESOURCE_KEYS = ("aws:resourceaccount", "aws:resourceorgid", "aws:resourceorgpaths")


def every_action(elements: tuple[Element, ...] | None) -> Element | None:
    """The element that grants (or may grant) every action the catalog knows."""
    from policyguard.iam.catalog import load_catalog

    catalog = load_catalog()
    everything = len(catalog.expand("*"))
    candidates = [
        e
        for e in elements or ()
        if e.may_be("*")
        or (isinstance(e.value, str) and len(catalog.expand(e.value)) == everything)
    ]
    return min(candidates, key=lambda e: e.is_unresolved, default=None)


def every_resource(elements: tuple[Element, ...] | None) -> Element | None:
    """The element that covers (or may cover) every resource."""
    from policyguard.iam.arn import match_resource
    from policyguard.iam.tristate import Tri

    candidates = [
        e
        for e in elements or ()
        if e.may_be("*")
        or (
            isinstance(e.value, str)
            and any(c in e.value for c in "*?$")  # one written ARN names one resource
            and all(match_resource(e.value, arn) is Tri.TRUE for arn in _SAMPLE_RESOURCES)
        )
    ]
    return min(candidates, key=lambda e: e.is_unresolved, default=None)


def is_admin(statement: Statement) -> bool:
    """An ``Allow`` (or possible ``Allow``) of every action on every resource: IAM-001's."""
    return (
        statement.effect.may_be(Effect.ALLOW)
        and every_action(statement.actions) is not None
        and every_resource(statement.resources) is not None
    )


def allows(statement: Statement) -> bool:
    return statement.effect.may_be(Effect.ALLOW)


def denied_everywhere(policy: PolicyDocument) -> frozenset[str]:
    """The catalog actions a ``Deny`` of ``policy`` takes away on every resource without a
    condition: whatever its ``Allow`` statements say, the policy never grants them."""
    from policyguard.iam.catalog import load_catalog

    catalog = load_catalog()
    denied: set[str] = set()
    for statement in policy.statements:
        if (
            statement.effect.value is not Effect.DENY
            or statement.conditions
            or statement.unresolved
            or statement.not_resources is not None
            or (resource := every_resource(statement.resources)) is None
            or resource.is_unresolved
        ):
            continue
        if statement.not_actions is not None:
            patterns = [e.value for e in statement.not_actions if isinstance(e.value, str)]
            if len(patterns) == len(statement.not_actions):
                denied |= catalog.not_action_complement(patterns)
        else:
            for element in statement.actions or ():
                if isinstance(element.value, str):
                    denied |= catalog.expand(element.value)
    return frozenset(denied)


def granting_element(statement: Statement, action: str) -> Element | None:
    """The ``Action`` element that grants (or may grant) the catalog ``action``, preferring a
    resolved one, or the first ``NotAction`` element when the statement grants it that way."""
    from policyguard.iam.catalog import load_catalog

    catalog = load_catalog()
    if statement.not_actions:
        patterns = [e.value for e in statement.not_actions if isinstance(e.value, str)]
        granted = action in catalog.not_action_complement(patterns)
        return statement.not_actions[0] if granted else None
    candidates = [
        e
        for e in statement.actions or ()
        if (e.may_be(action) if e.is_unresolved else catalog.matches(str(e.value), action))
    ]
    return min(candidates, key=lambda e: e.is_unresolved, default=None)


def depends_on_unresolved(statement: Statement, *elements: Element) -> bool:
    """Whether a finding on the statement depends on a value not resolved statically: its
    effect, one of ``elements``, a part of it, or a condition value."""
    return (
        statement.effect.is_unresolved
        or any(e.is_unresolved for e in elements)
        or bool(statement.unresolved)
        or any(v.is_unresolved for c in statement.conditions for v in c.values)
    )


def is_scoping_key(key: str) -> bool:
    """Whether a condition on ``key`` narrows the resources a grant covers: resource tags of
    any service (``aws:ResourceTag/team``, ``ec2:ResourceTag/env``) and the resource's account
    or organization."""
    folded = key.casefold()
    return folded in _RESOURCE_KEYS or ":resourcetag/" in folded


def conditions_scope(statement: Statement) -> bool:
    """Whether the statement's conditions certainly fail for a request on a resource without
    the tags, account or organization they test (see :func:`is_scoping_key`), three-valued
    through the engine: then they narrow the resources it grants, as a narrower ``Resource``
    would. Other conditions leave the grant as wide as its ``Resource``."""
    from policyguard.iam.conditions import Context, evaluate_statement_conditions
    from policyguard.iam.tristate import Tri

    scoping = [c.key for c in statement.conditions if is_scoping_key(c.key)]
    if not scoping:
        return False
    outcome = evaluate_statement_conditions(statement, Context(absent=scoping))
    return outcome is Tri.FALSE


class Category(enum.Enum):
    """The risk of an action granted on every resource; each action has exactly one."""

    PASS_ROLE = "iam:PassRole"
    CREDENTIALS = "credentials exposure"
    EXFILTRATION = "data exfiltration"
    PERMISSIONS = "permissions management"
    WRITE = "write"
    OTHER = "resource-scopable"


# Actions that return credentials, tokens or passwords (Cloudsplaining's "credentials exposure"
# list, https://cloudsplaining.readthedocs.io/en/latest/glossary/credentials-exposure/).
CREDENTIALS_ACTIONS = frozenset(
    name.lower()
    for name in (
        "chime:CreateApiKey",
        "codepipeline:PollForJobs",
        "cognito-identity:GetOpenIdToken",
        "cognito-identity:GetOpenIdTokenForDeveloperIdentity",
        "cognito-identity:GetCredentialsForIdentity",
        "connect:GetFederationToken",
        "connect:GetFederationTokens",
        "ec2:GetPasswordData",
        "ecr:GetAuthorizationToken",
        "gamelift:RequestUploadCredentials",
        "iam:CreateAccessKey",
        "iam:CreateLoginProfile",
        "iam:CreateServiceSpecificCredential",
        "iam:ResetServiceSpecificCredential",
        "iam:UpdateAccessKey",
        "lightsail:GetInstanceAccessDetails",
        "lightsail:GetRelationalDatabaseMasterUserPassword",
        "rds-db:Connect",
        "redshift:GetClusterCredentials",
        "sso:GetRoleCredentials",
        "mediapackage:RotateChannelCredentials",
        "mediapackage:RotateIngestEndpointCredentials",
        "sts:AssumeRole",
        "sts:AssumeRoleWithSAML",
        "sts:AssumeRoleWithWebIdentity",
        "sts:GetFederationToken",
        "sts:GetSessionToken",
    )
)

# Actions that read stored data out of the account (Cloudsplaining's "data exfiltration"
# list, https://cloudsplaining.readthedocs.io/en/latest/glossary/data-exfiltration/).
EXFILTRATION_ACTIONS = frozenset(
    name.lower()
    for name in (
        "s3:GetObject",
        "ssm:GetParameter",
        "ssm:GetParameters",
        "ssm:GetParametersByPath",
        "secretsmanager:GetSecretValue",
    )
)


def category(action: str) -> Category | None:
    """The category of a catalog action, or ``None`` when only ``Resource: "*"`` grants it
    (``sts:GetCallerIdentity``): scoping it is impossible, so ``*`` is no finding."""
    from policyguard.iam.catalog import AccessLevel, load_catalog

    info = load_catalog().action(action)
    if info is None or info.accepts_only_star:
        return None
    name = info.name.lower()
    if name == "iam:passrole":
        return Category.PASS_ROLE
    if name in CREDENTIALS_ACTIONS:
        return Category.CREDENTIALS
    if name in EXFILTRATION_ACTIONS:
        return Category.EXFILTRATION
    if info.access_level is AccessLevel.PERMISSIONS_MANAGEMENT:
        return Category.PERMISSIONS
    if info.access_level is AccessLevel.WRITE:
        return Category.WRITE
    return Category.OTHER


@dataclass(frozen=True, slots=True)
class Grant:
    """What one ``Allow`` statement grants on every resource.

    ``actions`` maps each granted catalog action to the ``Action``/``NotAction`` element that
    grants it; ``unknown`` are action elements not resolved statically; ``resource`` is the
    element that covers every resource.
    """

    policy: PolicyDocument
    statement: Statement
    resource: Element
    actions: dict[str, Element]
    unknown: tuple[Element, ...]

    @property
    def uncertain(self) -> bool:
        """Whether the grant depends on a value not resolved statically (apart from actions)."""
        return depends_on_unresolved(self.statement, self.resource)


def unconstrained_grants(policy: PolicyDocument, inventory: Inventory) -> tuple[Grant, ...]:
    """The ``Allow`` statements of an identity policy that grant actions on every resource,
    leaving out IAM-001's administrator statements, statements whose conditions narrow the
    grant (see :func:`conditions_scope`) and actions a ``Deny`` of the policy takes away
    (see :func:`denied_everywhere`); found once per scan for the rules that share them."""
    return inventory.per_object(_unconstrained_grants, policy)


def _unconstrained_grants(_: Inventory, policy: PolicyDocument) -> tuple[Grant, ...]:
    return tuple(_grants(policy))


def _grants(policy: PolicyDocument) -> Iterator[Grant]:
    from policyguard.iam.catalog import load_catalog

    if policy.kind is not PolicyKind.IDENTITY:
        return
    catalog = load_catalog()
    denied = denied_everywhere(policy)
    for statement in policy.statements:
        if not allows(statement) or is_admin(statement) or conditions_scope(statement):
            continue
        resource = every_resource(statement.resources)
        if resource is None:
            continue
        actions: dict[str, Element] = {}
        unknown: list[Element] = []
        if statement.actions is not None:
            for element in statement.actions:
                if isinstance(element.value, str):
                    for name in sorted(catalog.expand(element.value)):
                        actions.setdefault(name, element)
                else:
                    unknown.append(element)
        elif statement.not_actions:
            known = [e.value for e in statement.not_actions if isinstance(e.value, str)]
            if len(known) == len(statement.not_actions):
                for name in sorted(catalog.not_action_complement(known)):
                    actions[name] = statement.not_actions[0]
            else:
                unknown.append(statement.not_actions[0])
        actions = {name: element for name, element in actions.items() if name not in denied}
        if actions or unknown:
            yield Grant(policy, statement, resource, actions, tuple(unknown))


# A statement gets one finding from the rules about actions on every resource (IAM-003 to
# IAM-007): from the rule of the first of these categories it grants; the message names the
# others. ``iam:PassRole`` has a rule of its own (IAM-008).
RANKED = (
    Category.PERMISSIONS,
    Category.CREDENTIALS,
    Category.EXFILTRATION,
    Category.WRITE,
    Category.OTHER,
)
_WHAT = {
    Category.PERMISSIONS: "permissions-management actions",
    Category.CREDENTIALS: "actions that return credentials",
    Category.EXFILTRATION: "actions that read stored data",
    Category.WRITE: "write actions",
    Category.OTHER: "actions that could be scoped to resources",
}
_SHOWN = 5


def category_findings(
    policy: PolicyDocument, wanted: Category, inventory: Inventory
) -> Iterator[Finding]:
    """One finding per statement whose most serious category (in :data:`RANKED` order) of
    actions granted on every resource is ``wanted``, at the first element granting one; an SCP
    or RCP that denies all of them is shown with it (see ``policyguard.iam.ceiling``)."""
    from policyguard.iam.ceiling import neutralised

    for grant in unconstrained_grants(policy, inventory):
        by_category: dict[Category, list[str]] = {}
        for name in grant.actions:
            kind = category(name)
            if kind is not None and kind is not Category.PASS_ROLE:
                by_category.setdefault(kind, []).append(name)
        top = next((kind for kind in RANKED if kind in by_category), None)
        if top is wanted:
            yield neutralised(_grant_finding(grant, top, by_category), inventory, grant.actions)


def _listed(names: list[str]) -> str:
    more = f" and {len(names) - _SHOWN} more" if len(names) > _SHOWN else ""
    return ", ".join(names[:_SHOWN]) + more


def _grant_finding(grant: Grant, top: Category, by_category: dict[Category, list[str]]) -> Finding:
    names = by_category[top]
    statement = grant.statement
    conditions = " under conditions" if statement.conditions or statement.unresolved else ""
    message = (
        f"{grant.policy.describe()}: {statement.describe()} allows {_WHAT[top]} on every "
        f"resource{conditions} ({_listed(names)})"
    )
    others = [
        f"{_WHAT[kind]} ({_listed(by_category[kind])})"
        for kind in RANKED
        if kind is not top and kind in by_category
    ]
    message += "; also " + "; ".join(others) + "." if others else "."
    low = grant.uncertain
    if low:
        message += " It depends on values not resolved statically."
    return Finding.at(
        grant.actions[names[0]],
        message,
        evidence=f"{grant.policy.name}:{statement.describe()}:{top.value}",
        confidence=Confidence.LOW if low else Confidence.HIGH,
        related=(Related(grant.resource.location, f"Resource {grant.resource.describe()!r}"),),
    )
