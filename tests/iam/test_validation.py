"""Policy grammar and catalog validation, per policy kind."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from pathlib import Path

import pytest

from policyguard.iam.catalog import load_catalog
from policyguard.iam.validation import (
    Level,
    PolicyContainer,
    ValidationFinding,
    policy_size,
    render_policy,
    size_quota,
    validate_inline_policies,
    validate_policy,
)
from policyguard.location import SourceLocation, Span
from policyguard.model.iam import (
    Condition,
    Effect,
    PolicyDocument,
    PolicyKind,
    PrincipalElement,
    Statement,
)
from policyguard.model.inventory import Inventory
from policyguard.model.principals import PolicyResource
from policyguard.model.values import Located, Unresolved

CATALOG = load_catalog()
LOC = SourceLocation("main.tf", Span(1, 1, 1, 2), "aws_iam_policy.p")

Values = str | Unresolved | Sequence[str | Unresolved]


def _elements(values: Values | None) -> tuple[Located[str], ...] | None:
    if values is None:
        return None
    items = [values] if isinstance(values, str | Unresolved) else values
    return tuple(Located(v, LOC) for v in items)


def stmt(
    action: Values | None = "s3:GetObject",
    resource: Values | None = "*",
    *,
    effect: Effect | Unresolved = Effect.ALLOW,
    sid: str | None = None,
    not_action: Values | None = None,
    not_resource: Values | None = None,
    principal: str | Mapping[str, Values] | None = None,
    not_principal: str | Mapping[str, Values] | None = None,
    condition: Mapping[str, Mapping[str, Values]] | None = None,
    unresolved: tuple[Unresolved, ...] = (),
) -> Statement:
    def principals(spec: str | Mapping[str, Values] | None) -> tuple[PrincipalElement, ...] | None:
        if spec is None:
            return None
        if isinstance(spec, str):
            return (PrincipalElement("*", spec, LOC),)
        return tuple(
            PrincipalElement(kind, v, LOC)
            for kind, values in spec.items()
            for v in ([values] if isinstance(values, str | Unresolved) else values)
        )

    return Statement(
        location=LOC,
        index=0,
        sid=sid,
        effect=Located(effect, LOC),
        actions=_elements(action),
        not_actions=_elements(not_action),
        resources=_elements(resource),
        not_resources=_elements(not_resource),
        principals=principals(principal),
        not_principals=principals(not_principal),
        conditions=tuple(
            Condition(op, key, _elements(values) or (), LOC)
            for op, block in (condition or {}).items()
            for key, values in block.items()
        ),
        unresolved=unresolved,
    )


def doc(
    *statements: Statement,
    kind: PolicyKind = PolicyKind.IDENTITY,
    version: str | Unresolved | None = "2012-10-17",
) -> PolicyDocument:
    return PolicyDocument(
        kind,
        "aws_iam_policy.p",
        "",
        LOC,
        None if version is None else Located(version, LOC),
        tuple(replace(s, index=i) for i, s in enumerate(statements)),
    )


def codes(findings: Sequence[ValidationFinding], *, level: Level | None = None) -> list[str]:
    return [f.code for f in findings if level is None or f.level is level]


def check(document: PolicyDocument, **kwargs: object) -> list[str]:
    return codes(validate_policy(document, CATALOG, **kwargs))  # type: ignore[arg-type]


BUCKET = "arn:aws:s3:::amzn-s3-demo-bucket"
ROLE = "arn:aws:iam::111122223333:role/app"

# ---------------------------------------------------------------------------------------------
# A valid policy of each kind is clean

VALID: dict[str, PolicyDocument] = {
    "identity": doc(stmt(["s3:GetObject", "s3:PutObject"], f"{BUCKET}/*")),
    "boundary": doc(stmt("s3:*", "*"), kind=PolicyKind.PERMISSIONS_BOUNDARY),
    "scp": doc(
        stmt(
            "*",
            "*",
            effect=Effect.DENY,
            condition={"StringNotEquals": {"aws:RequestedRegion": ["eu-west-1", "eu-central-1"]}},
        ),
        kind=PolicyKind.SCP,
    ),
    "trust": doc(
        stmt("sts:AssumeRole", None, principal={"Service": "ec2.amazonaws.com"}),
        kind=PolicyKind.TRUST,
    ),
    "bucket": doc(
        stmt(
            "s3:GetObject",
            f"{BUCKET}/*",
            principal={"AWS": ROLE},
            condition={"Bool": {"aws:SecureTransport": "true"}},
        ),
        kind=PolicyKind.BUCKET,
    ),
    "key": doc(
        stmt("kms:*", "*", principal={"AWS": "arn:aws:iam::111122223333:root"}), kind=PolicyKind.KEY
    ),
    "rcp": doc(
        stmt(
            "s3:*",
            "*",
            effect=Effect.DENY,
            principal="*",
            condition={"StringNotEqualsIfExists": {"aws:PrincipalOrgID": "o-a1b2c3d4e5"}},
        ),
        kind=PolicyKind.RCP,
    ),
    "resource": doc(
        stmt(
            "sqs:SendMessage",
            "arn:aws:sqs:eu-west-1:111122223333:q",
            principal={"Service": "sns.amazonaws.com"},
            condition={"ArnEquals": {"aws:SourceArn": "arn:aws:sns:eu-west-1:111122223333:t"}},
        ),
        kind=PolicyKind.RESOURCE,
    ),
    "qualified-lambda": doc(stmt("lambda:InvokeFunction", "arn:aws:lambda:*:*:function:f:*")),
    "log-streams": doc(stmt("logs:PutLogEvents", "arn:aws:logs:*:*:log-group:g:*")),
    "github-oidc-trust": doc(
        stmt(
            "sts:AssumeRoleWithWebIdentity",
            None,
            principal={
                "Federated": "arn:aws:iam::111122223333:oidc-provider/"
                "token.actions.githubusercontent.com"
            },
            condition={
                "StringEquals": {"token.actions.githubusercontent.com:aud": "sts.amazonaws.com"}
            },
        ),
        kind=PolicyKind.TRUST,
    ),
}


@pytest.mark.parametrize("name", list(VALID))
def test_valid_policies_have_no_errors_or_warnings(name: str) -> None:
    findings = validate_policy(VALID[name], CATALOG)
    assert [f for f in findings if f.level is not Level.INFO] == []


# ---------------------------------------------------------------------------------------------
# Each problem, as a table

CASES: list[tuple[str, PolicyDocument, str, Level]] = [
    ("no version", doc(stmt(), version=None), "version-missing", Level.WARNING),
    ("bad version", doc(stmt(), version="2012-10-18"), "version-invalid", Level.ERROR),
    (
        "old version with variables",
        doc(stmt("s3:GetObject", f"{BUCKET}/${{aws:username}}/*"), version="2008-10-17"),
        "version-variables",
        Level.WARNING,
    ),
    ("no statements", doc(), "statements-empty", Level.ERROR),
    ("duplicate sid", doc(stmt(sid="A"), stmt(sid="A")), "sid-duplicate", Level.ERROR),
    ("iam sid with hyphen", doc(stmt(sid="read-only")), "sid-invalid", Level.ERROR),
    (
        "no effect",
        doc(stmt(effect=Unresolved("", "the statement has no Effect"))),
        "effect-missing",
        Level.ERROR,
    ),
    (
        "bad effect",
        doc(stmt(effect=Unresolved("Permit", "Effect is neither Allow nor Deny"))),
        "effect-invalid",
        Level.ERROR,
    ),
    ("no action", doc(stmt(None)), "action-missing", Level.ERROR),
    (
        "action and not action",
        doc(stmt("s3:GetObject", not_action="s3:PutObject")),
        "action-and-not-action",
        Level.ERROR,
    ),
    ("malformed action", doc(stmt("GetObject")), "action-malformed", Level.ERROR),
    ("unknown service", doc(stmt("s4:GetObject")), "service-unknown", Level.WARNING),
    ("unknown action", doc(stmt("s3:GetObjekt")), "action-unknown", Level.WARNING),
    ("wildcard matching nothing", doc(stmt("s3:Frobnicate*")), "action-unknown", Level.WARNING),
    (
        "no resource in identity policy",
        doc(stmt("s3:GetObject", None)),
        "resource-missing",
        Level.ERROR,
    ),
    (
        "resource and not resource",
        doc(stmt("s3:GetObject", "*", not_resource=f"{BUCKET}/x")),
        "resource-and-not-resource",
        Level.ERROR,
    ),
    (
        "object action on a bucket ARN",
        doc(stmt("s3:GetObject", BUCKET)),
        "resource-mismatch",
        Level.WARNING,
    ),
    ("role ARN for S3", doc(stmt("s3:GetObject", ROLE)), "resource-mismatch", Level.WARNING),
    (
        "star-only action with an ARN",
        doc(stmt("s3:ListAllMyBuckets", BUCKET)),
        "resource-not-star",
        Level.WARNING,
    ),
    (
        "unknown operator",
        doc(stmt(condition={"StringEqualz": {"aws:username": "a"}})),
        "condition-operator-unknown",
        Level.ERROR,
    ),
    (
        "unknown global key",
        doc(stmt(condition={"StringEquals": {"aws:SourceIP2": "a"}})),
        "condition-key-unknown",
        Level.WARNING,
    ),
    (
        "service key of another service",
        doc(stmt(condition={"StringEquals": {"ec2:Region": "x"}})),
        "condition-key-unsupported",
        Level.WARNING,
    ),
    (
        "service key the actions lack",
        doc(stmt("s3:GetObject", f"{BUCKET}/*", condition={"StringLike": {"s3:prefix": "home/"}})),
        "condition-key-unsupported",
        Level.WARNING,
    ),
    (
        "bad ip",
        doc(stmt(condition={"IpAddress": {"aws:SourceIp": "300.1.2.3"}})),
        "condition-value-type",
        Level.WARNING,
    ),
    (
        "bad number",
        doc(stmt(condition={"NumericLessThan": {"aws:MultiFactorAuthAge": "soon"}})),
        "condition-value-type",
        Level.WARNING,
    ),
    (
        "bad bool",
        doc(stmt(condition={"Bool": {"aws:SecureTransport": "yes"}})),
        "condition-value-type",
        Level.WARNING,
    ),
    (
        "bad date",
        doc(stmt(condition={"DateGreaterThan": {"aws:CurrentTime": "tomorrow"}})),
        "condition-value-type",
        Level.WARNING,
    ),
    (
        "for-all on single-valued key",
        doc(stmt(condition={"ForAllValues:StringEquals": {"aws:username": "a"}})),
        "condition-set-single-valued",
        Level.WARNING,
    ),
    (
        "for-any on single-valued key",
        doc(stmt(condition={"ForAnyValue:IpAddress": {"aws:SourceIp": "10.0.0.0/8"}})),
        "condition-set-single-valued",
        Level.WARNING,
    ),
    (
        "multivalued key without qualifier",
        doc(stmt(condition={"StringEquals": {"aws:TagKeys": "team"}})),
        "condition-multivalued-without-set",
        Level.WARNING,
    ),
    ("principal in identity policy", doc(stmt(principal="*")), "principal-forbidden", Level.ERROR),
    (
        "not principal in boundary",
        doc(stmt(not_principal={"AWS": ROLE}), kind=PolicyKind.PERMISSIONS_BOUNDARY),
        "principal-forbidden",
        Level.ERROR,
    ),
    (
        "principal in scp",
        doc(stmt(principal="*"), kind=PolicyKind.SCP),
        "principal-forbidden",
        Level.ERROR,
    ),
    (
        "no principal in bucket policy",
        doc(stmt(), kind=PolicyKind.BUCKET),
        "principal-missing",
        Level.ERROR,
    ),
    (
        "no principal in trust policy",
        doc(stmt("sts:AssumeRole", None), kind=PolicyKind.TRUST),
        "principal-missing",
        Level.ERROR,
    ),
    (
        "no principal in key policy",
        doc(stmt("kms:*"), kind=PolicyKind.KEY),
        "principal-missing",
        Level.ERROR,
    ),
    (
        "no principal in resource policy",
        doc(stmt("sqs:*"), kind=PolicyKind.RESOURCE),
        "principal-missing",
        Level.ERROR,
    ),
    (
        "rcp names a role",
        doc(stmt(principal={"AWS": ROLE}), kind=PolicyKind.RCP),
        "rcp-principal",
        Level.ERROR,
    ),
    ("rcp without principal", doc(stmt(), kind=PolicyKind.RCP), "principal-missing", Level.ERROR),
    (
        "rcp with not principal",
        doc(stmt(not_principal={"AWS": ROLE}), kind=PolicyKind.RCP),
        "rcp-principal",
        Level.ERROR,
    ),
    (
        "not principal with allow",
        doc(stmt(not_principal={"AWS": ROLE}), kind=PolicyKind.BUCKET),
        "not-principal-allow",
        Level.WARNING,
    ),
    (
        "principal and not principal",
        doc(stmt(principal={"AWS": ROLE}, not_principal={"AWS": ROLE}), kind=PolicyKind.BUCKET),
        "principal-and-not-principal",
        Level.ERROR,
    ),
]


@pytest.mark.parametrize(
    ("document", "code", "level"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_problems(document: PolicyDocument, code: str, level: Level) -> None:
    findings = validate_policy(document, CATALOG)
    matching = [f for f in findings if f.code == code]
    assert matching, codes(findings)
    assert {f.level for f in matching} == {level}
    assert all(f.message and f.location == LOC for f in matching)


def test_empty_sids_are_not_duplicates() -> None:
    assert "sid-duplicate" not in check(doc(stmt(sid=""), stmt(sid="")))


def test_deny_with_not_principal_is_not_flagged() -> None:
    document = doc(stmt(effect=Effect.DENY, not_principal={"AWS": ROLE}), kind=PolicyKind.BUCKET)
    assert "not-principal-allow" not in check(document)


def test_the_statement_keys_of_its_actions_are_accepted() -> None:
    document = doc(stmt("s3:ListBucket", BUCKET, condition={"StringLike": {"s3:prefix": "h/"}}))
    assert check(document) == []
    tags = doc(stmt("ec2:RunInstances", condition={"StringEquals": {"aws:RequestTag/team": "a"}}))
    assert check(tags) == []
    resource_tag = doc(
        stmt("ec2:StopInstances", condition={"StringEquals": {"ec2:ResourceTag/team": "a"}})
    )
    assert check(resource_tag) == []


def test_not_action_and_star_skip_action_based_checks() -> None:
    assert (
        check(
            doc(
                stmt(
                    None,
                    BUCKET,
                    not_action="iam:*",
                    condition={"StringEquals": {"ec2:Region": "x"}},
                )
            )
        )
        == []
    )
    assert check(doc(stmt("*", ROLE, condition={"StringEquals": {"ec2:Region": "x"}}))) == []


# ---------------------------------------------------------------------------------------------
# Unknown values are never invalid


HOLE = Unresolved("var.x", "a variable")

UNKNOWN: list[tuple[str, PolicyDocument]] = [
    ("document", replace(doc(), unresolved=HOLE)),
    ("version", doc(stmt(), version=HOLE)),
    ("effect", doc(stmt(effect=HOLE))),
    ("action", doc(stmt(HOLE))),
    ("resource", doc(stmt("s3:GetObject", HOLE))),
    ("condition value", doc(stmt(condition={"IpAddress": {"aws:SourceIp": HOLE}}))),
    ("principal", doc(stmt(principal={"AWS": HOLE}), kind=PolicyKind.BUCKET)),
    ("statement part", doc(stmt(None, None, unresolved=(HOLE,)), kind=PolicyKind.BUCKET)),
    (
        "unreadable statement",
        doc(
            Statement(LOC, 0, None, Located(HOLE, LOC), unresolved=(HOLE,)), kind=PolicyKind.BUCKET
        ),
    ),
    ("identity provider key", VALID["github-oidc-trust"]),
]


@pytest.mark.parametrize("document", [u[1] for u in UNKNOWN], ids=[u[0] for u in UNKNOWN])
def test_unknown_values_are_reported_as_not_validated(document: PolicyDocument) -> None:
    findings = validate_policy(document, CATALOG)
    assert [f for f in findings if f.level is not Level.INFO] == []
    assert any(f.code == "unvalidated" and "could not be validated" in f.message for f in findings)


# ---------------------------------------------------------------------------------------------
# Sizes


def test_render_is_compact_json_in_aws_order() -> None:
    document = doc(
        stmt(
            ["s3:GetObject"],
            f"{BUCKET}/*",
            sid="Read",
            condition={"Bool": {"aws:SecureTransport": "true"}},
        )
    )
    text, complete = render_policy(document)
    assert complete
    assert json.loads(text) == {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Sid": "Read",
                "Effect": "Allow",
                "Action": "s3:GetObject",
                "Resource": f"{BUCKET}/*",
                "Condition": {"Bool": {"aws:SecureTransport": "true"}},
            }
        ],
    }
    assert " " not in text


def test_unknown_pieces_count_their_known_characters() -> None:
    partial = Unresolved.of_parts("var.b", "a variable", ["arn:aws:s3:::", None, "/*"])
    size = policy_size(doc(stmt("s3:GetObject", partial)))
    full = policy_size(doc(stmt("s3:GetObject", "arn:aws:s3:::/*")))
    assert size is not None and full is not None
    assert not size.complete
    assert size.characters == full.characters


def test_iam_does_not_count_white_space() -> None:
    spaced = policy_size(doc(stmt("s3:GetObject", f"{BUCKET}/a file")))
    tight = policy_size(doc(stmt("s3:GetObject", f"{BUCKET}/afile")))
    assert spaced is not None and tight is not None
    assert spaced.characters == tight.characters


def _big(kind: PolicyKind, count: int, **extra: object) -> PolicyDocument:
    statements = [
        stmt("s3:GetObject", f"{BUCKET}/prefix-{i:05d}/*", sid=f"S{i}", **extra)  # type: ignore[arg-type]
        for i in range(count)
    ]
    return doc(*statements, kind=kind)


@pytest.mark.parametrize(
    ("kind", "container", "extra"),
    [
        (PolicyKind.IDENTITY, PolicyContainer.MANAGED, {}),
        (PolicyKind.PERMISSIONS_BOUNDARY, None, {}),
        (PolicyKind.SCP, None, {}),
        (PolicyKind.BUCKET, None, {"principal": {"AWS": ROLE}}),
        (PolicyKind.KEY, None, {"principal": {"AWS": ROLE}}),
        (PolicyKind.RCP, None, {"principal": "*"}),
    ],
)
def test_size_quotas(
    kind: PolicyKind, container: PolicyContainer | None, extra: dict[str, object]
) -> None:
    quota = size_quota(kind, container)
    assert quota is not None
    per_statement = policy_size(_big(kind, 1, **extra))
    assert per_statement is not None
    fits = max(1, quota.limit // per_statement.characters // 2)
    over = 2 * quota.limit // per_statement.characters + 2
    assert "size-quota" not in check(_big(kind, fits, **extra), container=container)
    findings = validate_policy(_big(kind, over, **extra), CATALOG, container=container)
    (finding,) = [f for f in findings if f.code == "size-quota"]
    assert finding.level is Level.ERROR
    assert str(quota.limit) in finding.message
    assert quota.url in finding.message


def test_trust_policy_quota_can_be_raised() -> None:
    def trust(count: int) -> PolicyDocument:
        return doc(
            *[
                stmt("sts:AssumeRole", None, principal={"AWS": ROLE}, sid=f"S{i}")
                for i in range(count)
            ],
            kind=PolicyKind.TRUST,
        )

    def first_over(limit: int) -> PolicyDocument:
        count = 1
        while (size := policy_size(trust(count))) is not None and size.characters <= limit:
            count += 1
        return trust(count)

    def levels(document: PolicyDocument) -> list[Level]:
        return [f.level for f in validate_policy(document, CATALOG) if f.code == "size-quota"]

    assert levels(first_over(2048)) == [Level.WARNING]
    assert levels(first_over(4096)) == [Level.ERROR]


def test_identity_policy_size_needs_its_container() -> None:
    assert size_quota(PolicyKind.IDENTITY) is None
    assert "size-quota" not in check(_big(PolicyKind.IDENTITY, 200))


def test_inline_policies_count_together() -> None:
    quota = size_quota(PolicyKind.IDENTITY, PolicyContainer.USER_INLINE)
    assert quota is not None and quota.limit == 2048
    part = _big(PolicyKind.IDENTITY, 10)
    size = policy_size(part)
    assert size is not None and size.characters < 2048
    copies = 2048 // size.characters + 1
    findings = validate_inline_policies([part] * copies, PolicyContainer.USER_INLINE)
    assert codes(findings) == ["size-quota"]
    assert validate_inline_policies([part], PolicyContainer.USER_INLINE) == []


@pytest.mark.parametrize(
    ("container", "limit"),
    [
        (PolicyContainer.MANAGED, 6144),
        (PolicyContainer.USER_INLINE, 2048),
        (PolicyContainer.ROLE_INLINE, 10240),
        (PolicyContainer.GROUP_INLINE, 5120),
    ],
)
def test_identity_quotas(container: PolicyContainer, limit: int) -> None:
    quota = size_quota(PolicyKind.IDENTITY, container)
    assert quota is not None and quota.limit == limit


@pytest.mark.parametrize(
    ("kind", "limit", "unit"),
    [
        (PolicyKind.TRUST, 2048, "characters"),
        (PolicyKind.SCP, 5120, "characters"),
        (PolicyKind.RCP, 5120, "characters"),
        (PolicyKind.BUCKET, 20480, "bytes"),
        (PolicyKind.KEY, 32768, "bytes"),
        (PolicyKind.PERMISSIONS_BOUNDARY, 6144, "characters"),
    ],
)
def test_kind_quotas(kind: PolicyKind, limit: int, unit: str) -> None:
    quota = size_quota(kind)
    assert quota is not None and (quota.limit, quota.unit) == (limit, unit)
    assert size_quota(PolicyKind.RESOURCE) is None


# ---------------------------------------------------------------------------------------------
# Through the real extractor: how it spells a missing or bad Effect


TEMPLATE = {
    "AWSTemplateFormatVersion": "2010-09-09",
    "Resources": {
        "Broken": {
            "Type": "AWS::IAM::ManagedPolicy",
            "Properties": {
                "PolicyDocument": {
                    "Version": "2012-10-17",
                    "Statement": [
                        {"Action": "s3:GetObject", "Resource": "*"},
                        {"Effect": "Permit", "Action": "s3:GetObject", "Resource": "*"},
                    ],
                }
            },
        }
    },
}


def test_missing_and_bad_effect_from_a_template(
    tmp_path: Path, extract: Callable[[Path], Inventory]
) -> None:
    (tmp_path / "template.json").write_text(json.dumps(TEMPLATE))
    (policy,) = extract(tmp_path).of_type(PolicyResource)
    findings = codes(validate_policy(policy.document, CATALOG))
    assert "effect-missing" in findings
    assert "effect-invalid" in findings
