"""Request evaluation, case by case from AWS's documented policy evaluation logic.

IAM User Guide: "How AWS enforcement code logic evaluates requests to allow or deny access",
"Policy evaluation for requests within a single account", "Cross-account policy evaluation
logic", "Permissions boundaries for IAM entities", "Session policies", "AWS JSON policy elements:
NotPrincipal"; AWS Organizations User Guide: "SCP evaluation", "Resource control policies";
AWS Security Blog (September 2025): SCPs support the full IAM policy language.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from policyguard.iam.catalog import open_catalog
from policyguard.iam.conditions import Context
from policyguard.iam.evaluate import (
    AccountContext,
    Decision,
    Evaluation,
    PolicySet,
    Principal,
    PrincipalKind,
    Request,
    evaluate,
    statement_applies,
)
from policyguard.iam.tristate import Tri
from policyguard.location import SourceLocation, Span
from policyguard.model.iam import (
    Condition,
    Effect,
    PolicyDocument,
    PolicyKind,
    PrincipalElement,
    Statement,
)
from policyguard.model.values import Located, Unresolved

LOC = SourceLocation("t.json", Span(1, 1, 1, 1), "x")

A = "111122223333"
B = "444455556666"
BUCKET = "arn:aws:s3:::amzn-s3-demo-bucket"
OBJECT = f"{BUCKET}/report.csv"

ALICE = Principal.of_arn(f"arn:aws:iam::{A}:user/alice")
SESSION = Principal.of_arn(f"arn:aws:sts::{A}:assumed-role/app/i-0abc")
SESSION_B = Principal.of_arn(f"arn:aws:sts::{B}:assumed-role/auditor/audit-app")
ROOT = Principal.of_arn(A)
SLR = Principal.of_arn(
    f"arn:aws:sts::{A}:assumed-role/AWSServiceRoleForConfig/config", is_service_linked_role=True
)
CLOUDTRAIL = Principal.service("cloudtrail.amazonaws.com")
ANONYMOUS = Principal.anonymous()


# ---------------------------------------------------------------------------------------------
# Building model objects


class GlobMatcher:
    """Action matching as IAM does it: ``*`` and ``?``, letter case ignored."""

    def matches(self, pattern: str, action: str) -> bool:
        regex = "".join(
            ".*" if char == "*" else "." if char == "?" else re.escape(char) for char in pattern
        )
        return re.fullmatch(regex, action, re.IGNORECASE | re.DOTALL) is not None


MATCHER = GlobMatcher()

Value = str | Unresolved
Values = Value | Sequence[Value]
PrincipalSpec = str | Mapping[str, Values]


def hole(*parts: str | None) -> Unresolved:
    return Unresolved.of_parts("${var.x}", "a variable", parts)


def _elements(values: Values | None) -> tuple[Located[str], ...] | None:
    if values is None:
        return None
    items = (values,) if isinstance(values, str | Unresolved) else values
    return tuple(Located(value, LOC) for value in items)


def _principals(spec: PrincipalSpec | None) -> tuple[PrincipalElement, ...] | None:
    if spec is None:
        return None
    if isinstance(spec, str):
        return (PrincipalElement("*", spec, LOC),)
    return tuple(
        PrincipalElement(kind, value, LOC)
        for kind, values in spec.items()
        for value in ((values,) if isinstance(values, str | Unresolved) else values)
    )


def stmt(
    effect: str | Unresolved = "Allow",
    *,
    action: Values | None = None,
    not_action: Values | None = None,
    resource: Values | None = "*",
    not_resource: Values | None = None,
    principal: PrincipalSpec | None = None,
    not_principal: PrincipalSpec | None = None,
    condition: Mapping[str, Mapping[str, Values]] | None = None,
    sid: str | None = None,
    unresolved: tuple[Unresolved, ...] = (),
) -> Statement:
    if action is None and not_action is None:
        action = "*"
    if not_resource is not None:
        resource = None
    conditions = tuple(
        Condition(operator, key, _elements(values) or (), LOC)
        for operator, tests in (condition or {}).items()
        for key, values in tests.items()
    )
    return Statement(
        location=LOC,
        index=0,
        sid=sid,
        effect=Located(effect if isinstance(effect, Unresolved) else Effect(effect), LOC),
        actions=_elements(action),
        not_actions=_elements(not_action),
        resources=_elements(resource),
        not_resources=_elements(not_resource),
        principals=_principals(principal),
        not_principals=_principals(not_principal),
        conditions=conditions,
        unresolved=unresolved,
    )


def doc(kind: PolicyKind, *statements: Statement, owner: str = "p") -> PolicyDocument:
    return PolicyDocument(kind, owner, "", LOC, statements=tuple(statements))


def identity(*statements: Statement) -> PolicyDocument:
    return doc(PolicyKind.IDENTITY, *statements, owner="identity")


def bucket(*statements: Statement) -> PolicyDocument:
    return doc(PolicyKind.BUCKET, *statements, owner="bucket")


def boundary(*statements: Statement) -> PolicyDocument:
    return doc(PolicyKind.PERMISSIONS_BOUNDARY, *statements, owner="boundary")


def scp(*statements: Statement) -> PolicyDocument:
    return doc(PolicyKind.SCP, *statements, owner="scp")


def rcp(*statements: Statement) -> PolicyDocument:
    return doc(PolicyKind.RCP, *statements, owner="rcp")


FULL_AWS_ACCESS = scp(stmt(sid="FullAWSAccess"))
RCP_FULL_AWS_ACCESS = rcp(stmt(principal="*", sid="RCPFullAWSAccess"))


def request(
    principal: Principal = ALICE,
    action: str = "s3:GetObject",
    resource: str = OBJECT,
    context: Context | None = None,
    resource_account: str | None = A,
) -> Request:
    return Request(
        principal=principal,
        action=action,
        resource=resource,
        context=context or Context(),
        resource_account=resource_account,
    )


def run(
    policies: PolicySet,
    req: Request | None = None,
    account: AccountContext | None = None,
) -> Evaluation:
    return evaluate(req or request(), policies, account or AccountContext(), MATCHER)


# ---------------------------------------------------------------------------------------------
# The documented cases, as a table


@dataclass(frozen=True)
class Case:
    id: str
    policies: PolicySet
    request: Request
    decision: Decision
    conditional: bool = False
    account: AccountContext = field(default_factory=AccountContext)
    deciding: tuple[str, ...] | None = None
    """The ``Sid`` of every deciding statement, when the case checks them."""
    reason: str | None = None
    """Text the reason must contain."""


ALLOW_S3 = stmt(action="s3:*", sid="AllowS3")
ALLOW_GET = stmt(action="s3:GetObject", resource=f"{BUCKET}/*", sid="AllowGet")
DENY_DELETE = stmt("Deny", action="s3:DeleteObject", sid="DenyDelete")
SHIRLEY_BOUNDARY = boundary(
    stmt(action=["s3:*", "cloudwatch:*", "ec2:*"], sid="Boundary")
)  # the boundary example of "Permissions boundaries for IAM entities"
ADMIN = identity(stmt(sid="Admin"))


def grant_to(
    principal: PrincipalSpec, sid: str = "Grant", action: str = "s3:GetObject"
) -> Statement:
    return stmt(action=action, resource=f"{BUCKET}/*", principal=principal, sid=sid)


# RCP of the Organizations guide: deny access from outside the organization, but not to
# AWS services acting on the organization's behalf.
RCP_IDENTITY_PERIMETER = rcp(
    stmt(
        "Deny",
        principal="*",
        action="s3:*",
        condition={
            "StringNotEqualsIfExists": {"aws:PrincipalOrgID": "o-example"},
            "BoolIfExists": {"aws:PrincipalIsAWSService": "false"},
        },
        sid="EnforceOrgIdentities",
    )
)

CASES = [
    # --- Single account: identity-based and resource-based policies -------------------------
    Case(
        "identity-allow",
        PolicySet(identity=[identity(ALLOW_S3)]),
        request(),
        Decision.ALLOW,
        deciding=("AllowS3",),
    ),
    Case(
        "implicit-deny-without-policies",
        PolicySet(),
        request(),
        Decision.IMPLICIT_DENY,
        deciding=(),
        reason="no identity-based policy",
    ),
    Case(
        "implicit-deny-other-action",
        PolicySet(identity=[identity(ALLOW_GET)]),
        request(action="s3:PutObject"),
        Decision.IMPLICIT_DENY,
    ),
    Case(
        "explicit-deny-beats-allow-in-same-policy",
        PolicySet(identity=[identity(ALLOW_S3, DENY_DELETE)]),
        request(action="s3:DeleteObject"),
        Decision.EXPLICIT_DENY,
        deciding=("DenyDelete",),
        reason="DenyDelete",
    ),
    Case(
        "explicit-deny-in-resource-policy-beats-identity-allow",
        PolicySet(
            identity=[identity(ALLOW_S3)],
            resource=[bucket(stmt("Deny", action="s3:*", principal={"AWS": A}, sid="NoOne"))],
        ),
        request(),
        Decision.EXPLICIT_DENY,
        deciding=("NoOne",),
    ),
    Case(
        "same-account-resource-policy-alone-grants-to-user",
        PolicySet(resource=[bucket(grant_to({"AWS": f"arn:aws:iam::{A}:user/alice"}))]),
        request(),
        Decision.ALLOW,
        deciding=("Grant",),
    ),
    Case(
        "same-account-resource-policy-naming-the-account-delegates",
        PolicySet(resource=[bucket(grant_to({"AWS": f"arn:aws:iam::{A}:root"}))]),
        request(),
        Decision.IMPLICIT_DENY,
        reason="no identity-based policy",
    ),
    Case(
        "same-account-account-grant-with-identity",
        PolicySet(
            identity=[identity(ALLOW_GET)],
            resource=[bucket(grant_to({"AWS": A}))],
        ),
        request(),
        Decision.ALLOW,
        deciding=("Grant", "AllowGet"),
    ),
    Case(
        "resource-policy-grants-everyone",
        PolicySet(resource=[bucket(grant_to("*"))]),
        request(),
        Decision.ALLOW,
    ),
    Case(
        "root-user-has-full-access-to-its-account",
        PolicySet(),
        request(principal=ROOT),
        Decision.ALLOW,
        reason="root user",
    ),
    Case(
        "root-user-still-denied-explicitly",
        PolicySet(resource=[bucket(stmt("Deny", principal="*", sid="DenyAll"))]),
        request(principal=ROOT),
        Decision.EXPLICIT_DENY,
    ),
    # --- Cross-account ------------------------------------------------------------------------
    Case(
        "cross-account-identity-alone-is-not-enough",
        PolicySet(identity=[identity(ALLOW_S3)]),
        request(principal=SESSION_B),
        Decision.IMPLICIT_DENY,
        reason="cross-account",
    ),
    Case(
        "cross-account-resource-alone-is-not-enough",
        PolicySet(resource=[bucket(grant_to({"AWS": f"arn:aws:iam::{B}:role/auditor"}))]),
        request(principal=SESSION_B),
        Decision.IMPLICIT_DENY,
        reason="no identity-based policy",
    ),
    Case(
        "cross-account-both-sides-allow",
        PolicySet(
            identity=[identity(ALLOW_GET)],
            resource=[bucket(grant_to({"AWS": B}))],
        ),
        request(principal=SESSION_B),
        Decision.ALLOW,
        deciding=("Grant", "AllowGet"),
    ),
    Case(
        "cross-account-boundary-caps-the-trusted-side",
        PolicySet(
            identity=[identity(ALLOW_GET)],
            resource=[bucket(grant_to({"AWS": B}))],
            boundaries=[boundary(stmt(action="ec2:*"))],
        ),
        request(principal=SESSION_B),
        Decision.IMPLICIT_DENY,
        reason="permissions boundary",
    ),
    Case(
        "cross-account-session-grant-still-needs-identity",
        PolicySet(
            resource=[bucket(grant_to({"AWS": f"arn:aws:sts::{B}:assumed-role/auditor/audit-app"}))]
        ),
        request(principal=SESSION_B),
        Decision.IMPLICIT_DENY,
    ),
    # --- Permissions boundaries -----------------------------------------------------------------
    Case(
        "boundary-passes-what-it-allows",
        PolicySet(identity=[ADMIN], boundaries=[SHIRLEY_BOUNDARY]),
        request(),
        Decision.ALLOW,
    ),
    Case(
        "boundary-caps-identity-policy",
        PolicySet(identity=[ADMIN], boundaries=[SHIRLEY_BOUNDARY]),
        request(action="iam:CreateUser", resource=f"arn:aws:iam::{A}:user/x"),
        Decision.IMPLICIT_DENY,
        reason="permissions boundary",
    ),
    Case(
        "boundary-grants-nothing-itself",
        PolicySet(boundaries=[SHIRLEY_BOUNDARY]),
        request(),
        Decision.IMPLICIT_DENY,
        reason="no identity-based policy",
    ),
    Case(
        "empty-boundary-allows-nothing",
        PolicySet(identity=[ADMIN], boundaries=[]),
        request(),
        Decision.IMPLICIT_DENY,
    ),
    Case(
        "boundary-deny-is-explicit",
        PolicySet(identity=[ADMIN], boundaries=[boundary(stmt(), DENY_DELETE)]),
        request(action="s3:DeleteObject"),
        Decision.EXPLICIT_DENY,
    ),
    Case(
        "resource-grant-to-user-arn-not-limited-by-boundary",
        PolicySet(
            resource=[bucket(grant_to({"AWS": f"arn:aws:iam::{A}:user/alice"}))],
            boundaries=[boundary(stmt(action="ec2:*"))],
        ),
        request(),
        Decision.ALLOW,
    ),
    Case(
        "resource-grant-to-session-arn-not-limited-by-boundary",
        PolicySet(
            resource=[bucket(grant_to({"AWS": f"arn:aws:sts::{A}:assumed-role/app/i-0abc"}))],
            boundaries=[boundary(stmt(action="ec2:*"))],
        ),
        request(principal=SESSION),
        Decision.ALLOW,
    ),
    Case(
        "resource-grant-to-role-arn-limited-by-boundary",
        PolicySet(
            resource=[bucket(grant_to({"AWS": f"arn:aws:iam::{A}:role/app"}))],
            boundaries=[boundary(stmt(action="ec2:*"))],
        ),
        request(principal=SESSION),
        Decision.IMPLICIT_DENY,
        reason="permissions boundary",
    ),
    Case(
        "resource-grant-to-role-arn-needs-no-identity-policy",
        PolicySet(resource=[bucket(grant_to({"AWS": f"arn:aws:iam::{A}:role/app"}))]),
        request(principal=SESSION),
        Decision.ALLOW,
    ),
    Case(
        "resource-grant-to-account-limited-by-boundary",
        PolicySet(
            identity=[ADMIN],
            resource=[bucket(grant_to({"AWS": A}))],
            boundaries=[boundary(stmt(action="ec2:*"))],
        ),
        request(),
        Decision.IMPLICIT_DENY,
    ),
    # --- Session policies ---------------------------------------------------------------------
    Case(
        "session-policy-caps-role-session",
        PolicySet(identity=[ADMIN], session=[identity(stmt(action="ec2:*"))]),
        request(principal=SESSION),
        Decision.IMPLICIT_DENY,
        reason="session policies",
    ),
    Case(
        "session-policy-passes-what-it-allows",
        PolicySet(identity=[ADMIN], session=[identity(ALLOW_GET)]),
        request(principal=SESSION),
        Decision.ALLOW,
    ),
    Case(
        "session-policy-does-not-limit-grant-to-session-arn",
        PolicySet(
            resource=[bucket(grant_to({"AWS": f"arn:aws:sts::{A}:assumed-role/app/i-0abc"}))],
            session=[identity(stmt(action="ec2:*"))],
        ),
        request(principal=SESSION),
        Decision.ALLOW,
    ),
    Case(
        "session-policy-limits-grant-to-role-arn",
        PolicySet(
            resource=[bucket(grant_to({"AWS": f"arn:aws:iam::{A}:role/app"}))],
            session=[identity(stmt(action="ec2:*"))],
        ),
        request(principal=SESSION),
        Decision.IMPLICIT_DENY,
    ),
    Case(
        "session-policy-ignored-for-users",
        PolicySet(identity=[ADMIN], session=[identity(stmt(action="ec2:*"))]),
        request(),
        Decision.ALLOW,
    ),
    # --- SCPs ---------------------------------------------------------------------------------
    Case(
        "scp-deny-list",
        PolicySet(
            identity=[ADMIN],
            scps=[
                [FULL_AWS_ACCESS],
                [FULL_AWS_ACCESS, scp(stmt("Deny", action="s3:*", sid="NoS3"))],
            ],
        ),
        request(),
        Decision.EXPLICIT_DENY,
        deciding=("NoS3",),
        reason="SCP",
    ),
    Case(
        "scp-allow-list-allows",
        PolicySet(
            identity=[ADMIN],
            scps=[[FULL_AWS_ACCESS], [scp(stmt(action=["s3:*", "ec2:*"]))]],
        ),
        request(),
        Decision.ALLOW,
        deciding=("Admin",),
    ),
    Case(
        "scp-allow-list-implicitly-denies-the-rest",
        PolicySet(
            identity=[ADMIN],
            scps=[[FULL_AWS_ACCESS], [scp(stmt(action=["s3:*", "ec2:*"]))]],
        ),
        request(action="iam:CreateUser", resource=f"arn:aws:iam::{A}:user/x"),
        Decision.IMPLICIT_DENY,
        reason="no SCP at level 1 of the OU path",
    ),
    Case(
        "scp-every-level-must-allow",
        PolicySet(
            identity=[ADMIN],
            scps=[[scp(stmt(action="ec2:*"))], [FULL_AWS_ACCESS], [FULL_AWS_ACCESS]],
        ),
        request(),
        Decision.IMPLICIT_DENY,
        reason="level 0",
    ),
    Case(
        "scp-level-without-policies-allows-nothing",
        PolicySet(identity=[ADMIN], scps=[[FULL_AWS_ACCESS], []]),
        request(),
        Decision.IMPLICIT_DENY,
    ),
    Case(
        "scp-grants-nothing-itself",
        PolicySet(scps=[[FULL_AWS_ACCESS]]),
        request(),
        Decision.IMPLICIT_DENY,
        reason="no identity-based policy",
    ),
    Case(
        "scp-not-applied-to-management-account",
        PolicySet(identity=[ADMIN], scps=[[scp(stmt("Deny"))]]),
        request(),
        Decision.ALLOW,
        account=AccountContext(is_management_account=True),
    ),
    Case(
        "scp-not-applied-to-service-linked-role",
        PolicySet(identity=[ADMIN], scps=[[scp(stmt("Deny"))]]),
        request(principal=SLR),
        Decision.ALLOW,
    ),
    Case(
        "scp-applies-to-member-account-root",
        PolicySet(scps=[[FULL_AWS_ACCESS, scp(stmt("Deny", action="s3:*"))]]),
        request(principal=ROOT),
        Decision.EXPLICIT_DENY,
    ),
    Case(
        "scp-not-applied-to-service-principal",
        PolicySet(
            resource=[
                bucket(grant_to({"Service": "cloudtrail.amazonaws.com"}, action="s3:PutObject"))
            ],
            scps=[[scp(stmt("Deny"))]],
        ),
        request(principal=CLOUDTRAIL, action="s3:PutObject"),
        Decision.ALLOW,
    ),
    Case(
        "scp-allow-with-resource",  # full IAM language in SCPs since September 2025
        PolicySet(
            identity=[ADMIN], scps=[[scp(stmt(action="s3:*", resource="arn:aws:s3:::other/*"))]]
        ),
        request(),
        Decision.IMPLICIT_DENY,
        reason="SCP",
    ),
    Case(
        "scp-allow-with-not-action",
        PolicySet(identity=[ADMIN], scps=[[scp(stmt(not_action="iam:*"))]]),
        request(),
        Decision.ALLOW,
    ),
    Case(
        "scp-allow-with-condition-holding",
        PolicySet(
            identity=[ADMIN],
            scps=[[scp(stmt(condition={"StringEquals": {"aws:RequestedRegion": "eu-west-1"}}))]],
        ),
        request(context=Context({"aws:RequestedRegion": "eu-west-1"})),
        Decision.ALLOW,
    ),
    Case(
        "scp-allow-with-condition-failing",
        PolicySet(
            identity=[ADMIN],
            scps=[[scp(stmt(condition={"StringEquals": {"aws:RequestedRegion": "eu-west-1"}}))]],
        ),
        request(context=Context({"aws:RequestedRegion": "us-east-1"})),
        Decision.IMPLICIT_DENY,
    ),
    Case(
        "scp-allow-with-condition-unknown",
        PolicySet(
            identity=[ADMIN],
            scps=[
                [
                    scp(
                        stmt(
                            condition={"StringEquals": {"aws:RequestedRegion": "eu-west-1"}},
                            sid="EuOnly",
                        )
                    )
                ]
            ],
        ),
        request(),
        Decision.ALLOW,
        conditional=True,
        deciding=("EuOnly", "Admin"),
    ),
    # --- RCPs ---------------------------------------------------------------------------------
    Case(
        "rcp-perimeter-denies-outside-principal",
        PolicySet(
            identity=[identity(ALLOW_GET)],
            resource=[bucket(grant_to({"AWS": B}))],
            rcps=[[RCP_FULL_AWS_ACCESS, RCP_IDENTITY_PERIMETER]],
        ),
        request(principal=SESSION_B, context=Context({"aws:PrincipalOrgID": "o-other"})),
        Decision.EXPLICIT_DENY,
        deciding=("EnforceOrgIdentities",),
    ),
    Case(
        "rcp-perimeter-lets-organization-principal-in",
        PolicySet(
            identity=[identity(ALLOW_GET)],
            resource=[bucket(grant_to({"AWS": B}))],
            rcps=[[RCP_FULL_AWS_ACCESS, RCP_IDENTITY_PERIMETER]],
        ),
        request(principal=SESSION_B, context=Context({"aws:PrincipalOrgID": "o-example"})),
        Decision.ALLOW,
    ),
    Case(
        "rcp-perimeter-with-unknown-organization-is-conditional",
        PolicySet(
            identity=[identity(ALLOW_GET)],
            resource=[bucket(grant_to({"AWS": B}))],
            rcps=[[RCP_FULL_AWS_ACCESS, RCP_IDENTITY_PERIMETER]],
        ),
        request(principal=SESSION_B),
        Decision.ALLOW,
        conditional=True,
        deciding=("EnforceOrgIdentities", "Grant", "AllowGet"),
    ),
    Case(
        "rcp-perimeter-spares-aws-services",  # aws:PrincipalIsAWSService is true
        PolicySet(
            resource=[bucket(grant_to({"Service": "cloudtrail.amazonaws.com"}))],
            rcps=[[RCP_FULL_AWS_ACCESS, RCP_IDENTITY_PERIMETER]],
        ),
        request(principal=CLOUDTRAIL),
        Decision.ALLOW,
    ),
    Case(
        "rcp-applies-to-service-principals",
        PolicySet(
            resource=[bucket(grant_to({"Service": "cloudtrail.amazonaws.com"}))],
            rcps=[[RCP_FULL_AWS_ACCESS, rcp(stmt("Deny", principal="*", action="s3:*"))]],
        ),
        request(principal=CLOUDTRAIL),
        Decision.EXPLICIT_DENY,
    ),
    Case(
        "rcp-applies-to-anonymous",
        PolicySet(
            resource=[bucket(grant_to("*"))],
            rcps=[[RCP_FULL_AWS_ACCESS, RCP_IDENTITY_PERIMETER]],
        ),
        request(principal=ANONYMOUS),
        Decision.ALLOW,
        conditional=True,  # the context says nothing about aws:PrincipalOrgID
    ),
    Case(
        "rcp-allow-list-caps-resource-access",
        PolicySet(
            identity=[ADMIN],
            rcps=[[RCP_FULL_AWS_ACCESS], [rcp(stmt(principal="*", action="s3:GetObject"))]],
        ),
        request(action="s3:PutObject"),
        Decision.IMPLICIT_DENY,
        reason="no RCP at level 1",
    ),
    Case(
        "rcp-caps-same-account-resource-grant",
        PolicySet(
            resource=[bucket(grant_to({"AWS": f"arn:aws:iam::{A}:user/alice"}))],
            rcps=[[rcp(stmt(principal="*", action="ec2:*"))]],
        ),
        request(),
        Decision.IMPLICIT_DENY,
        reason="RCP",
    ),
    Case(
        "rcp-not-applied-in-management-account",
        PolicySet(identity=[ADMIN], rcps=[[rcp(stmt("Deny", principal="*"))]]),
        request(),
        Decision.ALLOW,
        account=AccountContext(resource_in_management_account=True),
    ),
    Case(
        "rcp-not-applied-to-service-linked-role",
        PolicySet(identity=[ADMIN], rcps=[[rcp(stmt("Deny", principal="*"))]]),
        request(principal=SLR),
        Decision.ALLOW,
    ),
    Case(
        "scp-of-management-account-caller-still-faces-rcp",
        PolicySet(
            identity=[ADMIN], scps=[[scp(stmt("Deny"))]], rcps=[[rcp(stmt("Deny", principal="*"))]]
        ),
        request(),
        Decision.EXPLICIT_DENY,
        account=AccountContext(is_management_account=True),
    ),
    # --- Unknowns: allowed under conditions ------------------------------------------------------
    Case(
        "allow-with-unknown-condition-is-conditional",
        PolicySet(
            identity=[
                identity(
                    stmt(condition={"IpAddress": {"aws:SourceIp": "203.0.113.0/24"}}, sid="Ip")
                )
            ]
        ),
        request(),
        Decision.ALLOW,
        conditional=True,
        deciding=("Ip",),
        reason="under conditions",
    ),
    Case(
        "allow-with-known-failing-condition",
        PolicySet(identity=[identity(stmt(condition={"Bool": {"aws:SecureTransport": "true"}}))]),
        request(context=Context({"aws:SecureTransport": "false"})),
        Decision.IMPLICIT_DENY,
    ),
    Case(
        "deny-with-unknown-condition-makes-allow-conditional",
        PolicySet(
            identity=[
                identity(
                    ALLOW_S3,
                    stmt("Deny", condition={"Bool": {"aws:SecureTransport": "false"}}, sid="Tls"),
                )
            ]
        ),
        request(),
        Decision.ALLOW,
        conditional=True,
        deciding=("AllowS3", "Tls"),
        reason="may be denied by",
    ),
    Case(
        "deny-with-unknown-condition-and-no-allow",
        PolicySet(
            identity=[identity(stmt("Deny", condition={"Bool": {"aws:SecureTransport": "false"}}))]
        ),
        request(),
        Decision.IMPLICIT_DENY,
    ),
    Case(
        "deny-with-holding-condition",
        PolicySet(
            identity=[
                identity(
                    ALLOW_S3,
                    stmt("Deny", condition={"Bool": {"aws:SecureTransport": "false"}}, sid="Tls"),
                )
            ]
        ),
        request(context=Context({"aws:SecureTransport": "false"})),
        Decision.EXPLICIT_DENY,
        deciding=("Tls",),
    ),
    Case(
        "unresolved-resource-may-match",
        PolicySet(
            identity=[
                identity(stmt(action="s3:GetObject", resource=hole("arn:aws:s3:::", None, "/*")))
            ]
        ),
        request(),
        Decision.ALLOW,
        conditional=True,
    ),
    Case(
        "unresolved-resource-known-parts-decide",
        PolicySet(
            identity=[
                identity(stmt(action="s3:GetObject", resource=hole("arn:aws:s3:::", None, "/*")))
            ]
        ),
        request(resource=f"arn:aws:iam::{A}:role/x"),
        Decision.IMPLICIT_DENY,
    ),
    Case(
        "unresolved-action-may-match",
        PolicySet(identity=[identity(stmt(action=hole("s3:", None)))]),
        request(),
        Decision.ALLOW,
        conditional=True,
    ),
    Case(
        "unresolved-action-known-parts-decide",
        PolicySet(identity=[identity(stmt(action=hole("s3:", None)))]),
        request(action="ec2:RunInstances", resource="*"),
        Decision.IMPLICIT_DENY,
    ),
    Case(
        "unresolved-deny-action-makes-allow-conditional",
        PolicySet(identity=[identity(ALLOW_S3, stmt("Deny", action=hole(None), sid="Maybe"))]),
        request(),
        Decision.ALLOW,
        conditional=True,
        deciding=("AllowS3", "Maybe"),
    ),
    Case(
        "unresolved-effect",
        PolicySet(identity=[identity(stmt(hole(None), sid="Either"))]),
        request(),
        Decision.ALLOW,
        conditional=True,
        deciding=("Either",),
    ),
    Case(
        "unreadable-condition-block",
        PolicySet(identity=[identity(stmt(unresolved=(hole(None),)))]),
        request(),
        Decision.ALLOW,
        conditional=True,
    ),
    Case(
        "unreadable-boundary-document",
        PolicySet(
            identity=[ADMIN],
            boundaries=[
                PolicyDocument(PolicyKind.PERMISSIONS_BOUNDARY, "b", "", LOC, unresolved=hole(None))
            ],
        ),
        request(),
        Decision.ALLOW,
        conditional=True,
        reason="could not be read",
    ),
    Case(
        "unknown-resource-account-either-way",
        PolicySet(identity=[identity(ALLOW_GET)]),
        request(resource_account=None),
        Decision.ALLOW,
        conditional=True,
    ),
    Case(
        "unknown-resource-account-same-answer",
        PolicySet(
            identity=[identity(ALLOW_GET)],
            resource=[bucket(grant_to({"AWS": f"arn:aws:iam::{A}:user/alice"}))],
        ),
        request(resource_account=None),
        Decision.ALLOW,
    ),
    Case(
        "resource-account-from-arn",
        PolicySet(identity=[identity(stmt(action="sqs:*"))]),
        request(
            action="sqs:SendMessage", resource=f"arn:aws:sqs:eu-west-1:{B}:q", resource_account=None
        ),
        Decision.IMPLICIT_DENY,
        reason="cross-account",
    ),
    Case(
        "policy-variable-in-resource",
        PolicySet(identity=[identity(stmt(resource=f"{BUCKET}/home/${{aws:username}}/*"))]),
        request(resource=f"{BUCKET}/home/alice/notes.txt"),
        Decision.ALLOW,
    ),
    Case(
        "policy-variable-in-resource-other-user",
        PolicySet(identity=[identity(stmt(resource=f"{BUCKET}/home/${{aws:username}}/*"))]),
        request(resource=f"{BUCKET}/home/bob/notes.txt"),
        Decision.IMPLICIT_DENY,
    ),
    # --- NotAction, NotResource -----------------------------------------------------------------
    Case(
        "not-action-allow",
        PolicySet(identity=[identity(stmt(not_action="iam:*"))]),
        request(),
        Decision.ALLOW,
    ),
    Case(
        "not-action-allow-excludes",
        PolicySet(identity=[identity(stmt(not_action="iam:*"))]),
        request(action="iam:CreateUser", resource=f"arn:aws:iam::{A}:user/x"),
        Decision.IMPLICIT_DENY,
    ),
    Case(
        "not-action-deny-denies-everything-else",
        PolicySet(identity=[ADMIN, identity(stmt("Deny", not_action=["iam:*", "sts:*"]))]),
        request(),
        Decision.EXPLICIT_DENY,
    ),
    Case(
        "not-action-deny-spares-listed",
        PolicySet(identity=[ADMIN, identity(stmt("Deny", not_action=["iam:*", "sts:*"]))]),
        request(action="sts:GetCallerIdentity", resource="*"),
        Decision.ALLOW,
    ),
    Case(
        "not-resource-deny",
        PolicySet(
            identity=[ADMIN, identity(stmt("Deny", action="s3:*", not_resource=f"{BUCKET}/*"))]
        ),
        request(resource="arn:aws:s3:::other/x"),
        Decision.EXPLICIT_DENY,
    ),
    Case(
        "not-resource-deny-spares-listed",
        PolicySet(
            identity=[ADMIN, identity(stmt("Deny", action="s3:*", not_resource=f"{BUCKET}/*"))]
        ),
        request(),
        Decision.ALLOW,
    ),
    # --- NotPrincipal with Deny -----------------------------------------------------------------
    Case(
        "not-principal-deny-spares-fully-listed-session",
        PolicySet(
            identity=[identity(ALLOW_GET)],
            resource=[
                bucket(
                    grant_to({"AWS": B}),
                    stmt(
                        "Deny",
                        not_principal={
                            "AWS": [
                                f"arn:aws:sts::{B}:assumed-role/auditor/audit-app",
                                f"arn:aws:iam::{B}:role/auditor",
                                f"arn:aws:iam::{B}:root",
                            ]
                        },
                        sid="OnlyAuditor",
                    ),
                )
            ],
        ),
        request(principal=SESSION_B),
        Decision.ALLOW,
    ),
    Case(
        "not-principal-deny-without-account-denies",
        PolicySet(
            identity=[identity(ALLOW_GET)],
            resource=[
                bucket(
                    grant_to({"AWS": B}),
                    stmt(
                        "Deny",
                        not_principal={"AWS": f"arn:aws:iam::{B}:role/auditor"},
                        sid="OnlyAuditor",
                    ),
                )
            ],
        ),
        request(principal=SESSION_B),
        Decision.EXPLICIT_DENY,
        deciding=("OnlyAuditor",),
    ),
    Case(
        "not-principal-deny-denies-others",
        PolicySet(
            identity=[identity(ALLOW_GET)],
            resource=[bucket(stmt("Deny", not_principal={"AWS": [B, f"arn:aws:iam::{B}:role/x"]}))],
        ),
        request(),
        Decision.EXPLICIT_DENY,
    ),
    Case(
        "not-principal-deny-always-denies-principal-with-boundary",
        PolicySet(
            identity=[identity(ALLOW_GET)],
            resource=[
                bucket(
                    stmt(
                        "Deny", not_principal={"AWS": [A, f"arn:aws:iam::{A}:user/alice"]}, sid="Np"
                    )
                )
            ],
            boundaries=[boundary(stmt())],
        ),
        request(),
        Decision.EXPLICIT_DENY,
        deciding=("Np",),
    ),
    Case(
        "not-principal-deny-spares-listed-user-without-boundary",
        PolicySet(
            identity=[identity(ALLOW_GET)],
            resource=[
                bucket(stmt("Deny", not_principal={"AWS": [A, f"arn:aws:iam::{A}:user/alice"]}))
            ],
        ),
        request(),
        Decision.ALLOW,
    ),
    # --- Trust policies and key policies must allow explicitly -----------------------------------
    Case(
        "key-policy-must-allow-even-in-same-account",
        PolicySet(
            identity=[identity(stmt(action="kms:Decrypt"))],
            resource=[
                doc(
                    PolicyKind.KEY,
                    stmt(action="kms:*", principal={"AWS": f"arn:aws:iam::{A}:role/admin"}),
                )
            ],
        ),
        request(action="kms:Decrypt", resource=f"arn:aws:kms:eu-west-1:{A}:key/k"),
        Decision.IMPLICIT_DENY,
        reason="trust or key policy",
    ),
    Case(
        "key-policy-root-statement-enables-iam-policies",
        PolicySet(
            identity=[identity(stmt(action="kms:Decrypt"))],
            resource=[
                doc(
                    PolicyKind.KEY,
                    stmt(action="kms:*", principal={"AWS": f"arn:aws:iam::{A}:root"}),
                )
            ],
        ),
        request(action="kms:Decrypt", resource=f"arn:aws:kms:eu-west-1:{A}:key/k"),
        Decision.ALLOW,
    ),
    Case(
        "trust-policy-naming-the-account-needs-identity-policy",
        PolicySet(
            resource=[
                doc(
                    PolicyKind.TRUST,
                    stmt(action="sts:AssumeRole", resource=None, principal={"AWS": A}),
                )
            ],
        ),
        request(action="sts:AssumeRole", resource=f"arn:aws:iam::{A}:role/target"),
        Decision.IMPLICIT_DENY,
    ),
    Case(
        "trust-policy-naming-the-user-grants",
        PolicySet(
            resource=[
                doc(
                    PolicyKind.TRUST,
                    stmt(
                        action="sts:AssumeRole",
                        resource=None,
                        principal={"AWS": f"arn:aws:iam::{A}:user/alice"},
                    ),
                )
            ],
        ),
        request(action="sts:AssumeRole", resource=f"arn:aws:iam::{A}:role/target"),
        Decision.ALLOW,
    ),
    Case(
        "trust-policy-for-a-service",
        PolicySet(
            resource=[
                doc(
                    PolicyKind.TRUST,
                    stmt(
                        action="sts:AssumeRole",
                        resource=None,
                        principal={"Service": "ec2.amazonaws.com"},
                    ),
                )
            ],
        ),
        request(
            principal=Principal.service("ec2.amazonaws.com"),
            action="sts:AssumeRole",
            resource=f"arn:aws:iam::{A}:role/target",
        ),
        Decision.ALLOW,
    ),
    Case(
        "identity-policy-without-resource-is-invalid",
        PolicySet(identity=[identity(stmt(resource=None))]),
        request(),
        Decision.IMPLICIT_DENY,
    ),
    Case(
        "anonymous-needs-a-public-grant",
        PolicySet(identity=[ADMIN], resource=[bucket(grant_to({"AWS": A}))]),
        request(principal=ANONYMOUS),
        Decision.IMPLICIT_DENY,
        reason="no resource-based policy allows the caller",
    ),
]


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_documented_case(case: Case) -> None:
    result = run(case.policies, case.request, case.account)
    assert (result.decision, result.conditional) == (case.decision, case.conditional), result.reason
    if case.deciding is not None:
        assert tuple(statement.sid for statement in result.deciding) == case.deciding
    if case.reason is not None:
        assert case.reason in result.reason


def test_case_ids_are_unique() -> None:
    ids = [case.id for case in CASES]
    assert len(ids) == len(set(ids))


# ---------------------------------------------------------------------------------------------
# Details


def test_explicit_deny_lists_every_denying_statement_in_policy_order() -> None:
    deny_scp = stmt("Deny", action="s3:*", sid="ScpDeny")
    deny_bucket = stmt("Deny", principal="*", action="s3:GetObject", sid="BucketDeny")
    policies = PolicySet(
        identity=[identity(ALLOW_S3, DENY_DELETE, stmt("Deny", sid="IdentityDeny"))],
        resource=[bucket(deny_bucket)],
        scps=[[FULL_AWS_ACCESS, scp(deny_scp)]],
    )
    result = run(policies)
    assert result.decision is Decision.EXPLICIT_DENY
    assert [s.sid for s in result.deciding] == ["ScpDeny", "BucketDeny", "IdentityDeny"]
    assert "SCP scp ScpDeny" in result.reason


def test_uncertain_cap_is_listed_only_where_it_matters() -> None:
    maybe = scp(stmt(condition={"Bool": {"aws:SecureTransport": "true"}}, sid="Maybe"))
    covered = run(PolicySet(identity=[ADMIN], scps=[[FULL_AWS_ACCESS, maybe]]))
    assert covered.certainly_allowed
    assert [s.sid for s in covered.deciding] == ["Admin"]
    alone = run(PolicySet(identity=[ADMIN], scps=[[FULL_AWS_ACCESS], [maybe]]))
    assert (alone.decision, alone.conditional) == (Decision.ALLOW, True)
    assert [s.sid for s in alone.deciding] == ["Maybe", "Admin"]
    assert "may be capped by SCP scp Maybe" in alone.reason


def test_federated_user_session_and_its_issuer() -> None:
    federated = Principal(
        kind=PrincipalKind.FEDERATED_USER,
        arn=f"arn:aws:sts::{A}:federated-user/bob",
        issuer_arn=f"arn:aws:iam::{A}:user/broker",
    )
    limited = [identity(stmt(action="ec2:*"))]
    to_session = PolicySet(
        resource=[bucket(grant_to({"AWS": f"arn:aws:sts::{A}:federated-user/bob"}))],
        session=limited,
    )
    assert run(to_session, request(principal=federated)).certainly_allowed
    to_issuer = PolicySet(
        resource=[bucket(grant_to({"AWS": f"arn:aws:iam::{A}:user/broker"}))], session=limited
    )
    assert run(to_issuer, request(principal=federated)).decision is Decision.IMPLICIT_DENY
    no_session_policy = replace(to_issuer, session=None)
    assert run(no_session_policy, request(principal=federated)).certainly_allowed


def test_unreadable_documents_are_reported() -> None:
    unreadable = PolicyDocument(PolicyKind.IDENTITY, "i", "", LOC, unresolved=hole(None))
    result = run(PolicySet(identity=[unreadable]))
    assert (result.decision, result.conditional) == (Decision.ALLOW, True)
    assert result.unreadable == (unreadable,)
    assert result.deciding == ()


def test_unreadable_statement_may_allow_or_deny() -> None:
    problem = hole(None)
    unreadable = Statement(LOC, 0, None, Located(problem, LOC), unresolved=(problem,))
    allowed = run(PolicySet(identity=[identity(unreadable)]))
    assert (allowed.decision, allowed.conditional) == (Decision.ALLOW, True)
    with_allow = run(PolicySet(identity=[identity(ALLOW_S3, unreadable)]))
    assert (with_allow.decision, with_allow.conditional) == (Decision.ALLOW, True)


def test_evaluation_properties() -> None:
    certain = run(PolicySet(identity=[ADMIN]))
    assert certain.allowed and certain.certainly_allowed
    conditional = run(PolicySet(identity=[identity(stmt(action=hole("s3:", None)))]))
    assert conditional.allowed and not conditional.certainly_allowed
    denied = run(PolicySet())
    assert not denied.allowed and not denied.certainly_allowed


def test_principal_keys_fill_the_context() -> None:
    tagged = replace(ALICE, tags=(("team", "data"),))
    only_tagged = identity(stmt(condition={"StringEquals": {"aws:PrincipalTag/team": "data"}}))
    assert run(PolicySet(identity=[only_tagged]), request(principal=tagged)).certainly_allowed
    other_team = replace(ALICE, tags=(("team", "web"),))
    assert not run(PolicySet(identity=[only_tagged]), request(principal=other_team)).allowed
    only_roles = identity(
        stmt(condition={"ArnLike": {"aws:PrincipalArn": f"arn:aws:iam::{A}:role/*"}})
    )
    assert run(PolicySet(identity=[only_roles]), request(principal=SESSION)).certainly_allowed
    assert not run(PolicySet(identity=[only_roles]), request()).allowed


def test_the_request_context_wins_over_principal_keys() -> None:
    only_tagged = identity(stmt(condition={"StringEquals": {"aws:PrincipalTag/team": "data"}}))
    tagged = replace(ALICE, tags=(("team", "data"),))
    context = Context({"aws:PrincipalTag/team": "web"})
    assert not run(
        PolicySet(identity=[only_tagged]), request(principal=tagged, context=context)
    ).allowed


def test_statement_applies() -> None:
    grant = grant_to({"AWS": f"arn:aws:iam::{A}:user/alice"})
    assert statement_applies(grant, request(), MATCHER, resource_based=True) is Tri.TRUE
    assert (
        statement_applies(grant, request(principal=SESSION), MATCHER, resource_based=True)
        is Tri.FALSE
    )
    # Read as an identity-based statement, the principal is ignored.
    assert statement_applies(grant, request(principal=SESSION), MATCHER) is Tri.TRUE
    unknown = stmt(condition={"Bool": {"aws:SecureTransport": "true"}})
    assert statement_applies(unknown, request(), MATCHER) is Tri.UNKNOWN


def test_the_catalog_is_a_matcher() -> None:
    catalog = open_catalog(cache_dir=None)
    policies = PolicySet(identity=[identity(stmt(action="S3:get*"))])
    assert evaluate(request(), policies, AccountContext(), catalog).certainly_allowed
    assert not evaluate(request(action="s3:PutObject"), policies, AccountContext(), catalog).allowed


def test_account_context_overrides_the_request() -> None:
    policies = PolicySet(identity=[identity(ALLOW_GET)])
    assert run(policies).certainly_allowed
    cross = run(policies, account=AccountContext(resource_account=B))
    assert cross.decision is Decision.IMPLICIT_DENY
    same = run(policies, request(resource_account=B), AccountContext(resource_account=A))
    assert same.certainly_allowed


# ---------------------------------------------------------------------------------------------
# Invariants

_ACTIONS = st.sampled_from(["*", "s3:*", "s3:GetObject", "s3:Put*", "iam:*", "ec2:*"])
_RESOURCES = st.sampled_from(["*", f"{BUCKET}/*", "arn:aws:s3:::other/*", BUCKET])
_CONDITIONS = st.sampled_from(
    [
        None,
        {"Bool": {"aws:SecureTransport": "true"}},
        {"StringEquals": {"aws:RequestedRegion": "eu-west-1"}},
        {"StringNotEqualsIfExists": {"aws:PrincipalOrgID": "o-example"}},
    ]
)
_PRINCIPAL_SPECS: st.SearchStrategy[PrincipalSpec] = st.sampled_from(
    [
        "*",
        {"AWS": A},
        {"AWS": B},
        {"AWS": f"arn:aws:iam::{A}:user/alice"},
        {"AWS": f"arn:aws:iam::{A}:role/app"},
        {"AWS": f"arn:aws:sts::{A}:assumed-role/app/i-0abc"},
        {"AWS": f"arn:aws:iam::{B}:role/auditor"},
        {"Service": "cloudtrail.amazonaws.com"},
    ]
)


@st.composite
def _statements(
    draw: st.DrawFn, *, effect: str | None = None, resource_based: bool = False
) -> Statement:
    chosen = effect or draw(st.sampled_from(["Allow", "Deny"]))
    negated = draw(st.booleans())
    action = draw(st.one_of(_ACTIONS, st.just(hole("s3:", None))))
    principal = draw(_PRINCIPAL_SPECS) if resource_based else None
    not_principal = None
    if resource_based and chosen == "Deny" and draw(st.booleans()):
        principal, not_principal = None, draw(_PRINCIPAL_SPECS)
    return stmt(
        chosen,
        action=None if negated else action,
        not_action=action if negated else None,
        resource=draw(_RESOURCES),
        principal=principal,
        not_principal=not_principal,
        condition=draw(_CONDITIONS),
    )


def _documents(
    kind: PolicyKind, *, resource_based: bool = False
) -> st.SearchStrategy[list[PolicyDocument]]:
    return st.lists(
        st.lists(_statements(resource_based=resource_based), max_size=3).map(
            lambda statements: doc(kind, *statements)
        ),
        max_size=2,
    )


_POLICY_SETS = st.builds(
    PolicySet,
    identity=_documents(PolicyKind.IDENTITY),
    resource=_documents(PolicyKind.BUCKET, resource_based=True),
    boundaries=st.one_of(st.none(), _documents(PolicyKind.PERMISSIONS_BOUNDARY)),
    scps=st.one_of(st.none(), st.lists(_documents(PolicyKind.SCP), max_size=2)),
    rcps=st.one_of(
        st.none(), st.lists(_documents(PolicyKind.RCP, resource_based=True), max_size=2)
    ),
    session=st.one_of(st.none(), _documents(PolicyKind.IDENTITY)),
)
_REQUESTS = st.builds(
    request,
    principal=st.sampled_from([ALICE, SESSION, SESSION_B, ROOT, SLR, CLOUDTRAIL, ANONYMOUS]),
    action=st.sampled_from(["s3:GetObject", "s3:PutObject", "iam:CreateUser"]),
    resource=st.sampled_from([OBJECT, "arn:aws:s3:::other/x"]),
    context=st.sampled_from(
        [Context(), Context({"aws:SecureTransport": "true", "aws:RequestedRegion": "us-east-1"})]
    ),
    resource_account=st.sampled_from([A, None]),
)
_ACCOUNTS = st.builds(
    AccountContext,
    is_management_account=st.booleans(),
    resource_in_management_account=st.booleans(),
)


def _no_wider(before: Evaluation, after: Evaluation) -> None:
    """``after`` allows nothing ``before`` did not: never a new allow, never a newly certain one."""
    if not before.allowed:
        assert not after.allowed, (before.reason, after.reason)
    if after.certainly_allowed:
        assert before.certainly_allowed, (before.reason, after.reason)


def _add_to_level(
    levels: Sequence[Sequence[PolicyDocument]] | None, index: int, added: PolicyDocument
) -> list[list[PolicyDocument]] | None:
    """The levels with ``added`` at level ``index``; ``None`` when there is no level (a first
    level would cap on its own: that is another invariant)."""
    result = [list(level) for level in levels or ()]
    if not result:
        return None
    result[index % len(result)].append(added)
    return result


def _with_deny(
    policies: PolicySet, slot: str, index: int, added: PolicyDocument
) -> PolicySet | None:
    """``policies`` with one more document holding a ``Deny``, in ``slot``; ``None`` when the
    slot is absent (adding a boundary or session policy is another invariant)."""
    if slot == "identity":
        return replace(policies, identity=[*policies.identity, added])
    if slot == "resource":
        return replace(policies, resource=[*policies.resource, added])
    if slot == "boundaries":
        existing = policies.boundaries
        return None if existing is None else replace(policies, boundaries=[*existing, added])
    if slot == "session":
        existing = policies.session
        return None if existing is None else replace(policies, session=[*existing, added])
    if slot == "scps":
        scps = _add_to_level(policies.scps, index, added)
        return None if scps is None else replace(policies, scps=scps)
    rcps = _add_to_level(policies.rcps, index, added)
    return None if rcps is None else replace(policies, rcps=rcps)


@settings(max_examples=300)
@given(_POLICY_SETS, _REQUESTS, _ACCOUNTS, st.data())
def test_adding_a_deny_never_widens(
    policies: PolicySet, req: Request, account: AccountContext, data: st.DataObject
) -> None:
    slot = data.draw(
        st.sampled_from(["identity", "resource", "boundaries", "session", "scps", "rcps"])
    )
    deny = data.draw(_statements(effect="Deny", resource_based=slot in ("resource", "rcps")))
    narrowed = _with_deny(
        policies, slot, data.draw(st.integers(0, 3)), doc(PolicyKind.IDENTITY, deny)
    )
    if narrowed is not None:
        before = evaluate(req, policies, account, MATCHER)
        _no_wider(before, evaluate(req, narrowed, account, MATCHER))


@settings(max_examples=300)
@given(_POLICY_SETS, _REQUESTS, _ACCOUNTS, _documents(PolicyKind.PERMISSIONS_BOUNDARY))
def test_adding_a_boundary_never_widens(
    policies: PolicySet, req: Request, account: AccountContext, documents: list[PolicyDocument]
) -> None:
    without = replace(policies, boundaries=None)
    with_boundary = replace(policies, boundaries=documents)
    _no_wider(
        evaluate(req, without, account, MATCHER), evaluate(req, with_boundary, account, MATCHER)
    )


@settings(max_examples=300)
@given(_POLICY_SETS, _REQUESTS, _ACCOUNTS, _documents(PolicyKind.SCP), st.booleans())
def test_adding_an_organization_policy_level_never_widens(
    policies: PolicySet,
    req: Request,
    account: AccountContext,
    documents: list[PolicyDocument],
    as_rcp: bool,
) -> None:
    if as_rcp:
        more = replace(policies, rcps=[*(policies.rcps or ()), documents])
    else:
        more = replace(policies, scps=[*(policies.scps or ()), documents])
    _no_wider(evaluate(req, policies, account, MATCHER), evaluate(req, more, account, MATCHER))


@settings(max_examples=200)
@given(_POLICY_SETS, _REQUESTS, _ACCOUNTS, _documents(PolicyKind.IDENTITY))
def test_adding_a_session_policy_never_widens(
    policies: PolicySet, req: Request, account: AccountContext, documents: list[PolicyDocument]
) -> None:
    without = replace(policies, session=None)
    with_session = replace(policies, session=documents)
    _no_wider(
        evaluate(req, without, account, MATCHER), evaluate(req, with_session, account, MATCHER)
    )


@settings(max_examples=200)
@given(_POLICY_SETS, _REQUESTS, _ACCOUNTS)
def test_evaluation_is_deterministic(
    policies: PolicySet, req: Request, account: AccountContext
) -> None:
    first = evaluate(req, policies, account, MATCHER)
    second = evaluate(req, policies, account, MATCHER)
    assert first == second
    assert first.conditional is False or first.decision is Decision.ALLOW
    if first.decision is Decision.EXPLICIT_DENY:
        assert first.deciding


@settings(max_examples=200)
@given(_POLICY_SETS, _REQUESTS, _ACCOUNTS)
def test_explicit_deny_needs_a_certain_deny(
    policies: PolicySet, req: Request, account: AccountContext
) -> None:
    result = evaluate(req, policies, account, MATCHER)
    if result.decision is Decision.EXPLICIT_DENY:
        assert all(statement.effect.value is Effect.DENY for statement in result.deciding)
