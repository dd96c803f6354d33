"""Principal and NotPrincipal matching (IAM User Guide: "AWS JSON policy elements: Principal",
"AWS JSON policy elements: NotPrincipal")."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from policyguard.iam.principals import (
    Principal,
    PrincipalKind,
    PrincipalMatch,
    Via,
    match_not_principal,
    match_principal,
    not_principal_applies,
)
from policyguard.iam.tristate import Tri
from policyguard.location import SourceLocation, Span
from policyguard.model.iam import PrincipalElement
from policyguard.model.values import Unresolved

LOC = SourceLocation("t.json", Span(1, 1, 1, 1), "x")

A = "111122223333"
B = "444455556666"

USER = Principal.of_arn(f"arn:aws:iam::{A}:user/division/alice")
SESSION = Principal.of_arn(f"arn:aws:sts::{A}:assumed-role/app/i-0abc")
ROLE = Principal.of_arn(f"arn:aws:iam::{A}:role/app")
FEDERATED_USER = Principal(
    kind=PrincipalKind.FEDERATED_USER,
    arn=f"arn:aws:sts::{A}:federated-user/bob",
    issuer_arn=f"arn:aws:iam::{A}:user/bob-broker",
)
ROOT = Principal.of_arn(A)
SERVICE = Principal.service("cloudtrail.amazonaws.com")
ANONYMOUS = Principal.anonymous()
WEB = Principal(kind=PrincipalKind.FEDERATED, arn="cognito-identity.amazonaws.com")
EVERY_PRINCIPAL = (USER, SESSION, ROLE, FEDERATED_USER, ROOT, SERVICE, ANONYMOUS, WEB)


def element(kind: str, value: str | Unresolved) -> PrincipalElement:
    return PrincipalElement(kind, value, LOC)


def aws(*values: str | Unresolved) -> tuple[PrincipalElement, ...]:
    return tuple(element("AWS", value) for value in values)


def hole(*parts: str | None) -> Unresolved:
    return Unresolved.of_parts("${var.p}", "a variable", parts)


# ---------------------------------------------------------------------------------------------
# The requesting principal


def test_principal_of_arn_reads_kind_account_and_issuer() -> None:
    assert USER.kind is PrincipalKind.USER
    assert USER.account == A
    assert SESSION.kind is PrincipalKind.ASSUMED_ROLE
    assert SESSION.issuer_arn == f"arn:aws:iam::{A}:role/app"
    assert ROOT.arn == f"arn:aws:iam::{A}:root"
    assert ROOT.kind is PrincipalKind.ROOT
    assert Principal.of_arn(f"arn:aws-cn:iam::{A}:role/x").account == A


@pytest.mark.parametrize(
    "text",
    ["arn:aws:s3:::bucket", "AROAEXAMPLEID", f"arn:aws:iam::{A}:policy/p", f"arn:aws:iam::{A}:"],
)
def test_principal_of_arn_refuses_what_is_no_principal(text: str) -> None:
    with pytest.raises(ValueError, match="not the ARN"):
        Principal.of_arn(text)


def test_explicit_issuer_is_kept() -> None:
    role = f"arn:aws:iam::{A}:role/service-role/app"
    session = Principal(
        kind=PrincipalKind.ASSUMED_ROLE, arn=f"arn:aws:sts::{A}:assumed-role/app/s", issuer_arn=role
    )
    assert session.issuer_arn == role


# ---------------------------------------------------------------------------------------------
# Principal


@pytest.mark.parametrize("principal", EVERY_PRINCIPAL, ids=lambda p: p.kind.value)
@pytest.mark.parametrize("elements", [(element("*", "*"),), aws("*")], ids=["star", "aws-star"])
def test_star_names_everyone(principal: Principal, elements: tuple[PrincipalElement, ...]) -> None:
    match = match_principal(elements, principal)
    assert match.everyone is Tri.TRUE
    assert match.direct is Tri.TRUE


@pytest.mark.parametrize("value", [A, f"arn:aws:iam::{A}:root"])
@pytest.mark.parametrize(
    ("principal", "expected"),
    [
        (USER, Tri.TRUE),
        (SESSION, Tri.TRUE),
        (ROLE, Tri.TRUE),
        (FEDERATED_USER, Tri.TRUE),
        (ROOT, Tri.TRUE),
        (Principal.of_arn(f"arn:aws:iam::{B}:user/alice"), Tri.FALSE),
        (SERVICE, Tri.FALSE),
        (ANONYMOUS, Tri.FALSE),
        (WEB, Tri.FALSE),
    ],
    ids=lambda p: getattr(p, "describe", lambda: str(p))(),
)
def test_account_names_every_iam_identity_of_the_account(
    value: str, principal: Principal, expected: Tri
) -> None:
    match = match_principal(aws(value), principal)
    assert match.account is expected
    assert match.direct is Tri.FALSE  # an account delegates, it does not grant directly


@pytest.mark.parametrize(
    ("value", "principal", "via"),
    [
        (f"arn:aws:iam::{A}:user/division/alice", USER, Via.IDENTITY),
        (f"arn:aws:iam::{A}:user/alice", USER, Via.IDENTITY),  # names are unique, paths aside
        (f"arn:aws:sts::{A}:assumed-role/app/i-0abc", SESSION, Via.IDENTITY),
        (f"arn:aws:iam::{A}:role/app", SESSION, Via.ISSUER),
        (f"arn:aws:iam::{A}:role/service-role/app", SESSION, Via.ISSUER),
        (f"arn:aws:iam::{A}:role/app", ROLE, Via.ISSUER),
        (f"arn:aws:sts::{A}:federated-user/bob", FEDERATED_USER, Via.IDENTITY),
        (f"arn:aws:iam::{A}:user/bob-broker", FEDERATED_USER, Via.ISSUER),
    ],
)
def test_arn_names_the_identity_or_its_issuer(value: str, principal: Principal, via: Via) -> None:
    match = match_principal(aws(value), principal)
    assert match.by(via) is Tri.TRUE
    assert [v for v in Via if match.by(v) is Tri.TRUE] == [via]


@pytest.mark.parametrize(
    ("value", "principal"),
    [
        (f"arn:aws:iam::{A}:user/bob", USER),
        (f"arn:aws:iam::{B}:user/division/alice", USER),
        (f"arn:aws:sts::{A}:assumed-role/app/other-session", SESSION),
        (f"arn:aws:iam::{A}:role/other", SESSION),
        (f"arn:aws:iam::{A}:role/*", SESSION),  # no partial wildcards in principals
        (f"arn:aws:iam::{A}:user/*", USER),
        ("AROAEXAMPLEUNIQUEID", SESSION),  # a deleted role's unique id names nobody
        (f"arn:aws:iam::{A}:role/app", USER),
        (f"arn:aws:iam::{A}:user/division/alice", SERVICE),
        ("not an arn", USER),
    ],
)
def test_arn_names_nobody_else(value: str, principal: Principal) -> None:
    assert match_principal(aws(value), principal).any is Tri.FALSE


def test_session_arn_may_name_some_session_of_a_role() -> None:
    match = match_principal(aws(f"arn:aws:sts::{A}:assumed-role/app/any"), ROLE)
    assert match.identity is Tri.UNKNOWN
    other_role = match_principal(aws(f"arn:aws:sts::{A}:assumed-role/db/any"), ROLE)
    assert other_role.any is Tri.FALSE


@pytest.mark.parametrize(
    ("elements", "principal", "expected"),
    [
        ((element("Service", "cloudtrail.amazonaws.com"),), SERVICE, Tri.TRUE),
        ((element("Service", "CloudTrail.amazonaws.com"),), SERVICE, Tri.TRUE),
        ((element("Service", "logs.amazonaws.com"),), SERVICE, Tri.FALSE),
        ((element("Service", "cloudtrail.amazonaws.com"),), USER, Tri.FALSE),
        ((element("Federated", "cognito-identity.amazonaws.com"),), WEB, Tri.TRUE),
        ((element("Federated", "accounts.google.com"),), WEB, Tri.FALSE),
        ((element("Federated", "cognito-identity.amazonaws.com"),), USER, Tri.FALSE),
        ((element("CanonicalUser", "79a59df900b949e5"),), ANONYMOUS, Tri.FALSE),
    ],
)
def test_service_federated_and_canonical_user(
    elements: tuple[PrincipalElement, ...], principal: Principal, expected: Tri
) -> None:
    assert match_principal(elements, principal).any is expected


def test_canonical_user_names_the_account_of_iam_identities() -> None:
    user = Principal(
        kind=PrincipalKind.USER, arn=f"arn:aws:iam::{A}:user/alice", canonical_user="79a59df9"
    )
    match = match_principal((element("CanonicalUser", "79a59df9"),), user)
    assert match.account is Tri.TRUE
    assert match.direct is Tri.FALSE


def test_principal_list_takes_the_best_of_its_elements() -> None:
    elements = aws(f"arn:aws:iam::{B}:root", f"arn:aws:iam::{A}:role/app", A)
    match = match_principal(elements, SESSION)
    assert (match.issuer, match.account, match.identity) == (Tri.TRUE, Tri.TRUE, Tri.FALSE)
    assert match.any is Tri.TRUE


@pytest.mark.parametrize(
    ("value", "principal", "expected"),
    [
        (hole(None), USER, PrincipalMatch(Tri.UNKNOWN, Tri.UNKNOWN, Tri.FALSE, Tri.UNKNOWN)),
        (hole("arn:aws:iam::", None, ":root"), USER, PrincipalMatch(account=Tri.UNKNOWN)),
        (hole("arn:aws:iam::", None, ":root"), SERVICE, PrincipalMatch()),
        (hole(f"arn:aws:iam::{B}:", None), USER, PrincipalMatch()),
        (hole(f"arn:aws:iam::{A}:role/", None), USER, PrincipalMatch()),
        (hole(f"arn:aws:iam::{A}:role/", None), SESSION, PrincipalMatch(issuer=Tri.UNKNOWN)),
        (
            hole(f"arn:aws:sts::{A}:assumed-role/app/", None),
            ROLE,
            PrincipalMatch(identity=Tri.UNKNOWN),
        ),
    ],
)
def test_unresolved_aws_principal_is_unknown_unless_its_known_parts_decide(
    value: Unresolved, principal: Principal, expected: PrincipalMatch
) -> None:
    assert match_principal(aws(value), principal) == expected


def test_unresolved_whole_principal_may_name_anyone() -> None:
    whole = (element("*", hole(None)),)
    for principal in EVERY_PRINCIPAL:
        assert match_principal(whole, principal).any is Tri.UNKNOWN
        assert match_principal(whole, principal).direct is Tri.UNKNOWN


def test_unresolved_service_name() -> None:
    elements = (element("Service", hole(None, ".amazonaws.com")),)
    assert match_principal(elements, SERVICE).identity is Tri.UNKNOWN
    assert match_principal(elements, USER).any is Tri.FALSE


def test_iam_principal_of_unknown_arn_in_a_known_account() -> None:
    someone = Principal(kind=PrincipalKind.USER, account=A)
    assert match_principal(aws(f"arn:aws:iam::{A}:user/x"), someone).identity is Tri.UNKNOWN
    assert match_principal(aws(f"arn:aws:iam::{B}:user/x"), someone).any is Tri.FALSE
    assert match_principal(aws(A), someone).account is Tri.TRUE
    nowhere = Principal(kind=PrincipalKind.USER)
    assert match_principal(aws(A), nowhere).account is Tri.UNKNOWN


# ---------------------------------------------------------------------------------------------
# NotPrincipal


def test_not_principal_exempts_a_session_only_with_account_role_and_session() -> None:
    # The example of the NotPrincipal page: account, role and session are all listed.
    full = aws(
        f"arn:aws:sts::{A}:assumed-role/app/i-0abc",
        f"arn:aws:iam::{A}:role/app",
        f"arn:aws:iam::{A}:root",
    )
    assert match_not_principal(full, SESSION) is Tri.TRUE
    assert not_principal_applies(full, SESSION, deny=True) is Tri.FALSE
    for partial in (full[:2], full[1:], (full[0], full[2])):
        assert not_principal_applies(partial, SESSION, deny=True) is Tri.TRUE
    other_session = Principal.of_arn(f"arn:aws:sts::{A}:assumed-role/app/other")
    assert not_principal_applies(full, other_session, deny=True) is Tri.TRUE


def test_not_principal_exempts_a_user_only_with_its_account() -> None:
    user_only = aws(f"arn:aws:iam::{A}:user/division/alice")
    assert not_principal_applies(user_only, USER, deny=True) is Tri.TRUE
    with_account = aws(f"arn:aws:iam::{A}:user/division/alice", A)
    assert not_principal_applies(with_account, USER, deny=True) is Tri.FALSE
    assert not_principal_applies(with_account, ROOT, deny=True) is Tri.FALSE  # the account
    bob = Principal.of_arn(f"arn:aws:iam::{A}:user/bob")
    assert not_principal_applies(with_account, bob, deny=True) is Tri.TRUE


def test_not_principal_with_deny_always_applies_to_principals_with_a_boundary() -> None:
    with_account = aws(f"arn:aws:iam::{A}:user/division/alice", A)
    assert not_principal_applies(with_account, USER, deny=True, has_boundary=True) is Tri.TRUE
    assert not_principal_applies(with_account, USER, deny=False, has_boundary=True) is Tri.FALSE


def test_not_principal_of_services_and_anonymous() -> None:
    service = (element("Service", "cloudtrail.amazonaws.com"),)
    assert not_principal_applies(service, SERVICE, deny=True) is Tri.FALSE
    assert not_principal_applies(service, USER, deny=True) is Tri.TRUE
    assert not_principal_applies(service, ANONYMOUS, deny=True) is Tri.TRUE
    assert not_principal_applies(aws("*"), ANONYMOUS, deny=True) is Tri.FALSE


def test_unresolved_not_principal_is_unknown() -> None:
    unknown = aws(hole(None))
    assert not_principal_applies(unknown, USER, deny=True) is Tri.UNKNOWN
    ruled_out = aws(hole(f"arn:aws:iam::{B}:", None))
    assert not_principal_applies(ruled_out, USER, deny=True) is Tri.TRUE


# ---------------------------------------------------------------------------------------------
# Properties

_VALUES = st.sampled_from(
    [
        "*",
        A,
        B,
        f"arn:aws:iam::{A}:root",
        f"arn:aws:iam::{A}:user/division/alice",
        f"arn:aws:iam::{A}:role/app",
        f"arn:aws:sts::{A}:assumed-role/app/i-0abc",
        f"arn:aws:sts::{A}:federated-user/bob",
        f"arn:aws:iam::{B}:role/app",
    ]
)
_ELEMENTS = st.lists(
    st.one_of(
        _VALUES.map(lambda value: element("AWS", value)),
        st.sampled_from(["cloudtrail.amazonaws.com", "s3.amazonaws.com"]).map(
            lambda value: element("Service", value)
        ),
        st.just(element("AWS", hole("arn:aws:iam::", None))),
    ),
    max_size=4,
)
_PRINCIPALS = st.sampled_from(EVERY_PRINCIPAL)
_ORDER = {Tri.FALSE: 0, Tri.UNKNOWN: 1, Tri.TRUE: 2}


@given(_ELEMENTS, _ELEMENTS, _PRINCIPALS)
def test_more_principals_name_no_fewer(
    first: list[PrincipalElement], more: list[PrincipalElement], principal: Principal
) -> None:
    before = match_principal(first, principal)
    after = match_principal(first + more, principal)
    for via in Via:
        assert _ORDER[after.by(via)] >= _ORDER[before.by(via)]


@given(_ELEMENTS, _ELEMENTS, _PRINCIPALS, st.booleans())
def test_longer_not_principal_applies_to_no_more(
    first: list[PrincipalElement],
    more: list[PrincipalElement],
    principal: Principal,
    has_boundary: bool,
) -> None:
    before = not_principal_applies(first, principal, deny=True, has_boundary=has_boundary)
    after = not_principal_applies(first + more, principal, deny=True, has_boundary=has_boundary)
    assert _ORDER[after] <= _ORDER[before]
