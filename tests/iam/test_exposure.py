"""Exposure verdicts for S3 buckets, KMS keys and resource policies."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from policyguard.iam.exposure import (
    Exposure,
    ExposureContext,
    ExposureKind,
    bucket_exposure,
    key_exposure,
    policy_exposure,
)
from policyguard.location import SourceLocation, Span
from policyguard.model.accounts import AccountSettings
from policyguard.model.iam import (
    Condition,
    Effect,
    PolicyDocument,
    PolicyKind,
    PrincipalElement,
    Statement,
)
from policyguard.model.kms import KmsKey
from policyguard.model.resources import Resource, SourceFormat
from policyguard.model.s3 import (
    ALL_USERS_URI,
    AccountPublicAccessBlock,
    AclGrant,
    BucketAcl,
    PublicAccessBlock,
    S3Bucket,
)
from policyguard.model.values import Located, Unresolved

OWN = "111122223333"
TRUSTED = "222233334444"
OTHER = "444455556666"
ORG = "o-a1b2c3d4e5"
FOREIGN_ORG = "o-z9y8x7w6v5"
CONTEXT = ExposureContext(
    account_id=OWN, trusted_accounts=frozenset({TRUSTED}), organization_id=ORG
)
NOTHING_KNOWN = ExposureContext()

LOC = SourceLocation("main.tf", Span(3, 1, 3, 9), "aws_s3_bucket_policy.p")
RESOURCE = Resource("aws_s3_bucket.b", "aws_s3_bucket", SourceFormat.TERRAFORM, LOC)

Principal = str | Unresolved | Mapping[str, str | Unresolved | Sequence[str | Unresolved]]


def hole(text: str, *parts: str | None) -> Unresolved:
    return Unresolved.of_parts(text, "a variable", parts or (None,))


def stmt(
    principal: Principal | None = "*",
    *,
    effect: Effect | Unresolved = Effect.ALLOW,
    action: str = "s3:GetObject",
    resource: str = "arn:aws:s3:::b/*",
    conditions: Mapping[str, Mapping[str, str | Unresolved | Sequence[str]]] | None = None,
    not_principal: Principal | None = None,
    line: int = 5,
) -> Statement:
    where = LOC.with_span(Span(line, 1, line, 9))

    def elements(spec: Principal | None) -> tuple[PrincipalElement, ...] | None:
        if spec is None:
            return None
        if isinstance(spec, str | Unresolved):
            return (PrincipalElement("*", spec, where),)
        result = []
        for kind, values in spec.items():
            items = [values] if isinstance(values, str | Unresolved) else values
            result += [PrincipalElement(kind, value, where) for value in items]
        return tuple(result)

    tests = []
    for operator, block in (conditions or {}).items():
        for key, values in block.items():
            items = [values] if isinstance(values, str | Unresolved) else values
            tests.append(Condition(operator, key, tuple(Located(v, where) for v in items), where))
    return Statement(
        location=where,
        index=0,
        sid=None,
        effect=Located(effect, where),
        actions=(Located(action, where),),
        resources=(Located(resource, where),),
        principals=elements(principal),
        not_principals=elements(not_principal),
        conditions=tuple(tests),
    )


def policy(*statements: Statement, kind: PolicyKind = PolicyKind.BUCKET) -> PolicyDocument:
    return PolicyDocument(kind, "aws_s3_bucket_policy.p", "", LOC, statements=statements)


def located(value: bool | str | Unresolved | None) -> Located[bool] | None:
    return None if value is None else Located(value, LOC)  # type: ignore[arg-type]


def block(*switches: bool | Unresolved | None) -> PublicAccessBlock:
    values = [*switches, *[None] * (4 - len(switches))]
    return PublicAccessBlock(RESOURCE, *(located(v) for v in values))


OPEN = block(False, False, False, False)


def bucket(
    *statements: Statement,
    pab: PublicAccessBlock | None = OPEN,
    ownership: str | Unresolved | None = "ObjectWriter",
    acl: str | Unresolved | None = None,
    grants: Sequence[AclGrant] = (),
) -> S3Bucket:
    acls: tuple[BucketAcl, ...] = ()
    if acl is not None or grants:
        acls = (BucketAcl(RESOURCE, None if acl is None else Located(acl, LOC), tuple(grants)),)
    return S3Bucket(
        RESOURCE,
        acls=acls,
        policy=policy(*statements) if statements else None,
        public_access_block=pab,
        object_ownership=None if ownership is None else Located(ownership, LOC),
    )


# ---------------------------------------------------------------------------------------------
# Resource policies


P, X, PR, U = (
    ExposureKind.PUBLIC,
    ExposureKind.CROSS_ACCOUNT,
    ExposureKind.PRIVATE,
    ExposureKind.UNKNOWN,
)


@pytest.mark.parametrize(
    ("statement", "kind", "worst"),
    [
        pytest.param(stmt("*"), P, P, id="star"),
        pytest.param(stmt({"AWS": "*"}), P, P, id="aws-star"),
        pytest.param(stmt({"AWS": OWN}), PR, PR, id="own-account"),
        pytest.param(stmt({"AWS": f"arn:aws:iam::{OWN}:root"}), PR, PR, id="own-root"),
        pytest.param(stmt({"AWS": f"arn:aws:iam::{TRUSTED}:role/r"}), PR, PR, id="trusted"),
        pytest.param(stmt({"AWS": f"arn:aws:iam::{OTHER}:root"}), X, X, id="other-account"),
        pytest.param(stmt({"Service": "cloudtrail.amazonaws.com"}), PR, PR, id="service"),
        pytest.param(stmt(not_principal={"AWS": OTHER}), P, P, id="not-principal"),
        pytest.param(stmt(effect=Effect.DENY), PR, PR, id="deny-only"),
        pytest.param(stmt(None), PR, PR, id="no-principal"),
        pytest.param(
            stmt(conditions={"StringEquals": {"aws:PrincipalOrgID": ORG}}), PR, PR, id="own-org"
        ),
        pytest.param(
            stmt(conditions={"StringEquals": {"aws:PrincipalOrgID": FOREIGN_ORG}}),
            X,
            X,
            id="foreign-org",
        ),
        pytest.param(
            stmt(conditions={"ForAnyValue:StringLike": {"aws:PrincipalOrgPaths": f"{ORG}/r-ab/*"}}),
            PR,
            PR,
            id="own-org-paths",
        ),
        pytest.param(
            stmt(conditions={"StringEquals": {"aws:PrincipalAccount": OTHER}}),
            X,
            X,
            id="principal-account",
        ),
        pytest.param(
            stmt(conditions={"StringEquals": {"aws:SourceAccount": OWN}}),
            PR,
            PR,
            id="source-account",
        ),
        pytest.param(
            stmt(conditions={"ArnLike": {"aws:SourceArn": f"arn:aws:sns:*:{OTHER}:topic"}}),
            X,
            X,
            id="source-arn",
        ),
        pytest.param(
            stmt(conditions={"ArnLike": {"aws:SourceArn": "arn:aws:s3:::*"}}),
            P,
            P,
            id="source-arn-wildcard",
        ),
        pytest.param(
            stmt(conditions={"StringEquals": {"aws:SourceVpce": "vpce-0abc"}}),
            PR,
            PR,
            id="vpc-endpoint",
        ),
        pytest.param(
            stmt(conditions={"StringEqualsIfExists": {"aws:SourceVpce": "vpce-0abc"}}),
            P,
            P,
            id="if-exists-pins-nothing",
        ),
        pytest.param(
            stmt(conditions={"StringNotEquals": {"aws:SourceVpce": "vpce-0abc"}}),
            P,
            P,
            id="negated-pins-nothing",
        ),
        pytest.param(
            stmt(conditions={"StringEquals": {"kms:CallerAccount": OWN}}),
            PR,
            PR,
            id="kms-caller-account",
        ),
        pytest.param(
            stmt(conditions={"Bool": {"aws:SecureTransport": "true"}}), P, P, id="tls-only"
        ),
        pytest.param(
            stmt({"AWS": OTHER}, conditions={"StringEquals": {"aws:PrincipalOrgID": ORG}}),
            PR,
            PR,
            id="account-inside-own-org",
        ),
        pytest.param(stmt("foo"), PR, PR, id="invalid-bare-principal-names-nobody"),
    ],
)
def test_policy_grants(statement: Statement, kind: ExposureKind, worst: ExposureKind) -> None:
    exposure = policy_exposure(policy(statement, kind=PolicyKind.RESOURCE), CONTEXT)
    assert (exposure.kind, exposure.worst) == (kind, worst)
    if kind is not PR:
        assert exposure.deciding == (statement.location,)
        assert exposure.reasons
    else:
        assert exposure.deciding == ()


def test_source_ip_is_public_but_network_restricted() -> None:
    narrow = stmt(conditions={"IpAddress": {"aws:SourceIp": "203.0.113.0/24"}})
    exposure = policy_exposure(policy(narrow), CONTEXT)
    assert exposure.kind is P
    assert exposure.network_restricted
    wide = stmt(conditions={"IpAddress": {"aws:SourceIp": "0.0.0.0/1"}})
    assert not policy_exposure(policy(wide), CONTEXT).network_restricted


def test_cross_account_grants_name_their_accounts() -> None:
    exposure = policy_exposure(policy(stmt({"AWS": [OTHER, OWN]})), CONTEXT)
    assert exposure.kind is X
    assert exposure.accounts == {OTHER}


@pytest.mark.parametrize(
    ("statement", "kind", "worst"),
    [
        pytest.param(stmt({"AWS": OTHER}), U, X, id="account-not-comparable"),
        pytest.param(
            stmt(conditions={"StringEquals": {"aws:PrincipalOrgID": ORG}}),
            U,
            X,
            id="org-not-comparable",
        ),
        pytest.param(stmt("*"), P, P, id="public-needs-no-context"),
    ],
)
def test_without_context_nothing_is_private_silently(
    statement: Statement, kind: ExposureKind, worst: ExposureKind
) -> None:
    exposure = policy_exposure(policy(statement), NOTHING_KNOWN)
    assert (exposure.kind, exposure.worst) == (kind, worst)
    if kind is U:
        assert exposure.assumptions
        assert not exposure.certain


@pytest.mark.parametrize(
    ("statement", "kind", "worst"),
    [
        pytest.param(stmt(hole("var.principal")), U, P, id="unresolved-principal"),
        pytest.param(
            stmt({"AWS": hole("var.arn", "arn:aws:iam::", None, ":root")}),
            U,
            X,
            id="unresolved-account",
        ),
        pytest.param(
            stmt({"AWS": hole("${data.aws_caller_identity.current.account_id}")}),
            PR,
            PR,
            id="caller-identity",
        ),
        pytest.param(
            stmt(
                {
                    "AWS": hole(
                        '{"Fn::Sub":"arn:aws:iam::${AWS::AccountId}:root"}',
                        "arn:aws:iam::",
                        None,
                        ":root",
                    )
                }
            ),
            PR,
            PR,
            id="cloudformation-account-id",
        ),
        pytest.param(
            stmt(
                {
                    "AWS": hole(
                        '{"Fn::Join":["",["arn:",{"Ref":"AWS::Partition"},":iam::",'
                        '{"Ref":"AWS::AccountId"},":root"]]}',
                        "arn:",
                        None,
                        ":iam::",
                        None,
                        ":root",
                    )
                }
            ),
            PR,
            PR,
            id="cloudformation-partition-and-account",
        ),
        pytest.param(
            stmt(
                {
                    "AWS": hole(
                        '{"Fn::Sub":"arn:aws:iam::${OtherAccount}:root"}',
                        "arn:aws:iam::",
                        None,
                        ":root",
                    )
                }
            ),
            U,
            X,
            id="another-parameter-is-not-the-owner",
        ),
        pytest.param(stmt(effect=hole("var.effect")), U, P, id="unresolved-effect"),
        pytest.param(
            stmt(conditions={"StringEquals": {"aws:PrincipalOrgID": hole("var.org")}}),
            U,
            X,
            id="unresolved-org",
        ),
        pytest.param(
            stmt(conditions={"StringLike": {"aws:PrincipalAccount": hole("var.acct")}}),
            U,
            P,
            id="unresolved-like",
        ),
    ],
)
def test_unknown_values(statement: Statement, kind: ExposureKind, worst: ExposureKind) -> None:
    exposure = policy_exposure(policy(statement), CONTEXT)
    assert (exposure.kind, exposure.worst) == (kind, worst)
    assert exposure.assumptions


def test_an_unreadable_policy_is_unknown() -> None:
    document = replace(policy(), unresolved=Unresolved("var.policy", "a variable"))
    exposure = policy_exposure(document, CONTEXT)
    assert (exposure.kind, exposure.worst) == (U, P)


def test_an_unreadable_statement_is_unknown() -> None:
    problem = Unresolved("var.statement", "a variable")
    unreadable = Statement(LOC, 0, None, Located(problem, LOC), unresolved=(problem,))
    exposure = policy_exposure(policy(unreadable), CONTEXT)
    assert (exposure.kind, exposure.worst) == (U, P)


def test_no_policy_is_private() -> None:
    assert policy_exposure(None, CONTEXT).kind is PR


@pytest.mark.parametrize(
    ("deny", "kind"),
    [
        pytest.param(
            stmt(
                effect=Effect.DENY,
                action="s3:*",
                resource="*",
                conditions={"StringNotEquals": {"aws:SourceVpce": "vpce-1"}},
            ),
            PR,
            id="deny-outside-endpoint",
        ),
        pytest.param(
            stmt(
                effect=Effect.DENY,
                action="s3:*",
                resource="arn:aws:s3:::b/*",
                conditions={"StringNotEquals": {"aws:PrincipalOrgID": ORG}},
            ),
            PR,
            id="deny-outside-org",
        ),
        pytest.param(
            stmt(
                effect=Effect.DENY,
                action="s3:PutObject",
                resource="*",
                conditions={"StringNotEquals": {"aws:SourceVpce": "vpce-1"}},
            ),
            P,
            id="deny-other-action",
        ),
        pytest.param(
            stmt(
                effect=Effect.DENY,
                action="s3:*",
                resource="*",
                conditions={
                    "StringNotEquals": {"aws:SourceVpce": "vpce-1"},
                    "Bool": {"aws:SecureTransport": "false"},
                },
            ),
            P,
            id="deny-with-another-test",
        ),
        pytest.param(
            stmt(
                effect=Effect.DENY,
                action="s3:*",
                resource="arn:aws:s3:::other/*",
                conditions={"StringNotEquals": {"aws:SourceVpce": "vpce-1"}},
            ),
            P,
            id="deny-other-resource",
        ),
    ],
)
def test_denies_that_pin_every_caller(deny: Statement, kind: ExposureKind) -> None:
    exposure = policy_exposure(policy(stmt("*"), deny), CONTEXT)
    assert exposure.kind is kind


# ---------------------------------------------------------------------------------------------
# Buckets


PUBLIC_READ = stmt("*")
CROSS = stmt({"AWS": OTHER}, line=9)


@pytest.mark.parametrize(
    ("subject", "kind"),
    [
        pytest.param(bucket(), PR, id="nothing"),
        pytest.param(bucket(PUBLIC_READ), P, id="public-policy"),
        pytest.param(bucket(PUBLIC_READ, pab=block(False, False, True)), PR, id="block-policy"),
        pytest.param(
            bucket(PUBLIC_READ, pab=block(False, False, False, True)), PR, id="restrict-buckets"
        ),
        pytest.param(bucket(PUBLIC_READ, pab=None), P, id="explicit-grant-beats-default-block"),
        pytest.param(bucket(CROSS), X, id="cross-account-policy"),
        pytest.param(bucket(CROSS, pab=None), X, id="cross-account-survives-default-block"),
        pytest.param(
            bucket(PUBLIC_READ, CROSS, pab=block(False, False, False, True)),
            PR,
            id="restrict-buckets-removes-cross-account-too",
        ),
        pytest.param(bucket(acl="public-read"), P, id="public-acl"),
        pytest.param(bucket(acl="authenticated-read"), P, id="authenticated-read"),
        pytest.param(bucket(acl="private"), PR, id="private-acl"),
        pytest.param(bucket(acl="log-delivery-write"), PR, id="log-delivery"),
        pytest.param(bucket(acl="public-read", pab=block(True)), PR, id="block-acls"),
        pytest.param(bucket(acl="public-read", pab=block(False, True)), PR, id="ignore-acls"),
        pytest.param(
            bucket(acl="public-read", ownership="BucketOwnerEnforced"), PR, id="acls-disabled"
        ),
        pytest.param(
            bucket(acl="public-read", ownership=None), P, id="explicit-acl-beats-default-ownership"
        ),
        pytest.param(bucket(pab=None, ownership=None), PR, id="nothing-declared"),
        pytest.param(
            bucket(
                grants=[AclGrant("Group", Located(ALL_USERS_URI, LOC), Located("READ", LOC), LOC)]
            ),
            P,
            id="all-users-grant",
        ),
        pytest.param(
            bucket(
                stmt(conditions={"IpAddress": {"aws:SourceIp": "10.0.0.0/8"}}),
                pab=block(False, False, True, True),
            ),
            P,
            id="ip-restricted-is-not-public-for-s3",
        ),
    ],
)
def test_bucket_verdicts(subject: S3Bucket, kind: ExposureKind) -> None:
    exposure = bucket_exposure(subject, CONTEXT)
    assert exposure.kind is kind
    assert exposure.certain


def test_default_settings_a_grant_needs_changed_are_named() -> None:
    exposure = bucket_exposure(
        bucket(PUBLIC_READ, pab=None, acl="public-read", ownership=None), CONTEXT
    )
    assert exposure.kind is P
    acl, statement = sorted(exposure.grants, key=lambda g: not g.from_acl)
    assert acl.requires == (
        "BlockPublicAcls off (on by default)",
        "IgnorePublicAcls off (on by default)",
        acl.requires[-1],
    )
    assert "BucketOwnerPreferred" in acl.requires[-1]
    assert statement.requires == (
        "BlockPublicPolicy off (on by default)",
        "RestrictPublicBuckets off (on by default)",
    )
    assert set(exposure.assumptions) >= {*acl.requires, *statement.requires}


def test_declared_settings_need_no_change() -> None:
    exposure = bucket_exposure(bucket(PUBLIC_READ, acl="public-read"), CONTEXT)
    assert [g.requires for g in exposure.grants] == [(), ()]


def test_grants_are_listed_one_by_one() -> None:
    exposure = bucket_exposure(bucket(PUBLIC_READ, CROSS, acl="public-read"), CONTEXT)
    assert [(g.location, g.most, g.certain) for g in exposure.grants] == [
        (LOC, P, True),
        (PUBLIC_READ.location, P, True),
        (CROSS.location, X, True),
    ]


def test_uncertain_grants_say_why() -> None:
    exposure = bucket_exposure(bucket(acl=hole("var.acl")), CONTEXT)
    (grant,) = exposure.grants
    assert (grant.least, grant.most, grant.from_acl) == (PR, P, True)
    assert any("var.acl" in note for note in grant.notes)


def test_account_block_applies_to_every_bucket() -> None:
    account = AccountPublicAccessBlock(block(False, False, True, True))
    assert bucket_exposure(bucket(PUBLIC_READ), CONTEXT, account).kind is PR
    assert bucket_exposure(bucket(PUBLIC_READ), CONTEXT, None).kind is P


@pytest.mark.parametrize(
    ("subject", "kind", "worst"),
    [
        pytest.param(
            bucket(PUBLIC_READ, pab=block(False, False, hole("var.b"))), U, P, id="unknown-switch"
        ),
        pytest.param(
            bucket(acl="public-read", ownership=hole("var.o")), U, P, id="unknown-ownership"
        ),
        pytest.param(bucket(acl=hole("var.acl")), U, P, id="unknown-acl"),
    ],
)
def test_unknown_bucket_settings(
    subject: S3Bucket, kind: ExposureKind, worst: ExposureKind
) -> None:
    exposure = bucket_exposure(subject, CONTEXT)
    assert (exposure.kind, exposure.worst) == (kind, worst)


# ---------------------------------------------------------------------------------------------
# Keys


def key(document: PolicyDocument | None) -> KmsKey:
    return KmsKey(RESOURCE, policy=document)


def test_key_without_policy_gets_the_default_policy() -> None:
    exposure = key_exposure(key(None), CONTEXT)
    assert exposure.kind is PR
    assert exposure.assumptions


def test_key_policy_verdicts() -> None:
    root = stmt({"AWS": f"arn:aws:iam::{OWN}:root"}, action="kms:*", resource="*")
    assert key_exposure(key(policy(root, kind=PolicyKind.KEY)), CONTEXT).kind is PR
    everyone = stmt(
        "*",
        action="kms:Decrypt",
        resource="*",
        conditions={"StringEquals": {"kms:ViaService": "s3.us-east-1.amazonaws.com"}},
    )
    assert key_exposure(key(policy(everyone, kind=PolicyKind.KEY)), CONTEXT).kind is P
    pinned = replace(
        everyone,
        conditions=(
            *everyone.conditions,
            Condition("StringEquals", "kms:CallerAccount", (Located(OWN, LOC),), LOC),
        ),
    )
    assert key_exposure(key(policy(pinned, kind=PolicyKind.KEY)), CONTEXT).kind is PR


# ---------------------------------------------------------------------------------------------
# Property: adding a public access block switch never makes a bucket more exposed

_RANK = {PR: 0, X: 1, P: 2}


def _range(exposure: Exposure) -> tuple[int, int]:
    floor = 0 if exposure.kind is U else _RANK[exposure.kind]
    return floor, _RANK[exposure.worst]


_switch = st.one_of(st.none(), st.booleans(), st.just(hole("var.switch")))
_statements = st.sampled_from(
    [
        PUBLIC_READ,
        CROSS,
        stmt({"AWS": OWN}),
        stmt(conditions={"IpAddress": {"aws:SourceIp": "203.0.113.0/24"}}),
        stmt(hole("var.p")),
        stmt(conditions={"StringEquals": {"aws:PrincipalOrgID": ORG}}),
    ]
)
_acls = st.sampled_from([None, "private", "public-read", "authenticated-read", hole("var.a")])
_ownerships = st.sampled_from([None, "ObjectWriter", "BucketOwnerEnforced", hole("var.o")])


@settings(max_examples=300, deadline=None)
@given(
    st.lists(_statements, max_size=3),
    st.lists(_switch, min_size=4, max_size=4),
    st.one_of(st.none(), st.lists(_switch, min_size=4, max_size=4)),
    _acls,
    _ownerships,
    st.integers(0, 3),
    st.booleans(),
)
def test_adding_a_switch_never_exposes_more(
    statements: list[Statement],
    own: list[bool | Unresolved | None],
    account: list[bool | Unresolved | None] | None,
    acl: str | Unresolved | None,
    ownership: str | Unresolved | None,
    which: int,
    on_account: bool,
) -> None:
    def verdict(
        own_switches: list[bool | Unresolved | None],
        account_switches: list[bool | Unresolved | None] | None,
    ) -> tuple[int, int]:
        subject = bucket(*statements, pab=block(*own_switches), acl=acl, ownership=ownership)
        account_block = (
            None if account_switches is None else AccountPublicAccessBlock(block(*account_switches))
        )
        return _range(bucket_exposure(subject, CONTEXT, account_block))

    before = verdict(own, account)
    if on_account:
        more = list(account or [None] * 4)
        more[which] = True
        after = verdict(own, more)
    else:
        more = list(own)
        more[which] = True
        after = verdict(more, account)
    assert after[0] <= before[0]
    assert after[1] <= before[1]


# ---------------------------------------------------------------------------------------------
# Grants that explicit settings neutralise, and the context of a deployment


@pytest.mark.parametrize(
    ("subject", "setting"),
    [
        pytest.param(bucket(acl="public-read", pab=block(True)), "BlockPublicAcls", id="block"),
        pytest.param(
            bucket(acl="public-read", pab=block(False, True)), "IgnorePublicAcls", id="ignore"
        ),
        pytest.param(
            bucket(acl="public-read", ownership="BucketOwnerEnforced"),
            "BucketOwnerEnforced",
            id="ownership",
        ),
        pytest.param(
            bucket(PUBLIC_READ, pab=block(False, False, True)), "BlockPublicPolicy", id="policy"
        ),
    ],
)
def test_neutralised_public_grants_are_listed(subject: S3Bucket, setting: str) -> None:
    exposure = bucket_exposure(subject, CONTEXT)
    assert exposure.kind is PR
    (grant,) = exposure.neutralised
    assert grant.most is P
    assert setting in grant.notes[0]


def test_private_grants_are_not_listed_as_neutralised() -> None:
    grants = [AclGrant("CanonicalUser", Located("abc", LOC), Located("READ", LOC), LOC)]
    exposure = bucket_exposure(bucket(grants=grants, ownership="BucketOwnerEnforced"), CONTEXT)
    assert exposure.neutralised == ()


def test_ip_restricted_grants_need_no_policy_block_change() -> None:
    narrow = stmt(conditions={"IpAddress": {"aws:SourceIp": "203.0.113.0/24"}})
    (grant,) = bucket_exposure(bucket(narrow, pab=None), CONTEXT).grants
    assert grant.network_restricted
    assert grant.requires == ()


@pytest.mark.parametrize(
    ("grantee_type", "grantee", "expected"),
    [
        pytest.param(
            "CanonicalUser", hole("data.aws_canonical_user_id.current.id"), (), id="owner-id"
        ),
        pytest.param("CanonicalUser", hole("var.partner"), ((PR, X),), id="unresolved-user"),
        pytest.param("AmazonCustomerByEmail", "partner@example.com", ((PR, X),), id="email"),
        pytest.param("Group", hole("var.group"), ((PR, P),), id="unresolved-group"),
    ],
)
def test_named_grantees(
    grantee_type: str,
    grantee: str | Unresolved,
    expected: tuple[tuple[ExposureKind, ExposureKind], ...],
) -> None:
    grant = AclGrant(grantee_type, Located(grantee, LOC), Located("READ", LOC), LOC)
    exposure = bucket_exposure(bucket(grants=[grant]), CONTEXT)
    assert tuple((g.least, g.most) for g in exposure.grants) == expected


def test_context_of_a_deployment() -> None:
    accounts = AccountSettings(
        organization_id=ORG,
        trusted_accounts=frozenset({TRUSTED}),
        deployments=(("prod/*", OWN), ("ou/*", "ou-ab12-cdefgh34")),
    )
    assert ExposureContext.deployed(accounts, "prod/main.tf") == CONTEXT
    assert ExposureContext.deployed(accounts, "ou/main.tf").account_id is None
